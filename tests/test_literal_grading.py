"""The kernel-free grader: same scores as `nbgrader autograde` on well-formed submissions, and a
status with a reason for every broken or hostile one. Nothing a learner wrote is run."""

from __future__ import annotations

import csv
import json
import random

import pytest

from frontline.bank import load_bank
from frontline.course import grade, release
from frontline.literal_grading import grade_file, grade_folder, grade_notebook

QUIZ = "victim-identification"


def fill(released: dict, answers: dict[int, str]) -> dict:
    nb = json.loads(json.dumps(released))
    for cell in nb["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for number, literal in answers.items():
            if source.startswith(f'answer_{number} = ""'):
                cell["source"] = f"answer_{number} = {literal}"
    return nb


def variants(item, rng: random.Random) -> str:
    """One well-formed literal answer: right, wrong, loose, blank or malformed."""
    wrong = next(x for x in item.letters if x != item.key)
    return rng.choice(
        [
            json.dumps(item.key),
            json.dumps(wrong),
            json.dumps(f"  {item.key.lower()} "),
            '""',
            '"Z"',
            json.dumps(item.key + wrong),
            "2",
            "True",
            json.dumps(f"{item.key}."),
        ]
    )


@pytest.mark.slow
def test_scores_equal_nbgrader_autograde_on_200_submissions(scratch):
    quiz = load_bank(scratch).quiz(QUIZ)
    released = json.loads(release(scratch, QUIZ).read_text())
    rng = random.Random(5)
    auto = [(n, i) for n, i in enumerate(quiz.items, start=1) if i.autograded]
    expected = {}
    for k in range(200):
        learner = f"s{k:03d}"
        nb = fill(released, {n: variants(item, rng) for n, item in auto})
        path = scratch.course / "submitted" / learner / QUIZ / f"{QUIZ}.ipynb"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(nb))
        expected[learner] = grade_file(path, quiz)
    report = grade(scratch, QUIZ)
    assert report.failed == {}
    with report.csv_path.open() as f:
        rows = {r["learner"]: r for r in csv.DictReader(f)}
    for learner, outcome in expected.items():
        assert outcome.status == "graded", (learner, outcome.reasons)
        for item in quiz.items:
            ours = outcome.scores[item.id]
            assert rows[learner][item.id] == f"{ours:g}", (learner, item.id)


@pytest.fixture(scope="module")
def quiz_and_release(scratch_module):
    quiz = load_bank(scratch_module).quiz(QUIZ)
    return quiz, json.loads(release(scratch_module, QUIZ).read_text())


def keyed(quiz, released):
    return fill(released, {n: json.dumps(i.key) for n, i in enumerate(quiz.items, start=1) if i.autograded})


def test_right_answers_score_every_autograded_point(quiz_and_release):
    quiz, released = quiz_and_release
    outcome = grade_notebook(keyed(quiz, released), quiz)
    assert outcome.status == "graded"
    assert outcome.total == sum(i.points for i in quiz.items if i.autograded)


def hostile(quiz, released, number: int, source: str) -> dict:
    nb = keyed(quiz, released)
    for cell in nb["cells"]:
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if text.startswith(f"answer_{number} = "):
            cell["source"] = source
    return nb


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("import os\nanswer_1 = os.environ['HOME']", "holds more than one"),
        (
            "answer_1 = open('../../source/victim-identification/victim-identification.ipynb').read()",
            "not a literal",
        ),
        ("class All:\n    def __eq__(self, other): return True\nanswer_1 = All()", "holds more than one"),
        ("answer_1 = __import__('sqlite3')", "not a literal"),
        ("answer_1 = 'B'\nwhile True: pass", "holds more than one"),
        ("answer_1 = 'B'; import sys; sys.exit(0)", "holds more than one"),
        ("answer_1 = 'B'; import os; os._exit(0)", "holds more than one"),
        ("answer_1 = 'B' +", "not valid Python"),
        ("answer_1 = \"\".join(['B'])", "not a literal"),
    ],
)
def test_hostile_answer_cells_are_never_run_and_go_to_review(quiz_and_release, source, reason):
    quiz, released = quiz_and_release
    outcome = grade_notebook(hostile(quiz, released, 1, source), quiz)
    assert outcome.status == "needs review"
    assert outcome.scores[quiz.items[0].id] is None
    assert any(r.startswith("question 1: the answer cell") and reason in r for r in outcome.reasons), (
        outcome.reasons
    )


def test_deleted_and_duplicated_answer_cells_are_flagged(quiz_and_release):
    quiz, released = quiz_and_release
    nb = keyed(quiz, released)
    nb["cells"] = [c for c in nb["cells"] if not "".join(c["source"]).startswith("answer_2 = ")]
    outcome = grade_notebook(nb, quiz)
    assert outcome.status == "needs review" and outcome.scores[quiz.items[1].id] == 0.0
    assert "question 2: the answer cell is missing" in outcome.reasons
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
    assert outcome.status == "failed" and reason in outcome.reasons[0]


def test_a_folder_without_the_notebook_fails(quiz_and_release, tmp_path):
    quiz, _ = quiz_and_release
    (tmp_path / "my answers.ipynb").write_text("{}")
    outcome = grade_folder(tmp_path, quiz)
    assert outcome.status == "failed"
    assert outcome.reasons == [f"no {QUIZ}.ipynb in the submission folder (found: my answers.ipynb)"]
