"""The soundtrack of a render: composed from the timeline and the year, or the person's own track fitted to
the video, then mastered to -16 LUFS with true peaks under -1 dBTP.

    samples = soundtrack(timeline, stats, "generated" | "none" | "/path/song.mp3", cancel)

A user's track is decoded by the ffmpeg moviepy uses (any format it reads), trimmed or looped
to the video's length and faded out over its last two seconds. A missing, non-regular or
unreadable file is a MusicError, one line, raised before any frame is drawn.
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import threading
from pathlib import Path
from typing import IO

import numpy as np

from wrapped.audio.loudness import RATE, master
from wrapped.audio.music import FADE_OUT, compose, score_for
from wrapped.errors import MusicError, RenderCancelled
from wrapped.settings import MUSIC
from wrapped.stats import YearStats
from wrapped.timeline import Timeline


def check_music(music: str) -> None:
    """Raise MusicError for a music choice that names no regular file holding audio ffmpeg reads
    (its first half second is decoded to be sure)."""
    if music in MUSIC:
        return
    _check_file(Path(music))
    decode(Path(music), 0.5, threading.Event())


def _check_file(path: Path) -> None:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise MusicError(f"music {path}: no such file (or choose generated or none)") from None
    except OSError as exc:
        raise MusicError(f"music {path}: cannot read it ({(exc.strerror or str(exc)).lower()})") from None
    if not stat.S_ISREG(mode):
        raise MusicError(f"music {path}: not a regular file")
    if not os.access(path, os.R_OK):
        raise MusicError(f"music {path}: permission denied")


def soundtrack(
    timeline: Timeline, stats: YearStats, music: str, cancel: threading.Event | None = None
) -> np.ndarray | None:
    """The mastered (samples, 2) float32 soundtrack at 48 kHz, exactly as long as the video, or None."""
    cancel = cancel or threading.Event()

    def check() -> None:
        if cancel.is_set():
            raise RenderCancelled("render cancelled")

    if music == "none":
        return None
    samples = timeline.samples(RATE)
    if music == "generated":
        raw = compose(score_for(timeline, stats), check)
    else:
        raw = fit(decode(Path(music), samples / RATE, cancel), samples)
    check()
    return master(raw)


def decode(path: Path, seconds: float, cancel: threading.Event) -> np.ndarray:
    """The first `seconds` of the file's audio as (n, 2) float32 at 48 kHz."""
    from moviepy.config import FFMPEG_BINARY  # imported late: moviepy takes 0.2 s

    _check_file(path)
    command = [FFMPEG_BINARY, "-nostdin", "-v", "error", "-i", "file:" + os.path.abspath(path), "-vn", "-t",
               f"{seconds + 0.1:.3f}", "-f", "f32le", "-ac", "2", "-ar", str(RATE), "pipe:1"]  # fmt: skip
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    chunks: list[bytes] = []
    errors: list[bytes] = []
    drain = threading.Thread(target=_read_all, args=(process.stderr, errors), daemon=True)
    drain.start()
    try:
        assert process.stdout is not None
        while chunk := process.stdout.read(1 << 20):
            if cancel.is_set():
                raise RenderCancelled("render cancelled")
            chunks.append(chunk)
        code = process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        drain.join()
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()
    data = b"".join(chunks)
    if code != 0 or len(data) < 8 * RATE // 10:  # under 0.1 s of sound
        said = b"".join(errors).decode(errors="replace").strip().splitlines()
        why = "no audio stream" if code == 0 or not said else said[-1].rsplit(": ", 1)[-1][:100].lower()
        raise MusicError(f"music {path}: ffmpeg cannot read it as audio ({why})")
    return np.frombuffer(data[: len(data) // 8 * 8], dtype="<f4").reshape(-1, 2).astype(np.float32)


def _read_all(pipe: IO[bytes] | None, into: list[bytes]) -> None:
    if pipe is not None:
        with contextlib.suppress(OSError, ValueError):
            into.append(pipe.read())


def fit(track: np.ndarray, samples: int) -> np.ndarray:
    """The track trimmed or looped to `samples`, faded out over the last two seconds."""
    if track.shape[0] < samples:
        track = np.concatenate([track] * (-(-samples // track.shape[0])))
    out = np.array(track[:samples], dtype=np.float32)
    fade = min(samples, int(FADE_OUT * RATE))
    out[samples - fade :] *= (np.linspace(1, 0, fade, dtype=np.float32) ** 2)[:, None]
    return out
