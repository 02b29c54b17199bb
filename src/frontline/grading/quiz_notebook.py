"""The nbgrader source notebook for a quiz, generated from the bank. Same bank, same bytes."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from ..content.bank import Quiz, QuizItem

HELPERS = '''# Run this cell first. It prepares the checks under each answer.
def _letters(answer):
    return "".join(ch for ch in str(answer).upper() if ch.isalpha())


def check_form(number, answer, letters):
    """Say whether an answer is one of the letters offered. It does not say whether it is right."""
    value = _letters(answer)
    choices = ", ".join(letters)
    if len(value) == 1 and value in letters:
        print(f"Question {number}: your answer {value} is in the right form. It is marked later.")
    elif not value:
        print(f"Question {number}: no answer yet. Type one of {choices} between the quotes.")
    else:
        print(f"Question {number}: {answer!r} is not one of {choices}. Type one letter in the quotes.")


def check_order(number, answer, letters):
    """Say whether an answer uses every step once. It does not say whether the order is right."""
    value = _letters(answer)
    if sorted(value) == sorted(letters):
        print(f"Question {number}: your order {value} uses every step once. It is marked later.")
    elif not value:
        print(f"Question {number}: no answer yet. Type the letters {letters} in the order you choose.")
    else:
        print(f"Question {number}: {answer!r} must use each of {', '.join(letters)} exactly once.")'''

MARK_SCHEME_BEGIN = "=== BEGIN MARK SCHEME ==="
MARK_SCHEME_END = "=== END MARK SCHEME ==="


def letters(value: object) -> str:
    """An answer as the letters typed, exactly as the notebook's own `_letters` reads it."""
    return "".join(ch for ch in str(value).upper() if ch.isalpha())


def answer_variable(number: int) -> str:
    return f"answer_{number}"


def answer_cell_id(item: QuizItem) -> str:
    """The cell that holds an item's answer. A written answer cell is graded itself, so it carries
    the item's own id; a letter answer sits in its own cell above the graded test."""
    return f"{item.id}-answer" if item.autograded else item.id


def hidden_test(item: QuizItem, number: int) -> str:
    """The one line that holds an item's answer key; it never reaches a learner."""
    return f"assert _letters({answer_variable(number)}) == {item.key!r}"


def _cell(kind: str, source: str, grade_id: str, **nbgrader) -> NotebookNode:
    meta = {
        "grade": False,
        "grade_id": grade_id,
        "locked": True,
        "schema_version": 3,
        "solution": False,
        "task": False,
    }
    meta.update(nbgrader)
    editable = not meta["locked"]
    maker = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = maker(source=source, id=grade_id)
    cell.metadata = {"deletable": False, "editable": editable, "nbgrader": meta}
    return cell


def _options(item: QuizItem) -> str:
    if item.type == "true-false":
        return "- **T**: true\n- **F**: false"
    return "\n".join(f"- **{k}**: {v}" for k, v in (item.options or {}).items())


def _question_text(item: QuizItem, number: int) -> str:
    points = f"{item.points} point" + ("s" if item.points != 1 else "")
    parts = [f"### Question {number} ({points})"]
    if item.scenario:
        parts.append(f"*{item.scenario.strip()}*")
    parts.append(item.question.strip())
    if item.type != "short-answer":
        parts.append(_options(item))
    return "\n\n".join(parts)


def _points(n: int) -> str:
    return f"{n} point{'s' if n != 1 else ''}"


def _criterion(number: int, c) -> str:
    lines = [f"{number}. **{_points(c.points)}**: {c.criterion.strip()}"]
    for mark in sorted(c.levels or {}, reverse=True):
        lines.append(f"    - *{mark}*: {c.levels[mark].strip()}")
    return "\n".join(lines)


def _samples(item: QuizItem) -> str:
    if not item.samples:
        return ""
    bands = ", ".join(f"{name} {low} to {high}" for name, (low, high) in (item.bands or {}).items())
    parts = [
        f"**Sample answers, marked** (bands: {bands}). Mark two or three before you start, then compare."
    ]
    for n, s in enumerate(item.samples, start=1):
        marks = " + ".join(str(m) for m in s.marks)
        parts.append(
            f"*Sample {n} ({s.band}, {marks} = {sum(s.marks)})*\n\n> {s.answer.strip()}\n\n{s.why.strip()}"
        )
    return "\n\n".join(parts) + "\n\n"


def _mark_scheme(item: QuizItem) -> str:
    rubric = "\n".join(_criterion(n, c) for n, c in enumerate(item.rubric or [], start=1))
    return (
        f"{MARK_SCHEME_BEGIN}\n\n**Marking scheme (graders only).** Objective {item.objective}.\n\n"
        f"{rubric}\n\n**Model answer.** {(item.model_answer or '').strip()}\n\n"
        f"{_samples(item)}{MARK_SCHEME_END}"
    )


def _item_cells(item: QuizItem, number: int) -> list[NotebookNode]:
    text = _question_text(item, number)
    if item.type == "short-answer":
        return [
            _cell("markdown", f"{text}\n\n{_mark_scheme(item)}", f"{item.id}-question"),
            _cell(
                "markdown",
                "Write your answer here.",
                answer_cell_id(item),
                grade=True,
                solution=True,
                locked=False,
                points=item.points,
            ),
        ]
    var = answer_variable(number)
    if item.type == "ordering":
        hint = f"type the letters {item.letters} in the right order"
        check = f'check_order({number}, {var}, "{item.letters}")'
    else:
        hint = "type " + " or ".join(", ".join(item.letters).rsplit(", ", 1))
        check = f'check_form({number}, {var}, "{item.letters}")'
    test = f"{check}\n### BEGIN HIDDEN TESTS\n{hidden_test(item, number)}\n### END HIDDEN TESTS"
    return [
        _cell("markdown", text, f"{item.id}-question"),
        _cell(
            "code",
            f'{var} = ""  # {hint} between the quotes',
            answer_cell_id(item),
            solution=True,
            locked=False,
        ),
        _cell("code", test, item.id, grade=True, points=item.points),
    ]


def build_notebook(quiz: Quiz) -> NotebookNode:
    total = sum(i.points for i in quiz.items)
    intro = (
        f"# {quiz.title}\n\n{quiz.instructions.strip()}\n\n"
        f"This quiz has {len(quiz.items)} question{'s' if len(quiz.items) != 1 else ''} and {total} points. "
        "Save the notebook when you have finished."
    )
    cells = [_cell("markdown", intro, "intro"), _cell("code", HELPERS, "setup")]
    for number, item in enumerate(quiz.items, start=1):
        cells.extend(_item_cells(item, number))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    nbformat.validate(nb)
    return nb


def to_text(nb: dict) -> str:
    """A notebook as JSON text, keys sorted, so the same notebook always gives the same bytes."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def notebook_text(quiz: Quiz) -> str:
    return to_text(build_notebook(quiz))


def source_path(course: Path, quiz_id: str) -> Path:
    return course / "source" / quiz_id / f"{quiz_id}.ipynb"


def write_source(course: Path, quiz: Quiz) -> Path:
    path = source_path(course, quiz.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = notebook_text(quiz)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path
