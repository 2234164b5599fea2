"""`python -m briefgen`: the same as the `briefgen` command."""

from __future__ import annotations

import sys

from briefgen.authoring.cli import main

sys.exit(main())
