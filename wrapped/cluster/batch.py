"""The batch driver: a manifest's jobs, one Ray task each, into DIR/ID.mp4 and DIR/results.jsonl.

Jobs go to Ray a window at a time (a million-line manifest is not a million pending tasks). A
job's video is made in the batch's hidden working folder (DIR/.batch.PID-XXXXXXXX.work/ID/) and
moved to DIR/ID.mp4 in one step when complete; the working folder is deleted at the end however
the batch ends (a forced cancel or a dead worker runs no clean-up, so the driver does it), and one
left by a driver that was itself killed is deleted by the next batch in the same DIR.

Cancel (the `cancel` Event: Ctrl-C, SIGTERM, SIGHUP): no new job starts, running ones get Ray's
normal cancel, are killed after a short grace, and are recorded `cancelled`.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from wrapped import output
from wrapped.cluster.manifest import Job
from wrapped.cluster.procs import start_time
from wrapped.cluster.results import JobResult, ResultsLog, fingerprint, previous, still_valid
from wrapped.errors import OutputError

WORK = re.compile(r"^\.batch\.(\d+)-[0-9a-f]{8}\.work$")
DEFAULT_DIR = "wrapped-batch"


@dataclass(frozen=True)
class BatchReport:
    results: tuple[JobResult, ...]
    cancelled: bool

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def exit_status(self) -> int:
        if self.cancelled:
            return 130
        return 1 if self.count("failed") else 0


def run_batch(
    jobs: Sequence[Job],
    out_dir: Path,
    *,
    address: str | None = None,
    workers: int | None = None,
    chunks: int = 1,
    cancel: threading.Event | None = None,
    on_result: Callable[[JobResult, int, int], None] | None = None,
) -> BatchReport:
    """Render every job not already done; `on_result(result, jobs_ended, jobs_total)` as each ends."""
    cancel = cancel or threading.Event()
    tell = on_result or (lambda _r, _done, _total: None)
    out_dir = Path(os.path.abspath(out_dir))
    prepare(out_dir)
    earlier = previous(out_dir)
    prints = {job.id: fingerprint(job) for job in jobs}
    results: list[JobResult] = []
    todo: list[Job] = []
    for job in jobs:
        skipped = still_valid(job, video_path(out_dir, job), earlier.get(job.id), prints[job.id])
        if skipped:
            results.append(skipped)
        else:
            todo.append(job)
    log = ResultsLog(out_dir, results)
    for n, result in enumerate(results, start=1):
        tell(result, n, len(jobs))

    def end(result: JobResult) -> None:
        results.append(result)
        log.add(result)
        tell(result, len(results), len(jobs))

    try:
        if todo and not cancel.is_set():
            _run(todo, out_dir, prints, address, workers, chunks, cancel, end)
        ended = {r.id for r in results}
        for job in todo:  # never started (a cancel, or Ray could not start): cancelled
            if job.id not in ended:
                end(_cancelled(job, out_dir, prints))
    finally:
        log.close()
    return BatchReport(tuple(results), cancel.is_set())


def video_path(out_dir: Path, job: Job) -> Path:
    return out_dir / f"{job.id}.mp4"


def prepare(out_dir: Path) -> None:
    """Make DIR (one line if it cannot be) and delete working folders of batches whose driver died."""
    output.check_target(out_dir / "results.jsonl")
    output.make_parents(out_dir / "results.jsonl")
    if not out_dir.is_dir():
        raise OutputError(f"{out_dir}: not a folder")
    for name in os.listdir(out_dir):
        found = WORK.match(name)
        if found and start_time(int(found[1])) is None:
            shutil.rmtree(out_dir / name, ignore_errors=True)


def _run(
    todo: list[Job],
    out_dir: Path,
    prints: dict[str, str],
    address: str | None,
    workers: int | None,
    chunks: int,
    cancel: threading.Event,
    end: Callable[[JobResult], None],
) -> None:
    import ray

    from wrapped.cluster.chunks import stop
    from wrapped.cluster.session import cpus, ray_session, shielded
    from wrapped.cluster.tasks import JobOutcome, render_job

    work = out_dir / f".batch.{os.getpid()}-{uuid.uuid4().hex[:8]}.work"
    with ray_session(address, workers):
        if cancel.is_set():
            return
        window = 2 * cpus() + 2  # enough queued to keep every CPU busy as jobs end
        # In chunks, a job's task only plans, composes and joins while its chunk tasks paint: it
        # holds no CPU, or jobs waiting for their chunks would hold every CPU the chunks need.
        task = render_job.options(num_cpus=0) if chunks > 1 else render_job
        running: dict[ray.ObjectRef, tuple[Job, float]] = {}
        queue = list(reversed(todo))

        def outcome(ref: ray.ObjectRef) -> JobResult:
            job, started = running.pop(ref)
            path = str(video_path(out_dir, job))
            try:
                got: JobOutcome = ray.get(ref)
            except (ray.exceptions.TaskCancelledError, KeyboardInterrupt):
                return JobResult(job.id, "cancelled", path, fingerprint=prints[job.id])
            except (ray.exceptions.WorkerCrashedError, ray.exceptions.NodeDiedError):
                return JobResult(job.id, "failed", path, error="its worker died (tried twice)",
                                 render_seconds=round(time.monotonic() - started, 3), fingerprint=prints[job.id])  # fmt: skip
            except ray.exceptions.RayError as exc:
                said = str(exc).strip().splitlines()
                return JobResult(job.id, "failed", path, error=f"Ray: {said[-1][:200] if said else type(exc).__name__}",
                                 fingerprint=prints[job.id])  # fmt: skip
            if got.status != "done":
                return JobResult(job.id, "failed", path, error=got.error, node=got.node,
                                 render_seconds=got.render_seconds, fingerprint=prints[job.id])  # fmt: skip
            return JobResult(job.id, "done", path, seconds=round(got.frames / got.fps, 3), frames=got.frames,
                             render_seconds=got.render_seconds, bytes=got.bytes, node=got.node,
                             fingerprint=prints[job.id])  # fmt: skip

        try:
            work.mkdir()
            while queue or running:
                if cancel.is_set():
                    break
                while queue and len(running) < window:
                    job = queue.pop()
                    ref = task.remote(job, str(video_path(out_dir, job)), str(work / job.id), chunks)
                    running[ref] = (job, time.monotonic())
                ready, _ = ray.wait(list(running), num_returns=1, timeout=0.1)
                for ref in ready:
                    end(outcome(ref))
        finally:
            with shielded():
                refs = list(running)
                ended = set(stop(refs)) if refs else set()
                for ref in refs:  # those that finished by themselves keep their result
                    end(outcome(ref) if ref in ended else _cancelled(running.pop(ref)[0], out_dir, prints))
                shutil.rmtree(work, ignore_errors=True)


def _cancelled(job: Job, out_dir: Path, prints: dict[str, str]) -> JobResult:
    return JobResult(job.id, "cancelled", str(video_path(out_dir, job)), fingerprint=prints[job.id])
