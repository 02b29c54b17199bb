"""The table `frontline grade` ends with: how many submissions ended in each status, and why each
one that is not simply graded was not."""

from __future__ import annotations

from .literal_grading import describe
from .pipeline import GradeReport

SHOW = 20  # reasons listed in full; the rest are in the status column of the exports


def summary(report: GradeReport) -> str:
    quiz = report.quiz.id
    counts = report.counts()
    total = sum(counts.values())
    lines = [
        f"{quiz}: {total} submission(s); {len(report.fresh)} graded now, "
        f"{len(report.kept)} unchanged since the last run",
        "",
        f"  {'status':<14}{'learners':>9}",
    ]
    lines += [f"  {status:<14}{counts.get(status, 0):>9}" for status in ("graded", "needs review", "failed")]
    flagged = sorted((k, o) for k, o in report.statuses.items() if o.status != "graded")
    if flagged:
        lines.append("")
    for learner, outcome in flagged[:SHOW]:
        lines.append(f"  submitted/{learner}/{quiz}: {outcome.status}: {describe(outcome.reasons)}")
    if len(flagged) > SHOW:
        lines.append(f"  ... and {len(flagged) - SHOW} more: see the status column of the grades")
    lines.append("")
    lines += [f"  {key:<7}{path}" for key, path in report.exports.items()]
    return "\n".join(lines)
