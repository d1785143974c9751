"""Frames in, H.264 MP4 out, through moviepy's ffmpeg writer, with a way to stop ffmpeg at once."""

from __future__ import annotations

import contextlib
import subprocess
import threading
from pathlib import Path

import numpy as np
from moviepy.video.io.ffmpeg_writer import FFMPEG_VideoWriter

from wrapped.errors import EncodeError
from wrapped.settings import RenderSettings


class VideoEncoder:
    """Writes frames to `path`. Call finish() for a complete file or abort() to throw it away.

    abort() kills ffmpeg instead of closing it gracefully: a graceful close makes x264 encode
    everything it has buffered first, which at slow presets takes a second for a video nobody
    wants. It does not delete the file; the caller owns the path.
    """

    def __init__(self, path: Path, settings: RenderSettings):
        self.path = path
        try:
            self._writer = FFMPEG_VideoWriter(
                str(path),
                settings.size,
                settings.fps,
                codec="libx264",
                preset=settings.preset,
                ffmpeg_params=["-crf", str(settings.crf), "-movflags", "+faststart"],
            )
        except OSError as exc:
            raise EncodeError(f"cannot start ffmpeg: {exc}") from exc
        self.process = self._writer.proc

    def write(self, frame: np.ndarray) -> None:
        try:
            self.process.stdin.write(np.ascontiguousarray(frame).data)
        except (BrokenPipeError, OSError, ValueError) as exc:
            raise EncodeError(f"ffmpeg stopped while writing {self.path.name}: {self._error_text()}") from exc

    def finish(self, cancel: threading.Event | None = None) -> bool:
        """Flush and wait for ffmpeg; raise EncodeError if it did not exit cleanly.

        x264 encodes its lookahead while it flushes (half a second at slow presets), so the
        wait is in short slices: if `cancel` is set meanwhile, ffmpeg is killed and False is
        returned. True means the file is complete.
        """
        try:
            self.process.stdin.close()
        except OSError:
            pass
        while True:
            try:
                code = self.process.wait(timeout=0.01)
                break
            except subprocess.TimeoutExpired:
                if cancel is not None and cancel.is_set():
                    self.abort()
                    return False
        if code != 0:
            raise EncodeError(f"ffmpeg exited with status {code} writing {self.path.name}: {self._error_text()}")
        self._close_pipes()
        return True

    def abort(self) -> None:
        """Stop ffmpeg now; safe to call at any time, and more than once."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._close_pipes()

    def _error_text(self) -> str:
        if self.process.poll() is None or self.process.stderr is None or self.process.stderr.closed:
            return "no message"
        with contextlib.suppress(OSError, ValueError):
            return self.process.stderr.read().decode(errors="replace").strip()[-400:] or "no message"
        return "no message"

    def _close_pipes(self) -> None:
        for pipe in (self.process.stdin, self.process.stderr):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()
