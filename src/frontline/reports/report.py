"""`frontline report QUIZ`: the instructor report. Item analysis, test reliability, objective
mastery and learning gain, as an offline HTML page with figures and CSV files beside it.

The report is written in one language (`--lang`): its words come from the interface catalog
(frontline.content.interface), the options' text from the bank in that language, and the HTML
writes numbers as the language does. The statistics are the same in every language, and so are
the CSV files' names, columns and codes (option letters, yes/no): a script that reads them works
whatever language the report was written in; columns.csv says in the report's language what each
column holds."""

from __future__ import annotations

import hashlib
import io
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import NamedTuple

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..content.interface import MESSAGES
from ..files import csv_text
from .responses import Note, Responses
from .stats import GroupGain, ItemStats, TestStats, group_gain, item_stats, test_stats, thirds

FACILITY_LOW, FACILITY_HIGH, DISCRIMINATION_LOW = 0.2, 0.95, 15.0
NO_ANSWER = "no answer"  # an option "letter" in options.csv, in every language; the page translates it


def _source(msgid: str) -> str:
    if msgid not in MESSAGES:
        raise KeyError(f"{msgid!r} is not in frontline.content.interface.MESSAGES")
    return msgid


@dataclass(frozen=True)
class Words:
    """The report's words in one language, and how that language writes numbers. Only words and
    number formats depend on it, never a statistic."""

    lang: str = "en"
    t: Callable[[str], str] = _source  # interface(project, lang)
    letters: dict[str, str] = field(default_factory=dict)  # true/false: the quiz's letter -> this language's

    def __call__(self, msgid: str, **values: object) -> str:
        return self.t(msgid).format(**values)

    def html(self, msgid: str, **values: str) -> str:
        """The message as HTML; `values` are HTML already."""
        return escape(self.t(msgid), quote=False).format(**values)

    def number(self, value: float | None, digits: int = 1) -> str:
        """4014.5 in English, 4\u202f014,5 in French (CLDR's separators); empty for None or NaN.
        Rounded by Python in every language, so the digits never differ between languages."""
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return ""
        if self.lang == "en":
            return f"{value:.{digits}f}"
        from babel.numbers import get_decimal_symbol, get_group_symbol

        swap = {",": get_group_symbol(self.lang), ".": get_decimal_symbol(self.lang)}
        return "".join(swap.get(ch, ch) for ch in f"{value:,.{digits}f}")

    def short(self, value: float) -> str:
        """A limit as written in the code, 0.2 or 15: as few digits as it needs."""
        text = f"{value:g}"
        return self.number(value, len(text.partition(".")[2]))

    def percent(self, share: float) -> str:
        return self("{value}%", value=self.number(100 * share, 0))

    def letter(self, item_type: str, letter: str) -> str:
        """An option's letter as learners of this language type it (true is V in French)."""
        return self.letters.get(letter, letter) if item_type == "true-false" else letter


ENGLISH = Words()


class Flag(NamedTuple):
    """A reason to review an item: an interface msgid and its values (limits, option letters)."""

    msgid: str
    values: dict[str, object]


@dataclass
class OptionRow:
    option: str
    text: str
    is_key: bool
    overall: float
    top: float
    bottom: float


@dataclass
class ItemRow:
    id: str
    objective: str
    type: str
    stats: ItemStats
    options: list[OptionRow] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


# A pair of twins whose change in facility is this far from the mean change is flagged.
TWIN_CHANGE_FLAG = 0.2
# A mastery figure needs at least this many items on the objective.
MASTERY_MIN_ITEMS = 2


@dataclass
class Gain:
    learners: list[str]
    before: np.ndarray
    after: np.ndarray

    twins: list[TwinRow] = field(default_factory=list)

    @property
    def gain(self) -> np.ndarray:
        return self.after - self.before

    @property
    def group(self) -> GroupGain:
        return group_gain(self.before, self.after)


@dataclass
class TwinRow:
    """A pair of twin items: facility before training (one form) and after (the other)."""

    before_item: str
    after_item: str
    before: float
    after: float
    unusual: bool  # its change is far from the test's mean change: unequal twins, or a topic apart


@dataclass
class Report:
    responses: Responses
    items: list[ItemRow]
    test: TestStats
    percent: np.ndarray
    mastery: dict[str, float | None]  # objective -> share who mastered it; None: too few items to judge
    mastered: dict[str, np.ndarray]  # objective -> per-learner bool
    threshold: float
    gain: Gain | None = None
    uncovered: list[str] = field(default_factory=list)  # objectives of the quiz's modules with no item


def _options(item, choices: np.ndarray, top: np.ndarray, bottom: np.ndarray) -> list[OptionRow]:
    if item.type == "true-false":
        labels = dict(zip(item.letters, ("True", "False"), strict=True))  # msgids: the page translates them
    elif item.type == "multiple-choice":
        labels = dict(item.options or {})
    else:
        return []
    rows = []
    for letter, text in [*labels.items(), (NO_ANSWER, "")]:
        picked = choices == (None if letter == NO_ANSWER else letter)
        rows.append(
            OptionRow(
                option=letter,
                text=text,
                is_key=letter == item.key,
                overall=float(picked.mean()),
                top=float(picked[top].mean()) if top.any() else 0.0,
                bottom=float(picked[bottom].mean()) if bottom.any() else 0.0,
            )
        )
    return rows


def _flags(stats: ItemStats, options: list[OptionRow]) -> list[Flag]:
    flags = []
    if stats.facility < FACILITY_LOW:
        flags.append(Flag("very hard (facility below {limit})", {"limit": FACILITY_LOW}))
    if stats.facility > FACILITY_HIGH:
        flags.append(Flag("very easy (facility above {limit})", {"limit": FACILITY_HIGH}))
    if stats.discrimination is None:
        flags.append(Flag("discrimination cannot be computed: everyone scored the same on it", {}))
    elif stats.discrimination < DISCRIMINATION_LOW:
        flags.append(Flag("weak discrimination (below {limit})", {"limit": DISCRIMINATION_LOW}))
    key = next((o for o in options if o.is_key), None)
    if key is not None:
        for o in options:
            if not o.is_key and o.option != NO_ANSWER and o.top > key.top:
                flags.append(
                    Flag(
                        "the top third chose {option} more often than the key {key}",
                        {"option": o.option, "key": key.option},
                    )
                )
    return flags


def flag_text(item: ItemRow, flag: Flag, w: Words = ENGLISH) -> str:
    """A flag in the report's language: its limits as the language writes numbers, its letters as
    the language's learners type them."""
    values = {
        k: w.letter(item.type, v) if isinstance(v, str) else w.short(float(v)) for k, v in flag.values.items()
    }
    return w(flag.msgid, **values)


def build(responses: Responses, threshold: float = 0.8, before: Responses | None = None) -> Report:
    scores = responses.matrix
    max_points = responses.max_points
    totals = scores.sum(axis=1)
    percent = 100 * totals / max_points.sum()
    top, bottom = thirds(totals)
    choices = np.array(responses.choices, dtype=object).reshape(scores.shape)
    rows = []
    for j, (item, stats) in enumerate(zip(responses.items, item_stats(scores, max_points), strict=True)):
        options = _options(item, choices[:, j], top, bottom)
        rows.append(ItemRow(item.id, item.objective, item.type, stats, options, _flags(stats, options)))
    mastered, mastery = {}, {}
    for objective in sorted({i.objective for i in responses.items}):
        cols = [j for j, i in enumerate(responses.items) if i.objective == objective]
        got = scores[:, cols].sum(axis=1) / max_points[cols].sum()
        mastered[objective] = got >= threshold
        mastery[objective] = float(mastered[objective].mean()) if len(cols) >= MASTERY_MIN_ITEMS else None
    report = Report(responses, rows, test_stats(scores, max_points), percent, mastery, mastered, threshold)
    if before is not None:
        earlier = dict(
            zip(before.learners, 100 * before.matrix.sum(axis=1) / before.max_points.sum(), strict=True)
        )
        both = [n for n, learner in enumerate(responses.learners) if learner in earlier]
        report.gain = Gain(
            [responses.learners[n] for n in both],
            np.array([earlier[responses.learners[n]] for n in both]),
            percent[both],
            twins(before, responses),
        )
    return report


def twins(before: Responses, after: Responses) -> list[TwinRow]:
    """Twin items' facility before and after. Equal twins change about as much as the whole test."""
    facility_before = {
        i.id: s.facility
        for i, s in zip(before.items, item_stats(before.matrix, before.max_points), strict=True)
    }
    facility_after = {
        i.id: s.facility for i, s in zip(after.items, item_stats(after.matrix, after.max_points), strict=True)
    }
    pairs = [(i.pairs_with, i.id) for i in after.items if i.pairs_with in facility_before]
    if not pairs:
        return []
    changes = [facility_after[a] - facility_before[b] for b, a in pairs]
    mean_change = float(np.mean(changes))
    return [
        TwinRow(b, a, facility_before[b], facility_after[a], abs(change - mean_change) > TWIN_CHANGE_FLAG)
        for (b, a), change in zip(pairs, changes, strict=True)
    ]


# Figures -----------------------------------------------------------------------------------------

INK = "#1f4e79"
ONE_ITEM = "one item: not enough to judge"
NOT_DEFINED = "not defined"
CEILING = "at the ceiling before training, so a gain is not defined"


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(fig)
    fig.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return buffer.getvalue()


def _ticks(axis, w: Words, digits: int) -> None:
    """A value axis's numbers as the language writes them (English keeps matplotlib's own)."""
    if w.lang != "en":
        axis.set_major_formatter(FuncFormatter(lambda value, _: w.number(value, digits)))


def histogram(report: Report, w: Words = ENGLISH) -> bytes:
    fig = Figure(figsize=(6.4, 3.2), layout="constrained")
    ax = fig.add_subplot()
    ax.hist(report.percent, bins=np.arange(0, 101, 10), color=INK, edgecolor="white")
    ax.set_xlabel(w("Score (per cent)"))
    ax.set_ylabel(w("Learners"))
    ax.set_title(w("Scores"), loc="left", fontweight="bold")
    _ticks(ax.xaxis, w, 0)
    _ticks(ax.yaxis, w, 0)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def facility_chart(report: Report, w: Words = ENGLISH) -> bytes:
    fig = Figure(figsize=(6.4, 0.3 * len(report.items) + 1.2), layout="constrained")
    ax = fig.add_subplot()
    ids = [r.id for r in report.items][::-1]
    values = [r.stats.facility for r in report.items][::-1]
    colours = ["#b35900" if r.flags else INK for r in report.items][::-1]
    ax.barh(ids, values, color=colours)
    ax.axvline(FACILITY_LOW, color="black", linewidth=0.8, linestyle=":")
    ax.axvline(FACILITY_HIGH, color="black", linewidth=0.8, linestyle=":")
    ax.set_xlim(0, 1)
    ax.set_xlabel(w("Facility (share of the points scored); orange: flagged for review"))
    ax.set_title(w("Items by facility"), loc="left", fontweight="bold")
    _ticks(ax.xaxis, w, 1)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def mastery_chart(report: Report, w: Words = ENGLISH) -> bytes:
    items = sorted(((o, s) for o, s in report.mastery.items() if s is not None), key=lambda kv: kv[1])
    fig = Figure(figsize=(6.4, 0.35 * len(items) + 1.2), layout="constrained")
    ax = fig.add_subplot()
    ax.barh([k for k, _ in items], [100 * v for _, v in items], color=INK)
    ax.set_xlim(0, 100)
    threshold = w.percent(report.threshold)
    ax.set_xlabel(
        w("Learners who mastered it (per cent; mastery = {threshold} of its points)", threshold=threshold)
    )
    ax.set_title(w("Objectives by mastery"), loc="left", fontweight="bold")
    _ticks(ax.xaxis, w, 0)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def gain_chart(gain: Gain, w: Words = ENGLISH) -> bytes:
    fig = Figure(figsize=(4.8, 4.8), layout="constrained")
    ax = fig.add_subplot()
    ax.plot([0, 100], [0, 100], color="black", linewidth=0.8, linestyle=":", label=w("no change"))
    ax.scatter(gain.before, gain.after, color=INK, alpha=0.6, s=18)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_xlabel(w("Before training (per cent)"))
    ax.set_ylabel(w("After training (per cent)"))
    ax.set_title(w("Each learner, before and after"), loc="left", fontweight="bold")
    _ticks(ax.xaxis, w, 0)
    _ticks(ax.yaxis, w, 0)
    ax.legend(frameon=False, loc="lower right")
    return _png(fig)


# Output ------------------------------------------------------------------------------------------


def pseudonymiser(salt: str) -> Callable[[str], str]:
    """Stable pseudonyms: the same learner gets the same one every run with the same salt."""
    return lambda learner: "L-" + hashlib.sha256(f"{salt}:{learner}".encode()).hexdigest()[:10]


def course_salt(course: Path) -> str:
    path = course / ".report-salt"
    if not path.is_file():
        path.write_text(secrets.token_hex(16))
    return path.read_text().strip()


def _fmt(value: float | None, digits: int = 1) -> str:
    """A number in a CSV file: a decimal point in every language, for spreadsheets and scripts."""
    return ENGLISH.number(value, digits)


def _csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    path.write_text(csv_text(header, rows), encoding="utf-8", newline="")


# Each CSV file's columns and what they hold (columns.csv); learners.csv adds one column per objective.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "items.csv": [
        ("item", "The item's id in the question bank."),
        ("objective", "The learning objective it tests."),
        ("type", "Its type: multiple-choice, true-false, ordering or short-answer."),
        ("facility", "Facility: the share of its points learners scored, from 0 to 1."),
        ("sd", "The standard deviation of its score, as a share of its points."),
        (
            "discrimination",
            "Discrimination: 100 times the correlation between the item and the rest of the test; empty "
            "when everyone scored the same on it.",
        ),
        (
            "efficiency",
            "Discriminative efficiency: discrimination as a share of the most this item could have, up "
            "to 100.",
        ),
        ("flags", "Why it is flagged for review, the reasons separated by semicolons; empty if it is not."),
    ],
    "options.csv": [
        ("item", "The item's id in the question bank."),
        (
            "option",
            "The option's letter (T and F: true and false, whatever language the learner answered in), "
            "or 'no answer'.",
        ),
        ("key", "'yes' for the key (the right answer)."),
        ("all", "The share of all learners who chose it, from 0 to 1."),
        ("top_third", "The share of the top third of learners (by total score) who chose it, from 0 to 1."),
        (
            "bottom_third",
            "The share of the bottom third of learners (by total score) who chose it, from 0 to 1.",
        ),
    ],
    "learners.csv": [
        ("learner", "The learner's id, or a pseudonym (--anonymize)."),
        ("score", "The learner's total points."),
        ("percent", "The learner's total, in per cent of the points possible."),
    ],
    "objectives.csv": [
        ("objective", "The learning objective."),
        ("items", "The ids of its items in this quiz."),
        (
            "mastered_share",
            "The share of learners who mastered it, from 0 to 1; a note instead when it has too few "
            "items to judge.",
        ),
    ],
    "test.csv": [
        ("statistic", "The statistic's name: one of the names below."),
        ("value", "Its value."),
        ("learners", "The number of learners."),
        ("mean_percent", "The mean total score, in per cent."),
        ("median_percent", "The median total score, in per cent."),
        ("sd_percent", "The standard deviation of the total scores, in per cent."),
        (
            "alpha",
            "Reliability: Cronbach's alpha (KR-20 when every item scores 0 or 1), from 0 to 1; empty when "
            "it is not defined.",
        ),
        ("alpha_note", "Which formula gave the reliability, or why it is not defined."),
        ("sem_percent", "The standard error of measurement, in percentage points."),
    ],
    "gain.csv": [
        ("learner", "The learner's id, or a pseudonym (--anonymize)."),
        ("before_percent", "The learner's score before training, in per cent."),
        ("after_percent", "The learner's score after training, in per cent."),
        ("note", "Why the learner's gain is not defined, when it is not."),
    ],
    "group-gain.csv": [
        ("learners", "The number of learners who took the test before and after training."),
        ("mean_gain_points", "The group's mean gain, in percentage points."),
        ("standard_error", "The standard error of the group's mean gain, in percentage points."),
        (
            "normalised_gain_of_class_means",
            "The normalised gain of the class means: the share of the possible improvement the group "
            "achieved; a note instead when it is not defined.",
        ),
    ],
}
MASTERED = "mastered {objective}"  # learners.csv: a column per objective


def _header(name: str) -> list[str]:
    header = [column for column, _ in COLUMNS[name]]
    return header[:2] if name == "test.csv" else header


def write_csvs(report: Report, out: Path, name: Callable[[str], str], w: Words = ENGLISH) -> list[str]:
    """The CSV files, and columns.csv describing them in the report's language; the files' names.
    Names, columns, numbers and codes are the same in every language; notes and flags are words."""
    r = report.responses
    written = ["items.csv", "options.csv", "learners.csv", "objectives.csv", "test.csv"]
    _csv(
        out / "items.csv",
        _header("items.csv"),
        [
            [
                i.id,
                i.objective,
                i.type,
                _fmt(i.stats.facility, 3),
                _fmt(i.stats.sd, 3),
                _fmt(i.stats.discrimination),
                _fmt(i.stats.efficiency),
                "; ".join(flag_text(i, f, w) for f in i.flags),
            ]
            for i in report.items
        ],
    )
    _csv(
        out / "options.csv",
        _header("options.csv"),
        [
            [i.id, o.option, "yes" if o.is_key else "", _fmt(o.overall, 3), _fmt(o.top, 3), _fmt(o.bottom, 3)]
            for i in report.items
            for o in i.options
        ],
    )
    objectives = list(report.mastered)
    _csv(
        out / "learners.csv",
        [*_header("learners.csv"), *[MASTERED.format(objective=o) for o in objectives]],
        [
            [
                name(learner),
                _fmt(float(row.sum()), 2),
                _fmt(float(p)),
                *["yes" if report.mastered[o][n] else "no" for o in objectives],
            ]
            for n, (learner, row, p) in enumerate(zip(r.learners, r.matrix, report.percent, strict=True))
        ],
    )
    _csv(
        out / "objectives.csv",
        _header("objectives.csv"),
        [
            [
                o,
                " ".join(i.id for i in r.items if i.objective == o),
                _fmt(s, 3) if s is not None else w(ONE_ITEM),
            ]
            for o, s in report.mastery.items()
        ],
    )
    t = report.test
    _csv(
        out / "test.csv",
        _header("test.csv"),
        [
            ["learners", t.learners],
            ["mean_percent", _fmt(t.mean)],
            ["median_percent", _fmt(t.median)],
            ["sd_percent", _fmt(t.sd)],
            ["alpha", _fmt(t.alpha, 3)],
            ["alpha_note", w(t.alpha_note)],
            ["sem_percent", _fmt(t.sem)],
        ],
    )
    if report.gain is not None:
        g = report.gain
        # Each person's scores, in learner order, never ranked by gain.
        _csv(
            out / "gain.csv",
            _header("gain.csv"),
            sorted(
                [name(x), _fmt(b), _fmt(a), w(CEILING) if b >= 100 else ""]
                for x, b, a in zip(g.learners, g.before, g.after, strict=True)
            ),
        )
        group = g.group
        _csv(
            out / "group-gain.csv",
            _header("group-gain.csv"),
            [[group.learners, _fmt(group.mean), _fmt(group.se), _fmt(group.normalised, 2) or w(NOT_DEFINED)]],
        )
        written += ["gain.csv", "group-gain.csv"]
    described = [
        *[[file, column, w(msgid)] for file in written for column, msgid in COLUMNS[file]],
        *[
            [
                "learners.csv",
                MASTERED.format(objective=o),
                w(
                    "'yes' if the learner mastered objective {objective} (at least {threshold} of its "
                    "points), else 'no'.",
                    objective=o,
                    threshold=w.percent(report.threshold),
                ),
            ]
            for o in objectives
        ],
    ]
    described.sort(key=lambda row: written.index(row[0]))  # stable: each file's columns in order
    _csv(out / "columns.csv", ["file", "column", "description"], described)
    return [*written, "columns.csv"]


CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111;
       background: #fff; max-width: 60rem; margin: 0 auto; padding: 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #1f4e79; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
th, td { border: 1px solid #888; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.flag { font-weight: 600; color: #7a3d00; }
.note { background: #f3f5f8; border-left: 6px solid #1f4e79; padding: 0.5rem 0.75rem; }
img { max-width: 100%; height: auto; }
.scroll { overflow-x: auto; }
.scroll:focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
"""


def _img(src: str, alt: str) -> str:
    return f'<img src="{escape(src)}" alt="{escape(alt)}">'


def _table(header: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = "".join(
        "<tr>"
        + "".join(f'<td class="num">{c}</td>' if n in numeric else f"<td>{c}</td>" for n, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    # tabindex: on a phone the table scrolls sideways in its box, which a keyboard reaches only so.
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f'<div class="scroll" tabindex="0">{table}</div>'


def _note(note: str, w: Words) -> str:
    return w(note.msgid, **note.values) if isinstance(note, Note) else note


def _option_label(item: ItemRow, option: OptionRow, w: Words) -> str:
    """An option's letter as this language's learners type it (HTML), the key marked."""
    if option.option == NO_ANSWER:
        return escape(w(NO_ANSWER))
    letter = escape(w.letter(item.type, option.option))
    return w.html("{option} (key)", option=letter) if option.is_key else letter


def _option_text(item: ItemRow, option: OptionRow, w: Words, quiz) -> str:
    """An option's text in the report's language: the bank's, in that language (`quiz`)."""
    if option.option == NO_ANSWER:
        return ""
    if item.type == "true-false":
        return w(option.text)
    translated = next((i for i in quiz.items if i.id == item.id), None) if quiz is not None else None
    return (translated.options or {}).get(option.option, option.text) if translated else option.text


def html(report: Report, figures: dict[str, str], w: Words = ENGLISH, quiz=None, files=()) -> str:
    """The report's page in `w`'s language; `quiz`: the quiz in that language (its title and options'
    text), by default the analysed one; `files`: the CSV files to link to."""
    r, t = report.responses, report.test
    quiz = quiz or r.quiz
    title = w.html("Report: {title}", title=escape(quiz.title))
    flagged = [i for i in report.items if i.flags]
    alpha = (
        f"{w.number(t.alpha, 2)} ({escape(w(t.alpha_note))})"
        if t.alpha is not None
        else w.html("not defined: {reason}", reason=escape(w(t.alpha_note)))
    )
    glance = [
        w.html(
            "Mean score {mean} per cent (median {median}, standard deviation {sd}).",
            mean=w.number(t.mean),
            median=w.number(t.median),
            sd=w.number(t.sd),
        ),
        w.html("Reliability: {alpha}.", alpha=alpha),
    ]
    if t.sem is not None:
        glance.append(w.html("Standard error of measurement: {sem} percentage points.", sem=w.number(t.sem)))
    counts = {"flagged": w.number(len(flagged), 0), "items": w.number(len(report.items), 0)}
    parts = [
        f"<h1>{title}</h1>",
        "<p>"
        + w.html(
            "Quiz {quiz}, {learners} learners, {items} items analysed.",
            quiz=f"<code>{escape(quiz.id)}</code>",
            learners=w.number(t.learners, 0),
            items=w.number(len(r.items), 0),
        )
        + "</p>",
        *[f'<p class="note">{escape(_note(n, w))}</p>' for n in r.notes],
        f"<h2>{w.html('At a glance')}</h2>",
        "<p>" + " ".join(glance) + "</p>",
        "<p>"
        + (
            w.html(
                "{flagged} of {items} items are flagged for review: {list}. See the item table below "
                "for why.",
                list=", ".join(f"<strong>{escape(i.id)}</strong>" for i in flagged),
                **counts,
            )
            if flagged
            else w.html(
                "{flagged} of {items} items are flagged for review. See the item table below for why.",
                **counts,
            )
        )
        + "</p>",
        _img(figures["histogram"], w("Histogram of learners' scores in per cent, in bands of 10.")),
        f"<h2>{w.html('Items')}</h2>",
        "<p>"
        + w.html(
            "Facility: the share of the points learners scored (0 to 1). Discrimination: 100 times the "
            "correlation between the item and the rest of the test. Efficiency: discrimination as a share of "
            "the most this item could have. The instructors' page of the book explains each one."
        )
        + "</p>",
        _img(figures["facility"], w("Bar chart of each item's facility; flagged items in orange.")),
        _table(
            [
                w(h)
                for h in ("Item", "Objective", "Type", "Facility", "Discrimination", "Efficiency", "Review")
            ],
            [
                [
                    escape(i.id),
                    escape(i.objective),
                    escape(w(i.type)),
                    w.number(i.stats.facility, 2),
                    w.number(i.stats.discrimination),
                    w.number(i.stats.efficiency),
                    "".join(f'<span class="flag">{escape(flag_text(i, f, w))}</span><br>' for f in i.flags),
                ]
                for i in report.items
            ],
            numeric={3, 4, 5},
        ),
        f"<h2>{w.html('Options chosen')}</h2>",
        "<p>"
        + w.html(
            "For each multiple-choice and true/false item: the share of all learners, of the top third "
            "and of the bottom third (by total score) who chose each option. The key is marked."
        )
        + "</p>",
    ]
    for item in report.items:
        if not item.options:
            continue
        parts.append(f"<h3>{escape(item.id)}</h3>")
        parts.append(
            _table(
                [w("Option"), "", w("All"), w("Top third"), w("Bottom third")],
                [
                    [
                        _option_label(item, o, w),
                        escape(_option_text(item, o, w, quiz)),
                        w.percent(o.overall),
                        w.percent(o.top),
                        w.percent(o.bottom),
                    ]
                    for o in item.options
                ],
                numeric={2, 3, 4},
            )
        )
    parts += [
        f"<h2>{w.html('Learning objectives')}</h2>",
        "<p>"
        + w.html(
            "A learner has mastered an objective when they scored at least {threshold} of the points of its "
            "items in this quiz.",
            threshold=w.percent(report.threshold),
        )
        + "</p>",
        *(
            [_img(figures["mastery"], w("Bar chart of the share of learners who mastered each objective."))]
            if "mastery" in figures
            else []
        ),
        _table(
            [w("Objective"), w("Learners who mastered it")],
            [
                [escape(o), w.percent(s) if s is not None else escape(w(ONE_ITEM))]
                for o, s in report.mastery.items()
            ],
            numeric={1},
        ),
        "<p>"
        + w.html(
            "A mastery figure needs at least {count} items on the objective: one item is too little to "
            "judge a person by.",
            count=w.number(MASTERY_MIN_ITEMS, 0),
        )
        + "</p>",
    ]
    if report.uncovered:
        parts.append(
            "<p>"
            + w.html(
                "This quiz does not test these objectives of its modules: {objectives}. Judge them "
                "another way (an observed activity, a self-check).",
                objectives=", ".join(escape(o) for o in report.uncovered),
            )
            + "</p>"
        )
    if report.gain is not None:
        parts += _gain_html(report.gain, w, "gain" in figures and figures["gain"])
    links = ", ".join(f'<a href="{escape(f)}">{escape(f)}</a>' for f in files if f != "columns.csv")
    parts.append(f"<h2>{w.html('Files')}</h2>")
    if links:
        parts.append("<p>" + w.html("The same figures as CSV: {files}.", files=links) + "</p>")
    if "columns.csv" in files:
        described = w.html(
            "What each column of these files holds: {file}.", file='<a href="columns.csv">columns.csv</a>'
        )
        parts.append(f"<p>{described}</p>")
    return (
        f'<!doctype html>\n<html lang="{escape(w.lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{CSS}</style></head><body>" + "\n".join(parts) + "</body></html>\n"
    )


def _gain_html(g: Gain, w: Words, figure: str | None) -> list[str]:
    """The section "Before and after": figures for the group, never a ranking of people."""
    group = g.group
    if group.mean is None:
        mean = w.html("The group's mean gain: not defined.")
    elif group.se is None:
        mean = w.html("The group's mean gain: {gain} percentage points.", gain=w.number(group.mean))
    else:
        mean = w.html(
            "The group's mean gain: {gain} percentage points (standard error {se}; about 95 per cent sure "
            "the group's true gain lies between {low} and {high}).",
            gain=w.number(group.mean),
            se=w.number(group.se),
            low=w.number(group.mean - 1.96 * group.se),
            high=w.number(group.mean + 1.96 * group.se),
        )
    normalised = (
        w.html("Normalised gain of the class means: not defined (the mean before was already full).")
        if group.normalised is None
        else w.html(
            "Normalised gain of the class means: {gain} (the share of the possible improvement the group "
            "achieved).",
            gain=w.number(group.normalised, 2),
        )
    )
    parts = [
        f"<h2>{w.html('Before and after')}</h2>",
        "<p>"
        + " ".join(
            [
                w.html(
                    "{learners} learners took the test before and after training.",
                    learners=w.number(group.learners, 0),
                ),
                mean,
                normalised,
                w.html(
                    "These are figures for the group: on a short test, one person's gain is mostly "
                    "chance, so people are not ranked by gain."
                ),
            ]
        )
        + "</p>",
    ]
    ceiling = sum(b >= 100 for b in g.before)
    if ceiling:
        parts.append(
            "<p>"
            + w.html(
                "{count} learner(s) had a full score before training, so a gain is not defined for them.",
                count=w.number(ceiling, 0),
            )
            + "</p>"
        )
    if g.twins:
        parts += [
            f"<h3>{w.html('Twin items')}</h3>",
            "<p>"
            + w.html(
                "Each item of the test after training has a twin in the test before. Twins are meant to "
                "be equally hard, so each pair should change about as much as the whole test. A pair "
                "flagged here changed more than {limit} away from the mean change: the two items may not "
                "be equally hard, or the topic was taught unusually well or badly. Check the twins on a "
                "pilot group before you read a gain as learning.",
                limit=w.short(TWIN_CHANGE_FLAG),
            )
            + "</p>",
            _table(
                [w("Before"), w("After"), w("Facility before"), w("Facility after"), w("Review")],
                [
                    [
                        escape(x.before_item),
                        escape(x.after_item),
                        w.number(x.before, 2),
                        w.number(x.after, 2),
                        f'<span class="flag">{w.html("unusual change")}</span>' if x.unusual else "",
                    ]
                    for x in g.twins
                ],
                numeric={2, 3},
            ),
        ]
    if figure:
        alt = w(
            "Scatter plot of each learner's score before and after training; points above the diagonal "
            "improved."
        )
        parts.append(_img(figure, alt))
    return parts


def write(report: Report, out: Path, name: Callable[[str], str] = str, w: Words = ENGLISH, quiz=None) -> Path:
    """Write the report's HTML, figures and CSV files into `out`, in `w`'s language (`quiz`: the
    quiz in that language); the HTML page's path."""
    out.mkdir(parents=True, exist_ok=True)
    images = {"histogram": histogram(report, w), "facility": facility_chart(report, w)}
    if any(share is not None for share in report.mastery.values()):  # else an empty chart
        images["mastery"] = mastery_chart(report, w)
    if report.gain is not None and len(report.gain.learners):
        images["gain"] = gain_chart(report.gain, w)
    figures = {}
    for key, data in images.items():
        (out / f"{key}.png").write_bytes(data)
        figures[key] = f"{key}.png"
    files = write_csvs(report, out, name, w)
    page = out / "index.html"
    page.write_text(html(report, figures, w, quiz, files), encoding="utf-8")
    return page


def from_platforms(quiz, moodle: list[Path], canvas: list[Path]) -> Responses:
    """Answers downloaded from Moodle or Canvas, for a quiz exported by `frontline dist`. Files of the
    same quiz may be combined when they analyse the same items; a learner in two files is refused."""
    from ..errors import FrontlineError
    from .platform_results import from_canvas_student_analysis, from_moodle_responses

    parts = [from_moodle_responses(quiz, p) for p in moodle] + [
        from_canvas_student_analysis(quiz, p) for p in canvas
    ]
    combined = parts[0]
    for path, part in zip([*moodle, *canvas][1:], parts[1:], strict=True):
        if [i.id for i in part.items] != [i.id for i in combined.items]:
            raise FrontlineError("analyses other items than the first file (written answers differ)", path)
        for learner, scores, choices in zip(part.learners, part.scores, part.choices, strict=True):
            combined.add(learner, scores, choices, str(path))
        combined.notes += [n for n in part.notes if n not in combined.notes]
    return combined


def responses_for(
    project, quiz_id: str, papers: list[Path], moodle: list[Path] = (), canvas: list[Path] = ()
) -> Responses:
    """A quiz's responses: from Moodle or Canvas downloads when given; otherwise the gradebook's, if the
    course has graded it, and any paper answers."""
    from ..content.bank import load_bank
    from ..grading.course import db_url
    from .responses import add_paper, from_gradebook

    quiz = load_bank(project).quiz(quiz_id)
    if moodle or canvas:
        return from_platforms(quiz, list(moodle), list(canvas))
    database = project.course / "gradebook.db"
    url = db_url(project.course)
    if url.startswith("sqlite") and not database.is_file():
        responses = Responses(quiz, list(quiz.items))
    else:
        responses = from_gradebook(url, project.course, quiz)
    for path in papers:
        add_paper(responses, path)
    return responses


def uncovered_objectives(project, quiz, report: Report) -> list[str]:
    """Objectives of the quiz's modules that none of its items tests."""
    from ..content.modules import read_modules

    objectives = [o for m in read_modules(project) if m.id in quiz.modules for o in m.objectives]
    return [o for o in objectives if o not in report.mastery]


def run(
    project,
    quiz_id: str,
    papers: list[Path] = (),
    before: str | None = None,
    before_papers: list[Path] = (),
    anonymize: bool = False,
    threshold: float = 0.8,
    out: Path | None = None,
    moodle: list[Path] = (),
    canvas: list[Path] = (),
    lang: str | None = None,
) -> Path:
    """Build and write the report for one quiz, in `lang` (default: the source language); the HTML
    page's path. Learners may have answered in any language: the statistics do not change with it."""
    from ..content.bank import load_bank
    from ..errors import FrontlineError

    w = words(project, lang)  # an unknown language stops here, before any work
    responses = responses_for(project, quiz_id, list(papers), list(moodle), list(canvas))
    if not responses.learners:
        raise FrontlineError(f"no graded submissions or paper answers for {quiz_id}", project.course)
    quiz = responses.quiz
    if before is None and quiz.parallel_form and quiz.id.endswith("-post"):
        before = quiz.parallel_form
    earlier = None
    if before is not None:
        load_bank(project).quiz(before)
        earlier = responses_for(project, before, list(before_papers))
    report = build(responses, threshold, earlier)
    report.uncovered = uncovered_objectives(project, quiz, report)
    name = pseudonymiser(course_salt(project.course)) if anonymize else str
    translated = load_bank(project, w.lang).quiz(quiz_id) if w.lang != quiz.language else None
    return write(report, out or project.course / "reports" / quiz_id, name, w, translated)


def words(project, lang: str | None = None) -> Words:
    """The report's words in `lang` (a language of locale/languages.yaml; default the source), from
    the interface catalog, with the true/false letters that language's learners type."""
    from ..content.bank import TRUE_FALSE
    from ..content.interface import interface
    from ..content.languages import language, source_language

    source = source_language(project).code
    code = language(project, lang).code if lang else source
    letters = (
        dict(zip(TRUE_FALSE[source], TRUE_FALSE[code], strict=True))
        if source in TRUE_FALSE and code in TRUE_FALSE
        else {}
    )
    return Words(code, interface(project, code), letters)
