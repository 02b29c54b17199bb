"""Writing generated files: safely, and the same bytes for the same content."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Iterable
from pathlib import Path


def atomic_write(path: Path, text: str) -> bool:
    """Write beside, then rename: a grader killed mid-write never leaves half a file. Unchanged
    content is left alone (False), so a re-run touches nothing it does not have to."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return True


def csv_text(header: list[str], rows: list[list[object]]) -> str:
    """CSV with "\n" line ends on every platform, so exports compare byte for byte."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: no build date leaks in


def zip_bytes(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip whose bytes depend only on its entries, in the order given: a fixed date, regular-file
    permissions 0644, deflated. Every package the project writes (SCORM, QTI, PPTX, the offline book)
    uses it, so the same sources give the same download."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=9)
    return out.getvalue()
