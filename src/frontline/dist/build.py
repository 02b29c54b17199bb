"""`frontline dist` (`make dist`): every distributable of this version in one folder,
`_build/dist/frontline-<version>/`: the SCORM packages per track and language, and the question bank
for Moodle (XML) and Canvas (QTI), and the printed book (A4 and Letter, learner's and trainer's
copies). The book is built first if anything changed."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from ..book.build import build
from ..grading.platforms import write_exports
from ..paths import Project
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
    return written
