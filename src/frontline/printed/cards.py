"""Field cards: one printable page each, cut from the module that teaches it, so the two cannot
drift. In the book the block shows in place (the `field-card` directive); this module makes the
stand-alone HTML page and the PDFs (A4 and US Letter) from the same Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..content.modules import module_paths
from ..content.national import National, substitute
from ..markdown import to_html
from ..paths import Project
from .printable import PAPERS, html_page, page_count, pdf_document

BLOCK = re.compile(
    r"^(?P<fence>:{4,})\{field-card\}\s+(?P<id>[a-z0-9-]+)\s*\n(?P<body>.*?)^(?P=fence)\s*$", re.M | re.S
)
OPTION = re.compile(r"^:(?P<key>[a-z]+):\s*(?P<value>.*)$")
__all__ = ["PAPERS", "Card", "card_page", "card_pdf", "find_cards", "page_count", "problems", "write_cards"]


@dataclass(frozen=True)
class Card:
    id: str
    title: str
    body: str  # Markdown
    module: Path


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


def card_html(card: Card, national: National) -> str:
    """The card's content as HTML, with the national values filled in."""
    return to_html(substitute(card.body, national))


FOLLOW_YOUR_RULES = "Follow your national law and your agency's procedures."


def _footer(card: Card, book_title: str) -> str:
    module = card.module.stem.split("-")[0].upper()
    return f"Field card from {book_title}, module {module}. " + FOLLOW_YOUR_RULES


def card_page(card: Card, national: National, book_title: str) -> str:
    """A stand-alone page: prints on one sheet of A4 or US Letter, black on white."""
    return html_page(card.title, substitute(card.body, national), _footer(card, book_title))


def card_pdf(card: Card, national: National, paper: str, book_title: str) -> bytes:
    """The card as a one-page PDF in black and white, on A4 or US Letter."""
    return pdf_document(
        card.title, substitute(card.body, national), paper, _footer(card, book_title), book_title
    )


ROLE = re.compile(r"\{(term|cite(:[pt])?|doc|ref)\}`|^\s*(```|:::)", re.M)


def problems(card: Card, national: National, book_title: str) -> list[str]:
    """What keeps a card from printing as one clean page."""
    found = []
    if ROLE.search(card.body):
        found.append("a card holds only Markdown lists, tables and text: no roles or directives")
    for paper, label in PAPERS.items():
        pages = page_count(card_pdf(card, national, paper, book_title))
        if pages != 1:
            found.append(f"prints on {pages} pages of {label}; a card must fit on one")
    return found


def write_cards(cards: list[Card], national: National, out: Path, book_title: str) -> list[Path]:
    """Write each card's page and PDFs into `out`; the paths written, for the checks."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for card in cards:
        page = out / f"{card.id}.html"
        page.write_text(card_page(card, national, book_title), encoding="utf-8")
        written.append(page)
        for paper in PAPERS:
            path = out / f"{card.id}-{paper}.pdf"
            path.write_bytes(card_pdf(card, national, paper, book_title))
            written.append(path)
    return written
