"""What runs on a Ray worker: one job (a whole video) or one chunk (a frame range of one).

A task does its work on a thread and waits for it in short slices, so Ray's normal cancel (a
KeyboardInterrupt between two bytecodes of the task's main thread) lands at once; it then sets
the work's cancel Event, and the render stops within a batch of frames, kills ffmpeg and deletes
its files, exactly as a Ctrl-C does to `wrapped render`. A forced cancel or a dead worker runs no
clean-up at all: ffmpeg dies with the worker (wrapped.children.tie_to_this_process) and the driver
deletes the batch's working folder. Ray retries a job or chunk whose worker died once.
"""

from __future__ import annotations

import shutil
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import ray

from wrapped import children, output
from wrapped.cluster.manifest import Job
from wrapped.encoder import VideoEncoder, raw_frame
from wrapped.errors import RenderCancelled, WrappedError
from wrapped.settings import RenderSettings
from wrapped.video.frames import FramePainter
from wrapped.video.storyboard import Storyboard

T = TypeVar("T")
RETRIES = 1  # a job or chunk whose worker died runs once more, then fails


@dataclass(frozen=True)
class JobOutcome:
    id: str
    status: str  # "done" or "failed" (a cancelled task raises instead)
    frames: int = 0
    fps: int = 0
    bytes: int = 0
    render_seconds: float = 0.0
    error: str = ""
    node: str = ""


def cancellable(work: Callable[[threading.Event], T]) -> T:
    """Run work(cancel) on a thread; a KeyboardInterrupt here (Ray's cancel) sets cancel, waits
    for the work to clean up, and is raised again (Ray then reports the task cancelled)."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        # A Ray started from a background shell hands its workers SIGINT ignored, and Ray's
        # normal cancel (a simulated SIGINT) then does nothing: take it back (tasks run on the
        # worker's main thread).
        signal.signal(signal.SIGINT, signal.default_int_handler)
    cancel = threading.Event()
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work(cancel)
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="wrapped-task")
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.05)
    except KeyboardInterrupt:
        cancel.set()
        thread.join()
        raise
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def _node() -> str:
    return ray.get_runtime_context().get_node_id()[:12]


@ray.remote(max_retries=RETRIES, scheduling_strategy="SPREAD")
def render_job(job: Job, out: str, work: str, chunks: int) -> JobOutcome:
    """Render one job to `out` (through `work`, this job's own folder in the batch's working
    folder: an earlier attempt's leftovers are cleared first)."""
    children.tie_to_this_process()
    started = time.perf_counter()
    folder = Path(work)
    shutil.rmtree(folder, ignore_errors=True)  # an attempt whose worker died left this behind
    folder.mkdir(parents=True)
    try:
        frames = cancellable(lambda cancel: _render(job, Path(out), folder, chunks, cancel))
    except RenderCancelled:
        raise KeyboardInterrupt from None  # reported as cancelled
    except WrappedError as exc:
        return JobOutcome(job.id, "failed", error=str(exc), node=_node())
    except Exception as exc:  # a bug: one line, as the CLI says it
        return JobOutcome(job.id, "failed", error=f"unexpected error: {type(exc).__name__}: {exc}"[:300], node=_node())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return JobOutcome(job.id, "done", frames=frames, fps=job.fps, bytes=Path(out).stat().st_size,
                      render_seconds=round(time.perf_counter() - started, 3), node=_node())  # fmt: skip


def _render(job: Job, out: Path, folder: Path, chunks: int, cancel: threading.Event) -> int:
    from wrapped.pipeline import make_video

    staged = folder / out.name
    if chunks > 1:
        from wrapped.cluster.chunks import make_video_in_chunks

        rendered = make_video_in_chunks(job.journal, staged, job.settings, chunks, year=job.year, cancel=cancel,
                                        music=job.music, quotes=job.quotes)  # fmt: skip
        frames = rendered.frames
    else:
        video = make_video(job.journal, staged, job.settings, year=job.year, cancel=cancel, music=job.music,
                           quotes=job.quotes)  # fmt: skip
        frames = video.rendered.frames
    if cancel.is_set():
        raise RenderCancelled("render cancelled")
    output.commit(staged, out)  # the finished video moves into the batch's folder in one step
    return frames


@ray.remote(max_retries=RETRIES, scheduling_strategy="SPREAD")
def render_chunk(storyboard: Storyboard, settings: RenderSettings, first: int, end: int, out: str) -> int:
    """Paint frames first..end-1 and encode them to `out` (H.264 MP4, no sound) with the one-pass
    render's encoder and settings. Returns the number of frames."""
    children.tie_to_this_process()
    return cancellable(lambda cancel: encode_range(storyboard, settings, first, end, Path(out), cancel))


def encode_range(
    storyboard: Storyboard, settings: RenderSettings, first: int, end: int, out: Path, cancel: threading.Event
) -> int:
    painter = FramePainter(storyboard, settings.width, settings.height)
    with VideoEncoder(out, settings, cancel) as encoder:
        for index in range(first, end):
            if (index - first) % settings.batch_frames == 0 and cancel.is_set():
                raise RenderCancelled("render cancelled")
            encoder.write(raw_frame(painter.paint(index)))
    return end - first
