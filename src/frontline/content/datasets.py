"""The data behind every figure. A dataset cannot load without a source, a date and a citation key."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..paths import Project
from ..yamlfile import load_model


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    reference: str = Field(min_length=3, description="key in book/references*.bib")
    publisher: str = Field(min_length=2)
    title: str = Field(min_length=3)
    published: int = Field(ge=1900, le=2100)
    accessed: dt.date
    locator: str = Field(min_length=1, description="page, table or section")
    url: str | None = None


class Point(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str
    value: float
    series: str | None = None


class Dataset(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    kind: Literal["bar", "grouped-bar", "line"]
    unit: str
    value_label: str
    source: Source
    notes: str | None = None
    data: list[Point] = Field(min_length=1)


def dataset_path(project: Project, dataset_id: str) -> Path:
    return project.data / f"{dataset_id}.yaml"


@cache
def _load(path: Path) -> Dataset:
    return load_model(path, Dataset)


def load_dataset(dataset_id: str, project: Project | None = None) -> Dataset:
    project = project or Project.here()
    return _load(dataset_path(project, dataset_id))
