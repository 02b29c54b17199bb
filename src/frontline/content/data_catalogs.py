"""Catalogs for the text that lives in YAML: the question bank (quizzes and self-checks), the sorting
exercises, the workshop kits and activities, the observation checklists and the slides' trainer's
notes. One gettext catalog per source file,
`locale/<lang>/LC_MESSAGES/_data/<source path without .yaml>.po`, filled like a page's catalog.

Each message has msgctxt `<item id>.<field>[.<key>]` (`fr1-sc-01.options.B`, `vi-03.question`,
`fr1-sort-the-facts.facts.2.why`) and msgid = the English text: Babel marks a translation fuzzy
when its English changes, and the same English in two items is translated separately. Only text
is translated; ids, option letters, answers, points, types, objectives and band names are the
same in every language, so a French and an English submission with the same choices get the same
score; a kit's days, sessions, minutes and activities, a checklist's levels and a slide's minutes
are the source file's in every language, so they cannot drift apart. One list of text fields
(`_fields`) serves both sides: extracting the strings (`messages`) and putting a language's
strings into the data before it is validated (`localize`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from ..errors import FrontlineError
from ..paths import Project
from ..yamlfile import Model, read_mapping, validate
from .languages import Language, catalog_folder, language, languages_path, source_language

FOLDER = "_data"  # under locale/<lang>/LC_MESSAGES/
# An exercise's answer column heading when its file gives none: translated like a written one.
DEFAULT_ANSWER_LABEL = "Category"

Path_ = tuple  # keys from the top of a YAML document down to one text value

# Text fields, in the order a translator meets them in the file.
ITEM_TEXT = ("scenario", "question")
ITEM_TEXT_AFTER = ("explanation", "review", "model_answer")  # graded items only


# Folders under assets/ whose files are translated, and the kind of text each holds.
ASSET_KINDS = {"kits": "kit", "activities": "activity", "checklists": "checklist", "slides": "slides"}
NOT_TEXT = {"rules.yaml"}  # assets/kits/rules.yaml: numbers and a note for authors


def sources(project: Project) -> list[Path]:
    """Every YAML file whose text is translated: the bank's quizzes and self-checks, the exercises,
    the workshop kits, activities, checklists and slide notes."""
    assets = [
        path
        for folder in ASSET_KINDS
        for path in sorted((project.root / "assets" / folder).glob("*.yaml"))
        if path.name not in NOT_TEXT
    ]
    return [
        *sorted(project.quizzes.glob("*.yaml")),
        *sorted(project.self_checks.glob("*.yaml")),
        *sorted(project.exercises.glob("*.yaml")),
        *assets,
    ]


def document(project: Project, source: Path) -> str:
    """The catalog's name, as the coverage table shows it: `_data/assessments/bank/quizzes/x`."""
    return f"{FOLDER}/{source.relative_to(project.root).with_suffix('').as_posix()}"


def documents(project: Project) -> list[str]:
    return [document(project, source) for source in sources(project)]


def catalog_path(project: Project, lang: str, source: Path) -> Path:
    return catalog_folder(project, lang) / f"{document(project, source)}.po"


def _key(key: object) -> str:
    # YAML reads `true:` and `false:` as booleans; the context says true and false.
    return str(key).lower() if isinstance(key, bool) else str(key)


def _item_fields(item: dict) -> Iterator[tuple[str, Path_]]:
    for name in ITEM_TEXT:
        yield name, (name,)
    for name in ("options", "feedback"):
        if isinstance(item.get(name), dict):
            for key in item[name]:
                yield f"{name}.{_key(key)}", (name, key)
    for name in ITEM_TEXT_AFTER:
        yield name, (name,)
    for n, criterion in enumerate(item.get("rubric") or [], start=1):
        yield f"rubric.{n}.criterion", ("rubric", n - 1, "criterion")
        if isinstance(criterion, dict) and isinstance(criterion.get("levels"), dict):
            for mark in criterion["levels"]:
                yield f"rubric.{n}.levels.{mark}", ("rubric", n - 1, "levels", mark)
    for n, _ in enumerate(item.get("samples") or [], start=1):
        yield f"samples.{n}.answer", ("samples", n - 1, "answer")
        yield f"samples.{n}.why", ("samples", n - 1, "why")


def _listed(data: dict, name: str) -> list:
    value = data.get(name)
    return value if isinstance(value, list) else []


def _kit_fields(data: dict) -> Iterator[tuple[str, Path_]]:
    own = str(data.get("id", ""))
    for name in ("title", "audience", "participants", "room", "preparation"):
        yield f"{own}.{name}", (name,)
    for i, member in enumerate(_listed(data, "staff")):
        if isinstance(member, dict):
            for name in ("name", "does"):
                yield f"{own}.staff.{member.get('id', i + 1)}.{name}", ("staff", i, name)
    for d, day in enumerate(_listed(data, "days")):
        if not isinstance(day, dict):
            continue
        where = f"{own}.days.{d + 1}"
        yield f"{where}.title", ("days", d, "title")
        for s, session in enumerate(_listed(day, "sessions")):
            if not isinstance(session, dict):
                continue
            at = ("days", d, "sessions", s)
            for name in ("title", "method", "notes"):
                yield f"{where}.sessions.{s + 1}.{name}", (*at, name)
            for m, _ in enumerate(_listed(session, "materials")):
                yield f"{where}.sessions.{s + 1}.materials.{m + 1}", (*at, "materials", m)
            for who in session.get("staff") or {}:
                yield f"{where}.sessions.{s + 1}.staff.{who}", (*at, "staff", who)


def _activity_fields(data: dict) -> Iterator[tuple[str, Path_]]:
    own = str(data.get("id", ""))
    for name in ("title", "group", "fictional", "scenario"):
        yield f"{own}.{name}", (name,)
    for n, _ in enumerate(_listed(data, "roles"), start=1):
        yield f"{own}.roles.{n}.role", ("roles", n - 1, "role")
        yield f"{own}.roles.{n}.brief", ("roles", n - 1, "brief")
    for n, _ in enumerate(_listed(data, "questions"), start=1):
        yield f"{own}.questions.{n}", ("questions", n - 1)
    for name in ("facilitator_notes", "answer_key"):
        yield f"{own}.{name}", (name,)


def _checklist_fields(data: dict) -> Iterator[tuple[str, Path_]]:
    own = str(data.get("id", ""))
    for name in ("title", "use"):
        yield f"{own}.{name}", (name,)
    for n, area in enumerate(_listed(data, "areas"), start=1):
        yield f"{own}.areas.{n}.area", ("areas", n - 1, "area")
        yield f"{own}.areas.{n}.what", ("areas", n - 1, "what")
        for level in (area.get("levels") or {}) if isinstance(area, dict) else {}:
            yield f"{own}.areas.{n}.levels.{level}", ("areas", n - 1, "levels", level)
    yield f"{own}.pass_rule", ("pass_rule",)


def _slide_fields(data: dict) -> Iterator[tuple[str, Path_]]:
    # `slide` names the module's section (in the source language): the deck finds the translated
    # heading through the module page's own catalog, so only what the trainer says is here.
    own = str(data.get("module", ""))
    for n, _ in enumerate(_listed(data, "slides"), start=1):
        for name in ("say", "ask", "safety"):
            yield f"{own}.{n}.{name}", ("slides", n - 1, name)


ASSET_FIELDS = {
    "kit": _kit_fields,
    "activity": _activity_fields,
    "checklist": _checklist_fields,
    "slides": _slide_fields,
}


def _fields(data: dict, kind: str) -> Iterator[tuple[str, Path_]]:
    """(context, path) of every text value of one file's data; `kind` is quiz, self-check,
    exercise, or one of ASSET_KINDS' values."""
    if kind in ASSET_FIELDS:
        yield from ASSET_FIELDS[kind](data)
        return
    if kind == "exercise":
        data.setdefault("answer_label", DEFAULT_ANSWER_LABEL)
        own = str(data.get("id", ""))
        for name in ("title", "instructions", "scenario", "answer_label"):
            yield f"{own}.{name}", (name,)
        for n, _ in enumerate(data.get("categories") or [], start=1):
            yield f"{own}.categories.{n}", ("categories", n - 1)
        for n, _ in enumerate(data.get("facts") or [], start=1):
            yield f"{own}.facts.{n}.text", ("facts", n - 1, "text")
            yield f"{own}.facts.{n}.why", ("facts", n - 1, "why")
        return
    if kind == "quiz":
        yield f"{data.get('id', '')}.title", ("title",)
        yield f"{data.get('id', '')}.instructions", ("instructions",)
    for i, item in enumerate(data.get("items") or []):
        if isinstance(item, dict):
            for context, path in _item_fields(item):
                yield f"{item.get('id', i + 1)}.{context}", ("items", i, *path)


def _get(data: object, path: Path_) -> object:
    for key in path:
        try:
            data = data[key]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _set(data: object, path: Path_, value: str) -> None:
    for key in path[:-1]:
        data = data[key]  # type: ignore[index]
    data[path[-1]] = value  # type: ignore[index]


def kind_of(project: Project, source: Path) -> str:
    if source.parent == project.exercises:
        return "exercise"
    if source.parent.parent == project.root / "assets" and source.parent.name in ASSET_KINDS:
        return ASSET_KINDS[source.parent.name]
    return "quiz" if source.parent == project.quizzes else "self-check"


def messages(data: dict, kind: str) -> list[tuple[str, str]]:
    """(context, English text) of every text value, in file order."""
    found = []
    for context, path in _fields(data, kind):
        text = _get(data, path)
        if isinstance(text, str) and text.strip():
            found.append((context, text))
    return found


@cache
def _read(path: Path, stamp: float) -> dict[tuple[str, str], str]:
    from babel.messages.pofile import PoFileError, read_po

    try:
        with path.open("rb") as f:
            catalog = read_po(f, abort_invalid=True)
    except (PoFileError, ValueError) as err:
        raise FrontlineError(f"not a valid gettext catalog: {err}", path) from None
    return {
        (str(m.context or ""), m.id): m.string
        for m in catalog
        if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string and not m.fuzzy
    }


def translations(path: Path) -> dict[tuple[str, str], str]:
    """(context, English) -> the finished translation (neither empty nor fuzzy) in one catalog."""
    return _read(path, path.stat().st_mtime_ns) if path.is_file() else {}


def localize(data: dict, kind: str, done: dict[tuple[str, str], str], where: Path) -> dict:
    """The data with every translated text in place; English where a string has no finished
    translation (only a draft language is ever shown so: `frontline check` fails on a published
    one). A fact's category follows its category's translation, so the answers stay the same."""
    if not done:
        return data
    renamed: dict[str, str] = {}
    for context, path in _fields(data, kind):
        english = _get(data, path)
        if isinstance(english, str) and (context, english) in done:
            _set(data, path, done[(context, english)])
            if path[0] == "categories":
                renamed[english] = done[(context, english)]
    if renamed:
        if len(set(data["categories"])) != len(data["categories"]):
            raise FrontlineError(f"{data.get('id')}: two categories have the same translation", where)
        for fact in data.get("facts") or []:
            if isinstance(fact, dict) and fact.get("category") in renamed:
                fact["category"] = renamed[fact["category"]]
    return data


def localized_data(project: Project, source: Path, data: dict, lang: str | None) -> tuple[dict, Path | None]:
    """One file's data in `lang` (None: the source language, as it is), and the catalog it came from."""
    if lang is None:
        return data, None
    path = catalog_path(project, lang, source)
    return localize(data, kind_of(project, source), translations(path), path), path


def load_localized(project: Project, path: Path, model: type[Model], lang: str | None = None) -> Model:
    """A translated YAML file as its model, its text in `lang` (None or the source language: as
    written); English where a string is not translated yet. An error names the catalog too."""
    lang = None if lang in (None, source_language(project).code) else lang
    data, catalog = localized_data(project, path, read_mapping(path), lang)
    return validate(data, model, path, f" (with the translation in {catalog})" if catalog else "")


def edition_holding(project: Project, code: str, source: Path, what: str) -> Language:
    """The published language `code` whose edition holds `source`'s text (the tools that write a
    kit's packs or a module's deck in a translation ask this first); a one-line error otherwise."""
    lang = language(project, code)
    if not lang.published:
        raise FrontlineError(f"{lang.name} ({code}) is not a published language", languages_path(project))
    if not lang.covers(document(project, source)):
        raise FrontlineError(
            f"the {lang.name} edition does not hold {what} yet (its scope)", languages_path(project)
        )
    return lang
