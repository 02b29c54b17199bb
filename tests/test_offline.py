"""The book read with no network: the ZIP of one language opened from file://, and the web app whose
service worker caches the whole book on a first visit over http."""

from __future__ import annotations

import zipfile

import pytest
from loopback import serve

from frontline.dist.offline import write_offline_zip, zip_name
from frontline.paths import book_files
from tests.conftest import recording_page

pytestmark = [pytest.mark.build]
MODULE = "modules/first-responder/fr1-what-is-trafficking.html"
OTHERS = ("modules/first-responder/fr2-recognising-victims.html", "book/learners.html")


@pytest.fixture(scope="module")
def book_zip(built_book, tmp_path_factory):
    return write_offline_zip(built_book, tmp_path_factory.mktemp("dist"), "en")


def test_zip_is_the_whole_book_and_deterministic(built_book, book_zip, tmp_path):
    again = write_offline_zip(built_book, tmp_path, "en")
    assert again.read_bytes() == book_zip.read_bytes()
    with zipfile.ZipFile(book_zip) as z:
        names = z.namelist()
        assert names == sorted(names)
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    top = zip_name("en") + "/"
    expected = {
        top + p.relative_to(built_book).as_posix()
        for p in book_files(built_book)  # another language's book (_build/html/fr/) has its own ZIP
        if p.name != ".buildinfo"
    }
    assert set(names) == expected
    assert any(n.startswith(top + "cards/") and n.endswith(".pdf") for n in names)
    assert top + "searchindex.js" in names and top + "index.html" in names


def _file_only(route):
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


def test_unzipped_book_works_from_file_with_no_network(browser, book_zip, tmp_path):
    with zipfile.ZipFile(book_zip) as z:
        z.extractall(tmp_path)
    root = (tmp_path / zip_name("en")).as_uri() + "/"
    context, page = recording_page(browser, 412, 900)
    context.route("**/*", _file_only)
    try:
        page.goto(root + "index.html")  # Jupyter Book's root page sends the reader to book/index.html
        page.wait_for_url("**/book/index.html")
        assert page.locator("h1").first.is_visible()
        page.goto(root + MODULE)
        check = page.locator(".fl-selfcheck").first
        radios = check.locator("input[type=radio]")
        correct = [radios.nth(i).get_attribute("data-correct") for i in range(radios.count())]
        right = correct.index("true")
        radios.nth(right).check()
        check.locator(".fl-check").click()
        assert check.locator(".fl-feedback").inner_text().startswith("Correct.")
        exercise = page.locator(".fl-exercise").first
        facts = exercise.locator(".fl-fact")
        for i in range(facts.count()):
            fact = facts.nth(i)
            fact.locator("select").select_option(fact.get_attribute("data-answer"))
        exercise.locator(".fl-check").click()
        n = facts.count()
        assert exercise.locator(".fl-summary").inner_text() == f"{n} of {n} facts sorted as suggested."
        # No service worker from file://, so nothing says "Available offline".
        assert page.locator(".fl-offline").count() == 0
        page.goto(root + "search.html?q=trafficking")
        results = page.locator("#search-results ul.search li")
        # The search scripts load after the page; results then appear one by one until this line.
        page.locator("#search-results .search-summary", has_text="Search finished").wait_for(timeout=15000)
        assert results.count() > 3
        results.first.locator("a").first.click()
        page.wait_for_load_state()
        assert page.url.startswith(root)
        assert page.failures == []
        assert [u for u in page.requests if not u.startswith("file:")] == []
    finally:
        context.close()


@pytest.fixture(scope="module")
def server(built_book):
    with serve(built_book) as url:
        yield url


def test_web_app_caches_the_whole_book_on_first_visit(browser, built_book, server):
    for page_file in [built_book / "book" / "index.html", built_book / MODULE]:
        text = page_file.read_text()
        assert 'rel="manifest"' in text and 'name="theme-color"' in text
    assert (built_book / "_static" / "icons" / "icon-512.png").is_file()
    sw = (built_book / "sw.js").read_text()
    assert '"language": "en"' in sw and '"_static/frontline.js"' in sw
    assert "_static/vendor/" not in sw, "the optional widget manager is cached on first use only"
    context, page = recording_page(browser, 412, 900)
    try:
        page.goto(server)
        page.wait_for_url("**/book/index.html")
        status = page.locator(".fl-offline")
        status.wait_for(timeout=60000)
        assert status.inner_text().startswith("Available offline: ")
        assert status.inner_text().endswith(" MB")
        assert page.evaluate("fetch('../_static/vendor/embed-amd.js').then(r => r.ok)") is True
        context.set_offline(True)
        for path in (MODULE, *OTHERS):
            page.goto(server + path)
            assert page.locator("h1").first.is_visible(), path
        page.goto(server + MODULE)
        assert page.locator(".fl-selfcheck").count() >= 4
        # The optional widget version: what was opened once online reads offline, the rest does not.
        fetch = "url => fetch(url).then(r => r.ok, () => false)"
        assert page.evaluate(fetch, server + "_static/vendor/embed-amd.js") is True
        assert page.evaluate(fetch, server + "_static/vendor/require.js") is False
        page.locator(".fl-offline").wait_for(timeout=30000)  # shown once the cache is found
        keys = page.evaluate("caches.keys()")
        assert len(keys) == 1 and keys[0].startswith("frontline-en-0.")
    finally:
        context.close()
