"""WCAG 2.1 A and AA, checked by axe-core in Debian's chromium: every page of the built book in the light
and the dark colour scheme and on a phone, the Jupyter widget version of the exercises once loaded, and
the pages the tools write for people (a learner's feedback, the instructor report, a workshop pack, the
field cards, which are pages of the book).
axe-core is pinned in assets/package.json as a test dependency; it never goes into the book."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from loopback import serve
from notebooks import QUIZ, keyed, put

from frontline.paths import book_files, nested_books
from tests.conftest import ROOT, copy_project, need

pytestmark = [pytest.mark.browser, pytest.mark.build]
AXE = ROOT / "assets" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# (colour scheme, viewport): both schemes on a wide screen, and a phone, where wide tables scroll.
VIEWS = [("light", 1280), ("dark", 1280), ("dark", 412)]
WIDGET_PAGES = [
    "modules/first-responder/fr1-what-is-trafficking.html",
    "modules/first-responder/fr5-crime-scene-and-evidence.html",
]
NOT_PAGES = {"_static", "_sources", "_images"}
REDIRECT = re.compile(r'\s*<meta http-equiv="Refresh" content="0; url=[^"]+" />\s*$')


def _book_pages(html: Path) -> list[str]:
    """Every page of the book in every language built (`make book` builds each published one),
    search and index included; not the roots' redirects to book/index.html."""
    roots = [html, *(html / name for name in sorted(nested_books(html)))]
    return sorted(
        p.relative_to(html).as_posix()
        for root in roots
        for p in book_files(root)
        if p.suffix == ".html"
        and not NOT_PAGES.intersection(p.relative_to(root).parts)
        and not REDIRECT.match(p.read_text())
    )


@pytest.fixture(scope="module")
def tool_pages(built_book, tmp_path_factory) -> Path:
    """The pages the tools write for people, made in a scratch copy of the project."""
    from frontline.content.bank import load_bank
    from frontline.grading.course import release
    from frontline.grading.pipeline import grade
    from frontline.printed.workshop import build_packs
    from frontline.reports.report import run

    base = tmp_path_factory.mktemp("a11y")
    project = copy_project(base / "project")
    quiz = load_bank(project).quiz(QUIZ)
    released = json.loads(release(project, QUIZ).read_text())
    put(project.course, "ada", keyed(quiz, released))
    put(project.course, "ben", released)  # nothing answered
    grade(project, QUIZ, progress=False)
    out = base / "serve"
    shutil.copytree(project.course / "feedback", out / "feedback")
    run(project, QUIZ, out=out / "report")
    build_packs(project, "awareness-1day", out=out / "workshop")
    return out


@pytest.fixture(scope="module")
def server(built_book, tool_pages):
    (tool_pages / "book").symlink_to(built_book, target_is_directory=True)
    with serve(tool_pages) as url:
        yield url


@pytest.fixture(scope="module", params=VIEWS, ids=[f"{s}-{w}px" for s, w in VIEWS])
def page(request, browser):
    """One tab per view, reused for every page. Furo follows prefers-color-scheme ("auto")."""
    need(AXE.is_file(), "axe-core is not installed (npm ci --prefix assets)")
    scheme, width = request.param
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    context.add_init_script(path=str(AXE))  # axe-core in every page, before the page's own scripts
    pg = context.new_page()
    pg.scheme = scheme
    pg.view = f"{scheme}, {width}px"
    yield pg
    context.close()


def audit(page, url: str) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now: 'page: rule (impact) selector'."""
    found = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
            .then(r => r.violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' '))]))""",
        TAGS,
    )
    where = f"{url} [{page.view}]"
    return [f"{where}: {rule} ({impact}) {target}" for rule, impact, targets in found for target in targets]


def _visit(page, url: str) -> None:
    page.goto(url, wait_until="load")
    theme = page.evaluate("document.body.dataset.theme || ''")
    if theme:  # Furo: the stored choice would override the emulated scheme
        page.evaluate("s => { document.body.dataset.theme = s; }", page.scheme)


def test_axe_core_is_not_in_the_book(built_book):
    assert not [p for p in built_book.rglob("*") if "axe" in p.name.lower()]


def test_every_book_page_has_no_wcag_violation(page, server, built_book):
    pages = _book_pages(built_book)
    assert len(pages) > 20 and "book/index.html" in pages
    assert any(p.startswith("cards/") for p in pages), "no field card page in the book"
    for lang in nested_books(built_book):
        assert f"{lang}/book/index.html" in pages and f"{lang}/search.html" in pages, lang
    problems = []
    for name in pages:
        _visit(page, server + "book/" + name)
        problems += audit(page, name)
    assert problems == [], "\n".join(problems)


def test_the_widget_version_has_no_wcag_violation(page, server):
    problems = []
    for name in WIDGET_PAGES:
        _visit(page, server + "book/" + name)
        page.locator(".fl-load-widgets").first.click()
        page.wait_for_selector(".fl-widget-slot .widget-subarea .widget-dropdown", timeout=60_000)
        page.wait_for_load_state("networkidle")
        problems += audit(page, f"{name} (widgets)")
    assert problems == [], "\n".join(problems)


def test_pages_the_tools_write_have_no_wcag_violation(page, server, tool_pages):
    """Field cards are pages of the book (cards/), audited with the others."""
    names = [
        f"feedback/ada/{QUIZ}/{QUIZ}.html",
        f"feedback/ben/{QUIZ}/{QUIZ}.html",
        "report/index.html",
        *sorted(p.relative_to(tool_pages).as_posix() for p in (tool_pages / "workshop").glob("*.html")),
    ]
    problems = []
    for name in names:
        assert (tool_pages / name).is_file(), name
        _visit(page, server + name)
        problems += audit(page, name)
    assert problems == [], "\n".join(problems)
