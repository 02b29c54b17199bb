"""Submissions for the grading tests: the released notebook with answers typed in, or broken.
`fill` lives in frontline.grading.practice, which also makes the trainers' practice sets."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from frontline.grading.practice import cell_text as text
from frontline.grading.practice import fill

__all__ = ["QUIZ", "fill", "generated", "hostile", "keyed", "nbgrader", "put", "text"]

QUIZ = "victim-identification"


def keyed(quiz, released: dict) -> dict:
    return fill(released, {n: json.dumps(i.key) for n, i in enumerate(quiz.items, start=1) if i.autograded})


def hostile(quiz, released: dict, number: int, source: str) -> dict:
    """All answers right, except that answer cell `number` holds `source`."""
    nb = keyed(quiz, released)
    for cell in nb["cells"]:
        if text(cell).startswith(f"answer_{number} = "):
            cell["source"] = source
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


def generated(quiz, released: dict, count: int, seed: int = 5) -> dict[str, dict]:
    """`count` well-formed submissions with varied literal answers, by learner id."""
    rng = random.Random(seed)
    auto = [(n, i) for n, i in enumerate(quiz.items, start=1) if i.autograded]
    return {f"s{k:04d}": fill(released, {n: variants(item, rng) for n, item in auto}) for k in range(count)}


def put(course: Path, learner: str, content: dict | bytes, quiz_id: str = QUIZ) -> Path:
    """Place a submission where nbgrader collects it: submitted/<learner>/<quiz>/<quiz>.ipynb."""
    path = course / "submitted" / learner / quiz_id / f"{quiz_id}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    return path


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    """nbgrader's own command, run in the course folder (so it reads nbgrader_config.py)."""
    bindir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run([bindir / "nbgrader", *args], cwd=course, env=env, capture_output=True, text=True)
