"""Grading without running anything a learner wrote. Every answer cell is meant to hold one literal
(`answer_3 = "B"`), so a score is a comparison of letters: no kernel, no learner code, no access to
answers or the gradebook. Anything else in an answer cell is not executed; the submission goes to a
person for review, with the reason. This is the fast, safe path of issue 5; its scores must equal
`nbgrader autograde` on every well-formed submission (see tests/test_literal_grading.py)."""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from ..content.bank import Quiz
from .quiz_notebook import answer_variable, letters, written_stub
from .quiz_words import REASONS, words

Status = Literal["graded", "needs review", "failed"]


@dataclass(frozen=True)
class Reason:
    """Why a submission failed or an answer waits for a person: a key of quiz_words.REASONS, the
    values its text needs (JSON: str, int, list) and the question it is about, if any. str() is the
    English line the instructor reads ('question 3: the answer cell is missing'); `text` and
    `describe` write it in a learner's language."""

    key: str
    values: dict = field(default_factory=dict, hash=False)
    question: int | None = None

    def __post_init__(self) -> None:
        if self.key not in REASONS["en"]:
            raise ValueError(f"no reason {self.key!r} in frontline.grading.quiz_words.REASONS")

    def text(self, lang: str = "en") -> str:
        """The reason in `lang`, without its question."""
        w = words(REASONS, lang)
        shown = {name: _shown(value, w) for name, value in self.values.items()}
        if "what" in self.values:
            shown["what"] = _what(self.values["what"], w)
        return w[self.key].format(**shown)

    def line(self, lang: str = "en") -> str:
        """The reason in `lang`, its question first ('question 3: ...')."""
        if self.question is None:
            return self.text(lang)
        return words(REASONS, lang)["question"].format(numbers=self.question, reason=self.text(lang))

    def __str__(self) -> str:
        return self.line("en")

    def data(self) -> dict:
        """As JSON for the gradebook (Reason.of reads it back)."""
        out: dict = {"key": self.key, "values": self.values}
        if self.question is not None:
            out["question"] = self.question
        return out

    @classmethod
    def of(cls, data: object, line: str | None = None) -> Reason:
        """A reason from `data` (Reason.data()), or from a plain line (recorded before reasons had
        keys, or an instructor's message; `line` when `data` is not a reason this version knows):
        shown as written, in every language."""
        if isinstance(data, Reason):
            return data
        if isinstance(data, dict) and data.get("key") in REASONS["en"]:
            return cls(data["key"], dict(data.get("values") or {}), data.get("question"))
        text = str(data) if line is None else line
        found = QUESTION_REASON.match(text)
        if found:
            return cls("recorded", {"text": found[2]}, int(found[1]))
        return cls("recorded", {"text": text})


def _shown(value: object, w: dict[str, str]) -> str:
    """A value as the language writes it: a whole number's digits grouped, a list joined."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", w["thousands"])
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _what(kinds: list, w: dict[str, str]) -> str:
    """What a cell holds, from [[kind, how many], ...] in the order read: 'a loop', '2 imports',
    '3 statements (2 assignments, an import)'."""
    total = sum(n for _, n in kinds)

    def many(kind: str, n: int) -> str:
        return w["several"].format(n=n, kinds=w[f"many.{kind}"])

    if total == 1:
        return w[f"one.{kinds[0][0]}"]
    if len(kinds) == 1:
        return many(kinds[0][0], total)
    parts = [w[f"one.{kind}"] if n == 1 else many(kind, n) for kind, n in kinds]
    return w["statements"].format(n=total, parts=", ".join(parts))


@dataclass
class Outcome:
    status: Status
    scores: dict[str, float | None] = field(default_factory=dict)  # None: a person must mark it
    reasons: list[Reason] = field(default_factory=list)
    flags: dict[str, Reason] = field(default_factory=dict)  # item id -> why a person must look at it
    typed: dict[str, str | None] = field(default_factory=dict)

    def flag(self, item_id: str, reason: Reason) -> None:
        self.flags[item_id] = reason
        self.reasons.append(reason)

    @property
    def total(self) -> float:
        return sum(s for s in self.scores.values() if s is not None)


def cell_text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def literal_answer(source: str, variable: str) -> tuple[str | None, Reason | None]:
    """(letters, problem): the literal assigned to `variable`, or why the cell is not a literal
    (a reason without its question)."""

    def problem(key: str, **values: object) -> tuple[None, Reason]:
        return None, Reason(key, {"variable": variable, **values})

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return problem("cell_not_python")
    body = [
        node
        for node in tree.body
        if not isinstance(node, ast.Expr) or not isinstance(node.value, ast.Constant)
    ]
    if not body:
        return problem("cell_no_assignment")
    if len(body) != 1 or not isinstance(body[0], ast.Assign):
        return problem("cell_holds", what=_what_was_written(body))
    node = body[0]
    if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name) or node.targets[0].id != variable:
        return problem("cell_other_variable")
    if not isinstance(node.value, ast.Constant) or not isinstance(node.value.value, str | int | float | bool):
        return problem("cell_not_literal")
    return letters(node.value.value), None


_STATEMENTS = (  # what a statement is, a key of the one./many. words in quiz_words.REASONS
    ((ast.For, ast.AsyncFor, ast.While), "loop"),
    ((ast.ClassDef,), "class"),
    ((ast.FunctionDef, ast.AsyncFunctionDef), "function"),
    ((ast.Import, ast.ImportFrom), "import"),
    ((ast.If,), "if"),
    ((ast.Raise,), "raise"),
    ((ast.Try, ast.With, ast.AsyncWith), "block"),
    ((ast.Assign, ast.AugAssign, ast.AnnAssign), "assignment"),
)


def _statement(node: ast.stmt) -> str:
    for kinds, kind in _STATEMENTS:
        if isinstance(node, kinds):
            return kind
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        return "call"
    if isinstance(node, ast.Expr):
        return "expression"
    return "other"


def _what_was_written(body: list[ast.stmt]) -> list[list]:
    """What a cell holds, read, never run: [[kind, how many], ...] in the order first written
    ([["assignment", 2], ["import", 1]] reads '3 statements (2 assignments, an import)')."""
    return [[kind, n] for kind, n in Counter(_statement(node) for node in body).items()]


QUESTION_REASON = re.compile(r"^question (\d+): (.+)$", re.S)  # a reason recorded as a plain line


def _numbers(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> '1-3, 5'."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def describe(reasons: list[Reason | str], lang: str = "en") -> str:
    """Reasons as one line in `lang`, the questions that share a reason named once ('questions
    1-17: ...'), in the order they first appear: one learner's seventeen identical lines say one
    thing. English (the default) is for the instructor; a learner's page passes its language."""
    w = words(REASONS, lang)
    groups: dict[str, list[int]] = {}
    for reason in map(Reason.of, reasons):
        numbers = groups.setdefault(reason.text(lang), [])
        if reason.question is not None:
            numbers.append(reason.question)
    parts = []
    for text, numbers in groups.items():
        if not numbers:
            parts.append(text)
        else:
            several = "questions" if len(set(numbers)) > 1 else "question"
            parts.append(w[several].format(numbers=_numbers(numbers), reason=text))
    return w["separator"].join(parts)


def answer_cells(cells: list[dict], variable: str) -> list[dict]:
    """Code cells that assign the answer variable, found by their text, not by editable metadata."""
    found = []
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        text = cell_text(cell)
        if variable in text and f"{variable} =" in text.replace(f"{variable}=", f"{variable} ="):
            found.append(cell)
    return found


def written_cell(cells: list[dict], item_id: str) -> dict | None:
    """A written answer is a markdown cell: found by its grade id, as nbgrader finds it."""
    return next(
        (c for c in cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == item_id), None
    )


def grade_notebook(nb: dict, quiz: Quiz, stub: str | None = None) -> Outcome:
    """Score one submitted notebook (already parsed JSON) against the keys of `quiz`, which is in
    the notebook's language (its true/false letters and its written-answer stub are that
    language's; frontline.grading.pipeline picks it from the notebook's metadata)."""
    stub = written_stub(quiz.language) if stub is None else stub
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return Outcome("failed", reasons=[Reason("no_cells")])
    if nb.get("nbformat", 0) < 4:
        return Outcome("failed", reasons=[Reason("too_old", {"version": str(nb.get("nbformat"))})])
    outcome = Outcome("graded")
    cells = nb["cells"]
    for number, item in enumerate(quiz.items, start=1):
        if not item.autograded:
            answer = written_cell(cells, item.id)
            text = cell_text(answer).strip() if answer else ""
            if answer is None:
                outcome.scores[item.id] = 0.0
                outcome.flag(item.id, Reason("written_missing", question=number))
            elif not text or text == stub:
                outcome.scores[item.id] = 0.0  # left as released: nothing to read (as nbgrader does)
            else:
                outcome.scores[item.id] = None
                outcome.flag(item.id, Reason("written_to_mark", question=number))
            continue
        variable = answer_variable(number)
        found = answer_cells(cells, variable)
        if not found:
            outcome.scores[item.id] = 0.0
            outcome.typed[item.id] = None
            outcome.flag(item.id, Reason("cell_missing", {"variable": variable}, number))
            continue
        if len(found) > 1:
            outcome.scores[item.id] = None
            several = {"count": len(found), "variable": variable}
            outcome.flag(item.id, Reason("cells_several", several, number))
            continue
        typed, problem = literal_answer(cell_text(found[0]), variable)
        outcome.typed[item.id] = typed
        if problem:
            outcome.scores[item.id] = None
            outcome.flag(item.id, replace(problem, question=number))
        else:
            outcome.scores[item.id] = float(item.points) if typed == item.key else 0.0
    # Every autograded answer left without a score comes with a reason, so reasons decide the status.
    if outcome.reasons:
        outcome.status = "needs review"
    return outcome


MAX_BYTES = 200 * 1024 * 1024  # a quiz notebook is tens of KB; saved outputs can make it large


def read_notebook(path: Path, max_bytes: int = MAX_BYTES) -> object:
    """The parsed JSON of a submission file, or a failed Outcome saying why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Outcome("failed", reasons=[Reason("too_big", {"size": size, "limit": max_bytes})])
        raw = path.read_bytes()
    except OSError as err:
        return Outcome("failed", reasons=[Reason("cannot_read", {"error": str(err.strerror)})])
    if not raw.strip():
        return Outcome("failed", reasons=[Reason("empty")])
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        return Outcome("failed", reasons=[Reason("invalid_json", {"error": str(err)})])


def load_folder(folder: Path, quiz: Quiz) -> object:
    """A learner's submission folder in nbgrader's layout: exactly the quiz's notebook in it."""
    path = folder / f"{quiz.id}.ipynb"
    if not path.is_file():
        others = sorted(p.name for p in folder.glob("*.ipynb"))
        if others:
            reason = Reason("no_notebook_found", {"name": path.name, "found": others})
        else:
            reason = Reason("no_notebook", {"name": path.name})
        return Outcome("failed", reasons=[reason])
    return read_notebook(path)


def grade_loaded(nb: object, quiz: Quiz) -> Outcome:
    """Grade what read_notebook or load_folder gave: a notebook, or already a failure."""
    return nb if isinstance(nb, Outcome) else grade_notebook(nb, quiz)


def grade_file(path: Path, quiz: Quiz, max_bytes: int = MAX_BYTES) -> Outcome:
    """Score one submission file; an unreadable file fails with the reason, never a zero."""
    return grade_loaded(read_notebook(path, max_bytes), quiz)


def grade_folder(folder: Path, quiz: Quiz) -> Outcome:
    return grade_loaded(load_folder(folder, quiz), quiz)
