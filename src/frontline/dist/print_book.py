"""The printed edition: the whole book of one language as one PDF, A4 or US Letter, a learner's copy
(answers left out) or a trainer's copy (answers open). The book's own words (cover, contents, running
header) come from the interface catalog (frontline.content.interface), the parts' captions from the
root page's catalog, the chapters from that language's built book (`_build/html/<lang>/`).

Route: the built HTML book's article bodies, in the table of contents' order, become one HTML document
(a cover, a table of contents, every chapter on a new page, figures and references included), which
headless Chromium prints. The table of contents' page numbers take two passes: print once, read where
each chapter starts from the PDF (the page whose text begins with its title) with pypdfium2, write
the numbers in and print again. The cover is printed apart, without the running header and footer,
and put in front, so the footer's page numbers are the table of contents' numbers.

Needs Chromium (`/usr/bin/chromium`, Debian's package), Playwright, pypdfium2 and Beautiful Soup:
the test extras (`pip install -e .[test]`).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import shutil
import subprocess
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .. import chromium
from ..content.catalogs import document_name, finished
from ..content.interface import MESSAGES, interface
from ..content.languages import Language, source_language
from ..errors import FrontlineError
from ..paths import Project

PAPERS = {"a4": "A4", "letter": "Letter"}
COPIES = {"learner": "Learner's copy (answers left out)", "trainer": "Trainer's copy (answers open)"}
LICENCE = "Course content: Creative Commons Attribution 4.0 International (CC BY 4.0). Code: MIT licence."
STYLESHEETS = ("styles/furo.css", "pygments.css", "frontline.css", "styles/furo-extensions.css")
MARGINS = {"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}
PRINT_CSS = """
html, body { background: #fff; }
body { font-size: 10.5pt; line-height: 1.45; }
.fl-book-cover { box-sizing: border-box; height: 235mm; display: flex; flex-direction: column;
  justify-content: space-between; padding: 30mm 6mm 0; }
.fl-book-cover h1 { font-size: 26pt; line-height: 1.2; margin: 0 0 8mm; }
.fl-book-cover .fl-cover-meta { font-size: 12pt; }
.fl-book-cover .fl-cover-copy { font-size: 14pt; font-weight: 700; margin-top: 10mm; }
.fl-book-cover .fl-cover-licence { font-size: 9pt; color: #333; }
.fl-book-toc h1 { font-size: 20pt; margin-top: 0; }
.fl-book-toc ol { list-style: none; padding: 0; margin: 0; }
.fl-book-toc .fl-toc-part { font-weight: 700; margin: 5mm 0 1.5mm; }
.fl-book-toc li.fl-toc-entry { display: flex; align-items: baseline; margin: 1.2mm 0; }
.fl-book-toc .fl-toc-title { flex: 0 1 auto; }
.fl-book-toc .fl-toc-dots { flex: 1 1 auto; border-bottom: 1px dotted #777; margin: 0 2mm; min-width: 8mm; }
.fl-book-toc .fl-toc-page { flex: 0 0 auto; font-variant-numeric: tabular-nums; }
.fl-book-toc a, .fl-book-chapter a { color: inherit; text-decoration: none; }
.fl-book-chapter { break-before: page; }
.fl-book-chapter h1 { font-size: 20pt; margin-top: 0; }
.fl-book-chapter h2 { font-size: 14pt; break-after: avoid; }
.fl-book-chapter h3, .fl-book-chapter h4 { break-after: avoid; }
.fl-book-chapter img { max-width: 100%; height: auto; break-inside: avoid; }
.fl-book-chapter figure, .fl-book-chapter tr { break-inside: avoid; }
.fl-book-chapter thead { display: table-header-group; }
.fl-book-chapter pre { white-space: pre-wrap; }
a.headerlink, .fl-card-links { display: none; }
"""


@dataclass(frozen=True)
class Chapter:
    doc: str  # the document's name in _toc.yml, e.g. "modules/trainer/t1-the-trainers-role"
    part: str  # the part's caption ("" for the root page)
    title: str = ""

    @property
    def key(self) -> str:
        return self.doc.replace("/", "-")


def toc_chapters(project: Project, lang: str | None = None) -> list[Chapter]:
    """The book's pages in the table of contents' order (the root page first), the parts' captions
    in `lang` (from the root page's catalog, as the book's sidebar has them)."""
    toc = yaml.safe_load((project.root / "_toc.yml").read_text(encoding="utf-8"))
    done = finished(project, lang, document_name(toc["root"])) if lang else {}
    chapters = [Chapter(toc["root"], "")]
    chapters += [Chapter(chapter["file"], "") for chapter in toc.get("chapters", [])]  # a book without parts
    for part in toc.get("parts", []):
        caption = part.get("caption", "")
        for chapter in part.get("chapters", []):
            chapters.append(Chapter(chapter["file"], done.get(caption, caption)))
    return chapters


@dataclass(frozen=True)
class Edition:
    """One language's printed book: where its built HTML is and the words it prints."""

    project: Project
    lang: Language
    html: Path

    def t(self, msgid: str) -> str:
        return interface(self.project, self.lang.code)(msgid)

    def title(self, config: dict) -> str:
        """The book's title (_config.yml) in this language, where the interface catalog lists it."""
        title = config.get("title", "Frontline")
        return self.t(title) if title in MESSAGES else title


def edition(project: Project, lang: Language | None = None) -> Edition:
    """The edition of `lang` (default: the source language), from its built book."""
    from ..book.build import output_folder

    lang = lang or source_language(project)
    return Edition(project, lang, output_folder(project, lang))


def long_date(when: dt.date, lang: str) -> str:
    """ "1 January 2026", "1 janvier 2026": the cover's date as the language writes it."""
    from babel.dates import format_date

    return format_date(when, "d MMMM y", locale=lang)


def source_date(project: Project) -> dt.date:
    """The date of the build sources, never today: $SOURCE_DATE_EPOCH, else the last commit's date,
    else the newest source file's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    git = shutil.which("git")
    if git:
        result = subprocess.run(
            [git, "log", "-1", "--format=%cs"], cwd=project.root, capture_output=True, text=True
        )
        if result.returncode == 0 and result.stdout.strip():
            return dt.date.fromisoformat(result.stdout.strip())
    newest = max(
        p.stat().st_mtime
        for name in ("_toc.yml", "_config.yml", "book", "modules")
        for p in (
            [project.root / name] if (project.root / name).is_file() else (project.root / name).rglob("*")
        )
        if p.is_file()
    )
    return dt.datetime.fromtimestamp(newest, dt.UTC).date()


def _needs():
    try:
        import pypdfium2
        from bs4 import BeautifulSoup
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise FrontlineError(
            f"the printed book needs Playwright, pypdfium2 and Beautiful Soup ({error.name} is missing): "
            "pip install -e .[test]"
        ) from error
    return BeautifulSoup, pypdfium2, sync_playwright


def _chapter_html(book: Edition, chapter: Chapter, docs: dict[str, str], copy: str, soup_cls):
    """One page's article body, with ids made unique in the book, links inside the book made
    links inside the document, and figures given absolute file URLs. Returns (title, html)."""
    page = book.html / f"{chapter.doc}.html"
    if not page.is_file():
        raise FrontlineError("the built book lacks this page: run `frontline build`", page)
    soup = soup_cls(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    for tag in article.find_all(["script", "style", "noscript"]):
        tag.decompose()
    for tag in article.select(
        "a.headerlink, .fl-print-choice, .fl-load-widgets, .fl-widget-slot, .fl-languages"
    ):
        tag.decompose()
    if copy == "learner":
        for tag in article.select(".fl-answer, .fl-feedback, .fl-summary, .fl-result"):
            tag.decompose()
    else:
        for tag in article.select("details"):
            tag["open"] = ""
    here = page.parent
    for tag in article.find_all(id=True):
        tag["id"] = f"{chapter.key}--{tag['id']}"
    for tag in article.find_all("a", href=True):
        href = tag["href"]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            continue
        if not parts.path:
            tag["href"] = f"#{chapter.key}--{parts.fragment}"
            continue
        target = (here / parts.path).resolve()
        doc = (
            target.relative_to(book.html.resolve()).with_suffix("").as_posix()
            if target.is_relative_to(book.html.resolve())
            else ""
        )
        if doc in docs:
            key = docs[doc]
            tag["href"] = f"#{key}--{parts.fragment}" if parts.fragment else f"#doc-{key}"
        else:
            del tag["href"]  # a page outside the printed book (cards, PDFs): the text stays
    for tag in article.find_all(["img", "source"]):
        for attr in ("src", "srcset"):
            if tag.get(attr) and not urlsplit(tag[attr]).scheme:
                tag[attr] = (here / tag[attr]).resolve().as_uri()
    h1 = article.find("h1")
    title = h1.get_text(" ", strip=True) if h1 else chapter.doc
    article.name = "section"
    article.attrs = {"class": ["fl-book-chapter"], "id": f"doc-{chapter.key}"}
    return title, str(article)


def _document(
    book: Edition,
    chapters: list[Chapter],
    bodies: list[str],
    copy: str,
    pages: dict[str, int] | None,
    cover: bool,
) -> str:
    project, t = book.project, book.t
    static = book.html / "_static"
    links = "\n".join(
        f'<link rel="stylesheet" href="{(static / name).as_uri()}">'
        for name in STYLESHEETS
        if (static / name).is_file()
    )
    config = yaml.safe_load((project.root / "_config.yml").read_text(encoding="utf-8"))
    title = html.escape(book.title(config))
    head = (
        f'<!DOCTYPE html><html lang="{book.lang.code}" data-fl-print="{copy}"><head><meta charset="utf-8">'
        f"<title>{title}</title>{links}<style>{PRINT_CSS}</style></head><body>"
    )
    if cover:
        when = long_date(source_date(project), book.lang.code)
        meta = t("Version {version} · {language} · {date}").format(
            version=version("frontline"), language=book.lang.name, date=when
        )
        return head + (
            '<section class="fl-book-cover"><div>'
            f"<h1>{title}</h1>"
            f'<p class="fl-cover-meta">{html.escape(config.get("author", ""))}</p>'
            f'<p class="fl-cover-meta">{html.escape(meta)}</p>'
            f'<p class="fl-cover-copy">{html.escape(t(COPIES[copy]))}</p></div>'
            f'<p class="fl-cover-licence">© {html.escape(str(config.get("copyright", "")))} '
            f"{html.escape(config.get('author', ''))}. {html.escape(t(LICENCE))}</p>"
            "</section></body></html>"
        )
    toc = [f'<section class="fl-book-toc"><h1>{html.escape(t("Contents"))}</h1><ol>']
    part = None
    for chapter in chapters:
        if chapter.part and chapter.part != part:
            part = chapter.part
            toc.append(f'<li class="fl-toc-part">{html.escape(part)}</li>')
        number = str(pages[chapter.doc]) if pages and chapter.doc in pages else "000"
        toc.append(
            f'<li class="fl-toc-entry"><a class="fl-toc-title" href="#doc-{chapter.key}">'
            f'{html.escape(chapter.title)}</a><span class="fl-toc-dots"></span>'
            f'<span class="fl-toc-page">{number}</span></li>'
        )
    toc.append("</ol></section>")
    return head + "".join(toc) + "".join(bodies) + "</body></html>"


def _templates(book: Edition, copy: str) -> tuple[str, str]:
    style = "font-family: sans-serif; font-size: 8pt; color: #555; width: 100%; margin: 0 16mm;"
    header = (
        f'<div style="{style} text-align: right;">Frontline {version("frontline")} · '
        f"{html.escape(book.t(COPIES[copy]).split(' (')[0])}</div>"
    )
    footer = (
        f'<div style="{style} text-align: center;">'
        '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
    )
    return header, footer


def _find_pages(pdfium, pdf_bytes: bytes, chapters: list[Chapter], first_body_page: int) -> dict[str, int]:
    """Each chapter's first page (1-based, as the footer numbers it): the first page, from the
    previous chapter's on, whose text begins with the chapter's title (every chapter starts a page)."""
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        found: dict[str, int] = {}
        texts = [pdf[n].get_textpage().get_text_range() for n in range(len(pdf))]
        start = first_body_page
        for chapter in chapters:
            needle = " ".join(chapter.title.split())
            for n in range(start, len(texts)):
                if " ".join(texts[n].split())[: len(needle) + 200].find(needle) != -1:
                    found[chapter.doc] = n + 1
                    start = n + 1  # every chapter starts a page of its own
                    break
            else:
                raise FrontlineError(f"the printed book: chapter {chapter.title!r} not found in the PDF")
        return found
    finally:
        pdf.close()


def print_book(
    project: Project, out: Path, paper: str, copy: str, *, browser=None, lang: Language | None = None
) -> Path:
    """The book of `lang` (default: the source language) as one PDF in `out`:
    `frontline-<version>-<lang>-<paper>-<copy>.pdf`."""
    if paper not in PAPERS:
        raise FrontlineError(f"unknown paper {paper!r}: choose {' or '.join(PAPERS)}")
    if copy not in COPIES:
        raise FrontlineError(f"unknown copy {copy!r}: choose {' or '.join(COPIES)}")
    if browser is None:
        BeautifulSoup, pdfium, sync_playwright = _needs()
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=chromium.executable(), args=chromium.FLAGS)
            try:
                return print_book(project, out, paper, copy, browser=b, lang=lang)
            finally:
                b.close()
    BeautifulSoup, pdfium, _ = _needs()
    book = edition(project, lang)
    chapters = toc_chapters(project, None if book.lang.source else book.lang.code)
    docs = {c.doc: c.key for c in chapters}
    bodies = []
    titled = []
    for chapter in chapters:
        title, body = _chapter_html(book, chapter, docs, copy, BeautifulSoup)
        titled.append(Chapter(chapter.doc, chapter.part, title))
        bodies.append(body)
    chapters = titled
    out.mkdir(parents=True, exist_ok=True)
    work = out / f".print-{book.lang.code}-{paper}-{copy}"
    work.mkdir(exist_ok=True)
    header, footer = _templates(book, copy)
    context = browser.new_context()
    try:
        page = context.new_page()

        def pdf(document: str, name: str, numbered: bool) -> bytes:
            source = work / name
            source.write_text(document, encoding="utf-8")
            page.goto(source.as_uri(), wait_until="load")
            options = dict(format=PAPERS[paper], print_background=False, margin=MARGINS)
            if numbered:
                options.update(display_header_footer=True, header_template=header, footer_template=footer)
            return page.pdf(**options)

        cover = pdf(_document(book, chapters, bodies, copy, None, cover=True), "cover.html", False)
        first = pdf(_document(book, chapters, bodies, copy, None, cover=False), "book.html", True)
        pages = _find_pages(pdfium, first, chapters, first_body_page=1)
        body = pdf(_document(book, chapters, bodies, copy, pages, cover=False), "book.html", True)
        if _find_pages(pdfium, body, chapters, first_body_page=1) != pages:
            raise FrontlineError("the printed book's page numbers moved between passes")
    finally:
        context.close()
    target = out / f"frontline-{version('frontline')}-{book.lang.code}-{paper}-{copy}.pdf"
    merged = pdfium.PdfDocument(cover)
    rest = pdfium.PdfDocument(body)
    try:
        if len(merged) > 1:
            raise FrontlineError("the printed book's cover runs over one page")
        merged.import_pages(rest)
        merged.save(target)
    finally:
        rest.close()
        merged.close()
    shutil.rmtree(work, ignore_errors=True)
    return target


def print_books(project: Project, out: Path, lang: Language | None = None) -> list[Path]:
    """Both papers, both copies of one language's book, with one Chromium."""
    _, _, sync_playwright = _needs()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium.executable(), args=chromium.FLAGS)
        try:
            return [
                print_book(project, out, paper, copy, browser=b, lang=lang)
                for paper in PAPERS
                for copy in COPIES
            ]
        finally:
            b.close()
