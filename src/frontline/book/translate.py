"""`frontline translate`: bring every language's catalogs in step with the source, and say how far
each language is.

1. Sphinx's gettext builder extracts every translatable string of the book into one template per
   document (`_build/gettext/<document>.pot`; `gettext_compact` is off). Markdown cells of the
   MyST notebooks are extracted, their code and outputs are not. A msgid is the Markdown source of
   its paragraph, so `{{ specialist_unit }}`, roles and citations appear as written, never as a
   country's values.
2. Two more templates: `frontline.pot`, the interface's words (frontline.content.interface), and
   `sphinx.pot`, the theme's words that Sphinx's own catalog for the language lacks; and one per
   YAML file of text, the question bank and the exercises (`_data/<path>`,
   frontline.content.data_catalogs).
3. Babel updates `locale/<lang>/LC_MESSAGES/<document>.po` from each template: translations are
   kept, a string whose source changed keeps its old translation marked fuzzy, a new one is empty.
   Same sources, same bytes (fixed header dates, no line numbers).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

from ..content import data_catalogs
from ..content.catalogs import Coverage, language_coverage
from ..content.interface import DOMAIN, MESSAGES
from ..content.languages import Language, catalog_folder, source_language, translations
from ..errors import FrontlineError
from ..files import atomic_write
from ..paths import Project
from .build import build_env, sphinx_command

FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
WIDTH = 100


def gettext_folder(project: Project) -> Path:
    return project.build / "gettext"


def extract(project: Project, quiet: bool = True) -> Path:
    """Run the gettext builder: one .pot per document in `_build/gettext/` (the source language's
    execution cache serves the notebooks, so figure captions are extracted too)."""
    out = gettext_folder(project)
    cmd = sphinx_command(project, "gettext", out, project.build / "gettext-doctrees", {}, quiet)
    source = source_language(project)
    result = subprocess.run(cmd, cwd=project.root, env=build_env(source.code))
    if result.returncode != 0:
        raise FrontlineError(
            f"extracting the strings failed (exit {result.returncode}); see the warnings above",
            project.root / "_config.yml",
        )
    return out


def _new_catalog(lang: str | None = None):
    from babel.messages.catalog import Catalog

    return Catalog(
        locale=lang,
        project="Frontline",
        copyright_holder="The Frontline curriculum contributors",
        msgid_bugs_address="",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        fuzzy=False,
    )


def _templates(project: Project, gettext: Path) -> dict[str, object]:
    """document -> template catalog, from the .pot files Sphinx wrote."""
    from babel.messages.pofile import read_po

    found = {}
    for pot in sorted(gettext.rglob("*.pot")):
        document = pot.relative_to(gettext).with_suffix("").as_posix()
        if document in {DOMAIN, "sphinx"}:
            continue
        with pot.open("rb") as f:
            source = read_po(f)
        template = _new_catalog()
        for m in source:
            if m.id:
                # File names only: line numbers would change every catalog at every edit above.
                where = sorted({(_relative(project, gettext, loc), None) for loc, _ in m.locations})
                template.add(m.id, locations=where, auto_comments=m.auto_comments, context=m.context)
        found[document] = template
    return found


def _relative(project: Project, folder: Path, location: str) -> str:
    """A location as Sphinx writes it (relative to the .pot file), as a path in the project."""
    path = (folder / location).resolve()
    return (
        path.relative_to(project.root.resolve()).as_posix()
        if path.is_relative_to(project.root.resolve())
        else location
    )


def data_template(project: Project, source: Path):
    """The text of one YAML file of the bank or the exercises: msgctxt `<id>.<field>[.<key>]`,
    msgid the English."""
    from ..yamlfile import read_mapping

    template = _new_catalog()
    where = [(source.relative_to(project.root).as_posix(), None)]
    data = read_mapping(source)
    for context, text in data_catalogs.messages(data, data_catalogs.kind_of(project, source)):
        template.add(text, locations=where, context=context)
    return template


def interface_template():
    template = _new_catalog()
    for msgid, note in MESSAGES.items():
        template.add(msgid, auto_comments=[note], locations=[("src/frontline/content/interface.py", None)])
    return template


# Furo's gettext strings; the ones Sphinx's catalog for a language lacks go to locale/<lang>/sphinx.po.
def _theme_messages() -> list[str]:
    import furo
    from jinja2.ext import babel_extract

    found: dict[str, None] = {}
    folder = Path(furo.__file__).parent / "theme" / "furo"
    options = {"extensions": "jinja2.ext.i18n", "trimmed": "false"}
    for template in sorted(folder.rglob("*.html")):
        with template.open("rb") as f:
            for _, _, message, _ in babel_extract(f, ("_", "gettext"), [], options):
                if isinstance(message, str) and message.strip():
                    found[message] = None
    return list(found)


# Theme strings this book never shows (no repository, no versions, no dates), and the footer
# credit, which the interface catalog translates whole (frontline.book.sphinxext.CREDIT).
UNUSED_THEME = re.compile(
    r"Read the Docs|GitHub|Versions|Downloads|Builds|Project Home|Edit this page|View this page|"
    r"Last updated|Made with|sphinx-doc\.org|pradyunsg/furo"
)


def theme_template(lang: str):
    """The theme's strings that neither Sphinx nor Furo translate into `lang`."""
    import sphinx
    from babel.messages.pofile import read_po

    known: set[str] = set()
    shipped = Path(sphinx.__file__).parent / "locale" / lang / "LC_MESSAGES" / "sphinx.po"
    if shipped.is_file():
        with shipped.open("rb") as f:
            known = {m.id for m in read_po(f) if m.id and m.string and not m.fuzzy}
    template = _new_catalog()
    for msgid in _theme_messages():
        if msgid not in known and not UNUSED_THEME.search(msgid):
            template.add(msgid, locations=[("furo/theme", None)])
    return template


SUBSTITUTION = re.compile(r"\{\{[^}]*\}\}")


def has_words(msgid: str) -> bool:
    """False for a string with nothing to translate: blanks to fill in by hand, a national value
    alone (`{{ hotline }}`); those are their own translation in every language."""
    return any(ch.isalpha() for ch in SUBSTITUTION.sub("", msgid))


def update_catalog(path: Path, template, lang: str) -> bool:
    """Update (or create) one .po from its template; True when the file changed."""
    from babel.messages.pofile import read_po, write_po

    if path.is_file():
        with path.open("rb") as f:
            catalog = read_po(f, locale=lang)
    else:
        catalog = _new_catalog(lang)
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False, update_creation_date=False)
    for message in catalog:
        if message.id and isinstance(message.id, str) and not message.string and not has_words(message.id):
            message.string, message.flags = message.id, set()  # a blank line to fill in, a {{ value }}
    catalog.creation_date = FIXED_DATE
    catalog.revision_date = FIXED_DATE
    catalog.fuzzy = False
    catalog.obsolete.clear()
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, include_lineno=False, ignore_obsolete=True)
    data = out.getvalue()
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data.decode("utf-8"))
    return True


def update(
    project: Project, langs: list[Language] | None = None, quiet: bool = True
) -> dict[str, list[Coverage | str]]:
    """Extract, update every catalog of every translation (or of `langs`); the coverage per language."""
    langs = translations(project) if langs is None else langs
    templates = _templates(project, extract(project, quiet=quiet))
    templates[DOMAIN] = interface_template()
    for source in data_catalogs.sources(project):
        templates[data_catalogs.document(project, source)] = data_template(project, source)
    report = {}
    for lang in langs:
        folder = catalog_folder(project, lang.code)
        for document, template in templates.items():
            update_catalog(folder / f"{document}.po", template, lang.code)
        update_catalog(folder / "sphinx.po", theme_template(lang.code), lang.code)
        report[lang.code] = language_coverage(project, lang.code)
    return report


def table(report: dict[str, list[Coverage | str]], langs: dict[str, Language]) -> str:
    """Per language and per document: strings, and the share translated, fuzzy and missing."""
    lines = []
    for code, rows in report.items():
        lang = langs[code]
        status = "published" if lang.published else "draft"
        lines.append(f"{lang.name} ({code}, {status})")
        lines.append(f"  {'document':<55} {'strings':>7} {'translated':>10} {'fuzzy':>6} {'missing':>8}")
        total = translated = fuzzy = 0
        for row in rows:
            if isinstance(row, str):
                lines.append(f"  {row:<55} {'no catalog: run frontline translate':>34}")
                continue
            total, translated, fuzzy = total + row.total, translated + row.translated, fuzzy + row.fuzzy
            lines.append(_row(row.document, row.total, row.translated, row.fuzzy))
        lines.append(_row("total", total, translated, fuzzy))
    return "\n".join(lines)


def _share(n: int, total: int) -> str:
    """Rounded down, so that 100% means all of it and 0% none of it only when it is so."""
    if not total:
        return "-"
    percent = 100 * n // total
    return f"{1 if n and not percent else percent}%"


def _row(name: str, total: int, translated: int, fuzzy: int) -> str:
    missing = total - translated - fuzzy
    return (
        f"  {name:<55} {total:>7} {_share(translated, total):>10} {_share(fuzzy, total):>6} "
        f"{_share(missing, total):>8}"
    )
