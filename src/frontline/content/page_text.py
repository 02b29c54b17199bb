"""A page's Markdown in another language, piece by piece from the page's own catalog: the pieces
Sphinx extracts (each paragraph, list item, heading and table cell) looked up by their Markdown
source. Field cards, slides and workshop packs are cut from a module's Markdown; in another
language they are cut from this translation, so they say what the translated page says."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from ..markdown import markdown
from ..paths import Project
from .catalogs import finished
from .languages import source_language
from .modules import OBJECTIVE, TITLE, Module, section

# What opens a block's first line before its text: quote marks, a list marker, a heading's hashes.
LEAD = re.compile(r"^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+)?(?:#{1,6}\s+)?")
DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
CELL_SPLIT = re.compile(r"(?<!\\)\|")
FENCE_LINE = re.compile(r"^\s*(?::{3,}|`{3,})")
DIRECTIVE_LINE = re.compile(r"^\s*(?::{3,}|`{3,})|^\s*:[a-z-]+:")


def _msgid(source: str) -> str:
    """A piece's msgid as Sphinx writes it: its Markdown source on one line."""
    return source.replace("\n", " ").strip()


def _row(line: str, translate) -> str:
    cells = CELL_SPLIT.split(line.strip().removeprefix("|").removesuffix("|"))
    done = [CELL_SPLIT.sub(r"\\|", translate(cell.strip()) or cell.strip()) for cell in cells]
    return "| " + " | ".join(done) + " |"


def translate_markdown(body: str, translate: Callable[[str], str | None]) -> str:
    """`body` with each piece Sphinx extracts replaced by `translate(msgid)`, the Markdown around
    it (list markers, headings, table rules) kept: a translated piece is written on one line. A
    piece `translate` has no text for (None) stays as written, lines and all, so that a directive's
    fence or options, which are no text of the page, are never joined into one line."""
    lines = body.splitlines()
    out: list[str | None] = list(lines)
    tokens = markdown().parse(body)
    for n, tok in enumerate(tokens):
        if tok.type in ("paragraph_open", "heading_open") and tok.map:
            start, end = tok.map
            content = tokens[n + 1].content.split("\n")
            # A directive's fence and options written against its first paragraph are no text.
            while content and DIRECTIVE_LINE.match(content[0]) and start < end:
                content, start = content[1:], start + 1
            while content and FENCE_LINE.match(content[-1]) and start < end:
                content, end = content[:-1], end - 1
            text = translate(_msgid("\n".join(content))) if content else None
            if text is None:
                continue
            text = text.replace("\n", " ")
            lead = LEAD.match(lines[start])
            out[start] = (lead.group(0) if lead else "") + text
            for i in range(start + 1, end):
                out[i] = None
        elif tok.type == "table_open" and tok.map:
            for i in range(*tok.map):
                if lines[i].strip() and not DELIMITER_ROW.match(lines[i]):
                    out[i] = _row(lines[i], translate)
    return "\n".join(line for line in out if line is not None) + "\n"


def localized_module(project: Project, module: Module, lang: str | None) -> Module:
    """The module with its title, headings, objectives and Markdown in `lang` (None or the source
    language: the module as it is); a piece not translated yet stays in the source language.
    `sections` keep their order, so the n-th heading of one language is the n-th of the other."""
    if lang in (None, source_language(project).code):
        return module
    document = module.path.relative_to(project.root).with_suffix("").as_posix()
    done = finished(project, lang, document)
    text = translate_markdown(module.markdown, done.get)
    title = TITLE.search(text)
    sections = [done.get(h, h) for h in module.sections]
    objectives_heading = dict(zip(module.sections, sections, strict=True)).get("Learning objectives", "")
    objectives = dict(OBJECTIVE.findall(section(text, objectives_heading)))
    return dataclasses.replace(
        module,
        title=title.group(2) if title else module.title,
        sections=sections,
        objectives={o: objectives.get(o, english) for o, english in module.objectives.items()},
        markdown=text,
    )
