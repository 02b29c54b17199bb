"""Per-learner feedback pages, written from the bank and the gradebook rather than from a notebook:
each question, the learner's answer in letters (never Python), whether it earned its points, and
for a lost point what to read again. The key, the hidden tests and the marking schemes are never
read here, so they cannot reach a learner. One small file, no scripts, nothing from elsewhere:
it opens offline and on a phone. (nbgrader's own `generate_feedback` still works on the same
gradebook, through the course's feedback pipeline in nbgrader_config.py.)"""

from __future__ import annotations

from html import escape

from ..content.bank import Quiz, QuizItem
from ..markdown import to_html
from .exports import Row
from .literal_grading import describe, literal_answer
from .quiz_notebook import answer_variable, written_stub
from .quiz_words import FEEDBACK, NOTEBOOK, number, points, words

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.45;
       color: #111; background: #fff; max-width: 42rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; }
.total { font-size: 1.1rem; padding: .6rem .8rem; border: 2px solid #111; }
.answer { background: #f3f3f3; padding: .4rem .6rem; white-space: pre-wrap; }
.result { font-weight: bold; } .note { font-size: .9rem; border-top: 1px solid #999; margin-top: 2rem; }
@media print { .total { border-width: 1pt; } }
"""


def _question(item: QuizItem, number: int) -> str:
    lang = item.language
    w = words(NOTEBOOK, lang)
    heading = w["question"].format(number=number)
    parts = [f"<h2>{escape(heading)} ({escape(points(item.points, w, lang))})</h2>"]
    if item.scenario:
        parts.append(f"<p><em>{escape(item.scenario.strip())}</em></p>")
    parts.append(to_html(item.question.strip()))
    if item.type == "true-false":
        yes, no = item.letters
        parts.append(
            f"<ul><li><strong>{yes}</strong>{w['colon']} {escape(w['true'])}</li>"
            f"<li><strong>{no}</strong>{w['colon']} {escape(w['false'])}</li></ul>"
        )
    elif item.options:
        options = "".join(
            f"<li><strong>{k}</strong>{w['colon']} {escape(v)}</li>" for k, v in item.options.items()
        )
        parts.append(f"<ul>{options}</ul>")
    return "\n".join(parts)


def _answer(item: QuizItem, number: int, text: str) -> str:
    f = words(FEEDBACK, item.language)
    none = f"<p>{escape(f['your_answer'])} <em>{escape(f['none'])}</em></p>"
    if not item.autograded:
        shown = text.strip()
        if not shown or shown == written_stub(item.language):
            return none
        return f'<p>{escape(f["your_answer"])}</p><div class="answer">{escape(shown)}</div>'
    letters, problem = literal_answer(text, answer_variable(number))
    if problem:
        return f"<p>{escape(f['unreadable'])}</p>"
    if not letters:
        return none
    return f"<p>{escape(f['your_answer'])} <strong>{escape(letters)}</strong></p>"


def _result(item: QuizItem, score: float | None) -> str:
    lang = item.language
    f = words(FEEDBACK, lang)
    if score is None:
        return f'<p class="result">{escape(f["pending"])}</p>'
    earned = f["earned"].format(
        score=number(score, lang), points=points(item.points, words(NOTEBOOK, lang), lang)
    )
    if score >= item.points:
        return f'<p class="result">{escape(f["correct"].format(earned=earned))}</p>'
    line = f'<p class="result">{escape(f["not_correct"].format(earned=earned))}</p>'
    if item.review:
        line += f"<p>{escape(f['review'].format(review=item.review))}</p>"
    return line


def _total(quiz: Quiz, row: Row) -> str:
    lang = quiz.language
    f = words(FEEDBACK, lang)
    best = number(quiz.max_score, lang)
    if row.status == "graded":
        return f["score"].format(score=number(row.score, lang), max=best)
    waiting = sum(1 for s in row.items.values() if s is None)
    return f["so_far_one" if waiting == 1 else "so_far"].format(
        score=number(row.score or 0, lang), max=best, n=waiting
    )


def questions(quiz: Quiz) -> list[str]:
    """Every question as HTML: the same for every learner, so made once per batch."""
    return [_question(item, number) for number, item in enumerate(quiz.items, start=1)]


def page(quiz: Quiz, row: Row, answers: dict[str, str], asked: list[str] | None = None) -> str:
    """The feedback page for one learner, in the quiz's language (the one they took it in);
    `answers` as the autograded notebook holds them."""
    asked = asked or questions(quiz)
    lang = quiz.language
    f = words(FEEDBACK, lang)
    title = f["title"].format(title=quiz.title)
    body = [f"<h1>{escape(title)}</h1>", f"<p>{escape(f['learner'].format(learner=row.learner))}</p>"]
    if row.status == "failed":
        reason = describe(row.reasons, lang)
        body.append(f'<p class="total">{escape(f["failed"].format(reason=reason))}</p>')
    else:
        body.append(f'<p class="total">{escape(_total(quiz, row))}</p>')
        for number, item in enumerate(quiz.items, start=1):
            body.append(asked[number - 1])
            body.append(_answer(item, number, answers.get(item.id, "")))
            body.append(_result(item, row.items.get(item.id)))
    body.append(f'<p class="note">{escape(f["note"])}</p>')
    return (
        f'<!doctype html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
