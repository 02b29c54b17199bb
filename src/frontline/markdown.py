"""Markdown as the course's own tools render it (feedback pages, field cards, workshop packs, reports):
CommonMark with tables, raw HTML off, so text from a data file can never inject markup."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def to_html(markdown_text: str) -> str:
    return markdown().render(markdown_text)
