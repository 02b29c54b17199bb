"""No graded answer reaches a learner: not in the book, not in released notebooks."""

from __future__ import annotations

import pytest

from frontline.content.bank import load_bank
from frontline.grading.course import release
from frontline.grading.leaks import learner_files, scan


@pytest.mark.build
def test_built_book_has_no_graded_answers(project, built_book):
    files = learner_files(built_book)
    assert len(files) > 10
    assert scan(files, load_bank(project)) == []


@pytest.mark.slow
def test_released_notebooks_have_no_graded_answers(scratch):
    bank = load_bank(scratch)
    for quiz_id in bank.quizzes:
        release(scratch, quiz_id)
    files = learner_files(scratch.course / "release")
    assert files
    assert scan(files, bank) == []


def test_scanner_finds_a_planted_leak(scratch, tmp_path):
    bank = load_bank(scratch)
    quiz = next(iter(bank.quizzes.values()))
    item = quiz.items[0]
    page = tmp_path / "page.html"
    page.write_text(f"<p>Why: {item.explanation}</p>")
    notebook = tmp_path / "quiz.ipynb"
    notebook.write_text('{"cells": [{"source": ["assert _letters(answer_1) == \\"B\\""]}]}')
    leaks = scan([page, notebook], bank)
    assert any(leak.item == item.id and leak.what == "explanation" for leak in leaks)
    assert any(leak.path == notebook and leak.what == "a hidden test" for leak in leaks)
    assert str(leaks[0]).endswith("visible to learners")


def test_an_explanation_printed_with_no_wrap_spans_is_still_found(project, tmp_path):
    """Printed pages wrap ids and times in spans; the guard reads the text as a reader sees it."""
    from frontline.content.bank import load_bank
    from frontline.markdown import to_html
    from frontline.printed.printable import unbreakable_html

    bank = load_bank(project)
    item = next(
        i for q in bank.quizzes.values() for i in q.items if unbreakable_html(i.explanation) != i.explanation
    )
    page = tmp_path / "pack.html"
    page.write_text(unbreakable_html(to_html(item.explanation)))
    assert '<span class="nobr">' in page.read_text()
    assert any(leak.item == item.id and leak.what == "explanation" for leak in scan([page], bank))
