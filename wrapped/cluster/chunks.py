"""One video in chunks: frame ranges cut at scene starts, painted and encoded on Ray tasks with the
one-pass render's encoder and settings, joined without re-encoding, the soundtrack muxed once.

    chunk 0 ─┐
    chunk 1 ─┼─ ffmpeg concat demuxer, -c:v copy ─┬─ MP4, +faststart, moved into place
    chunk 2 ─┘      soundtrack (composed once) ───┘

Each chunk starts on an IDR frame (its own ffmpeg), so the join is lossless and keeps every
frame and timestamp; x264 decides a seam's frames a little differently from a single pass (see
README, "Rendering for many users"). The chunks live in a hidden folder beside the output,
deleted however the render ends; a chunk whose worker died is run once more.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import subprocess
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np
import ray

from wrapped import children, output
from wrapped.audio.loudness import RATE
from wrapped.audio.track import check_music, soundtrack
from wrapped.audio.wav import write_wav
from wrapped.cluster.tasks import render_chunk
from wrapped.encoder import ffmpeg_reason
from wrapped.errors import EncodeError, RenderCancelled
from wrapped.render import RenderedVideo
from wrapped.settings import DEFAULT_MUSIC, RenderSettings
from wrapped.video.storyboard import Storyboard

AAC = ["-c:a", "aac", "-aac_coder", "fast", "-b:a", "192k", "-ar", str(RATE), "-ac", "2"]  # as wrapped.encoder
GRACE = 2.0  # seconds a task gets to stop by itself before it is killed


def chunk_ranges(storyboard: Storyboard, n: int) -> list[tuple[int, int]]:
    """At most `n` frame ranges covering the video, cut at the scene starts nearest to equal parts."""
    total = storyboard.total_frames
    starts = sorted({shot.start for shot in storyboard.shots if 0 < shot.start < total})
    cuts: list[int] = []
    for k in range(1, max(1, n)):
        if not starts:
            break
        best = min(starts, key=lambda s: abs(s - k * total / n))
        starts.remove(best)
        cuts.append(best)
    bounds = [0, *sorted(cuts), total]
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def make_video_in_chunks(
    journal_path: str | Path,
    out: Path,
    settings: RenderSettings,
    chunks: int,
    *,
    year: int | None = None,
    cancel: threading.Event | None = None,
    music: str = DEFAULT_MUSIC,
    quotes: bool = False,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> RenderedVideo:
    """As pipeline.make_video ("{year}" in `out` becomes the year), in `chunks` Ray tasks."""
    from wrapped.journal import read_journal
    from wrapped.pipeline import plan

    cancel = cancel or threading.Event()
    output.check_video_target(out)
    check_music(music)
    journal = read_journal(journal_path, cancel)
    storyboard = plan(journal, year, settings.fps, quotes=quotes)
    target = output.for_year(out, storyboard.stats.year)
    return render_in_chunks(storyboard, target, settings, chunks, cancel=cancel, on_progress=on_progress,
                            compose=lambda: soundtrack(storyboard.timeline, storyboard.stats, music, cancel))  # fmt: skip


def render_in_chunks(
    storyboard: Storyboard,
    out: Path,
    settings: RenderSettings,
    chunks: int,
    *,
    cancel: threading.Event | None = None,
    compose: Callable[[], np.ndarray | None] = lambda: None,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> RenderedVideo:
    """Render the storyboard to `out` in chunk tasks; `compose` makes the soundtrack meanwhile.
    RenderCancelled (nothing left) when cancel is set; EncodeError when a chunk or the join fails."""
    cancel = cancel or threading.Event()
    report = on_progress or (lambda _done, _total, _message: None)
    out = Path(out)
    output.check_video_target(out)
    made = output.make_parents(out)
    work = out.with_name(f".{out.stem}.{os.getpid()}-{uuid.uuid4().hex[:8]}.chunks")
    ranges = chunk_ranges(storyboard, chunks)
    total = storyboard.total_frames
    refs: list[ray.ObjectRef] = []
    try:
        work.mkdir()
        board = ray.put(storyboard)
        paths = [work / f"chunk-{k:03d}.mp4" for k in range(len(ranges))]
        refs = [render_chunk.remote(board, settings, a, b, str(p)) for (a, b), p in zip(ranges, paths, strict=True)]
        audio = compose()
        done = 0
        waiting = list(refs)
        report(0, total, f"Drawing {len(ranges)} chunks")
        while waiting:
            if cancel.is_set():
                raise RenderCancelled("render cancelled")
            ready, waiting = ray.wait(waiting, num_returns=1, timeout=0.1)
            for ref in ready:
                try:
                    done += ray.get(ref)
                except (ray.exceptions.TaskCancelledError, KeyboardInterrupt):
                    raise RenderCancelled("render cancelled") from None
                except ray.exceptions.RayError as exc:
                    raise EncodeError(f"a chunk of {out.name} failed ({_cause(exc)})") from None
                report(done, total, f"Drawing: {done} of {total} frames")
        report(total, total, "Joining the chunks")
        join(paths, audio, out, work, total, settings.fps, cancel)
    except BaseException:
        stop(refs)
        output.remove_folders(made)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return RenderedVideo(out, settings.width, settings.height, settings.fps, total, out.stat().st_size)


def stop(refs: list[ray.ObjectRef], grace: float = GRACE) -> list[ray.ObjectRef]:
    """Cancel these tasks: Ray's normal cancel first (the task cleans up), killed after `grace`
    seconds. Returns those that had finished by themselves (their results can be read)."""
    if not refs:
        return []
    for ref in refs:
        with contextlib.suppress(Exception):
            ray.cancel(ref, force=False, recursive=True)
    ended, left = ray.wait(refs, num_returns=len(refs), timeout=grace)
    for ref in left:
        with contextlib.suppress(Exception):
            ray.cancel(ref, force=True, recursive=True)
    if left:
        ray.wait(left, num_returns=len(left), timeout=grace)
    return ended


def _cause(exc: BaseException) -> str:
    cause = getattr(exc, "cause", None)
    if isinstance(exc, ray.exceptions.WorkerCrashedError | ray.exceptions.NodeDiedError):
        return "its worker died twice"
    said = str(cause if cause is not None else exc).strip().splitlines()
    return said[-1][:160] if said else type(exc).__name__


def join(
    chunks: list[Path], audio: np.ndarray | None, out: Path, work: Path, frames: int, fps: int,
    cancel: threading.Event,
) -> None:  # fmt: skip
    """Concatenate the chunks without re-encoding, mux the soundtrack once, check the frame count,
    and move the result to `out`."""
    from moviepy.config import FFMPEG_BINARY  # the one-pass render's ffmpeg

    listing = work / "chunks.txt"
    listing.write_text("".join(f"file '{p.name}'\n" for p in chunks))
    command = [FFMPEG_BINARY, "-nostdin", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", str(listing)]
    if audio is not None:
        wav = work / "sound.wav"
        write_wav(wav, audio)
        command += ["-i", str(wav), "-map", "0:v:0", "-map", "1:a:0", "-c:v", "copy", *AAC]
    else:
        command += ["-map", "0:v:0", "-c:v", "copy"]
    temp = output.temp_path(out)
    command += ["-movflags", "+faststart", "-f", "mp4", "file:" + os.path.abspath(temp)]
    try:
        run(command, cancel, out)
        counted = count_frames(temp, cancel, out)
        if counted != frames:
            raise EncodeError(f"the joined chunks of {out.name} hold {counted} frames, not {frames}")
        output.commit(temp, out)
    except BaseException:
        output.discard(temp)
        raise


def run(command: list[str], cancel: threading.Event, out: Path) -> bytes:
    """Run ffmpeg (its own session, dying with this process), waiting in short slices so a cancel
    kills it at once. Returns its stdout; EncodeError, one line, when it fails."""
    process = children.start_tied(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    said: dict[str, bytes] = {}
    reader = threading.Thread(target=lambda: said.update(zip(("out", "err"), process.communicate(), strict=True)))
    reader.start()
    try:
        while reader.is_alive():
            if cancel.is_set():
                raise RenderCancelled("render cancelled")
            reader.join(0.05)
    finally:
        if process.poll() is None:
            process.kill()
        reader.join()
    if process.returncode != 0:
        raise EncodeError(f"{ffmpeg_reason(said.get('err', b'').decode(errors='replace'), process.returncode)} "
                          f"joining {out}")  # fmt: skip
    return said.get("out", b"")


def count_frames(path: Path, cancel: threading.Event, out: Path) -> int:
    """The video packets in the file (one per frame), read without decoding."""
    from moviepy.config import FFMPEG_BINARY

    listing = run([FFMPEG_BINARY, "-nostdin", "-v", "error", "-i", "file:" + os.path.abspath(path), "-map", "0:v:0",
                   "-c", "copy", "-f", "framecrc", "-"], cancel, out)  # fmt: skip
    return sum(1 for line in listing.splitlines() if line and not line.startswith(b"#"))
