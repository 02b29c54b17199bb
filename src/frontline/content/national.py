"""National adaptation: the one file (national.yaml) where a country names its own law, referral
mechanism and contacts. The book and the field cards use these values as MyST substitutions."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..paths import Project
from ..yamlfile import load_model

PLACEHOLDER = re.compile(r"^\[[^\]]+\]$")
SUBSTITUTION = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    role: str = Field(min_length=3)
    name: str = Field(min_length=1)
    phone: str = Field(min_length=1)


class National(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    country: str = Field(min_length=1)
    national_law: str = Field(min_length=1)
    referral_mechanism: str = Field(min_length=1)
    specialist_unit: str = Field(min_length=1)
    hotline: str = Field(min_length=1)
    emergency_number: str = Field(min_length=1)
    child_protection: str = Field(min_length=1)
    contacts: list[Contact] = Field(min_length=1)

    def substitutions(self) -> dict[str, str]:
        """The values modules and cards may name as {{ key }}."""
        return {k: v for k, v in self.model_dump().items() if isinstance(v, str)}

    @property
    def is_placeholder(self) -> bool:
        return any(PLACEHOLDER.match(v) for v in self.substitutions().values())


def national_path(project: Project) -> Path:
    return project.root / "national.yaml"


def load_national(project: Project) -> National:
    return load_model(national_path(project), National)


def substitute(text: str, national: National) -> str:
    """Replace {{ key }} with the national value; an unknown key is left for the checks to report."""
    values = national.substitutions()
    return SUBSTITUTION.sub(lambda m: values.get(m.group(1), m.group(0)), text)
