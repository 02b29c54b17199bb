"""Release and grade quizzes with nbgrader's own API, in nbgrader's own folder layout."""

from __future__ import annotations

import csv
import io
import logging
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .bank import Quiz, load_bank
from .errors import FrontlineError
from .paths import Project
from .quiz_notebook import write_source

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


def _api(course: Path):
    """An NbGraderAPI configured from the course's nbgrader_config.py (imported late: slow)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = _config(course)
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


def release(project: Project, quiz_id: str) -> Path:
    """Generate the source notebook from the bank, then nbgrader's release version of it."""
    quiz = load_bank(project).quiz(quiz_id)
    source = write_source(project.course, quiz)
    api = _api(project.course)
    _check(api.generate_assignment(quiz_id, force=True, create=True), "generate_assignment", source)
    released = project.course / "release" / quiz_id / f"{quiz_id}.ipynb"
    if not released.is_file():
        raise FrontlineError("nbgrader wrote no released notebook", released)
    return released


@dataclass
class GradeReport:
    quiz: Quiz
    graded: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # learner -> one-line reason
    csv_path: Path | None = None


def submissions(course: Path, quiz_id: str) -> list[str]:
    """Learner ids with a submission of this quiz, in nbgrader's `submitted/<learner>/<quiz>/`."""
    folder = course / "submitted"
    return sorted(p.parent.name for p in folder.glob(f"*/{quiz_id}") if p.is_dir())


def _needs_autograde(course: Path, quiz_id: str, learner: str) -> bool:
    submitted = course / "submitted" / learner / quiz_id
    autograded = course / "autograded" / learner / quiz_id
    if not autograded.is_dir():
        return True
    newest = max((p.stat().st_mtime for p in submitted.rglob("*") if p.is_file()), default=0.0)
    graded = min((p.stat().st_mtime for p in autograded.rglob("*.ipynb")), default=0.0)
    return newest > graded


def grade(project: Project, quiz_id: str) -> GradeReport:
    """Autograde every submission, write feedback, export grades. A submission that cannot be
    graded is reported by name and left untouched; it is never scored zero."""
    quiz = load_bank(project).quiz(quiz_id)
    course = project.course
    learners = submissions(course, quiz_id)
    if not learners:
        raise FrontlineError(f"no submissions of {quiz_id} (expected submitted/<learner>/{quiz_id}/)", course)
    api = _api(course)
    if not (course / "release" / quiz_id).is_dir():
        release(project, quiz_id)
    report = GradeReport(quiz)
    for learner in learners:
        # Autograde again only what is new or resubmitted: re-autograding resets a grader's marks.
        fresh = _needs_autograde(course, quiz_id, learner)
        result = api.autograde(quiz_id, learner, force=fresh, create=True)
        if not result.get("success"):
            report.failed[learner] = reason(result)
            continue
        _check(
            api.generate_feedback(quiz_id, learner, force=True),
            "generate_feedback",
            course / "autograded" / learner / quiz_id,
        )
        make_offline(course / "feedback" / learner / quiz_id)
        report.graded.append(learner)
    report.csv_path = export_grades(course, quiz, learners, report.failed, api.coursedir.db_url)
    return report


EXTERNAL_SCRIPT = re.compile(r"<script[^>]*\bsrc=\"(?:https?:)?//[^\"]*\"[^>]*>\s*</script>\s*")


def make_offline(folder: Path) -> None:
    """nbgrader's feedback template loads MathJax from a CDN; quizzes have no mathematics, and
    learners may read their feedback offline, so the page loads nothing from elsewhere."""
    for page in folder.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(EXTERNAL_SCRIPT.sub("", text), encoding="utf-8")


def _fmt(score: float | None) -> str:
    return "" if score is None else f"{score:g}"


def grades_table(db_url: str, quiz: Quiz, learners: list[str], failed: dict[str, str]) -> str:
    """One row per learner: total, status and a column per item (empty where not yet marked)."""
    from nbgrader.api import Gradebook, MissingEntry

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["learner", "quiz", "score", "max_score", "percent", "status", *(i.id for i in quiz.items)]
    )
    with Gradebook(db_url) as gb:
        for learner in learners:
            try:
                sub = None if learner in failed else gb.find_submission(quiz.id, learner)
            except MissingEntry:
                sub = None
            if sub is None:
                reason = failed.get(learner, "no record in the gradebook")
                blank = [""] * len(quiz.items)
                writer.writerow([learner, quiz.id, "", quiz.max_score, "", f"not graded: {reason}", *blank])
                continue
            scores = []
            for item in quiz.items:
                try:
                    g = gb.find_grade(item.id, quiz.id, quiz.id, learner)
                    # Empty, not 0, while a written answer waits for its grader.
                    scores.append("" if g.needs_manual_grade else _fmt(g.score))
                except MissingEntry:
                    scores.append("")
            status = "needs manual grading" if sub.needs_manual_grade else "graded"
            percent = f"{100 * sub.score / sub.max_score:.1f}" if sub.max_score else ""
            writer.writerow(
                [learner, quiz.id, _fmt(sub.score), _fmt(sub.max_score), percent, status, *scores]
            )
    return out.getvalue()


def export_grades(course: Path, quiz: Quiz, learners: list[str], failed: dict[str, str], db_url: str) -> Path:
    path = course / "grades" / f"{quiz.id}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(grades_table(db_url, quiz, learners, failed), encoding="utf-8")
    return path
