"""Find graded answer keys where learners could see them: the built book, released notebooks,
feedback. Self-check answers are meant to be seen and are not looked for."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..content.bank import Bank, QuizItem, plain
from .quiz_notebook import hidden_test

# Any hidden-test line of a generated quiz, whatever the item.
HIDDEN_TEST = re.compile(r"_letters?\(answer_\d+\)\s*==")
TAGS = re.compile(r"<[^>]+>")
# Tags inside a run of text (a no-wrap span around an id, bold, a link): gone without a trace, so
# "objective <span>FR2.4</span>)" reads "objective FR2.4)" as on screen.
INLINE_TAGS = re.compile(r"</?(?:span|strong|em|b|i|code|a|sup|sub|small|mark)\b[^>]*>")
# Data a page's script reads (the quiz page carries the released notebook so): JSON escapes quotes
# and "<", so the guard reads it decoded, as the script will.
JSON_SCRIPT = re.compile(r"<script\b[^>]*\btype=[\"']application/json[\"'][^>]*>(.*?)</script>", re.S | re.I)


@dataclass(frozen=True)
class Leak:
    path: Path
    item: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}: item {self.item}: {self.what} visible to learners"


def signatures(item: QuizItem, number: int) -> dict[str, str]:
    """Texts that would give away an item's answer, by what they are."""
    found = {"explanation": plain(item.explanation)}
    if item.autograded:
        found["hidden test"] = plain(hidden_test(item, number))
    else:
        found["model answer"] = plain(item.model_answer or "")
        for n, c in enumerate(item.rubric or [], start=1):
            found[f"rubric criterion {n}"] = plain(c.criterion)
            for mark, anchor in (c.levels or {}).items():
                found[f"rubric criterion {n}, level {mark}"] = plain(anchor)
        for n, sample in enumerate(item.samples or [], start=1):
            found[f"sample answer {n}"] = plain(sample.answer)
    return found


def _notebook_text(nb: dict) -> str:
    parts = []
    for cell in nb.get("cells", []):
        parts.append("".join(cell.get("source", "")))
        for out in cell.get("outputs", []):
            parts.append(json.dumps(out, ensure_ascii=False))
    return " ".join(parts)


def _strings(value: object) -> list[str]:
    """Every string in decoded JSON, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _embedded(raw: str) -> str:
    """The JSON data blocks of a page, decoded: a notebook as its cells read, anything else as its strings."""
    parts = []
    for block in JSON_SCRIPT.findall(raw):
        try:
            data = json.loads(block)
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict) and isinstance(data.get("cells"), list):
            parts.append(_notebook_text(data))
        parts.append(" ".join(_strings(data)))
    return " ".join(parts)


def visible_text(path: Path) -> str:
    """What a file shows: notebook sources and outputs, or a page's text and attributes (and the
    data its scripts read)."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".ipynb":
        try:
            nb = json.loads(raw)
        except json.JSONDecodeError:
            return plain(raw)
        return plain(_notebook_text(nb))
    if path.suffix in {".html", ".htm"}:
        text = html.unescape(raw) + " " + html.unescape(TAGS.sub(" ", INLINE_TAGS.sub("", raw)))
        return plain(text + " " + _embedded(raw))
    return plain(raw)


def scan(paths: list[Path], bank: Bank, *more: Bank) -> list[Leak]:
    """Every leak in `paths` of a graded answer of `bank` or of `more` (the same bank in other
    languages: a French page is checked for the French and the English explanations)."""
    leaks: list[Leak] = []
    sigs = [
        (item.id, what, text)
        for one in (bank, *more)
        for quiz in one.quizzes.values()
        for number, item in enumerate(quiz.items, start=1)
        for what, text in signatures(item, number).items()
        if len(text) >= 12
    ]
    for path in paths:
        text = visible_text(path)
        if HIDDEN_TEST.search(text):
            leaks.append(Leak(path, "?", "a hidden test"))
        leaks.extend(Leak(path, item_id, what) for item_id, what, sig in sigs if sig in text)
    return leaks


def learner_files(root: Path) -> list[Path]:
    """Every file under root a learner may receive or read."""
    return sorted(
        p for p in root.rglob("*") if p.suffix in {".html", ".ipynb", ".js", ".txt"} and p.is_file()
    )
