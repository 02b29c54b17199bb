"""nbgrader preprocessors that this course adds, one transformation each, and the pipelines that
use them. `assessments/nbgrader_config.py` installs these, so nbgrader's own commands and the
formgrader behave exactly like `frontline`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.converters import GenerateAssignment
from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, ClearSolutions, GetGrades
from nbgrader.preprocessors.base import NbGraderPreprocessor
from traitlets import Unicode

from ..content.bank import load_bank
from ..paths import Project
from .quiz_notebook import language_of


class KeepAnswerStubs(ClearSolutions):
    """Answer cells are generated as the learner should see them (`answer_3 = ""`) and hold no
    key, so a code answer cell without a solution region is kept instead of replaced by a stub."""

    def preprocess_cell(self, cell, resources, index):
        if (
            cell.cell_type == "code"
            and utils.is_solution(cell)
            and self.begin_solution_delimeter not in cell.source
        ):
            return cell, resources
        return super().preprocess_cell(cell, resources, index)


@lru_cache(maxsize=16)
def _reviews(project_root: str, quiz_id: str, lang: str | None = None) -> dict[str, str | None]:
    """Read the bank once per quiz and language, not once per learner's feedback page."""
    bank = load_bank(Project(Path(project_root)), lang)
    quiz = bank.quizzes.get(quiz_id)
    return {i.id: i.review for i in quiz.items} if quiz else {}


class RedactTestResults(NbGraderPreprocessor):
    """In feedback, replace what an autograder test printed (a traceback can quote the key) with
    a plain result, and for a lost point, a pointer to what to re-read."""

    review_prefix = Unicode("Read again: ").tag(config=True)
    project_root = Unicode("", help="the project whose question bank holds the review pointers").tag(
        config=True
    )

    def preprocess(self, nb, resources):
        quiz_id = resources.get("nbgrader", {}).get("assignment")
        self._reviews = {}
        if self.project_root and quiz_id:
            # The review pointers in the language the learner took the quiz in.
            self._reviews = _reviews(self.project_root, quiz_id, language_of(nb, "") or None)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell: NotebookNode, resources, index):
        if cell.cell_type != "code" or not utils.is_grade(cell) or utils.is_solution(cell):
            return cell, resources
        meta = cell.metadata.get("nbgrader", {})
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        # The gradebook's score decides (GetGrades put it here), so a person's mark and a kernel-free
        # grade read the same; without one, what the test printed decides.
        score, points = meta.get("score"), meta.get("points")
        lost = (score < points) if score is not None and points is not None else bool(errors)
        if meta.get("needs_manual_grade"):
            lost, text = False, "A person will mark this answer; it is not scored yet."
        elif not lost:
            text = "Correct."
        elif any(o.get("ename") == "NameError" for o in errors):
            text = "No answer was found for this question: the answer cell was changed or removed."
        else:
            text = "Not correct, or no answer given."
        review = self._reviews.get(meta.get("grade_id"))
        if lost and review:
            text += f"\n{self.review_prefix}{review}"
        cell.outputs = [{"output_type": "stream", "name": "stdout", "text": text + "\n"}]
        return cell, resources


class GetGradesWithReview(GetGrades):
    """GetGrades, also saying which answers still wait for a person, so feedback never calls an
    unmarked answer wrong."""

    def _get_score(self, cell, resources) -> None:
        grade = self.gradebook.find_grade(
            cell.metadata["nbgrader"]["grade_id"], self.notebook_id, self.assignment_id, self.student_id
        )
        cell.metadata.nbgrader.update(
            score=grade.score, points=grade.max_score, needs_manual_grade=bool(grade.needs_manual_grade)
        )


def assignment_preprocessors() -> list[type]:
    """nbgrader's own release pipeline, with answer cells kept as generated."""
    defaults = GenerateAssignment.class_traits()["preprocessors"].default()
    return [KeepAnswerStubs if p is ClearSolutions else p for p in defaults]


def limited_autograde_preprocessors() -> list[type]:
    """nbgrader's autograde pipeline, executing under the limits of frontline.grading.limits."""
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute

    from .limits import LimitedExecute

    defaults = Autograde.class_traits()["autograde_preprocessors"].default()
    return [LimitedExecute if p is Execute else p for p in defaults]


# Feedback never shows hidden tests, marking schemes or test tracebacks.
FEEDBACK_PREPROCESSORS = [
    GetGradesWithReview,
    ClearHiddenTests,
    ClearMarkScheme,
    RedactTestResults,
    CSSHTMLHeaderPreprocessor,
]
