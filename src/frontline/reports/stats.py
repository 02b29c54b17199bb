"""Quiz statistics with the definitions of Moodle's quiz statistics report (classical test theory).

Input is a score matrix: one row per learner, one column per item, each score between 0 and the item's
maximum; an unanswered item scores 0. All functions are plain numpy so 10,000 learners take moments.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ItemStats:
    facility: float  # mean score as a share of the maximum, 0..1
    sd: float  # standard deviation of the item's score as a share of the maximum
    discrimination: float | None  # 100 x correlation of the item with the rest of the test
    efficiency: float | None  # 100 x covariance with the rest / the largest covariance possible


@dataclass(frozen=True)
class TestStats:
    learners: int
    mean: float  # per cent of the maximum
    median: float
    sd: float
    alpha: float | None  # Cronbach's alpha (KR-20 when every item is scored 0/1); None if undefined
    alpha_note: str  # why alpha is missing, or which formula it is
    sem: float | None  # standard error of measurement, per cent of the maximum


def _corr(x: np.ndarray, y: np.ndarray) -> float | None:
    sx, sy = x.std(), y.std()
    if sx == 0 or sy == 0:
        return None
    return float(((x - x.mean()) * (y - y.mean())).mean() / (sx * sy))


def item_stats(scores: np.ndarray, max_points: np.ndarray) -> list[ItemStats]:
    """Per item: facility, spread, discrimination index and discriminative efficiency."""
    total = scores.sum(axis=1)
    out = []
    for j in range(scores.shape[1]):
        item = scores[:, j]
        rest = total - item
        r = _corr(item, rest)
        cov = float(((item - item.mean()) * (rest - rest.mean())).mean())
        # The largest covariance these two sets of scores could have: both sorted the same way.
        cmax = float(((np.sort(item) - item.mean()) * (np.sort(rest) - rest.mean())).mean())
        out.append(
            ItemStats(
                facility=float(item.mean() / max_points[j]),
                sd=float(item.std(ddof=1) / max_points[j]) if len(item) > 1 else 0.0,
                discrimination=None if r is None else 100 * r,
                efficiency=None if cmax <= 0 else 100 * cov / cmax,
            )
        )
    return out


def cronbach_alpha(scores: np.ndarray) -> tuple[float | None, str]:
    """Alpha from item and total variances; KR-20 is the same formula for items scored 0 or 1."""
    learners, items = scores.shape
    if learners < 2:
        return None, "needs at least two learners"
    if items < 2:
        return None, "needs at least two items"
    total_var = scores.sum(axis=1).var(ddof=1)
    if total_var == 0:
        return None, "every learner has the same total score, so reliability cannot be estimated"
    alpha = items / (items - 1) * (1 - scores.var(axis=0, ddof=1).sum() / total_var)
    binary = bool(np.isin(scores, (0, 1)).all())
    return float(alpha), "KR-20" if binary else "Cronbach's alpha"


def test_stats(scores: np.ndarray, max_points: np.ndarray) -> TestStats:
    percent = 100 * scores.sum(axis=1) / max_points.sum()
    alpha, note = cronbach_alpha(scores)
    sd = float(percent.std(ddof=1)) if len(percent) > 1 else 0.0
    sem = None if alpha is None else sd * float(np.sqrt(max(0.0, 1 - alpha)))
    return TestStats(
        learners=len(percent),
        mean=float(percent.mean()),
        median=float(np.median(percent)),
        sd=sd,
        alpha=alpha,
        alpha_note=note,
        sem=sem,
    )


def thirds(totals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the top and bottom thirds of learners by total score (ties broken by position)."""
    order = np.argsort(totals, kind="stable")
    n = len(totals) // 3 or 1
    bottom = np.zeros(len(totals), bool)
    top = np.zeros(len(totals), bool)
    bottom[order[:n]] = True
    top[order[-n:]] = True
    return top, bottom


@dataclass(frozen=True)
class GroupGain:
    """A group's learning gain. Hake defined the normalised gain for class averages; for one person on a
    short test it is mostly noise and undefined at a full score, so only the group's figure is given."""

    learners: int
    mean: float | None  # mean of (after - before), percentage points
    se: float | None  # its standard error; None below two learners
    normalised: float | None  # (mean after - mean before) / (100 - mean before); None at a full mean before


def group_gain(before: np.ndarray, after: np.ndarray) -> GroupGain:
    n = len(before)
    if n == 0:
        return GroupGain(0, None, None, None)
    diff = after - before
    se = float(diff.std(ddof=1) / np.sqrt(n)) if n > 1 else None
    room = 100.0 - float(before.mean())
    normalised = float((after.mean() - before.mean()) / room) if room > 0 else None
    return GroupGain(n, float(diff.mean()), se, normalised)


def normalised_gain(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """Hake's normalised gain (after - before) / (100 - before) on per cent scores; NaN at 100 before."""
    room = 100.0 - before
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(room > 0, (after - before) / room, np.nan)
