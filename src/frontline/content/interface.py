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

# The README of a workshop's practice set (frontline.printed.workshop), one message: a translator
# sees it whole.
PRACTICE_README = """Practice set for the quiz {quiz}: {count} invented submissions (P01 to {last}).

No real learner wrote these. They are the quiz as learners receive it, with answers typed in:
mostly right, some wrong, a few blank, and one or two in the wrong form. Trainees grade these
instead of real submissions, so real learners' answers and grades never leave the trainer.
Regenerate the set with `frontline workshop KIT` whenever the question bank changes.

To grade them, in the project folder on a training laptop (never in a project that holds a real
course's grades: grading records the codes P01, P02, ... in the gradebook):

1. Copy the folders inside submitted/ (P01, P02, ...) into assessments/submitted/,
   so that each one is assessments/submitted/<code>/{quiz}/{quiz}.ipynb.
2. Run:  frontline grade {quiz}
3. Open the grades file and a feedback page, then run the report with --anonymize.

A written answer, if the quiz has one, waits for a person to mark it: that is part of the practice.
"""

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
    # Workshop packs (frontline.printed.workshop), checklists and the book's list of kits.
    "**{label}:** {text}": "a labelled line in the workshop packs, e.g. **Method:** Case study in groups",
    "Audience": "workshop pack label",
    "Participants": "workshop pack label",
    "Length": "workshop pack label",
    "1 day": "length of a one-day kit",
    "{days} days": "length of a kit",
    "This pack is for facilitators only: it holds notes and answer keys. Give participants the "
    "participant pack.": "facilitator pack, at the top",
    "The kit covers these objectives:": "facilitator pack, before the list of objectives",
    "Agenda": "workshop packs: heading",
    "{day} ({start} to {end})": "agenda: a day's heading with its clock times",
    "Time": "agenda and kit list: column heading",
    "Session": "agenda and kit list: column heading",
    "Objectives": "agenda: column heading",
    "Session plans": "facilitator pack: heading",
    "{day}, {start} to {end}: {session}": "facilitator pack: a session's heading",
    "Method": "facilitator pack label",
    "Modules": "facilitator pack label",
    "Staff": "facilitator pack label",
    "Slides": "facilitator pack label",
    "Materials": "facilitator pack label",
    "Activity": "facilitator pack label",
    "Rotations": "facilitator pack label",
    "Checklist": "facilitator pack label",
    "Practice set": "facilitator pack label",
    "Notes": "facilitator pack label, before a session's notes",
    "{modules} (`{command}`; trainer's notes under each slide)": "facilitator pack: a session's slides; "
    "keep the command in backticks",
    "{minutes} minutes": "an activity's length",
    "{minutes} to read": "part of an activity's length",
    "{minutes} of debrief": "part of an activity's length",
    "{groups} groups of up to {size}": "how an activity splits the room",
    "run it {times} times, a new officer each time": "a role-play's rotations",
    "`{file}` beside this pack, one per observer": "facilitator pack: the checklist of a session",
    "{count} invented submissions of the quiz {quiz}, in the folder `{folder}` beside this pack; its "
    "README.txt says how to grade them. Facilitator material: do not hand it out.": "facilitator "
    "pack: a session's practice set; keep README.txt and the folder as written",
    "Activities": "facilitator pack: heading",
    "Case study": "kind of activity",
    "Role-play": "kind of activity",
    "Simulation": "kind of activity",
    "Micro-teaching": "kind of activity",
    "{kind}, {minutes} minutes.": "facilitator pack: an activity's kind and length",
    "Role card: {role}": "facilitator pack: a role's brief",
    "Questions:": "workshop packs: before an activity's questions",
    "Facilitator notes:": "facilitator pack",
    "What good practice looks like:": "facilitator pack: an activity's answer key",
    "Preparation": "facilitator pack: heading",
    "The team ({count}):": "facilitator pack: before the list of staff",
    "Room": "facilitator pack label",
    "Preparation time": "facilitator pack label",
    "about {hours} hours.": "facilitator pack: preparation time",
    "Print and bring (all sessions):": "facilitator pack: before the list of materials",
    "Item": "facilitator pack: column heading of the materials",
    "Used on": "facilitator pack: column heading of the materials (the days)",
    "Role cards for '{activity}': {sets} set(s), cut out": "facilitator pack: an item to print",
    "'{checklist}': one per observer": "facilitator pack: an item to print",
    "{kit}: facilitator pack": "title of a pack",
    "{kit}: participant pack": "title of a pack",
    "{kit}: role cards": "title of the role cards' sheet",
    "{kit}. Frontline workshop kit '{id}'.": "footer of every page of a pack; keep {id} as it is",
    "The stories in this pack are invented. Some of them describe exploitation: take a break when "
    "you need one, and talk to a trainer in private at any time.": "participant pack, at the top",
    "Handouts": "participant pack: heading",
    "Role cards are on a separate sheet: the trainer hands each card only to its player.": (
        "participant pack, after the handouts"
    ),
    "Referral contacts": "participant pack: heading",
    "Evaluation form": "participant pack: heading",
    "Do not write your name. Circle one number: 1 = strongly disagree, 5 = strongly agree.": (
        "evaluation form: instructions"
    ),
    "Statement": "evaluation form: column heading",
    "The course met its objectives.": "evaluation form: a statement",
    "The content is useful in my daily work.": "evaluation form: a statement",
    "The exercises and role-plays helped me practise.": "evaluation form: a statement",
    "The pace was right.": "evaluation form: a statement",
    "The trainers explained things clearly.": "evaluation form: a statement",
    "I know whom to call when I suspect trafficking.": "evaluation form: a statement",
    "What will you do differently at work after this course?": "evaluation form: an open question",
    "What was the most useful part, and why?": "evaluation form: an open question",
    "What should we change next time?": "evaluation form: an open question",
    "Cut along the lines. Give each card only to the person who plays that role.": "role cards, at the top",
    PRACTICE_README: "README.txt of a practice set, beside the facilitator pack; keep the commands, "
    "folder names and {placeholders} as they are",
    "Area": "observation checklist: column heading",
    "Score and example": "observation checklist: column heading",
    "Pass rule.": "observation checklist: before the pass rule",
    "{participants} participants.": "the book's list of kits",
    "Objectives: {objectives}.": "the book's list of kits",
    "Make the packs:": "the book's list of kits, before the command",
    # Slide decks (frontline.book.slides).
    "{module}: slides ({minutes} min)": "title of a slide deck's page; {module} is e.g. T1. The role",
    "Case study (invented)": "slide title",
    "Exercise: {title}": "slide title",
    "... and {more} more point(s) in the module": "last line of a slide that does not show every point",
    "the module": "slide text, where the module links to one of its own sections",
    "the page '{page}'": "slide text, where the module links to another page",
    "Say": "trainer's notes under a slide",
    "Ask": "trainer's notes under a slide",
    "Safety": "trainer's notes under a slide",
    "{minutes} min": "trainer's notes under a slide: its time",
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
