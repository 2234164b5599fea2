"""What the output was made with: digests of code and the versions of the libraries it imports.

Cache keys are derived from these, never bumped by hand: a cached chart or
kept site made by other code, or with another version of a library that
shapes it, is never found again.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import re
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent

# Libraries whose code draws: a module that imports one (at any depth) is drawing code.
DRAWING_LIBRARIES = frozenset({"matplotlib", "networkx", "textalloc"})


@functools.cache
def drawing_digest() -> str:
    """A digest of the code that turns a chart's data into SVG (the modules of write/ that import a
    drawing library, the briefgen modules they import, the data files beside them) and of the
    versions of every library that code imports."""
    write = PACKAGE / "write"
    imports = {path.stem: _imports(path) for path in sorted(write.glob("*.py"))}
    drawing = {name for name, found in imports.items() if found & DRAWING_LIBRARIES}
    # ...and the briefgen modules of write/ they lean on, at any depth.
    grown = True
    while grown:
        needed = {dep for name in drawing for dep in imports[name] if dep in imports} - drawing
        drawing |= needed
        grown = bool(needed)
    digest = hashlib.sha256()
    for name in sorted(drawing):
        digest.update(name.encode() + b"\0" + (write / f"{name}.py").read_bytes())
    for data in sorted(write.glob("*.json")):
        digest.update(data.name.encode() + b"\0" + data.read_bytes())
    libraries = {lib for name in drawing for lib in imports[name]} - set(imports) - {"briefgen"}
    for distribution, version in library_versions(libraries):
        digest.update(f"{distribution}=={version}".encode() + b"\0")
    return digest.hexdigest()


def _imports(path: Path) -> set[str]:
    """Top-level names a module imports (briefgen's own write/ modules by their stem)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[:2] == ["briefgen", "write"]:
                found |= {parts[2]} if len(parts) > 2 else {alias.name for alias in node.names}
            else:
                found.add(parts[0])
    return found


def library_versions(modules: Iterable[str]) -> list[tuple[str, str]]:
    """(distribution, version) of each installed distribution that provides one of `modules`;
    the standard library provides none."""
    providers = metadata.packages_distributions()
    found = set()
    for module in modules:
        for distribution in providers.get(module, ()):
            try:
                found.add((distribution.lower(), metadata.version(distribution)))
            except metadata.PackageNotFoundError:
                continue
    return sorted(found)


def runtime_dependencies() -> list[tuple[str, str]]:
    """(distribution, version) of every library briefgen itself requires (pyproject's
    `dependencies`), as installed; "(missing)" for one that is not."""
    try:
        required = metadata.requires("briefgen") or []
    except metadata.PackageNotFoundError:
        required = []
    names = sorted({re.split(r"[\s;<>=!~\[(]", line, maxsplit=1)[0].lower()
                    for line in required if "extra ==" not in line})
    versions = []
    for name in names:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, "(missing)"))
    return versions
