"""Interactive exercises. In Jupyter they are ipywidgets that react; in the static book the same
output carries an HTML version that works with no kernel (see assets/static/frontline.js)."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html import escape

import comm
import ipywidgets as w

from ..content.exercises import Exercise, load_exercise
from ..content.interface import interface, kernel_language
from ..paths import Project

PROMPT = "Choose..."  # the msgid; each language's word comes from frontline.content.interface
STABLE_IDS = "FRONTLINE_STABLE_WIDGET_IDS"
_shown = itertools.count()


@contextmanager
def _stable_model_ids(seed: str) -> Iterator[None]:
    """Widget model ids are random, which would make every book build differ. When the book is
    built (`frontline build` sets FRONTLINE_STABLE_WIDGET_IDS), derive them from the exercise id
    and the order of creation instead. In live Jupyter they stay random, as re-run cells need."""
    if not os.environ.get(STABLE_IDS):
        yield
        return
    original = comm.create_comm
    counter = itertools.count()
    prefix = f"{seed}:{next(_shown)}"

    def create(*args, **kwargs):
        kwargs.setdefault("comm_id", hashlib.sha256(f"{prefix}:{next(counter)}".encode()).hexdigest()[:32])
        return original(*args, **kwargs)

    comm.create_comm = create
    try:
        yield
    finally:
        comm.create_comm = original


def _same(msgid: str) -> str:
    return msgid


def exercise_html(ex: Exercise, view: dict | None = None, t: Callable[[str], str] = _same) -> str:
    """The kernel-free version: one select per fact, a check button, and the answers in a details
    box; `t` gives the interface's words in the page's language."""
    options = "".join(f"<option>{escape(c)}</option>" for c in ex.categories)
    facts = []
    rows = []
    for n, fact in enumerate(ex.facts, start=1):
        fid = f"{ex.id}-{n}"
        facts.append(
            f'<li class="fl-fact" data-answer="{escape(fact.category)}" data-why="{escape(fact.why)}">'
            f'<label for="{fid}">{escape(fact.text)}</label> '
            f'<select id="{fid}"><option value="">{escape(t(PROMPT))}</option>{options}</select>'
            f'<span class="fl-result"></span></li>'
        )
        rows.append(
            f"<tr><td>{escape(fact.text)}</td><td>{escape(fact.category)}</td>"
            f"<td>{escape(fact.why)}</td></tr>"
        )
    scenario = f'<p class="fl-scenario">{escape(ex.scenario)}</p>' if ex.scenario else ""
    slot = ""
    if view is not None:
        slot = (
            '<div class="fl-widget-slot"><script type="application/vnd.jupyter.widget-view+json">'
            f"{json.dumps(view, sort_keys=True)}</script></div>"
        )
    return (
        f'<div class="fl-exercise" data-exercise="{escape(ex.id)}">'
        f'<p class="fl-exercise-title">{escape(ex.title)}</p>'
        f"<p>{escape(ex.instructions)}</p>{scenario}"
        f'<ol class="fl-facts">{"".join(facts)}</ol>'
        f'<button type="button" class="fl-check" hidden>{escape(t("Check my sorting"))}</button>'
        '<p class="fl-summary" role="status" aria-live="polite"></p>'
        f'<details class="fl-answer"><summary>{escape(t("Show the suggested sorting"))}</summary>'
        f'<table><thead><tr><th scope="col">{escape(t("Fact"))}</th>'
        f'<th scope="col">{escape(ex.answer_label)}</th>'
        f'<th scope="col">{escape(t("Why"))}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></details>"
        f"{slot}</div>"
    )


def check(ex: Exercise, chosen: list[str], t: Callable[[str], str] = _same) -> tuple[int, list[str]]:
    """How many facts are sorted right, and a line of feedback per fact."""
    lines = []
    right = 0
    for fact, choice in zip(ex.facts, chosen, strict=True):
        if choice == fact.category:
            right += 1
            lines.append(f"{t('Right.')} {fact.why}")
        elif not choice or choice in (PROMPT, t(PROMPT)):
            lines.append(t("Not answered yet."))
        else:
            lines.append(f"{t('Not quite.')} {fact.why}")
    return right, lines


class SortingExercise:
    """Shows as live ipywidgets in Jupyter and as the kernel-free HTML version in the book."""

    def __init__(self, ex: Exercise, t: Callable[[str], str] = _same):
        self.exercise = ex
        self.t = t
        with _stable_model_ids(ex.id):
            self._build(ex)

    def _build(self, ex: Exercise) -> None:
        # Each dropdown is labelled by its fact (the same words as the visible text beside it), in a
        # description of no width: screen readers name the dropdown, the page shows the text once.
        self.selects = [
            w.Dropdown(
                options=[self.t(PROMPT), *ex.categories],
                value=self.t(PROMPT),
                description=f.text,
                style={"description_width": "0"},
                layout=w.Layout(width="14em"),
            )
            for f in ex.facts
        ]
        self.results = [w.HTML(value="") for _ in ex.facts]
        self.summary = w.HTML(value="")
        button = w.Button(description=self.t("Check my sorting"), button_style="primary")
        button.on_click(self._check)
        rows = [
            w.HBox([w.HTML(value=escape(f.text), layout=w.Layout(width="60%")), sel, res])
            for f, sel, res in zip(ex.facts, self.selects, self.results, strict=True)
        ]
        header = w.HTML(value=f"<b>{escape(ex.title)}</b><br>{escape(ex.instructions)}")
        self.widget = w.VBox([header, *rows, button, self.summary])

    def _check(self, _button=None) -> None:
        right, lines = check(self.exercise, [s.value for s in self.selects], self.t)
        for result, line in zip(self.results, lines, strict=True):
            result.value = escape(line)
        self.summary.value = escape(
            self.t("{right} of {total} facts sorted as suggested.").format(right=right, total=len(lines))
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        view = bundle.get("application/vnd.jupyter.widget-view+json")
        bundle["text/html"] = exercise_html(self.exercise, view, self.t)
        bundle["text/plain"] = self.exercise.title
        return bundle


def sorting_exercise(exercise_id: str) -> SortingExercise:
    """The exercise in the kernel's language (FRONTLINE_LANGUAGE, set by `frontline build`)."""
    project, lang = Project.here(), kernel_language()
    return SortingExercise(load_exercise(exercise_id, project, lang), interface(project, lang))
