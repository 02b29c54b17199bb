"""The course in nbgrader's own folder layout: its configuration, releases and submissions."""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

from ..content.bank import load_bank
from ..content.languages import language, source_language
from ..errors import FrontlineError
from ..paths import Project
from .quiz_notebook import language_folder, release_path, write_source, written_stub
from .quiz_page import write_page
from .quiz_words import quiz_languages

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


def release(project: Project, quiz_id: str, db_url: str | None = None, lang: str | None = None) -> Path:
    """Generate the source notebook from the bank, then nbgrader's release version of it, and the
    quiz page beside it for learners without Jupyter. With `lang` (a translation), the same in
    that language: see `_release_translation`."""
    source_lang = source_language(project).code
    if lang is not None and lang != source_lang:
        return _release_translation(project, quiz_id, language(project, lang).code)
    bank = load_bank(project)
    quiz = bank.quiz(quiz_id)
    source = write_source(project.course, quiz)
    api = _api(project.course, db_url)
    _check(api.generate_assignment(quiz_id, force=True, create=True), "generate_assignment", source)
    released = release_path(project.course, quiz_id)
    if not released.is_file():
        raise FrontlineError("nbgrader wrote no released notebook", released)
    write_page(quiz, released, bank)
    return released


def _release_translation(project: Project, quiz_id: str, lang: str) -> Path:
    """nbgrader's own release (locked cells, hidden tests and marking schemes removed, checksums)
    of the quiz in `lang`, under the SAME assignment and notebook name, from the translation's own
    source folder into its own release folder (`translations/<lang>/source|release/<quiz>/`).

    nbgrader records a release in its gradebook: the assignment, its notebook and the text of
    every locked cell. The course's gradebook keeps the source language's record (its grade cells,
    ids and points, are the same in every language), and this release records into a scratch
    gradebook that is thrown away: the course sees one assignment, whatever language each learner
    took it in, and `frontline grade` grades every submission in its own language."""
    import tempfile

    if lang not in quiz_languages():
        raise FrontlineError(
            f"a quiz cannot be released in {lang!r} yet: add its words to frontline.grading.quiz_words"
        )
    english = load_bank(project)
    bank = load_bank(project, lang)
    quiz = bank.quiz(quiz_id)
    course = project.course
    source = write_source(course, quiz, lang)
    with tempfile.TemporaryDirectory(prefix="frontline-release-") as scratch:
        api = _api(course, f"sqlite:///{Path(scratch) / 'gradebook.db'}")
        api.coursedir.source_directory = language_folder("source", lang)
        api.coursedir.release_directory = language_folder("release", lang)
        api.config.ClearSolutions.text_stub = written_stub(lang)
        _check(api.generate_assignment(quiz_id, force=True, create=True), "generate_assignment", source)
    released = release_path(course, quiz_id, lang)
    if not released.is_file():
        raise FrontlineError("nbgrader wrote no released notebook", released)
    from .leaks import scan

    leaks = scan([released], english, bank)
    if leaks:
        released.unlink()
        raise FrontlineError(f"release refused: {leaks[0]}")
    write_page(quiz, released, english, lang, bank)
    return released


def submissions(course: Path, quiz_id: str) -> list[str]:
    """Learner ids with a submission of this quiz, in nbgrader's `submitted/<learner>/<quiz>/`."""
    folder = course / "submitted"
    return sorted(p.parent.name for p in folder.glob(f"*/{quiz_id}") if p.is_dir())
