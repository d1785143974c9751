"""The renderer: a storyboard becomes an MP4, frame batch by frame batch, cancellable between batches.

Drawing runs on a small pool of threads while this thread feeds the encoder, so drawing hides
behind encoding. The encoder owns the file: it appears under its name only when complete, and
on cancel or any error ffmpeg is killed and the temporary file deleted.
"""

from __future__ import annotations

import collections
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from wrapped import output
from wrapped.encoder import VideoEncoder, raw_frame
from wrapped.errors import RenderCancelled
from wrapped.settings import RenderSettings
from wrapped.video.frames import FramePainter
from wrapped.video.storyboard import Storyboard


@dataclass(frozen=True)
class RenderProgress:
    frames_done: int
    frames_total: int
    scene: str  # the label of the scene being drawn, e.g. "the calendar"


@dataclass(frozen=True)
class RenderedVideo:
    path: Path
    width: int
    height: int
    fps: int
    frames: int
    bytes: int

    @property
    def seconds(self) -> float:
        return self.frames / self.fps


def render_video(
    storyboard: Storyboard,
    out: Path,
    settings: RenderSettings,
    *,
    cancel: threading.Event | None = None,
    on_progress: Callable[[RenderProgress], None] | None = None,
    audio: np.ndarray | None = None,
) -> RenderedVideo:
    """Render the storyboard to `out`, with `audio` ((samples, 2) float32 at 48 kHz) as its sound.
    Raises RenderCancelled (files cleaned up) when cancel is set."""
    cancel = cancel or threading.Event()
    report = on_progress or (lambda _p: None)
    out = Path(out)
    painter = FramePainter(storyboard, settings.width, settings.height)
    total = storyboard.total_frames
    batch = settings.batch_frames
    ahead = 2 * settings.draw_threads  # frames queued beyond the batch: enough to keep both drawers busy

    def check() -> None:
        if cancel.is_set():
            raise RenderCancelled("render cancelled")

    check()
    output.check_video_target(out)
    output.sweep_partials(out.parent)
    made = output.make_parents(out)
    pool = ThreadPoolExecutor(settings.draw_threads, thread_name_prefix="wrapped-draw")
    queued: collections.deque[Future[bytes]] = collections.deque()
    try:
        with VideoEncoder(out, settings, cancel, audio) as encoder:
            next_frame = 0
            for first in range(0, total, batch):
                check()
                while next_frame < min(total, first + batch + ahead):
                    queued.append(pool.submit(lambda i: raw_frame(painter.paint(i)), next_frame))
                    next_frame += 1
                for _ in range(min(batch, total - first)):
                    encoder.write(queued.popleft().result())
                done = min(total, first + batch)
                report(RenderProgress(done, total, storyboard.shot_at(done - 1).scene.label))
            check()
    except BaseException:
        output.remove_folders(made)  # folders made for this video go with it
        raise
    finally:
        for future in queued:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
    return RenderedVideo(out, settings.width, settings.height, settings.fps, total, out.stat().st_size)
