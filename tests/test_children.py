"""The programs wrapped starts: ordinary children by default; tied to a process that asks (a Ray
worker), they die with it even when it is killed outright and runs no clean-up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import alive

PARENT = """
import sys, threading, time
from wrapped import children
if sys.argv[1] == "tied":
    children.tie_to_this_process()
child = children.start(["sleep", "60"])
print(child.pid, flush=True)
time.sleep(60)
"""


def child_of(mode: str) -> tuple[subprocess.Popen[str], int]:
    parent = subprocess.Popen([sys.executable, "-c", PARENT, mode], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    return parent, int(parent.stdout.readline())


@pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG is Linux's")
def test_a_tied_child_dies_with_a_parent_killed_outright():
    parent, child = child_of("tied")
    try:
        assert os.getsid(child) == child, "a tied child has its own session: a signal to the group misses it"
        parent.kill()  # SIGKILL: no finally, no atexit
        parent.wait()
        deadline = time.monotonic() + 5
        while alive(child) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not alive(child), "the tied child outlived its parent"
    finally:
        if alive(child):
            os.kill(child, signal.SIGKILL)


def test_an_ordinary_child_stays_in_its_parents_session_and_group():
    parent, child = child_of("plain")
    try:
        assert os.getsid(child) == os.getsid(parent.pid) and os.getpgid(child) == os.getpgid(parent.pid)
    finally:
        parent.kill()
        parent.wait()
        os.kill(child, signal.SIGKILL)
