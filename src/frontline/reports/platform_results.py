"""Results back from learning platforms, for quizzes given there from `grading.platforms`' exports:
Moodle's quiz "Responses" report and Canvas's quiz "Student Analysis" report, both downloaded as
CSV. Each answer is mapped back, by the item's place in the quiz and the option's text, to the
letters a learner would type, and scored against the bank exactly like answers on paper, so a
quiz reports the same whichever way it was taken.

Moodle's Responses report (mod/quiz/report/responses; its columns in
mod/quiz/classes/local/reports/attempts_report.php and last_responses_table.php): "Last name" (or
"Surname"), "First name", the identity fields (by default "Email address"), "Status" (or "State"),
"Started", "Completed", "Duration", "Grade/<max>", then "Response 1", "Response 2"... in the quiz's
order (and "Question N", "Right answer N" if chosen, ignored here). A response is the option's
text, "True" or "False", or for an ordering item the steps in the learner's order joined by "; ",
each cut to its first 7 characters and "..." (qtype_ordering's summarise_response); "-" or
nothing is no answer. Only finished attempts count. The report has no marks per question, so
written items are left out (with a note): their marks are in Moodle's gradebook. Learners are
known by email address (else ID number, else username, else name).

Canvas's Student Analysis (canvas-lms app/models/quizzes/quiz_statistics/student_analysis.rb):
"name", "id", ["sis_id"], ["root_account"], "section", "section_id", ["section_sis_id"],
"submitted", ["attempt"], then two columns per question: "<Canvas question id>: <question text>"
holding the answer's text, and one headed by the question's points, holding the points given; then
"n correct", "n incorrect", "score". A matching answer (our ordering items) reads
"<step>=><position>,<step>=><position>..." with "," and "=>" inside a text escaped by a backslash.
Written items take the points a grader gave in Canvas; grade them all before downloading, as an
ungraded essay reads as 0. Learners are known by Canvas user id.

A row or column that cannot be mapped raises FrontlineError naming the file, the row or column and
what is wrong, in one line. The platforms' own words ("Finished", "True", "Response") are read in
English: download the reports with the site in English.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable
from pathlib import Path

from ..content.bank import Quiz, QuizItem, plain
from ..errors import FrontlineError
from ..grading.platforms import shown_options
from .responses import Note, Responses, _paper_cell

MOODLE_RESPONSE = re.compile(r"^Response (\S+)$")
MOODLE_FINISHED = "finished"
MOODLE_NO_ANSWER = {"", "-"}
MOODLE_LEARNER = ("Email address", "ID number", "Username")
MOODLE_STATUS = ("Status", "State")
CANVAS_QUESTION = re.compile(r"^(\d+): ?(.*)$", re.S)
CANVAS_TAIL = ["n correct", "n incorrect", "score"]
ELLIPSIS = "..."


def _short(text: str, limit: int = 40) -> str:
    """A cell or header for a one-line message."""
    text = plain(text)
    return text if len(text) <= limit else text[: limit - 3] + ELLIPSIS


def _read(path: Path) -> list[list[str]]:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise FrontlineError(f"cannot read: {err.strerror}", path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FrontlineError("not UTF-8 text: download the report as CSV (comma separated)", path) from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:
        raise FrontlineError(f"not a CSV file: {err}", path) from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise FrontlineError("row 1: no header row", path)
    return rows


def _norm(text: str) -> str:
    return plain(html.unescape(text)).casefold()


def _letter(item: QuizItem, text: str, truncated: bool = False) -> str:
    """The letter of the option shown as `text` (or, when the platform cut it short, starting
    with it); ValueError says what is wrong."""
    shown = {letter: _norm(t) for letter, t in shown_options(item).items()}
    wanted = _norm(text)
    if truncated and wanted.endswith(ELLIPSIS):
        stem = wanted[: -len(ELLIPSIS)].rstrip()
        found = [letter for letter, t in shown.items() if t.startswith(stem) and stem]
    else:
        found = [letter for letter, t in shown.items() if t == wanted]
    if len(found) == 1:
        return found[0]
    what = "steps" if item.type == "ordering" else "options"
    if found:
        raise ValueError(f"{_short(text)!r} fits more than one of the {what} of {item.id}")
    raise ValueError(f"{_short(text)!r} is not one of the {what} of {item.id}")


def _score(item: QuizItem, letters: str) -> tuple[float, str | None]:
    """(score, letters typed) for letters read from a platform, scored as on paper."""
    return _paper_cell(item, letters)


def _add_rows(
    responses: Responses,
    path: Path,
    rows: list[list[str]],
    learner: Callable[[list[str], int], str],
    cell: Callable[[QuizItem, list[str], int], tuple[float, str | None]],
    keep: Callable[[list[str]], bool] = lambda row: True,
) -> int:
    """Every data row into `responses`; the number of rows left out by `keep`."""
    header = rows[0]
    skipped = 0
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            raise FrontlineError(f"row {number}: {len(row)} cells, the header has {len(header)}", path)
        if not keep(row):
            skipped += 1
            continue
        who = learner(row, number)
        if who in responses.learners:
            raise FrontlineError(
                f"row {number}: learner {who!r} appears twice (download one attempt per learner)", path
            )
        scores, typed = [], []
        for item in responses.items:
            score, chosen = cell(item, row, number)
            scores.append(score)
            typed.append(chosen)
        responses.add(who, scores, typed, f"{path}: row {number}")
    return skipped


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        if name in header:
            return header.index(name)
    return None


# Moodle -----------------------------------------------------------------------------------------


def _moodle_letters(item: QuizItem, raw: str) -> str:
    value = raw.strip()
    if value in MOODLE_NO_ANSWER:
        return ""
    if item.type == "ordering":
        return "".join(_letter(item, part, truncated=True) for part in value.split("; "))
    return _letter(item, value)


def from_moodle_responses(quiz: Quiz, csv_path: Path) -> Responses:
    """A quiz's answers from Moodle's Responses report (CSV), scored against the bank."""
    path = Path(csv_path)
    rows = _read(path)
    header = [h.strip() for h in rows[0]]
    columns = [n for n, h in enumerate(header) if MOODLE_RESPONSE.match(h)]
    if len(columns) != len(quiz.items):
        raise FrontlineError(
            f"row 1: {len(columns)} 'Response N' columns, but quiz {quiz.id} has {len(quiz.items)} "
            "questions (download the Responses report of this quiz, with responses shown)",
            path,
        )
    who = _column(header, MOODLE_LEARNER)
    names = [_column(header, (n,)) for n in ("First name", "Last name", "Surname")]
    if who is None and names[0] is None:
        raise FrontlineError("row 1: no 'Email address', 'ID number', 'Username' or name column", path)
    status = _column(header, MOODLE_STATUS)
    column_of = dict(zip((i.id for i in quiz.items), columns, strict=True))
    written = [i for i in quiz.items if not i.autograded]
    responses = Responses(quiz, [i for i in quiz.items if i.autograded])
    for item in written:
        responses.notes.append(
            Note(
                "{item} is left out: Moodle's Responses report has no marks for written answers.",
                item=item.id,
            )
        )

    def learner(row: list[str], number: int) -> str:
        if who is not None:
            value = row[who].strip()
            if not value:
                raise FrontlineError(f"row {number}, column {header[who]!r}: no learner", path)
            return value
        parts = [row[n].strip() for n in names if n is not None]
        if not any(parts):
            raise FrontlineError(f"row {number}, column 'First name': no learner", path)
        return " ".join(p for p in parts if p)

    def cell(item: QuizItem, row: list[str], number: int) -> tuple[float, str | None]:
        n = column_of[item.id]
        try:
            return _score(item, _moodle_letters(item, row[n]))
        except ValueError as err:
            raise FrontlineError(f"row {number}, column {header[n]!r} ({item.id}): {err}", path) from None

    def finished(row: list[str]) -> bool:
        return status is None or row[status].strip().casefold() == MOODLE_FINISHED

    skipped = _add_rows(responses, path, rows, learner, cell, finished)
    if skipped:
        responses.notes.append(Note("{count} attempt(s) not finished are left out.", count=skipped))
    return responses


# Canvas -----------------------------------------------------------------------------------------


def _split(text: str, sep: str) -> list[str]:
    """Split at `sep` not escaped by a backslash, and unescape."""
    parts = re.split(rf"(?<!\\){re.escape(sep)}", text)
    return [p.replace("\\" + sep, sep) for p in parts]


def _canvas_order(item: QuizItem, raw: str) -> tuple[float, str | None]:
    """An ordering item, given as a Canvas matching question: each step matched to its place."""
    size = len(item.letters)
    valid = [str(p) for p in range(1, size + 1)]
    places: dict[str, int] = {}
    for piece in _split(raw.strip(), ","):
        if not piece.strip():
            continue
        parts = _split(piece, "=>")
        if len(parts) < 2:
            raise ValueError(f"{_short(piece)!r} is not 'step=>place'")
        letter, place = _letter(item, "=>".join(parts[:-1])), parts[-1].strip()
        if place and place not in valid:
            raise ValueError(f"{_short(piece)!r}: the place must be one of {', '.join(valid)}")
        if place:
            places[letter] = int(place)
    if not places:
        return 0.0, None
    order = "".join(sorted(places, key=lambda x: places[x]))
    if sorted(places.values()) == list(range(1, size + 1)):
        return _score(item, order)
    # Steps left without a place, or two steps in one place: not an order, so no points.
    return 0.0, order


def _canvas_cell(item: QuizItem, answer: str, points: str) -> tuple[float, str | None]:
    if not item.autograded:
        return _score(item, points)
    if item.type == "ordering":
        return _canvas_order(item, answer)
    if not answer.strip():
        return 0.0, None
    return _score(item, _letter(item, answer))


def _words(text: str) -> str:
    """Letters and digits only: question texts survive Canvas's tag stripping in this form."""
    return re.sub(r"[^0-9a-z]+", "", html.unescape(text).casefold())


def from_canvas_student_analysis(quiz: Quiz, csv_path: Path) -> Responses:
    """A quiz's answers from Canvas's Student Analysis report (CSV), scored against the bank."""
    path = Path(csv_path)
    rows = _read(path)
    header = rows[0]
    if [h.strip() for h in header[-3:]] != CANVAS_TAIL:
        raise FrontlineError(
            "row 1: the last columns must be 'n correct', 'n incorrect', 'score' "
            "(download the quiz's Student Analysis report as CSV)",
            path,
        )
    if "id" not in [h.strip() for h in header]:
        raise FrontlineError("row 1: no 'id' column (an anonymous survey cannot be read)", path)
    who = [h.strip() for h in header].index("id")
    columns = [n for n, h in enumerate(header[:-3]) if CANVAS_QUESTION.match(h)]
    if len(columns) != len(quiz.items):
        raise FrontlineError(
            f"row 1: {len(columns)} question columns, but quiz {quiz.id} has {len(quiz.items)} questions",
            path,
        )
    for n, item in zip(columns, quiz.items, strict=True):
        text = CANVAS_QUESTION.match(header[n]).group(2)
        if n + 1 >= len(header) or CANVAS_QUESTION.match(header[n + 1]):
            raise FrontlineError(f"row 1, column {n + 1}: no points column after this question", path)
        if _words(item.question) not in _words(text):
            raise FrontlineError(
                f"row 1, column {n + 1}: {_short(text)!r} is not question {item.id} "
                f"({_short(item.question)!r}) of {quiz.id}",
                path,
            )
    column_of = dict(zip((i.id for i in quiz.items), columns, strict=True))

    def learner(row: list[str], number: int) -> str:
        value = row[who].strip()
        if not value:
            raise FrontlineError(f"row {number}, column 'id': no learner", path)
        return value

    def cell(item: QuizItem, row: list[str], number: int) -> tuple[float, str | None]:
        n = column_of[item.id]
        try:
            return _canvas_cell(item, row[n], row[n + 1].strip())
        except ValueError as err:
            column = f"column {n + 1 + (0 if item.autograded else 1)}"
            raise FrontlineError(f"row {number}, {column} ({item.id}): {err}", path) from None

    responses = Responses(quiz, list(quiz.items))
    _add_rows(responses, path, rows, learner, cell)
    return responses
