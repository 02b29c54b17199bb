"""Build the book with Jupyter Book 1: notebooks executed with a cache, warnings as errors."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .errors import FrontlineError
from .paths import Project


def inputs_digest(project: Project) -> str:
    """A digest of what notebook outputs depend on besides the notebooks: the data, the exercises
    and the code that draws them. Jupyter-cache keys on notebook text alone, so without this a
    changed dataset would leave a stale figure in the book."""
    digest = hashlib.sha256()
    folders = [project.data, project.exercises, Path(__file__).parent]
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(f"{folder.name}/{path.relative_to(folder)}".encode())
            digest.update(path.read_bytes())
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


def build(project: Project, quiet: bool = False) -> Path:
    if not (project.node_modules / "@jupyter-widgets" / "html-manager").is_dir():
        raise FrontlineError(
            "front-end files missing: run `npm ci --prefix assets` (make book does)",
            project.node_modules,
        )
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
    env = dict(
        os.environ, PYDEVD_DISABLE_FILE_VALIDATION="1", PYTHONHASHSEED="0", FRONTLINE_STABLE_WIDGET_IDS="1"
    )
    result = subprocess.run(cmd, cwd=project.root, env=env)
    if result.returncode != 0:
        raise FrontlineError(
            f"the book build failed (exit {result.returncode}); see the warnings above",
            project.root / "_config.yml",
        )
    return project.html / "index.html"
