"""Trainer's notes for a module's slide deck (`assets/slides/<module>.yaml`). The slides' text comes from
the module itself; this file only chooses the slides, in order, and says what the trainer does with
each: what to say, what to ask, how long, and the safety reminder. So a change in the module changes
the deck, and the notes cannot point at a section the module no longer has (`frontline check`)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..paths import Project
from .data_catalogs import load_localized

# Slides that are not a section of the module: its title, objectives, case study, exercise, figure
# and key points. Any other `slide` value names one of the module's `##` headings.
KINDS = ("title", "objectives", "case", "exercise", "figure", "key-points")


class SlideNote(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    slide: str = Field(min_length=3)
    say: str = Field(min_length=10)
    ask: str | None = None
    minutes: int = Field(ge=1, le=30)
    safety: str | None = None


class SlideNotes(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    module: str = Field(pattern=r"^[A-Z]{1,3}\d+$")
    slides: list[SlideNote] = Field(min_length=3)

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.slides)


def notes_path(project: Project, module_id: str) -> Path:
    return project.root / "assets" / "slides" / f"{module_id.lower()}.yaml"


def load_notes(project: Project, module_id: str, lang: str | None = None) -> SlideNotes:
    """The notes, what the trainer says in `lang` (default: the source language) from their catalog."""
    return load_localized(project, notes_path(project, module_id), SlideNotes, lang)
