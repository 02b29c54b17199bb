"""Field cards: one printable page each, cut from the module that teaches it, so the two cannot
drift. In the book the block shows in place (the `field-card` directive); this module makes the
stand-alone HTML page and the PDFs (A4 and US Letter) from the same Markdown."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from markdown_it import MarkdownIt

from .modules import module_paths
from .national import National, substitute
from .paths import Project

BLOCK = re.compile(
    r"^(?P<fence>:{4,})\{field-card\}\s+(?P<id>[a-z0-9-]+)\s*\n(?P<body>.*?)^(?P=fence)\s*$", re.M | re.S
)
OPTION = re.compile(r"^:(?P<key>[a-z]+):\s*(?P<value>.*)$")
PAPERS = {"a4": "A4", "letter": "Letter"}
# Fixed, so the same sources give the same PDF bytes.
PDF_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
FONTS = Path(__import__("matplotlib").get_data_path()) / "fonts" / "ttf"


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


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def card_html(card: Card, national: National) -> str:
    """The card's content as HTML, with the national values filled in."""
    return _markdown().render(substitute(card.body, national))


CARD_CSS = """
@page { margin: 12mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.35; color: #000;
       background: #fff; max-width: 180mm; margin: 0 auto; padding: 4mm; }
h1 { font-size: 16pt; border-bottom: 2pt solid #000; padding-bottom: 2mm; margin: 0 0 3mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1pt solid #000; padding: 2mm; text-align: left; vertical-align: top; }
li { margin-bottom: 1.5mm; }
.source { font-size: 8.5pt; margin-top: 4mm; border-top: 1pt solid #000; padding-top: 2mm; }
a { color: #000; }
"""


def card_page(card: Card, national: National, book_title: str) -> str:
    """A stand-alone page: prints on one sheet of A4 or US Letter, black on white."""
    module = card.module.stem.split("-")[0].upper()
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(card.title)}</title><style>{CARD_CSS}</style></head><body>"
        f"<h1>{escape(card.title)}</h1>{card_html(card, national)}"
        f'<p class="source">Field card from {escape(book_title)}, module {module}. '
        "Follow your national law and your agency's procedures.</p></body></html>\n"
    )


LINE = 5.6  # mm: 11 pt type with room between lines
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def _plain(inline: str) -> str:
    """Inline Markdown as fpdf2's own markup: keep **bold**, drop link targets."""
    return LINK.sub(r"\1", inline).replace("\\|", "|")


def _render(pdf, markdown: str) -> None:
    """Draw paragraphs, bullet lists and tables from Markdown, with fpdf2's own layout."""
    tokens = _markdown().parse(markdown)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "paragraph_open" and tok.level == 0:
            pdf.multi_cell(
                0,
                LINE,
                _plain(tokens[i + 1].content),
                markdown=True,
                align="L",
                new_x="LMARGIN",
                new_y="NEXT",
            )
            pdf.ln(2)
            i += 3
        elif tok.type == "heading_open":
            pdf.set_font(style="B")
            pdf.multi_cell(0, LINE, _plain(tokens[i + 1].content), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(style="")
            i += 3
        elif tok.type == "list_item_open":
            text = _plain(tokens[i + 2].content)
            pdf.set_x(pdf.l_margin)
            pdf.cell(5, LINE, "\u2022")
            pdf.multi_cell(0, LINE, text, markdown=True, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
            i += 1
        elif tok.type == "bullet_list_close":
            pdf.ln(1.5)
            i += 1
        elif tok.type == "table_open":
            rows: list[list[str]] = []
            j = i
            while tokens[j].type != "table_close":
                if tokens[j].type == "tr_open":
                    rows.append([])
                elif tokens[j].type == "inline":
                    rows[-1].append(_plain(tokens[j].content))
                j += 1
            with pdf.table(text_align="LEFT", line_height=LINE, markdown=True, padding=1.5) as table:
                for row in rows:
                    cells = table.row()
                    for text in row:
                        cells.cell(text)
            pdf.ln(3)
            i = j + 1
        else:
            i += 1


def card_pdf(card: Card, national: National, paper: str, book_title: str) -> bytes:
    """The card as a one-page PDF in black and white, on A4 or US Letter."""
    from fpdf import FPDF

    pdf = FPDF(format=PAPERS[paper])
    pdf.set_creation_date(PDF_DATE)
    pdf.set_title(card.title)
    pdf.set_creator(book_title)
    pdf.set_producer(book_title)
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.add_font("DejaVu", "I", FONTS / "DejaVuSans-Oblique.ttf")
    pdf.add_font("DejaVu", "BI", FONTS / "DejaVuSans-BoldOblique.ttf")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 8, card.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_line_width(0.6)
    pdf.line(15, pdf.get_y() + 1, pdf.w - 15, pdf.get_y() + 1)
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 11)
    _render(pdf, substitute(card.body, national))
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 8)
    module = card.module.stem.split("-")[0].upper()
    pdf.multi_cell(
        0,
        4,
        f"Field card from {book_title}, module {module}. "
        "Follow your national law and your agency's procedures.",
    )
    return bytes(pdf.output())


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


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
