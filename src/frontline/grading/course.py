"""The course in nbgrader's own folder layout: its configuration, releases and submissions."""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

from ..content.bank import load_bank
from ..errors import FrontlineError
from ..paths import Project
from .quiz_notebook import write_source
from .quiz_page import write_page

CONFIG = "nbgrader_config.py"


def _config(course: Path):
    """The course's nbgrader configuration, with nbgrader's own tools first on PATH."""
    from traitlets.config.loader import PyFileConfigLoader

    if not course.is_dir():
        raise FrontlineError("course directory not found", course)
    if not (course / CONFIG).is_file():
        raise FrontlineError(f"no {CONFIG} in the course directory", course)
    try:
        config = PyFileConfigLoader(CONFIG, path=str(course)).load_config()
    except Exception as err:  # the file is Python: any error can come out of it
        raise FrontlineError(f"cannot load: {type(err).__name__}: {err}", course / CONFIG) from None
    config.CourseDirectory.root = str(course)
    # nbgrader runs `alembic` and kernels by name: make those beside this Python the ones it finds.
    bindir = str(Path(sys.executable).parent)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    return config


def _api(course: Path, db_url: str | None = None):
    """An NbGraderAPI configured from the course's nbgrader_config.py (imported late: slow)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = _config(course)
    if db_url:
        config.CourseDirectory.db_url = db_url
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    api.log.setLevel(logging.ERROR)
    return api


ERROR_LINE = re.compile(r"^\s*([\w.]+(?:Error|Exception|Invalid)\w*): (.+)$", re.M)


def reason(result: dict) -> str:
    """The most telling line of an nbgrader failure: the first real exception, not its summary."""
    text = f"{result.get('log') or ''}\n{result.get('error') or ''}"
    for name, message in ERROR_LINE.findall(text):
        if not name.endswith("NbGraderException"):
            return f"{name.rsplit('.', 1)[-1]}: {message.strip()}"
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "unknown error"


def db_url(course: Path) -> str:
    """The gradebook the course's nbgrader_config.py names (SQLite in the course folder by default)."""
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=_config(course)).db_url


def _check(result: dict, what: str, path: Path) -> None:
    if not result.get("success"):
        raise FrontlineError(f"{what} failed: {reason(result)}", path)


def release(project: Project, quiz_id: str, db_url: str | None = None) -> Path:
    """Generate the source notebook from the bank, then nbgrader's release version of it, and the
    quiz page beside it for learners without Jupyter."""
    bank = load_bank(project)
    quiz = bank.quiz(quiz_id)
    source = write_source(project.course, quiz)
    api = _api(project.course, db_url)
    _check(api.generate_assignment(quiz_id, force=True, create=True), "generate_assignment", source)
    released = project.course / "release" / quiz_id / f"{quiz_id}.ipynb"
    if not released.is_file():
        raise FrontlineError("nbgrader wrote no released notebook", released)
    write_page(quiz, released, bank)
    return released


def submissions(course: Path, quiz_id: str) -> list[str]:
    """Learner ids with a submission of this quiz, in nbgrader's `submitted/<learner>/<quiz>/`."""
    folder = course / "submitted"
    return sorted(p.parent.name for p in folder.glob(f"*/{quiz_id}") if p.is_dir())
