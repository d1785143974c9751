"""The process tree a local Ray leaves behind, to be collected: who descends from whom, and
killing by pid only what is still the same process.

ffmpeg that must die with its worker is started by `wrapped.children` (measured in
../shared/notes/scale-ray-and-chunks.md: a forced cancel or a SIGKILLed worker runs no
`finally`): a task calls `children.tie_to_this_process()`, and the driver's joiner uses
`children.start_tied`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path


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
