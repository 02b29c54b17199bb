"""Limits on any notebook execution that does happen. `frontline grade` runs nothing a learner
wrote; nbgrader's own `autograde` (the command, or the formgrader's button) does run notebooks, so
nbgrader_config.py installs these for it: a time limit per cell that fails the submission instead
of interrupting the cell and running the tests anyway, a memory and CPU-time limit on the kernel
process, and a cap on how much output a cell may keep. All four are set in nbgrader_config.py.
The kernel starts through frontline.grading.rlimits, which applies the process limits."""

from __future__ import annotations

import json
import sys

from jupyter_client.manager import AsyncKernelManager
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import Integer


class LimitedKernelManager(AsyncKernelManager):
    """A kernel whose process cannot take more than `memory_mb` of memory or `cpu_seconds` of CPU
    (set by LimitedExecute, from its own configuration)."""

    memory_mb = 1024
    cpu_seconds = 120

    def format_kernel_cmd(self, extra_arguments=None) -> list[str]:
        cmd = super().format_kernel_cmd(extra_arguments)
        limits = [
            sys.executable,
            "-m",
            "frontline.grading.rlimits",
            str(self.memory_mb),
            str(self.cpu_seconds),
            "--",
        ]
        return [*limits, *cmd]


class LimitedExecute(Execute):
    """nbgrader's Execute in a limited kernel, keeping at most `max_output_bytes` of output per cell
    (the rest is dropped as it arrives, so a flood never reaches the grader's memory)."""

    max_output_bytes = Integer(1_000_000, help="output kept per cell, in bytes").tag(config=True)
    memory_mb = Integer(1024, help="writable memory of the kernel process, in MB").tag(config=True)
    cpu_seconds = Integer(120, help="CPU-time limit of the kernel process, in seconds").tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs["kernel_manager_class"] = LimitedKernelManager
        super().__init__(*args, **kwargs)
        self._sizes: dict[int, int] = {}

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        km.memory_mb, km.cpu_seconds = self.memory_mb, self.cpu_seconds
        return km

    def output(self, outs, msg, display_id, cell_index):
        size = self._sizes.get(cell_index, 0)
        if size > self.max_output_bytes:
            return None
        size += len(json.dumps(msg.get("content", {}), default=str))
        self._sizes[cell_index] = size
        if size > self.max_output_bytes:
            note = f"[output cut: this cell printed more than {self.max_output_bytes:,} bytes]\n"
            outs.append(new_output("stream", name="stderr", text=note))
            return None
        return super().output(outs, msg, display_id, cell_index)
