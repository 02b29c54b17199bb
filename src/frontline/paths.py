"""Where the project's files live, found from the working directory so the CLI runs from anywhere inside."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .errors import FrontlineError


def find_root(start: Path | None = None) -> Path:
    """The nearest folder holding `_config.yml` and `_toc.yml` (or $FRONTLINE_ROOT)."""
    env = os.environ.get("FRONTLINE_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").is_file() and (folder / "_toc.yml").is_file():
            return folder
    raise FrontlineError("no _config.yml and _toc.yml here or above: run inside the project", here)


# What a copy of the project leaves behind: environments, build outputs and learners' work.
NOT_SOURCES = shutil.ignore_patterns(
    ".venv",
    "_build",
    "node_modules",
    ".git",
    "__pycache__",
    "release",
    "autograded",
    "feedback",
    "submitted",
    "grades",
    "gradebook.db",
)


@dataclass(frozen=True)
class Project:
    """The project's layout; every path the tooling uses comes from here."""

    root: Path

    @classmethod
    def here(cls) -> Project:
        return cls(find_root())

    def copy_sources(self, target: Path) -> Project:
        """A copy of the project's own files (for tests and benchmarks to change or grade in)."""
        shutil.copytree(self.root, target, ignore=NOT_SOURCES)
        return Project(target)

    @property
    def modules(self) -> Path:
        return self.root / "modules"

    @property
    def course(self) -> Path:
        return self.root / "assessments"

    @property
    def bank(self) -> Path:
        return self.course / "bank"

    @property
    def self_checks(self) -> Path:
        return self.bank / "self-check"

    @property
    def quizzes(self) -> Path:
        return self.bank / "quizzes"

    @property
    def data(self) -> Path:
        return self.root / "assets" / "data"

    @property
    def exercises(self) -> Path:
        return self.root / "assets" / "exercises"

    @property
    def static(self) -> Path:
        return self.root / "assets" / "static"

    @property
    def node_modules(self) -> Path:
        return self.root / "assets" / "node_modules"

    @property
    def build(self) -> Path:
        return self.root / "_build"

    @property
    def html(self) -> Path:
        return self.build / "html"

    @property
    def references(self) -> list[Path]:
        return sorted((self.root / "book").glob("references*.bib"))


def nested_books(html: Path) -> set[str]:
    """The top folders of a built book that are another language's book (`_build/html/fr/`): each
    has its own web app manifest. The source language's book, its ZIP and its offline file list
    leave them out."""
    if not html.is_dir():
        return set()
    return {p.name for p in html.iterdir() if p.is_dir() and (p / "manifest.webmanifest").is_file()}


def book_files(html: Path) -> list[Path]:
    """Every file of one language's built book, sorted, without the other languages' books."""
    nested = nested_books(html)
    return sorted(
        (p for p in html.rglob("*") if p.is_file() and p.relative_to(html).parts[0] not in nested),
        key=lambda p: p.relative_to(html).as_posix(),
    )
