"""The soundtrack of a render: composed from the timeline and the year, or the person's own track fitted to
the video, then mastered to -16 LUFS with true peaks under -1 dBTP.

    samples = soundtrack(timeline, stats, "generated" | "none" | "/path/song.mp3", cancel)

A user's track is decoded by the ffmpeg moviepy uses, trimmed or looped to the video's length
and faded out over its last two seconds. A missing, non-regular or unreadable file is a
MusicError, one line, raised before any frame is drawn.

The track is read only as one media file: the file is opened here (a regular file, never a
FIFO) and ffmpeg reads that open file, with the `file` protocol alone and only the demuxers of
single audio and video files (no playlists, no concat, no HLS or DASH, no image sequences), so a
track cannot make ffmpeg open anything else. The decoding ffmpeg is this process's own: a
cancel stops it at once (SIGTERM, then SIGKILL after a short grace), and none outlives us.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import stat
import subprocess
import threading
from pathlib import Path
from typing import IO

import numpy as np

from wrapped import children
from wrapped.audio.loudness import RATE, master
from wrapped.audio.music import FADE_OUT, compose, score_for
from wrapped.errors import MusicError, RenderCancelled
from wrapped.files import NotRegular, open_regular
from wrapped.settings import MUSIC
from wrapped.stats import YearStats
from wrapped.timeline import Timeline

# ffmpeg's demuxers of single audio/video files (a name matches a demuxer that lists it, e.g.
# "mov" for mov,mp4,m4a,3gp,3g2,mj2 and "matroska" for matroska,webm): nothing that opens other files.
SINGLE_FILE_DEMUXERS = (
    "aac,ac3,aiff,amr,ape,asf,au,avi,caf,dsf,dts,eac3,flac,flv,loas,matroska,mlp,mov,mp3,mpc,mpc8,mpeg,"
    "mpegts,ogg,oma,tak,truehd,tta,voc,w64,wav,wv,xwma"
)
PLAYLIST_MARKS = (b"ffconcat", b"#extm3u", b"#ext-x-", b"#extinf", b"[playlist]", b"<asx", b"<smil", b"<?xml")
GRACE = 0.2  # seconds between SIGTERM and SIGKILL when a decode is stopped
_LIVE: set[subprocess.Popen[bytes]] = set()  # this process's decoding ffmpegs
_LIVE_LOCK = threading.Lock()


def check_music(music: str, cancel: threading.Event | None = None) -> None:
    """Raise MusicError for a music choice that names no regular file holding audio ffmpeg reads
    (its first half second is decoded to be sure); RenderCancelled once `cancel` is set."""
    if music in MUSIC:
        return
    _check_file(Path(music))
    decode(Path(music), 0.5, cancel or threading.Event())


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
    fd = _open_track(path)
    try:
        command = [FFMPEG_BINARY, "-nostdin", "-v", "error", "-protocol_whitelist", "file", "-format_whitelist",
                   SINGLE_FILE_DEMUXERS, "-i", f"file:/dev/fd/{fd}", "-vn", "-t", f"{seconds + 0.1:.3f}", "-f",
                   "f32le", "-ac", "2", "-ar", str(RATE), "pipe:1"]  # fmt: skip
        process = children.start(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   pass_fds=(fd,))  # fmt: skip
    finally:
        os.close(fd)
    with _LIVE_LOCK:
        _LIVE.add(process)
    chunks: list[bytes] = []
    errors: list[bytes] = []
    readers = [threading.Thread(target=_read_chunks, args=(process.stdout, chunks), daemon=True),
               threading.Thread(target=_read_all, args=(process.stderr, errors), daemon=True)]  # fmt: skip
    for reader in readers:
        reader.start()
    try:
        while readers[0].is_alive():  # the main thread only waits, so a stop is seen within 50 ms
            readers[0].join(0.05)
            if cancel.is_set():
                raise RenderCancelled("render cancelled")
        code = process.wait()
    finally:
        _stop(process)
        for reader in readers:
            reader.join()
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()
    data = b"".join(chunks)
    if code != 0 or len(data) < 8 * RATE // 10:  # under 0.1 s of sound
        said = b"".join(errors).decode(errors="replace").strip().splitlines()
        if any("not on whitelist" in line for line in said):
            why = "not a single audio or video file; playlists and the like are not read"
        else:
            why = "no audio stream" if code == 0 or not said else said[-1].rsplit(": ", 1)[-1][:100].lower()
        raise MusicError(f"music {path}: ffmpeg cannot read it as audio ({why})")
    return np.frombuffer(data[: len(data) // 8 * 8], dtype="<f4").reshape(-1, 2).astype(np.float32)


def _open_track(path: Path) -> int:
    """The track opened for reading (without blocking: a FIFO swapped in is refused), after a
    look at its first bytes: a playlist is one line, not something ffmpeg is asked to follow."""
    try:
        fd = open_regular(path)
    except OSError as exc:
        raise MusicError(f"music {path}: cannot read it ({(exc.strerror or str(exc)).lower()})") from None
    except NotRegular:
        raise MusicError(f"music {path}: not a regular file") from None
    try:
        head = os.pread(fd, 512, 0).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith(PLAYLIST_MARKS):
            raise MusicError(f"music {path}: a playlist, not an audio file; give one audio file")
    except OSError as exc:
        os.close(fd)
        raise MusicError(f"music {path}: cannot read it ({(exc.strerror or str(exc)).lower()})") from None
    except BaseException:
        os.close(fd)
        raise
    return fd


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End a decoding ffmpeg now: SIGTERM, then SIGKILL if it has not gone after GRACE seconds."""
    try:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(GRACE)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        with _LIVE_LOCK:
            _LIVE.discard(process)


@atexit.register
def _stop_all() -> None:
    """No decoding ffmpeg outlives this process, whatever way it leaves."""
    with _LIVE_LOCK:
        live = list(_LIVE)
    for process in live:
        with contextlib.suppress(OSError):
            process.kill()


def _read_chunks(pipe: IO[bytes] | None, into: list[bytes]) -> None:
    if pipe is not None:
        with contextlib.suppress(OSError, ValueError):
            while chunk := pipe.read(1 << 20):
                into.append(chunk)


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
