"""National adaptation: the one file (national.yaml) where a country names its own law, referral
mechanism and contacts. The book and the field cards use these values as MyST substitutions.

A text value is a plain string (every language) or one string per language, e.g.
`specialist_unit: {en: Counter-Trafficking Unit, fr: Brigade de lutte contre la traite}`. The
pages' catalogs hold `{{ specialist_unit }}` itself, never the value, so a country that edits
this file changes no catalog; each language's build fills in that language's value."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..paths import Project
from ..yamlfile import load_model
from .localized import Text, missing, pick

PLACEHOLDER = re.compile(r"^\[[^\]]+\]$")
SUBSTITUTION = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    role: Text
    name: Text
    phone: Text


class National(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    country: Text
    national_law: Text
    referral_mechanism: Text
    specialist_unit: Text
    hotline: Text
    emergency_number: Text
    child_protection: Text
    contacts: list[Contact] = Field(min_length=1)
    # The language substitutions() gives when none is named: the book's source language.
    source: str = Field(default="en", exclude=True)

    def substitutions(self, lang: str | None = None) -> dict[str, str]:
        """The values modules and cards may name as {{ key }}, in `lang` (default: the source)."""
        lang = lang or self.source
        return {
            k: pick(v, lang, self.source)
            for k, v in self.model_dump(exclude={"contacts", "source"}).items()
            if isinstance(v, str | dict)
        }

    def missing(self, langs: list[str]) -> list[str]:
        """`key: lang` for every per-language value that lacks one of `langs`."""
        found = [
            f"{k}: {lang}"
            for k, v in self.model_dump(exclude={"contacts", "source"}).items()
            for lang in missing(v, langs)
        ]
        for n, c in enumerate(self.contacts, start=1):
            found += [
                f"contacts[{n}].{k}: {lang}"
                for k in ("role", "name")
                for lang in missing(getattr(c, k), langs)
            ]
        return found

    @property
    def is_placeholder(self) -> bool:
        return any(PLACEHOLDER.match(v) for v in self.substitutions().values())


def national_path(project: Project) -> Path:
    return project.root / "national.yaml"


def load_national(project: Project) -> National:
    return load_model(national_path(project), National)


def substitute(text: str, national: National, lang: str | None = None) -> str:
    """Replace {{ key }} with the national value in `lang`; an unknown key is left for the checks."""
    values = national.substitutions(lang)
    return SUBSTITUTION.sub(lambda m: values.get(m.group(1), m.group(0)), text)
