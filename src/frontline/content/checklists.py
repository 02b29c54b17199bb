"""Observation checklists (`assets/checklists/<id>.yaml`): areas with an anchored description for every
level, so that two observers give the same score. The book and the workshop packs print them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..paths import Project
from .data_catalogs import load_localized


class Area(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    area: str = Field(min_length=3)
    what: str = Field(min_length=10)
    levels: dict[int, str]

    @model_validator(mode="after")
    def _every_level_anchored(self):
        if sorted(self.levels) != list(range(len(self.levels))) or len(self.levels) < 2:
            raise ValueError(f"levels must run 0, 1, 2 ... with no gap, not {sorted(self.levels)}")
        return self


class Checklist(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str = Field(min_length=5)
    use: str = Field(min_length=20)
    areas: list[Area] = Field(min_length=1)
    pass_rule: str = Field(min_length=20)

    def markdown(self, t: Callable[[str], str] = str) -> str:
        """The checklist as a Markdown table with a score column, for print and for the book; `t`
        gives the headings in the checklist's language (frontline.content.interface)."""
        top = max(len(a.levels) for a in self.areas) - 1
        levels = " | ".join(str(n) for n in range(top, -1, -1))
        head = f"| {t('Area')} | {levels} | {t('Score and example')} |"
        rule = "| --- " * (top + 3) + "|"
        rows = [
            f"| **{a.area}**: {a.what.strip()} | "
            + " | ".join(a.levels.get(n, "").strip() for n in range(top, -1, -1))
            + " |  |"
            for a in self.areas
        ]
        return "\n".join(
            [self.use.strip(), "", head, rule, *rows, "", f"**{t('Pass rule.')}** {self.pass_rule.strip()}"]
        )


def checklist_path(project: Project, checklist_id: str) -> Path:
    return project.root / "assets" / "checklists" / f"{checklist_id}.yaml"


def load_checklist(project: Project, checklist_id: str, lang: str | None = None) -> Checklist:
    """The checklist, its text in `lang` (default: the source language) from its catalog."""
    return load_localized(project, checklist_path(project, checklist_id), Checklist, lang)
