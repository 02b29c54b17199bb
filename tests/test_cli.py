"""A user's mistake gets one clear line naming the file and the problem, and exit 1."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest


def run(cwd, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "frontline.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def one_line_error(result) -> str:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("frontline: ")
    return lines[0]


def test_unknown_quiz(scratch):
    line = one_line_error(run(scratch.root, "release", "no-such-quiz"))
    assert "unknown quiz 'no-such-quiz'" in line and "victim-identification" in line


def test_malformed_bank_file(scratch):
    bad = scratch.quizzes / "victim-identification.yaml"
    bad.write_text("id: victim-identification\nitems: [\n")
    line = one_line_error(run(scratch.root, "release", "victim-identification"))
    assert str(bad) in line and "malformed YAML" in line


def test_missing_course_directory(scratch):
    (scratch.course / "nbgrader_config.py").unlink()
    line = one_line_error(run(scratch.root, "release", "victim-identification"))
    assert "nbgrader_config.py" in line


def test_missing_bank(scratch):
    shutil.rmtree(scratch.bank)
    line = one_line_error(run(scratch.root, "grade", "victim-identification"))
    assert "question bank folder not found" in line


def test_grade_without_submissions(scratch):
    line = one_line_error(run(scratch.root, "grade", "victim-identification"))
    assert "no submissions of victim-identification" in line


def test_outside_a_project(tmp_path):
    line = one_line_error(run(tmp_path, "check"))
    assert "no _config.yml and _toc.yml" in line


def test_check_failure_lists_problems_and_exits_1(scratch):
    path = scratch.self_checks / "fr1.yaml"
    path.write_text(path.read_text().replace("objective: FR1.1", "objective: FR1.9", 1))
    result = run(scratch.root, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{path}: item fr1-sc-01: objective FR1.9" in result.stderr


@pytest.mark.parametrize("args", [[], ["nonsense"]])
def test_usage_errors_exit_2(tmp_path, args):
    result = run(tmp_path, *args)
    assert result.returncode == 2 and "usage: frontline" in result.stderr
