"""A running `frontline preview` for the tests and the benchmark: start it, wait for a page to say
something, stop it and everything it started."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from frontline.paths import Project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def author_copy(project: Project, target: Path) -> Project:
    """A copy of the project as an author's checkout is: front-end files and execution cache there."""
    copy = project.copy_sources(target)
    (copy.root / "assets" / "node_modules").symlink_to(project.node_modules)
    shutil.copytree(project.build / ".jupyter_cache", copy.build / ".jupyter_cache")
    shutil.copy(project.build / ".frontline-inputs", copy.build / ".frontline-inputs")
    return copy


@dataclass
class Preview:
    proc: subprocess.Popen
    port: int
    log: Path

    def url(self, page: str) -> str:
        return f"http://127.0.0.1:{self.port}/{page}"

    def wait_for(self, page: str, needle: str, seconds: float) -> float:
        """Seconds until the served page contains the needle."""
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            assert self.proc.poll() is None, f"the preview stopped: {self.log.read_text()[-2000:]}"
            text = fetch(self.url(page))
            if text and needle in text:
                return time.monotonic() - start
            time.sleep(0.2)
        raise AssertionError(
            f"{needle!r} not served in {page} within {seconds} s: {self.log.read_text()[-2000:]}"
        )


@contextlib.contextmanager
def running_preview(project: Project, log: Path) -> Iterator[Preview]:
    port = free_port()
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "frontline.cli", "preview", "--port", str(port)],
            cwd=project.root,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield Preview(proc, port, log)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def add_line(module: Path, line: str) -> None:
    """A one-line edit: a sentence before the module's second heading."""
    text = module.read_text()
    module.write_text(text.replace("\n## ", f"\n{line}\n\n## ", 1))
