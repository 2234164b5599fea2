"""The hostile-case tables together: at least 150 named cases, each with its
expected outcome (a located problem, or accepted as harmless)."""

from __future__ import annotations

from tests.authoring.test_cli_limits import test_hostile_command_arguments_are_refused_with_a_message as cli
from tests.read.test_hostile import CASES
from tests.read.test_hostile_data import ACCEPTED, DATA_CASES
from tests.read.test_hostile_settings import SETTING_CASES


def test_there_are_at_least_150_hostile_cases_each_named_once() -> None:
    cli_cases = [mark.args[1] for mark in cli.pytestmark if mark.name == "parametrize"][0]
    names = ([c.name for c in CASES] + [c.name for c in DATA_CASES] + [c.name for c in SETTING_CASES]
             + sorted(ACCEPTED))
    assert len(set(names)) == len(names)
    assert len(names) + len(cli_cases) >= 150
