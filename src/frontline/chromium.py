"""Debian's Chromium as the project drives it (printing, benchmarks, tests): headless, as root, with
no sandbox, no GPU and no calls home, since the machines this runs on are offline."""

from __future__ import annotations

import shutil

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def executable() -> str:
    return shutil.which("chromium") or "/usr/bin/chromium"
