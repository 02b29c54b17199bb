"""Release, collect and grade the victim-identification quiz with nbgrader, end to end."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from frontline.book.pageweight import weigh
from frontline.cli import main
from frontline.content.bank import load_bank
from frontline.grading.course import release
from frontline.grading.leaks import learner_files, scan
from frontline.grading.pipeline import grade
from frontline.grading.quiz_notebook import MARK_SCHEME_BEGIN

pytestmark = pytest.mark.slow
QUIZ = "victim-identification"


def wrong(item) -> str:
    return next(letter for letter in item.letters if letter != item.key)


def submit(
    course: Path,
    learner: str,
    released: Path,
    answers: dict[int, str | None],
    drop: set[int] = frozenset(),
    written: str | None = None,
) -> None:
    """A learner's notebook: the released one with some answers typed in (None: left blank)."""
    nb = json.loads(released.read_text())
    cells = []
    for cell in nb["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id", "")
        source = "".join(cell["source"])
        for number, answer in answers.items():
            if source.startswith(f'answer_{number} = ""') and answer is not None:
                source = source.replace('""', json.dumps(answer), 1)
        if any(source.startswith(f"answer_{n} = ") for n in drop):
            continue
        if (
            written is not None
            and grade_id.endswith("-18")
            and cell["cell_type"] == "markdown"
            and "question" not in grade_id
        ):
            source = written
        cell["source"] = source
        cells.append(cell)
    nb["cells"] = cells
    target = course / "submitted" / learner / QUIZ / f"{QUIZ}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(nb))


@pytest.fixture(scope="module")
def graded(scratch_module):
    project = scratch_module
    quiz = load_bank(project).quiz(QUIZ)
    released = release(project, QUIZ)
    auto = [(n, item) for n, item in enumerate(quiz.items, start=1) if item.autograded]
    course = project.course
    submit(
        course,
        "ada",
        released,
        {n: item.key for n, item in auto},
        written="I would take her aside, away from Mr Brenk, and get her medical help.",
    )
    # ben: the first five wrong; the rest right but typed loosely (lower case, spaces).
    submit(
        course,
        "ben",
        released,
        {n: (wrong(item) if i < 5 else f" {item.key.lower()} ") for i, (n, item) in enumerate(auto)},
    )
    submit(course, "cy", released, {})
    # dee: deleted the answer cell of the first question, typed a letter not offered in the second.
    first, second = auto[0][0], auto[1][0]
    submit(course, "dee", released, {**{n: item.key for n, item in auto}, second: "Z"}, drop={first})
    broken = course / "submitted" / "eve" / QUIZ / f"{QUIZ}.ipynb"
    broken.parent.mkdir(parents=True)
    broken.write_text('{"cells": [ this is not a notebook')
    report = grade(project, QUIZ)
    return project, quiz, report


def rows(report) -> dict[str, dict[str, str]]:
    with report.csv_path.open() as f:
        return {row["learner"]: row for row in csv.DictReader(f)}


def test_scores_are_exactly_as_expected(graded):
    _, quiz, report = graded
    auto_points = sum(i.points for i in quiz.items if i.autograded)
    table = rows(report)
    assert table["ada"]["score"] == f"{auto_points:g}"
    assert table["ben"]["score"] == f"{auto_points - 5:g}"
    assert table["cy"]["score"] == "0"
    assert table["dee"]["score"] == f"{auto_points - 2:g}"
    for learner in ("ada", "ben", "cy", "dee"):
        assert table[learner]["max_score"] == f"{quiz.max_score:g}"
    # A written answer waits for a grader; one left as released scores 0 with nothing to read.
    assert table["ada"]["status"] == "needs review"
    assert table["ada"]["reason"] == "question 18: a written answer to mark"
    assert {table[n]["status"] for n in ("ben", "cy")} == {"graded"}
    # A deleted answer cell is not silently 0: a person confirms it.
    assert table["dee"]["status"] == "needs review"
    assert table["dee"]["reason"] == "question 1: the answer cell is missing"


def test_item_columns_show_each_mark(graded):
    _, quiz, report = graded
    table = rows(report)
    auto = [i for i in quiz.items if i.autograded]
    written = [i for i in quiz.items if not i.autograded]
    assert [table["ben"][i.id] for i in auto] == ["0"] * 5 + ["1"] * (len(auto) - 5)
    assert table["dee"][auto[0].id] == "" and table["dee"][auto[1].id] == "0"
    assert all(table["ada"][i.id] == "" for i in written), "written answers wait for a grader"
    assert all(table["cy"][i.id] == "0" for i in written), "an untouched answer cell scores 0"


def test_a_broken_submission_is_reported_not_zeroed(graded):
    project, _, report = graded
    assert list(report.failed) == ["eve"]
    row = rows(report)["eve"]
    assert row["score"] == "" and row["status"] == "failed" and row["reason"].startswith("not a notebook")
    assert (project.course / "submitted" / "eve" / QUIZ / f"{QUIZ}.ipynb").read_text().startswith('{"cells"')


def test_feedback_is_written_and_leaks_nothing(graded):
    project, quiz, report = graded
    feedback = project.course / "feedback"
    pages = sorted(feedback.glob(f"*/{QUIZ}/*.html"))
    assert [p.parts[-3] for p in pages] == ["ada", "ben", "cy", "dee", "eve"]
    bank = load_bank(project)
    assert scan(learner_files(feedback), bank) == []
    for page in pages:
        assert weigh(page).external == [], f"{page} loads files from elsewhere"
    ben = (feedback / "ben" / QUIZ / f"{QUIZ}.html").read_text()
    assert "Read again: " in ben and "Correct (1 of 1 point)." in ben and "Your score: " in ben
    assert MARK_SCHEME_BEGIN not in ben and "Marking scheme" not in ben and "answer_" not in ben
    dee = (feedback / "dee" / QUIZ / f"{QUIZ}.html").read_text()
    assert "A person will mark this answer" in dee and "not final" in dee
    eve = (feedback / "eve" / QUIZ / f"{QUIZ}.html").read_text()
    assert "could not be graded" in eve and "nothing is lost" in eve


def test_graders_see_the_marking_scheme(graded):
    project, _, _ = graded
    autograded = (project.course / "autograded" / "ada" / QUIZ / f"{QUIZ}.ipynb").read_text()
    assert "Marking scheme (graders only)" in autograded


def test_released_notebook_has_literal_answers_and_no_keys(graded):
    project, quiz, _ = graded
    released = project.course / "release" / QUIZ / f"{QUIZ}.ipynb"
    nb = json.loads(released.read_text())
    answers = ["".join(c["source"]) for c in nb["cells"] if "".join(c["source"]).startswith("answer_")]
    assert len(answers) == sum(1 for i in quiz.items if i.autograded)
    assert all(a.split("#")[0].strip().endswith('= ""') for a in answers)
    assert scan([released], load_bank(project)) == []


def test_cli_grade_exits_non_zero_and_names_the_bad_submission(graded, monkeypatch, capsys):
    project, _, _ = graded
    monkeypatch.chdir(project.root)
    assert main(["grade", QUIZ]) == 1
    out = capsys.readouterr()
    assert f"submitted/eve/{QUIZ}: failed: not a notebook" in out.out
    assert f"submitted/ada/{QUIZ}: needs review: question 18: a written answer to mark" in out.out
    assert "Traceback" not in out.err


def test_report_from_the_gradebook(graded, monkeypatch, capsys):
    project, quiz, _ = graded
    monkeypatch.chdir(project.root)
    assert main(["report", QUIZ, "--anonymize"]) == 0
    out = project.course / "reports" / QUIZ
    page = (out / "index.html").read_text()
    assert "4 learners" in page
    with (out / "learners.csv").open() as f:
        learners = [r["learner"] for r in csv.DictReader(f)]
    assert len(learners) == 4 and all(x.startswith("L-") for x in learners)
    for path in out.iterdir():
        if path.suffix in {".csv", ".html"}:
            # Whole words only: a hex pseudonym such as L-3ada91 may contain "ada" by chance.
            text = path.read_text()
            assert not any(re.search(rf"\b{name}\b", text) for name in ("ada", "ben", "dee")), path
    assert weigh(out / "index.html").external == []


def test_regrading_keeps_manual_marks(graded):
    """An instructor marks the written answer, then grades again: the mark stays and counts."""
    from nbgrader.api import Gradebook

    project, quiz, _ = graded
    written = next(i for i in quiz.items if not i.autograded)
    db = f"sqlite:///{project.course / 'gradebook.db'}"
    with Gradebook(db) as gb:
        mark = gb.find_grade(written.id, QUIZ, QUIZ, "ada")
        mark.manual_score = 2
        mark.needs_manual_grade = False  # what the formgrader does when a grader saves a mark
        gb.db.commit()
    report = grade(project, QUIZ)
    row = rows(report)["ada"]
    assert row[written.id] == "2"
    assert row["status"] == "graded"
    assert row["score"] == f"{sum(i.points for i in quiz.items if i.autograded) + 2:g}"
    feedback = (project.course / "feedback" / "ada" / QUIZ / f"{QUIZ}.html").read_text()
    assert "Marking scheme" not in feedback


def test_a_resubmission_is_graded_again(graded):
    import os
    import time

    project, quiz, _ = graded
    released = project.course / "release" / QUIZ / f"{QUIZ}.ipynb"
    auto = [(n, item) for n, item in enumerate(quiz.items, start=1) if item.autograded]
    submit(project.course, "cy", released, {auto[0][0]: auto[0][1].key})
    later = time.time() + 5
    path = project.course / "submitted" / "cy" / QUIZ / f"{QUIZ}.ipynb"
    os.utime(path, (later, later))
    assert rows(grade(project, QUIZ))["cy"]["score"] == "1"


def test_a_resubmission_keeps_marks_only_for_unchanged_answers(graded):
    project, quiz, _ = graded
    released = project.course / "release" / QUIZ / f"{QUIZ}.ipynb"
    auto = [(n, item) for n, item in enumerate(quiz.items, start=1) if item.autograded]
    written = next(i for i in quiz.items if not i.autograded)
    text = "I would take her aside, away from Mr Brenk, and get her medical help."
    answers = {n: item.key for n, item in auto}
    submit(project.course, "ada", released, {**answers, auto[0][0]: wrong(auto[0][1])}, written=text)
    row = rows(grade(project, QUIZ))["ada"]
    assert row[written.id] == "2", "the same written answer keeps the grader's mark"
    assert row[auto[0][1].id] == "0" and row["status"] == "graded"
    submit(project.course, "ada", released, answers, written=text + " And call the referral hotline.")
    row = rows(grade(project, QUIZ))["ada"]
    assert row[written.id] == "" and row["status"] == "needs review", "a new answer needs a new mark"


def test_a_gradebook_out_of_step_with_the_bank_is_named(scratch, monkeypatch, capsys):
    import sqlite3

    quiz = load_bank(scratch).quiz(QUIZ)
    released = release(scratch, QUIZ)
    submit(scratch.course, "ada", released, {})
    with sqlite3.connect(scratch.course / "gradebook.db") as con:
        con.execute("update base_cell set name = 'renamed' where name = ?", (quiz.items[0].id,))
    monkeypatch.chdir(scratch.root)
    assert main(["grade", QUIZ]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"run `frontline release {QUIZ}`" in err[0], err


@pytest.mark.parametrize(
    "quiz_id", ["evidence-handling", "knowledge-pre", "knowledge-post", "trainer-knowledge", "session-plan"]
)
def test_every_quiz_releases_and_grades_like_the_first(scratch, quiz_id):
    """All answers right scores every autograded point; a blank notebook scores none."""
    quiz = load_bank(scratch).quiz(quiz_id)
    released = release(scratch, quiz_id)
    keys = {n: item.key for n, item in enumerate(quiz.items, start=1) if item.autograded}
    for learner, answers in {"all-right": keys, "blank": {}}.items():
        nb = json.loads(released.read_text())
        for cell in nb["cells"]:
            source = "".join(cell["source"])
            for number, key in answers.items():
                if source.startswith(f'answer_{number} = ""'):
                    cell["source"] = f'answer_{number} = "{key}"'
        target = scratch.course / "submitted" / learner / quiz_id / released.name
        target.parent.mkdir(parents=True)
        target.write_text(json.dumps(nb))
    report = grade(scratch, quiz_id)
    assert report.failed == {}
    table = rows(report)
    assert table["all-right"]["score"] == f"{sum(i.points for i in quiz.items if i.autograded):g}"
    assert table["blank"]["score"] == "0"
    assert scan(learner_files(scratch.course / "feedback"), load_bank(scratch)) == []
