"""`frontline report QUIZ`: the instructor report. Item analysis, test reliability, objective
mastery and learning gain, as an offline HTML page with figures and CSV files beside it."""

from __future__ import annotations

import hashlib
import io
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..files import csv_text
from .responses import Responses
from .stats import GroupGain, ItemStats, TestStats, group_gain, item_stats, test_stats, thirds

FACILITY_LOW, FACILITY_HIGH, DISCRIMINATION_LOW = 0.2, 0.95, 15.0
NO_ANSWER = "no answer"


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
    flags: list[str] = field(default_factory=list)


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
        labels = {"T": "True", "F": "False"}
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


def _flags(stats: ItemStats, options: list[OptionRow]) -> list[str]:
    flags = []
    if stats.facility < FACILITY_LOW:
        flags.append(f"very hard (facility below {FACILITY_LOW})")
    if stats.facility > FACILITY_HIGH:
        flags.append(f"very easy (facility above {FACILITY_HIGH})")
    if stats.discrimination is None:
        flags.append("discrimination cannot be computed: everyone scored the same on it")
    elif stats.discrimination < DISCRIMINATION_LOW:
        flags.append(f"weak discrimination (below {DISCRIMINATION_LOW:g})")
    key = next((o for o in options if o.is_key), None)
    if key is not None:
        for o in options:
            if not o.is_key and o.option != NO_ANSWER and o.top > key.top:
                flags.append(f"the top third chose {o.option} more often than the key {key.option}")
    return flags


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


def histogram(report: Report) -> bytes:
    fig = Figure(figsize=(6.4, 3.2), layout="constrained")
    ax = fig.add_subplot()
    ax.hist(report.percent, bins=np.arange(0, 101, 10), color=INK, edgecolor="white")
    ax.set_xlabel("Score (per cent)")
    ax.set_ylabel("Learners")
    ax.set_title("Scores", loc="left", fontweight="bold")
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def facility_chart(report: Report) -> bytes:
    fig = Figure(figsize=(6.4, 0.3 * len(report.items) + 1.2), layout="constrained")
    ax = fig.add_subplot()
    ids = [r.id for r in report.items][::-1]
    values = [r.stats.facility for r in report.items][::-1]
    colours = ["#b35900" if r.flags else INK for r in report.items][::-1]
    ax.barh(ids, values, color=colours)
    ax.axvline(FACILITY_LOW, color="black", linewidth=0.8, linestyle=":")
    ax.axvline(FACILITY_HIGH, color="black", linewidth=0.8, linestyle=":")
    ax.set_xlim(0, 1)
    ax.set_xlabel("Facility (share of the points scored); orange: flagged for review")
    ax.set_title("Items by facility", loc="left", fontweight="bold")
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def mastery_chart(report: Report) -> bytes:
    items = sorted(((o, s) for o, s in report.mastery.items() if s is not None), key=lambda kv: kv[1])
    fig = Figure(figsize=(6.4, 0.35 * len(items) + 1.2), layout="constrained")
    ax = fig.add_subplot()
    ax.barh([k for k, _ in items], [100 * v for _, v in items], color=INK)
    ax.set_xlim(0, 100)
    ax.set_xlabel(f"Learners who mastered it (per cent; mastery = {report.threshold:.0%} of its points)")
    ax.set_title("Objectives by mastery", loc="left", fontweight="bold")
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def gain_chart(gain: Gain) -> bytes:
    fig = Figure(figsize=(4.8, 4.8), layout="constrained")
    ax = fig.add_subplot()
    ax.plot([0, 100], [0, 100], color="black", linewidth=0.8, linestyle=":", label="no change")
    ax.scatter(gain.before, gain.after, color=INK, alpha=0.6, s=18)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_xlabel("Before training (per cent)")
    ax.set_ylabel("After training (per cent)")
    ax.set_title("Each learner, before and after", loc="left", fontweight="bold")
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
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else f"{value:.{digits}f}"


def _csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    path.write_text(csv_text(header, rows), encoding="utf-8", newline="")


def write_csvs(report: Report, out: Path, name: Callable[[str], str]) -> None:
    r = report.responses
    _csv(
        out / "items.csv",
        ["item", "objective", "type", "facility", "sd", "discrimination", "efficiency", "flags"],
        [
            [
                i.id,
                i.objective,
                i.type,
                _fmt(i.stats.facility, 3),
                _fmt(i.stats.sd, 3),
                _fmt(i.stats.discrimination),
                _fmt(i.stats.efficiency),
                "; ".join(i.flags),
            ]
            for i in report.items
        ],
    )
    _csv(
        out / "options.csv",
        ["item", "option", "key", "all", "top_third", "bottom_third"],
        [
            [i.id, o.option, "yes" if o.is_key else "", _fmt(o.overall, 3), _fmt(o.top, 3), _fmt(o.bottom, 3)]
            for i in report.items
            for o in i.options
        ],
    )
    objectives = list(report.mastered)
    _csv(
        out / "learners.csv",
        ["learner", "score", "percent", *[f"mastered {o}" for o in objectives]],
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
        ["objective", "items", "mastered_share"],
        [
            [
                o,
                " ".join(i.id for i in r.items if i.objective == o),
                _fmt(s, 3) if s is not None else ONE_ITEM,
            ]
            for o, s in report.mastery.items()
        ],
    )
    t = report.test
    _csv(
        out / "test.csv",
        ["statistic", "value"],
        [
            ["learners", t.learners],
            ["mean_percent", _fmt(t.mean)],
            ["median_percent", _fmt(t.median)],
            ["sd_percent", _fmt(t.sd)],
            ["alpha", _fmt(t.alpha, 3)],
            ["alpha_note", t.alpha_note],
            ["sem_percent", _fmt(t.sem)],
        ],
    )
    if report.gain is not None:
        g = report.gain
        # Each person's scores, in learner order, never ranked by gain.
        _csv(
            out / "gain.csv",
            ["learner", "before_percent", "after_percent", "note"],
            sorted(
                [name(x), _fmt(b), _fmt(a), CEILING if b >= 100 else ""]
                for x, b, a in zip(g.learners, g.before, g.after, strict=True)
            ),
        )
        group = g.group
        _csv(
            out / "group-gain.csv",
            ["learners", "mean_gain_points", "standard_error", "normalised_gain_of_class_means"],
            [[group.learners, _fmt(group.mean), _fmt(group.se), _fmt(group.normalised, 2) or NOT_DEFINED]],
        )


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


def html(report: Report, figures: dict[str, str]) -> str:
    r, t = report.responses, report.test
    quiz = r.quiz
    flagged = [i for i in report.items if i.flags]
    alpha = (
        f"{t.alpha:.2f} ({escape(t.alpha_note)})"
        if t.alpha is not None
        else f"not defined: {escape(t.alpha_note)}"
    )
    parts = [
        f"<h1>Report: {escape(quiz.title)}</h1>",
        f"<p>Quiz <code>{escape(quiz.id)}</code>, {t.learners} learners, {len(r.items)} items analysed.</p>",
        *[f'<p class="note">{escape(n)}</p>' for n in r.notes],
        "<h2>At a glance</h2>",
        f"<p>Mean score {t.mean:.1f} per cent (median {t.median:.1f}, standard deviation {t.sd:.1f}). "
        f"Reliability: {alpha}."
        + (f" Standard error of measurement: {t.sem:.1f} percentage points." if t.sem is not None else "")
        + "</p>",
        f"<p>{len(flagged)} of {len(report.items)} items are flagged for review"
        + (": " + ", ".join(f"<strong>{escape(i.id)}</strong>" for i in flagged) if flagged else "")
        + ". See the item table below for why.</p>",
        _img(figures["histogram"], "Histogram of learners' scores in per cent, in bands of 10."),
        "<h2>Items</h2>",
        "<p>Facility: the share of the points learners scored (0 to 1). Discrimination: 100 times the "
        "correlation between the item and the rest of the test. Efficiency: discrimination as a share of "
        "the most this item could have. The instructors' page of the book explains each one.</p>",
        _img(figures["facility"], "Bar chart of each item's facility; flagged items in orange."),
        _table(
            ["Item", "Objective", "Type", "Facility", "Discrimination", "Efficiency", "Review"],
            [
                [
                    escape(i.id),
                    escape(i.objective),
                    escape(i.type),
                    _fmt(i.stats.facility, 2),
                    _fmt(i.stats.discrimination),
                    _fmt(i.stats.efficiency),
                    "".join(f'<span class="flag">{escape(f)}</span><br>' for f in i.flags),
                ]
                for i in report.items
            ],
            numeric={3, 4, 5},
        ),
        "<h2>Options chosen</h2>",
        "<p>For each multiple-choice and true/false item: the share of all learners, of the top third and "
        "of the bottom third (by total score) who chose each option. The key is marked.</p>",
    ]
    for item in report.items:
        if not item.options:
            continue
        parts.append(f"<h3>{escape(item.id)}</h3>")
        parts.append(
            _table(
                ["Option", "", "All", "Top third", "Bottom third"],
                [
                    [
                        escape(o.option) + (" (key)" if o.is_key else ""),
                        escape(o.text),
                        f"{o.overall:.0%}",
                        f"{o.top:.0%}",
                        f"{o.bottom:.0%}",
                    ]
                    for o in item.options
                ],
                numeric={2, 3, 4},
            )
        )
    parts += [
        "<h2>Learning objectives</h2>",
        f"<p>A learner has mastered an objective when they scored at least {report.threshold:.0%} of the "
        "points of its items in this quiz.</p>",
        _img(figures["mastery"], "Bar chart of the share of learners who mastered each objective."),
        _table(
            ["Objective", "Learners who mastered it"],
            [[escape(o), f"{s:.0%}" if s is not None else ONE_ITEM] for o, s in report.mastery.items()],
            numeric={1},
        ),
        f"<p>A mastery figure needs at least {MASTERY_MIN_ITEMS} items on the objective: one item is too "
        "little to judge a person by.</p>",
    ]
    if report.uncovered:
        parts.append(
            "<p>This quiz does not test these objectives of its modules: "
            + ", ".join(escape(o) for o in report.uncovered)
            + ". Judge them another way (an observed activity, a self-check).</p>"
        )
    if report.gain is not None:
        g = report.gain
        group = g.group
        interval = (
            f" (standard error {group.se:.1f}; about 95 per cent sure the group's true gain lies between "
            f"{group.mean - 1.96 * group.se:.1f} and {group.mean + 1.96 * group.se:.1f})"
            if group.se is not None and group.mean is not None
            else ""
        )
        parts += [
            "<h2>Before and after</h2>",
            f"<p>{group.learners} learners took the test before and after training. The group's mean gain: "
            f"{_fmt(group.mean) or NOT_DEFINED} percentage points{interval}. Normalised gain of the class "
            f"means: {_fmt(group.normalised, 2) or NOT_DEFINED + ' (the mean before was already full)'} "
            "(the share of the possible improvement the group achieved). These are figures for the group: "
            "on a short test, one person's gain is mostly chance, so people are not ranked by gain.</p>",
        ]
        ceiling = sum(b >= 100 for b in g.before)
        if ceiling:
            parts.append(f"<p>{ceiling} learner(s) had a full score before training: {CEILING}.</p>")
        if g.twins:
            parts += [
                "<h3>Twin items</h3>",
                "<p>Each item of the test after training has a twin in the test before. Twins are meant to "
                "be equally hard, so each pair should change about as much as the whole test. A pair "
                f"flagged here changed more than {TWIN_CHANGE_FLAG} away from the mean change: the two "
                "items may not be equally hard, or the topic was taught unusually well or badly. Check the "
                "twins on a pilot group before you read a gain as learning.</p>",
                _table(
                    ["Before", "After", "Facility before", "Facility after", "Review"],
                    [
                        [
                            escape(w.before_item),
                            escape(w.after_item),
                            _fmt(w.before, 2),
                            _fmt(w.after, 2),
                            '<span class="flag">unusual change</span>' if w.unusual else "",
                        ]
                        for w in g.twins
                    ],
                    numeric={2, 3},
                ),
            ]
        if "gain" in figures:
            parts.append(
                f'<img src="{figures["gain"]}" alt="Scatter plot of each learner\'s score before and '
                'after training; points above the diagonal improved.">'
            )
    parts += [
        "<h2>Files</h2>",
        '<p>The same figures as CSV: <a href="items.csv">items.csv</a>, '
        '<a href="options.csv">options.csv</a>, '
        '<a href="learners.csv">learners.csv</a>, <a href="objectives.csv">objectives.csv</a>, '
        '<a href="test.csv">test.csv</a>'
        + (
            ', <a href="gain.csv">gain.csv</a>, <a href="group-gain.csv">group-gain.csv</a>'
            if report.gain is not None
            else ""
        )
        + ".</p>",
    ]
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Report: {escape(quiz.title)}</title><style>{CSS}</style></head><body>"
        + "\n".join(parts)
        + "</body></html>\n"
    )


def write(report: Report, out: Path, name: Callable[[str], str] = str) -> Path:
    """Write the report's HTML, figures and CSV files into `out`; the HTML page's path."""
    out.mkdir(parents=True, exist_ok=True)
    images = {
        "histogram": histogram(report),
        "facility": facility_chart(report),
        "mastery": mastery_chart(report),
    }
    if report.gain is not None and len(report.gain.learners):
        images["gain"] = gain_chart(report.gain)
    figures = {}
    for key, data in images.items():
        (out / f"{key}.png").write_bytes(data)
        figures[key] = f"{key}.png"
    write_csvs(report, out, name)
    page = out / "index.html"
    page.write_text(html(report, figures), encoding="utf-8")
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
) -> Path:
    """Build and write the report for one quiz; the HTML page's path."""
    from ..content.bank import load_bank
    from ..errors import FrontlineError

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
    return write(report, out or project.course / "reports" / quiz_id, name)
