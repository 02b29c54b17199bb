"""Writing generated files: safely, and the same bytes for the same content."""

from __future__ import annotations

import csv
import io
import os
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
