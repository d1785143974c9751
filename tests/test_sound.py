"""The soundtrack: composed on the storyboard's grid, mastered to -16 LUFS, muxed as 48 kHz stereo
AAC exactly as long as the video; a user's own track fitted the same way; and no audio file
left anywhere (out dir or working directory) after success, a cancel at any point, or an error.

Loudness and true peak are read by ffmpeg's own ebur128 filter, on the real MP4.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from moviepy.config import FFMPEG_BINARY

from wrapped.audio.loudness import RATE, integrated_lufs, master, true_peak_db
from wrapped.audio.music import compose, score_for
from wrapped.audio.track import decode, fit
from wrapped.audio.wav import write_wav
from wrapped.entries import Entry
from wrapped.errors import MusicError, RenderCancelled
from wrapped.journal import read_journal
from wrapped.pipeline import make_video, year_stats
from wrapped.settings import RenderSettings
from wrapped.stats import compute_stats
from wrapped.timeline import BEATS_PER_BAR
from wrapped.video.storyboard import make_storyboard

from conftest import SAMPLE, ffmpeg_processes, render_threads, run_in_thread

SMALL = RenderSettings(width=256, height=144, fps=10, quality="draft")


def ebur128(path: Path) -> tuple[float, float]:
    """(integrated loudness in LUFS, true peak in dBTP), as ffmpeg's ebur128 filter measures them."""
    said = subprocess.run([FFMPEG_BINARY, "-nostats", "-hide_banner", "-i", str(path), "-map", "0:a", "-af",
                           "ebur128=peak=true", "-f", "null", "-"], capture_output=True, text=True).stderr  # fmt: skip
    summary = said[said.rindex("Summary:") :]
    return float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary)[1]), float(
        re.search(r"Peak:\s+(-?[\d.]+|-inf)", summary)[1]
    )


def audio_samples(path: Path) -> np.ndarray:
    raw = subprocess.run([FFMPEG_BINARY, "-v", "error", "-i", str(path), "-map", "0:a", "-f", "f32le", "-ac", "2",
                          "-ar", str(RATE), "-"], capture_output=True, check=True).stdout  # fmt: skip
    return np.frombuffer(raw, "<f4").reshape(-1, 2)


def streams(path: Path) -> str:
    return subprocess.run([FFMPEG_BINARY, "-hide_banner", "-i", str(path)], capture_output=True, text=True).stderr


@pytest.fixture(scope="module")
def sample_board():
    return make_storyboard(year_stats(read_journal(SAMPLE), 2025), SMALL.fps)


def stats_with_moods(moods: list[str | None]):
    entries = [Entry(day=date(2025, 1, 1 + i % 28) if i < 28 else date(2025, 2, 1 + i % 28), moment=None,
                     title="t", text="words " * 20, source=Path("x"), mood=m) for i, m in enumerate(moods)]  # fmt: skip
    return compute_stats(entries, 2025)


def test_the_sample_video_has_48k_stereo_aac_at_minus_16_lufs_as_long_as_the_video(tmp_path):
    out = tmp_path / "v.mp4"
    video = make_video(SAMPLE, out, SMALL)
    info = streams(out)
    assert re.search(r"Audio: aac.*48000 Hz, stereo", info), info
    loudness, peak = ebur128(out)
    assert -17.0 <= loudness <= -15.0
    assert peak <= -1.0
    seconds = audio_samples(out).shape[0] / RATE
    assert abs(seconds - video.rendered.seconds) <= 1 / SMALL.fps  # within a frame
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.mp4"]


def test_none_makes_a_silent_video(tmp_path):
    out = tmp_path / "v.mp4"
    make_video(SAMPLE, out, SMALL, music="none")
    assert "Audio:" not in streams(out)


@pytest.mark.parametrize("fps", [10, 24, 25, 30, 60])
def test_every_cut_lands_on_a_downbeat_and_the_music_follows_the_scenes(fps):
    board = make_storyboard(year_stats(read_journal(SAMPLE), 2025), fps)
    bar = BEATS_PER_BAR * 60 / board.bpm
    for shot in board.shots:
        assert abs(shot.start / fps - shot.bar * bar) <= 0.5 / fps  # the nearest frame to the downbeat
    score = score_for(board.timeline, board.stats)
    assert [(s.first_bar, s.bars) for s in score.sections] == [(s.bar, s.bars) for s in board.shots]
    parts = {shot.scene.name: section.part for shot, section in zip(board.shots, score.sections, strict=True)}
    assert parts["title"] == "intro" and parts["streak"] == "peak" and parts["ending"] == "resolve"
    names = [s.scene.name for s in board.shots]
    assert parts[names[names.index("streak") - 1]] == "build"
    assert score.samples == round(board.total_frames * RATE / fps)


def test_the_same_journal_gives_the_same_audio(sample_board):
    first, second = (
        compose(score_for(sample_board.timeline, sample_board.stats)),
        compose(score_for(sample_board.timeline, sample_board.stats)),
    )
    assert first.shape == (score_for(sample_board.timeline, sample_board.stats).samples, 2) and np.array_equal(
        first, second
    )
    assert np.abs(first).max() > 0.1  # not silence


def test_the_mode_follows_the_moods():
    good = make_storyboard(stats_with_moods(["great", "good", "happy"] * 10), 10)
    low = make_storyboard(stats_with_moods(["sad", "tired", "awful"] * 10), 10)
    none = make_storyboard(stats_with_moods([None] * 30), 10)
    assert (
        score_for(good.timeline, good.stats).mode,
        score_for(low.timeline, low.stats).mode,
        score_for(none.timeline, none.stats).mode,
    ) == ("major", "minor", "dorian")
    # and the notes differ: a minor year is not the major one relabelled
    assert not np.array_equal(
        compose(score_for(good.timeline, good.stats))[:RATE], compose(score_for(low.timeline, low.stats))[:RATE]
    )


@pytest.mark.parametrize("kind", ["noise", "tone", "pulsed bass", "loud square", "clicks over a quiet tone"])
def test_the_master_reads_minus_16_lufs_and_under_minus_1_dbtp_in_ffmpeg(tmp_path, kind):
    rng = np.random.default_rng(7)
    t = np.arange(RATE * 8) / RATE
    signal = {
        "noise": rng.standard_normal(t.size) * 0.05,
        "tone": 0.2 * np.sin(2 * np.pi * 440 * t),
        "pulsed bass": 0.6 * np.sin(2 * np.pi * 50 * t) * ((t % 1) < 0.25),
        "loud square": 0.95 * np.sign(np.sin(2 * np.pi * 997 * t)),
        # peaks 14 dB over the loudness: the limiter has to hold them under the ceiling
        "clicks over a quiet tone": 0.05 * np.sin(2 * np.pi * 220 * t)
        + 0.2 * np.sin(2 * np.pi * 3000 * t) * ((t % 0.5) < 0.004),
    }[kind]
    mastered = master(np.stack([signal, signal * 0.8], axis=1).astype(np.float32))
    wav = tmp_path / "m.wav"
    write_wav(wav, mastered)
    loudness, peak = ebur128(wav)
    assert abs(loudness - -16.0) <= 0.5 and peak <= -1.0
    assert abs(integrated_lufs(mastered) - loudness) <= 0.5 and true_peak_db(mastered) <= peak + 0.6


def tone_file(path: Path, seconds: float) -> Path:
    subprocess.run([FFMPEG_BINARY, "-v", "error", "-f", "lavfi", "-i", f"sine=frequency=330:duration={seconds}",
                    "-ac", "2", "-c:a", "aac", str(path)], check=True)  # fmt: skip
    return path


@pytest.mark.parametrize("seconds", [3, 90])  # looped, and trimmed
def test_a_users_track_is_fitted_faded_and_normalised(tmp_path, seconds):
    track = tone_file(tmp_path / "song.m4a", seconds)
    out = tmp_path / "v.mp4"
    video = make_video(SAMPLE, out, SMALL, music=str(track))
    sound = audio_samples(out)
    assert abs(sound.shape[0] / RATE - video.rendered.seconds) <= 1 / SMALL.fps
    loudness, peak = ebur128(out)
    assert -17.0 <= loudness <= -15.0 and peak <= -1.0
    middle = np.sqrt((sound[RATE * 10 : RATE * 11] ** 2).mean())
    in_fade = np.sqrt((sound[-RATE // 2 :] ** 2).mean())
    assert in_fade < middle * 0.2  # faded out over the last two seconds
    assert sorted(p.name for p in tmp_path.iterdir()) == ["song.m4a", "v.mp4"]


def test_fit_loops_a_short_track_and_trims_a_long_one():
    short = np.ones((RATE, 2), np.float32) * np.arange(RATE, dtype=np.float32)[:, None]
    looped = fit(short, RATE * 5)
    assert looped.shape == (RATE * 5, 2) and np.array_equal(looped[RATE : RATE + 10], short[:10])
    assert looped[-1].max() == 0.0
    assert fit(np.ones((RATE * 9, 2), np.float32), RATE * 4).shape == (RATE * 4, 2)


@pytest.mark.parametrize("what", ["missing", "text", "folder", "fifo", "empty"])
def test_a_bad_music_file_is_one_line_before_any_rendering(tmp_path, what):
    bad = tmp_path / "song.mp3"
    if what == "text":
        bad.write_text("these are not the sounds you are looking for\n" * 100)
    elif what == "folder":
        bad.mkdir()
    elif what == "fifo":
        os.mkfifo(bad)
    elif what == "empty":
        bad.write_bytes(b"")
    out = tmp_path / "out" / "v.mp4"
    result = subprocess.run([sys.executable, "-m", "wrapped", "render", str(SAMPLE), "--music", str(bad), "--out",
                             str(out)], capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"wrapped: music {bad}"), result.stderr
    assert "Traceback" not in result.stderr and "Drawing" not in result.stderr
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_decode_reads_what_ffmpeg_reads_and_refuses_the_rest(tmp_path):
    track = tone_file(tmp_path / "a.m4a", 2)
    sound = decode(track, 1.0, threading.Event())
    assert sound.dtype == np.float32 and sound.shape[1] == 2 and abs(sound.shape[0] - 1.1 * RATE) < RATE * 0.05
    (tmp_path / "b.m4a").write_bytes(b"\x00" * 5000)
    with pytest.raises(MusicError, match="cannot read it as audio"):
        decode(tmp_path / "b.m4a", 1.0, threading.Event())


def run_cancelled(out: Path, point: str | int, music: str = "generated"):
    """make_video in a render thread, cancelled at a point: 'composing', or a frame count."""
    cancel = threading.Event()

    def reached(p) -> bool:
        if point == "composing":
            return "composing the soundtrack" in p.message or "fitting your music" in p.message
        if point == "finishing":
            return "Finishing" in p.message
        return bool(p.total) and p.done >= 1 + point and "Drawing" in p.message

    def on_progress(p):
        if reached(p):
            cancel.set()

    return run_in_thread(
        lambda: make_video(SAMPLE, out, SMALL, cancel=cancel, on_progress=on_progress, music=music)
    ).get("error")


@pytest.mark.parametrize("point", ["composing", 1, 40, 150, 300, "finishing"])
def test_a_cancel_at_any_point_leaves_no_audio_or_video_in_the_out_dir_or_the_cwd(tmp_path, monkeypatch, point):
    cwd, out_dir = tmp_path / "cwd", tmp_path / "videos"
    cwd.mkdir()
    out_dir.mkdir()
    (out_dir / "older.mp4").write_bytes(b"keep me")
    monkeypatch.chdir(cwd)  # moviepy's own temporary audio would land here
    error = run_cancelled(out_dir / "v.mp4", point)
    assert isinstance(error, RenderCancelled)
    assert list(cwd.iterdir()) == []
    assert sorted(p.name for p in out_dir.iterdir()) == ["older.mp4"]
    assert ffmpeg_processes() == [] and render_threads() == []


def test_a_cancel_while_fitting_a_users_track_leaves_nothing(tmp_path, monkeypatch):
    track = tone_file(tmp_path / "song.m4a", 40)
    out_dir = tmp_path / "videos"
    out_dir.mkdir()
    monkeypatch.chdir(out_dir)
    assert isinstance(run_cancelled(out_dir / "v.mp4", "composing", music=str(track)), RenderCancelled)
    assert list(out_dir.iterdir()) == [] and ffmpeg_processes() == []


@pytest.mark.parametrize("failure", ["disk full", "ctrl-c"])
def test_a_failure_just_after_the_soundtrack_is_written_deletes_it(tmp_path, monkeypatch, failure):
    """The disk fills, or a second Ctrl-C lands, as the soundtrack's file is finished: before the
    encoder's with block begins, so __enter__ itself must clean up. Nothing is left."""
    import wrapped.encoder as encoder
    from wrapped.errors import EncodeError

    written = []
    real = encoder.write_wav

    def write_then_fail(path, samples):
        real(path, samples)
        written.append(path)
        raise OSError(28, "No space left on device") if failure == "disk full" else KeyboardInterrupt

    monkeypatch.setattr(encoder, "write_wav", write_then_fail)
    expected = (EncodeError, "no space left on device writing") if failure == "disk full" else (KeyboardInterrupt, None)
    with pytest.raises(expected[0], match=expected[1]):
        make_video(SAMPLE, tmp_path / "v.mp4", SMALL)
    assert written and list(tmp_path.iterdir()) == [] and ffmpeg_processes() == []


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.mark.anyio
async def test_over_mcp_music_is_generated_or_none_and_nothing_else(tmp_path):
    from mcp_transports import Connection

    async with Connection("stdio-auto", SAMPLE, tmp_path / "videos") as client:
        silent = await client.call_tool("create_wrapped_video", {"fps": 10, "quality": "draft", "music": "none"})
        assert not silent.is_error and "Audio:" not in streams(Path(silent.structured_content["path"]))
        sound = await client.call_tool("create_wrapped_video", {"fps": 10, "quality": "draft", "quotes": True})
        assert "Audio: aac" in streams(Path(sound.structured_content["path"]))
        refused = await client.call_tool("create_wrapped_video", {"music": "/etc/passwd"})
        assert refused.is_error and "music must be one of 'generated' or 'none'" in refused.content[0].text
