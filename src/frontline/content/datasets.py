"""The data behind every figure. A dataset cannot load without a source, a date and a citation key."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..paths import Project
from ..yamlfile import load_model
from .localized import Text


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    reference: str = Field(min_length=3, description="key in book/references*.bib")
    publisher: Text
    title: Text  # as published; a French edition of a UN report has its own title
    published: int = Field(ge=1900, le=2100)
    accessed: dt.date
    locator: Text = Field(description="page, table or section")
    url: str | None = None


class Point(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label: Text
    value: float
    series: Text | None = None


class Dataset(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    # The strings a figure shows may be given per language ({en: ..., fr: ...}): see AUTHORING.md.
    title: Text
    kind: Literal["bar", "grouped-bar", "line"]
    unit: str
    value_label: Text
    source: Source
    notes: Text | None = None
    data: list[Point] = Field(min_length=1)


def dataset_path(project: Project, dataset_id: str) -> Path:
    return project.data / f"{dataset_id}.yaml"


@cache
def _load(path: Path) -> Dataset:
    return load_model(path, Dataset)


def load_dataset(dataset_id: str, project: Project | None = None) -> Dataset:
    project = project or Project.here()
    return _load(dataset_path(project, dataset_id))
