"""Ordering items: the learner types the step letters in order; only the exact order scores."""

from __future__ import annotations

import csv
import json

import pytest
import yaml

from frontline.checks.check import check
from frontline.content.bank import load_bank
from frontline.grading.course import release
from frontline.grading.pipeline import grade
from tests.conftest import assert_only_untranslated

QUIZ = {
    "id": "ordering-demo",
    "title": "Ordering demo",
    "modules": ["FR2"],
    "instructions": "Type the letters in order.",
    "items": [
        {
            "id": "od-01",
            "objective": "FR2.6",
            "type": "ordering",
            "points": 1,
            "scenario": "An invented case for a test.",
            "question": "Put the steps in order.",
            "options": {"A": "Record", "B": "Check safety", "C": "Refer", "D": "Separate"},
            "answer": "BDAC",
            "explanation": "Safety first, then separate, record and refer.",
            "review": "FR2, section 'What to do when you suspect trafficking'",
        },
        {
            "id": "od-02",
            "objective": "FR2.4",
            "type": "true-false",
            "points": 1,
            "question": "One indicator proves trafficking.",
            "answer": False,
            "explanation": "An indicator is a reason to look further.",
            "review": "FR2, section 'General indicators'",
        },
    ],
}


def add_quiz(project, quiz=QUIZ):
    path = project.quizzes / f"{quiz['id']}.yaml"
    path.write_text(yaml.safe_dump(quiz, sort_keys=False))
    return path


def test_ordering_quiz_is_valid(scratch):
    add_quiz(scratch)
    assert_only_untranslated(check(scratch), f"assessments/bank/quizzes/{QUIZ['id']}")


@pytest.mark.parametrize(
    ("answer", "message"),
    [("BDA", "every step letter once"), ("BDAX", "every step letter once"), ("ABCD", "mixed order")],
)
def test_bad_ordering_keys_are_named(scratch, answer, message):
    quiz = json.loads(json.dumps(QUIZ))
    quiz["items"][0]["answer"] = answer
    path = add_quiz(scratch, quiz)
    [problem] = check(scratch)
    assert problem.startswith(f"{path}: item od-01: answer") or problem.startswith(f"{path}: item od-01:")
    assert message in problem


@pytest.mark.slow
def test_ordering_is_graded_exactly(scratch):
    add_quiz(scratch)
    released = release(scratch, QUIZ["id"])
    nb = json.loads(released.read_text())
    sources = ["".join(c["source"]) for c in nb["cells"]]
    assert any(s.startswith('answer_1 = ""  # type the letters ABCD in the right order') for s in sources)
    assert any(s.startswith('check_order(1, answer_1, "ABCD")') for s in sources)
    for learner, order in {"right": "b, d, a, c", "wrong": "BADC", "partial": "BD"}.items():
        cells = json.loads(released.read_text())
        for cell in cells["cells"]:
            src = "".join(cell["source"])
            if src.startswith('answer_1 = ""'):
                cell["source"] = f'answer_1 = "{order}"'
            if src.startswith('answer_2 = ""'):
                cell["source"] = 'answer_2 = "F"'
        target = scratch.course / "submitted" / learner / QUIZ["id"] / released.name
        target.parent.mkdir(parents=True)
        target.write_text(json.dumps(cells))
    report = grade(scratch, QUIZ["id"])
    with report.csv_path.open() as f:
        rows = {r["learner"]: r for r in csv.DictReader(f)}
    assert {k: rows[k]["od-01"] for k in rows} == {"partial": "0", "right": "1", "wrong": "0"}
    assert {k: rows[k]["score"] for k in rows} == {"partial": "1", "right": "2", "wrong": "1"}
    assert load_bank(scratch).quiz(QUIZ["id"]).items[0].key == "BDAC"
