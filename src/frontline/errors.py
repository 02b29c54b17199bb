"""The one exception type a user's mistake raises; the CLI prints it as one line."""

from __future__ import annotations

from pathlib import Path


class FrontlineError(Exception):
    """A problem the user can fix: the message names the file, the item and what is wrong."""

    def __init__(self, message: str, path: Path | str | None = None, item: str | None = None):
        self.path = Path(path) if path is not None else None
        self.item = item
        self.detail = message
        where = []
        if self.path is not None:
            where.append(str(self.path))
        if item:
            where.append(f"item {item}")
        prefix = ": ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)
