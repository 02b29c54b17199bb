"""`nbgrader export`, with the status of each submission: installed by nbgrader_config.py, so
nbgrader's own export never turns a failed or missing submission into a silent 0."""

from __future__ import annotations

import csv

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins.export import ExportPlugin

from .literal_grading import describe
from .store import has_status_table, recorded

COLUMNS = [
    "assignment",
    "duedate",
    "timestamp",
    "student_id",
    "last_name",
    "first_name",
    "email",
    "raw_score",
    "late_submission_penalty",
    "score",
    "max_score",
    "status",
    "reason",
]


def _status(submission, rec) -> tuple[str, str]:
    """From our record when `frontline grade` made one; from nbgrader's flags when nbgrader did."""
    if rec is not None and rec.status == "failed":
        return "failed", describe(rec.reasons)
    if submission is None:
        return "failed", "not graded yet: run frontline grade"
    if submission.needs_manual_grade:
        flags = describe(list(rec.flags.values())) if rec is not None else ""
        return "needs review", flags or "some answers wait for a person, or nbgrader could not run them"
    return "graded", ""


class StatusCsvExport(ExportPlugin):
    """nbgrader's CSV columns plus status and reason; scores blank unless graded."""

    def export(self, gradebook: Gradebook) -> None:
        dest = self.to or "grades.csv"
        has_status = has_status_table(gradebook.engine)
        with open(dest, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
            writer.writeheader()
            for assignment in gradebook.assignments:
                if self.assignment and assignment.name not in self.assignment:
                    continue
                on_record = recorded(gradebook, assignment.name) if has_status else {}
                for student in gradebook.students:
                    if self.student and student.id not in self.student:
                        continue
                    try:
                        sub = gradebook.find_submission(assignment.name, student.id)
                    except MissingEntry:
                        sub = None
                    rec = on_record.get(student.id)
                    if sub is None and rec is None:
                        continue  # never submitted: nothing to grade, nothing to report as 0
                    status, reason = _status(sub, rec)
                    graded = sub is not None and status == "graded"
                    penalty = sub.late_submission_penalty or 0.0 if sub is not None else 0.0
                    writer.writerow(
                        {
                            "assignment": assignment.name,
                            "duedate": assignment.duedate or "",
                            "timestamp": (sub.timestamp if sub is not None else "") or "",
                            "student_id": student.id,
                            "last_name": student.last_name or "",
                            "first_name": student.first_name or "",
                            "email": student.email or "",
                            "raw_score": sub.score if graded else "",
                            "late_submission_penalty": penalty if graded else "",
                            "score": max(0.0, sub.score - penalty) if graded else "",
                            "max_score": assignment.max_score,
                            "status": status,
                            "reason": reason,
                        }
                    )
