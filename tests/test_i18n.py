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

from frontline.errors import FrontlineError
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

::::{field-card} sample-card
:title: Referral contacts

| Who | Phone |
| --- | --- |
| Emergency services | {{ hotline }} |
| Shelter | __________ |
::::

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
    from frontline.book.translate import has_words

    if msgid in FRENCH:
        return FRENCH[msgid]
    if not has_words(msgid):
        return msgid
    if "%(" in msgid or "<" in msgid:
        return msgid  # the theme's strings: the real French is filled below
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
    # French published, for the whole (fixture) book.
    (root / "locale" / "languages.yaml").write_text(
        "en:\n  name: English\n  published: true\nfr:\n  name: Français\n  published: true\n"
    )
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
    # heading, paragraph, the field card's title and six table cells (the self-check is HTML from
    # the bank, not a page string); a blank and a national value alone are their own translation
    assert (sample.total, sample.translated, sample.fuzzy) == (9, 2, 0)
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
    # French text takes French spacing: a narrow no-break space before the question mark.
    assert f"(fr) {question[:-1]}\u202f?" in fr and "(fr)" not in en and question in en
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
    # A field card's title and the cells of its table come from the page's catalog too.
    assert "Fiche de terrain\u00a0: (fr) Referral contacts" in fr
    assert "(fr) Emergency services" in fr and "(fr) Shelter" in fr
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
        "locale/fr/LC_MESSAGES/book/sample.po: 1 missing and 1 fuzzy of 9 strings: translate the empty "
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


def test_strings_with_nothing_to_translate_are_their_own_translation():
    from frontline.book.translate import has_words

    assert not has_words("__________") and not has_words("{{ hotline }}")
    assert has_words("{{ child_protection }} (24 hours)") and has_words("Phone")


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
    languages = scratch.root / "locale" / "languages.yaml"
    head = "en:\n  name: English\n  published: true\nfr:\n  name: Français\n  published: "
    languages.write_text(head + "false\n")
    assert not [p for p in check_national(scratch, []) if "has no text in fr" in p]  # French is a draft
    languages.write_text(head + "true\n")
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


def test_an_edition_holds_part_of_the_book(project, tmp_path):
    """A translation published part by part: its table of contents, its checks and its switcher
    links hold only the documents of its scope."""
    from frontline.book.build import _switcher, edition_toc
    from frontline.content.languages import Language

    fr = Language(
        "fr", "Français", True, False, ("book/index", "modules/first-responder/fr1*", "_data/*/fr1")
    )
    en = Language("en", "English", True, True)
    assert fr.covers("book/index") and fr.covers("frontline") and fr.covers("_data/bank/fr1")
    assert not fr.covers("book/trainers") and not fr.covers("modules/trainer/t1-the-trainers-role")
    toc = yaml.safe_load(edition_toc(project, fr, tmp_path).read_text())
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert toc["root"] == "book/index" and files == ["modules/first-responder/fr1-what-is-trafficking"]
    assert [p["caption"] for p in toc["parts"]] == ["First-responder track"], "empty parts are dropped"
    [[code, _, prefix, held]] = _switcher(project, en, [en, fr])
    assert (code, prefix) == ("fr", "fr/") and held == [
        "book/index",
        "modules/first-responder/fr1-what-is-trafficking",
    ]
    with pytest.raises(FrontlineError, match="must hold the root page"):
        edition_toc(project, Language("fr", "Français", True, False, ("modules/*",)), tmp_path)


FIRST_RESPONDER_FIGURES = (
    "glotip-2012-forms",
    "glotip-2020-victim-profile",
    "glotip-2022-case-initiation",
    "glotip-2024-victim-profile",
    "glotip-2014-convicted-by-sex",
    "eurostat-2022-registered-victims",
    "tip-protocol-parties",
)


def test_first_responder_figures_speak_french(project):
    from frontline.book.figures import draw, number
    from frontline.content.datasets import load_dataset
    from frontline.content.interface import interface

    for dataset_id in FIRST_RESPONDER_FIGURES:
        ds = load_dataset(dataset_id, project)
        shown = [
            ds.title,
            ds.value_label,
            ds.source.publisher,
            ds.source.locator,
            *(p.label for p in ds.data),
        ]
        # A plain string is the same in every language (a year); every other one has its French.
        untranslated = [s for s in shown if isinstance(s, dict) and "fr" not in s]
        assert not untranslated and any(isinstance(s, dict) for s in shown), (dataset_id, untranslated)
    assert (number(2.5, "fr"), number(4014, "fr"), number(41, "fr")) == ("2,5", "4\u202f014", "41")
    assert (number(2.5), number(4014)) == ("2.5", "4014")
    fig = draw(load_dataset("eurostat-2022-registered-victims", project), "fr", interface(project, "fr"))
    ax = fig.axes[0]
    bars = [t.get_text() for t in ax.texts]
    assert "4\u202f014" in bars and "3\u202f990" in bars
    fig.canvas.draw()
    assert "2\u202f000" in [t.get_text() for t in ax.get_xticklabels()]
    assert "Exploitation sexuelle" in [t.get_text() for t in ax.get_yticklabels()]


def test_references_use_official_french_titles(fixture_book, tmp_path):
    from frontline.book.references import localized_bibfiles

    project, _ = fixture_book
    fr = _html(project, "fr", "book", "references.html")
    en = _html(project, "book", "references.html")
    protocol = (
        "Protocole visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes "
        "et des enfants, additionnel à la Convention des Nations Unies contre la criminalité transnationale "
        "organisée"
    )
    assert protocol in fr and protocol not in en
    assert "Convention du Conseil de l’Europe sur la lutte contre la traite des êtres humains" in fr.replace(
        "'", "’"
    )
    assert "Protocol to prevent, suppress and punish trafficking in persons" in en
    assert "Operational Indicators of Trafficking in Human Beings" in fr  # no official French title
    # Only the files with a French title are copied; a second run writes nothing.
    bibs = project.references
    copies = localized_bibfiles(bibs, "fr", tmp_path)
    assert [p.parent for p in copies if p.parent == tmp_path] and any(p in bibs for p in copies)
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    localized_bibfiles(bibs, "fr", tmp_path)
    assert stamps == {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()}


def test_french_book_has_french_cards(fixture_book):
    project, _ = fixture_book
    card = _html(project, "fr", "cards", "indicators.html")
    assert '<html lang="fr">' in card and "Fiche de terrain tirée de" in card
    assert "Field card from" in _html(project, "cards", "indicators.html")
    assert (project.html / "fr" / "cards" / "indicators-letter.pdf").is_file()


@pytest.mark.browser
def test_french_printed_book_and_offline_zip(fixture_book, browser, tmp_path):
    import zipfile

    from frontline.book.build import output_folder
    from frontline.content.languages import language
    from frontline.dist.build import downloads_text
    from frontline.dist.offline import write_offline_zip, zip_name
    from frontline.dist.print_book import print_book

    pdfium = pytest.importorskip("pypdfium2")
    project, _ = fixture_book
    french = language(project, "fr")
    path = print_book(project, tmp_path / "print", "a4", "learner", browser=browser, lang=french)
    assert path.name.endswith("-fr-a4-learner.pdf")
    pdf = pdfium.PdfDocument(path)
    texts = [
        " ".join(pdf[n].get_textpage().get_text_range().replace("\u2019", "'").split())
        for n in range(len(pdf))
    ]
    pdf.close()
    cover, contents = texts[0], texts[1]
    assert "Exemplaire de l'apprenant" in cover and "Français" in cover and "Learner" not in cover
    assert re.search(
        r"\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
        r"décembre) \d{4}",
        cover,
    ), cover
    assert contents.startswith("Table des matières Livre d'essai 2 Page d'exemple 3"), contents
    assert any(t.startswith("Page d'exemple") for t in texts[2:])  # the French chapter, accents intact
    assert "Prévenez tout de suite" in " ".join(texts)
    book_zip = write_offline_zip(output_folder(project, french), tmp_path, "fr")
    with zipfile.ZipFile(book_zip) as z:
        names = z.namelist()
    top = zip_name("fr") + "/"
    assert book_zip.name == zip_name("fr") + ".zip" and top + "book/sample.html" in names
    assert top + "cards/indicators-a4.pdf" in names and not [n for n in names if n.startswith(top + "fr/")]
    text = downloads_text(tmp_path, [language(project, "en"), french])
    assert f"{book_zip.name}: " in text and f"{path.name}: " in text and "Français (fr):" in text


def test_a_translated_review_pointer_quotes_the_translated_headings(scratch):
    from babel.messages.pofile import read_po, write_po

    from frontline.checks.translations import review_problems
    from frontline.content.languages import language

    fr = language(scratch, "fr")
    assert list(review_problems(scratch, fr)) == []
    path = scratch.root / "locale/fr/LC_MESSAGES/_data/assessments/bank/quizzes/victim-identification.po"
    with path.open("rb") as f:
        catalog = read_po(f)
    message = next(m for m in catalog if m.context == "vi-01.review")
    message.string = "FR1, section « Une section qui n’existe pas »"
    with path.open("wb") as f:
        write_po(f, catalog, width=100)
    assert list(review_problems(scratch, fr)) == [
        "locale/fr/LC_MESSAGES/_data/assessments/bank/quizzes/victim-identification.po: item vi-01: "
        "review names section 'Une section qui n’existe pas', which the Français page of FR1 does not have"
    ]
