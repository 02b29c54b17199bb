"""Self-check items as static HTML: usable with no script (answers in a details box), upgraded by
assets/static/frontline.js to radio buttons with instant feedback. Only self-check items come here."""

from __future__ import annotations

from collections.abc import Callable
from html import escape as _escape

from ..content.bank import SelfCheckItem
from ..printed.typography import screen_text


def _same(msgid: str) -> str:
    return msgid


def _choices(item: SelfCheckItem, t: Callable[[str], str] = _same) -> list[tuple[str, str, str]]:
    """(value, label, feedback) for each choice the learner can pick."""
    if item.type == "true-false":
        return [(v, t(v.capitalize()), item.feedback[v]) for v in ("true", "false")]
    return [(k, f"{k}. {text}", item.feedback[k]) for k, text in (item.options or {}).items()]


def render(item: SelfCheckItem, number: int | None = None, t: Callable[[str], str] = _same) -> str:
    """The item's HTML; `t` gives the interface's words in the page's language
    (frontline.content.interface)."""
    answer = str(item.answer).lower() if isinstance(item.answer, bool) else item.answer
    qid = f"sc-{item.id}"

    def escape(text: str) -> str:
        return _escape(screen_text(text, item.language))

    label = escape(t("Question {number}").format(number=number) if number else t("Question"))
    objective = escape(t("(objective {objective})").format(objective=item.objective))
    scenario = f'<p class="fl-scenario">{escape(item.scenario)}</p>' if item.scenario else ""
    choices = []
    explained = []
    for value, text, feedback in _choices(item, t):
        cid = f"{qid}-{value}"
        correct = "true" if value == answer else "false"
        choices.append(
            f'<div class="fl-choice"><input type="radio" name="{qid}" id="{cid}" value="{value}" '
            f'data-correct="{correct}">'
            f'<label for="{cid}">{escape(text)}</label></div>'
        )
        # The feedback is written once, here; the page's script reads it from this list. A lettered
        # option is named by its letter (its text is just above): a module page stays light.
        named = value if item.options else text
        explained.append(
            f'<li data-option="{value}"><strong>{escape(named)}</strong>: '
            f'<span class="fl-why">{escape(feedback)}</span></li>'
        )
    right = next(text for value, text, _ in _choices(item, t) if value == answer)
    answer_line = escape(t("The answer is {answer}.")).replace(
        "{answer}", f"<strong>{escape(right)}</strong>"
    )
    return (
        f'<section class="fl-selfcheck" id="{qid}" data-item="{escape(item.id)}" '
        f'aria-labelledby="{qid}-label">'
        f'<p class="fl-selfcheck-label" id="{qid}-label">{label} '
        f'<span class="fl-objective">{objective}</span></p>'
        f"{scenario}"
        f"<fieldset><legend>{escape(item.question)}</legend>{''.join(choices)}</fieldset>"
        f'<button type="button" class="fl-check" hidden>{escape(t("Check my answer"))}</button>'
        f'<p class="fl-feedback" role="status" aria-live="polite"></p>'
        f'<details class="fl-answer"><summary>{escape(t("Show the answer"))}</summary>'
        f"<p>{answer_line}</p><ul>{''.join(explained)}</ul>"
        f"</details></section>"
    )
