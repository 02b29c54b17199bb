"""Who answered what: a score matrix and the letters chosen, from nbgrader's gradebook (with the
autograded notebooks) or from answers captured on paper. The report reads only this."""

from __future__ import annotations

import ast
import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..content.bank import TRUE_FALSE, Quiz, QuizItem, true_false_letters
from ..errors import FrontlineError
from ..grading.quiz_notebook import language_of, letters

ANSWER = "answer_"


class Note(str):
    """A note for the report's reader: its text in the source language, and the interface msgid
    (frontline.content.interface) and values the report says it with in another language."""

    msgid: str
    values: dict[str, object]

    def __new__(cls, msgid: str, **values: object) -> Note:
        note = super().__new__(cls, msgid.format(**values))
        note.msgid, note.values = msgid, values
        return note


@dataclass
class Responses:
    quiz: Quiz
    items: list[QuizItem]  # the items analysed (written items still waiting for a grader are left out)
    learners: list[str] = field(default_factory=list)
    scores: list[list[float]] = field(default_factory=list)
    choices: list[list[str | None]] = field(default_factory=list)  # letters typed, None if none
    notes: list[str] = field(default_factory=list)  # Note, so the report can say them in any language

    @property
    def matrix(self) -> np.ndarray:
        return np.array(self.scores, dtype=float).reshape(len(self.learners), len(self.items))

    @property
    def max_points(self) -> np.ndarray:
        return np.array([i.points for i in self.items], dtype=float)

    def add(self, learner: str, scores: list[float], choices: list[str | None], where: str) -> None:
        if learner in self.learners:
            raise FrontlineError(f"learner {learner!r} appears twice", where)
        self.learners.append(learner)
        self.scores.append(scores)
        self.choices.append(choices)


def notebook_language(path: Path, default: str) -> str:
    try:
        return language_of(json.loads(path.read_text(encoding="utf-8")), default)
    except (OSError, json.JSONDecodeError):
        return default


def as_source_letters(item: QuizItem, typed: str | None, lang: str) -> str | None:
    """A true/false answer typed in `lang` (V or F in French) as the letter the quiz's own language
    uses, so the report counts every language's "true" together; any other answer as it is."""
    if item.type != "true-false" or not typed or lang == item.language:
        return typed
    theirs = true_false_letters(lang)
    return item.letters[theirs.index(typed)] if typed in theirs else typed


def answers_in_notebook(path: Path) -> dict[int, str]:
    """`answer_N = "B"` literals in a notebook, by question number; anything else is no answer."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    found: dict[int, str] = {}
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        try:
            tree = ast.parse("".join(source) if isinstance(source, list) else source)
        except SyntaxError:
            continue
        for node in tree.body:
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id.startswith(ANSWER)
                and node.targets[0].id[len(ANSWER) :].isdigit()
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                found[int(node.targets[0].id[len(ANSWER) :])] = letters(node.value.value)
    return found


def from_gradebook(db_url: str, course: Path, quiz: Quiz) -> Responses:
    """Scores from the gradebook; letters chosen from each learner's autograded notebook."""
    from nbgrader.api import Gradebook, MissingEntry

    numbers = {item.id: n for n, item in enumerate(quiz.items, start=1)}
    with Gradebook(db_url) as gb:
        try:
            submissions = gb.assignment_submissions(quiz.id)
        except MissingEntry:
            submissions = []
        per_learner: dict[str, dict[str, float | None]] = {}
        for sub in submissions:
            marks: dict[str, float | None] = {}
            for notebook in sub.notebooks:
                for grade in notebook.grades:
                    marks[grade.cell.name] = None if grade.needs_manual_grade else float(grade.score)
            per_learner[sub.student.id] = marks
    # A submission nbgrader could not grade has a record but no autograded notebook and no scores:
    # leave it out, never count it as zero.
    ungraded = sorted(
        learner
        for learner, marks in per_learner.items()
        if not (course / "autograded" / learner / quiz.id).is_dir()
        or all(marks.get(i.id) is None for i in quiz.items if i.autograded)
    )
    for learner in ungraded:
        del per_learner[learner]
    pending = [i for i in quiz.items if any(m.get(i.id) is None for m in per_learner.values())]
    items = [i for i in quiz.items if i not in pending]
    responses = Responses(quiz, items)
    if ungraded:
        responses.notes.append(
            Note("{count} submission(s) could not be graded and are left out.", count=len(ungraded))
        )
    for item in pending:
        waiting = sum(1 for m in per_learner.values() if m.get(item.id) is None)
        responses.notes.append(
            Note(
                "{item} is left out: {count} answer(s) still wait for a grader.", item=item.id, count=waiting
            )
        )
    for learner in sorted(per_learner):
        notebook = course / "autograded" / learner / quiz.id / f"{quiz.id}.ipynb"
        typed = answers_in_notebook(notebook)
        lang = notebook_language(notebook, quiz.language)
        marks = per_learner[learner]
        responses.add(
            learner,
            [marks.get(i.id) or 0.0 for i in items],
            [as_source_letters(i, typed.get(numbers[i.id]) or None, lang) for i in items],
            str(notebook),
        )
    return responses


PAPER_HELP = (
    "a header row 'learner' then item ids, one row per learner; each cell the letter(s) chosen, "
    "T or F (V or F in French), or for a written item the points awarded; an empty cell is no answer"
)


def _true_false(item: QuizItem, typed: str, value: str) -> str:
    """A true/false answer on paper in any language's letters (V for true in French) as the item's own
    letter: one class may hand in English and French answer sheets. ValueError if it is none of them,
    or a letter that means true in one language and false in another."""
    if len(typed) == 1 and typed in item.letters:
        return typed
    meanings = {pair.index(typed) for pair in TRUE_FALSE.values() if len(typed) == 1 and typed in pair}
    if len(meanings) != 1:
        others = "; ".join(f"{code}: {', '.join(p)}" for code, p in TRUE_FALSE.items() if p != item.letters)
        raise ValueError(f"{value!r} is not one of {', '.join(item.letters)} ({others})")
    return item.letters[meanings.pop()]


def _paper_cell(item: QuizItem, raw: str) -> tuple[float, str | None]:
    """(score, letters typed) for one answer written on paper; ValueError says what is wrong."""
    value = raw.strip()
    if not value:
        return 0.0, None
    if not item.autograded:
        try:
            points = float(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a number of points") from None
        if not 0 <= points <= item.points:
            raise ValueError(f"{value} is not between 0 and {item.points}")
        return points, None
    typed = letters(value)
    if item.type == "ordering":
        if sorted(typed) != sorted(item.letters):
            raise ValueError(f"{value!r} must use each of {', '.join(item.letters)} once")
    elif item.type == "true-false":
        typed = _true_false(item, typed, value)
    elif len(typed) != 1 or typed not in item.letters:
        raise ValueError(f"{value!r} is not one of {', '.join(item.letters)}")
    return (float(item.points) if typed == item.key else 0.0), typed


def add_paper(responses: Responses, path: Path) -> None:
    """Answers captured on paper, scored against the bank. A bad cell names its row and column."""
    by_id = {i.id: i for i in responses.quiz.items}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise FrontlineError(f"cannot read: {err.strerror}", path) from None
    rows = list(csv.reader(text.splitlines()))
    if not rows or not rows[0] or rows[0][0].strip().lower() != "learner":
        raise FrontlineError(f"row 1: the first column must be 'learner' ({PAPER_HELP})", path)
    header = [h.strip() for h in rows[0]]
    for col, name in enumerate(header[1:], start=2):
        if name not in by_id:
            raise FrontlineError(f"row 1, column {col}: {name!r} is no item of {responses.quiz.id}", path)
    missing = [i.id for i in responses.items if i.id not in header]
    if missing:
        raise FrontlineError(f"row 1: no column for {', '.join(missing)}", path)
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise FrontlineError(f"row {number}: {len(row)} cells, the header has {len(header)}", path)
        learner = row[0].strip()
        if not learner:
            raise FrontlineError(f"row {number}, column learner: no learner id", path)
        cells = dict(zip(header[1:], row[1:], strict=True))
        scores, typed = [], []
        for item in responses.items:
            try:
                score, chosen = _paper_cell(item, cells[item.id])
            except ValueError as err:
                raise FrontlineError(f"row {number}, column {item.id}: {err}", path) from None
            scores.append(score)
            typed.append(chosen)
        responses.add(learner, scores, typed, f"{path}: row {number}")
