"""The nbgrader source notebook for a quiz, generated from the bank. Same bank, same bytes."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from ..content.bank import Quiz, QuizItem
from ..errors import FrontlineError
from .quiz_words import NOTEBOOK, either, points, words

# The learner's language, in the notebook's metadata: {"frontline": {"language": "fr"}}. Grading
# reads it (no language option), and the quiz page keeps it in the file it saves.
META = "frontline"

HELPERS = '''# {intro_comment}
def _letters(answer):
    return "".join(ch for ch in str(answer).upper() if ch.isalpha())


def check_form(number, answer, letters):
    """{form_doc}"""
    value = _letters(answer)
    choices = ", ".join(letters)
    if len(value) == 1 and value in letters:
        print(f"{form_ok}")
    elif not value:
        print(f"{form_empty}")
    else:
        print(f"{form_wrong}")


def check_order(number, answer, letters):
    """{order_doc}"""
    value = _letters(answer)
    if sorted(value) == sorted(letters):
        print(f"{order_ok}")
    elif not value:
        print(f"{order_empty}")
    else:
        print(f"{order_wrong}")'''
HELPER_MESSAGES = ("intro_comment", "form_doc", "order_doc", "form_ok", "form_empty", "form_wrong")
HELPER_MESSAGES += ("order_ok", "order_empty", "order_wrong")


def helpers(lang: str = "en") -> str:
    """The setup cell, its messages in `lang`: the same code in every language."""
    w = words(NOTEBOOK, lang)
    texts = {}
    for key in HELPER_MESSAGES:
        if '"' in w[key] or "\\" in w[key]:
            raise FrontlineError(f"quiz words {lang}.{key}: no double quote or backslash in a message")
        texts[key] = w[key].replace("{listed}", "{', '.join(letters)}")
    return HELPERS.format(**texts)


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


def language_of(nb: object, default: str = "en") -> str:
    """The language a quiz notebook says it is in (`default` for one that says nothing: a notebook
    released before languages existed)."""
    meta = nb.get("metadata") if isinstance(nb, dict) else None
    mine = meta.get(META) if isinstance(meta, dict) else None
    found = mine.get("language") if isinstance(mine, dict) else None
    return found if isinstance(found, str) and found else default


def _options(item: QuizItem, w: dict[str, str]) -> str:
    if item.type == "true-false":
        yes, no = item.letters
        return f"- **{yes}**{w['colon']} {w['true']}\n- **{no}**{w['colon']} {w['false']}"
    return "\n".join(f"- **{k}**{w['colon']} {v}" for k, v in (item.options or {}).items())


def _question_text(item: QuizItem, number: int) -> str:
    w = words(NOTEBOOK, item.language)
    heading = w["question"].format(number=number)
    parts = [f"### {heading} ({points(item.points, w, item.language)})"]
    if item.scenario:
        parts.append(f"*{item.scenario.strip()}*")
    parts.append(item.question.strip())
    if item.type != "short-answer":
        parts.append(_options(item, w))
    return "\n\n".join(parts)


def _criterion(number: int, c, w: dict[str, str], lang: str) -> str:
    lines = [f"{number}. **{points(c.points, w, lang)}**: {c.criterion.strip()}"]
    for mark in sorted(c.levels or {}, reverse=True):
        lines.append(f"    - *{mark}*: {c.levels[mark].strip()}")
    return "\n".join(lines)


def _samples(item: QuizItem, w: dict[str, str]) -> str:
    if not item.samples:
        return ""
    bands = ", ".join(
        w["band"].format(name=name, low=low, high=high) for name, (low, high) in (item.bands or {}).items()
    )
    parts = [w["samples"].format(bands=bands)]
    for n, s in enumerate(item.samples, start=1):
        marks = " + ".join(str(m) for m in s.marks)
        sample = w["sample"].format(n=n)
        parts.append(
            f"*{sample} ({s.band}, {marks} = {sum(s.marks)})*\n\n> {s.answer.strip()}\n\n{s.why.strip()}"
        )
    return "\n\n".join(parts) + "\n\n"


def _mark_scheme(item: QuizItem) -> str:
    w = words(NOTEBOOK, item.language)
    rubric = "\n".join(_criterion(n, c, w, item.language) for n, c in enumerate(item.rubric or [], start=1))
    return (
        f"{MARK_SCHEME_BEGIN}\n\n{w['scheme'].format(objective=item.objective)}\n\n"
        f"{rubric}\n\n{w['model_answer']} {(item.model_answer or '').strip()}\n\n"
        f"{_samples(item, w)}{MARK_SCHEME_END}"
    )


def written_stub(lang: str = "en") -> str:
    """What a written answer cell holds as released (nbgrader's ClearSolutions.text_stub)."""
    return words(NOTEBOOK, lang)["written_stub"]


def _item_cells(item: QuizItem, number: int) -> list[NotebookNode]:
    w = words(NOTEBOOK, item.language)
    text = _question_text(item, number)
    if item.type == "short-answer":
        return [
            _cell("markdown", f"{text}\n\n{_mark_scheme(item)}", f"{item.id}-question"),
            _cell(
                "markdown",
                w["written_stub"],
                answer_cell_id(item),
                grade=True,
                solution=True,
                locked=False,
                points=item.points,
            ),
        ]
    var = answer_variable(number)
    if item.type == "ordering":
        hint = w["hint_order"].format(letters=item.letters)
        check = f'check_order({number}, {var}, "{item.letters}")'
    else:
        hint = w["hint_choice"].format(choices=either(item.letters, w))
        check = f'check_form({number}, {var}, "{item.letters}")'
    test = f"{check}\n### BEGIN HIDDEN TESTS\n{hidden_test(item, number)}\n### END HIDDEN TESTS"
    return [
        _cell("markdown", text, f"{item.id}-question"),
        _cell(
            "code",
            f'{var} = ""  # {hint} {w["between"]}',
            answer_cell_id(item),
            solution=True,
            locked=False,
        ),
        _cell("code", test, item.id, grade=True, points=item.points),
    ]


def build_notebook(quiz: Quiz) -> NotebookNode:
    """The source notebook in the quiz's language (load_bank's `lang`); its grade cells (ids and
    points) are the same in every language, so nbgrader sees one assignment."""
    lang = quiz.language
    w = words(NOTEBOOK, lang)
    size = w["size_one" if len(quiz.items) == 1 else "size"].format(
        questions=len(quiz.items), points=points(quiz.max_score, w, lang)
    )
    intro = f"# {quiz.title}\n\n{quiz.instructions.strip()}\n\n{size} {w['save']}"
    cells = [_cell("markdown", intro, "intro"), _cell("code", helpers(lang), "setup")]
    for number, item in enumerate(quiz.items, start=1):
        cells.extend(_item_cells(item, number))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        META: {"language": lang},
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


# A translation's quiz: nbgrader's own folders, one level down, so the notebook keeps the quiz's
# name (one assignment, one notebook, for every language).
TRANSLATIONS = "translations"


def language_folder(step: str, lang: str | None = None) -> str:
    """nbgrader's `source` or `release` folder for `lang` (None: the source language)."""
    return step if lang is None else f"{TRANSLATIONS}/{lang}/{step}"


def source_path(course: Path, quiz_id: str, lang: str | None = None) -> Path:
    return course / language_folder("source", lang) / quiz_id / f"{quiz_id}.ipynb"


def release_path(course: Path, quiz_id: str, lang: str | None = None) -> Path:
    return course / language_folder("release", lang) / quiz_id / f"{quiz_id}.ipynb"


def write_source(course: Path, quiz: Quiz, lang: str | None = None) -> Path:
    """The source notebook, in nbgrader's `source/` (the source language) or in the translation's
    own `translations/<lang>/source/`."""
    path = source_path(course, quiz.id, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = notebook_text(quiz)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path
