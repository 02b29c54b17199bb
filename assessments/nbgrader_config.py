"""nbgrader configuration for the Frontline course. `frontline release` and `frontline grade` use
it, and so do nbgrader's own commands and the formgrader when run from this folder."""

from pathlib import Path

from frontline.grading.nbgrader_steps import (
    FEEDBACK_PREPROCESSORS,
    assignment_preprocessors,
    limited_autograde_preprocessors,
)

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "frontline"
c.CourseDirectory.root = str(Path(__file__).resolve().parent)

# Answer cells are generated empty; the keys live only in hidden tests.
c.GenerateAssignment.preprocessors = assignment_preprocessors()
c.ClearSolutions.text_stub = "Write your answer here."
# The marking scheme sits in the locked question cell of a written item: graders see it in the
# formgrader; learners never do (it is removed on release and again from feedback).
c.ClearMarkScheme.enforce_metadata = False
c.GenerateFeedback.preprocessors = FEEDBACK_PREPROCESSORS
c.RedactTestResults.project_root = str(Path(__file__).resolve().parent.parent)

# Limits for any notebook that nbgrader itself runs (`nbgrader autograde`, the formgrader's
# autograde button). `frontline grade` runs nothing a learner wrote. A cell that runs out of time
# fails the submission (it is never interrupted and then tested as if nothing happened).
c.Autograde.autograde_preprocessors = limited_autograde_preprocessors()
c.Execute.timeout = 30  # seconds per cell
c.Execute.interrupt_on_timeout = False
c.LimitedExecute.memory_mb = 1024  # the kernel process
c.LimitedExecute.cpu_seconds = 120  # the kernel process, in all
c.LimitedExecute.max_output_bytes = 1_000_000  # kept per cell; the rest is dropped as it arrives

# `nbgrader export` writes each submission's status (graded, needs review, failed) and reason,
# and leaves a score blank rather than 0 when there is none.
c.ExportApp.plugin_class = "frontline.grading.nbgrader_export.StatusCsvExport"
