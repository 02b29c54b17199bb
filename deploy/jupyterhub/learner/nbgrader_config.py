"""nbgrader settings for learners' servers on the hub (the hub points JUPYTER_CONFIG_PATH here).
The student id is the hub user name: without this line nbgrader takes the operating-system
account's name, which on Zero to JupyterHub is `jovyan` for everyone."""

import os

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = os.environ.get("FRONTLINE_COURSE", "frontline")
c.Exchange.root = os.environ.get("FRONTLINE_EXCHANGE", "/srv/nbgrader/exchange")
if os.environ.get("JUPYTERHUB_USER"):
    c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
