"""The timeline is computed once and every scene draws at any moment, with rich or with little data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from wrapped.entries import Entry
from wrapped.journal import read_journal
from wrapped.pipeline import year_stats
from wrapped.settings import FORMATS
from wrapped.stats import compute_stats
from wrapped.video.editing import edit
from wrapped.video.frames import FramePainter
from wrapped.video.scenes import SCENES
from wrapped.video.storyboard import make_storyboard

from conftest import SAMPLE


@pytest.fixture(scope="module")
def full_stats():
    return year_stats(read_journal(SAMPLE), 2025)


@pytest.fixture(scope="module")
def sparse_stats():
    """Three entries: no tags, no moods, no times, a two-day streak."""
    days = [date(2024, 2, 1), date(2024, 2, 2), date(2024, 9, 30)]
    return compute_stats(
        [Entry(day=d, moment=None, title=f"t{i}", text="a few words", source=Path("x")) for i, d in enumerate(days)],
        2024,
    )


@pytest.mark.parametrize("fps", [8, 24, 30, 60])
def test_the_shots_are_the_edits_scenes_and_tile_the_timeline_exactly(full_stats, sparse_stats, fps):
    for stats, (shortest, longest) in ((full_stats, (45, 60)), (sparse_stats, (0, 30))):
        board = make_storyboard(stats, fps)
        assert shortest <= board.seconds <= longest + 0.5 / fps
        assert tuple(s.cue.name for s in board.shots) == edit(stats).names
        assert tuple(s.cue for s in board.shots) == board.timeline.cues
        names = [s.scene.name for s in board.shots]
        assert names == [name for name in SCENES if name in names]  # in the registry's order
        assert {"title", "personality", "ending"} <= set(names)
        position = 0
        for shot in board.shots:
            assert shot.start == position and shot.frames >= 1
            assert board.shot_at(shot.start) is shot and board.shot_at(shot.end - 1) is shot
            position = shot.end
        assert position == board.total_frames


def test_a_sparse_year_leaves_out_the_scenes_it_has_nothing_for(full_stats, sparse_stats):
    full = [s.cue.name for s in make_storyboard(full_stats, 30).shots]
    sparse = [s.cue.name for s in make_storyboard(sparse_stats, 30).shots]
    assert sparse == [name for name in full if name in sparse]
    assert not set(sparse) & {"calendar", "tags", "moods", "streak", "highlights", "hour"}
    assert {"tags", "moods", "hour"} <= set(full)


def test_the_storyboard_marks_the_edits_climax(full_stats, sparse_stats):
    board = make_storyboard(full_stats, 30)
    assert board.climax is not None and board.climax.cue.name == edit(full_stats).climax == "streak"
    assert board.climax.scene.climax  # the scene itself plays the biggest moment
    assert not any(s.scene.climax for s in board.shots if s is not board.climax)
    assert make_storyboard(sparse_stats, 30).climax is None


@pytest.mark.parametrize("format_name", list(FORMATS))
@pytest.mark.parametrize("which", ["full", "sparse"])
def test_every_scene_draws_at_start_middle_and_end(full_stats, sparse_stats, format_name, which):
    stats = full_stats if which == "full" else sparse_stats
    width, height = (w // 4 * 2 for w in FORMATS[format_name])  # half size keeps the test quick
    board = make_storyboard(stats, 12)
    painter = FramePainter(board, width, height)
    for shot in board.shots:
        frames = [painter.frame_array(shot.start + k) for k in (0, shot.frames // 2, shot.frames - 1)]
        for frame in frames:
            assert frame.shape == (height, width, 3) and frame.dtype == np.uint8
        middle = frames[1]
        assert middle.std() > 3, f"{shot.scene.name} middle frame is flat"
        if shot is board.shots[0]:
            assert middle.mean() > frames[0].mean(), "the video does not fade up from dark"
        else:  # the scene comes in over the last one: its first frame is not the old scene going on
            before = board.shot_at(shot.start - 1)
            old = np.asarray(painter.scene_frame(before, before.frames))
            assert not np.array_equal(frames[0], old) and not np.array_equal(frames[0], middle)
    last = board.shots[-1]
    assert np.array_equal(painter.frame_array(last.end - 1), np.asarray(painter.scene_frame(last, last.frames - 1))), (
        "the last frame is the end card itself, not a fade"
    )


def test_the_same_journal_always_gives_the_same_frames(full_stats):
    board = make_storyboard(full_stats, 10)
    a, b = FramePainter(board, 320, 180), FramePainter(board, 320, 180)
    for frame in range(0, board.total_frames, 37):
        assert np.array_equal(a.frame_array(frame), b.frame_array(frame))


@pytest.mark.parametrize("size", [(1280, 720), (1080, 1080), (720, 1280)])
def test_a_leap_year_starting_on_sunday_fits_all_54_weeks_in_the_calendar(size):
    """2012 began on a Sunday and had 366 days: 31 December falls in a 54th week column."""
    from wrapped.video.canvas import Canvas
    from wrapped.video.scenes.calendar import Calendar

    stats = compute_stats([Entry(day=date(2012, 12, 31), moment=None, title="t", text="w", source=Path("x"))], 2012)
    scene, canvas = Calendar(stats), Canvas(*size)
    _, chart = scene.blocks(canvas)
    assert chart is not None
    grid = scene.grid(canvas, chart)
    assert scene.weeks() == 54
    x, _ = grid.origin(53, 0)
    width, height = grid.size
    assert x + grid.cell <= width + 1 and width <= chart[2] - chart[0] + 1
    assert chart[1] + height <= chart[3]
