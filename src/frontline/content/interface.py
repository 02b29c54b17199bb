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
    # The instructor report (frontline.reports.report).
    "Report: {title}": "instructor report: the page's title and heading; {title} is the quiz's title",
    "Quiz {quiz}, {learners} learners, {items} items analysed.": "report: first line; {quiz} is the "
    "quiz's id",
    "At a glance": "report: heading",
    "Mean score {mean} per cent (median {median}, standard deviation {sd}).": "report: the total "
    "scores, in per cent",
    "Reliability: {alpha}.": "report; {alpha} is a figure and its formula, e.g. 0.78 (KR-20), or "
    "'not defined: ...'",
    "not defined: {reason}": "report: reliability that cannot be computed; {reason} is one of the "
    "three reasons below",
    "needs at least two learners": "report: why reliability is not defined",
    "needs at least two items": "report: why reliability is not defined",
    "every learner has the same total score, so reliability cannot be estimated": "report: why "
    "reliability is not defined",
    "Cronbach's alpha": "report: the formula of the reliability figure",
    "KR-20": "report: the formula of the reliability figure when every item scores 0 or 1 "
    "(Kuder-Richardson 20); usually kept as it is",
    "Standard error of measurement: {sem} percentage points.": "report: after the reliability",
    "{flagged} of {items} items are flagged for review: {list}. See the item table below for why.": (
        "report; {list} is the flagged items' ids"
    ),
    "{flagged} of {items} items are flagged for review. See the item table below for why.": (
        "report, when no item is flagged ({flagged} is 0)"
    ),
    "Histogram of learners' scores in per cent, in bands of 10.": "report: alt text of the first figure",
    "Items": "report: heading",
    "Facility: the share of the points learners scored (0 to 1). Discrimination: 100 times the "
    "correlation between the item and the rest of the test. Efficiency: discrimination as a share of "
    "the most this item could have. The instructors' page of the book explains each one.": (
        "report: under the heading Items; use the terms of the instructors' page, 'What the numbers mean'"
    ),
    "Bar chart of each item's facility; flagged items in orange.": "report: alt text",
    "Item": "report: table column heading",
    "Objective": "report: table column heading (a learning objective)",
    "Type": "report: table column heading (an item's type)",
    "Facility": "report: table column heading; the facility index, the share of the points scored",
    "Discrimination": "report: table column heading; the discrimination index",
    "Efficiency": "report: table column heading; discriminative efficiency",
    "Review": "report: table column heading; the reasons an item is flagged for review",
    "multiple-choice": "report: an item's type, in the item table",
    "true-false": "report: an item's type, in the item table",
    "ordering": "report: an item's type, in the item table (put steps in order)",
    "short-answer": "report: an item's type, in the item table (a written answer, marked by a grader)",
    "very hard (facility below {limit})": "report: why an item is flagged; {limit} is e.g. 0.2",
    "very easy (facility above {limit})": "report: why an item is flagged; {limit} is e.g. 0.95",
    "discrimination cannot be computed: everyone scored the same on it": "report: why an item is flagged",
    "weak discrimination (below {limit})": "report: why an item is flagged; {limit} is e.g. 15",
    "the top third chose {option} more often than the key {key}": "report: why an item is flagged; "
    "{option} is a wrong option's letter (a distractor), {key} the right one's",
    "Options chosen": "report: heading",
    "For each multiple-choice and true/false item: the share of all learners, of the top third and of "
    "the bottom third (by total score) who chose each option. The key is marked.": "report: under the "
    "heading Options chosen",
    "Option": "report: table column heading (an option's letter)",
    "All": "report: table column heading (the share of all learners)",
    "Top third": "report: table column heading (learners in the top third by total score)",
    "Bottom third": "report: table column heading (learners in the bottom third by total score)",
    "{option} (key)": "report: the right option's letter, in the options table",
    "no answer": "report: the last row of each options table, learners who left the item blank",
    "{value}%": "report: a percentage, e.g. 80%",
    "Learning objectives": "report: heading",
    "A learner has mastered an objective when they scored at least {threshold} of the points of its "
    "items in this quiz.": "report; {threshold} is a percentage, e.g. 80%",
    "Bar chart of the share of learners who mastered each objective.": "report: alt text",
    "Learners who mastered it": "report: table column heading, beside an objective",
    "one item: not enough to judge": "report and objectives.csv: instead of a mastery figure, for an "
    "objective with one item in the quiz",
    "A mastery figure needs at least {count} items on the objective: one item is too little to judge a "
    "person by.": "report; {count} is 2",
    "This quiz does not test these objectives of its modules: {objectives}. Judge them another way (an "
    "observed activity, a self-check).": "report; {objectives} is a list of objectives, e.g. FR1.3, FR2.1",
    "Before and after": "report: heading of the learning gain section",
    "{learners} learners took the test before and after training.": "report: learning gain",
    "The group's mean gain: {gain} percentage points (standard error {se}; about 95 per cent sure the "
    "group's true gain lies between {low} and {high}).": "report: learning gain",
    "The group's mean gain: {gain} percentage points.": "report: learning gain, with too few learners "
    "for a standard error",
    "The group's mean gain: not defined.": "report: learning gain, with no learner who took both tests",
    "Normalised gain of the class means: {gain} (the share of the possible improvement the group "
    "achieved).": "report: learning gain; {gain} is e.g. 0.45",
    "Normalised gain of the class means: not defined (the mean before was already full).": "report: "
    "learning gain",
    "These are figures for the group: on a short test, one person's gain is mostly chance, so people "
    "are not ranked by gain.": "report: learning gain",
    "{count} learner(s) had a full score before training, so a gain is not defined for them.": (
        "report: learning gain"
    ),
    "at the ceiling before training, so a gain is not defined": "gain.csv: the note beside a learner "
    "with a full score before training",
    "not defined": "group-gain.csv: a normalised gain that cannot be computed",
    "Twin items": "report: heading; pairs of items meant to be equally hard, one in the test before "
    "training and one in the test after",
    "Each item of the test after training has a twin in the test before. Twins are meant to be equally "
    "hard, so each pair should change about as much as the whole test. A pair flagged here changed more "
    "than {limit} away from the mean change: the two items may not be equally hard, or the topic was "
    "taught unusually well or badly. Check the twins on a pilot group before you read a gain as "
    "learning.": "report: under the heading Twin items; {limit} is e.g. 0.2",
    "Before": "report: table column heading (the item in the test before training)",
    "After": "report: table column heading (its twin in the test after training)",
    "Facility before": "report: table column heading",
    "Facility after": "report: table column heading",
    "unusual change": "report: a flagged pair of twin items",
    "Scatter plot of each learner's score before and after training; points above the diagonal "
    "improved.": "report: alt text",
    "Files": "report: heading",
    "The same figures as CSV: {files}.": "report; {files} is the list of CSV files",
    "What each column of these files holds: {file}.": "report; {file} is columns.csv",
    "Score (per cent)": "report figure: axis label",
    "Learners": "report figure: axis label (a number of learners)",
    "Scores": "report figure: title",
    "Facility (share of the points scored); orange: flagged for review": "report figure: axis label",
    "Items by facility": "report figure: title",
    "Learners who mastered it (per cent; mastery = {threshold} of its points)": "report figure: axis "
    "label; {threshold} is a percentage, e.g. 80%",
    "Objectives by mastery": "report figure: title",
    "no change": "report figure: legend of the diagonal line",
    "Before training (per cent)": "report figure: axis label",
    "After training (per cent)": "report figure: axis label",
    "Each learner, before and after": "report figure: title",
    "{count} submission(s) could not be graded and are left out.": "report: a note at the top",
    "{item} is left out: {count} answer(s) still wait for a grader.": "report: a note at the top; "
    "{item} is an item's id",
    "{item} is left out: Moodle's Responses report has no marks for written answers.": "report: a note "
    "at the top; 'Responses' is the name of Moodle's report",
    "{count} attempt(s) not finished are left out.": "report: a note at the top (answers from Moodle)",
    # columns.csv: what each column of the report's CSV files holds (the columns keep their names).
    "The item's id in the question bank.": "columns.csv: the column 'item'",
    "The learning objective it tests.": "columns.csv: the column 'objective' of items.csv",
    "Its type: multiple-choice, true-false, ordering or short-answer.": "columns.csv; keep the four "
    "types in English, as the file writes them, and explain them",
    "Facility: the share of its points learners scored, from 0 to 1.": "columns.csv",
    "The standard deviation of its score, as a share of its points.": "columns.csv",
    "Discrimination: 100 times the correlation between the item and the rest of the test; empty when "
    "everyone scored the same on it.": "columns.csv",
    "Discriminative efficiency: discrimination as a share of the most this item could have, up to 100.": (
        "columns.csv"
    ),
    "Why it is flagged for review, the reasons separated by semicolons; empty if it is not.": "columns.csv",
    "The option's letter (T and F: true and false, whatever language the learner answered in), or 'no "
    "answer'.": "columns.csv; keep T, F and 'no answer' as they are: the file writes them so",
    "'yes' for the key (the right answer).": "columns.csv; keep 'yes' as it is: the file writes it so",
    "The share of all learners who chose it, from 0 to 1.": "columns.csv",
    "The share of the top third of learners (by total score) who chose it, from 0 to 1.": "columns.csv",
    "The share of the bottom third of learners (by total score) who chose it, from 0 to 1.": "columns.csv",
    "The learner's id, or a pseudonym (--anonymize).": "columns.csv",
    "The learner's total points.": "columns.csv",
    "The learner's total, in per cent of the points possible.": "columns.csv",
    "'yes' if the learner mastered objective {objective} (at least {threshold} of its points), else "
    "'no'.": "columns.csv; keep 'yes' and 'no' as they are: the file writes them so",
    "The learning objective.": "columns.csv",
    "The ids of its items in this quiz.": "columns.csv",
    "The share of learners who mastered it, from 0 to 1; a note instead when it has too few items to "
    "judge.": "columns.csv",
    "The statistic's name: one of the names below.": "columns.csv: test.csv has one statistic a row",
    "Its value.": "columns.csv",
    "The number of learners.": "columns.csv",
    "The mean total score, in per cent.": "columns.csv",
    "The median total score, in per cent.": "columns.csv",
    "The standard deviation of the total scores, in per cent.": "columns.csv",
    "Reliability: Cronbach's alpha (KR-20 when every item scores 0 or 1), from 0 to 1; empty when it "
    "is not defined.": "columns.csv",
    "Which formula gave the reliability, or why it is not defined.": "columns.csv",
    "The standard error of measurement, in percentage points.": "columns.csv",
    "The learner's score before training, in per cent.": "columns.csv",
    "The learner's score after training, in per cent.": "columns.csv",
    "Why the learner's gain is not defined, when it is not.": "columns.csv",
    "The number of learners who took the test before and after training.": "columns.csv",
    "The group's mean gain, in percentage points.": "columns.csv",
    "The standard error of the group's mean gain, in percentage points.": "columns.csv",
    "The normalised gain of the class means: the share of the possible improvement the group "
    "achieved; a note instead when it is not defined.": "columns.csv",
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
    "To print or bring": "facilitator pack: column heading of the materials",
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


def say(t: Callable[[str], str], msgid: str, **values: object) -> str:
    """`t(msgid)` with its {placeholders} filled in (a translation may order them as it needs)."""
    text = t(msgid)
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text


def kernel_language(default: str = "en") -> str:
    """The language a notebook's figures and exercises speak: set by `frontline build` for each
    language's kernel (FRONTLINE_LANGUAGE); the source language in a plain Jupyter session."""
    return os.environ.get("FRONTLINE_LANGUAGE") or default
