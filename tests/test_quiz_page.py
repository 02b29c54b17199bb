"""The quiz page: a quiz answered in a browser, with no Jupyter, saves the notebook a learner would
have written in Jupyter, and grades the same; it holds no graded answer and passes axe."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import nbformat
import pytest
from notebooks import put

from frontline.book.pageweight import weigh
from frontline.content.bank import load_bank
from frontline.errors import FrontlineError
from frontline.grading.course import release
from frontline.grading.leaks import scan
from frontline.grading.pipeline import grade
from frontline.grading.practice import cell_text, released_notebook
from frontline.grading.quiz_notebook import MARK_SCHEME_BEGIN
from frontline.grading.quiz_page import collect, learner_of, page_html, page_path, write_page
from tests.conftest import ROOT, need, recording_page

QUIZ = "evidence-handling"  # every kind of item: letters, true/false, ordering, written
AXE = ROOT / "assets" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WRITTEN = "First I keep Nuno safe and away from the manager.\nThen I call an interpreter."


@pytest.fixture(scope="module")
def pages(project, tmp_path_factory) -> dict[str, Path]:
    """Every quiz's page, built from the quiz as nbgrader releases it (in-process, no gradebook)."""
    bank = load_bank(project)
    folder = tmp_path_factory.mktemp("pages")
    found = {}
    for quiz_id, quiz in bank.quizzes.items():
        path = folder / f"{quiz_id}.html"
        path.write_text(page_html(quiz, json.loads(nbformat.writes(released_notebook(quiz)))))
        found[quiz_id] = path
    return found


def test_pages_hold_no_key_hidden_test_or_marking_scheme(project, pages):
    bank = load_bank(project)
    assert scan(list(pages.values()), bank) == []
    for quiz_id, path in pages.items():
        text = path.read_text()
        for marker in ("HIDDEN TESTS", "assert ", MARK_SCHEME_BEGIN, "data-correct", "Marking scheme"):
            assert marker not in text, (quiz_id, marker)
        for item in bank.quiz(quiz_id).items:
            assert item.explanation.strip()[:60] not in text
            assert not item.model_answer or item.model_answer.strip()[:60] not in text


def test_a_page_is_one_file_in_its_language_and_the_same_bytes_each_time(project, pages):
    quiz = load_bank(project).quiz(QUIZ)
    text = pages[QUIZ].read_text()
    assert text == page_html(quiz, json.loads(nbformat.writes(released_notebook(quiz))))
    assert text.startswith('<!doctype html>\n<html lang="en">')
    weight = weigh(pages[QUIZ])
    assert list(weight.files) == [pages[QUIZ].resolve()] and weight.external == []
    assert not re.search(r"(src|href)=\"(https?:)?//", text)
    with pytest.raises(FrontlineError, match="language 'xx'"):
        page_html(quiz, {}, "xx")


def test_the_leak_guard_reads_the_notebook_inside_the_page(project, pages, tmp_path):
    """JSON escapes quotes and "<": a planted key must still be found in the page's data."""
    bank = load_bank(project)
    quiz = bank.quiz(QUIZ)
    item = next(i for i in quiz.items if '"' in i.explanation or "'" in i.explanation or "<" in i.explanation)
    released = json.loads(nbformat.writes(released_notebook(quiz)))
    released["cells"][0]["source"] = f"Why: {item.explanation}\nassert _letters(answer_2) == 'CDAB'"
    page = tmp_path / "planted.html"
    page.write_text(page_html(quiz, released))
    leaks = scan([page], bank)
    assert any(leak.item == item.id and leak.what == "explanation" for leak in leaks)
    assert any(leak.what == "a hidden test" for leak in leaks)


def test_release_refuses_a_page_that_would_leak(project, tmp_path):
    bank = load_bank(project)
    quiz = bank.quiz(QUIZ)
    released = json.loads(nbformat.writes(released_notebook(quiz)))
    released["cells"][-1]["source"] = quiz.items[-1].model_answer
    notebook = tmp_path / f"{QUIZ}.ipynb"
    notebook.write_text(json.dumps(released))
    with pytest.raises(FrontlineError, match=r"quiz page refused: .*model answer visible to learners"):
        write_page(quiz, notebook, bank)
    assert not page_path(notebook).exists()


def test_learner_id_is_read_from_the_saved_notebook():
    assert learner_of({"metadata": {"frontline": {"learner": " ada "}}}) == "ada"
    assert learner_of({"metadata": {"kernelspec": {}}}) is None
    assert learner_of({"metadata": {"frontline": {"learner": ""}}}) is None
    assert learner_of([]) is None


def _saved(tmp_path: Path, name: str, learner: str, quiz: str = QUIZ, answer: str = "") -> Path:
    nb = {"cells": [{"source": answer}], "metadata": {"frontline": {"learner": learner, "quiz": quiz}}}
    path = tmp_path / name
    path.write_text(json.dumps(nb))
    return path


def test_collect_files_each_saved_file_by_the_id_inside(tmp_path):
    course = tmp_path / "course"
    ada, ben = _saved(tmp_path, "a.ipynb", "ada"), _saved(tmp_path, "a (1).ipynb", "ben")
    placed = collect(course, QUIZ, [ada, ben])
    assert placed == [course / "submitted" / who / QUIZ / f"{QUIZ}.ipynb" for who in ("ada", "ben")]
    assert placed[0].read_text() == ada.read_text()
    assert collect(course, QUIZ, [ada]) == placed[:1]  # the same file again: nothing changes


@pytest.mark.parametrize(
    "learner, quiz, why",
    [
        ("", QUIZ, "no learner id inside"),
        ("ada", "victim-identification", "saved from the page of quiz 'victim-identification'"),
        ("../ada", QUIZ, "cannot be a folder name"),
        ("ada", QUIZ, "holds another submission of 'ada': use --replace"),
    ],
)
def test_collect_places_nothing_it_cannot_place_safely(tmp_path, learner, quiz, why):
    course = tmp_path / "course"
    first = collect(course, QUIZ, [_saved(tmp_path, "first.ipynb", "ada")])[0]
    fine, bad = _saved(tmp_path, "fine.ipynb", "cy"), _saved(tmp_path, "bad.ipynb", learner, quiz, "B")
    with pytest.raises(FrontlineError, match=re.escape(why)):
        collect(course, QUIZ, [fine, bad])
    assert not (course / "submitted" / "cy").exists()
    assert json.loads(first.read_text())["cells"][0]["source"] == ""  # the earlier file is kept
    if "--replace" in why:
        collect(course, QUIZ, [bad], replace=True)
        assert json.loads(first.read_text())["cells"][0]["source"] == "B"


# --- In a real browser -------------------------------------------------------------------------


def _plan(quiz) -> dict[int, str]:
    """What the learner answers, by question number: right, wrong, half-done and blank answers."""
    plan = {}
    for n, item in enumerate(quiz.items, start=1):
        if not item.autograded:
            plan[n] = WRITTEN
        elif n % 5 == 0:
            plan[n] = ""  # left blank
        elif item.type == "ordering":
            plan[n] = {0: item.key, 1: item.key[::-1], 2: item.key[:2]}[n % 3]
        else:
            plan[n] = item.key if n % 3 else next(x for x in item.letters if x != item.key)
    return plan


def _answer(pg, quiz, plan: dict[int, str]) -> None:
    """The whole page, keyboard alone, in page order: Tab from one control to the next."""
    for n, item in enumerate(quiz.items, start=1):
        answer = plan[n]
        if not item.autograded:
            pg.keyboard.press("Tab")
            pg.keyboard.type(answer)  # a newline is typed as Enter
        elif item.type == "ordering":
            for k in range(len(item.letters)):
                pg.keyboard.press("Tab")
                if k < len(answer):
                    pg.keyboard.type(answer[k])  # type-ahead: the step whose text starts with it
        else:
            pg.keyboard.press("Tab")  # the group's first option; nothing is chosen yet
            if answer:
                index = item.letters.index(answer)
                pg.keyboard.press("Space" if index == 0 else "ArrowDown")
                for _ in range(index - 1):
                    pg.keyboard.press("ArrowDown")
        assert pg.evaluate("document.activeElement.closest('fieldset').dataset.number") == str(n)


def _shown(pg, quiz) -> dict[int, str]:
    """The answers as the page shows them now."""
    found = {}
    for n, item in enumerate(quiz.items, start=1):
        if not item.autograded:
            found[n] = pg.input_value(f"#q{n}-answer")
        elif item.type == "ordering":
            found[n] = "".join(pg.input_value(f"#q{n}-{k}") for k in range(1, len(item.letters) + 1))
        else:
            checked = pg.locator(f"#q{n} input:checked")
            found[n] = checked.get_attribute("value") if checked.count() else ""
    return found


def _typed_in_jupyter(released: dict, quiz, plan: dict[int, str]) -> dict:
    """The released notebook as a learner edits it in Jupyter: letters between the quotes, the written
    answer over the stub."""
    nb = json.loads(json.dumps(released))
    for cell in nb["cells"]:
        text = cell_text(cell)
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        for n, item in enumerate(quiz.items, start=1):
            if item.autograded and text.startswith(f'answer_{n} = ""'):
                cell["source"] = text.replace('""', f'"{plan[n]}"', 1)
            elif not item.autograded and grade_id == item.id:
                cell["source"] = plan[n]
    return nb


def _audit(pg) -> list[str]:
    found = pg.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
            .then(r => r.violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' '))]))""",
        TAGS,
    )
    return [f"{rule} ({impact}) {target}" for rule, impact, targets in found for target in targets]


@pytest.mark.browser
@pytest.mark.slow
def test_a_learner_answers_by_keyboard_saves_and_is_graded_as_in_jupyter(browser, scratch, tmp_path):
    need(AXE.is_file(), "axe-core is not installed (npm ci --prefix assets)")
    quiz = load_bank(scratch).quiz(QUIZ)
    notebook = release(scratch, QUIZ)
    page = page_path(notebook)
    assert page.is_file()
    released = json.loads(notebook.read_text())
    plan = _plan(quiz)
    assert {"", WRITTEN} < set(plan.values())

    context, pg = recording_page(browser, 360, 740)
    context.add_init_script(path=str(AXE))
    try:
        pg.goto(page.as_uri())
        assert pg.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than a phone
        pg.focus("#fl-learner")
        pg.keyboard.type("ada-7")
        _answer(pg, quiz, plan)
        pg.keyboard.press("Tab")
        assert pg.evaluate("document.activeElement.id") == "fl-save"
        answered = sum(1 for a in plan.values() if a)
        assert pg.inner_text("#fl-progress") == f"{answered} of {len(quiz.items)} questions answered."
        # A half-done ordering says what is missing, never whether the order is right.
        half = next(n for n, i in enumerate(quiz.items, 1) if i.type == "ordering" and len(plan[n]) == 2)
        missing = ", ".join(x for x in quiz.items[half - 1].letters if x not in plan[half])
        assert pg.inner_text(f"#q{half}-msg") == f"Not placed yet: {missing}."

        pg.reload()
        assert _shown(pg, quiz) == plan
        assert pg.input_value("#fl-learner") == "ada-7"
        assert pg.inner_text("#fl-status") == "Your earlier answers on this device are back."

        for scheme in ("light", "dark"):
            pg.emulate_media(color_scheme=scheme)
            assert _audit(pg) == [], scheme

        # No learner id, no file: the page says so and goes to the field.
        pg.fill("#fl-learner", "")
        pg.focus("#fl-save")
        pg.keyboard.press("Enter")
        assert pg.inner_text("#fl-status") == "Type your learner id first."
        assert pg.evaluate("document.activeElement.id") == "fl-learner"
        assert pg.inner_text("#fl-learner-msg") == "Type your learner id first."
        pg.keyboard.type("ada-7")
        assert pg.inner_text("#fl-learner-msg") == ""
        pg.focus("#fl-save")
        with pg.expect_download() as download:
            pg.keyboard.press("Enter")
        assert download.value.suggested_filename == f"{QUIZ}.ipynb"
        saved_path = tmp_path / "saved.ipynb"
        download.value.save_as(saved_path)
        blanks = ", ".join(str(n) for n, a in plan.items() if not a)
        assert pg.inner_text("#fl-status").endswith(f"Not answered: questions {blanks}.")

        pg.once("dialog", lambda dialog: dialog.accept())
        pg.click("#fl-clear")
        pg.reload()
        assert set(_shown(pg, quiz).values()) == {""} and pg.input_value("#fl-learner") == ""
        assert [u for u in pg.requests if not u.startswith("file://")] == []
        assert pg.failures == []
    finally:
        context.close()

    saved = json.loads(saved_path.read_text())
    nbformat.validate(nbformat.from_dict(saved))
    assert learner_of(saved) == "ada-7"
    jupyter = _typed_in_jupyter(released, quiz, plan)
    assert [cell_text(c) for c in saved["cells"]] == [cell_text(c) for c in jupyter["cells"]]
    assert [c["metadata"] for c in saved["cells"]] == [c["metadata"] for c in released["cells"]]
    assert collect(scratch.course, QUIZ, [saved_path])[0].read_bytes() == saved_path.read_bytes()
    put(scratch.course, "in-jupyter", jupyter, QUIZ)
    report = grade(scratch, QUIZ, progress=False)
    with report.csv_path.open() as f:
        table = {row.pop("learner"): row for row in csv.DictReader(f)}
    assert table["ada-7"] == table["in-jupyter"]  # every item's mark, the total, status, reason
    marked = {i.id: i.points for n, i in enumerate(quiz.items, 1) if i.autograded and plan[n] == i.key}
    autograded = [i for i in quiz.items if i.autograded]
    assert {i.id: table["ada-7"][i.id] for i in autograded} == {
        i.id: f"{marked.get(i.id, 0):g}" for i in autograded
    }
    assert table["ada-7"]["status"] == "needs review"  # the written answer waits for a person


def test_cli_collect_says_what_it_placed_and_names_a_bad_file(tmp_path, monkeypatch, capsys):
    from frontline.cli import main

    monkeypatch.setenv("FRONTLINE_ROOT", str(tmp_path))
    good = _saved(tmp_path, "good.ipynb", "ada")
    assert main(["collect", QUIZ, str(good)]) == 0
    assert capsys.readouterr().out.strip().endswith(f"submitted/ada/{QUIZ}/{QUIZ}.ipynb")
    (tmp_path / "bad.ipynb").write_text("{not json")
    assert main(["collect", QUIZ, str(tmp_path / "bad.ipynb")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.ipynb: cannot read as a notebook" in err[0]
