"""Frames in (and a soundtrack), H.264 + AAC MP4 out: one object owns ffmpeg and the files it uses.

    with VideoEncoder(out, settings, cancel) as encoder:
        for frame in frames:
            encoder.write(frame)

The encoder owns its ffmpeg command (`command()`; the ffmpeg binary is moviepy's), started
through `wrapped.children`. Frames go in as raw `bgr24`: swscale turns that into yuv420p by a
direct path, where rgb24 takes its general one; the x264 options are the quality's `Encoding`.
On entry the soundtrack, if any, is written as a hidden WAV beside `out` (ffmpeg's second
input; never in the working directory) and ffmpeg starts writing a hidden temporary file
beside `out`. The WAV is deleted however the block ends. A clean exit flushes
ffmpeg and moves the file to `out`; any exception (a cancel, an error, Ctrl-C) kills ffmpeg
and deletes the file. Killing rather than closing matters: a graceful close makes x264
encode everything it has buffered first, which at slow presets takes a second for a video
nobody wants.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
from pathlib import Path
from types import TracebackType
from typing import IO

import numpy as np
from PIL import Image

from wrapped import children, output
from wrapped.audio.loudness import RATE
from wrapped.audio.wav import write_wav
from wrapped.errors import EncodeError, RenderCancelled
from wrapped.settings import Encoding, RenderSettings

try:
    import fcntl
except ImportError:  # not on Windows: the pipe keeps its size there
    fcntl = None  # type: ignore[assignment]

PIXEL_FORMAT = "bgr24"  # what ffmpeg reads: swscale has a direct path from bgr24 to yuv420p, not from rgb24
PIPE_BYTES = 1 << 20  # ffmpeg's stdin: 1 MiB (Linux's limit for anyone) rather than 64 KiB, fewer wake-ups


def raw_frame(image: Image.Image) -> bytes:
    """An RGB picture as the bytes the encoder reads (`PIXEL_FORMAT`)."""
    return image.tobytes("raw", "BGR")


def x264_options(x264: Encoding) -> list[str]:
    """ffmpeg's video output options for one quality's `Encoding`: H.264 in yuv420p (what every
    phone plays)."""
    options = ["-c:v", "libx264", "-preset", x264.preset, "-crf", str(x264.crf), "-pix_fmt", "yuv420p"]
    if x264.threads is not None:
        options += ["-threads", str(x264.threads)]
    if x264.bframes is not None:
        options += ["-bf", str(x264.bframes)]
    if x264.lookahead is not None:
        options += ["-rc-lookahead", str(x264.lookahead), "-mbtree", "1"]
    return options


def widen_pipe(pipe: IO[bytes] | None) -> None:
    """Let a frame (2.7 MB at 720p) cross the pipe in 3 pieces instead of 42; where the system
    says no, the pipe stays as it is."""
    setpipe = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if pipe is not None and setpipe is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(pipe.fileno(), setpipe, PIPE_BYTES)


class VideoEncoder:
    def __init__(
        self,
        out: Path,
        settings: RenderSettings,
        cancel: threading.Event | None = None,
        audio: np.ndarray | None = None,
    ):
        self.out = out
        self.settings = settings
        self.cancel = cancel or threading.Event()
        self.temp = output.temp_path(out)
        self.audio = audio  # (samples, 2) float32 at 48 kHz, muxed as AAC; None for a silent video
        self.audio_temp = output.temp_path(out.with_suffix(".wav")) if audio is not None else None
        self.process: subprocess.Popen[bytes] | None = None
        self._closed = threading.Event()
        self._watcher: threading.Thread | None = None

    def command(self) -> list[str]:
        """The ffmpeg command: raw frames (`PIXEL_FORMAT`) on stdin, the soundtrack WAV if any,
        H.264 (yuv420p, which every phone plays) and AAC into the hidden temporary file."""
        from moviepy.config import FFMPEG_BINARY  # moviepy's ffmpeg, imported late: moviepy takes 0.2 s

        s = self.settings
        command = [FFMPEG_BINARY, "-y", "-loglevel", "error",
                   "-f", "rawvideo", "-pix_fmt", PIXEL_FORMAT, "-s", f"{s.width}x{s.height}", "-r", str(s.fps),
                   "-i", "-"]  # fmt: skip
        if self.audio_temp is not None:
            command += ["-i", "file:" + os.path.abspath(self.audio_temp)]  # "file:": a name is never a protocol
        command += ["-map", "0:v:0", *x264_options(s.encoding)]
        if self.audio_temp is not None:
            # the fast coder: a third of the CPU of the default (twoloop), the same loudness and peaks
            command += ["-map", "1:a:0", "-c:a", "aac", "-aac_coder", "fast", "-b:a", "192k", "-ar", str(RATE),
                        "-ac", "2"]  # fmt: skip
        return [*command, "-movflags", "+faststart", "file:" + os.path.abspath(self.temp)]

    def __enter__(self) -> VideoEncoder:
        started = False
        try:
            if self.audio is not None and self.audio_temp is not None:
                write_wav(self.audio_temp, self.audio)  # hidden beside the video, never in the cwd
            started = True
            self.process = children.start(
                self.command(), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
        except BaseException as exc:  # no with block follows: nothing of this may stay
            self._discard_files()
            if not isinstance(exc, OSError):
                raise
            if not started:  # the soundtrack could not be written
                raise EncodeError(f"{os_reason(exc)} writing {self.out}") from exc
            raise EncodeError(f"cannot start ffmpeg ({os_reason(exc)}) writing {self.out}") from exc
        widen_pipe(self.process.stdin)
        # a watcher that ends when the encoder closes, or kills ffmpeg the moment cancel is set
        self._watcher = threading.Thread(target=self._kill_on_cancel, name="wrapped-encoder-watch", daemon=True)
        self._watcher.start()
        return self

    def _kill_on_cancel(self) -> None:
        """Kill ffmpeg the moment cancel is set: a frame write blocked on a busy ffmpeg (a loaded
        machine) would otherwise hold the cancel until ffmpeg had read the whole frame."""
        while not self._closed.is_set():
            if self.cancel.wait(0.02):
                if not self._closed.is_set() and self.process is not None and self.process.poll() is None:
                    self.process.kill()
                return

    def write(self, frame: bytes) -> None:
        """Write one frame: `raw_frame(image)`, or bytes of that layout (height x width x BGR)."""
        assert self.process is not None and self.process.stdin is not None, "write() outside a with block"
        try:
            self.process.stdin.write(frame)
        except (BrokenPipeError, OSError, ValueError) as exc:
            if self.cancel.is_set():  # ffmpeg was killed for the cancel
                raise RenderCancelled("render cancelled") from None
            raise EncodeError(self._failure()) from exc

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if kind is not None:
                self.abort()
                return
            try:
                self._finish()
                output.commit(self.temp, self.out)
            except BaseException:
                self.abort()
                raise
        finally:
            if self.audio_temp is not None:
                output.discard(self.audio_temp)
            self._closed.set()
            if self._watcher is not None:
                self._watcher.join()  # at most one wait slice: no thread outlives the encoder

    def _finish(self) -> None:
        """Flush and wait for ffmpeg in short slices, so a cancel during x264's flush kills it."""
        assert self.process is not None
        with contextlib.suppress(OSError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        while True:
            try:
                code = self.process.wait(timeout=0.01)
                break
            except subprocess.TimeoutExpired:
                if self.cancel.is_set():
                    raise RenderCancelled("render cancelled") from None
        if self.cancel.is_set():  # cancelled as ffmpeg finished: the file is not wanted
            raise RenderCancelled("render cancelled")
        if code != 0:
            raise EncodeError(self._failure())
        self._close_pipes()

    def abort(self) -> None:
        """Kill ffmpeg now and delete the temporary file; safe at any time, and more than once."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self._close_pipes()
        self._discard_files()

    def _discard_files(self) -> None:
        output.discard(self.temp)
        if self.audio_temp is not None:
            output.discard(self.audio_temp)

    def _failure(self) -> str:
        """One line naming the output and why ffmpeg failed, e.g. 'no space left on device
        writing wrapped-2025.mp4' (ffmpeg's own words name the hidden temporary file)."""
        process = self.process
        text = ""
        if process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=2)  # it is exiting: let it finish saying why
            if process.poll() is not None and process.stderr is not None and not process.stderr.closed:
                with contextlib.suppress(OSError, ValueError):
                    text = process.stderr.read()[-8000:].decode(errors="replace")
        code = process.returncode if process is not None else None
        return f"{ffmpeg_reason(text, code)} writing {self.out}"

    def _close_pipes(self) -> None:
        if self.process is None:
            return
        for pipe in (self.process.stdin, self.process.stderr):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()


_KNOWN_FAILURES = (
    ("No space left on device", "no space left on device"),
    ("Disk quota exceeded", "disk quota exceeded"),
    ("File too large", "file too large for this file system"),
    ("Read-only file system", "read-only file system"),
    ("Permission denied", "permission denied"),
    ("Input/output error", "input/output error"),
    ("Unable to find a suitable output format", "ffmpeg knows no video format for this name"),
)


def os_reason(exc: OSError) -> str:
    """An OS error in the same few words ffmpeg's own failures get."""
    said = exc.strerror or str(exc)
    return next((reason for needle, reason in _KNOWN_FAILURES if needle in said), said.lower())


def ffmpeg_reason(stderr: str, code: int | None = None) -> str:
    """What went wrong, in a few words, from ffmpeg's own report or the signal that ended it."""
    if code == -signal.SIGXFSZ:  # the file system's size limit: ffmpeg is killed, it says nothing
        return "file too large for this file system"
    for needle, reason in _KNOWN_FAILURES:
        if needle in stderr:
            return reason
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in reversed(lines):
        if "error" in line.lower() or "invalid" in line.lower():
            return "ffmpeg failed (" + line.rsplit(": ", 1)[-1][:120].lower() + ")"
    if code is not None and code < 0:
        return f"ffmpeg was stopped by {signal.Signals(-code).name}"
    return "ffmpeg stopped unexpectedly"
