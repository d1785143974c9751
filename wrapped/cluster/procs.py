"""Processes on a Ray worker and on the driver: ffmpeg that dies with its worker, and the
process tree a local Ray leaves to be collected.

Measured (../shared/notes/scale-ray-and-chunks.md): a forced cancel or a SIGKILLed worker runs
no `finally`, so ffmpeg must not outlive its worker by itself. A task ties every child it starts
to its worker (`wrapped.children.tie_to_this_process`): its own session (a signal to the worker's
group does not reach it half-way) and PR_SET_PDEATHSIG(SIGKILL), so the kernel kills it when the
thread that started it dies. `popen` starts the driver's and the joiner's ffmpeg the same way.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from wrapped.children import die_with_parent


def popen(args: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
    """subprocess.Popen, in its own session, killed by the kernel if its parent dies."""
    return subprocess.Popen(args, start_new_session=True, preexec_fn=die_with_parent, **kwargs)


def start_time(pid: int) -> int | None:
    """The process's start time in clock ticks (tells a process from a later one with its pid)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return None if fields[0] == "Z" else int(fields[19])


def descendants(root: int) -> dict[int, int]:
    """Every live descendant of `root`: pid -> start time."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            text = stat.read_text()
            ppid = int(text[text.rindex(")") + 2 :].split()[1])
            children.setdefault(ppid, []).append(int(stat.parent.name))
    found: dict[int, int] = {}
    todo = [root]
    while todo:
        for pid in children.get(todo.pop(), []):
            started = start_time(pid)
            if started is not None and pid not in found:
                found[pid] = started
                todo.append(pid)
    return found


def reap(processes: dict[int, int], wait: float = 3.0) -> list[int]:
    """Wait up to `wait` seconds for these processes to end, then SIGKILL those left (only if
    they are still the same processes). Returns the pids that had to be killed."""
    deadline = time.monotonic() + wait
    alive = dict(processes)
    while alive and time.monotonic() < deadline:
        alive = {pid: t for pid, t in alive.items() if start_time(pid) == t}
        if alive:
            time.sleep(0.05)
    killed = []
    for pid, started in alive.items():
        if start_time(pid) == started:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
    return killed
