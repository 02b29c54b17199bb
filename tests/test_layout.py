"""The package's layout holds: each part imports only the parts its `__init__` docstring allows
("May import: ..."), the shared helpers import no part, and nothing imports the command."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import shutil
import subprocess
from pathlib import Path

import frontline

PACKAGE = Path(frontline.__file__).parent
ROOT = PACKAGE.parents[1]
# Modules that stood at the top of the package before it had parts.
OLD_MODULES = (
    "bank modules national datasets exercises kits build sphinxext widgets selfcheck figures pageweight "
    "course quiz_notebook literal_grading restore grade_store grade_exports grade_summary feedback "
    "nbgrader_steps nbgrader_export limits rlimits leaks printable cards workshop report stats responses "
    "check"
).split()


def parts(package: Path) -> dict[str, set[str]]:
    """Each part and the parts it may import, read from its `__init__` docstring."""
    allowed = {}
    inits = sorted(package.glob("*/__init__.py"))
    names = {init.parent.name for init in inits}
    for init in inits:
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        line = re.search(r"^May import: (.*)$", doc, re.M)
        assert line, f"{init}: the docstring must say which parts it may import ('May import: ...')"
        allowed[init.parent.name] = set(re.findall(r"[a-z]+", line.group(1))) & names
    return allowed


def imports(path: Path, package: Path) -> list[tuple[int, str]]:
    """Every import of a frontline module in a file, lazy ones included, as absolute names."""
    module = ["frontline", *path.relative_to(package).with_suffix("").parts]
    if module[-1] == "__init__":
        module.pop()
    here = module if path.name == "__init__.py" else module[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "frontline"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if name.split(".")[0] == "frontline":
                # `from . import x` names a module too
                names = [name] if node.module else [f"{name}.{a.name}" for a in node.names]
                found += [(node.lineno, n) for n in names]
    return found


def violations(package: Path) -> list[str]:
    allowed = parts(package)
    found = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        mine = rel.parts[0] if len(rel.parts) > 1 else None  # None: a top-level module
        for line, name in imports(path, package):
            target = name.split(".")[1] if "." in name else ""
            if target == "cli":
                ok = False
            elif target in allowed:  # a part
                ok = (
                    (mine is None and rel.name == "cli.py")
                    or target == mine
                    or target in allowed.get(mine, ())
                )
            else:  # a shared helper at the top
                ok = True
            if not ok:
                who = f"part {mine}" if mine else f"shared helper {rel.name}"
                may = ", ".join(sorted(allowed.get(mine, ()))) or "no part"
                found.append(f"{rel}:{line}: imports {name}, but {who} may import {may}")
    return found


def test_every_part_imports_only_the_parts_below_it():
    assert set(parts(PACKAGE)) == {"content", "grading", "printed", "book", "reports", "dist", "checks"}
    assert violations(PACKAGE) == []


def test_a_planted_upward_import_is_caught(tmp_path: Path):
    copy = tmp_path / "frontline"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    bank = copy / "content" / "bank.py"
    bank.write_text(bank.read_text() + "\n\ndef _planted():\n    from ..grading import course\n")
    helper = copy / "files.py"
    helper.write_text(helper.read_text() + "\nfrom frontline.reports.stats import thirds\n")
    found = violations(copy)
    assert any(v.startswith("content/bank.py:") and "imports frontline.grading," in v for v in found), found
    assert any(v.startswith("files.py:") and "shared helper files.py" in v for v in found), found
    assert len(found) == 2


def test_every_module_imports():
    names = [m.name for m in pkgutil.walk_packages([str(PACKAGE)], "frontline.")]
    assert "frontline.grading.pipeline" in names
    for name in names:
        importlib.import_module(name)


def test_no_old_module_path_is_left():
    """No file of the project names a module where it stood before the parts."""
    old = re.compile(r"frontline\.(" + "|".join(OLD_MODULES) + r")\b")
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    hits = []
    for name in filter(None, tracked):
        path = ROOT / name
        if (
            path.suffix not in {".py", ".md", ".yml", ".yaml", ".toml", ".cfg", ".txt", ""}
            or not path.is_file()
        ):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if old.search(line):
                hits.append(f"{name}:{n}: {line.strip()}")
    assert hits == []
