"""DIR/results.jsonl and job fingerprints: what a batch did, and what a re-run may skip.

A line per job as it ends: id, status (done, skipped, failed, cancelled), path, seconds (the
video's), frames, render_seconds, error (failures only), bytes, node and the job's fingerprint.
The fingerprint is a hash of what the job asks for (its manifest line with the batch's defaults
filled in), the journal's files (names, sizes, modification times) and wrapped's version: a
re-run skips a job only when its video is there, as big as recorded, under the same fingerprint.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from wrapped import __version__, output
from wrapped.cluster.manifest import Job

RESULTS = "results.jsonl"


@dataclass(frozen=True)
class JobResult:
    id: str
    status: str  # done, skipped, failed or cancelled
    path: str
    seconds: float = 0.0  # the video's length
    frames: int = 0
    render_seconds: float = 0.0
    error: str = ""
    bytes: int = 0
    node: str = ""
    fingerprint: str = ""

    def line(self) -> str:
        record: dict[str, Any] = asdict(self)
        if not self.error:
            del record["error"]
        return json.dumps(record, ensure_ascii=False) + "\n"


def fingerprint(job: Job) -> str:
    digest = hashlib.sha256(json.dumps([job.spec(), __version__], sort_keys=True).encode())
    for name, size, mtime in _journal_files(Path(job.journal)):
        digest.update(f"\0{name}\0{size}\0{mtime}".encode())
    return digest.hexdigest()[:32]


def _journal_files(path: Path) -> list[tuple[str, int, int]]:
    """(relative name, size, mtime_ns) of the journal's file, or of every file under its folder."""
    try:
        info = os.stat(path)
    except OSError:
        return [("", -1, -1)]  # missing or unreadable: the job fails, and is tried again next time
    if not stat.S_ISDIR(info.st_mode):
        return [("", info.st_size, info.st_mtime_ns)]
    found = []
    for folder, dirs, files in os.walk(path):
        dirs.sort()
        for name in sorted(files):
            full = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                s = os.lstat(full)
                found.append((os.path.relpath(full, path), s.st_size, s.st_mtime_ns))
    return found


def previous(folder: Path) -> dict[str, dict[str, Any]]:
    """The last line per id of an earlier run's results (lines that do not parse are ignored)."""
    found: dict[str, dict[str, Any]] = {}
    with contextlib.suppress(OSError):
        for raw in (folder / RESULTS).read_bytes().splitlines():
            with contextlib.suppress(ValueError):
                record = json.loads(raw)
                if isinstance(record, dict) and isinstance(record.get("id"), str):
                    found[record["id"]] = record
    return found


def still_valid(job: Job, video: Path, record: dict[str, Any] | None, print_: str) -> JobResult | None:
    """The skipped result when an earlier run made this job's video, unchanged since; else None."""
    if not record or record.get("status") not in ("done", "skipped") or record.get("fingerprint") != print_:
        return None
    try:
        info = os.lstat(video)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size != record.get("bytes"):
        return None
    return JobResult(job.id, "skipped", str(video), seconds=record.get("seconds", 0.0),
                     frames=record.get("frames", 0), bytes=info.st_size, node=record.get("node", ""),
                     fingerprint=print_)  # fmt: skip


class ResultsLog:
    """results.jsonl for this run: replaced at the start (atomically) by the lines of the jobs
    it skips, then a line appended and flushed as each job ends."""

    def __init__(self, folder: Path, skipped: list[JobResult]):
        self.path = folder / RESULTS
        with output.written_atomically(self.path) as temp:
            temp.write_text("".join(r.line() for r in skipped))
        self._file: IO[str] = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 (closed by close())

    def add(self, result: JobResult) -> None:
        self._file.write(result.line())
        self._file.flush()

    def close(self) -> None:
        self._file.close()
