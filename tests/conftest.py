"""Shared fixtures. The book is built once per test session; grading runs in a copy of the project."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from frontline import chromium
from frontline.paths import Project

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need(condition: bool, reason: str) -> None:
    """Skip locally when a system component is missing; under CI=true that is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: .ci/run must install it)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def built_book(project: Project) -> Path:
    """The HTML book, built by `frontline build` exactly as `make book` does."""
    from frontline.book.build import build

    build(project, quiet=True)
    return project.html


def copy_project(target: Path) -> Project:
    return Project(ROOT).copy_sources(target)


@pytest.fixture
def scratch(tmp_path: Path) -> Project:
    """A throwaway copy of the project (content, bank and course) to break or to grade in."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="module")
def scratch_module(tmp_path_factory) -> Project:
    return copy_project(tmp_path_factory.mktemp("course") / "project")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (Playwright driving Debian's chromium)."""
    need(
        shutil.which("chromium") is not None, "Debian's chromium is not installed (apt-get install chromium)"
    )
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium.executable(), args=chromium.FLAGS)
        yield b
        b.close()


def recording_page(browser, width: int, height: int):
    """A new page in its own context that records every request, failed response and page error."""
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    pg.requests = []
    pg.failures = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("response", lambda r: r.status >= 400 and pg.failures.append(f"{r.status} {r.url}"))
    pg.on("pageerror", lambda e: pg.failures.append(f"page error: {e}"))
    return context, pg


def answer_by_keyboard(
    page, section, right: bool = True, frame=None, said: tuple[str, str] = ("Correct.", "Not correct.")
) -> None:
    """Choose a self-check's right (or a wrong) answer and press "Check my answer", keyboard alone:
    Space picks the focused option, the arrow keys move through the others, Tab reaches the button.
    `said`: the feedback's first words, right and wrong, in the page's language."""
    radios = section.locator("input[type=radio]")
    wanted = next(
        i for i in range(radios.count()) if (radios.nth(i).get_attribute("data-correct") == "true") == right
    )
    radios.first.focus()
    page.keyboard.press("Space")
    for _ in range(wanted):
        page.keyboard.press("ArrowDown")
    assert radios.nth(wanted).is_checked()
    page.keyboard.press("Tab")
    assert (frame or page).evaluate("document.activeElement.className") == "fl-check"
    page.keyboard.press("Enter")
    assert section.locator(".fl-feedback").inner_text().startswith(said[0] if right else said[1])


@pytest.fixture(scope="module")
def postgres_url():
    """A private PostgreSQL server for one test module (tests/postgres.py), its URL with password."""
    from postgres import running_server, server_bin

    bindir = server_bin()
    need(bindir is not None, "PostgreSQL server binaries not found (Debian: apt-get install postgresql)")
    with running_server(bindir) as url:
        yield url


def assert_only_untranslated(problems: list[str], *data_files: str) -> None:
    """The only problems are the French catalogs that files a test just wrote do not have yet
    (French is published for the whole course, so `frontline check` asks for them); `data_files`
    as the catalogs name them, e.g. `assets/kits/demo-kit`, `assessments/bank/quizzes/demo-pre`."""
    expected = [
        f"locale/fr/LC_MESSAGES/_data/{name}.po: no catalog: run `frontline translate`" for name in data_files
    ]
    assert sorted(problems) == sorted(expected)
