"""The book's languages (locale/languages.yaml): the source language, its translations and which of
them are published. Every build, catalog and check asks here rather than naming a language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from ..errors import FrontlineError
from ..paths import Project
from ..yamlfile import read_yaml

CODE = re.compile(r"^[a-z]{2,3}$")
# The language a kernel writes figures and exercises in; `frontline build` sets it for each build.
ENVIRONMENT = "FRONTLINE_LANGUAGE"


# Catalogs every edition needs whatever its scope: the interface's words and the theme's.
ALWAYS = ("frontline", "sphinx")


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself: what the switcher shows
    published: bool
    source: bool
    # The documents and text files this edition holds, as patterns (`modules/first-responder/*`,
    # `_data/assessments/bank/self-check/fr*`); None: the whole book. A translation can be
    # published part by part: what is outside its scope is not built in that language, and its
    # pages link to the source language's page instead.
    scope: tuple[str, ...] | None = None

    def covers(self, document: str) -> bool:
        return self.scope is None or document in ALWAYS or any(fnmatchcase(document, p) for p in self.scope)


def languages_path(project: Project) -> Path:
    return project.root / "locale" / "languages.yaml"


def load_languages(project: Project) -> list[Language]:
    """Every language, the source first. A project without locale/languages.yaml is English only."""
    path = languages_path(project)
    if not path.is_file():
        return [Language("en", "English", True, True)]
    data = read_yaml(path)
    if not isinstance(data, dict) or not data:
        raise FrontlineError("must map language codes to {name, published}", path)
    found = []
    for n, (code, entry) in enumerate(data.items()):
        if not CODE.match(str(code)):
            raise FrontlineError(f"{code!r} is not a two- or three-letter language code", path, str(code))
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise FrontlineError("needs a name (in the language itself)", path, str(code))
        published = entry.get("published", False)
        if not isinstance(published, bool):
            raise FrontlineError("published must be true or false", path, str(code))
        if n == 0 and not published:
            raise FrontlineError("the first language is the source and is always published", path, str(code))
        scope = entry.get("scope")
        patterns = isinstance(scope, list) and scope and all(isinstance(x, str) and x for x in scope)
        if scope is not None and (n == 0 or not patterns):
            message = "scope must be a list of document patterns (the source language has none)"
            raise FrontlineError(message, path, str(code))
        found.append(Language(str(code), entry["name"], published, n == 0, tuple(scope) if scope else None))
    return found


def source_language(project: Project) -> Language:
    return load_languages(project)[0]


def language(project: Project, code: str) -> Language:
    for lang in load_languages(project):
        if lang.code == code:
            return lang
    known = ", ".join(lang.code for lang in load_languages(project))
    raise FrontlineError(f"no language {code!r} (the book has {known})", languages_path(project))


def translations(project: Project) -> list[Language]:
    """Every language but the source."""
    return load_languages(project)[1:]


def catalog_folder(project: Project, code: str) -> Path:
    return project.root / "locale" / code / "LC_MESSAGES"
