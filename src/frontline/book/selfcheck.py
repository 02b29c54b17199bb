"""Self-check items as static HTML: usable with no script (answers in a details box), upgraded by
assets/static/frontline.js to radio buttons with instant feedback. Only self-check items come here."""

from __future__ import annotations

from html import escape

from ..content.bank import SelfCheckItem


def _choices(item: SelfCheckItem) -> list[tuple[str, str, str]]:
    """(value, label, feedback) for each choice the learner can pick."""
    if item.type == "true-false":
        return [(v, v.capitalize(), item.feedback[v]) for v in ("true", "false")]
    return [(k, f"{k}. {text}", item.feedback[k]) for k, text in (item.options or {}).items()]


def render(item: SelfCheckItem, number: int | None = None) -> str:
    answer = str(item.answer).lower() if isinstance(item.answer, bool) else item.answer
    qid = f"sc-{item.id}"
    label = f"Question {number}" if number else "Question"
    scenario = f'<p class="fl-scenario">{escape(item.scenario)}</p>' if item.scenario else ""
    choices = []
    explained = []
    for value, text, feedback in _choices(item):
        cid = f"{qid}-{value}"
        correct = "true" if value == answer else "false"
        choices.append(
            f'<div class="fl-choice"><input type="radio" name="{qid}" id="{cid}" value="{value}" '
            f'data-correct="{correct}">'
            f'<label for="{cid}">{escape(text)}</label></div>'
        )
        # The feedback is written once, here; the page's script reads it from this list.
        explained.append(
            f'<li data-option="{value}"><strong>{escape(text)}</strong>: '
            f'<span class="fl-why">{escape(feedback)}</span></li>'
        )
    right = next(text for value, text, _ in _choices(item) if value == answer)
    return (
        f'<section class="fl-selfcheck" id="{qid}" data-item="{escape(item.id)}" '
        f'aria-labelledby="{qid}-label">'
        f'<p class="fl-selfcheck-label" id="{qid}-label">{label} '
        f'<span class="fl-objective">(objective {escape(item.objective)})</span></p>'
        f"{scenario}"
        f"<fieldset><legend>{escape(item.question)}</legend>{''.join(choices)}</fieldset>"
        f'<button type="button" class="fl-check" hidden>Check my answer</button>'
        f'<p class="fl-feedback" role="status" aria-live="polite"></p>'
        f'<details class="fl-answer"><summary>Show the answer</summary>'
        f"<p>The answer is <strong>{escape(right)}</strong>.</p><ul>{''.join(explained)}</ul>"
        f"</details></section>"
    )
