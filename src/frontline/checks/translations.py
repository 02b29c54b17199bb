"""The translations' part of `frontline check`: a published language fails on any missing or fuzzy
string (one line per document: the file, the counts and what to do); a draft language is reported
and does not fail; a French msgstr that uses a term listed as wrong in locale/<lang>/terms.yaml
gets a warning. A kit's, activity's, checklist's or slide note's translation keeps the numbers of
its English (minutes, counts, clock times, module codes), so the text cannot drift from the
timings that the source file fixes for every language."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..content.catalogs import Coverage, language_coverage, read_catalog
from ..content.languages import Language, catalog_folder, translations
from ..errors import FrontlineError
from ..paths import Project
from ..yamlfile import read_yaml


def _rel(project: Project, path: Path) -> Path:
    return path.relative_to(project.root) if path.is_relative_to(project.root) else path


def coverage_problems(project: Project, lang: Language) -> Iterator[str]:
    """One line per incomplete document of `lang`."""
    for row in language_coverage(project, lang.code):
        if not lang.covers(row if isinstance(row, str) else row.document):
            continue
        if isinstance(row, str):
            path = catalog_folder(project, lang.code) / f"{row}.po"
            yield f"{_rel(project, path)}: no catalog: run `frontline translate`"
        elif not row.complete:
            yield (
                f"{_rel(project, row.path)}: {row.missing} missing and {row.fuzzy} fuzzy of {row.total} "
                "strings: translate the empty ones, review the fuzzy ones (then remove their fuzzy flag)"
            )


# A translated review pointer quotes the page's translated headings, in the language's quotation marks
# (« ... ») or in the source's ('...').
# A heading that holds a quotation of its own nests one pair: « Pourquoi ... « Je suis une victime » ».
QUOTED_HEADING = re.compile(r"«\s*((?:[^«»]|«[^«»]*»)+?)\s*»(?!\s*»)|'([^']+)'")


def review_problems(project: Project, lang: Language) -> Iterator[str]:
    """A quiz item's review pointer, translated, names sections by their translated headings: each
    one it quotes must be a heading of that module's page in the language, as in English."""
    from ..content.bank import load_bank
    from ..content.catalogs import finished
    from ..content.data_catalogs import document
    from ..content.modules import read_modules

    if not project.bank.is_dir():
        return  # catalogs checked on their own, without the book they belong to
    modules = {m.id: m for m in read_modules(project)}
    bank = load_bank(project, lang.code)
    source = load_bank(project)
    folder = catalog_folder(project, lang.code)
    for quiz in bank.quizzes.values():
        catalog = document(project, bank.files[quiz.id])
        if not lang.covers(catalog):
            continue
        for item, english in zip(quiz.items, source.quiz(quiz.id).items, strict=True):
            if item.review == english.review:
                continue  # not translated yet: the coverage check names it
            module = modules.get(item.review.split(",", 1)[0].strip())
            if module is None:
                continue  # the source's own check names it
            name = module.path.relative_to(project.root).with_suffix("").as_posix()
            page = finished(project, lang.code, name)
            if not page:
                continue
            headings = {" ".join(page.get(h, h).split()) for h in module.sections}
            for pair in QUOTED_HEADING.findall(item.review):
                quoted = " ".join((pair[0] or pair[1]).split())
                if quoted not in headings:
                    yield (
                        f"{_rel(project, folder / (catalog + '.po'))}: item {item.id}: review names "
                        f"section {quoted!r}, which the {lang.name} page of {module.id} does not have"
                    )


# A clock time in either style (09:30, 9 h 30, 16 h 00); on the hour it reads as the bare hour, so
# that "16:00" and « 16 h » agree.
CLOCK = re.compile(r"(?<![\d.,])(\d{1,2})(?::|[ \u00a0\u202f]?h[ \u00a0\u202f]?)(\d{2})(?!\d)")
THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?![\d,.]\d)")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# The catalogs whose text sits beside fixed timings: kits, activities, checklists, slide notes.
TIMED = ("_data/assets/kits/", "_data/assets/activities/", "_data/assets/checklists/", "_data/assets/slides/")


def _clock(m: re.Match) -> str:
    hour = m.group(1).lstrip("0") or "0"
    return hour if m.group(2) == "00" else f"{hour}:{m.group(2)}"


def numbers(text: str) -> Counter[str]:
    """The numbers a text states, written the same way whatever the language's style."""
    text = CLOCK.sub(_clock, text)
    text = THOUSANDS.sub(lambda m: re.sub(r"\D", "", m.group(0)), text)
    found: Counter[str] = Counter()
    for clock in re.findall(r"\d+:\d{2}", text):
        found[clock] += 1
    for number in NUMBER.findall(re.sub(r"\d+:\d{2}", " ", text)):
        found[number.replace(",", ".").lstrip("0") or "0"] += 1
    return found


def number_problems(project: Project, lang: Language) -> Iterator[str]:
    """A line per translated string of a kit, activity, checklist or slide note whose numbers are
    not its English's."""
    folder = catalog_folder(project, lang.code)
    for prefix in TIMED:
        for path in sorted(folder.glob(f"{prefix}*.po")):
            document = path.relative_to(folder).with_suffix("").as_posix()
            if not lang.covers(document):
                continue
            for message in read_catalog(path):
                if not message.id or not isinstance(message.string, str) or not message.string:
                    continue
                english, translated = numbers(message.id), numbers(message.string)
                if english != translated:
                    lost = sorted((english - translated).elements())
                    added = sorted((translated - english).elements())
                    yield (
                        f"{_rel(project, path)}: {message.context}: the translation's numbers differ "
                        f"from the English (missing {lost or 'none'}, added {added or 'none'})"
                    )


def check_translations(project: Project) -> tuple[list[str], list[str]]:
    """(problems, notes): problems for published languages, notes for drafts and wrong terms."""
    problems: list[str] = []
    notes: list[str] = []
    for lang in translations(project):
        found = list(coverage_problems(project, lang))
        if lang.published:
            problems += found
            problems += review_problems(project, lang)
            problems += number_problems(project, lang)
        elif found:
            rows = [r for r in language_coverage(project, lang.code) if isinstance(r, Coverage)]
            done = sum(r.translated for r in rows)
            total = sum(r.total for r in rows)
            notes.append(
                f"{lang.name} ({lang.code}) is a draft: {done} of {total} strings translated, "
                f"{len(found)} document(s) incomplete; not checked until published (locale/languages.yaml)"
            )
        notes += term_warnings(project, lang.code)
    return problems, notes


def load_terms(project: Project, lang: str) -> list[dict]:
    path = project.root / "locale" / lang / "terms.yaml"
    if not path.is_file():
        return []
    data = read_yaml(path)
    terms = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(terms, list) or not all(isinstance(t, dict) and "en" in t and lang in t for t in terms):
        raise FrontlineError(f"needs a list `terms` of {{en: ..., {lang}: ..., wrong: [...]}}", path)
    return terms


def _pattern(variant: str) -> re.Pattern:
    words = r"\s+".join(re.escape(w) for w in variant.replace("’", "'").split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.I)


def term_warnings(project: Project, lang: str) -> list[str]:
    """A warning per translated string that uses a variant listed as wrong for a term."""
    terms = load_terms(project, lang)
    wrong = [(t["en"], t[lang], _pattern(v)) for t in terms for v in t.get("wrong") or []]
    if not wrong:
        return []
    found = []
    for path in sorted(catalog_folder(project, lang).rglob("*.po")):
        for message in read_catalog(path):
            if not message.id or not isinstance(message.string, str) or not message.string:
                continue
            text = message.string.replace("’", "'")
            for en, right, pattern in wrong:
                if m := pattern.search(text):
                    found.append(
                        f"warning: {_rel(project, path)}: {m.group(0)!r} in the translation of "
                        f"{message.id[:50]!r}: for {en!r} use {right!r} (locale/{lang}/terms.yaml)"
                    )
    return found
