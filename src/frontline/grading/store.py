"""Results into nbgrader's own gradebook (so the formgrader, `nbgrader generate_feedback` and
`nbgrader export` keep working), plus one table beside nbgrader's that holds each submission's
status, reasons and the digest of what was graded. One learner is one transaction: a grader killed
part-way leaves every learner either fully recorded or not at all, and the digest lets a re-run
skip what is done. Several graders may share one PostgreSQL gradebook: a clash on a new row is
rolled back and retried, and a submission already recorded with the same digest is left alone."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Column, MetaData, String, Table, Text, delete, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from ..errors import FrontlineError
from .literal_grading import Outcome, Reason, Status

STATUS = Table(
    "frontline_status",
    MetaData(),
    Column("assignment", String(128), primary_key=True),
    Column("student", String(128), primary_key=True),
    Column("status", String(16), nullable=False),
    # JSON: {"reasons": [...], "flags": {item id: reason}, "answers": {item id: digest of its text},
    # "keyed": [...], "keyed_flags": {item id: ...}}: reasons and flags in English for the instructor,
    # and as Reason.data() for a learner's page in their language (records from before have none).
    Column("reasons", Text, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("graded_at", String(32), nullable=False),
)


@dataclass
class Recorded:
    status: Status
    reasons: list[Reason] = field(default_factory=list)
    flags: dict[str, Reason] = field(default_factory=dict)
    digest: str = ""


def engine_url(url: str) -> str:
    """`postgresql://` means psycopg2 to SQLAlchemy; this project ships psycopg 3."""
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme) :]
    return url


# What a driver's message means, and what the instructor should check: first match wins.
_UNREACHABLE = (
    ("password authentication failed", "the server refused the password: check the user and password"),
    ("no password supplied", "the server asks for a password: put it in the URL or in ~/.pgpass"),
    ('role "', "the server does not know this user: check the user name in the URL"),
    ('database "', "no such database on the server: create it (createdb) or correct its name in the URL"),
    ("connection refused", "nothing answers there: check that the server is running, and the host and port"),
    ("timeout", "the server did not answer in time: check the host, the port and the network"),
    ("could not translate host name", "unknown host: check the host name in the URL"),
    ("unable to open database file", "cannot open the file: check that its folder exists and is writable"),
)


def _why(err: Exception) -> str:
    text = str(getattr(err, "orig", None) or err).lower()
    for words, advice in _UNREACHABLE:
        if words in text:
            return advice
    first = str(getattr(err, "orig", None) or err).strip().splitlines()
    return first[0] if first else type(err).__name__


def connect_or_explain(db_url: str) -> None:
    """Reach the gradebook once before anything is graded or written, so that a server that is down,
    a wrong password or a missing database is one line that names the URL (never its password)."""
    from sqlalchemy import create_engine, make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

    try:
        url = make_url(db_url)
    except ArgumentError:
        raise FrontlineError("the gradebook is not a database URL (e.g. postgresql://user@host/db)") from None
    shown = url.render_as_string(hide_password=True)
    try:
        engine = create_engine(
            url, connect_args={"connect_timeout": 10} if url.get_backend_name() == "postgresql" else {}
        )
        try:
            with engine.connect():
                pass
        finally:
            engine.dispose()
    except NoSuchModuleError:
        raise FrontlineError(f"gradebook {shown}: unknown kind of database {url.drivername!r}") from None
    except SQLAlchemyError as err:
        raise FrontlineError(f"gradebook {shown}: cannot open it: {_why(err)}") from None


def open_gradebook(db_url: str, course_id: str = "frontline"):
    """nbgrader's Gradebook (it creates its own tables first), with the status table beside them."""
    from nbgrader.api import Gradebook

    connect_or_explain(engine_url(db_url))
    gb = Gradebook(engine_url(db_url), course_id)
    try:
        STATUS.create(gb.engine, checkfirst=True)
    except DBAPIError:  # another grader created it at the same moment
        if not has_status_table(gb.engine):
            raise
    return gb


def has_status_table(engine) -> bool:
    from sqlalchemy import inspect

    return STATUS.name in inspect(engine).get_table_names()


def recorded(gb, quiz_id: str) -> dict[str, Recorded]:
    """What is on record for every learner of this quiz."""
    rows = gb.db.execute(select(STATUS).where(STATUS.c.assignment == quiz_id)).mappings()
    out = {}
    for row in rows:
        detail = json.loads(row["reasons"])
        keyed, keyed_flags = detail.get("keyed"), detail.get("keyed_flags") or {}
        if not isinstance(keyed, list) or len(keyed) != len(detail["reasons"]):
            keyed = detail["reasons"]  # recorded before reasons had keys: kept as written
        reasons = [Reason.of(k, line) for k, line in zip(keyed, detail["reasons"], strict=True)]
        flags = {item: Reason.of(keyed_flags.get(item), line) for item, line in detail["flags"].items()}
        out[row["student"]] = Recorded(row["status"], reasons, flags, row["digest"])
    gb.db.rollback()  # end the read transaction: PostgreSQL would otherwise hold it open
    return out


def _mirror(assignment, student, timestamp):
    """A new submission with a Grade and Comment for every cell, as nbgrader's add_submission makes
    it, but left uncommitted so that the learner's whole record is one transaction."""
    from nbgrader.api import Comment, Grade, SubmittedAssignment, SubmittedNotebook

    sub = SubmittedAssignment(assignment=assignment, student=student, timestamp=timestamp)
    for notebook in assignment.notebooks:
        nb = SubmittedNotebook(notebook=notebook, assignment=sub)
        for cell in notebook.grade_cells:
            Grade(cell_id=cell.id, notebook=nb)
        for cell in notebook.solution_cells:
            Comment(cell_id=cell.id, notebook=nb)
        for cell in notebook.task_cells:
            Comment(cell_id=cell.id, notebook=nb)
            Grade(cell_id=cell.id, notebook=nb)
    return sub


def answer_digests(answers: dict[str, str]) -> dict[str, str]:
    return {k: hashlib.sha256(v.encode()).hexdigest()[:16] for k, v in answers.items()}


def _write(gb, quiz_id: str, learner: str, outcome: Outcome, digest: str, timestamp, answers: dict[str, str]):
    from nbgrader.api import Student, SubmittedAssignment

    db = gb.db
    row = db.execute(
        select(STATUS.c.digest, STATUS.c.reasons).where(
            STATUS.c.assignment == quiz_id, STATUS.c.student == learner
        )
    ).first()
    if row is not None and row.digest == digest:
        db.rollback()
        return False  # recorded already, by an earlier run or another grader
    # A person's mark stands only for an answer whose text is the one they marked.
    before = json.loads(row.reasons).get("answers", {}) if row is not None else {}
    now = answer_digests(answers)
    unchanged = {item for item, h in now.items() if before.get(item) == h}
    # The learner's status row first: from here on this grader holds the learner. Another grader
    # with the same submission waits on the row's key, then fails to insert, looks again and finds
    # it recorded; so each submission is recorded by exactly one grader.
    db.execute(
        delete(STATUS).where(
            STATUS.c.assignment == quiz_id, STATUS.c.student == learner, STATUS.c.digest != digest
        )
    )
    db.execute(
        insert(STATUS).values(
            assignment=quiz_id,
            student=learner,
            status=outcome.status,
            reasons=json.dumps(
                {
                    "reasons": [str(r) for r in outcome.reasons],
                    "flags": {item: str(r) for item, r in outcome.flags.items()},
                    "answers": now,
                    "keyed": [Reason.of(r).data() for r in outcome.reasons],
                    "keyed_flags": {item: Reason.of(r).data() for item, r in outcome.flags.items()},
                },
                sort_keys=True,
            ),
            digest=digest,
            graded_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    )
    assignment = gb.find_assignment(quiz_id)
    student = db.get(Student, learner)
    if student is None:
        student = Student(id=learner)
        db.add(student)
    sub = (
        db.query(SubmittedAssignment)
        .filter(SubmittedAssignment.assignment_id == assignment.id, SubmittedAssignment.student_id == learner)
        .one_or_none()
    )
    if outcome.status == "failed":
        if sub is not None:
            db.delete(sub)  # its grades belonged to a submission the learner has replaced
    else:
        if sub is None:
            with db.no_autoflush:
                sub = _mirror(assignment, student, timestamp)
            db.add(sub)
        elif timestamp is not None:
            sub.timestamp = timestamp
        names = {c.id: c.name for nb in assignment.notebooks for c in (*nb.grade_cells, *nb.task_cells)}
        for nb in sub.notebooks:
            for grade in nb.grades:
                item = names.get(grade.cell_id)
                if item not in outcome.scores:
                    continue
                score = outcome.scores[item]
                grade.auto_score = score
                grade.needs_manual_grade = item in outcome.flags
                if item not in unchanged:
                    grade.manual_score = None  # a person's mark belonged to an answer now replaced
                elif grade.manual_score is not None:
                    grade.needs_manual_grade = False  # the same answer, already marked by a person
    db.commit()
    return True


def record(
    gb, quiz_id: str, learner: str, outcome: Outcome, digest: str, timestamp=None, answers=None
) -> bool:
    """Record one learner's result; False when the same submission was on record already.
    `answers`: each item's answer text, so a person's mark survives a resubmission that kept it."""
    for _ in range(4):
        try:
            return _write(gb, quiz_id, learner, outcome, digest, timestamp, answers or {})
        except IntegrityError:
            gb.db.rollback()  # another grader wrote this learner first: look again
    return _write(gb, quiz_id, learner, outcome, digest, timestamp, answers or {})
