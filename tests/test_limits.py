"""The limits nbgrader_config.py puts on any execution that does happen (nbgrader's own autograde):
time per cell, memory of the kernel, output kept per cell. `frontline grade` never executes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from notebooks import QUIZ, hostile, nbgrader, put

from frontline.content.bank import load_bank
from frontline.grading.course import release

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def autograded(scratch_module):
    project = scratch_module
    quiz = load_bank(project).quiz(QUIZ)
    released = json.loads(release(project, QUIZ).read_text())
    key = json.dumps(quiz.items[0].key)
    cases = {
        "loop": f"answer_1 = {key}\nwhile True: pass",
        "hog": f"answer_1 = {key}\nhog = bytearray(3 * 1024**3)",
        "flood": f"answer_1 = {key}\nprint('x' * 20_000_000)",
    }
    for learner, source in cases.items():
        put(project.course, learner, hostile(quiz, released, 1, source))
    done = nbgrader(project.course, "autograde", QUIZ, "--Execute.timeout=5")
    nbgrader(project.course, "export", "--to", "limits.csv")
    with (project.course / "limits.csv").open() as f:
        exported = {r["student_id"]: r for r in csv.DictReader(f)}
    return project, quiz, done, exported


def _autograded(project, learner: str) -> Path:
    return project.course / "autograded" / learner / QUIZ / f"{QUIZ}.ipynb"


def test_a_cell_out_of_time_never_earns_full_marks(autograded):
    project, quiz, done, exported = autograded
    assert done.returncode != 0, "nbgrader reports the submission it could not grade"
    assert "CellTimeoutError" in done.stdout + done.stderr or "timed out" in done.stdout + done.stderr
    row = exported["loop"]
    assert row["status"] != "graded" and row["score"] == ""


def test_a_memory_hog_hits_the_kernel_limit_not_the_grader(autograded):
    project, quiz, _, exported = autograded
    nb = json.loads(_autograded(project, "hog").read_text())
    outputs = [o for c in nb["cells"] for o in c.get("outputs", [])]
    errors = [o.get("ename") for o in outputs if o["output_type"] == "error"]
    assert "MemoryError" in errors
    assert exported["hog"]["status"] == "graded"


def test_a_flood_of_output_is_cut(autograded):
    project, _, _, exported = autograded
    path = _autograded(project, "flood")
    assert path.stat().st_size < 3_000_000
    assert "[output cut: this cell printed more than 1,000,000 bytes]" in path.read_text()
    assert exported["flood"]["status"] == "graded"
