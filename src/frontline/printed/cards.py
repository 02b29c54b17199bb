"""Field cards: one printable page each, cut from the module that teaches it, so the two cannot
drift. In the book the block shows in place (the `field-card` directive); this module makes the
stand-alone HTML page and the PDFs (A4 and US Letter) from the same Markdown.

In another language a card takes each of its strings from the module page's own catalog, the
strings the translator already translated for the page: the block is cut into the pieces Sphinx
extracts (the title, each paragraph, list item, heading and table cell) and each piece is looked
up by its Markdown source. A piece not translated yet stays in English (only a draft language is
built so: `frontline check` fails on a published language's missing strings)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..content.catalogs import finished
from ..content.interface import interface
from ..content.modules import module_paths
from ..content.national import National, substitute
from ..content.page_text import translate_markdown
from ..markdown import to_html
from ..paths import Project
from .printable import PAPERS, html_page, page_count, pdf_document
from .typography import print_text

BLOCK = re.compile(
    r"^(?P<fence>:{4,})\{field-card\}\s+(?P<id>[a-z0-9-]+)\s*\n(?P<body>.*?)^(?P=fence)\s*$", re.M | re.S
)
OPTION = re.compile(r"^:(?P<key>[a-z]+):\s*(?P<value>.*)$")
__all__ = [
    "PAPERS",
    "Card",
    "card_page",
    "card_pdf",
    "find_cards",
    "localize",
    "page_count",
    "problems",
    "write_cards",
]


@dataclass(frozen=True)
class Card:
    id: str
    title: str
    body: str  # Markdown
    module: Path
    lang: str = "en"  # the language of title and body (see localize)


def parse_block(card_id: str, text: str, module: Path) -> Card:
    lines = text.splitlines()
    options = {}
    while lines and (m := OPTION.match(lines[0].strip())):
        options[m.group("key")] = m.group("value").strip()
        lines.pop(0)
    return Card(card_id, options.get("title", card_id), "\n".join(lines).strip() + "\n", module)


def find_cards(project: Project) -> list[Card]:
    cards = []
    for path in module_paths(project):
        for m in BLOCK.finditer(path.read_text(encoding="utf-8")):
            cards.append(parse_block(m.group("id"), m.group("body"), path))
    return sorted(cards, key=lambda c: c.id)


def localize(card: Card, project: Project, lang: str) -> Card:
    """The card in `lang`, from its module page's catalog, with that language's print typography."""
    document = card.module.relative_to(project.root).with_suffix("").as_posix()
    done = finished(project, lang, document)

    def translate(msgid: str) -> str | None:
        return print_text(done[msgid], lang) if msgid in done else None

    title = translate(card.title) or card.title
    return Card(card.id, title, translate_markdown(card.body, translate), card.module, lang)


def card_html(card: Card, national: National) -> str:
    """The card's content as HTML, with the national values filled in."""
    return to_html(substitute(card.body, national, card.lang))


FROM = "Field card from {book}, module {module}."
FOLLOW_YOUR_RULES = "Follow your national law and your agency's procedures."


def _footer(card: Card, book_title: str, project: Project | None) -> str:
    """In the card's language: from the interface catalog (the source words without a project)."""
    t = interface(project, card.lang) if project is not None else (lambda msgid: msgid)
    module = card.module.stem.split("-")[0].upper()
    return print_text(t(FROM).format(book=book_title, module=module) + " " + t(FOLLOW_YOUR_RULES), card.lang)


def card_page(card: Card, national: National, book_title: str, project: Project | None = None) -> str:
    """A stand-alone page: prints on one sheet of A4 or US Letter, black on white."""
    body = substitute(card.body, national, card.lang)
    return html_page(card.title, body, _footer(card, book_title, project), card.lang)


def card_pdf(
    card: Card, national: National, paper: str, book_title: str, project: Project | None = None
) -> bytes:
    """The card as a one-page PDF in black and white, on A4 or US Letter."""
    body = substitute(card.body, national, card.lang)
    footer = _footer(card, book_title, project)
    return pdf_document(card.title, body, paper, footer, book_title, card.lang)


ROLE = re.compile(r"\{(term|cite(:[pt])?|doc|ref)\}`|^\s*(```|:::)", re.M)


def problems(card: Card, national: National, book_title: str, project: Project | None = None) -> list[str]:
    """What keeps a card from printing as one clean page."""
    found = []
    if ROLE.search(card.body):
        found.append("a card holds only Markdown lists, tables and text: no roles or directives")
    for paper, label in PAPERS.items():
        pages = page_count(card_pdf(card, national, paper, book_title, project))
        if pages != 1:
            in_lang = "" if card.lang == "en" else f" in {card.lang}"
            found.append(f"prints on {pages} pages of {label}{in_lang}; a card must fit on one")
    return found


def write_cards(
    cards: list[Card], national: National, out: Path, book_title: str, project: Project | None = None
) -> list[Path]:
    """Write each card's page and PDFs into `out` (each card in its own language, its footer from
    `project`'s interface catalog); the paths written, for the checks."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for card in cards:
        page = out / f"{card.id}.html"
        page.write_text(card_page(card, national, book_title, project), encoding="utf-8")
        written.append(page)
        for paper in PAPERS:
            path = out / f"{card.id}-{paper}.pdf"
            path.write_bytes(card_pdf(card, national, paper, book_title, project))
            written.append(path)
    return written
