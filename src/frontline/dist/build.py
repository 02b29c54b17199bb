"""`frontline dist` (`make dist`): every distributable of this version in one folder,
`_build/dist/frontline-<version>/`: the SCORM packages per track and language, the question bank
for Moodle (XML) and Canvas (QTI), the printed book (A4 and Letter, learner's and trainer's
copies), and the whole book per language as one ZIP for offline reading
(`frontline-<version>-en.zip`, its size in `DOWNLOADS.txt` beside it, for trainers to pass on).
The book is built first if anything changed."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from ..book.build import build
from ..grading.platforms import write_exports
from ..paths import Project
from .offline import human_size, write_offline_zip
from .print_book import print_books
from .scorm import build_scorm


def dist_folder(project: Project) -> Path:
    return project.build / "dist" / f"frontline-{version('frontline')}"


def build_dist(project: Project, out: Path | None = None, quiet: bool = True) -> list[Path]:
    folder = out or dist_folder(project)
    build(project, quiet=quiet)
    written = build_scorm(project, folder / "scorm")
    written += write_exports(project, folder / "question-bank")
    written += print_books(project, folder / "print")
    book_zip = write_offline_zip(project.html, folder, book_language(project))
    downloads = folder / "DOWNLOADS.txt"
    downloads.write_text(
        "The whole book for offline reading: unzip it and open index.html in a browser.\n"
        f"{book_zip.name}: {human_size(book_zip.stat().st_size)} ({book_zip.stat().st_size} bytes)\n"
        + "".join(f"{p.name}: {human_size(p.stat().st_size)}\n" for p in sorted((folder / "print").glob("*.pdf")))
    )
    return [*written, book_zip, downloads]


def book_language(project: Project) -> str:
    from ..yamlfile import read_yaml

    config = read_yaml(project.root / "_config.yml")
    return ((config.get("sphinx") or {}).get("config") or {}).get("language") or "en"
