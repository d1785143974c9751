"""Ray for one command: a local Ray this process starts and stops, or a cluster it joins and leaves.

A local Ray is started with `address="local"` (never joining another user's or agent's Ray that
happens to run on this machine), no dashboard, its own temporary folder (deleted at the end) and
workers at niceness 0 (Ray's default, 15, starves ffmpeg on a busy machine). At the end
`ray.shutdown()` stops it, and every process it started that is still there a few seconds later
is killed by pid (never `ray stop`, which kills every Ray on the machine). `ray.init` installs a
SIGTERM handler of its own; the caller's handlers are put back at once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import ray

from wrapped.cluster.procs import descendants, reap, start_time
from wrapped.errors import WrappedError

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
TEMP_PREFIX = "wrapped-ray-"
NICENESS = "RAY_worker_niceness"  # read by the raylet it starts (Ray's own spelling)


class ClusterError(WrappedError):
    """Ray could not be started or joined."""


@contextlib.contextmanager
def ray_session(address: str | None = None, workers: int | None = None) -> Iterator[None]:
    """Inside, Ray is connected: to `address` ("auto", "ray://host:10001", "host:6379"), or to a
    local Ray of `workers` CPUs started here (all cores by default). A Ray this process was
    already connected to (a test's, a library caller's) is used as it is and left connected."""
    if ray.is_initialized():
        yield
        return
    handlers = {sig: signal.getsignal(sig) for sig in SIGNALS}
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # started in the background: workers would
        signal.signal(signal.SIGINT, signal.default_int_handler)  # inherit it and ignore Ray's cancel
    local = address is None
    if local:
        sweep_temp_folders()
    temp = tempfile.mkdtemp(prefix=TEMP_PREFIX) if local else None
    niceness = os.environ.get(NICENESS)
    try:
        if local:
            os.environ[NICENESS] = niceness or "0"
        try:
            if local:
                ray.init(address="local", num_cpus=workers, include_dashboard=False, logging_level=logging.ERROR,
                         log_to_driver=False, _temp_dir=temp)  # fmt: skip
            else:  # a cluster's own settings stand (and Ray Client, ray://, takes no more than these)
                ray.init(address=address, logging_level=logging.ERROR, log_to_driver=False)
        except (ConnectionError, RuntimeError, ValueError, OSError) as exc:
            said = str(exc).strip().splitlines()
            where = "start a local Ray" if local else f"join the Ray cluster at {address}"
            raise ClusterError(f"cannot {where} ({said[0][:160] if said else type(exc).__name__})") from None
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)  # ray.init put its own SIGTERM handler in place
            if niceness is None:
                os.environ.pop(NICENESS, None)
        yield
    finally:
        with shielded():
            started = descendants(os.getpid()) if local else {}
            with contextlib.suppress(Exception):
                ray.shutdown()
            reap(started)
            if temp is not None:
                shutil.rmtree(temp, ignore_errors=True)


@contextlib.contextmanager
def shielded() -> Iterator[None]:
    """While inside, SIGINT, SIGTERM and SIGHUP are held off: a second Ctrl-C during clean-up
    cannot leave Ray processes or partial files behind (clean-up takes a few seconds)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handlers = {sig: signal.signal(sig, _later) for sig in SIGNALS}
    try:
        yield
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def _later(signum: int, frame: FrameType | None) -> None:
    """A stop signal during clean-up: the batch is already stopping."""


def sweep_temp_folders() -> None:
    """Delete the temporary folders of local Rays whose driver was killed (SIGKILL runs no clean-up;
    Ray's own processes end by themselves then, but their folder stays). A folder is known by its
    session folders, named after the driver's pid."""
    root = Path(tempfile.gettempdir())
    for folder in root.glob(TEMP_PREFIX + "*"):
        sessions = [re.search(r"_(\d+)$", p.name) for p in folder.glob("session_*") if not p.is_symlink()]
        drivers = [int(found[1]) for found in sessions if found]
        if drivers and all(start_time(pid) is None for pid in drivers):
            shutil.rmtree(folder, ignore_errors=True)


def cpus() -> int:
    """The CPUs of the Ray this process is connected to."""
    return max(1, int(ray.cluster_resources().get("CPU", 1)))
