"""Text that a data file may give per language: a plain string (the same in every language, e.g. a
phone number or a proper name) or a mapping from language code to text. National values
(national.yaml) and figure strings (assets/data) use it, so a country or a translator adds a
language to a value without changing its key, and no page's catalog depends on the value."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

# A value for every language, or one per language code ({en: ..., fr: ...}).
Text = (
    Annotated[str, Field(min_length=1)]
    | dict[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")], Annotated[str, Field(min_length=1)]]
)


def pick(text: Text, lang: str, source: str = "en") -> str:
    """The text in `lang`; the source language's where `lang` has none (only a draft language
    is ever built so: `frontline check` asks every published language of every value)."""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get(source) or next(iter(text.values()))


def missing(text: Text, langs: list[str]) -> list[str]:
    """The languages of `langs` that a per-language value does not give."""
    return [] if isinstance(text, str) else [lang for lang in langs if lang not in text]
