"""The French edition of the real book, as `make book` builds it: every page of its scope has its
twin, linked both ways; no English sentence of a page, its self-checks, exercises or interface is
left on the French page; a French self-check answers by keyboard in French."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from loopback import serve

from frontline.content.catalogs import read_catalog, toc_documents
from frontline.content.languages import catalog_folder, load_languages
from tests.conftest import answer_by_keyboard, recording_page

pytestmark = [pytest.mark.build]


@pytest.fixture(scope="module")
def french(project, built_book):
    lang = next((x for x in load_languages(project) if x.code == "fr"), None)
    if lang is None or not lang.published:
        pytest.skip("French is not published (locale/languages.yaml)")
    documents = [d for d in toc_documents(project) if lang.covers(d)]
    return lang, documents


def _text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "code", "pre"]):
        tag.decompose()
    for tag in soup.select(".citation, .bibliography, [lang=en], .fl-languages"):
        tag.decompose()  # published titles of sources, and the link back to English
    return re.sub(r"\s+", " ", soup.get_text(" "))


def _plain(markdown: str) -> str:
    """A msgid as it reads on the page: roles, markup and substitutions taken out."""
    text = re.sub(r"\{[a-z:]+\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", markdown)
    text = re.sub(r"\{\{[^}]*\}\}|\*\*?|`|\[|\]\([^)]*\)", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def test_every_page_of_the_edition_has_its_twin(french, project, built_book):
    lang, documents = french
    assert "modules/first-responder/fr1-what-is-trafficking" in documents
    trainer_pages = [d for d in toc_documents(project) if d.startswith("modules/trainer/")]
    assert len(trainer_pages) == 5 and set(trainer_pages) <= set(documents)
    assert {"book/trainers", "book/certification"} <= set(documents)
    for doc in documents:
        fr = (built_book / "fr" / f"{doc}.html").read_text(encoding="utf-8")
        en = (built_book / f"{doc}.html").read_text(encoding="utf-8")
        assert re.search(r'<html [^>]*lang="fr"', fr), doc
        back = "../" * doc.count("/") + "../" + doc + ".html"
        assert f'href="{back}" hreflang="en"' in fr, doc
        there = "../" * doc.count("/") + "fr/" + doc + ".html"
        assert f'href="{there}" hreflang="fr"' in en, doc
    for doc in set(toc_documents(project)) - set(documents):
        assert not (built_book / "fr" / f"{doc}.html").exists(), f"{doc} is outside the French edition"
        assert 'hreflang="fr"' not in (built_book / f"{doc}.html").read_text(encoding="utf-8"), doc


def test_french_pages_keep_no_english_sentence(french, project, built_book):
    """Every English sentence of five words or more from the page's catalog, the self-checks and
    exercises of its module and the book's interface: none is on the French page."""
    lang, documents = french
    folder = catalog_folder(project, lang.code)
    interface = [m.id for m in read_catalog(folder / "frontline.po") if m.id and " " in str(m.id)]
    leftovers = []
    for doc in documents:
        page = _text((built_book / "fr" / f"{doc}.html").read_text(encoding="utf-8"))
        module = doc.rsplit("/", 1)[-1].split("-")[0]
        catalogs = [folder / f"{doc}.po", *sorted(folder.glob(f"_data/**/{module}*.po"))]
        english = [str(m.id) for path in catalogs if path.is_file() for m in read_catalog(path) if m.id]
        for msgid in [*english, *interface]:
            plain = _plain(msgid)
            if len(plain.split()) >= 5 and plain in page:
                leftovers.append(f"{doc}: {plain[:80]}")
    assert leftovers == []


@pytest.mark.browser
def test_a_french_self_check_by_keyboard(french, built_book, browser):
    with serve(built_book) as url:
        context, page = recording_page(browser, 412, 900)
        try:
            page.goto(url + "fr/modules/first-responder/fr1-what-is-trafficking.html")
            check = page.locator(".fl-selfcheck").first
            assert check.locator(".fl-check").inner_text() == "Vérifier ma réponse"
            answer_by_keyboard(page, check, said=("Exact.", "Inexact."))
            answer_by_keyboard(page, check, right=False, said=("Exact.", "Inexact."))
            assert page.failures == []
        finally:
            context.close()
