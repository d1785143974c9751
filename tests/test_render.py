"""Real renders through moviepy's ffmpeg: the file decodes as asked, and a cancel leaves nothing."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import numpy as np
import pytest
from moviepy import VideoFileClip

from wrapped.errors import EncodeError, RenderCancelled
from wrapped.journal import read_journal
from wrapped.pipeline import make_video, year_stats
from wrapped.render import render_video
from wrapped.settings import RenderSettings
from wrapped.video.frames import FramePainter
from wrapped.video.storyboard import make_storyboard

from conftest import SAMPLE, ffmpeg_processes, render_threads, run_in_thread

SMALL = RenderSettings(width=256, height=144, fps=10, quality="draft")


@pytest.fixture(scope="module")
def board():
    return make_storyboard(year_stats(read_journal(SAMPLE), 2025), SMALL.fps)


def assert_nothing_left(folder: Path, keep: set[str] = frozenset()):
    assert sorted(p.name for p in folder.iterdir()) == sorted(keep)
    assert ffmpeg_processes() == []
    assert render_threads() == []


def test_a_short_render_decodes_with_the_frames_size_and_fps_asked(tmp_path, board):
    out = tmp_path / "year.mp4"
    video = make_video(SAMPLE, out, SMALL, year=2025)
    assert video.rendered.path == out and out.stat().st_size == video.rendered.bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["year.mp4"]
    clip = VideoFileClip(str(out))
    try:
        assert tuple(clip.size) == (256, 144) and clip.fps == 10
        assert round(clip.duration * clip.fps) == board.total_frames == video.rendered.frames
        # a frame from the middle of each scene is closest to that scene's own drawing
        painter = FramePainter(board, 256, 144)
        for shot in board.shots:
            t = (shot.start + shot.frames // 2) / board.fps
            decoded = clip.get_frame(t).astype(np.int16)
            distances = {
                other.scene.name: np.abs(decoded - painter.frame_array(other.start + other.frames // 2)).mean()
                for other in board.shots
            }
            assert min(distances, key=distances.get) == shot.scene.name
            drawn = painter.frame_array(round(t * board.fps)).astype(np.int16)
            assert np.abs(decoded[2, 2] - drawn[2, 2]).max() < 24  # the colours survive the encode
    finally:
        clip.close()
    assert ffmpeg_processes() == []


def test_the_video_is_yuv420p_with_faststart(tmp_path):
    import subprocess

    from moviepy.config import FFMPEG_BINARY

    out = tmp_path / "v.mp4"
    make_video(SAMPLE, out, SMALL)
    info = subprocess.run([FFMPEG_BINARY, "-hide_banner", "-i", str(out)], capture_output=True, text=True).stderr
    assert "h264" in info and "yuv420p" in info
    head = out.read_bytes()[:4096]
    assert head.find(b"moov") != -1 and head.find(b"moov") < max(head.find(b"mdat"), 4096)  # moov before mdat


@pytest.mark.parametrize("cancel_at", [0, 1, 4, 37, 101, 233, 390, "last"])
def test_cancelling_at_any_point_leaves_no_file_thread_or_ffmpeg(tmp_path, board, cancel_at):
    out = tmp_path / "year.mp4"
    out.write_bytes(b"an older video the user wants to keep")
    cancel = threading.Event()
    stop_at = board.total_frames if cancel_at == "last" else cancel_at
    seen = []

    def on_progress(p):
        seen.append(p.frames_done)
        if p.frames_done >= stop_at:
            cancel.set()

    if stop_at == 0:
        cancel.set()
    outcome = run_in_thread(lambda: render_video(board, out, SMALL, cancel=cancel, on_progress=on_progress))
    assert isinstance(outcome.get("error"), RenderCancelled)
    assert out.read_bytes() == b"an older video the user wants to keep"
    assert_nothing_left(tmp_path, {"year.mp4"})
    if seen:  # stopped within one batch of the cancel
        assert seen[-1] <= stop_at + SMALL.batch_frames


def test_a_cancel_from_another_thread_mid_render_stops_within_a_batch(tmp_path):
    """The cancel comes from outside, at a moment the renderer does not choose."""
    board = make_storyboard(year_stats(read_journal(SAMPLE), 2025), 30)
    settings = RenderSettings(width=640, height=360, fps=30, quality="high")
    cancel = threading.Event()
    progress = []
    timer = threading.Timer(1.0, cancel.set)
    timer.start()
    outcome = run_in_thread(
        lambda: render_video(board, tmp_path / "v.mp4", settings, cancel=cancel, on_progress=progress.append)
    )
    timer.cancel()
    assert isinstance(outcome.get("error"), RenderCancelled)
    assert 0 < progress[-1].frames_done < board.total_frames
    assert_nothing_left(tmp_path)


def test_an_encoder_failure_is_an_error_that_leaves_nothing(tmp_path, board, monkeypatch):
    """ffmpeg dies mid-render (killed from outside): a clear error, no file, no process."""
    import os

    out = tmp_path / "year.mp4"

    def kill_ffmpeg(p):
        if p.frames_done == 40:
            for pid in ffmpeg_processes():
                os.kill(pid, signal.SIGKILL)

    outcome = run_in_thread(lambda: render_video(board, out, SMALL, on_progress=kill_ffmpeg))
    assert isinstance(outcome.get("error"), EncodeError) and "ffmpeg" in str(outcome["error"])
    assert_nothing_left(tmp_path)


def test_an_error_while_drawing_leaves_nothing(tmp_path, board, monkeypatch):
    def broken(self, frame):
        if frame == 25:
            raise RuntimeError("a drawing bug")
        return original(self, frame)

    original = FramePainter.paint
    monkeypatch.setattr(FramePainter, "paint", broken)
    outcome = run_in_thread(lambda: render_video(board, tmp_path / "v.mp4", SMALL))
    assert isinstance(outcome.get("error"), RuntimeError)
    assert_nothing_left(tmp_path)


def write_flushable_frames(encoder):
    """Frames enough, at the slow preset, that x264 has a lookahead to flush when the input ends."""
    rng = np.random.default_rng(1)
    for _ in range(60):
        encoder.write(rng.integers(0, 255, (720, 1280, 3), dtype=np.uint8).tobytes())


HIGH_720P = RenderSettings(width=1280, height=720, fps=30, quality="high")


def test_the_encoder_moves_its_file_into_place_only_when_complete(tmp_path):
    from wrapped.encoder import VideoEncoder

    out = tmp_path / "v.mp4"
    with VideoEncoder(out, SMALL, threading.Event()) as encoder:
        for shade in range(0, 250, 10):
            encoder.write(np.full((144, 256, 3), shade, np.uint8).tobytes())
        assert not out.exists() and encoder.temp.exists() and encoder.temp.name.startswith(".v.")
    assert encoder.process.returncode == 0 and out.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.mp4"]


def test_an_error_inside_the_encoder_block_kills_ffmpeg_and_deletes_the_file(tmp_path):
    from wrapped.encoder import VideoEncoder

    with pytest.raises(ZeroDivisionError), VideoEncoder(tmp_path / "v.mp4", SMALL) as encoder:
        encoder.write(np.zeros((144, 256, 3), np.uint8).tobytes())
        raise ZeroDivisionError
    assert encoder.process.returncode == -signal.SIGKILL
    assert_nothing_left(tmp_path)


def test_a_cancel_while_x264_flushes_kills_ffmpeg_instead_of_waiting_for_it(tmp_path):
    """At slow presets x264 spends a quarter to half a second encoding its lookahead after the
    last frame; a cancel then kills ffmpeg rather than waiting (exit by SIGKILL, not 0)."""
    from wrapped.encoder import VideoEncoder

    cancel = threading.Event()
    with pytest.raises(RenderCancelled), VideoEncoder(tmp_path / "v.mp4", HIGH_720P, cancel) as encoder:
        write_flushable_frames(encoder)
        cancel.set()
    assert encoder.process.returncode == -signal.SIGKILL
    assert_nothing_left(tmp_path)


def test_a_cancel_during_the_final_flush_leaves_nothing(tmp_path):
    board = make_storyboard(year_stats(read_journal(SAMPLE), 2025), 30)
    settings = RenderSettings(width=640, height=360, fps=30, quality="high")
    cancel = threading.Event()

    def on_progress(p):
        if p.frames_done == p.frames_total:  # the last report; the flush starts right after it
            threading.Timer(0.01, cancel.set).start()

    outcome = run_in_thread(
        lambda: render_video(board, tmp_path / "v.mp4", settings, cancel=cancel, on_progress=on_progress)
    )
    assert isinstance(outcome.get("error"), RenderCancelled)
    assert_nothing_left(tmp_path)


def test_colours_reach_the_video_as_drawn(tmp_path):
    """Frames cross to ffmpeg as bgr24: a red, a green and a blue band come out red, green and blue."""
    from PIL import Image, ImageDraw

    from wrapped.encoder import VideoEncoder, raw_frame

    image = Image.new("RGB", (256, 144))
    draw = ImageDraw.Draw(image)
    bands = [(220, 30, 40), (30, 200, 60), (40, 60, 220)]
    for i, colour in enumerate(bands):
        draw.rectangle((0, i * 48, 255, i * 48 + 47), fill=colour)
    out = tmp_path / "v.mp4"
    with VideoEncoder(out, SMALL) as encoder:
        for _ in range(10):
            encoder.write(raw_frame(image))
    with VideoFileClip(str(out)) as clip:
        decoded = clip.get_frame(0.5).astype(int)
    for i, colour in enumerate(bands):
        seen = decoded[i * 48 + 16 : i * 48 + 32, 32:224].reshape(-1, 3).mean(axis=0)
        assert np.abs(seen - colour).max() < 12, f"band {i}: drew {colour}, the video shows {seen.round()}"
