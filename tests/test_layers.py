"""The package's folders are its stages, and imports run one way: read → analyse → write → build.

The ground (model, units, problems, syntax) imports no stage; read imports only the
ground; analyse nothing from write or build; write nothing from build; the
authoring tools and the plugin sit on top, and only the plugin imports MkDocs.
A module added tomorrow is covered the day it is added: every file is read.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "briefgen"
GROUND = {"model", "units", "problems", "syntax", "sitemap", "provenance", "__init__"}

# What each layer may import, besides the ground, itself and the standard library.
ALLOWED: dict[str, set[str]] = {
    "ground": set(),
    "read": set(),
    "analyse": {"read"},
    "write": {"read", "analyse"},
    "build": {"read", "analyse", "write"},
    "authoring": {"read", "analyse", "write", "build"},
    "plugin": {"read", "analyse", "write", "build"},
}


def layer_of(module: str) -> str:
    """The layer of a dotted module name inside briefgen ("briefgen.read.load" → "read")."""
    parts = module.split(".")[1:]
    if parts[:1] == ["__main__"]:  # `python -m briefgen`: the command, on top
        return "authoring"
    if not parts or parts[0] in GROUND:
        return "ground"
    return parts[0]


def imports_of(path: Path, package: Path) -> list[tuple[int, str]]:
    """Every briefgen module a file imports (at any depth: function-level imports count), with its line."""
    here = ".".join(("briefgen", *path.relative_to(package).with_suffix("").parts))
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved against this module's package
                anchor = here.split(".")[: -node.level]
                base = ".".join([*anchor, base] if base else anchor)
            # `from briefgen import read` names a layer by its attribute
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name == "briefgen" or name.startswith("briefgen.")
            or name == "mkdocs" or name.startswith("mkdocs.")]


def violations(package: Path) -> list[str]:
    """Every import that runs against the flow, as `file:line: layer imports module`."""
    wrong = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        module = ".".join(("briefgen", *rel.with_suffix("").parts))
        mine = layer_of(module)
        for line, name in imports_of(path, package):
            if name.startswith("mkdocs"):
                if mine != "plugin":
                    wrong.append(f"{rel}:{line}: {mine} imports {name} (only the plugin imports MkDocs)")
                continue
            if name == "briefgen":
                continue
            theirs = layer_of(name)
            if theirs not in ("ground", mine) and theirs not in ALLOWED[mine]:
                wrong.append(f"{rel}:{line}: {mine} imports {name} ({theirs})")
    return wrong


def test_every_import_runs_with_the_flow() -> None:
    assert violations(PACKAGE) == []


def test_the_folders_are_the_stages() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert {"read", "analyse", "write", "build", "authoring"} <= folders
    loose = {p.stem for p in PACKAGE.glob("*.py")}
    assert loose == GROUND | {"plugin", "__main__"}, "a module outside the stages: give it a folder"


def test_a_read_module_importing_a_write_module_is_caught(tmp_path: Path) -> None:
    copy = tmp_path / "briefgen"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    load = copy / "read" / "load.py"
    load.write_text(load.read_text(encoding="utf-8") + "\nfrom briefgen.write import urls\n",
                    encoding="utf-8")
    analyse = copy / "analyse" / "index.py"
    analyse.write_text(analyse.read_text(encoding="utf-8") + "\n\ndef f():\n    from ..build import steps\n",
                       encoding="utf-8")
    ground = copy / "model.py"
    ground.write_text(ground.read_text(encoding="utf-8") + "\nimport briefgen.read.load\n", encoding="utf-8")
    found = violations(copy)
    assert any(v.startswith("read/load.py:") and "briefgen.write" in v for v in found)
    assert any(v.startswith("analyse/index.py:") and "briefgen.build.steps" in v for v in found)
    assert any(v.startswith("model.py:") and "briefgen.read.load" in v for v in found)
    assert len(found) == 3


def test_only_the_plugin_loads_mkdocs_or_matplotlib_on_import() -> None:
    # Run, not only read: a dependency that pulls MkDocs in is caught too.
    modules = sorted(".".join(("briefgen", *p.relative_to(PACKAGE).with_suffix("").parts))
                     for p in PACKAGE.rglob("*.py") if p.stem not in ("plugin", "__main__"))
    modules = [m.removesuffix(".__init__") for m in modules]
    assert {"briefgen.read.load", "briefgen.analyse.index", "briefgen.write.templating",
            "briefgen.build.steps", "briefgen.authoring.cli"} <= set(modules)
    code = (
        "import sys, importlib\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')))\n"
        "print('matplotlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.splitlines() == ["[]", "False"]
