"""The words of the book's own interface (self-check and exercise buttons and feedback, the page
script's messages, figure source lines, field-card labels, the language switcher, and the theme's
hard-coded labels), in one place, in the source language.

Every other language translates them in `locale/<lang>/LC_MESSAGES/frontline.po`, a gettext
catalog that `frontline translate` keeps in step with this list like any page's catalog, so a
translator fills one kind of file with one tool. Code asks for a string with `interface(project,
lang)(msgid)`; a msgid not listed here is a programming error (KeyError), so no English string can
slip into a page unlisted.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

from ..paths import Project

DOMAIN = "frontline"

# msgid -> a note for the translator (where it shows). Placeholders in {braces} stay as they are.
MESSAGES: dict[str, str] = {
    # Self-checks (frontline.book.selfcheck) and their script (assets/static/frontline.js).
    "Question": "self-check label, when it has no number",
    "Question {number}": "self-check label",
    "(objective {objective})": "after the self-check label; {objective} is e.g. FR1.2",
    "True": "self-check choice",
    "False": "self-check choice",
    "Check my answer": "self-check button",
    "Show the answer": "self-check: opens the answer box",
    "The answer is {answer}.": "self-check answer box",
    "Choose an answer first.": "self-check feedback when nothing is chosen",
    "Correct.": "self-check feedback",
    "Not correct.": "self-check feedback",
    # Sorting exercises (frontline.book.widgets) and their script.
    "Choose...": "exercise: the empty choice of each list",
    "Check my sorting": "exercise button",
    "Show the suggested sorting": "exercise: opens the answer table",
    "Fact": "exercise answer table: column heading",
    "Why": "exercise answer table: column heading",
    "Right.": "exercise feedback for one fact",
    "Not quite.": "exercise feedback for one fact",
    "Not answered yet.": "exercise feedback for one fact",
    "{right} of {total} facts sorted as suggested.": "exercise summary",
    "Show the Jupyter widget version": "exercise: button that loads the widget manager",
    "({kb} KB download)": "after the widget button",
    "Loading the widget version...": "widget button while loading",
    "Could not load. Try again": "widget button after a failure",
    "Optional. The exercise above works as it is. The widget version looks as it does in Jupyter; "
    "its Check button works only when the notebook runs in Jupyter.": "note under the widget button",
    # Printing and offline use (frontline.js).
    "Print this page:": "above the two print buttons",
    "Learner's copy (no answers)": "print button",
    "Trainer's copy (answers shown)": "print button",
    "Available offline: {mb} MB": "shown once the web app has cached the book",
    # Figures (frontline.book.figures).
    "Source: {publisher}, {title} ({published}), {locator}.": "line under every figure",
    # Field cards in the book (frontline.book.sphinxext).
    "Field card: {title}": "heading of a field-card box",
    "Print this card: {links}": "under a field-card box",
    "printable page": "field-card link",
    "PDF ({paper})": "field-card link; {paper} is A4 or Letter",
    "(from {module})": "field-card index; {module} is e.g. FR3",
    # Printed field cards (frontline.printed.cards).
    "Field card from {book}, module {module}.": "footer of a printed field card; {book} is the book's "
    "title, {module} e.g. FR3",
    "Follow your national law and your agency's procedures.": "footer of a printed field card",
    # The printed book (frontline.dist.print_book).
    "Frontline: first response to human trafficking": "the book's title (_config.yml) on the printed "
    "book's cover",
    "Contents": "printed book: heading of the table of contents",
    "Learner's copy (answers left out)": "printed book: cover; the running header shows the part "
    "before the bracket",
    "Trainer's copy (answers open)": "printed book: cover; the running header shows the part before "
    "the bracket",
    "Version {version} · {language} · {date}": "printed book: cover; {language} is the language's "
    "own name, {date} e.g. 1 January 2026",
    "Course content: Creative Commons Attribution 4.0 International (CC BY 4.0). Code: MIT licence.": (
        "printed book: cover, after the copyright"
    ),
    # The language switcher (frontline.book.sphinxext), at the top of every page.
    "This page in:": "before the links to the same page in the other languages",
    "(in English)": "after a link to a page this language's edition does not hold yet",
    # Furo writes these in English with no gettext call; the build replaces them.
    "Skip to content": "theme: first link of every page",
    "Toggle site navigation sidebar": "theme: screen-reader label",
    "Toggle table of contents sidebar": "theme: screen-reader label",
    "Toggle Light / Dark / Auto color theme": "theme: screen-reader label of the colour button",
    "Menu": "theme: icon title",
    "Expand": "theme: icon title",
    "Light mode": "theme: icon title",
    "Dark mode": "theme: icon title",
    "Auto light/dark, in light mode": "theme: icon title",
    "Auto light/dark, in dark mode": "theme: icon title",
    "Made with {sphinx} and {author}'s {furo}": "theme: page footer; keep the three placeholders",
}

# The strings the page script needs, handed to it by the build (data-fl-strings on its tag).
SCRIPT_MESSAGES = (
    "Choose an answer first.",
    "Correct.",
    "Not correct.",
    "Not answered yet.",
    "Right.",
    "Not quite.",
    "{right} of {total} facts sorted as suggested.",
    "Show the Jupyter widget version",
    "({kb} KB download)",
    "Loading the widget version...",
    "Could not load. Try again",
    "Optional. The exercise above works as it is. The widget version looks as it does in Jupyter; "
    "its Check button works only when the notebook runs in Jupyter.",
    "Print this page:",
    "Learner's copy (no answers)",
    "Trainer's copy (answers shown)",
    "Available offline: {mb} MB",
)


def catalog_path(project: Project, lang: str) -> Path:
    return project.root / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _translations(path: Path, stamp: float) -> dict[str, str]:
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        catalog = read_po(f)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy and isinstance(m.id, str)}


def translations(project: Project, lang: str) -> dict[str, str]:
    """The finished (not fuzzy, not empty) translations of the interface into `lang`."""
    path = catalog_path(project, lang)
    if not path.is_file():
        return {}
    return _translations(path, path.stat().st_mtime)


def interface(project: Project, lang: str) -> Callable[[str], str]:
    """`t(msgid)`: the interface string in `lang`; the source text where it is not translated yet
    (only a draft language can be built so: `frontline check` fails on a published one)."""
    done = translations(project, lang)

    def t(msgid: str) -> str:
        if msgid not in MESSAGES:
            raise KeyError(f"{msgid!r} is not in frontline.content.interface.MESSAGES")
        return done.get(msgid, msgid)

    return t


def kernel_language(default: str = "en") -> str:
    """The language a notebook's figures and exercises speak: set by `frontline build` for each
    language's kernel (FRONTLINE_LANGUAGE); the source language in a plain Jupyter session."""
    return os.environ.get("FRONTLINE_LANGUAGE") or default
