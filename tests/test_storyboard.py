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
    assert not set(sparse) & {"calendar", "tags", "moods", "streak", "highlights"}


def test_the_storyboard_marks_the_edits_climax(full_stats, sparse_stats):
    board = make_storyboard(full_stats, 30)
    assert board.climax is not None and board.climax.cue.name == edit(full_stats).climax == "streak"
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
        else:  # the scene moves in over the last one: its first frame is neither the old scene nor the new
            before = painter.settled(board.shot_at(shot.start - 1))[1]
            assert not np.array_equal(frames[0], before) and not np.array_equal(frames[0], middle)
    last = painter.frame_array(board.total_frames - 1)
    assert last.mean() < painter.settled(board.shots[-1])[1].mean(), "the video does not fade down at its end"


@pytest.mark.parametrize("fps", [10, 30])
def test_each_scene_moves_in_with_a_push_a_wipe_or_a_zoom_never_a_dip_to_black(full_stats, fps):
    from wrapped.video.canvas import Canvas

    board = make_storyboard(full_stats, fps)
    painter = FramePainter(board, 320, 180)
    canvas = Canvas(320, 180)
    kinds = [painter.handover(shot) for shot in board.shots]
    assert kinds[0] is None and set(kinds[1:]) == {"push", "wipe", "zoom"}
    for shot in board.shots[1:]:
        before = painter.settled(board.shot_at(shot.start - 1))[1].astype(np.int16)
        for local in range(0, max(2, round(0.45 * fps))):
            frame = painter.frame_array(shot.start + local).astype(np.int16)
            own = shot.scene.background(canvas)  # the new scene at this moment, not moving in
            shot.scene.draw_frame(own, canvas, local, shot.frames)
            # never darker than both scenes it moves between: no dip to black
            floor = min(before.mean(), np.asarray(own).mean())
            assert frame.mean() > floor * 0.85, f"{shot.scene.name} dips at frame {local}"
            assert not np.array_equal(frame, before) or local == 0


def test_the_same_journal_always_gives_the_same_frames(full_stats):
    board = make_storyboard(full_stats, 10)
    a, b = FramePainter(board, 320, 180), FramePainter(board, 320, 180)
    for frame in range(0, board.total_frames, 37):
        assert np.array_equal(a.frame_array(frame), b.frame_array(frame))


def test_highlights_never_show_entry_text(full_stats):
    texts = {e.excerpt for e in read_journal(SAMPLE).entries}
    for shot in make_storyboard(full_stats, 10).shots:
        shown = " ".join(str(x) for x in (shot.scene.headline(), *getattr(shot.scene, "cards", lambda: [])()))
        assert not any(t and t[:40] in shown for t in texts)


@pytest.mark.parametrize("size", [(1280, 720), (1080, 1920), (320, 180)])
@pytest.mark.parametrize("which", ["full", "sparse"])
def test_a_held_frame_is_exactly_what_drawing_that_moment_would_give(full_stats, sparse_stats, size, which):
    """The painter draws each scene's settled frame once and repeats it; nothing may move after it."""
    from wrapped.video.canvas import Canvas

    board = make_storyboard(full_stats if which == "full" else sparse_stats, 10)
    canvas = Canvas(*size)
    painter = FramePainter(board, *size)
    for shot in board.shots:
        held = np.asarray(painter.settled(shot)[0])
        for local in range(shot.scene.settled_frame(shot.frames), shot.frames):
            fresh = shot.scene.background(canvas)
            shot.scene.draw_frame(fresh, canvas, local, shot.frames)
            assert np.array_equal(np.asarray(fresh), held), f"{shot.scene.name} still moves at frame {local}"


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (1080, 1920), (1080, 1080)])
def test_the_calendar_pasting_lit_columns_matches_drawing_every_cell(full_stats, size):
    from PIL import ImageDraw

    from wrapped.video.canvas import Canvas

    board = make_storyboard(full_stats, 30)
    shot = next(s for s in board.shots if s.scene.name == "calendar")
    scene, canvas = shot.scene, Canvas(*size)
    pasted_somewhere = False
    for local in range(0, shot.scene.settled_frame(shot.frames) + 1, 3):
        fast = scene.background(canvas)
        scene.draw_frame(fast, canvas, local, shot.frames)
        slow = scene.background(canvas)
        scene.draw(ImageDraw.Draw(slow), canvas, local, shot.frames)
        assert np.array_equal(np.asarray(fast), np.asarray(slow)), f"frame {local} differs"
        pasted_somewhere |= scene.lit_weeks(canvas, local, shot.frames) > 0
    assert pasted_somewhere


@pytest.mark.parametrize("size", [(1280, 720), (1080, 1080), (1080, 1920)])
def test_a_leap_year_starting_on_sunday_fits_all_54_weeks_in_the_calendar(size):
    """2012 began on a Sunday and had 366 days: 31 December falls in a 54th week column."""
    from wrapped.video.canvas import Canvas
    from wrapped.video.scenes.calendar import Calendar

    stats = compute_stats([Entry(day=date(2012, 12, 31), moment=None, title="t", text="w", source=Path("x"))], 2012)
    scene, canvas = Calendar(stats), Canvas(*size)
    grid = scene.grid(canvas)
    last_week, last_row, _ = list(scene.cells())[-1]
    assert (scene.weeks(), last_week, last_row) == (54, 53, 0)
    x, y = grid.origin(last_week, last_row)
    left, _, right, bottom = canvas.content_box()
    assert left <= x and x + grid.cell <= right + 1 and y + grid.cell <= bottom
