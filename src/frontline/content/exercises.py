"""Sorting exercises: facts of a fictional scenario, each to be put into one category."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..paths import Project
from .data_catalogs import DEFAULT_ANSWER_LABEL, load_localized


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str = Field(min_length=3)
    category: str
    why: str = Field(min_length=3)


class Exercise(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    instructions: str
    scenario: str | None = None
    categories: list[str] = Field(min_length=2)
    answer_label: str = Field(DEFAULT_ANSWER_LABEL, description="heading of the answer column, e.g. Element")
    facts: list[Fact] = Field(min_length=2)

    @model_validator(mode="after")
    def _facts_use_known_categories(self):
        for fact in self.facts:
            if fact.category not in self.categories:
                raise ValueError(f"fact {fact.text!r} has unknown category {fact.category!r}")
        return self


def exercise_path(project: Project, exercise_id: str) -> Path:
    return project.exercises / f"{exercise_id}.yaml"


def load_exercise(exercise_id: str, project: Project | None = None, lang: str | None = None) -> Exercise:
    """The exercise, its text in `lang` (default: the source language) from the language's catalog
    (frontline.content.data_catalogs); English where a string is not translated yet."""
    project = project or Project.here()
    return load_localized(project, exercise_path(project, exercise_id), Exercise, lang)
