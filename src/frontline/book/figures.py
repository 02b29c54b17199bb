"""Figures for the modules, drawn only from a sourced dataset in assets/data/."""

from __future__ import annotations

import matplotlib

matplotlib.use("module://matplotlib_inline.backend_inline")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from ..content.datasets import Dataset, load_dataset  # noqa: E402
from ..content.interface import interface, kernel_language  # noqa: E402
from ..content.localized import pick  # noqa: E402
from ..paths import Project  # noqa: E402

# Colours chosen for contrast on white (all at least 4.5:1) and to stay apart for colour-blind readers.
PALETTE = ["#1f4e79", "#b35900", "#2e7d32", "#6a1b9a"]

STYLE = {
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "svg.hashsalt": "frontline",
}


def _same(msgid: str) -> str:
    return msgid


def number(value: float, lang: str = "en") -> str:
    """A figure's number as its language writes it: 4014 and 2.5 in English, 4\u202f014 and 2,5
    in French (Babel's CLDR rules: decimal comma, narrow no-break space between thousands)."""
    if lang == "en":
        return f"{value:g}"
    from babel.numbers import format_decimal

    return format_decimal(float(f"{value:g}"), locale=lang)


def _axis_numbers(axis, lang: str) -> None:
    """The value axis's ticks in the language's numbers (English keeps matplotlib's own), fewer of
    them: "1\u202f500" is wider than "1500"."""
    if lang != "en":
        axis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))
        axis.set_major_formatter(FuncFormatter(lambda value, _: number(value, lang)))


def _source_line(ds: Dataset, lang: str = "en", t=_same) -> str:
    s = ds.source
    return t("Source: {publisher}, {title} ({published}), {locator}.").format(
        publisher=pick(s.publisher, lang),
        title=pick(s.title, lang),
        published=s.published,
        locator=pick(s.locator, lang).rstrip("."),
    )


def _bar(ax, ds: Dataset, lang: str) -> None:
    labels = [pick(p.label, lang) for p in ds.data]
    values = [p.value for p in ds.data]
    positions = range(len(labels))[::-1]
    bars = ax.barh(list(positions), values, color=PALETTE[0])
    ax.set_yticks(list(positions), labels)
    ax.bar_label(bars, labels=[number(v, lang) for v in values], padding=3)
    _axis_numbers(ax.xaxis, lang)
    ax.set_xlabel(pick(ds.value_label, lang))


def _grouped(ax, ds: Dataset, line: bool, lang: str) -> None:
    labels = list(dict.fromkeys(pick(p.label, lang) for p in ds.data))
    series = list(dict.fromkeys(pick(p.series or "", lang) for p in ds.data))
    width = 0.8 / len(series)
    for n, name in enumerate(series):
        values = {pick(p.label, lang): p.value for p in ds.data if pick(p.series or "", lang) == name}
        xs = [i for i, label in enumerate(labels) if label in values]
        ys = [values[labels[i]] for i in xs]
        colour = PALETTE[n % len(PALETTE)]
        if line:
            ax.plot(xs, ys, marker="o", color=colour, label=name or None)
            for x, y in zip(xs, ys, strict=True):
                ax.annotate(number(y, lang), (x, y), textcoords="offset points", xytext=(0, 6), ha="center")
        else:
            shifted = [x - 0.4 + width * (n + 0.5) for x in xs]
            bars = ax.bar(shifted, ys, width, color=colour, label=name or None)
            ax.bar_label(bars, labels=[number(y, lang) for y in ys], padding=2, fontsize=9)
    ax.set_xticks(range(len(labels)), labels)
    _axis_numbers(ax.yaxis, lang)
    ax.set_ylabel(pick(ds.value_label, lang))
    if any(series):
        ax.legend(frameon=False)


def draw(ds: Dataset, lang: str = "en", t=_same):
    """The figure for a dataset in `lang`, returned so tests can inspect it without a notebook; `t`
    gives the interface's words (the source line) in that language."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(layout="constrained")
        if ds.kind == "bar":
            _bar(ax, ds, lang)
        else:
            _grouped(ax, ds, line=ds.kind == "line", lang=lang)
        ax.set_title(pick(ds.title, lang), loc="left", wrap=True)
        fig.text(0.0, -0.02, _source_line(ds, lang, t), fontsize=8, ha="left", va="top", wrap=True)
    return fig


def chart(dataset_id: str) -> None:
    """Show the figure for one dataset in the notebook (the book keeps only the image), in the
    kernel's language (FRONTLINE_LANGUAGE, set by `frontline build` for each language's build)."""
    project = Project.here()
    lang = kernel_language()
    fig = draw(load_dataset(dataset_id, project), lang, interface(project, lang))
    plt.show()
    plt.close(fig)
