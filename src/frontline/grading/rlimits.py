"""`python -m frontline.grading.rlimits MEMORY_MB CPU_SECONDS -- COMMAND...`: apply the limits to this
process, then become COMMAND. How frontline.grading.limits starts a limited kernel; standard library only,
so it adds milliseconds, not seconds, to each kernel start."""

from __future__ import annotations

import os
import resource
import sys


def main(argv: list[str]) -> None:
    memory_mb, cpu_seconds, sep, *cmd = argv
    if sep != "--" or not cmd:
        raise SystemExit("usage: python -m frontline.grading.rlimits MEMORY_MB CPU_SECONDS -- COMMAND...")
    memory = int(memory_mb) * 1024 * 1024
    # RLIMIT_DATA counts memory the process can write to (heap and anonymous mappings). RLIMIT_AS
    # would also count address space that threads and malloc only reserve: an idle kernel already
    # reserves most of a gigabyte, so an AS limit fails at random while the kernel starts.
    resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (int(cpu_seconds), int(cpu_seconds)))
    os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    main(sys.argv[1:])
