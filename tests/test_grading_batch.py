"""`frontline grade` on whole batches: a corpus of broken and hostile submissions, each with the
status it must end in; a grader killed with SIGKILL and run again; grading twice; parallel workers;
the exports; and nbgrader's own tools working on what we recorded."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from notebooks import QUIZ, generated, hostile, keyed, nbgrader, put, text

from frontline.book.pageweight import weigh
from frontline.content.bank import load_bank
from frontline.grading.course import release
from frontline.grading.leaks import learner_files, scan
from frontline.grading.literal_grading import grade_file
from frontline.grading.pipeline import grade

CHECK = "check_form("  # the visible check in each test cell of the released notebook
SENTINEL = Path("/tmp/frontline-hostile-ran")  # a hostile cell that ran would create this


def _edit(nb: dict, where: str, change) -> dict:
    for cell in nb["cells"]:
        if where in text(cell):
            change(cell)
    return nb


def corpus(quiz, released: dict) -> dict[str, tuple[dict | bytes | None, str, str]]:
    """learner -> (submission, expected status, words the reason must contain)."""
    right = sum(i.points for i in quiz.items if i.autograded)
    no_tests = keyed(quiz, released)
    no_tests["cells"] = [c for c in no_tests["cells"] if CHECK not in text(c)]
    added = keyed(quiz, released)
    added["cells"].insert(3, {"cell_type": "code", "metadata": {}, "outputs": [], "source": "x = 1"})
    added["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "my notes"})
    reordered = keyed(quiz, released)
    reordered["cells"].reverse()
    edited_tests = _edit(keyed(quiz, released), CHECK, lambda c: c.update(source="assert True"))
    meta = _edit(
        keyed(quiz, released),
        CHECK,
        lambda c: c["metadata"]["nbgrader"].update(points=100, grade_id="mine", locked=False),
    )
    huge = keyed(quiz, released)
    next(c for c in huge["cells"] if c["cell_type"] == "code")["outputs"] = [
        {"output_type": "stream", "name": "stdout", "text": "x" * 30_000_000}
    ]
    twice = keyed(quiz, released)
    twice["cells"].append(
        json.loads(json.dumps(next(c for c in twice["cells"] if text(c).startswith("answer_3 "))))
    )
    deleted = keyed(quiz, released)
    deleted["cells"] = [c for c in deleted["cells"] if not text(c).startswith("answer_2 = ")]
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": []}]}
    review = "needs review"

    def cell(source: str) -> dict:
        return hostile(quiz, released, 1, source)

    run = f"open({str(SENTINEL)!r}, 'w').write('ran')\n"
    loops = keyed(quiz, released)
    loops_at = [n for n, i in enumerate(quiz.items, start=1) if i.autograded]
    assert loops_at == list(range(1, len(loops_at) + 1)), "the letter items come first"
    for n in loops_at:
        _edit(loops, f"answer_{n} = ", lambda c, n=n: c.update(source=f"for _ in '1':\n    answer_{n} = 'B'"))
    return {
        "invalid-json": (b'{"cells": [ this is not', "failed", "invalid JSON"),
        "empty-file": (b"", "failed", "the file is empty"),
        "not-utf8": (b"\xff\xfe\x00\x01", "failed", "invalid JSON"),
        "old-format": (json.dumps(v3).encode(), "failed", "not a notebook"),
        "no-notebook": (None, "failed", f"no {QUIZ}.ipynb in the submission folder"),
        "deleted-answer": (deleted, "needs review", "question 2: the answer cell is missing"),
        "deleted-tests": (no_tests, "graded", f"score {right}"),
        "added-cells": (added, "graded", f"score {right}"),
        "reordered": (reordered, "graded", f"score {right}"),
        "edited-tests": (edited_tests, "graded", f"score {right}"),
        "changed-metadata": (meta, "graded", f"score {right}"),
        "huge-output": (huge, "graded", f"score {right}"),
        "answer-twice": (twice, "needs review", "question 3: 2 cells assign answer_3"),
        "infinite-loop": (
            cell("answer_1 = 'B'\nwhile True: pass"),
            review,
            "question 1: the answer cell holds 2 statements (an assignment, a loop)",
        ),
        "huge-print": (
            cell("print('x' * 10**10)\nanswer_1 = 'B'"),
            review,
            "question 1: the answer cell holds 2 statements (a function call, an assignment)",
        ),
        "memory-hog": (
            cell("hog = bytearray(10**12)\nanswer_1 = 'B'"),
            review,
            "question 1: the answer cell holds 2 assignments instead of one assignment of a literal",
        ),
        "system-exit": (
            cell("answer_1 = 'B'\nraise SystemExit(0)"),
            review,
            "question 1: the answer cell holds 2 statements (an assignment, a raise statement)",
        ),
        "os-exit": (
            cell("import os\nanswer_1 = 'B'\nos._exit(0)"),
            review,
            "question 1: the answer cell holds 3 statements (an import, an assignment, a function call)",
        ),
        "equal-to-all": (
            cell("class All:\n    __eq__ = lambda s, o: True\nanswer_1 = All()"),
            "needs review",
            "question 1: the answer cell holds 2 statements (a class, an assignment)",
        ),
        "all-loops": (loops, review, f"questions 1-{len(loops_at)}: the answer cell holds a loop instead"),
        "call": (cell("answer_1 = str('B')"), "needs review", "not a literal"),
        "name": (cell("answer_1 = B"), "needs review", "not a literal"),
        "attribute": (cell("answer_1 = 'b'.upper"), "needs review", "not a literal"),
        "reads-source": (
            cell(f"{run}answer_1 = open('../../../source/{QUIZ}/{QUIZ}.ipynb').read()"),
            "needs review",
            "question 1",
        ),
        "reads-gradebook": (
            cell("import sqlite3\nanswer_1 = sqlite3.connect('../../../gradebook.db')"),
            "needs review",
            "question 1",
        ),
    }


@pytest.fixture(scope="module")
def batch(scratch_module):
    project = scratch_module
    quiz = load_bank(project).quiz(QUIZ)
    released = json.loads(release(project, QUIZ).read_text())
    cases = corpus(quiz, released)
    SENTINEL.unlink(missing_ok=True)
    for learner, (content, _, _) in cases.items():
        if content is None:
            (project.course / "submitted" / learner / QUIZ).mkdir(parents=True)
            (project.course / "submitted" / learner / QUIZ / "answers.ipynb").write_text("{}")
        else:
            put(project.course, learner, content)
    report = grade(project, QUIZ, progress=False)
    with report.csv_path.open() as f:
        table = {r["learner"]: r for r in csv.DictReader(f)}
    return project, quiz, cases, report, table


def test_every_submission_ends_in_its_expected_status(batch):
    _, quiz, cases, report, table = batch
    assert sorted(table) == sorted(cases), "one row per submission, none lost"
    for learner, (_, status, words) in cases.items():
        row = table[learner]
        assert row["status"] == status, (learner, row["status"], row["reason"])
        if status == "graded":
            assert row["reason"] == "" and f"score {row['score']}" == words, learner
        else:
            assert words in row["reason"], (learner, row["reason"])
        if status == "failed":
            assert row["score"] == "", f"{learner}: a failed submission is blank, never 0"
    assert not SENTINEL.exists(), "learner code ran"


def test_the_summary_counts_every_status(batch, capsys):
    from frontline.grading.summary import summary

    _, _, cases, report, _ = batch
    text_ = summary(report)
    counts = {s: sum(1 for c in cases.values() if c[1] == s) for s in ("graded", "needs review", "failed")}
    for status, n in counts.items():
        assert f"  {status:<14}{n:>9}" in text_
    assert f"submitted/invalid-json/{QUIZ}: failed: not a notebook (invalid JSON" in text_
    line = next(x for x in text_.splitlines() if f"submitted/all-loops/{QUIZ}:" in x)
    assert line.count("holds a loop") == 1, line


def test_autograded_notebooks_restore_every_instructor_cell(batch):
    project, quiz, cases, _, _ = batch
    source = json.loads((project.course / "source" / QUIZ / f"{QUIZ}.ipynb").read_text())
    locked = {c["id"]: text(c) for c in source["cells"] if c["metadata"]["nbgrader"]["locked"]}
    for learner in ("deleted-tests", "edited-tests", "changed-metadata", "reordered"):
        nb = json.loads((project.course / "autograded" / learner / QUIZ / f"{QUIZ}.ipynb").read_text())
        assert {c["id"]: text(c) for c in nb["cells"] if c["id"] in locked} == locked, learner
        assert [c["id"] for c in nb["cells"]] == [c["id"] for c in source["cells"]], learner


def test_feedback_for_the_corpus_shows_no_key_and_no_python(batch):
    project, _, cases, _, _ = batch
    pages = sorted((project.course / "feedback").glob(f"*/{QUIZ}/{QUIZ}.html"))
    assert len(pages) == len(cases)
    assert scan(learner_files(project.course / "feedback"), load_bank(project)) == []
    for page in pages:
        html = page.read_text()
        assert "HIDDEN TESTS" not in html and "answer_1 =" not in html and "_letters(" not in html
        assert weigh(page).external == []


def test_grading_again_changes_nothing_and_adds_no_rows(batch):
    project, _, cases, first, table = batch
    db = project.course / "gradebook.db"

    def counts():
        with sqlite3.connect(db) as con:
            return [
                con.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("submitted_assignment", "grade", "comment", "frontline_status", "student")
            ]

    before = counts()
    again = grade(project, QUIZ, progress=False)
    assert again.fresh == [] and sorted(again.kept) == sorted(cases)
    assert counts() == before
    assert again.csv_path.read_text() == first.csv_path.read_text()


def test_moodle_and_canvas_exports(batch):
    _, quiz, cases, report, table = batch
    with report.exports["moodle"].open() as f:
        moodle = list(csv.DictReader(f))
    assert list(moodle[0]) == ["Username", "Email address", quiz.title, "Feedback", "Status"]
    by = {r["Username"]: r for r in moodle}
    assert by["reordered"][quiz.title] == table["reordered"]["score"]
    assert by["invalid-json"][quiz.title] == "" and by["invalid-json"]["Feedback"].startswith("failed: ")
    assert by["answer-twice"][quiz.title] == "", "a score waiting for review is not sent as final"
    with report.exports["canvas"].open() as f:
        canvas = list(csv.reader(f))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", quiz.title, "Status"]
    assert canvas[1][0] == "Points Possible" and canvas[1][5] == f"{quiz.max_score:g}"
    assert len(canvas) == 2 + len(cases)
    rows = {r[2]: r for r in canvas[2:]}
    assert rows["reordered"][5] == table["reordered"]["score"] and rows["reordered"][6] == "graded"
    assert rows["empty-file"][5] == "" and rows["empty-file"][6].startswith("failed: the file is empty")


def test_nbgrader_export_and_feedback_work_on_our_gradebook(batch):
    project, _, cases, _, table = batch
    course = project.course
    done = nbgrader(course, "export", "--to", "nbgrader-grades.csv")
    assert done.returncode == 0, done.stderr[-1500:]
    with (course / "nbgrader-grades.csv").open() as f:
        exported = {r["student_id"]: r for r in csv.DictReader(f) if r["assignment"] == QUIZ}
    assert sorted(exported) == sorted(cases)
    assert exported["empty-file"]["status"] == "failed" and exported["empty-file"]["score"] == ""
    assert exported["answer-twice"]["status"] == "needs review"
    assert float(exported["reordered"]["score"]) == float(table["reordered"]["score"])
    done = nbgrader(course, "generate_feedback", QUIZ, "--student", "reordered", "--force")
    assert done.returncode == 0, done.stderr[-1500:]
    page = course / "feedback" / "reordered" / QUIZ / f"{QUIZ}.html"
    assert scan([page], load_bank(project)) == []


def test_the_formgrader_lists_our_submissions(batch):
    from frontline.grading.course import _api

    project, _, cases, _, _ = batch
    api = _api(project.course)
    subs = {s["student"]: s for s in api.get_submissions(QUIZ)}
    assert subs["reordered"]["autograded"] and subs["reordered"]["score"] > 0
    assert subs["answer-twice"]["needs_manual_grade"]
    assert not subs["invalid-json"]["autograded"], "a failed submission is not shown as graded"


def _many(project, count: int) -> dict[str, float]:
    quiz = load_bank(project).quiz(QUIZ)
    released = json.loads(release(project, QUIZ).read_text())
    expected = {}
    for learner, nb in generated(quiz, released, count, seed=11).items():
        path = put(project.course, learner, nb)
        expected[learner] = grade_file(path, quiz).total
    return expected


def test_workers_change_nothing_but_speed(tmp_path):
    from conftest import copy_project

    one, two = copy_project(tmp_path / "one"), copy_project(tmp_path / "two")
    expected = _many(one, 120)
    _many(two, 120)
    a = grade(one, QUIZ, workers=1, progress=False)
    b = grade(two, QUIZ, workers=2, progress=False)
    assert a.csv_path.read_text() == b.csv_path.read_text()
    with a.csv_path.open() as f:
        assert {r["learner"]: float(r["score"]) for r in csv.DictReader(f)} == expected


def _status_rows(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as con:
            return con.execute("select count(*) from frontline_status").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_killed_with_sigkill_a_rerun_finishes_with_the_same_grades(tmp_path):
    from conftest import copy_project

    project = copy_project(tmp_path / "project")
    count = 1500
    expected = _many(project, count)
    db = project.course / "gradebook.db"
    bindir = Path(sys.executable).parent
    proc = subprocess.Popen(
        [bindir / "frontline", "grade", QUIZ, "--workers", "2"],
        cwd=project.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while _status_rows(db) < 50 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = _status_rows(db)
    assert 0 < done < count, f"the kill should land part-way ({done} of {count} recorded)"
    report = grade(project, QUIZ, progress=False)
    assert len(report.fresh) == count - done and len(report.kept) == done
    with report.csv_path.open() as f:
        assert {r["learner"]: float(r["score"]) for r in csv.DictReader(f)} == expected
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from submitted_assignment").fetchone()[0] == count
        per_item = con.execute("select count(*) from grade").fetchone()[0]
    assert per_item == count * len(load_bank(project).quiz(QUIZ).items)
