"""Build the book with Jupyter Book 1: notebooks executed with a cache, warnings as errors."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..errors import FrontlineError
from ..paths import Project

# What the book is made from, besides the package's code: a change to any of these is a reason to build.
BOOK_INPUTS = ("_config.yml", "_toc.yml", "national.yaml", "book", "modules", "assessments/bank", "assets")
ENVIRONMENT = ("pyproject.toml", "constraints.txt", "assets/package-lock.json")
SKIP = {"node_modules", "__pycache__", ".ipynb_checkpoints"}


def _tree_digest(digest, root: Path, names) -> None:
    for name in names:
        top = root / name
        paths = [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []
        for path in paths:
            if path.is_file() and not SKIP.intersection(path.relative_to(root).parts):
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())


PACKAGE = Path(__file__).parents[1]


def inputs_digest(project: Project) -> str:
    """A digest of what notebook outputs depend on besides the notebooks: the data, the exercises
    and the code that draws them. Jupyter-cache keys on notebook text alone, so without this a
    changed dataset would leave a stale figure in the book."""
    digest = hashlib.sha256()
    _tree_digest(
        digest,
        project.root,
        [project.data.relative_to(project.root), project.exercises.relative_to(project.root)],
    )
    _tree_digest(digest, PACKAGE.parent, [PACKAGE.name])
    return digest.hexdigest()


def _refresh_if_inputs_changed(project: Project) -> bool:
    """Drop the execution cache when the inputs changed; True when it was dropped."""
    stamp = project.build / ".frontline-inputs"
    digest = inputs_digest(project)
    if stamp.is_file() and stamp.read_text() == digest:
        return False
    shutil.rmtree(project.build / ".jupyter_cache", ignore_errors=True)
    return True


def _record_inputs(project: Project) -> None:
    project.build.mkdir(exist_ok=True)
    (project.build / ".frontline-inputs").write_text(inputs_digest(project))


def book_digest(project: Project) -> str:
    """Every input of a build: the sources, the data, the bank, the front-end pins, this package's
    code and the Python that runs it. Equal digests give byte-identical books."""
    digest = hashlib.sha256(sys.version.encode())
    _tree_digest(digest, project.root, BOOK_INPUTS + ENVIRONMENT)
    _tree_digest(digest, PACKAGE.parent, [PACKAGE.name])
    return digest.hexdigest()


def output_digest(project: Project) -> str:
    digest = hashlib.sha256()
    _tree_digest(digest, project.html, sorted(p.name for p in project.html.iterdir()))
    return digest.hexdigest()


def _stamp(project: Project) -> Path:
    return project.build / ".frontline-book"


def up_to_date(project: Project) -> bool:
    """True when the last build's inputs are unchanged and its output is still as it wrote it."""
    stamp = _stamp(project)
    if not stamp.is_file() or not (project.html / "index.html").is_file():
        return False
    return stamp.read_text().split() == [book_digest(project), output_digest(project)]


def build_env() -> dict[str, str]:
    """The environment of every book build, release or preview: stable widget ids and hash order,
    so that the execution cache they share only ever holds reproducible outputs."""
    return dict(
        os.environ, PYDEVD_DISABLE_FILE_VALIDATION="1", PYTHONHASHSEED="0", FRONTLINE_STABLE_WIDGET_IDS="1"
    )


def build(project: Project, quiet: bool = False, force: bool = False) -> tuple[Path, bool]:
    """Build the book unless nothing changed since the last build; returns the index page and
    whether a build ran."""
    if not (project.node_modules / "@jupyter-widgets" / "html-manager").is_dir():
        raise FrontlineError(
            "front-end files missing: run `npm ci --prefix assets` (make book does)",
            project.node_modules,
        )
    if not force and up_to_date(project):
        return project.html / "index.html", False
    _stamp(project).unlink(missing_ok=True)
    cmd = [
        sys.executable,
        "-c",
        "import sys; from jupyter_book.cli.main import main; sys.exit(main())",
        "build",
        str(project.root),
        "--builder",
        "html",
        "--warningiserror",
        "--keep-going",
    ]
    if quiet:
        cmd.append("--quiet")
    # Write every page and a fresh search index each time: Sphinx's incremental index keeps
    # entries for words that are gone, so a rebuild would differ from a clean build.
    _refresh_if_inputs_changed(project)
    cmd.append("--all")
    (project.html / "searchindex.js").unlink(missing_ok=True)
    result = subprocess.run(cmd, cwd=project.root, env=build_env())
    if result.returncode != 0:
        raise FrontlineError(
            f"the book build failed (exit {result.returncode}); see the warnings above",
            project.root / "_config.yml",
        )
    _record_inputs(project)
    _stamp(project).write_text(f"{book_digest(project)}\n{output_digest(project)}\n")
    return project.html / "index.html", True
