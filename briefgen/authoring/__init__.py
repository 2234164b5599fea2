"""Authoring: the `briefgen` command and the tools contributors use (check, new, find, draft, export)."""
