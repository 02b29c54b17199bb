"""A real JupyterHub on loopback, for the hub test and the load benchmark: the course recipe in
deploy/jupyterhub/ with a test authenticator (any password), learners' servers started as local
processes (here all learners share this machine account, so nbgrader's student id must come from
JUPYTERHUB_USER, as the recipe sets it), and configurable-http-proxy from assets/node_modules.
As root, Jupyter servers refuse to start without `--allow-root`; this adds it.

Cleanup: the hub gets SIGTERM and stops what it started; then every process still carrying this
hub's marker in its environment (the proxy and the Jupyter servers start in their own sessions,
so a process group does not reach them) is killed, whatever happened before."""

from __future__ import annotations

import json
import os
import pwd
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
RECIPE = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PROXY = ROOT / "assets" / "node_modules" / ".bin" / "configurable-http-proxy"
COURSE = "frontline"
MARKER = "FRONTLINE_HUB_RUN"

OVERRIDES = """
# The test's hub: the course recipe, then what only a test on one machine account needs.
import json, os
c = get_config()  # noqa: F821
load_subconfig({recipe!r})  # noqa: F821
s = json.loads({settings!r})
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = s["port"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = s["hub_port"]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%d" % s["proxy_api_port"]
c.ConfigurableHTTPProxy.command = [s["proxy"]]
c.ConfigurableHTTPProxy.pid_file = os.path.join(s["work"], "proxy.pid")
c.JupyterHub.db_url = "sqlite:///" + os.path.join(s["work"], "hub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(s["work"], "cookie_secret")
c.JupyterHub.authenticator_class = "dummy"  # any password: a test authenticator
c.JupyterHub.spawner_class = "simple"  # local processes of this account, a home each
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(s["work"], "homes", "{{username}}")
c.Spawner.cmd = [s["singleuser"]]
c.Spawner.args = s["server_args"]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = dict(c.Spawner.environment, **s["environment"])
c.JupyterHub.concurrent_spawn_limit = 0
for service in c.JupyterHub.services:
    if service["name"] == s["course"]:
        service["command"] = service["command"] + s["server_args"]
        service["environment"] = dict(service.get("environment", {{}}), **s["environment"])
    else:
        service["environment"] = dict(service.get("environment", {{}}), **s["environment"])
c.JupyterHub.services.append({{"name": "test-admin", "api_token": s["admin_token"]}})
c.JupyterHub.load_roles.append(
    {{"name": "test-admin", "services": ["test-admin"], "scopes": ["admin:users", "admin:servers", "tokens"]}}
)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Hub:
    url: str
    admin: str  # a token with admin rights on users and servers
    work: Path

    def call(self, method: str, path: str, token: str | None = None, **kw) -> requests.Response:
        headers = {"Authorization": f"token {token or self.admin}"}
        return requests.request(method, self.url + path, headers=headers, timeout=120, **kw)


def _marked(marker: str) -> list[int]:
    """Processes whose environment carries this hub's marker."""
    found = []
    needle = f"{MARKER}={marker}".encode()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if needle in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def _stop(hub: subprocess.Popen, marker: str) -> None:
    if hub.poll() is None:
        hub.send_signal(signal.SIGTERM)  # the hub stops the servers and the proxy it started
        try:
            hub.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(hub.pid, signal.SIGKILL)
            hub.wait()
    for _ in range(2):
        for pid in _marked(marker):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.2)


@contextmanager
def running_hub(
    work: Path, course_dir: Path, exchange: Path, learners: list[str], graders: list[str]
) -> Iterator[Hub]:
    """The course's hub on free loopback ports, stopped with every process it started."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "learners.txt").write_text("\n".join(learners) + "\n")
    (work / "graders.txt").write_text("\n".join(graders) + "\n")
    marker = secrets.token_hex(8)
    admin = secrets.token_hex(16)
    port = free_port()
    bindir = Path(sys.executable).parent
    pythonpath = os.environ.get("PYTHONPATH", "")
    src = str(ROOT / "src")
    if src not in pythonpath.split(os.pathsep):
        pythonpath = os.pathsep.join(p for p in (src, pythonpath) if p)
    settings = {
        "port": port,
        "hub_port": free_port(),
        "proxy_api_port": free_port(),
        "proxy": str(PROXY),
        "work": str(work),
        "singleuser": str(bindir / "jupyterhub-singleuser"),
        "server_args": ["--allow-root"] if os.geteuid() == 0 else [],
        # The marker finds every process at cleanup; PYTHONPATH lets the formgrader load the
        # course's nbgrader_config.py (it imports frontline) from a source checkout.
        "environment": {MARKER: marker, "PYTHONPATH": pythonpath},
        "course": COURSE,
        "admin_token": admin,
    }
    config = work / "jupyterhub_config.py"
    config.write_text(OVERRIDES.format(recipe=str(RECIPE), settings=json.dumps(settings)))
    env = {
        **os.environ,
        MARKER: marker,
        "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": pythonpath,
        "FRONTLINE_COURSE": COURSE,
        "FRONTLINE_COURSE_DIR": str(course_dir),
        "FRONTLINE_EXCHANGE": str(exchange),
        "FRONTLINE_ROSTER": str(work),
        "FRONTLINE_FORMGRADER_PORT": str(free_port()),
        "FRONTLINE_SINGLEUSER": str(bindir / "jupyterhub-singleuser"),
        "FRONTLINE_GRADER_ACCOUNT": pwd.getpwuid(os.getuid()).pw_name,
    }
    log = (work / "hub.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(config)],
        cwd=work,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        hub = Hub(f"http://127.0.0.1:{port}", admin, work)
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the hub stopped: {tail(work / 'hub.log')}")
            try:
                if hub.call("GET", "/hub/api/users").status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the hub did not answer in 60 s: {tail(work / 'hub.log')}")
            time.sleep(0.3)
        yield hub
    finally:
        _stop(proc, marker)
        log.close()


def tail(path: Path, chars: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return ""


# What a learner does, through the hub's REST API and their own Jupyter server behind the proxy.


def log_in(hub: Hub, name: str) -> str:
    """A token for `name`, issued for their user name and password (the test authenticator)."""
    auth = {"auth": {"username": name, "password": "any"}}
    r = requests.post(f"{hub.url}/hub/api/users/{name}/tokens", json=auth, timeout=120)
    r.raise_for_status()
    return r.json()["token"]


def start_server(hub: Hub, name: str, token: str, timeout: float = 180) -> None:
    r = hub.call("POST", f"/hub/api/users/{name}/server", token=token)
    if r.status_code not in (201, 202, 400):  # 400: already running
        r.raise_for_status()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        server = hub.call("GET", f"/hub/api/users/{name}", token=token).json().get("servers", {}).get("")
        if server and server.get("ready"):
            return
        time.sleep(0.5)
    raise RuntimeError(f"{name}'s server did not start: {tail(hub.work / 'hub.log')}")


def action(hub: Hub, name: str, token: str, what: str, quiz: str) -> dict:
    """nbgrader's Assignments tab: fetch, submit or fetch_feedback."""
    body = {"course_id": COURSE, "assignment_id": quiz}
    r = hub.call("POST", f"/user/{name}/assignments/{what}", token=token, json=body)
    r.raise_for_status()
    return r.json()


def read(hub: Hub, name: str, token: str, path: str) -> dict:
    r = hub.call("GET", f"/user/{name}/api/contents/{path}", token=token)
    r.raise_for_status()
    return r.json()


def write(hub: Hub, name: str, token: str, path: str, content: dict | str) -> None:
    """Save a notebook (a dict), or any text in its place (a broken file)."""
    if isinstance(content, dict):
        model = {"type": "notebook", "format": "json", "content": content}
    else:
        model = {"type": "file", "format": "text", "content": content}
    hub.call("PUT", f"/user/{name}/api/contents/{path}", token=token, json=model).raise_for_status()


def feedback_pages(hub: Hub, name: str, token: str, quiz: str) -> dict[str, str]:
    """Every feedback page the learner's server holds for the quiz, by path."""
    pages = {}
    try:
        folders = read(hub, name, token, f"{quiz}/feedback")["content"]
    except requests.HTTPError:
        return pages
    for folder in folders:
        for item in read(hub, name, token, folder["path"])["content"]:
            if item["name"].endswith(".html"):
                r = hub.call(
                    "GET", f"/user/{name}/api/contents/{item['path']}?type=file&format=text", token=token
                )
                r.raise_for_status()
                pages[item["path"]] = r.json()["content"]
    return pages
