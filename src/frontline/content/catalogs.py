"""The translation catalogs (locale/<lang>/LC_MESSAGES/*.po) as numbers: for each document, how many
strings are translated, fuzzy (the source changed since) and missing. `frontline translate` prints
them and `frontline check` fails on a published language that is not complete."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import FrontlineError
from ..paths import Project
from ..yamlfile import read_yaml
from .data_catalogs import documents
from .languages import catalog_folder

# Catalogs that are not a page of the book: the interface's words and the theme's missing ones.
EXTRA = ("frontline", "sphinx")


@dataclass(frozen=True)
class Coverage:
    document: str  # e.g. book/index, or frontline (the interface), sphinx (the theme)
    path: Path
    total: int
    translated: int
    fuzzy: int

    @property
    def missing(self) -> int:
        return self.total - self.translated - self.fuzzy

    @property
    def complete(self) -> bool:
        return self.translated == self.total


def toc_documents(project: Project) -> list[str]:
    """The book's documents in table-of-contents order (root first), without their suffix."""
    toc = read_yaml(project.root / "_toc.yml")
    if not isinstance(toc, dict) or "root" not in toc:
        raise FrontlineError("no root document", project.root / "_toc.yml")
    found = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if isinstance(entry, dict):
                if "file" in entry:
                    found.append(entry["file"])
                walk(entry.get("chapters"))
                walk(entry.get("sections"))
                walk(entry.get("parts"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return [document_name(d) for d in found]


def document_name(file: str) -> str:
    """A `_toc.yml` file entry as Sphinx names the document: without its suffix."""
    return str(Path(file).with_suffix("")) if Path(file).suffix in {".md", ".ipynb"} else str(file)


def read_catalog(path: Path):
    from babel.messages.pofile import PoFileError, read_po

    try:
        with path.open("rb") as f:
            return read_po(f, abort_invalid=True)
    except (PoFileError, ValueError) as err:
        raise FrontlineError(f"not a valid gettext catalog: {err}", path) from None


def coverage(path: Path, document: str) -> Coverage:
    catalog = read_catalog(path)
    messages = [m for m in catalog if m.id]
    translated = sum(1 for m in messages if m.string and not m.fuzzy)
    fuzzy = sum(1 for m in messages if m.fuzzy)
    return Coverage(document, path, len(messages), translated, fuzzy)


def language_coverage(project: Project, lang: str) -> list[Coverage | str]:
    """One entry per document of the book, per extra catalog and per YAML file of text (the question
    bank and the exercises: `_data/...`); a document with no catalog yet is its name alone (run
    `frontline translate`)."""
    folder = catalog_folder(project, lang)
    found: list[Coverage | str] = []
    for document in [*toc_documents(project), *EXTRA, *documents(project)]:
        path = folder / f"{document}.po"
        found.append(coverage(path, document) if path.is_file() else document)
    return found


def finished(project: Project, lang: str, document: str) -> dict[str, str]:
    """msgid -> msgstr for the strings of one document's catalog that are translated and not fuzzy
    (what Sphinx compiles into the book); empty when the document has no catalog in `lang`."""
    path = catalog_folder(project, lang) / f"{document}.po"
    if not path.is_file():
        return {}
    return {
        m.id: m.string
        for m in read_catalog(path)
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string and not m.fuzzy
    }
