"""The `frontline` command. A user's mistake prints one line and exits 1, never a traceback."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import FrontlineError
from .paths import Project


def _build(args) -> int:
    from .book.build import build, linked, output_folder

    project = Project.here()
    index, built = build(project, quiet=args.quiet, force=args.force, drafts=args.lang)
    print(
        f"The book is ready: open {index}" if built else f"Nothing changed since the last build: open {index}"
    )
    for lang in linked(project, args.lang)[1:]:
        status = "" if lang.published else " (draft)"
        print(f"{lang.name}{status}: open {output_folder(project, lang) / 'index.html'}")
    return 0


def _translate(args) -> int:
    from .book.translate import table, update
    from .content.languages import language, load_languages, translations

    project = Project.here()
    langs = [language(project, code) for code in args.lang] if args.lang else translations(project)
    report = update(project, langs, quiet=not args.verbose)
    print(table(report, {lang.code: lang for lang in load_languages(project)}))
    return 0


def _preview(args) -> int:
    from .book.preview import preview

    return preview(Project.here(), host=args.host, port=args.port)


def _release(args) -> int:
    from .grading.course import release
    from .grading.quiz_page import page_path

    if args.exchange and args.lang:
        raise FrontlineError(
            "--exchange releases the source language only: nbgrader's exchange holds one version of a "
            "quiz; give learners of another language the notebook or the quiz page"
        )
    path = release(Project.here(), args.quiz, lang=args.lang)
    print(f"Released {args.quiz}: give learners {path} (Jupyter) or {page_path(path)} (a web browser)")
    if args.exchange:
        from .grading.exchange import release_to_exchange

        outbound = release_to_exchange(Project.here(), args.quiz)
        print(f"Learners on the hub can fetch it now ({outbound})")
    return 0


def _collect(args) -> int:
    from .grading.quiz_page import collect

    placed = collect(Project.here().course, args.quiz, args.files, replace=args.replace)
    for path in placed:
        print(f"Collected {path}")
    return 0


def _grade(args) -> int:
    from .grading.pipeline import grade
    from .grading.summary import summary

    if args.exchange:
        from .grading.exchange import collect

        collected, warnings = collect(Project.here(), args.quiz, db_url=args.db)
        print(f"Collected {len(collected)} new or changed submissions from the exchange")
        for warning in warnings:
            print(f"Warning: {warning}")
    report = grade(
        Project.here(),
        args.quiz,
        workers=args.workers,
        db_url=args.db,
    )
    print(summary(report))
    if args.exchange:
        from .grading.exchange import release_feedback

        released = release_feedback(Project.here(), args.quiz, db_url=args.db)
        print(f"Feedback released through the exchange for {len(released)} learner(s)")
    return 1 if report.failed else 0


def _report(args) -> int:
    from .reports.report import run

    page = run(
        Project.here(),
        args.quiz,
        papers=args.paper,
        before=args.before,
        before_papers=args.before_paper,
        anonymize=args.anonymize,
        threshold=args.mastery,
        out=args.out,
        moodle=args.moodle,
        canvas=args.canvas,
        lang=args.lang,
    )
    print(f"Report for {args.quiz}: open {page}")
    return 0


def _workshop(args) -> int:
    from .printed.workshop import build_packs

    written = build_packs(Project.here(), args.kit, paper=args.paper, out=args.out, lang=args.lang)
    print(f"Packs for {args.kit}: " + ", ".join(str(p) for p in written))
    return 0


def _slides(args) -> int:
    from .book.slides import build_slides

    written = build_slides(Project.here(), args.module or None, out=args.out, lang=args.lang)
    print(f"Slides: {len(written) // 2} deck(s) in {written[0].parent.parent if written else args.out}")
    return 0


def _dist(args) -> int:
    from .dist.build import build_dist, dist_folder

    project = Project.here()
    written = build_dist(project, out=args.out, quiet=args.quiet, drafts=args.lang)
    print(f"{len(written)} files in {args.out or dist_folder(project)}")
    return 0


def _check(args) -> int:
    from .checks.check import check

    project = Project.here()
    if args.items:
        from .checks.items import notes, statistics
        from .content.bank import load_bank

        bank = load_bank(project)
        for note in notes(bank):
            print(note)
        for name, count in statistics(bank).items():
            print(f"{name}: {count}")
    from .checks.translations import check_translations

    problems = check(project)  # a published language's incomplete catalogs are among them
    for note in check_translations(project)[1]:
        print(note)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print("All content checks passed.")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="frontline", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the HTML book (what `make book` runs)")
    b.add_argument("--quiet", action="store_true")
    b.add_argument("--force", action="store_true", help="build even when nothing changed")
    b.add_argument(
        "--lang",
        action="append",
        default=[],
        help="also build this draft language (locale/languages.yaml), e.g. --lang fr",
    )
    b.set_defaults(run=_build)
    pv = sub.add_parser("preview", help="serve the book on loopback and rebuild what changed on every save")
    pv.add_argument("--host", default="127.0.0.1", help="address to serve on (default: loopback only)")
    pv.add_argument("--port", type=int, default=8000)
    pv.set_defaults(run=_preview)
    r = sub.add_parser("release", help="generate a quiz from the bank and release it with nbgrader")
    r.add_argument("quiz")
    r.add_argument(
        "--exchange",
        action="store_true",
        help="also put it in nbgrader's exchange, for learners on JupyterHub",
    )
    r.add_argument(
        "--lang",
        help="release it in this language (e.g. fr), under the same assignment, in "
        "assessments/translations/<lang>/release/; grading finds each notebook's language itself",
    )
    r.set_defaults(run=_release)
    co = sub.add_parser("collect", help="put files saved from the quiz page under submitted/, by learner id")
    co.add_argument("quiz")
    co.add_argument("files", nargs="+", type=Path, help="the .ipynb files learners saved from the quiz page")
    co.add_argument("--replace", action="store_true", help="replace a learner's earlier submission")
    co.set_defaults(run=_collect)
    g = sub.add_parser("grade", help="grade submissions, write feedback, export grades")
    g.add_argument("quiz")
    g.add_argument("--workers", type=int, help="processes to grade with (default: one per core)")
    g.add_argument("--db", help="gradebook URL, e.g. postgresql://user@host/db (default: nbgrader_config.py)")
    g.add_argument(
        "--exchange",
        action="store_true",
        help="collect submissions from nbgrader's exchange first, and release feedback to it after",
    )
    g.set_defaults(run=_grade)
    rp = sub.add_parser("report", help="item analysis, reliability, objective mastery and learning gain")
    rp.add_argument("quiz")
    rp.add_argument("--paper", type=Path, action="append", default=[], help="answers captured on paper (CSV)")
    rp.add_argument("--before", help="the quiz taken before training, for learning gain")
    rp.add_argument(
        "--before-paper", type=Path, action="append", default=[], help="paper answers for --before"
    )
    rp.add_argument(
        "--moodle", type=Path, action="append", default=[], help="a Moodle quiz 'Responses' report (CSV)"
    )
    rp.add_argument(
        "--canvas",
        type=Path,
        action="append",
        default=[],
        help="a Canvas quiz 'Student Analysis' report (CSV)",
    )
    rp.add_argument("--anonymize", action="store_true", help="replace learner ids with stable pseudonyms")
    rp.add_argument(
        "--mastery", type=float, default=0.8, help="share of an objective's points that counts as mastery"
    )
    rp.add_argument("--out", type=Path, help="folder for the report (default assessments/reports/QUIZ)")
    rp.add_argument(
        "--lang",
        help="write the report in this language (e.g. fr; default: the source language); learners may "
        "have answered in any language, and the statistics and CSV columns are the same in every one",
    )
    rp.set_defaults(run=_report)
    w = sub.add_parser("workshop", help="the facilitator and participant packs of a workshop kit (HTML, PDF)")
    w.add_argument("kit")
    w.add_argument("--paper", choices=["a4", "letter"], default="a4")
    w.add_argument("--out", type=Path, help="folder for the packs (default _build/workshops/KIT[-LANG])")
    w.add_argument("--lang", help="the packs' language, a published one (default: the source language)")
    w.set_defaults(run=_workshop)
    s = sub.add_parser("slides", help="slide decks with trainer's notes, per module (reveal.js and PPTX)")
    s.add_argument("module", nargs="*", help="module ids, e.g. FR3 T2 (default: every module with notes)")
    s.add_argument("--out", type=Path, help="folder for the decks (default _build/slides[/LANG])")
    s.add_argument("--lang", help="the decks' language, a published one (default: the source language)")
    s.set_defaults(run=_slides)
    d = sub.add_parser(
        "dist",
        help="SCORM packages, the question bank for Moodle and Canvas, and per language the offline ZIP "
        "and the printed book (make dist)",
    )
    d.add_argument("--out", type=Path, help="folder (default _build/dist/frontline-VERSION)")
    d.add_argument("--quiet", action="store_true")
    d.add_argument(
        "--lang",
        action="append",
        default=[],
        help="also make this draft language's downloads (locale/languages.yaml), e.g. --lang fr",
    )
    d.set_defaults(run=_dist)
    tr = sub.add_parser(
        "translate", help="update the translation catalogs from the source and report their coverage"
    )
    tr.add_argument(
        "--lang", action="append", default=[], help="only this language (default: every translation)"
    )
    tr.add_argument("--verbose", action="store_true", help="show Sphinx's output")
    tr.set_defaults(run=_translate)
    c = sub.add_parser("check", help="check the question bank, objectives, modules and data sources")
    c.add_argument(
        "--items",
        action="store_true",
        help="also list items whose key is the longest option, and the bank's cues",
    )
    c.set_defaults(run=_check)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except FrontlineError as err:
        print(f"frontline: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
