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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..content.bank import Quiz
from .quiz_notebook import answer_variable, letters, written_stub

Status = Literal["graded", "needs review", "failed"]


@dataclass
class Outcome:
    status: Status
    scores: dict[str, float | None] = field(default_factory=dict)  # None: a person must mark it
    reasons: list[str] = field(default_factory=list)
    flags: dict[str, str] = field(default_factory=dict)  # item id -> why a person must look at it
    typed: dict[str, str | None] = field(default_factory=dict)

    def flag(self, item_id: str, reason: str) -> None:
        self.flags[item_id] = reason
        self.reasons.append(reason)

    @property
    def total(self) -> float:
        return sum(s for s in self.scores.values() if s is not None)


def cell_text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def literal_answer(source: str, variable: str) -> tuple[str | None, str | None]:
    """(letters, problem): the literal assigned to `variable`, or why the cell is not a literal."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None, "is not valid Python"
    body = [
        node
        for node in tree.body
        if not isinstance(node, ast.Expr) or not isinstance(node.value, ast.Constant)
    ]
    if not body:
        return None, "holds no assignment"
    if len(body) != 1 or not isinstance(body[0], ast.Assign):
        return None, f"holds {_what_was_written(body)} instead of one assignment of a literal"
    node = body[0]
    if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name) or node.targets[0].id != variable:
        return None, f"does not assign {variable}"
    if not isinstance(node.value, ast.Constant) or not isinstance(node.value.value, str | int | float | bool):
        return None, "is not a literal (a call, a name or an expression is never run)"
    return letters(node.value.value), None


_STATEMENTS = (  # what a statement is, in words a grader can act on: one, several
    ((ast.For, ast.AsyncFor, ast.While), "a loop", "loops"),
    ((ast.ClassDef,), "a class", "classes"),
    ((ast.FunctionDef, ast.AsyncFunctionDef), "a function definition", "function definitions"),
    ((ast.Import, ast.ImportFrom), "an import", "imports"),
    ((ast.If,), "an if statement", "if statements"),
    ((ast.Raise,), "a raise statement", "raise statements"),
    ((ast.Try, ast.With, ast.AsyncWith), "a block of code", "blocks of code"),
    ((ast.Assign, ast.AugAssign, ast.AnnAssign), "an assignment", "assignments"),
)


def _statement(node: ast.stmt) -> tuple[str, str]:
    for kinds, one, several in _STATEMENTS:
        if isinstance(node, kinds):
            return one, several
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        return "a function call", "function calls"
    if isinstance(node, ast.Expr):
        return "an expression", "expressions"
    return "other code", "other code"


def _what_was_written(body: list[ast.stmt]) -> str:
    """What a cell holds ('a loop', '3 statements (2 assignments, an import)'), read, never run."""
    kinds = [_statement(node) for node in body]
    if len(kinds) == 1:
        return kinds[0][0]
    counts = Counter(kinds)
    if len(counts) == 1:
        return f"{len(kinds)} {kinds[0][1]}"
    parts = [one if n == 1 else f"{n} {several}" for (one, several), n in counts.items()]
    return f"{len(kinds)} statements ({', '.join(parts)})"


QUESTION_REASON = re.compile(r"^question (\d+): (.+)$", re.S)


def _numbers(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> '1-3, 5'."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def describe(reasons: list[str]) -> str:
    """Reasons as one line, the questions that share a reason named once ('questions 1-17: ...'),
    in the order they first appear: one learner's seventeen identical lines say one thing."""
    groups: dict[str, list[int]] = {}
    for text in reasons:
        found = QUESTION_REASON.match(text)
        if found:
            groups.setdefault(found[2], []).append(int(found[1]))
        else:
            groups.setdefault(text, [])
    parts = []
    for text, numbers in groups.items():
        if not numbers:
            parts.append(text)
        else:
            parts.append(f"question{'s' if len(set(numbers)) > 1 else ''} {_numbers(numbers)}: {text}")
    return "; ".join(parts)


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
        return Outcome("failed", reasons=["not a notebook: no list of cells"])
    if nb.get("nbformat", 0) < 4:
        return Outcome("failed", reasons=[f"notebook format {nb.get('nbformat')} is too old (4 or newer)"])
    outcome = Outcome("graded")
    cells = nb["cells"]
    for number, item in enumerate(quiz.items, start=1):
        if not item.autograded:
            answer = written_cell(cells, item.id)
            text = cell_text(answer).strip() if answer else ""
            if answer is None:
                outcome.scores[item.id] = 0.0
                outcome.flag(item.id, f"question {number}: the written answer cell is missing")
            elif not text or text == stub:
                outcome.scores[item.id] = 0.0  # left as released: nothing to read (as nbgrader does)
            else:
                outcome.scores[item.id] = None
                outcome.flag(item.id, f"question {number}: a written answer to mark")
            continue
        variable = answer_variable(number)
        found = answer_cells(cells, variable)
        if not found:
            outcome.scores[item.id] = 0.0
            outcome.typed[item.id] = None
            outcome.flag(item.id, f"question {number}: the answer cell is missing")
            continue
        if len(found) > 1:
            outcome.scores[item.id] = None
            outcome.flag(item.id, f"question {number}: {len(found)} cells assign {variable}")
            continue
        typed, problem = literal_answer(cell_text(found[0]), variable)
        outcome.typed[item.id] = typed
        if problem:
            outcome.scores[item.id] = None
            outcome.flag(item.id, f"question {number}: the answer cell {problem}")
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
            return Outcome("failed", reasons=[f"the file is {size:,} bytes, over the limit of {max_bytes:,}"])
        raw = path.read_bytes()
    except OSError as err:
        return Outcome("failed", reasons=[f"cannot read: {err.strerror}"])
    if not raw.strip():
        return Outcome("failed", reasons=["the file is empty"])
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        return Outcome("failed", reasons=[f"not a notebook (invalid JSON: {err})"])


def load_folder(folder: Path, quiz: Quiz) -> object:
    """A learner's submission folder in nbgrader's layout: exactly the quiz's notebook in it."""
    path = folder / f"{quiz.id}.ipynb"
    if not path.is_file():
        others = sorted(p.name for p in folder.glob("*.ipynb"))
        found = f" (found: {', '.join(others)})" if others else ""
        return Outcome("failed", reasons=[f"no {path.name} in the submission folder{found}"])
    return read_notebook(path)


def grade_loaded(nb: object, quiz: Quiz) -> Outcome:
    """Grade what read_notebook or load_folder gave: a notebook, or already a failure."""
    return nb if isinstance(nb, Outcome) else grade_notebook(nb, quiz)


def grade_file(path: Path, quiz: Quiz, max_bytes: int = MAX_BYTES) -> Outcome:
    """Score one submission file; an unreadable file fails with the reason, never a zero."""
    return grade_loaded(read_notebook(path, max_bytes), quiz)


def grade_folder(folder: Path, quiz: Quiz) -> Outcome:
    return grade_loaded(load_folder(folder, quiz), quiz)
