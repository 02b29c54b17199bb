"""Build the book with Jupyter Book 1: notebooks executed with a cache, warnings as errors."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import yaml

from ..content.catalogs import document_name, toc_documents
from ..content.languages import ENVIRONMENT as LANGUAGE_VARIABLE
from ..content.languages import Language, language, load_languages, source_language
from ..errors import FrontlineError
from ..paths import Project, book_files
from ..yamlfile import read_yaml

# What the book is made from, besides the package's code: a change to any of these is a reason to build.
BOOK_INPUTS = ("_config.yml", "_toc.yml", "national.yaml", "book", "modules", "assessments/bank", "assets")
ENVIRONMENT = ("pyproject.toml", "constraints.txt", "assets/package-lock.json")
SKIP = {"node_modules", "__pycache__", ".ipynb_checkpoints"}
# The list of languages and their status: every page links to the others.
LANGUAGES = "locale/languages.yaml"


def _tree_digest(digest, root: Path, names) -> None:
    for name in names:
        top = root / name
        paths = [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []
        for path in paths:
            # .mo files are compiled by Sphinx from the .po files, which are digested
            if (
                path.is_file()
                and not SKIP.intersection(path.relative_to(root).parts)
                and path.suffix != ".mo"
            ):
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())


PACKAGE = Path(__file__).parents[1]


def inputs_digest(project: Project, lang: str | None = None) -> str:
    """A digest of what notebook outputs depend on besides the notebooks: the data, the exercises
    (and a translation's catalogs of them) and the code that draws them. Jupyter-cache keys on
    notebook text alone, so without this a changed dataset would leave a stale figure in the book."""
    digest = hashlib.sha256()
    folders = [project.data.relative_to(project.root), project.exercises.relative_to(project.root)]
    if lang:
        exercises = project.exercises.relative_to(project.root).as_posix()
        folders.append(Path(f"locale/{lang}/LC_MESSAGES/_data/{exercises}"))
    _tree_digest(digest, project.root, folders)
    _tree_digest(digest, PACKAGE.parent, [PACKAGE.name])
    return digest.hexdigest()


def _refresh_if_inputs_changed(project: Project, work: Path | None = None, lang: str | None = None) -> bool:
    """Drop the execution cache in `work` (default `_build`, the source language's) when the inputs
    changed; True when it was dropped."""
    work = work or project.build
    stamp = work / ".frontline-inputs"
    digest = inputs_digest(project, lang)
    if stamp.is_file() and stamp.read_text() == digest:
        return False
    shutil.rmtree(work / ".jupyter_cache", ignore_errors=True)
    return True


def _record_inputs(project: Project, work: Path | None = None, lang: str | None = None) -> None:
    work = work or project.build
    work.mkdir(parents=True, exist_ok=True)
    (work / ".frontline-inputs").write_text(inputs_digest(project, lang))


def output_folder(project: Project, lang: Language) -> Path:
    """The source language's book stays in `_build/html/`; another language's is a folder of it,
    `_build/html/<code>/`, so a page and its twin link by a relative path that works from a web
    server and from file:// alike (`fr/book/index.html` and `../book/index.html`)."""
    return project.html if lang.source else project.html / lang.code


def work_folder(project: Project, lang: Language) -> Path:
    """A language's execution cache, doctrees and stamps: `_build/` for the source, `_build/<code>/`
    for a translation. Each language needs its own cache: jupyter-cache keys on the code cells,
    which are the same in every language, while the figures and exercises they draw are not."""
    return project.build if lang.source else project.build / lang.code


def linked(project: Project, drafts: Iterable[str] = ()) -> list[Language]:
    """The languages one run of `frontline build` builds, and so the ones every page links to: the
    source, the published translations and the drafts asked for by name."""
    wanted = set(drafts)
    for code in wanted:
        language(project, code)  # an unknown code is a user's mistake: say so
    return [lang for lang in load_languages(project) if lang.published or lang.code in wanted]


def book_digest(project: Project, lang: Language | None = None, links: Iterable[str] = ()) -> str:
    """Every input of a build: the sources, the data, the bank, the front-end pins, this package's
    code and the Python that runs it, the language's catalogs and the languages it links to. Equal
    digests give byte-identical books."""
    digest = hashlib.sha256(sys.version.encode())
    _tree_digest(digest, project.root, BOOK_INPUTS + ENVIRONMENT)
    _tree_digest(digest, PACKAGE.parent, [PACKAGE.name])
    if lang is not None:
        _tree_digest(digest, project.root, [LANGUAGES, f"locale/{lang.code}"])
        digest.update(" ".join(links).encode())
    return digest.hexdigest()


def output_digest(html: Path) -> str:
    digest = hashlib.sha256()
    for path in book_files(html):
        digest.update(path.relative_to(html).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _stamp(project: Project, lang: Language) -> Path:
    return work_folder(project, lang) / ".frontline-book"


def up_to_date(project: Project, lang: Language | None = None, links: Iterable[str] | None = None) -> bool:
    """True when the last build's inputs are unchanged and its output is still as it wrote it."""
    lang = lang or source_language(project)
    links = [x.code for x in linked(project)] if links is None else list(links)
    stamp = _stamp(project, lang)
    html = output_folder(project, lang)
    if not stamp.is_file() or not (html / "index.html").is_file():
        return False
    return stamp.read_text().split() == [book_digest(project, lang, links), output_digest(html)]


def build_env(lang: str | None = None) -> dict[str, str]:
    """The environment of every book build, release or preview: stable widget ids and hash order,
    so that the execution cache they share only ever holds reproducible outputs; and the language
    the kernel draws figures and exercises in."""
    env = dict(
        os.environ, PYDEVD_DISABLE_FILE_VALIDATION="1", PYTHONHASHSEED="0", FRONTLINE_STABLE_WIDGET_IDS="1"
    )
    if lang:
        env[LANGUAGE_VARIABLE] = lang
    return env


def sphinx_command(
    project: Project, builder: str, output: Path, doctrees: Path, overrides: dict, quiet: bool
) -> list[str]:
    """The command that runs one Sphinx build of the book (see frontline.book.sphinx_run)."""
    job = {
        "source": str(project.root),
        "output": str(output),
        "doctrees": str(doctrees),
        "builder": builder,
        "overrides": overrides,
        "quiet": quiet,
    }
    return [sys.executable, "-m", "frontline.book.sphinx_run", json.dumps(job)]


def _switcher(project: Project, lang: Language, links: list[Language]) -> list[list]:
    """[code, name, path from this language's root to the other's, the documents it holds (None:
    all)] for each other linked language."""
    found = []
    for other in links:
        if other.code == lang.code:
            continue
        up = "" if lang.source else "../"
        held = None if other.scope is None else [d for d in toc_documents(project) if other.covers(d)]
        found.append([other.code, other.name, up + ("" if other.source else f"{other.code}/"), held])
    return found


def edition_toc(project: Project, lang: Language, work: Path) -> Path:
    """`_toc.yml` with only the documents `lang` holds (parts left empty are dropped), written to the
    language's work folder."""
    toc = read_yaml(project.root / "_toc.yml")

    def held(entry) -> bool:
        return not isinstance(entry, dict) or "file" not in entry or lang.covers(document_name(entry["file"]))

    def prune(entries):
        kept = []
        for entry in entries or []:
            if not held(entry):
                continue
            if isinstance(entry, dict):
                entry = dict(entry)
                for key in ("parts", "chapters", "sections"):
                    if key in entry:
                        entry[key] = prune(entry[key])
                if "file" not in entry and not any(entry.get(k) for k in ("parts", "chapters", "sections")):
                    continue  # a part with nothing left in it
            kept.append(entry)
        return kept

    if not lang.covers(document_name(toc["root"])):
        raise FrontlineError(f"the {lang.name} edition must hold the root page {toc['root']}", LANGUAGES)
    for key in ("parts", "chapters"):
        if key in toc:
            toc[key] = prune(toc[key])
    path = work / "_toc.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(toc, sort_keys=False, allow_unicode=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def build_language(
    project: Project, lang: Language, links: list[Language], quiet: bool = False, force: bool = False
) -> tuple[Path, bool]:
    """Build one language's book unless nothing changed; its index page and whether a build ran."""
    codes = [x.code for x in links]
    html = output_folder(project, lang)
    work = work_folder(project, lang)
    if not force and up_to_date(project, lang, codes):
        return html / "index.html", False
    _stamp(project, lang).unlink(missing_ok=True)
    # Write every page and a fresh search index each time: Sphinx's incremental index keeps
    # entries for words that are gone, so a rebuild would differ from a clean build.
    translation = None if lang.source else lang.code
    _refresh_if_inputs_changed(project, work, translation)
    (html / "searchindex.js").unlink(missing_ok=True)
    overrides: dict = {"frontline_languages": _switcher(project, lang, links)}
    if not lang.source:
        overrides |= {
            "language": lang.code,
            "nb_execution_cache_path": str(work / ".jupyter_cache"),
            "frontline_output_folder": str(work / "jupyter_execute"),
        }
    if lang.scope is not None:
        # An edition that holds part of the book: its own table of contents, nothing else built,
        # and links to what it does not hold lead to the source language's page.
        overrides |= {
            "external_toc_path": edition_toc(project, lang, work).as_posix(),
            "external_toc_exclude_missing": True,
            "frontline_source_prefix": "../",
        }
    cmd = sphinx_command(project, "html", html, work / ".doctrees", overrides, quiet)
    result = subprocess.run(cmd, cwd=project.root, env=build_env(lang.code))
    if result.returncode != 0:
        raise FrontlineError(
            f"the {lang.name} book build failed (exit {result.returncode}); see the warnings above",
            project.root / "_config.yml",
        )
    _record_inputs(project, work, translation)
    _stamp(project, lang).write_text(f"{book_digest(project, lang, codes)}\n{output_digest(html)}\n")
    return html / "index.html", True


def build(
    project: Project, quiet: bool = False, force: bool = False, drafts: Iterable[str] = ()
) -> tuple[Path, bool]:
    """Build the source language and every published language (and the drafts named), each unless
    nothing changed since its last build; returns the source's index page and whether any build ran."""
    if not (project.node_modules / "@jupyter-widgets" / "html-manager").is_dir():
        raise FrontlineError(
            "front-end files missing: run `npm ci --prefix assets` (make book does)",
            project.node_modules,
        )
    links = linked(project, drafts)
    ran = False
    for lang in links:
        _, built = build_language(project, lang, links, quiet=quiet, force=force)
        ran = ran or built
    return project.html / "index.html", ran
