"""nbgrader configuration for the Frontline course. `frontline release` and `frontline grade` use
it, and so do nbgrader's own commands and the formgrader when run from this folder."""

from pathlib import Path

from frontline.nbgrader_steps import FEEDBACK_PREPROCESSORS, assignment_preprocessors

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

c.ExecutePreprocessor.timeout = 60
c.Execute.timeout = 60
