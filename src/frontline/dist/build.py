"""`frontline dist` (`make dist`): every distributable of this version in one folder,
`_build/dist/frontline-<version>/`: the SCORM packages per track and language, the question bank
for Moodle (XML) and Canvas (QTI), and, for every published language, the printed book (A4 and
Letter, learner's and trainer's copies, `print/frontline-<version>-<lang>-<paper>-<copy>.pdf`) and
the whole book as one ZIP for offline reading (`frontline-<version>-<lang>.zip`), with their sizes
in `DOWNLOADS.txt`, for trainers to pass on. A draft language is made only when asked for by name
(`frontline dist --lang fr`). The books are built first if anything changed."""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

from ..book.build import build, linked, output_folder
from ..content.languages import Language
from ..grading.platforms import write_exports
from ..paths import Project
from .offline import human_size, write_offline_zip
from .print_book import print_books
from .scorm import build_scorm


def dist_folder(project: Project) -> Path:
    return project.build / "dist" / f"frontline-{version('frontline')}"


def build_dist(
    project: Project, out: Path | None = None, quiet: bool = True, drafts: Iterable[str] = ()
) -> list[Path]:
    """Everything, for the source language, every published one and the drafts named."""
    folder = out or dist_folder(project)
    drafts = list(drafts)
    build(project, quiet=quiet, drafts=drafts)
    written = build_scorm(project, folder / "scorm")
    written += write_exports(project, folder / "question-bank")
    languages = linked(project, drafts)
    for lang in languages:
        written += language_downloads(project, folder, lang)
    downloads = folder / "DOWNLOADS.txt"
    downloads.write_text(downloads_text(folder, languages), encoding="utf-8")
    return [*written, downloads]


def language_downloads(project: Project, folder: Path, lang: Language) -> list[Path]:
    """One language's printed books and offline ZIP (its book must be built)."""
    printed = print_books(project, folder / "print", lang)
    return [*printed, write_offline_zip(output_folder(project, lang), folder, lang.code)]


def downloads_text(folder: Path, languages: list[Language]) -> str:
    """What DOWNLOADS.txt says: per language, the ZIP and the printed books with their sizes."""
    lines = ["The whole book for offline reading: unzip it and open index.html in a browser."]
    for lang in languages:
        status = "" if lang.published else ", draft"
        lines += ["", f"{lang.name} ({lang.code}{status}):"]
        book_zip = folder / f"frontline-{version('frontline')}-{lang.code}.zip"
        if book_zip.is_file():
            size = book_zip.stat().st_size
            lines.append(f"{book_zip.name}: {human_size(size)} ({size} bytes)")
        pdfs = sorted((folder / "print").glob(f"frontline-{version('frontline')}-{lang.code}-*.pdf"))
        lines += [f"{p.name}: {human_size(p.stat().st_size)}" for p in pdfs]
    return "\n".join(lines) + "\n"
