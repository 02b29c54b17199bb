"""The whole book of one language as one ZIP, to read with no network from file:// (every page,
the search, the self-checks, the exercises and the field cards' PDFs). The same book gives the same
bytes: entries sorted, fixed timestamps and permissions."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from ..files import zip_bytes
from ..paths import book_files

# Sphinx's record of its config (this checkout's paths) is not part of the book.
LEFT_OUT = {".buildinfo"}


def zip_name(language: str) -> str:
    return f"frontline-{version('frontline')}-{language}"


def write_offline_zip(html: Path, folder: Path, language: str = "en") -> Path:
    """`folder/frontline-<version>-<language>.zip`, one top folder of the same name inside."""
    name = zip_name(language)
    target = folder / f"{name}.zip"
    folder.mkdir(parents=True, exist_ok=True)
    # One language per ZIP: another language's book in a folder of this one stays out.
    files = sorted(
        (p.relative_to(html).as_posix(), p)
        for p in book_files(html)
        if p.relative_to(html).as_posix() not in LEFT_OUT
    )
    target.write_bytes(zip_bytes((f"{name}/{rel}", path.read_bytes()) for rel, path in files))
    return target


def human_size(size: int) -> str:
    return f"{size / 1048576:.1f} MB"
