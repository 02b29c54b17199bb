"""A course on a real JupyterHub (the recipe in deploy/jupyterhub/), end to end on loopback: learners
log in through the hub's REST API, fetch the quiz, answer it (right, wrong, or with a broken file)
and submit through nbgrader's exchange; the instructor runs `frontline grade --exchange` on a
PostgreSQL gradebook; each learner fetches feedback and finds their own page, and no one else's.
As root, the learners' Jupyter servers run with --allow-root (tests/hub.py adds it); every process
started here is stopped at the end."""

from __future__ import annotations

import importlib.util
import json
import os
import pwd
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project, need
from hub import COURSE, PROXY, action, feedback_pages, log_in, read, running_hub, start_server, write
from notebooks import QUIZ, keyed

from frontline.content.bank import load_bank
from frontline.grading.literal_grading import grade_file
from frontline.grading.practice import fill

pytestmark = pytest.mark.slow

ANSWERS = {"amina": "right", "bogdan": "wrong", "chen": "broken"}
GRADER = "grace"


def frontline(project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [Path(sys.executable).parent / "frontline", *args],
        cwd=project.root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")},
    )


def answered(quiz, released: dict, kind: str) -> dict | str:
    if kind == "right":
        return keyed(quiz, released)
    if kind == "wrong":
        auto = [(n, i) for n, i in enumerate(quiz.items, 1) if i.autograded]
        return fill(released, {n: json.dumps(next(x for x in i.letters if x != i.key)) for n, i in auto})
    return "{ not json"


def test_learners_submit_and_fetch_feedback_through_the_hub(tmp_path, postgres_url):
    need(PROXY.exists(), "configurable-http-proxy not installed (npm ci --prefix assets)")
    need(
        importlib.util.find_spec("jupyterhub") is not None,
        "JupyterHub not installed (pip install -e '.[test]')",
    )
    project = copy_project(tmp_path / "project")
    exchange = tmp_path / "exchange"
    exchange.mkdir(mode=0o777)
    # As the recipe says: the course's nbgrader_config.py names the gradebook and the exchange.
    config = project.course / "nbgrader_config.py"
    config.write_text(
        config.read_text()
        + f"\nc.CourseDirectory.db_url = {postgres_url!r}\nc.Exchange.root = {str(exchange)!r}\n"
    )
    done = frontline(project, "release", QUIZ, "--exchange")
    assert done.returncode == 0, done.stderr
    quiz = load_bank(project).quiz(QUIZ)

    with running_hub(tmp_path / "hub", project.course, exchange, sorted(ANSWERS), [GRADER]) as hub:
        tokens = {name: log_in(hub, name) for name in [*ANSWERS, GRADER]}
        # The formgrader is a hub service for the course's graders only.
        assert hub.call("GET", f"/services/{COURSE}/formgrader", token=tokens["amina"]).status_code == 403
        for name in ANSWERS:
            start_server(hub, name, tokens[name])
        # Learners' servers have no formgrader of their own.
        assert hub.call("GET", "/user/amina/formgrader", token=tokens["amina"]).status_code == 404
        for name, kind in ANSWERS.items():
            listed = action(hub, name, tokens[name], "fetch", QUIZ)
            assert listed["success"], listed
            path = f"{QUIZ}/{QUIZ}.ipynb"
            released = read(hub, name, tokens[name], path)["content"]
            answers = answered(quiz, released, kind)
            write(hub, name, tokens[name], path, answers)
            (tmp_path / f"{name}.ipynb").write_text(
                answers if isinstance(answers, str) else json.dumps(answers)
            )
            submitted = action(hub, name, tokens[name], "submit", QUIZ)
            assert submitted["success"], submitted
            assert feedback_pages(hub, name, tokens[name], QUIZ) == {}

        graded = frontline(project, "grade", QUIZ, "--exchange")
        assert graded.returncode == 1, graded.stderr  # 1: the broken file failed, as it should
        assert "Traceback" not in graded.stderr, graded.stderr
        assert "Collected 3 new or changed submissions" in graded.stdout
        assert f"submitted/chen/{QUIZ}: failed: not a notebook" in graded.stdout
        assert "Feedback released through the exchange for 3 learner(s)" in graded.stdout
        # Here every learner is this one machine account: collect says so for each submission
        # (on a hub with an account per learner, that means someone submitted under another's name).
        owner = pwd.getpwuid(os.getuid()).pw_name
        for name in ANSWERS:
            assert f"Warning: {name}'s submission was written by the account {owner}" in graded.stdout

        # The formgrader answers its graders, on the same gradebook.
        page = hub.call("GET", f"/services/{COURSE}/formgrader", token=tokens[GRADER])
        assert page.status_code == 200, page.text[:500]

        seen = {}
        for name in ANSWERS:
            action(hub, name, tokens[name], "fetch_feedback", QUIZ)
            pages = feedback_pages(hub, name, tokens[name], QUIZ)
            assert len(pages) == 1, f"{name} should find exactly their own page: {list(pages)}"
            seen[name] = next(iter(pages.values()))
        for name, text in seen.items():
            assert f"<p>Learner: {name}</p>" in text
            assert not [other for other in ANSWERS if other != name and f"Learner: {other}" in text]
        total = quiz.max_score
        for name, kind in ANSWERS.items():
            if kind == "broken":
                assert "Your quiz could not be graded. Your file is kept, nothing is lost." in seen[name]
                continue
            expected = grade_file(tmp_path / f"{name}.ipynb", quiz).total
            line = rf"Your score( so far)?: {expected:g} of {total:g}\."
            assert re.search(line, seen[name]), (name, seen[name][:2000])
        assert (
            grade_file(tmp_path / "amina.ipynb", quiz).total
            > grade_file(tmp_path / "bogdan.ipynb", quiz).total
        )
