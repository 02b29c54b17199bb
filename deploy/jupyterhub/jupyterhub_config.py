"""JupyterHub configuration for one Frontline course: learners fetch and submit quizzes through
nbgrader's exchange, graders use the course's formgrader as a hub service, and `frontline grade
--exchange` collects, grades and hands feedback back. README.md beside this file is the recipe.

Load it from the hub's own configuration (The Littlest JupyterHub: a file in
/opt/tljh/config/jupyterhub_config.d/ holding `load_subconfig("<this file>")`), or start a plain
hub with `jupyterhub -f <this file>`. It chooses no authenticator and no spawner: The Littlest
JupyterHub and Zero to JupyterHub bring their own; a plain hub logs in with the machine's accounts.
"""

import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

HERE = Path(__file__).resolve().parent
# The settings of this course. The environment variables are for tests and unusual set-ups.
COURSE = os.environ.get("FRONTLINE_COURSE", "frontline")  # the course_id in nbgrader_config.py
COURSE_DIR = Path(os.environ.get("FRONTLINE_COURSE_DIR", HERE.parent.parent / "assessments"))
EXCHANGE = os.environ.get("FRONTLINE_EXCHANGE", "/srv/nbgrader/exchange")  # c.Exchange.root there too
ROSTER = Path(os.environ.get("FRONTLINE_ROSTER", HERE))  # learners.txt and graders.txt
GRADER_ACCOUNT = os.environ.get("FRONTLINE_GRADER_ACCOUNT", f"grader-{COURSE}")  # owns COURSE_DIR
FORMGRADER_PORT = int(os.environ.get("FRONTLINE_FORMGRADER_PORT", "9999"))
IDLE_MINUTES = int(os.environ.get("FRONTLINE_IDLE_MINUTES", "60"))
# The Jupyter server of the learners' environment (The Littlest JupyterHub keeps it in /opt/tljh/user).
SINGLEUSER = os.environ.get("FRONTLINE_SINGLEUSER") or next(
    p
    for p in ("/opt/tljh/user/bin/jupyterhub-singleuser", shutil.which("jupyterhub-singleuser"))
    if p and Path(p).exists()
)


def names(file: Path) -> list[str]:
    """Hub user names, one a line; blank lines and lines starting with # are ignored."""
    if not file.is_file():
        return []
    lines = (line.split("#", 1)[0].strip() for line in file.read_text(encoding="utf-8").splitlines())
    return sorted({line for line in lines if line})


learners = names(ROSTER / "learners.txt")
graders = names(ROSTER / "graders.txt")

# Who may log in: the people on the two lists (and whoever the hub's own settings add).
c.Authenticator.allowed_users = set(c.Authenticator.get("allowed_users", set())) | set(learners + graders)
# nbgrader's names for the course's two groups: graders see the formgrader, learners take quizzes.
c.JupyterHub.load_groups = {
    f"formgrade-{COURSE}": {"users": graders},
    f"nbgrader-{COURSE}": {"users": learners},
}
c.JupyterHub.load_roles = [
    {
        "name": f"formgrade-{COURSE}",
        "groups": [f"formgrade-{COURSE}"],
        "scopes": [f"access:services!service={COURSE}", f"read:services!service={COURSE}", "list:services"],
    },
    {
        "name": "idle-culler",
        "services": ["idle-culler"],
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    },
]

# The course's formgrader: a Jupyter server run by the grader account in the course folder, so it
# reads the course's nbgrader_config.py (gradebook, exchange) like `frontline grade` does.
c.JupyterHub.services = [
    s for s in c.JupyterHub.get("services", []) if s.get("name") not in (COURSE, "idle-culler")
] + [
    {
        "name": COURSE,
        "url": f"http://127.0.0.1:{FORMGRADER_PORT}",
        "command": [SINGLEUSER, f"--port={FORMGRADER_PORT}"],
        "user": GRADER_ACCOUNT,
        "cwd": str(COURSE_DIR),
        "environment": {"JUPYTERHUB_DEFAULT_URL": "/formgrader"},
        "oauth_no_confirm": True,
    }
]
# Stop servers nobody has used for an hour: 100 idle learners would otherwise hold 100 kernels.
# The Littlest JupyterHub runs its own culler ("cull-idle"); then this one is not added.
if not any(s.get("name") == "cull-idle" for s in c.JupyterHub.services):
    c.JupyterHub.services.append(
        {
            "name": "idle-culler",
            "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={IDLE_MINUTES * 60}"],
        }
    )

# Learners' servers: nbgrader's Assignments tab and its exchange, with the learner's hub user name
# as the student id (nbgrader would otherwise take the operating-system account's name), and
# without the formgrader. learner/ beside this file holds their nbgrader and server settings.
c.Spawner.environment = {
    **c.Spawner.get("environment", {}),
    "JUPYTER_CONFIG_PATH": str(HERE / "learner"),
    "FRONTLINE_COURSE": COURSE,
    "FRONTLINE_EXCHANGE": EXCHANGE,
}
