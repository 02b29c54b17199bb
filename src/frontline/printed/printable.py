"""Printable documents from Markdown: a stand-alone HTML page and a PDF on A4 or US Letter, black on
white, with fpdf2 (pure Python: nothing to download). Field cards and workshop packs use both."""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from pathlib import Path

from ..markdown import markdown, to_html

PAPERS = {"a4": "A4", "letter": "Letter"}
# Fixed, so the same sources give the same PDF bytes.
PDF_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
FONTS = Path(__import__("matplotlib").get_data_path()) / "fonts" / "ttf"


PAGE_CSS = """
@page { margin: 12mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.35; color: #000;
       background: #fff; max-width: 180mm; margin: 0 auto; padding: 4mm; }
h2 { font-size: 13pt; margin: 5mm 0 2mm; }
h3 { font-size: 11.5pt; margin: 4mm 0 1mm; }
h1 { font-size: 16pt; border-bottom: 2pt solid #000; padding-bottom: 2mm; margin: 0 0 3mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1pt solid #000; padding: 2mm; text-align: left; vertical-align: top; }
li { margin-bottom: 1.5mm; }
.source { font-size: 8.5pt; margin-top: 4mm; border-top: 1pt solid #000; padding-top: 2mm; }
a { color: #000; }
.nobr { white-space: nowrap; }
"""

# Time ranges, dates and ids must never break across lines on paper: "13:40-14:10", "2026-01-31",
# "fr2-sc-04". The HTML keeps each in one piece with CSS; the PDF with a non-breaking hyphen.
UNBREAKABLE = re.compile(
    r"\b\d{1,2}:\d{2}(?:-\d{1,2}:\d{2})?\b|\b\d{4}-\d{2}-\d{2}\b|\b[a-z]+\d*(?:-[a-z0-9]+)+\b|\b[A-Z]{1,3}\d+\.\d+\b"
)
TAG_OR_TEXT = re.compile(r"(<[^>]+>)|([^<]+)")
NB_HYPHEN = "\u2011"


def unbreakable_html(html: str) -> str:
    """Wrap every time range, date and id in the page's text (never inside a tag) in a nowrap span."""

    def text(m: re.Match) -> str:
        if m.group(1):
            return m.group(1)
        return UNBREAKABLE.sub(lambda t: f'<span class="nobr">{t.group(0)}</span>', m.group(2))

    return TAG_OR_TEXT.sub(text, html)


def unbreakable_pdf(text: str) -> str:
    return UNBREAKABLE.sub(lambda m: m.group(0).replace("-", NB_HYPHEN), text)


def html_page(title: str, markdown_text: str, footer: str, lang: str = "en") -> str:
    """A stand-alone page that prints cleanly, black on white, in `lang`."""
    return (
        f'<!doctype html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{PAGE_CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1>{unbreakable_html(to_html(markdown_text))}"
        f'<p class="source">{escape(footer)}</p></body></html>\n'
    )


HEADING_SIZES = {"h1": 15, "h2": 13, "h3": 11.5}
LINE = 5.6  # mm: 11 pt type with room between lines
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


ITALIC = re.compile(r"(?<![*\w])\*(?!\*)([^*\n]+?)(?<!\*)\*(?![*\w])")


def _plain(inline: str) -> str:
    """Inline Markdown as fpdf2's own markup: keep **bold**, *italic* as __italic__, drop link targets."""
    return unbreakable_pdf(ITALIC.sub(r"__\1__", LINK.sub(r"\1", inline)).replace("\\|", "|"))


def _column_widths(pdf, rows: list[list[str]], padding: float = 1.5) -> tuple[float, ...]:
    """Each column at least as wide as its longest unbreakable word (a time range, an id), the rest
    of the width shared by how much text each column holds."""
    columns = range(len(rows[0]))
    cells = [[r[c] if c < len(r) else "" for r in rows] for c in columns]
    need = [
        max(
            (pdf.get_string_width(w.replace("*", "").replace("_", "")) for t in col for w in t.split()),
            default=0,
        )
        + 2 * padding
        + 1
        for col in cells
    ]
    room = pdf.epw - sum(need)
    if room <= 0:
        return tuple(need)
    text = [min(max(len(t) for t in col), 60) for col in cells]
    return tuple(n + room * x / sum(text) for n, x in zip(need, text, strict=True))


def _render(pdf, markdown_text: str) -> None:
    """Draw paragraphs, bullet lists and tables from Markdown, with fpdf2's own layout."""
    tokens = markdown().parse(markdown_text)
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
            size = HEADING_SIZES.get(tok.tag, 11)
            if tok.tag == "h2" and pdf.will_page_break(40):
                pdf.add_page()
            pdf.ln(2)
            pdf.set_font(style="B", size=size)
            pdf.multi_cell(0, LINE * size / 11, _plain(tokens[i + 1].content), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(style="", size=11)
            pdf.ln(1)
            i += 3
        elif tok.type == "list_item_open":
            text = _plain(tokens[i + 2].content)
            pdf.set_x(pdf.l_margin)
            pdf.cell(5, LINE, "\u2022")
            pdf.multi_cell(0, LINE, text, markdown=True, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
            i += 1
        elif tok.type == "hr":
            pdf.ln(2)
            pdf.set_dash_pattern(dash=2, gap=2)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
            pdf.set_dash_pattern()
            pdf.ln(3)
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
            widths = _column_widths(pdf, rows)
            with pdf.table(
                text_align="LEFT", line_height=LINE, markdown=True, padding=1.5, col_widths=widths
            ) as table:
                for row in rows:
                    cells = table.row()
                    for text in row:
                        cells.cell(text)
            pdf.ln(3)
            i = j + 1
        else:
            i += 1


def pdf_document(
    title: str, markdown_text: str, paper: str, footer: str, producer: str, lang: str = "en"
) -> bytes:
    """The document as a PDF in black and white, in `lang` (for screen readers and hyphenation);
    long documents run onto more pages. DejaVu Sans has every accent and the no-break spaces."""
    from fpdf import FPDF

    pdf = FPDF(format=PAPERS[paper])
    pdf.set_creation_date(PDF_DATE)
    pdf.set_lang(lang)
    pdf.set_title(title)
    pdf.set_creator(producer)
    pdf.set_producer(producer)
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.add_font("DejaVu", "I", FONTS / "DejaVuSans-Oblique.ttf")
    pdf.add_font("DejaVu", "BI", FONTS / "DejaVuSans-BoldOblique.ttf")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_line_width(0.6)
    pdf.line(15, pdf.get_y() + 1, pdf.w - 15, pdf.get_y() + 1)
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 11)
    _render(pdf, markdown_text)
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 8)
    pdf.multi_cell(0, 4, footer)
    return bytes(pdf.output())


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))
