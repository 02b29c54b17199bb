"""Several graders at once on one PostgreSQL gradebook: a real server, started on a loopback port
for this test. Every submission is recorded exactly once, with the grades one grader alone gives."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project
from notebooks import QUIZ, generated, put
from postgres import PASSWORD, free_port

from frontline.content.bank import load_bank
from frontline.grading.course import release
from frontline.grading.literal_grading import grade_file
from frontline.grading.pipeline import grade

pytestmark = pytest.mark.slow


def test_concurrent_graders_share_one_postgresql_gradebook(tmp_path, postgres_url):
    from sqlalchemy import create_engine, text

    project = copy_project(tmp_path / "project")
    quiz = load_bank(project).quiz(QUIZ)
    released = json.loads(release(project, QUIZ, db_url=postgres_url).read_text())
    expected = {}
    for learner, nb in generated(quiz, released, 300, seed=21).items():
        expected[learner] = grade_file(put(project.course, learner, nb), quiz).total
    put(project.course, "broken", b"{ not json")
    frontline = Path(sys.executable).parent / "frontline"
    graders = [
        subprocess.Popen(
            [frontline, "grade", QUIZ, "--db", postgres_url, "--workers", "1"],
            cwd=project.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [g.communicate(timeout=600) for g in graders]
    recorded_by = []
    for grader, (out, err) in zip(graders, outputs, strict=True):
        assert grader.returncode == 1, err[-2000:]  # 1: the broken submission failed, as it should
        assert "Traceback" not in err, err[-2000:]
        assert f"submitted/broken/{QUIZ}: failed: not a notebook" in out
        recorded_by.append(int(re.search(r"; (\d+) graded now", out).group(1)))
    assert sum(recorded_by) == 301, f"each submission is recorded by exactly one grader: {recorded_by}"
    engine = create_engine(postgres_url)
    with engine.connect() as con:
        count = lambda sql: con.execute(text(sql)).scalar_one()  # noqa: E731
        assert count("select count(*) from submitted_assignment") == 300
        assert count("select count(*) from grade") == 300 * len(quiz.items)
        assert count("select count(*) from frontline_status") == 301
        assert count("select count(*) from student") == 301
    engine.dispose()
    report = grade(project, QUIZ, db_url=postgres_url, progress=False)
    assert report.fresh == [] and len(report.kept) == 301
    with report.csv_path.open() as f:
        rows = {r["learner"]: r for r in csv.DictReader(f)}
    assert rows.pop("broken")["status"] == "failed"
    assert {k: float(r["score"]) for k, r in rows.items()} == expected


@pytest.fixture(scope="module")
def one_submission(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("unreachable") / "project")
    released = json.loads(release(project, QUIZ).read_text())
    quiz = load_bank(project).quiz(QUIZ)
    put(project.course, "learner-1", generated(quiz, released, 1)["s0000"])
    return project


def _unreachable(url: str) -> dict[str, str]:
    _, rest = url.split("://", 1)
    credentials, place = rest.split("@", 1)
    user = credentials.split(":", 1)[0]
    host_port, _ = place.split("/", 1)
    cases = {
        "down": f"postgresql://{user}:{PASSWORD}@127.0.0.1:{free_port()}/gradebook",
        "wrong password": f"postgresql://{user}:not-the-password@{host_port}/gradebook",
        "missing database": f"postgresql://{credentials}@{host_port}/no_such_gradebook",
    }
    return cases


@pytest.mark.parametrize(
    ("case", "advice"),
    [
        ("down", "nothing answers there: check that the server is running"),
        ("wrong password", "the server refused the password"),
        ("missing database", "no such database on the server"),
    ],
)
def test_an_unreachable_gradebook_is_one_line_and_writes_nothing(one_submission, postgres_url, case, advice):
    project = one_submission
    url = _unreachable(postgres_url)[case]
    before = sorted(p.relative_to(project.course) for p in project.course.rglob("*"))
    done = subprocess.run(
        [sys.executable, "-m", "frontline.cli", "grade", QUIZ, "--db", url],
        cwd=project.root,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert advice in lines[0], lines[0]
    shown = url.replace("postgresql://", "postgresql+psycopg://").replace(f":{PASSWORD}@", ":***@")
    shown = shown.replace(":not-the-password@", ":***@")
    assert f"gradebook {shown}: cannot open it" in lines[0], lines[0]
    assert PASSWORD not in done.stderr and "not-the-password" not in done.stderr
    assert sorted(p.relative_to(project.course) for p in project.course.rglob("*")) == before, (
        "nothing written"
    )
