"""A private PostgreSQL server for one test session: its own data folder, a free loopback port,
password authentication on loopback, stopped and deleted afterwards. Debian's `postgresql`
package provides the binaries (`.ci/run` installs it); the server refuses to run as root, so as
root it runs as the package's `postgres` user."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

PASSWORD = "frontline-test-only"


def server_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(bindir: Path):
    """Yield a SQLAlchemy URL for a fresh database on a server that lives as long as the block."""
    base = Path(tempfile.mkdtemp(prefix="frontline-pg-"))
    data, sockets = base / "data", base / "sock"
    sockets.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres" if _has_user("postgres") else "nobody")
        for path in (base, sockets):
            os.chown(path, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", user.pw_name, "--"]
    port = free_port()

    def run(*args: str) -> None:
        done = subprocess.run([*prefix, *args], capture_output=True, text=True, cwd=base)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")

    # Password authentication over TCP, as a real server has; trust on the private socket only.
    (base / "pw").write_text(PASSWORD)
    if prefix:
        os.chown(base / "pw", user.pw_uid, user.pw_gid)
    run(
        str(bindir / "initdb"),
        *("-D", str(data), "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={base / 'pw'}"),
        *("-U", "frontline", "--no-sync", "-E", "UTF8"),
    )
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(base / "server.log"), "-w", "start")
    try:
        run(str(bindir / "createdb"), "-h", str(sockets), "-p", str(port), "-U", "frontline", "gradebook")
        yield f"postgresql+psycopg://frontline:{PASSWORD}@127.0.0.1:{port}/gradebook"
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False
