"""Grades out of the gradebook, each with its status: our own CSV (a column per item), one shaped
for Moodle's CSV grade import, one for Canvas's gradebook import, and a plugin that gives
`nbgrader export` the same status column. A score is left blank, never 0, when there is nothing to
score (failed) or a person still has to look (needs review) in the files a learning platform
imports; blank means "no grade yet" to both platforms."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.bank import Quiz
from ..files import atomic_write, csv_text
from .literal_grading import Reason, describe
from .store import recorded

NOT_ON_RECORD = Reason("not_on_record")


@dataclass
class Row:
    learner: str
    status: str
    reasons: list[Reason]
    score: float | None = None
    items: dict[str, float | None] = field(default_factory=dict)  # None: waits for a person
    name: tuple[str, str] = ("", "")  # first, last, if the gradebook has them
    email: str = ""

    @property
    def final(self) -> float | None:
        return self.score if self.status == "graded" else None


def _marks(gb, quiz_id: str) -> dict[str, dict[str, tuple[float | None, bool]]]:
    """learner -> item -> (score, waits for a person), in one query."""
    from nbgrader.api import Assignment, BaseCell, Grade, SubmittedAssignment, SubmittedNotebook

    query = (
        gb.db.query(
            SubmittedAssignment.student_id,
            BaseCell.name,
            Grade.auto_score,
            Grade.manual_score,
            Grade.extra_credit,
            Grade.needs_manual_grade,
        )
        .join(SubmittedNotebook, SubmittedNotebook.id == Grade.notebook_id)
        .join(SubmittedAssignment, SubmittedAssignment.id == SubmittedNotebook.assignment_id)
        .join(Assignment, Assignment.id == SubmittedAssignment.assignment_id)
        .join(BaseCell, BaseCell.id == Grade.cell_id)
        .filter(Assignment.name == quiz_id)
    )
    out: dict[str, dict[str, tuple[float | None, bool]]] = {}
    for learner, item, auto, manual, extra, waiting in query:
        score = manual if manual is not None else auto
        if score is not None and extra:
            score += extra
        out.setdefault(learner, {})[item] = (score, bool(waiting))
    gb.db.rollback()
    return out


def rows(gb, quiz: Quiz, learners: list[str]) -> list[Row]:
    """Each learner's status now: a person's marks in the formgrader clear "needs review"."""
    from nbgrader.api import Student

    on_record = recorded(gb, quiz.id)
    marks = _marks(gb, quiz.id)
    people = {s.id: s for s in gb.db.query(Student).filter(Student.id.in_(learners))} if learners else {}
    numbers = {item.id: n for n, item in enumerate(quiz.items, start=1)}
    out = []
    for learner in learners:
        rec = on_record.get(learner)
        person = people.get(learner)
        row = Row(learner, "failed", [NOT_ON_RECORD])
        if person is not None:
            row.name = (person.first_name or "", person.last_name or "")
            row.email = person.email or ""
        if rec is not None and rec.status == "failed":
            row.reasons = rec.reasons
        elif rec is not None and learner in marks:
            got = {i.id: marks[learner].get(i.id, (None, True)) for i in quiz.items}
            row.items = {item: None if wait else score for item, (score, wait) in got.items()}
            waiting = [i for i in quiz.items if got[i.id][1]]
            row.score = sum(s for s in row.items.values() if s is not None)
            row.status = "needs review" if waiting else "graded"
            row.reasons = [rec.flags.get(i.id) or Reason("waits", question=numbers[i.id]) for i in waiting]
        out.append(row)
    return out


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def table_csv(quiz: Quiz, table: list[Row]) -> str:
    """Ours: total (provisional while a person still has to look), status, reason, every item."""
    header = [
        "learner",
        "quiz",
        "score",
        "max_score",
        "percent",
        "status",
        "reason",
        *(i.id for i in quiz.items),
    ]
    body = []
    for r in table:
        percent = f"{100 * r.score / quiz.max_score:.1f}" if r.score is not None and quiz.max_score else ""
        items = [_fmt(r.items.get(i.id)) for i in quiz.items]
        body.append(
            [
                r.learner,
                quiz.id,
                _fmt(r.score),
                _fmt(quiz.max_score),
                percent,
                r.status,
                describe(r.reasons),
                *items,
            ]
        )
    return csv_text(header, body)


def _status_text(r: Row) -> str:
    return r.status + (f": {describe(r.reasons)}" if r.reasons else "")


def moodle_csv(quiz: Quiz, table: list[Row]) -> str:
    """Moodle's "Import grades > CSV file": map Username (or Email address) to the user, the quiz
    column to the grade item, and Feedback to its feedback. Status is for the instructor."""
    header = ["Username", "Email address", quiz.title, "Feedback", "Status"]
    body = [[r.learner, r.email, _fmt(r.final), _status_text(r), r.status] for r in table]
    return csv_text(header, body)


def canvas_csv(quiz: Quiz, table: list[Row]) -> str:
    """Canvas's gradebook import: the learner id as SIS User ID and SIS Login ID, a Points Possible
    row, then the quiz column. Canvas would make an assignment of the Status column: delete that
    column before import once you have read it."""
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", quiz.title, "Status"]
    body = [["Points Possible", "", "", "", "", _fmt(quiz.max_score), ""]]
    for r in table:
        first, last = r.name
        student = f"{last}, {first}" if first and last else r.learner
        body.append([student, "", r.learner, r.learner, "", _fmt(r.final), _status_text(r)])
    return csv_text(header, body)


FORMATS = {
    "csv": ("{quiz}.csv", table_csv),
    "moodle": ("{quiz}-moodle.csv", moodle_csv),
    "canvas": ("{quiz}-canvas.csv", canvas_csv),
}


def export_all(course: Path, quiz: Quiz, table: list[Row]) -> dict[str, Path]:
    folder = course / "grades"
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for key, (name, render) in FORMATS.items():
        paths[key] = folder / name.format(quiz=quiz.id)
        atomic_write(paths[key], render(quiz, table))
    return paths
