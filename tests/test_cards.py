"""Field cards: cut from the modules, one page on A4 and on US Letter, black on white, national values
filled in, and checked by `frontline check`."""

from __future__ import annotations

import re
from html import unescape

import pytest

from frontline.checks.check import check
from frontline.content.national import load_national
from frontline.printed.cards import PAPERS, card_page, card_pdf, find_cards, page_count

REQUIRED = {"indicators", "first-contact", "evidence", "referral-contacts"}


def test_cards_come_from_the_modules(project):
    cards = {c.id: c for c in find_cards(project)}
    assert REQUIRED <= set(cards)
    for card in cards.values():
        assert f"{{field-card}} {card.id}" in card.module.read_text()


@pytest.mark.build
def test_book_has_every_card_as_a_page_and_two_pdfs(project, built_book):
    pdfium = pytest.importorskip("pypdfium2")
    for card in find_cards(project):
        assert (built_book / "cards" / f"{card.id}.html").is_file()
        for paper in PAPERS:
            path = built_book / "cards" / f"{card.id}-{paper}.pdf"
            doc = pdfium.PdfDocument(str(path))
            assert len(doc) == 1, f"{path}: {len(doc)} pages"
            width, height = doc[0].get_size()
            assert (round(width), round(height)) == {"a4": (595, 842), "letter": (612, 792)}[paper]
            image = doc[0].render(scale=0.5, grayscale=False).to_pil().convert("RGB")
            colours = image.getcolors(maxcolors=1_000_000)
            assert any(rgb == (0, 0, 0) or max(rgb) < 80 for _, rgb in colours), "no dark text"
            saturated = sum(n for n, (r, g, b) in colours if max(r, g, b) - min(r, g, b) > 40)
            assert saturated == 0, f"{path}: colour in a card meant for black-and-white printing"


@pytest.mark.build
def test_card_in_the_book_and_on_paper_say_the_same(project, built_book):
    for card in find_cards(project):
        module_page = built_book / card.module.relative_to(project.root).with_suffix(".html")
        block = re.search(
            r'<div class="fl-card[^"]*">(.*?)<p class="fl-card-links">', module_page.read_text(), re.S
        )
        assert block, f"{module_page}: card {card.id} not shown"
        printable = (built_book / "cards" / f"{card.id}.html").read_text()
        words = lambda page: re.findall(r"[A-Za-z]{4,}", unescape(re.sub(r"<[^>]+>", " ", page)))  # noqa: E731
        in_book = words(block.group(1).split("</p>", 1)[1])
        assert in_book and " ".join(in_book) in " ".join(words(printable))


def test_national_values_fill_the_cards(scratch):
    path = scratch.root / "national.yaml"
    path.write_text(
        path.read_text().replace(
            '"[NAME OF THE SPECIALIST ANTI-TRAFFICKING UNIT]"', '"Counter-Trafficking Unit, Central Police"'
        )
    )
    national = load_national(scratch)
    assert not national.substitutions()["specialist_unit"].startswith("[")
    card = next(c for c in find_cards(scratch) if "{{ specialist_unit }}" in c.body)
    assert "Counter-Trafficking Unit, Central Police" in card_page(card, national, "Frontline")
    assert page_count(card_pdf(card, national, "a4", "Frontline")) == 1
    assert check(scratch) == []


def test_default_national_values_are_obvious_placeholders(project):
    national = load_national(project)
    assert national.is_placeholder
    assert all(re.fullmatch(r"\[[A-Z ,'-]+\]", v) for v in national.substitutions().values())


def test_missing_national_key_is_named(scratch):
    path = scratch.root / "national.yaml"
    path.write_text(re.sub(r"^hotline:.*\n", "", path.read_text(), flags=re.M))
    problems = check(scratch)
    assert f"{path}: hotline: Field required" in problems


def test_unknown_substitution_is_named(scratch):
    fr2 = scratch.modules / "first-responder" / "fr2-recognising-victims.md"
    fr2.write_text(fr2.read_text().replace("{{ specialist_unit }}", "{{ police_unit }}", 1))
    assert f"{fr2}: {{{{ police_unit }}}} is not a key of national.yaml" in check(scratch)


def test_card_too_long_for_one_page_is_refused(scratch):
    fr2 = scratch.modules / "first-responder" / "fr2-recognising-victims.md"
    text = fr2.read_text()
    row = "| Control of movement |"
    long_rows = "\n".join(
        f"| Extra sign {n} | " + "A long example sentence that fills the line. " * 3 + "|" for n in range(40)
    )
    fr2.write_text(text.replace(row, long_rows + "\n" + row, 1))
    problems = check(scratch)
    assert any(p.startswith(f"{fr2}: item field card indicators: prints on ") and "A4" in p for p in problems)


def test_card_with_a_role_is_refused(scratch):
    fr2 = scratch.modules / "first-responder" / "fr2-recognising-victims.md"
    text = fr2.read_text()
    fr2.write_text(
        text.replace(
            "These signs are a reason to look further",
            "These {term}`indicator` signs are a reason to look further",
            1,
        )
    )
    assert any("no roles or directives" in p for p in check(scratch))


# A translator's strings for the indicators card (FR2), typed with plain spaces before « : » and « ? ».
FRENCH_CARD = {
    "Signs that a person may have been trafficked": (
        "Signes qu'une personne a peut-être été victime de traite"
    ),
    "These signs are a reason to look further, not proof. Several signs together tell you more than one.": (
        "Ces signes sont une raison de chercher plus loin, pas une preuve. Qui garde votre passeport ? "
        "Demandez : « Êtes-vous libre de partir ? »"
    ),
    "Control of movement": "Contrôle des déplacements",
}


def _french_catalog(project, strings: dict[str, str]) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(locale="fr")
    for msgid, msgstr in strings.items():
        catalog.add(msgid, msgstr)
    catalog.add("What to look for", "À regarder", flags=["fuzzy"])  # fuzzy: not used
    path = project.root / "locale/fr/LC_MESSAGES/modules/first-responder/fr2-recognising-victims.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog)


def test_french_card_from_the_page_catalog(scratch):
    from frontline.printed.cards import localize

    pdfium = pytest.importorskip("pypdfium2")
    _french_catalog(scratch, FRENCH_CARD)
    national = load_national(scratch)
    card = localize(next(c for c in find_cards(scratch) if c.id == "indicators"), scratch, "fr")
    assert card.title == "Signes qu'une personne a peut-être été victime de traite"
    # Typography: no-break spaces where the translator typed a plain one.
    assert "passeport\u202f? Demandez\u00a0: «\u00a0Êtes-vous libre de partir\u202f?\u00a0»" in card.body
    assert "| Contrôle des déplacements |" in card.body
    assert "| What to look for |" in card.body  # fuzzy: English until reviewed
    assert "| Documents |" in card.body  # not translated yet: English (a draft)
    page = card_page(card, national, "Frontline", scratch)
    assert '<html lang="fr">' in page
    assert "Fiche de terrain tirée de Frontline, module FR2." in page
    assert "Respectez la législation de votre pays" in page and "Follow your national law" not in page
    assert "[NOM DE L'UNITÉ SPÉCIALISÉE]" in page  # in French
    for paper in PAPERS:
        pdf = card_pdf(card, national, paper, "Frontline", scratch)
        assert page_count(pdf) == 1
        doc = pdfium.PdfDocument(pdf)
        text = doc[0].get_textpage().get_text_range()
        doc.close()
        # The font renders every accent (no missing glyphs, the text reads back as typed).
        for word in ("Contrôle des déplacements", "peut-être été", "Êtes-vous", "«", "législation"):
            assert word in text, word


def test_french_print_typography_never_starts_a_line_with_a_sign():
    from frontline.printed.printable import pdf_document
    from frontline.printed.typography import print_text

    pdfium = pytest.importorskip("pypdfium2")
    assert print_text("Où ? Quand : « ici » ; 13:40, https://x.org", "fr") == (
        "Où\u202f? Quand\u00a0: «\u00a0ici\u00a0»\u202f; 13:40, https://x.org"
    )
    assert print_text("Where ? Here : now", "en") == "Where ? Here : now"
    # Paragraphs that start one letter longer each, so that the signs fall at many line ends.
    sentence = " qui garde votre passeport ? Pouvez-vous partir : « oui » ou « non » ? " * 3
    text = "\n\n".join("Mot" + "m" * n + sentence for n in range(20))
    signs = tuple("?:;!»")

    def lines(text: str) -> list[str]:
        doc = pdfium.PdfDocument(pdf_document("Essai", text, "a4", "", "Frontline", "fr"))
        found = [" ".join(line.split()) for line in doc[0].get_textpage().get_text_range().splitlines()]
        doc.close()
        return found

    assert [line for line in lines(text) if line.startswith(signs)]  # plain spaces: signs start lines
    typeset = lines(print_text(text, "fr"))
    assert not [line for line in typeset if line.startswith(signs) or line.endswith("«")], typeset
