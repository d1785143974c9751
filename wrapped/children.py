"""The programs wrapped starts (ffmpeg, to encode and to decode a music track): one way to start them.

By default a child is an ordinary subprocess. A process whose children must never outlive it
(a Ray worker: a forced cancel or a SIGKILL runs no `finally`) calls `tie_to_this_process()`
once; from then on each child gets its own session (a signal to the worker's group does not
reach it half-way) and PR_SET_PDEATHSIG(SIGKILL): the kernel kills it when the thread that
started it ends. Linux only; elsewhere the worker's own clean-up is all there is.
"""

from __future__ import annotations

import ctypes
import signal
import subprocess
from typing import Any

PR_SET_PDEATHSIG = 1
_tied = False


def _find_prctl() -> Any:
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), "prctl", None)
    except OSError:  # no C library to ask (Windows)
        return None


_prctl = _find_prctl()  # found before any fork


def die_with_parent() -> None:
    """preexec_fn: SIGKILL this child when the thread that started it ends."""
    if _prctl is not None:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def tie_to_this_process() -> None:
    """Every child started from now on dies with the thread that started it, in its own session."""
    global _tied
    _tied = True


def start(command: list[str], **options: Any) -> subprocess.Popen[bytes]:
    """subprocess.Popen(command, **options), tied to this process if `tie_to_this_process` was called."""
    if _tied:
        return start_tied(command, **options)
    return subprocess.Popen(command, **options)


def start_tied(command: list[str], **options: Any) -> subprocess.Popen[bytes]:
    """subprocess.Popen(command, **options) in its own session, killed by the kernel when the
    thread that started it ends."""
    return subprocess.Popen(command, start_new_session=True, preexec_fn=die_with_parent, **options)
