"""The nbgrader source notebook, generated from the bank."""

from __future__ import annotations

import nbformat

from frontline.content.bank import load_bank
from frontline.grading.quiz_notebook import build_notebook, notebook_text

QUIZ = "victim-identification"


def test_quiz_meets_the_brief(project):
    quiz = load_bank(project).quiz(QUIZ)
    assert 15 <= len(quiz.items) <= 20
    kinds = [i.type for i in quiz.items]
    assert kinds.count("short-answer") >= 1
    assert sum(1 for i in quiz.items if i.scenario) > len(quiz.items) / 2, "mostly scenario-based"
    assert {i.objective for i in quiz.items} >= {f"FR2.{n}" for n in range(1, 7)}


def test_generation_is_deterministic(project):
    quiz = load_bank(project).quiz(QUIZ)
    assert notebook_text(quiz) == notebook_text(quiz)


def test_each_autograded_item_has_answer_check_and_hidden_test(project):
    quiz = load_bank(project).quiz(QUIZ)
    nb = build_notebook(quiz)
    nbformat.validate(nb)
    by_id = {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells}
    for number, item in enumerate(quiz.items, start=1):
        if not item.autograded:
            answer = by_id[item.id]
            assert answer.cell_type == "markdown" and answer.metadata["nbgrader"]["grade"]
            assert "BEGIN MARK SCHEME" in by_id[f"{item.id}-question"].source
            continue
        answer = by_id[f"{item.id}-answer"]
        assert answer.source.startswith(f'answer_{number} = ""')
        assert answer.metadata["nbgrader"]["solution"] and not answer.metadata["nbgrader"]["locked"]
        test = by_id[item.id]
        visible, hidden = test.source.split("### BEGIN HIDDEN TESTS")
        assert visible.strip() == f'check_form({number}, answer_{number}, "{item.letters}")'
        assert repr(item.key) in hidden and item.key not in visible.replace(item.letters, "")
        assert test.metadata["nbgrader"]["points"] == item.points


def test_visible_check_says_form_not_correctness(project):
    nb = build_notebook(load_bank(project).quiz(QUIZ))
    namespace: dict = {}
    exec(nb.cells[1].source, namespace)
    import contextlib
    import io

    for answer, expected in [(" b ", "in the right form"), ("", "no answer yet"), ("Z", "is not one of")]:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            namespace["check_form"](3, answer, "ABCD")
        assert expected in out.getvalue()
        assert "correct" not in out.getvalue().lower()


def test_instructors_page_states_each_quiz_as_it_is(project):
    page = (project.root / "book" / "instructors.md").read_text()
    for quiz in load_bank(project).quizzes.values():
        auto = sum(1 for i in quiz.items if i.autograded)
        written = len(quiz.items) - auto
        modules = " and ".join(", ".join(quiz.modules).rsplit(", ", 1))
        answers = "answer" if written == 1 else "answers"
        row = f"| `{quiz.id}` | {modules} | {auto} marked automatically, {written} written {answers}"
        assert row in page, row
