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
from .quiz_notebook import answer_variable

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.45;
       color: #111; background: #fff; max-width: 42rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; }
.total { font-size: 1.1rem; padding: .6rem .8rem; border: 2px solid #111; }
.answer { background: #f3f3f3; padding: .4rem .6rem; white-space: pre-wrap; }
.result { font-weight: bold; } .note { font-size: .9rem; border-top: 1px solid #999; margin-top: 2rem; }
@media print { .total { border-width: 1pt; } }
"""


def _points(value: float) -> str:
    return f"{value:g} point" + ("" if value == 1 else "s")


def _question(item: QuizItem, number: int) -> str:
    parts = [f"<h2>Question {number} ({_points(item.points)})</h2>"]
    if item.scenario:
        parts.append(f"<p><em>{escape(item.scenario.strip())}</em></p>")
    parts.append(to_html(item.question.strip()))
    if item.type == "true-false":
        parts.append("<ul><li><strong>T</strong>: true</li><li><strong>F</strong>: false</li></ul>")
    elif item.options:
        options = "".join(f"<li><strong>{k}</strong>: {escape(v)}</li>" for k, v in item.options.items())
        parts.append(f"<ul>{options}</ul>")
    return "\n".join(parts)


def _answer(item: QuizItem, number: int, text: str) -> str:
    if not item.autograded:
        shown = text.strip()
        if not shown or shown == "Write your answer here.":
            return "<p>Your answer: <em>none given</em></p>"
        return f'<p>Your answer:</p><div class="answer">{escape(shown)}</div>'
    letters, problem = literal_answer(text, answer_variable(number))
    if problem:
        return "<p>Your answer could not be read as letters; a person will look at it.</p>"
    return f"<p>Your answer: <strong>{escape(letters or '') or '<em>none given</em>'}</strong></p>"


def _result(item: QuizItem, score: float | None) -> str:
    if score is None:
        return '<p class="result">A person will mark this answer. It is not scored yet.</p>'
    earned = f"{score:g} of {_points(item.points)}"
    if score >= item.points:
        return f'<p class="result">Correct ({earned}).</p>'
    line = f'<p class="result">Not correct ({earned}).</p>'
    if item.review:
        line += f"<p>Read again: {escape(item.review)}</p>"
    return line


def _total(quiz: Quiz, row: Row) -> str:
    if row.status == "graded":
        return f"Your score: {row.score:g} of {quiz.max_score:g}."
    waiting = sum(1 for s in row.items.values() if s is None)
    return (
        f"Your score so far: {row.score or 0:g} of {quiz.max_score:g}. "
        f"A person still has to mark {waiting} answer{'s' if waiting != 1 else ''}, "
        "so this score is not final."
    )


def questions(quiz: Quiz) -> list[str]:
    """Every question as HTML: the same for every learner, so made once per batch."""
    return [_question(item, number) for number, item in enumerate(quiz.items, start=1)]


def page(quiz: Quiz, row: Row, answers: dict[str, str], asked: list[str] | None = None) -> str:
    """The feedback page for one learner; `answers` as the autograded notebook holds them."""
    asked = asked or questions(quiz)
    title = f"{quiz.title}: your feedback"
    body = [f"<h1>{escape(title)}</h1>", f"<p>Learner: {escape(row.learner)}</p>"]
    if row.status == "failed":
        body.append(
            '<p class="total">Your quiz could not be graded. Your file is kept, nothing is lost. '
            f"Please ask your instructor. The reason: {escape(describe(row.reasons))}</p>"
        )
    else:
        body.append(f'<p class="total">{escape(_total(quiz, row))}</p>')
        for number, item in enumerate(quiz.items, start=1):
            body.append(asked[number - 1])
            body.append(_answer(item, number, answers.get(item.id, "")))
            body.append(_result(item, row.items.get(item.id)))
    body.append('<p class="note">This page works without a connection. Keep it for your records.</p>')
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
