"""Shared test helpers: fixture paths and what a user would check after a render stops."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest

from wrapped.assets import sample_journal

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = sample_journal()  # found the way the installed package finds it


def ffmpeg_processes(parent: int | None = None) -> list[int]:
    """Live (not zombie) ffmpeg processes, children of `parent` (this process by default)."""
    parent = os.getpid() if parent is None else parent
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        if "ffmpeg" in name and int(fields[1]) == parent and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def server_files(folder: Path) -> list[str]:
    """The names in `folder`, without the server's hidden list of the files it made (.wrapped-made-*.json)."""
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if not re.fullmatch(r"\.wrapped-made-[0-9a-f]+\.json", p.name))


def render_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("wrapped-")]


@pytest.fixture
def sample_journal() -> Path:
    return SAMPLE


def alive(pid: int) -> bool:
    """Whether the process is running (a zombie is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def ffmpeg_writing_into(folder: Path) -> list[int]:
    """Any live ffmpeg on this machine whose command line names `folder` (orphans included)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
            state = (cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z" and args and b"ffmpeg" in args[0] and any(str(folder).encode() in a for a in args):
            found.append(int(cmdline.parent.name))
    return found


def run_in_thread(fn):
    """Run like the CLI and the server do: in a worker thread named for the render."""
    outcome = {}

    def target():
        try:
            outcome["value"] = fn()
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="wrapped-render")
    worker.start()
    worker.join(60)
    assert not worker.is_alive()
    return outcome
