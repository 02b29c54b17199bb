"""Build the book with Jupyter Book 1: notebooks executed with a cache, warnings as errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .errors import FrontlineError
from .paths import Project


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
    env = dict(os.environ, PYDEVD_DISABLE_FILE_VALIDATION="1", PYTHONHASHSEED="0")
    result = subprocess.run(cmd, cwd=project.root, env=env)
    if result.returncode != 0:
        raise FrontlineError(
            f"the book build failed (exit {result.returncode}); see the warnings above",
            project.root / "_config.yml",
        )
    return project.html / "index.html"
