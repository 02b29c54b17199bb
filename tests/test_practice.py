"""Practice sets: invented submissions of a quiz, made from the bank, that trainers grade instead of
real learners' work. Same bank, same bytes; no key in them; `frontline grade` grades every one."""

from __future__ import annotations

import copy
import csv
import json
import re
from pathlib import Path

import pytest
import yaml

from frontline.checks.check import check
from frontline.content.bank import load_bank
from frontline.errors import FrontlineError
from frontline.grading.leaks import scan
from frontline.grading.practice import (
    notebook_bytes,
    practice_set,
    released_notebook,
    write_practice_set,
)
from frontline.grading.quiz_notebook import MARK_SCHEME_BEGIN
from frontline.printed.workshop import build_packs

QUIZ = "trainer-knowledge"  # the quiz of the tot-5day grading session
WRITTEN = "victim-identification"  # a quiz with a written item
KIT = {
    "id": "practice-kit",
    "title": "Practice kit",
    "audience": "Trainers",
    "participants": "6 to 12",
    "max_participants": 12,
    "claims": ["FR1.1"],
    "staff": [
        {"id": "lead", "name": "Lead trainer", "does": "Runs the grading practice on the course laptops."}
    ],
    "room": "One room with a table per pair and a laptop on each table.",
    "preparation_hours": 2,
    "preparation": "Install the project on each laptop and generate the practice set the day before.",
    "days": [
        {
            "title": "Day 1",
            "start": "13:00",
            "minutes": 45,
            "sessions": [
                {
                    "title": "Grading practice",
                    "minutes": 45,
                    "objectives": ["FR1.1"],
                    "modules": ["FR1"],
                    "practice": QUIZ,
                    "tags": ["case"],  # the practice set is the case here
                    "staff": {"lead": "Walks the pairs through grading the set."},
                }
            ],
        }
    ],
}


def write_kit(project, practice: str = QUIZ) -> Path:
    kit = copy.deepcopy(KIT)
    kit["days"][0]["sessions"][0]["practice"] = practice
    path = project.root / "assets" / "kits" / f"{kit['id']}.yaml"
    path.write_text(yaml.safe_dump(kit, sort_keys=False))
    return path


def test_practice_sets_are_deterministic(project, tmp_path):
    bank = load_bank(project)
    for quiz_id in (QUIZ, WRITTEN):
        quiz = bank.quiz(quiz_id)
        first = {k: notebook_bytes(nb) for k, nb in practice_set(quiz).items()}
        second = {k: notebook_bytes(nb) for k, nb in practice_set(quiz).items()}
        assert first == second
        assert sorted(first) == [f"P{k:02d}" for k in range(1, 13)]
        assert len(set(first.values())) == 12, "every invented learner answers differently"
    quiz = bank.quiz(QUIZ)
    a = [p.read_bytes() for p in write_practice_set(tmp_path / "a", quiz)]
    b = [p.read_bytes() for p in write_practice_set(tmp_path / "b", quiz)]
    assert a == b


def test_practice_sets_hold_no_hidden_test_or_key(project, tmp_path):
    bank = load_bank(project)
    for quiz_id in (QUIZ, WRITTEN):
        paths = write_practice_set(tmp_path, bank.quiz(quiz_id))
        assert len(paths) == 12
        assert scan(paths, bank) == []
        for path in paths:
            raw = path.read_text()
            assert "HIDDEN TESTS" not in raw and MARK_SCHEME_BEGIN not in raw
            assert path.relative_to(tmp_path).parts[0] == "submitted"
            assert path.relative_to(tmp_path).parts[2:] == (quiz_id, f"{quiz_id}.ipynb")


def test_the_mix_is_realistic(project):
    quiz = load_bank(project).quiz(WRITTEN)
    typed = []
    written = 0
    for nb in practice_set(quiz).values():
        for cell in nb.cells:
            if cell.source.startswith("answer_"):
                typed.append(json.loads(cell.source.split(" = ", 1)[1]))
            elif cell.metadata.get("nbgrader", {}).get("grade_id") in {
                i.id for i in quiz.items if not i.autograded
            }:
                written += cell.source != "Write your answer here."
    keys = [i.key for i in quiz.items if i.autograded] * 12
    right = sum(t.upper() == k for t, k in zip(typed, keys, strict=True))
    blank = typed.count("")
    odd = [t for t in typed if len(t) != 1 and t]
    assert right > len(typed) / 2, "mostly right"
    assert 0 < blank < len(typed) / 5, "a few blanks"
    assert 1 <= len(odd) <= 2, odd
    assert written >= 6, "most invented learners write something"


def test_frontline_grade_records_every_practice_submission(scratch):
    """The one grade run: the set as written into the course, graded as `frontline grade` does."""
    from frontline.grading.pipeline import grade

    quiz = load_bank(scratch).quiz(WRITTEN)
    write_practice_set(scratch.course, quiz)
    report = grade(scratch, WRITTEN, progress=False)
    with report.csv_path.open() as f:
        table = {r["learner"]: r for r in csv.DictReader(f)}
    # grade() released the quiz through nbgrader: the practice set starts from exactly that notebook.
    released = scratch.course / "release" / WRITTEN / f"{WRITTEN}.ipynb"
    assert released.read_bytes() == notebook_bytes(released_notebook(quiz))
    assert sorted(table) == [f"P{k:02d}" for k in range(1, 13)]
    statuses = {r["status"] for r in table.values()}
    assert statuses <= {"graded", "needs review"} and "failed" not in statuses
    written = next(i for i in quiz.items if not i.autograded)
    for row in table.values():
        if row["status"] == "needs review":
            assert "a written answer to mark" in row["reason"], row
        else:
            assert row[written.id] == "0", "left as released: nothing to mark"
    auto = [i.id for i in quiz.items if i.autograded]
    scores = {sum(float(r[i]) for i in auto) for r in table.values()}
    assert len(scores) >= 5 and max(scores) - min(scores) >= 5, scores


def test_the_tot_facilitator_pack_carries_the_practice_set(project, tmp_path):
    written = build_packs(project, "tot-5day", out=tmp_path)
    assert len(written) == 6
    folder = tmp_path / "practice" / QUIZ
    notebooks = sorted(folder.glob(f"submitted/*/{QUIZ}/{QUIZ}.ipynb"))
    assert [p.parts[-3] for p in notebooks] == [f"P{k:02d}" for k in range(1, 13)]
    readme = (folder / "README.txt").read_text()
    assert "assessments/submitted" in readme and f"frontline grade {QUIZ}" in readme
    # What a reader sees: the pages keep ids whole with no-wrap spans, so compare the text.
    facilitator = re.sub(r"<[^>]+>", "", (tmp_path / "facilitator.html").read_text())
    assert "Practice set:" in facilitator and f"practice/{QUIZ}/" in facilitator
    participant = re.sub(r"<[^>]+>", "", (tmp_path / "participant.html").read_text())
    assert "Practice set" not in participant and f"practice/{QUIZ}" not in participant
    quiz = load_bank(project).quiz(QUIZ)
    assert notebooks[0].read_bytes() == notebook_bytes(practice_set(quiz)["P01"])


def test_an_unknown_practice_quiz_is_named(scratch):
    path = write_kit(scratch, "no-such-quiz")
    problems = check(scratch)
    assert any(
        p.startswith(f"{path}: ") and "practice quiz no-such-quiz is not in the bank" in p for p in problems
    ), problems
    write_kit(scratch)
    assert not [p for p in check(scratch) if p.startswith(f"{path}: ")]


def test_a_practice_set_that_shows_a_key_is_refused(scratch, monkeypatch):
    """The leak scan runs on the practice notebooks: a released form with a hidden test is refused."""
    from frontline.grading import practice
    from frontline.grading.quiz_notebook import build_notebook

    monkeypatch.setattr(practice, "released_notebook", build_notebook)  # the source, tests and all
    write_kit(scratch)
    with pytest.raises(FrontlineError, match="practice set refused: .*hidden test"):
        build_packs(scratch, "practice-kit")
    assert not (scratch.build / "workshops" / "practice-kit" / "practice" / QUIZ).exists()
