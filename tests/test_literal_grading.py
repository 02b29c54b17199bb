"""The kernel-free grader: same scores as `nbgrader autograde` on well-formed submissions, and a
status with a reason for every broken or hostile one. Nothing a learner wrote is run."""

from __future__ import annotations

import csv
import json

import pytest
from notebooks import QUIZ, generated, hostile, keyed, nbgrader, put

from frontline.content.bank import load_bank
from frontline.grading.course import release
from frontline.grading.literal_grading import grade_file, grade_folder, grade_notebook
from frontline.grading.pipeline import grade


def nbgrader_autograde(project) -> dict[str, dict[str, float]]:
    """Plain `nbgrader autograde` (a kernel per submission), and the scores it put in the gradebook."""
    from nbgrader.api import Gradebook

    done = nbgrader(project.course, "autograde", QUIZ, "--force")
    assert done.returncode == 0, done.stderr[-2000:]
    scores: dict[str, dict[str, float]] = {}
    with Gradebook(f"sqlite:///{project.course / 'gradebook.db'}") as gb:
        for sub in gb.assignment_submissions(QUIZ):
            for nb in sub.notebooks:
                for g in nb.grades:
                    scores.setdefault(sub.student.id, {})[g.cell.name] = g.score
    return scores


@pytest.mark.slow
def test_scores_equal_nbgrader_autograde_on_200_submissions(scratch):
    """nbgrader runs each notebook in a kernel; ours reads the literals. The grades must agree.
    (One nbgrader at a time: two on one machine at once now and then lose a kernel at start-up.)"""
    quiz = load_bank(scratch).quiz(QUIZ)
    released = json.loads(release(scratch, QUIZ).read_text())
    for learner, nb in generated(quiz, released, 200).items():
        put(scratch.course, learner, nb)
    theirs = nbgrader_autograde(scratch)
    assert len(theirs) == 200
    report = grade(scratch, QUIZ, progress=False)
    assert report.counts() == {"graded": 200}
    with report.csv_path.open() as f:
        ours = {r["learner"]: r for r in csv.DictReader(f)}
    for learner, marks in theirs.items():
        for item in quiz.items:
            assert ours[learner][item.id] == f"{marks[item.id]:g}", (learner, item.id)
        assert ours[learner]["score"] == f"{sum(marks.values()):g}"


@pytest.fixture(scope="module")
def quiz_and_release(scratch_module):
    quiz = load_bank(scratch_module).quiz(QUIZ)
    return quiz, json.loads(release(scratch_module, QUIZ).read_text())


def test_right_answers_score_every_autograded_point(quiz_and_release):
    quiz, released = quiz_and_release
    outcome = grade_notebook(keyed(quiz, released), quiz)
    assert outcome.status == "graded"
    assert outcome.total == sum(i.points for i in quiz.items if i.autograded)


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("import os\nanswer_1 = os.environ['HOME']", "holds 2 statements (an import, an assignment)"),
        (
            "answer_1 = open('../../source/victim-identification/victim-identification.ipynb').read()",
            "not a literal",
        ),
        (
            "class All:\n    def __eq__(self, other): return True\nanswer_1 = All()",
            "holds 2 statements (a class, an assignment)",
        ),
        ("answer_1 = __import__('sqlite3')", "not a literal"),
        ("answer_1 = 'B'\nwhile True: pass", "holds 2 statements (an assignment, a loop)"),
        ("answer_1 = 'B'; import sys; sys.exit(0)", "(an assignment, an import, a function call)"),
        ("for _ in range(3):\n    answer_1 = 'B'", "holds a loop instead of one assignment"),
        ("answer_1 = 'B'; import os; os._exit(0)", "(an assignment, an import, a function call)"),
        ("answer_1 = 'B' +", "not valid Python"),
        ("answer_1 = \"\".join(['B'])", "not a literal"),
    ],
)
def test_hostile_answer_cells_are_never_run_and_go_to_review(quiz_and_release, source, reason):
    quiz, released = quiz_and_release
    outcome = grade_notebook(hostile(quiz, released, 1, source), quiz)
    assert outcome.status == "needs review"
    assert outcome.scores[quiz.items[0].id] is None
    lines = [str(r) for r in outcome.reasons]  # the English the instructor reads
    assert any(r.startswith("question 1: the answer cell") and reason in r for r in lines), lines


def test_a_reason_says_what_the_cell_holds():
    from frontline.grading.literal_grading import literal_answer

    def problem(source: str) -> str:
        letters, reason = literal_answer(source, "answer_1")
        assert letters is None
        return str(reason).removeprefix("the answer cell ")

    assert problem("# my answer is B") == "holds no assignment"
    assert problem("answer_1 = 'A'\nanswer_1 = 'B'").startswith("holds 2 assignments ")
    assert problem("def f():\n    return 'B'").startswith("holds a function definition ")
    assert problem("print('B')").startswith("holds a function call ")
    assert problem("import os\nimport sys\nx = 1\nos.exit()") == (
        "holds 4 statements (2 imports, an assignment, a function call) "
        "instead of one assignment of a literal"
    )


def test_questions_that_share_a_reason_are_named_once():
    from frontline.grading.literal_grading import describe

    same = "the answer cell holds a loop instead of one assignment of a literal"
    reasons = [f"question {n}: {same}" for n in (*range(1, 18), 19)]
    reasons += ["question 18: a written answer to mark", "not a notebook"]
    assert describe(reasons) == (
        f"questions 1-17, 19: {same}; question 18: a written answer to mark; not a notebook"
    )
    assert describe(["question 4: the answer cell is missing"]) == "question 4: the answer cell is missing"
    assert describe([]) == ""


def test_deleted_and_duplicated_answer_cells_are_flagged(quiz_and_release):
    quiz, released = quiz_and_release
    nb = keyed(quiz, released)
    nb["cells"] = [c for c in nb["cells"] if not "".join(c["source"]).startswith("answer_2 = ")]
    outcome = grade_notebook(nb, quiz)
    assert outcome.status == "needs review" and outcome.scores[quiz.items[1].id] == 0.0
    assert "question 2: the answer cell is missing" in [str(r) for r in outcome.reasons]
    nb = keyed(quiz, released)
    extra = next(c for c in nb["cells"] if "".join(c["source"]).startswith("answer_3 = "))
    nb["cells"].append(json.loads(json.dumps(extra)))
    outcome = grade_notebook(nb, quiz)
    assert outcome.status == "needs review" and outcome.scores[quiz.items[2].id] is None


def test_edited_test_cells_and_metadata_change_nothing(quiz_and_release):
    quiz, released = quiz_and_release
    nb = keyed(quiz, released)
    for cell in nb["cells"]:
        if "check_form(" in "".join(cell["source"]):
            cell["source"] = "pass  # the learner deleted the check"
            cell["metadata"]["nbgrader"]["points"] = 100
    nb["cells"].reverse()
    outcome = grade_notebook(nb, quiz)
    assert outcome.status == "graded"
    assert outcome.total == sum(i.points for i in quiz.items if i.autograded)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b'{"cells": [ not json', "invalid JSON"),
        (b"\xff\xfe\x00garbage", "invalid JSON"),
        (json.dumps({"nbformat": 3, "worksheets": []}).encode(), "not a notebook"),
        (json.dumps({"cells": [], "nbformat": 3}).encode(), "too old"),
    ],
)
def test_unreadable_files_fail_with_a_reason(quiz_and_release, tmp_path, content, reason):
    quiz, _ = quiz_and_release
    path = tmp_path / f"{QUIZ}.ipynb"
    path.write_bytes(content)
    outcome = grade_file(path, quiz)
    assert outcome.status == "failed" and reason in str(outcome.reasons[0])


def test_a_folder_without_the_notebook_fails(quiz_and_release, tmp_path):
    quiz, _ = quiz_and_release
    (tmp_path / "my answers.ipynb").write_text("{}")
    outcome = grade_folder(tmp_path, quiz)
    assert outcome.status == "failed"
    assert [str(r) for r in outcome.reasons] == [
        f"no {QUIZ}.ipynb in the submission folder (found: my answers.ipynb)"
    ]


def test_an_oversized_file_fails_before_it_is_read(quiz_and_release, tmp_path):
    quiz, released = quiz_and_release
    path = tmp_path / f"{QUIZ}.ipynb"
    path.write_text(json.dumps(keyed(quiz, released)))
    outcome = grade_file(path, quiz, max_bytes=1000)
    assert outcome.status == "failed" and "over the limit of 1,000" in str(outcome.reasons[0])
