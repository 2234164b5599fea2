"""The brief format's JSON Schema as a file of the site, at a URL editors can point at.

MkDocs copies a generated file that is not Markdown as it is, so the schema
lands at `<site>/schema/brief.json`, beside the docs that explain it. The
content is `briefgen/schema.json` byte for byte: one schema, two places.
"""

from __future__ import annotations

from importlib.resources import files as package_files

from briefgen.write.urls import SCHEMA_PATH, OutputFile


def schema_file() -> OutputFile:
    """The JSON Schema of a brief, at its stable path in the site."""
    return OutputFile(
        SCHEMA_PATH, package_files("briefgen").joinpath("schema.json").read_text(encoding="utf-8")
    )
