"""What a built page makes a browser fetch before the learner does anything, and from where."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

IMAGE = re.compile(r"\.(png|jpe?g|gif|svg|webp|ico)$", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.refs.append(("script", a["src"]))
        elif tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower()
            if "stylesheet" in rel or "preload" in rel or "icon" in rel or "modulepreload" in rel:
                self.refs.append(("stylesheet" if "stylesheet" in rel else rel, a["href"]))
        elif tag in {"img", "source", "iframe", "video", "audio", "embed"} and a.get("src"):
            self.refs.append((tag, a["src"]))


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme in {"http", "https"} or url.startswith("//"))


@dataclass
class PageWeight:
    page: Path
    files: dict[Path, int] = field(default_factory=dict)
    external: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.files.values())


def _local(page: Path, url: str) -> Path:
    return (page.parent / urlsplit(url).path).resolve()


def weigh(page: Path) -> PageWeight:
    """Bytes of the page and everything it loads up front (scripts, stylesheets and what those
    stylesheets import), images excluded; external references are listed, not fetched."""
    result = PageWeight(page)
    result.files[page.resolve()] = page.stat().st_size
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    queue = list(parser.refs)
    while queue:
        kind, url = queue.pop()
        if url.startswith("data:"):
            continue
        if is_external(url):
            result.external.append(url)
            continue
        if IMAGE.search(urlsplit(url).path) or kind in {"img", "icon"}:
            continue
        path = _local(page, url)
        if path in result.files:
            continue
        if not path.is_file():
            result.missing.append(url)
            continue
        result.files[path] = path.stat().st_size
        if path.suffix == ".css":
            for inner in CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace")):
                if is_external(inner):
                    result.external.append(inner)
                elif not inner.startswith(("data:", "#")):
                    target = path.parent / urlsplit(inner).path
                    queue.append(("css-url", os.path.relpath(target, page.parent)))
    return result
