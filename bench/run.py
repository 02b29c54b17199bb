"""Benchmarks: figures and ratios against baselines measured in the same run, never pass/fail.

1. Page weight: our FR1 page against a default Jupyter Book 1 page with one widget, built here now.
   Also the modelled time to first text on a 400 ms / 50 KB/s link.
2. Grading: seconds per submission with `frontline grade`, against executing the same notebooks
   with nbclient alone (the floor any grader pays).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from frontline.pageweight import weigh
from frontline.paths import Project

LATENCY_S = 0.4
BYTES_PER_S = 50 * 1024
DEFAULT_BOOK = {
    "_config.yml": "title: Baseline\nexecute:\n  execute_notebooks: force\n",
    "_toc.yml": "format: jb-book\nroot: intro\nchapters:\n- file: page\n",
    "intro.md": "# Intro\n",
    "page.md": (
        "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
        "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n# Page\n\n"
        "Some text.\n\n```{code-cell} ipython3\n:tags: [remove-input]\nimport ipywidgets as w\n"
        "w.Dropdown(options=['a', 'b'])\n```\n"
    ),
}


def first_text_seconds(blocking_bytes: int, requests: int) -> float:
    """A crude model: round trips for the page and its blocking files (6 at a time), then bytes."""
    return LATENCY_S * (1 + -(-requests // 6)) + blocking_bytes / BYTES_PER_S


def page_weight(project: Project) -> None:
    ours = weigh(project.html / "modules/first-responder/fr1-what-is-trafficking.html")
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in DEFAULT_BOOK.items():
            (Path(tmp) / name).write_text(text)
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from jupyter_book.cli.main import main; main()",
                "build",
                tmp,
                "--quiet",
            ],
            check=True,
            capture_output=True,
        )
        base = weigh(Path(tmp) / "_build/html/page.html")
    external = len(base.external)
    print("Page weight before any interaction (images excluded)")
    print(
        f"  default Jupyter Book 1 page: {base.total / 1024:8.0f} KB local, {external} files from CDNs "
        f"(not counted)"
    )
    print(f"  Frontline FR1 module page:   {ours.total / 1024:8.0f} KB, {len(ours.external)} external")
    print(f"  ratio ours / default:        {ours.total / base.total:8.2f}")
    t_base = first_text_seconds(base.total, len(base.files) + external)
    t_ours = first_text_seconds(ours.total, len(ours.files))
    print(
        f"  modelled load at 400 ms / 50 KB/s: default {t_base:.0f} s, ours {t_ours:.0f} s "
        f"(ratio {t_ours / t_base:.2f})"
    )


def grading(project: Project) -> None:
    import nbformat
    from nbclient import NotebookClient

    from frontline.bank import load_bank
    from frontline.course import grade, release

    with tempfile.TemporaryDirectory() as tmp:
        copy = project.copy_sources(Path(tmp) / "project")
        quiz = load_bank(copy).quiz("victim-identification")
        released = release(copy, quiz.id)
        learners = [f"learner{n:02d}" for n in range(6)]
        for learner in learners:
            target = copy.course / "submitted" / learner / quiz.id / released.name
            target.parent.mkdir(parents=True)
            shutil.copy(released, target)
        start = time.perf_counter()
        for learner in learners:
            nb = nbformat.read(copy.course / "submitted" / learner / quiz.id / released.name, as_version=4)
            NotebookClient(nb, timeout=60, kernel_name="python3").execute()
        floor = (time.perf_counter() - start) / len(learners)
        start = time.perf_counter()
        report = grade(copy, quiz.id)
        ours = (time.perf_counter() - start) / len(learners)
        assert not report.failed, report.failed
        # The kernel-free literal grader on 1,000 submission files (answers vary by learner).
        from frontline.literal_grading import grade_file

        nb = json.loads(released.read_text())
        paths = []
        for k in range(1000):
            for cell in nb["cells"]:
                text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                if text.startswith("answer_1 = "):
                    cell["source"] = f'answer_1 = "{"ABCD"[k % 4]}"'
            path = Path(tmp) / "many" / f"l{k}.ipynb"
            path.parent.mkdir(exist_ok=True)
            path.write_text(json.dumps(nb))
            paths.append(path)
        start = time.perf_counter()
        outcomes = [grade_file(p, quiz) for p in paths]
        literal = time.perf_counter() - start
        assert all(o.status == "graded" for o in outcomes)
    print(f"Grading {len(learners)} submissions of {quiz.id}")
    print(f"  nbclient execution alone: {floor:6.2f} s per submission")
    print(
        f"  frontline grade (autograde + feedback + CSV): {ours:6.2f} s per submission "
        f"(ratio {ours / floor:.2f})"
    )
    print(
        f"  literal grader (no kernel), 1,000 submissions: {literal:6.2f} s, "
        f"{1000 / literal:,.0f} per second; "
        f"{ours * 1000 / literal:,.0f} times the throughput of frontline grade"
    )


def report_speed(project: Project) -> None:
    """The report for 10,000 learners and 40 items, against the cost of just reading the scores."""
    import numpy as np

    from frontline.bank import Quiz, QuizItem
    from frontline.report import build, write
    from frontline.responses import Responses

    items = [
        QuizItem(
            id=f"b-{n:02d}",
            objective="FR2.1",
            type="multiple-choice",
            points=1,
            question="Which one?",
            options={"A": "a", "B": "b", "C": "c", "D": "d"},
            answer="ABCD"[n % 4],
            explanation="For the benchmark only.",
            review="FR2, all of it",
        )
        for n in range(40)
    ]
    quiz = Quiz(id="bench", title="Benchmark", modules=["FR2"], instructions="None.", items=items)
    rng = np.random.default_rng(0)
    right = rng.random((10_000, 40)) < np.linspace(0.2, 0.95, 40)
    responses = Responses(quiz, items)
    start = time.perf_counter()
    for k in range(10_000):
        responses.add(
            f"l{k}",
            right[k].astype(float).tolist(),
            [items[j].key if right[k, j] else "A" for j in range(40)],
            "bench",
        )
    loading = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        write(build(responses), Path(tmp))
        took = time.perf_counter() - start
    print("Report for 10,000 learners and 40 items")
    print(
        f"  loading the responses: {loading:6.2f} s; building and writing the report: {took:6.2f} s "
        f"(target under 5 s; ratio to loading {took / loading:.2f})"
    )


def main() -> None:
    project = Project.here()
    if not (project.html / "index.html").is_file():
        from frontline.build import build

        build(project, quiet=True)
    page_weight(project)
    report_speed(project)
    grading(project)
    print(json.dumps({"note": "figures vary with machine load; compare ratios, not seconds"}))


if __name__ == "__main__":
    main()
