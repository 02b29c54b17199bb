"""The whole book of one language as one ZIP, to read with no network from file:// (every page,
the search, the self-checks, the exercises and the field cards' PDFs). The same book gives the same
bytes: entries sorted, fixed timestamps and permissions."""

from __future__ import annotations

import zipfile
from importlib.metadata import version
from pathlib import Path

# Sphinx's record of its config (this checkout's paths) is not part of the book.
LEFT_OUT = {".buildinfo"}
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def zip_name(language: str) -> str:
    return f"frontline-{version('frontline')}-{language}"


def write_offline_zip(html: Path, folder: Path, language: str = "en") -> Path:
    """`folder/frontline-<version>-<language>.zip`, one top folder of the same name inside."""
    name = zip_name(language)
    target = folder / f"{name}.zip"
    folder.mkdir(parents=True, exist_ok=True)
    files = sorted(
        (p.relative_to(html).as_posix(), p)
        for p in html.rglob("*")
        if p.is_file() and p.relative_to(html).as_posix() not in LEFT_OUT
    )
    with zipfile.ZipFile(target, "w") as z:
        for rel, path in files:
            info = zipfile.ZipInfo(f"{name}/{rel}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, path.read_bytes(), compresslevel=9)
    return target


def human_size(size: int) -> str:
    return f"{size / 1048576:.1f} MB"
