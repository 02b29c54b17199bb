"""nbgrader's exchange, for a course on JupyterHub: release a quiz into it, collect what learners
submitted, and release their feedback pages for them to fetch. Each step is nbgrader's own exchange
(so the learners' Assignments tab, `nbgrader list` and the formgrader all agree); the folder it uses
is `c.Exchange.root` in the course's nbgrader_config.py. No step runs anything a learner wrote."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import FrontlineError
from ..files import atomic_write
from ..paths import Project
from .course import _check, _config, submissions
from .store import engine_url

# What nbgrader's submit puts beside the notebook, and its feedback release needs beside the page.
STAMPS = ("timestamp.txt", "submission_secret.txt")


def _api(course: Path, db_url: str | None):
    """nbgrader's API on the course's configuration; a re-release replaces the old copy."""
    import logging

    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = _config(course)
    # `postgresql://` in the course's configuration means psycopg 3 here, as in `frontline grade`.
    config.CourseDirectory.db_url = engine_url(db_url or CourseDirectory(config=config).db_url)
    config.ExchangeReleaseAssignment.force = True
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    api.log.setLevel(logging.WARNING)  # collect warns of a submission written by another account
    return api


def exchange_root(course: Path, db_url: str | None = None) -> Path:
    """The exchange folder the course's nbgrader_config.py names (nbgrader's default otherwise)."""
    api = _api(course, db_url)
    return Path(api.exchange.ReleaseAssignment(coursedir=api.coursedir, parent=api).root)


def release_to_exchange(project: Project, quiz_id: str, db_url: str | None = None) -> Path:
    """Put the released quiz (`frontline release` makes it) where learners fetch it on the hub."""
    course = project.course
    if not (course / "release" / quiz_id).is_dir():
        raise FrontlineError(f"{quiz_id} is not released yet: run `frontline release {quiz_id}`", course)
    api = _api(course, db_url)
    root = exchange_root(course, db_url)
    _check(api.release_assignment(quiz_id), "release to the exchange", root)
    return root / api.coursedir.course_id / "outbound" / quiz_id


def _stamps(course: Path, quiz_id: str) -> dict[str, str | None]:
    out = {}
    for learner in submissions(course, quiz_id):
        try:
            out[learner] = (course / "submitted" / learner / quiz_id / "timestamp.txt").read_text().strip()
        except (OSError, UnicodeDecodeError):
            out[learner] = None
    return out


OWNER = re.compile(r"claims to be submitted by (\S+) but is owned by (\S+);")


def collect(project: Project, quiz_id: str, db_url: str | None = None) -> tuple[list[str], list[str]]:
    """Copy each learner's latest submission from the exchange into submitted/<learner>/<quiz>/.
    Returns the learners whose submission is new or newer than the one already collected, and a
    warning for each submission written by another machine account than the learner's own (on
    a hub where every learner has their own account, someone submitted under another's name)."""
    course = project.course
    before = _stamps(course, quiz_id)
    root = exchange_root(course, db_url)
    result = _api(course, db_url).collect(quiz_id, update=True)
    _check(result, "collect from the exchange", root)
    after = _stamps(course, quiz_id)
    warnings = [
        f"{learner}'s submission was written by the account {owner}: check who submitted it"
        for learner, owner in OWNER.findall(result.get("log") or "")
    ]
    return sorted(learner for learner, stamp in after.items() if before.get(learner, "") != stamp), warnings


def release_feedback(project: Project, quiz_id: str, db_url: str | None = None) -> list[str]:
    """Hand every feedback page of a submission that came through the exchange back to it, where
    only that learner's own fetch finds it (its name is a hash of their submission's secret).
    Returns those learners; a submission copied in by hand has no secret and is left out."""
    course = project.course
    ready = []
    for learner in submissions(course, quiz_id):
        submitted = course / "submitted" / learner / quiz_id
        feedback = course / "feedback" / learner / quiz_id
        if not (feedback / f"{quiz_id}.html").is_file():
            continue
        try:
            stamps = {name: (submitted / name).read_text(encoding="utf-8") for name in STAMPS}
        except (OSError, UnicodeDecodeError):
            continue
        for name, text in stamps.items():
            atomic_write(feedback / name, text)
        ready.append(learner)
    if not ready:
        return []
    api = _api(course, db_url)
    others = sorted({p.parent.name for p in (course / "feedback").glob(f"*/{quiz_id}")} - set(ready))
    api.coursedir.student_id_exclude = ",".join(others)
    _check(api.release_feedback(quiz_id), "release feedback to the exchange", exchange_root(course, db_url))
    return ready
