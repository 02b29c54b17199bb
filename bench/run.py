"""Benchmarks: figures and ratios against baselines measured in the same run, never pass/fail.

1. Page weight: our FR1 page against a default Jupyter Book 1 page with one widget, built here now.
   Also the modelled time to first text on a 400 ms / 50 KB/s link, and the quiz page's weight.
2. Reports: 10,000 learners and 40 items, against just loading the scores.
3. Grading: plain `nbgrader autograde` on a sample against `frontline grade` on 1,000 generated
   submissions, with the throughput ratio and whether both gave the same grades.
4. Slow links: every page's weight and modelled first text; Chromium throttled to 400 ms / 50 KB/s
   for the landing page and two module pages against a default Jupyter Book page.
5. Authoring: a release build (cold, and with the execution cache warm), a build with nothing
   changed, and the live preview's time from saving a one-line edit of one module to the new page
   being served, each against the full build in the same run.
6. A course on JupyterHub under load: 50 learners log in to a real hub on loopback (the recipe in
   deploy/jupyterhub/), fetch the quiz, answer it and submit at the same moment through nbgrader's
   exchange; then `frontline grade --exchange` on PostgreSQL. The figure: from the last submit to
   every submission graded and its feedback released, and whether any was lost or duplicated.
7. Languages: a forced build of the English book alone against English and French together (both
   with their execution caches warm), and the share of French strings translated; then the
   trainer's files (section trainer_tools on its own): the five-day kit's packs and the T1 to T5
   decks in French against the same in English.

`python bench/run.py slow_links languages` runs only the sections named.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from frontline.book.pageweight import weigh
from frontline.paths import Project

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

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


def default_book(folder: Path) -> Path:
    """A default Jupyter Book 1 page with one widget, built here now: the baseline."""
    for name, text in DEFAULT_BOOK.items():
        (folder / name).write_text(text)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from jupyter_book.cli.main import main; main()",
            "build",
            str(folder),
        ]
        + ["--quiet"],
        check=True,
        capture_output=True,
    )
    return folder / "_build/html/page.html"


def page_weight(project: Project) -> None:
    ours = weigh(project.html / "modules/first-responder/fr1-what-is-trafficking.html")
    with tempfile.TemporaryDirectory() as tmp:
        base = weigh(default_book(Path(tmp)))
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
    quiz = quiz_page_weight(project)
    t_quiz = first_text_seconds(quiz.total, len(quiz.files))
    print(
        f"  quiz page (victim-identification, one file, no Jupyter): {quiz.total / 1024:.0f} KB, "
        f"{len(quiz.external)} external, modelled load {t_quiz:.1f} s (ratio to FR1 page "
        f"{quiz.total / ours.total:.2f})"
    )


def quiz_page_weight(project: Project, quiz_id: str = "victim-identification"):
    """The quiz page as `frontline release` writes it, built in-process (nbgrader's release steps)."""
    import nbformat

    from frontline.content.bank import load_bank
    from frontline.grading.practice import released_notebook
    from frontline.grading.quiz_page import page_html

    quiz = load_bank(project).quiz(quiz_id)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / f"{quiz_id}.html"
        released = json.loads(nbformat.writes(released_notebook(quiz)))
        page.write_text(page_html(quiz, released), encoding="utf-8")
        return weigh(page)


def slow_links(project: Project) -> None:
    """Every built page: bytes before interaction and modelled time to first text; then Chromium under
    throttling (CDP Network.emulateNetworkConditions: 400 ms, 50 KB/s) for the landing page and two
    module pages, next to the default Jupyter Book page, cold cache, in the same run."""
    import contextlib

    from loopback import serve

    from frontline import chromium

    pages = sorted(p for p in project.html.rglob("*.html") if "_static" not in p.parts)
    rows = [(weigh(p), p) for p in pages]
    slowest = max(rows, key=lambda r: first_text_seconds(r[0].total, len(r[0].files)))
    modules = [w.total for w, p in rows if "/modules/" in p.as_posix()]
    print("Slow links (400 ms round trip, 50 KB/s), before any interaction, images excluded")
    print(
        f"  {len(rows)} pages; module pages {min(modules) / 1024:.0f} to {max(modules) / 1024:.0f} KB "
        "(budget 200)"
    )
    print(
        f"  modelled first text: at most {first_text_seconds(slowest[0].total, len(slowest[0].files)):.1f} s "
        f"({slowest[1].relative_to(project.html)}; target 3 s)"
    )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("  (Chromium timing skipped: playwright is not installed)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        baseline = default_book(Path(tmp))
        sites = {"frontline": project.html, "default": baseline.parent}
        stack = contextlib.ExitStack()
        urls = {name: stack.enter_context(serve(root)) for name, root in sites.items()}
        targets = [
            ("default Jupyter Book page", "default", "page.html"),
            ("landing page", "frontline", "book/index.html"),
            ("FR1 module page", "frontline", "modules/first-responder/fr1-what-is-trafficking.html"),
            ("T4 module page", "frontline", "modules/trainer/t4-assessment-and-evaluation.html"),
        ]
        with stack, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium.executable(), args=chromium.FLAGS)
            for label, site, path in targets:
                context = browser.new_context()
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                cdp.send(
                    "Network.emulateNetworkConditions",
                    {
                        "offline": False,
                        "latency": LATENCY_S * 1000,
                        "downloadThroughput": BYTES_PER_S,
                        "uploadThroughput": BYTES_PER_S,
                    },
                )
                url = urls[site] + path
                page.goto(url, wait_until="load", timeout=180_000)
                paint = page.evaluate(
                    "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"
                )
                loaded = page.evaluate("performance.timing.loadEventEnd - performance.timing.navigationStart")
                fcp = f"{paint / 1000:5.1f} s" if paint is not None else "  n/a"
                print(f"  {label:28s} first contentful paint {fcp}, load {loaded / 1000:5.1f} s")
                context.close()
            browser.close()


def _submissions(project: Project, count: int) -> dict:
    """`count` generated submissions (the tests' generator), placed where nbgrader collects them."""
    from notebooks import generated, put

    from frontline.content.bank import load_bank
    from frontline.grading.course import release

    quiz = load_bank(project).quiz("victim-identification")
    released = json.loads(release(project, quiz.id).read_text())
    made = generated(quiz, released, count, seed=1)
    for learner, nb in made.items():
        put(project.course, learner, nb)
    return made


def _scores(csv_path: Path) -> dict[str, str]:
    import csv

    with csv_path.open() as f:
        return {r["learner"]: r["score"] for r in csv.DictReader(f)}


def grading(project: Project, count: int = 1000, sample: int = 20) -> None:
    """Plain `nbgrader autograde` on a sample against `frontline grade` on all `count`."""
    bindir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"}
    quiz_id = "victim-identification"
    with tempfile.TemporaryDirectory() as tmp:
        theirs = project.copy_sources(Path(tmp) / "nbgrader")
        _submissions(theirs, sample)
        start = time.perf_counter()
        subprocess.run(
            [bindir / "nbgrader", "autograde", quiz_id],
            cwd=theirs.course,
            env=env,
            capture_output=True,
            check=True,
        )
        nbgrader_s = (time.perf_counter() - start) / sample
        subprocess.run(
            [bindir / "nbgrader", "export", "--to", "out.csv"],
            cwd=theirs.course,
            env=env,
            capture_output=True,
            check=True,
        )
        import csv

        with (theirs.course / "out.csv").open() as f:
            nbgrader_scores = {r["student_id"]: float(r["score"]) for r in csv.DictReader(f)}

        ours = project.copy_sources(Path(tmp) / "ours")
        _submissions(ours, count)
        start = time.perf_counter()
        subprocess.run(
            [bindir / "frontline", "grade", quiz_id], cwd=ours.root, env=env, capture_output=True, check=True
        )
        ours_s = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run(
            [bindir / "frontline", "grade", quiz_id], cwd=ours.root, env=env, capture_output=True, check=True
        )
        again_s = time.perf_counter() - start
        scores = _scores(ours.course / "grades" / f"{quiz_id}.csv")
        same = all(float(scores[k]) == v for k, v in nbgrader_scores.items())
    print(f"Grading {quiz_id}: plain nbgrader autograde on {sample}, frontline grade on {count:,}")
    print(f"  nbgrader autograde: {nbgrader_s:6.2f} s per submission ({1 / nbgrader_s:6.1f} per second)")
    print(
        f"  frontline grade:    {ours_s:6.2f} s for {count:,} ({count / ours_s:6.1f} per second; "
        f"target under 60 s), with feedback and three exports"
    )
    print(f"  throughput ratio:   {nbgrader_s * count / ours_s:6.1f} x nbgrader's (target at least 20 x)")
    print(f"  grading again, nothing changed: {again_s:6.2f} s")
    print(f"  identical grades on the {sample} graded by both: {'yes' if same else 'NO'}")


def report_speed(project: Project) -> None:
    """The report for 10,000 learners and 40 items, against the cost of just reading the scores."""
    import numpy as np

    from frontline.content.bank import Quiz, QuizItem
    from frontline.reports.report import build, write
    from frontline.reports.responses import Responses

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


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def authoring(project: Project) -> None:
    import shutil

    from livepreview import add_line, author_copy, running_preview

    from frontline.book.build import build

    page = "modules/first-responder/fr3-first-contact-and-safety.html"
    with tempfile.TemporaryDirectory() as tmp:
        copy = author_copy(project, Path(tmp) / "project")
        shutil.rmtree(copy.build / ".jupyter_cache")
        cold = _timed(lambda: build(copy, quiet=True, force=True))
        warm = _timed(lambda: build(copy, quiet=True, force=True))
        noop = _timed(lambda: build(copy, quiet=True))
        with running_preview(copy, Path(tmp) / "preview.log") as preview:
            start = preview.wait_for(page, "First contact", 900)
            add_line(copy.modules / "first-responder" / "fr3-first-contact-and-safety.md", "Benchmark line.")
            edit = preview.wait_for(page, "Benchmark line.", 300)
    print("Authoring (one copy of the project, this run)")
    print(f"  release build, cold (every notebook executed): {cold:6.1f} s")
    print(f"  release build, execution cache warm:          {warm:6.1f} s")
    print(
        f"  release build with nothing changed:           {noop:6.1f} s "
        f"(ratio to warm build {noop / warm:.3f})"
    )
    print(f"  preview start (first build, warm cache):      {start:6.1f} s")
    print(
        f"  preview: one-line edit of a module to page:   {edit:6.1f} s (target under 10 s; "
        f"ratio to warm build {edit / warm:.2f})"
    )


def hub_load(project: Project, count: int = 50) -> None:
    """50 learners submitting at once through a real JupyterHub, then collect, grade and feedback."""
    import csv
    from concurrent.futures import ThreadPoolExecutor

    from hub import action, feedback_pages, log_in, read, running_hub, start_server, write
    from notebooks import generated
    from postgres import running_server, server_bin

    from frontline.content.bank import load_bank
    from frontline.grading.course import release
    from frontline.grading.exchange import release_to_exchange
    from frontline.grading.literal_grading import grade_loaded

    bindir = Path(sys.executable).parent
    quiz_id = "victim-identification"
    if server_bin() is None:
        print("JupyterHub load: skipped (PostgreSQL server binaries not found)")
        return
    with tempfile.TemporaryDirectory() as tmp, running_server(server_bin()) as db_url:
        work = Path(tmp)
        ours = project.copy_sources(work / "project")
        exchange = work / "exchange"
        config = ours.course / "nbgrader_config.py"
        config.write_text(
            config.read_text()
            + f"\nc.CourseDirectory.db_url = {db_url!r}\nc.Exchange.root = {str(exchange)!r}\n"
        )
        quiz = load_bank(ours).quiz(quiz_id)
        released = json.loads(release(ours, quiz_id).read_text())
        release_to_exchange(ours, quiz_id)
        answers = generated(quiz, released, count, seed=3)
        expected = {name: grade_loaded(nb, quiz).total for name, nb in answers.items()}
        names = sorted(answers)
        with (
            running_hub(work / "hub", ours.course, exchange, names, []) as hub,
            ThreadPoolExecutor(count) as pool,
        ):
            start = time.perf_counter()
            tokens = dict(zip(names, pool.map(lambda n: log_in(hub, n), names), strict=True))
            list(pool.map(lambda n: start_server(hub, n, tokens[n], timeout=600), names))
            spawned = time.perf_counter() - start

            def prepare(name: str) -> None:
                action(hub, name, tokens[name], "fetch", quiz_id)
                path = f"{quiz_id}/{quiz_id}.ipynb"
                read(hub, name, tokens[name], path)
                write(hub, name, tokens[name], path, answers[name])

            list(pool.map(prepare, names))

            def submit(name: str) -> float:
                done = action(hub, name, tokens[name], "submit", quiz_id)
                if not done.get("success"):
                    raise RuntimeError(f"{name}: submit failed: {done}")
                return time.perf_counter()

            first = time.perf_counter()
            last = max(pool.map(submit, names))
            graded = subprocess.run(
                [bindir / "frontline", "grade", quiz_id, "--exchange"],
                cwd=ours.root,
                capture_output=True,
                text=True,
            )
            to_graded = time.perf_counter() - last
            if graded.returncode not in (0, 1) or "Traceback" in graded.stderr:  # 1: some failed
                raise RuntimeError(f"frontline grade failed: {graded.stderr[-2000:]}")

            def feedback(name: str) -> dict[str, str]:
                action(hub, name, tokens[name], "fetch_feedback", quiz_id)
                return feedback_pages(hub, name, tokens[name], quiz_id)

            pages = dict(zip(names, pool.map(feedback, names), strict=True))
        with (ours.course / "grades" / f"{quiz_id}.csv").open() as f:
            rows = list(csv.DictReader(f))
        scores = {r["learner"]: float(r["score"]) for r in rows if r["score"]}
        inbound = len(list((exchange / "frontline" / "inbound").iterdir()))
        from sqlalchemy import create_engine, text

        engine = create_engine(db_url)
        with engine.connect() as con:
            recorded = con.execute(text("select count(*) from submitted_assignment")).scalar_one()
        engine.dispose()
        own = sum(
            1 for n in names if len(pages[n]) == 1 and f"Learner: {n}<" in next(iter(pages[n].values()))
        )
    print(f"A course on JupyterHub: {count} learners on one hub (loopback, this machine)")
    print(f"  log in and start {count} learners' servers: {spawned:6.1f} s")
    print(f"  {count} submits at once, first sent to last done: {last - first:6.1f} s")
    print(
        f"  last submit to all collected, graded and feedback released: {to_graded:6.1f} s "
        f"(frontline grade --exchange on PostgreSQL)"
    )
    print(
        f"  submissions: {inbound} in the exchange, {recorded} in the gradebook, {len(rows)} graded rows, "
        f"{len({r['learner'] for r in rows})} distinct learners; "
        f"scores as expected: {'yes' if scores == expected else 'NO'}; "
        f"learners who fetched exactly their own feedback: {own} of {count}"
    )


def languages(project: Project) -> None:
    """Every language is its own Sphinx build: what French adds to `make book`."""
    from frontline.book.build import build_language, linked
    from frontline.content.catalogs import language_coverage

    langs = linked(project, ["fr"])  # the source first

    def every_language():
        for lang in langs:
            build_language(project, lang, langs, quiet=True, force=True)

    every_language()  # both caches warm
    english = _timed(lambda: build_language(project, langs[0], langs[:1], quiet=True, force=True))
    both = _timed(every_language)
    found = [c for c in language_coverage(project, "fr") if not isinstance(c, str)]
    done = sum(c.translated for c in found)
    total = sum(c.total for c in found)
    print("Languages (forced builds, execution caches warm)")
    print(f"  English alone:        {english:6.1f} s")
    print(f"  English and French:   {both:6.1f} s  (ratio {both / english:.2f})")
    print(f"  French strings translated: {done} of {total} ({100 * done / max(total, 1):.0f}%)")
    trainer_tools(project)


def trainer_tools(project: Project) -> None:
    """The trainer's files in French against English: the packs of the five-day kit and the slide
    decks of T1 to T5 (French adds the catalogs' lookups and the French module text)."""
    from frontline.book.slides import build_slides
    from frontline.printed.workshop import build_packs

    decks = ["T1", "T2", "T3", "T4", "T5"]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        figures = {}
        for lang in ("en", "fr"):
            build_packs(project, "tot-5day", out=out / f"packs-{lang}", lang=lang)  # warm: fonts, bank
            figures[lang] = (
                _timed(
                    lambda lang=lang: build_packs(project, "tot-5day", out=out / f"packs-{lang}", lang=lang)
                ),
                _timed(lambda lang=lang: build_slides(project, decks, out=out / f"slides-{lang}", lang=lang)),
            )
    (packs_en, slides_en), (packs_fr, slides_fr) = figures["en"], figures["fr"]
    print("Trainer tools, tot-5day packs (HTML and PDF, A4) and the T1 to T5 decks")
    print(f"  packs:  English {packs_en:6.1f} s, French {packs_fr:6.1f} s (ratio {packs_fr / packs_en:.2f})")
    print(
        f"  slides: English {slides_en:6.1f} s, French {slides_fr:6.1f} s (ratio {slides_fr / slides_en:.2f})"
    )


SECTIONS = {
    "page_weight": page_weight,
    "slow_links": slow_links,
    "report_speed": report_speed,
    "grading": grading,
    "authoring": authoring,
    "hub_load": hub_load,
    "languages": languages,
    "trainer_tools": trainer_tools,
}


def main() -> None:
    project = Project.here()
    if not (project.html / "index.html").is_file():
        from frontline.book.build import build

        build(project, quiet=True)
    chosen = sys.argv[1:] or list(SECTIONS)
    unknown = [name for name in chosen if name not in SECTIONS]
    if unknown:
        sys.exit(f"bench/run.py: unknown section {unknown[0]!r}; choose from {', '.join(SECTIONS)}")
    for name in chosen:
        SECTIONS[name](project)
    print(json.dumps({"note": "figures vary with machine load; compare ratios, not seconds"}))


if __name__ == "__main__":
    main()
