"""Read a module notebook (MyST Markdown via jupytext) into the parts the module standard names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jupytext

from ..errors import FrontlineError
from ..paths import Project

TITLE = re.compile(r"^# ([A-Z]{1,3}\d+)\. (.+)$", re.M)
HEADING = re.compile(r"^## (.+?)\s*$", re.M)
OBJECTIVE = re.compile(r"^- \*\*([A-Z]{1,3}\d+\.\d+)\*\*\s+(.+)$", re.M)
SELF_CHECK = re.compile(r"^```\{self-check\}\s+(\S+)\s*$", re.M)
CITE = re.compile(r"\{cite(?::[pt])?\}`([^`]+)`")
CASE_STUDY = re.compile(r"^:{3,}\{admonition\} Case study \(fictional\)\s*\n:class: case-study", re.M)
CALL = re.compile(r"^(sorting_exercise|chart)\(\"([a-z0-9-]+)\"\)\s*$", re.M)

REQUIRED_SECTIONS = [
    "Learning objectives",
    "Case study",
    "Self-check",
    "Key points",
    "Further reading",
]


@dataclass
class CodeCell:
    source: str
    tags: list[str]
    metadata: dict


@dataclass
class Module:
    path: Path
    id: str
    title: str
    sections: list[str] = field(default_factory=list)
    objectives: dict[str, str] = field(default_factory=dict)
    self_checks: list[str] = field(default_factory=list)
    citations: set[str] = field(default_factory=set)
    code: list[CodeCell] = field(default_factory=list)
    has_case_study: bool = False
    markdown: str = ""  # every markdown cell, in order: what slides and cards are cut from
    metadata: dict = field(default_factory=dict)

    def calls(self, function: str) -> list[str]:
        """Ids passed to `sorting_exercise(...)` or `chart(...)` in the module's code cells."""
        return [i for c in self.code for f, i in CALL.findall(c.source) if f == function]

    def code_cells_calling(self, function: str) -> list[CodeCell]:
        return [c for c in self.code if any(f == function for f, _ in CALL.findall(c.source))]


def section(markdown: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    return match.group(1) if match else ""


def read_module(path: Path) -> Module:
    try:
        nb = jupytext.read(path)
    except Exception as err:  # jupytext raises many types for malformed files
        raise FrontlineError(f"cannot read as a MyST notebook: {err}", path) from None
    markdown = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    title = TITLE.search(markdown)
    if not title:
        raise FrontlineError("no title of the form '# FR1. Title'", path)
    module = Module(
        path=path, id=title.group(1), title=title.group(2), metadata=dict(nb.metadata), markdown=markdown
    )
    module.sections = HEADING.findall(markdown)
    module.objectives = dict(OBJECTIVE.findall(section(markdown, "Learning objectives")))
    module.self_checks = SELF_CHECK.findall(markdown)
    module.has_case_study = bool(CASE_STUDY.search(markdown))
    for cell in nb.cells:
        module.citations.update(k.strip() for m in CITE.findall(cell.source) for k in m.split(","))
        if cell.cell_type == "code":
            module.code.append(
                CodeCell(cell.source, list(cell.metadata.get("tags", [])), dict(cell.metadata))
            )
    return module


def module_paths(project: Project) -> list[Path]:
    return sorted(project.modules.glob("*/*.md"))


def read_modules(project: Project) -> list[Module]:
    return [read_module(p) for p in module_paths(project)]
