"""Marking schemes that two graders apply alike: anchored levels, score bands without gaps, and
sample answers whose marks follow the scheme's own rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..content.bank import Bank, QuizItem
from ..errors import FrontlineError

# Each band of a scheme needs this many marked samples for graders to calibrate on.
SAMPLES_PER_BAND = 2


def band_of(item: QuizItem, total: int) -> str | None:
    return next((name for name, (low, high) in (item.bands or {}).items() if low <= total <= high), None)


def sample_problems(item: QuizItem) -> Iterator[str]:
    """What is wrong with an item's bands and samples, each as one sentence."""
    if not item.bands:
        return
    covered = sorted(m for low, high in item.bands.values() for m in range(low, high + 1))
    if covered != list(range(item.points + 1)):
        yield f"bands must cover every total from 0 to {item.points} once, not {covered}"
    counts = Counter(s.band for s in item.samples or [])
    for name in item.bands:
        if counts[name] < SAMPLES_PER_BAND:
            yield f"band {name!r} has {counts[name]} sample answer(s); it needs {SAMPLES_PER_BAND}"
    for n, sample in enumerate(item.samples or [], start=1):
        if sample.band not in item.bands:
            yield f"sample {n}: band {sample.band!r} is not one of {', '.join(item.bands)}"
            continue
        if len(sample.marks) != len(item.rubric or []):
            yield f"sample {n}: {len(sample.marks)} marks for {len(item.rubric or [])} criteria"
            continue
        for c, (mark, criterion) in enumerate(zip(sample.marks, item.rubric or [], strict=True), start=1):
            if not 0 <= mark <= criterion.points:
                yield f"sample {n}: mark {mark} on criterion {c} is outside 0 to {criterion.points}"
        total = sum(sample.marks)
        if band_of(item, total) != sample.band:
            low, high = item.bands[sample.band]
            yield f"sample {n}: its marks add up to {total}, outside band {sample.band!r} ({low} to {high})"


def check_marking(bank: Bank) -> Iterator[str]:
    for quiz in bank.quizzes.values():
        for item in quiz.items:
            for problem in sample_problems(item):
                yield str(FrontlineError(problem, bank.files[quiz.id], item.id))
