"""Translations: a small fixture book (a landing page, a page with a national value, a citation, a
self-check and a sorting exercise, the glossary and the references) built in English and in a
published French, once per session, with its catalogs made by `frontline translate` (the bank's and
the exercises' too, machine-filled); and the checks on catalogs and terms."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, copy_project, need

INDEX = """# Fixture book

A {term}`first responder` reads this book. Start with {doc}`sample`.

:::{admonition} Before you start
Take a break when you need one.
:::
"""
SAMPLE = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Sample page

Tell the {{ specialist_unit }} at once {cite:p}`unodc2009manual`.

```{self-check} fr1-sc-01
```

```{code-cell} ipython3
:tags: [remove-input]
from frontline.book.widgets import sorting_exercise
sorting_exercise("fr1-sort-the-facts")
```
"""
TOC = {
    "format": "jb-book",
    "root": "book/index",
    "chapters": [{"file": "book/sample"}, {"file": "book/glossary"}, {"file": "book/references"}],
}
# Real French for the strings the tests read; every other string gets a visible mark.
FRENCH = {
    "Fixture book": "Livre d'essai",
    "Sample page": "Page d'exemple",
    "Before you start": "Avant de commencer",
    "Tell the {{ specialist_unit }} at once {cite:p}`unodc2009manual`.": (
        "Prévenez tout de suite la {{ specialist_unit }} {cite:p}`unodc2009manual`."
    ),
}


def _fill(path: Path, translate) -> None:
    from babel.messages.pofile import read_po, write_po

    with path.open("rb") as f:
        catalog = read_po(f, locale="fr")
    for message in catalog:
        if message.id:
            message.string = translate(message.id)
    with path.open("wb") as f:
        write_po(f, catalog, width=100, include_lineno=False)


def _french(msgid: str) -> str:
    from frontline.content.interface import MESSAGES

    if msgid in FRENCH:
        return FRENCH[msgid]
    if msgid in MESSAGES or "%(" in msgid or "<" in msgid:
        return msgid  # the interface and theme catalogs: the real French is filled below
    return "(fr) " + msgid


@pytest.fixture(scope="session")
def fixture_book(tmp_path_factory):
    """The fixture project, its French catalogs complete, built in both languages."""
    from frontline.book.build import build
    from frontline.book.translate import update

    project = copy_project(tmp_path_factory.mktemp("i18n") / "project")
    root = project.root
    (root / "_toc.yml").write_text(yaml.safe_dump(TOC))
    (root / "book" / "index.md").write_text(INDEX)
    (root / "book" / "sample.md").write_text(SAMPLE)
    national = yaml.safe_load((root / "national.yaml").read_text())
    national["specialist_unit"] = {
        "en": "Counter-Trafficking Unit",
        "fr": "Brigade de lutte contre la traite",
    }
    (root / "national.yaml").write_text(yaml.safe_dump(national, allow_unicode=True))
    (root / "assets" / "node_modules").symlink_to(ROOT / "assets" / "node_modules")
    shutil.rmtree(root / "locale" / "fr" / "LC_MESSAGES")
    report = update(project)
    folder = root / "locale" / "fr" / "LC_MESSAGES"
    for path in folder.rglob("*.po"):
        _fill(path, _french)
    # The interface and the theme: the real project's French.
    real = ROOT / "locale" / "fr" / "LC_MESSAGES"
    shutil.copyfile(real / "frontline.po", folder / "frontline.po")
    shutil.copyfile(real / "sphinx.po", folder / "sphinx.po")
    languages = root / "locale" / "languages.yaml"
    languages.write_text(languages.read_text().replace("published: false", "published: true"))
    build(project, quiet=True)
    return project, report


def _html(project, *parts: str) -> str:
    return project.html.joinpath(*parts).read_text(encoding="utf-8")


def test_msgids_hold_the_source_not_national_values(fixture_book):
    project, _ = fixture_book
    pot = (project.build / "gettext" / "book" / "sample.pot").read_text()
    assert "{{ specialist_unit }}" in pot
    assert "Counter-Trafficking Unit" not in pot and "Brigade" not in pot
    assert "fr1-sc-01" not in pot  # the directive's HTML is not prose to translate


def test_translate_reports_every_document(fixture_book):
    _, report = fixture_book
    rows = {r.document: r for r in report["fr"] if not isinstance(r, str)}
    pages = {r for r in rows if not r.startswith("_data/")}
    assert pages == {"book/index", "book/sample", "book/glossary", "book/references", "frontline", "sphinx"}
    # One catalog per YAML file of the bank and the exercises.
    assert "_data/assessments/bank/self-check/fr1" in rows
    assert "_data/assessments/bank/quizzes/victim-identification" in rows
    assert "_data/assets/exercises/fr1-sort-the-facts" in rows
    sample = rows["book/sample"]
    # heading, paragraph (the self-check is HTML from the bank, not a catalog string)
    assert (sample.total, sample.translated, sample.fuzzy) == (2, 0, 0)
    from frontline.content.interface import MESSAGES

    assert rows["frontline"].total == len(MESSAGES)


def test_both_languages_build_with_lang_and_twins_linked(fixture_book):
    project, _ = fixture_book
    for page in ("book/index.html", "book/sample.html", "book/glossary.html"):
        en, fr = _html(project, page), _html(project, "fr", page)
        assert '<html class="no-js" lang="en"' in en and '<html class="no-js" lang="fr"' in fr
        up = "../" * page.count("/")
        to_fr = re.search(
            r'<p class="fl-languages">This page in: <a href="([^"]+)" hreflang="fr" lang="fr">', en
        )
        to_en = re.search(r'<p class="fl-languages">Cette page en\xa0: <a href="([^"]+)" hreflang="en"', fr)
        assert to_fr and to_fr.group(1) == f"{up}fr/{page}", page
        assert to_en and to_en.group(1) == f"{up}../{page}", page
        assert (project.html / page).parent.joinpath(to_fr.group(1)).resolve() == (project.html / "fr" / page)
        assert (project.html / "fr" / page).parent.joinpath(to_en.group(1)).resolve() == (project.html / page)


def test_self_check_and_exercise_speak_french(fixture_book):
    """The bank's and the exercises' text come from their catalogs (machine-filled here: "(fr) ...");
    the exercise is drawn by the kernel of the French build (FRONTLINE_LANGUAGE)."""
    project, _ = fixture_book
    fr = _html(project, "fr", "book", "sample.html")
    en = _html(project, "book", "sample.html")
    question = "Which element of trafficking is driving the men to the farm?"
    assert f"(fr) {question}" in fr and f"(fr) {question}" not in en and question in en
    assert "(fr) The act" in fr and "(fr) Transporting a person is one of the acts." in fr
    assert "(fr) Sort the facts" in fr and "(fr) An agent approaches Mira at the market" in fr
    # The answers follow their categories' translation, so the kernel-free check still works.
    assert 'data-answer="(fr) Act"' in fr and "<option>(fr) Means</option>" in fr
    assert 'data-answer="Act"' in en and "(fr)" not in en


def test_french_pages_speak_french(fixture_book):
    project, _ = fixture_book
    fr = _html(project, "fr", "book", "sample.html")
    assert "Prévenez tout de suite la Brigade de lutte contre la traite" in fr
    assert "Counter-Trafficking Unit" not in fr
    for french in (
        "Vérifier ma réponse",
        "Voir la réponse",
        "(objectif FR1.",
        "Aller au contenu",
        "Haut de page",
    ):
        assert french in fr, french
    for english in ("Check my answer", "Show the answer", "Skip to content", "Back to top", "Toggle site"):
        assert english not in fr, english
    assert "data-fl-strings" in fr and "Exact." in fr  # the script's words
    en = _html(project, "book", "sample.html")
    assert "Tell the Counter-Trafficking Unit at once" in en and "Check my answer" in en
    assert "data-fl-strings" not in en
    # A {term} in a translated paragraph still links its glossary entry.
    index = _html(project, "fr", "book", "index.html")
    assert re.search(r'<a class="reference internal" href="glossary.html#term-first-responder">', index)


def test_each_language_has_its_own_web_app(fixture_book):
    project, _ = fixture_book
    sw_en = (project.html / "sw.js").read_text()
    assert '"fr/' not in sw_en  # the French book is not cached by the English worker
    assert (project.html / "fr" / "sw.js").is_file()
    assert '"language": "fr"' in (project.html / "fr" / "sw.js").read_text()


def test_check_fails_on_a_published_language_only(fixture_book, tmp_path):
    from babel.messages.pofile import read_po, write_po

    from frontline.checks.translations import check_translations
    from frontline.paths import Project

    source, _ = fixture_book
    root = tmp_path / "p"
    shutil.copytree(source.root / "locale", root / "locale")
    shutil.copy(source.root / "_toc.yml", root / "_toc.yml")
    project = Project(root)
    assert check_translations(project)[0] == []
    path = root / "locale" / "fr" / "LC_MESSAGES" / "book" / "sample.po"
    with path.open("rb") as f:
        catalog = read_po(f)
    messages = [m for m in catalog if m.id]
    messages[0].string = ""
    messages[1].flags.add("fuzzy")
    with path.open("wb") as f:
        write_po(f, catalog)
    problems, _ = check_translations(project)
    assert problems == [
        "locale/fr/LC_MESSAGES/book/sample.po: 1 missing and 1 fuzzy of 2 strings: translate the empty "
        "ones, review the fuzzy ones (then remove their fuzzy flag)"
    ]
    languages = root / "locale" / "languages.yaml"
    languages.write_text(
        languages.read_text()
        .replace("published: true\n", "published: false\n")
        .replace("en:\n  name: English\n  published: false", "en:\n  name: English\n  published: true")
    )
    problems, notes = check_translations(project)
    assert problems == [] and any("is a draft: " in n for n in notes)


def test_check_fails_on_one_bank_string_missing_or_fuzzy(fixture_book, tmp_path):
    """The bank's and the exercises' catalogs count like pages: a published language fails on one
    missing or fuzzy string in them."""
    from babel.messages.pofile import read_po, write_po

    from frontline.checks.translations import check_translations
    from frontline.paths import Project

    source, _ = fixture_book
    root = tmp_path / "p"
    for part in ("locale", "assessments/bank", "assets/exercises"):
        shutil.copytree(source.root / part, root / part)
    shutil.copy(source.root / "_toc.yml", root / "_toc.yml")
    project = Project(root)
    assert check_translations(project)[0] == []
    folder = root / "locale" / "fr" / "LC_MESSAGES" / "_data"
    for name, change in (
        ("assessments/bank/quizzes/knowledge-pre.po", "empty"),
        ("assets/exercises/fr6-needs.po", "fuzzy"),
    ):
        path = folder / name
        with path.open("rb") as f:
            catalog = read_po(f)
        message = next(m for m in catalog if m.id)
        if change == "empty":
            message.string = ""
        else:
            message.flags.add("fuzzy")
        with path.open("wb") as f:
            write_po(f, catalog)
    problems, _ = check_translations(project)
    assert [p.split(":")[0] for p in problems] == [
        "locale/fr/LC_MESSAGES/_data/assessments/bank/quizzes/knowledge-pre.po",
        "locale/fr/LC_MESSAGES/_data/assets/exercises/fr6-needs.po",
    ]
    assert "1 missing and 0 fuzzy" in problems[0] and "0 missing and 1 fuzzy" in problems[1]


def test_terms_check_warns_on_a_wrong_term(tmp_path):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from frontline.checks.translations import term_warnings
    from frontline.paths import Project

    root = tmp_path / "p"
    (root / "locale" / "fr" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(ROOT / "locale" / "fr" / "terms.yaml", root / "locale" / "fr" / "terms.yaml")
    catalog = Catalog(locale="fr")
    catalog.add("Trafficking in persons is a crime.", "Le trafic de personnes est un crime.")
    catalog.add("Smuggling of migrants", "Le trafic illicite de migrants")
    with (root / "locale" / "fr" / "LC_MESSAGES" / "page.po").open("wb") as f:
        write_po(f, catalog)
    warnings = term_warnings(Project(root), "fr")
    assert len(warnings) == 1
    assert "'trafic de personnes'" in warnings[0] and "'traite des personnes'" in warnings[0]


def test_the_switcher_passes_axe(fixture_book, browser):
    axe = ROOT / "assets" / "node_modules" / "axe-core" / "axe.min.js"
    need(axe.is_file(), "axe-core is not installed (npm ci --prefix assets)")
    project, _ = fixture_book
    problems = []
    for width in (1280, 360):
        context = browser.new_context(viewport={"width": width, "height": 800})
        context.add_init_script(path=str(axe))
        page = context.new_page()
        for name in ("book/sample.html", "fr/book/sample.html"):
            page.goto((project.html / name).as_uri())
            found = page.evaluate(
                """() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa',
                'wcag21a', 'wcag21aa']}})
                .then(r => r.violations.map(v => v.id + ' ' + v.nodes.map(n => n.target).join()))"""
            )
            problems += [f"{name} {width}px: {p}" for p in found]
            assert page.locator(".fl-languages a").first.is_visible()
        context.close()
    assert problems == []


def test_national_values_per_language(scratch):
    from frontline.checks.check import check_national
    from frontline.content.national import load_national, substitute

    national = load_national(scratch)
    assert substitute("{{ country }}", national) == "[YOUR COUNTRY]"
    assert substitute("{{ country }}", national, "fr") == "[VOTRE PAYS]"
    assert national.substitutions("fr")["emergency_number"] == "[NUMÉRO D'URGENCE]"
    path = scratch.root / "national.yaml"
    data = yaml.safe_load(path.read_text())
    data["hotline"] = "1599"  # one text for every language
    data["specialist_unit"] = {"en": "Counter-Trafficking Unit"}  # no French
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    national = load_national(scratch)
    assert national.substitutions("fr")["hotline"] == "1599"
    assert national.missing(["en", "fr"]) == ["specialist_unit: fr"]
    assert not [p for p in check_national(scratch, []) if "has no text in fr" in p]  # French is a draft
    languages = scratch.root / "locale" / "languages.yaml"
    languages.write_text(languages.read_text().replace("published: false", "published: true"))
    assert [p for p in check_national(scratch, []) if "specialist_unit has no text in fr" in p]


def test_figure_strings_per_language(project):
    from frontline.book.figures import draw
    from frontline.content.datasets import load_dataset
    from frontline.content.interface import interface

    ds = load_dataset("glotip-2022-case-initiation", project)
    fig = draw(ds, "fr", interface(project, "fr"))
    ax = fig.axes[0]
    texts = [ax.get_title(loc="left"), ax.get_xlabel(), *[t.get_text() for t in ax.get_yticklabels()]]
    texts += [t.get_text() for t in fig.texts]
    assert texts[0].startswith("Comment les affaires de traite")
    assert "Source\xa0: Office des Nations Unies contre la drogue et le crime" in texts[-1]
    assert not [t for t in texts if re.search(r"\b(the|cases|Source:|own|other|share)\b", t)], texts
    english = draw(ds)
    assert (
        english.axes[0].get_title(loc="left")
        == "How trafficking cases came to the attention of the authorities"
    )
