"""The look, proved from drawn frames: always moving, one big fact per screen, no seams, no entry
text without --quotes, one mood scale that stands apart from every ground."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from wrapped.entries import Entry
from wrapped.journal import read_journal
from wrapped.pipeline import year_stats
from wrapped.quotes import pick_quotes
from wrapped.settings import FORMATS, RenderSettings
from wrapped.stats import compute_stats
from wrapped.video.canvas import Canvas, contrast
from wrapped.video.frames import FramePainter
from wrapped.video.pixels import BUCKETS, MOOD_SCALE, mood_legend
from wrapped.video.storyboard import make_storyboard
from wrapped.video.theme import FAMILIES

from conftest import SAMPLE

STILL = 0.05  # mean absolute difference (of 255) on a 96 px wide grey copy under which a frame is still


def grey_small(frame: np.ndarray) -> np.ndarray:
    """The frame in grey, scaled down (averaging) to 96 px wide."""
    from PIL import Image

    grey = Image.fromarray(np.ascontiguousarray(frame)).convert("L")
    return np.asarray(grey.resize((96, round(96 * grey.height / grey.width)), Image.Resampling.BOX), np.float32)


def still_runs(frames) -> tuple[int, int, int]:
    """(still frames, longest run of still frames, frames) over an iterable of RGB arrays."""
    still = run = longest = count = 0
    previous = None
    for frame in frames:
        small = grey_small(frame)
        if previous is not None and np.abs(small - previous).mean() < STILL:
            still, run = still + 1, run + 1
            longest = max(longest, run)
        else:
            run = 0
        previous, count = small, count + 1
    return still, longest, count


@pytest.fixture(scope="module")
def sample_stats():
    return year_stats(read_journal(SAMPLE), 2025)


def test_a_rendered_video_is_still_for_under_a_tenth_of_its_frames_and_never_a_second(sample_stats, tmp_path):
    """Decoded from the MP4: the share of frames identical to the one before, and the longest hold."""
    import imageio_ffmpeg

    from wrapped.render import render_video

    fps = 15
    board = make_storyboard(sample_stats, fps)
    out = tmp_path / "v.mp4"
    render_video(board, out, RenderSettings(fps=fps, quality="draft"))
    reader = imageio_ffmpeg.read_frames(str(out))
    w, h = next(reader)["size"]
    still, longest, count = still_runs(np.frombuffer(raw, np.uint8).reshape(h, w, 3) for raw in reader)
    assert count == board.total_frames
    assert still / count <= 0.10, f"{still} of {count} frames are still"
    assert longest < fps, f"a hold of {longest / fps:.2f} s"


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_every_scene_keeps_moving_to_its_last_frame(sample_stats, format_name):
    width, height = FORMATS[format_name]
    board = make_storyboard(sample_stats, 30)
    painter = FramePainter(board, width, height)
    for shot in board.shots:
        tail = range(shot.end - 12, shot.end)  # long after every animation has landed
        still, longest, _ = still_runs(painter.frame_array(f) for f in tail)
        assert still <= 2 and longest <= 1, f"{shot.scene.name} holds still at its end ({still} of 11)"


def test_frames_are_a_pure_function_of_their_index_drawn_in_any_order(sample_stats):
    board = make_storyboard(sample_stats, 10)
    forward, backward = FramePainter(board, 360, 640), FramePainter(board, 360, 640)
    picks = list(range(0, board.total_frames, 29))
    ahead = {f: forward.frame_array(f).copy() for f in picks}
    for f in reversed(picks):
        assert np.array_equal(backward.frame_array(f), ahead[f]), f"frame {f} depends on what was drawn before"


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_a_push_is_cut_from_exact_crops_so_no_seam_shows(sample_stats, format_name):
    width, height = (v // 2 for v in FORMATS[format_name])
    board = make_storyboard(sample_stats, 30)
    painter = FramePainter(board, width, height)
    pushed = 0
    for shot in board.shots[1:]:
        if not painter.pushes_in(shot):
            continue
        before = board.shot_at(shot.start - 1)
        for local in (1, 4, 8):
            frame = painter.frame_array(shot.start + local)
            old = np.asarray(painter.scene_frame(before, before.frames + local))
            new = np.asarray(painter.scene_frame(shot, local))
            if height > width * 1.2:
                shift = next(s for s in range(height + 1) if np.array_equal(frame[: height - s], old[s:]))
                assert np.array_equal(frame[height - shift :], new[:shift]), f"{shot.scene.name}: seam"
            else:
                shift = next(s for s in range(width + 1) if np.array_equal(frame[:, : width - s], old[:, s:]))
                assert np.array_equal(frame[:, width - shift :], new[:, :shift]), f"{shot.scene.name}: seam"
            assert 0 < shift < (height if height > width * 1.2 else width)
            pushed += 1
    assert pushed


# --- one big fact per screen ------------------------------------------------------------------
HERO_SCENES = ("title", "entries", "words", "calendar", "streak", "highlights", "hour", "ending")


@pytest.fixture
def drawn(monkeypatch):
    """Every text drawn: (text, font size, box)."""
    seen: list[tuple[str, int, tuple[int, int, int, int]]] = []
    original = Canvas.text

    def text(self, image, xy, text, font, fill, anchor="la"):
        box = original(self, image, xy, text, font, fill, anchor)
        seen.append((text, font.size, box))
        return box

    monkeypatch.setattr(Canvas, "text", text)
    return seen


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_each_number_scene_leads_with_a_number_a_fifth_of_the_short_side_centred_in_the_safe_zone(
    sample_stats, drawn, format_name
):
    width, height = FORMATS[format_name]
    board = make_storyboard(sample_stats, 10)
    painter = FramePainter(board, width, height)
    canvas = Canvas(width, height)
    left, top, right, bottom = canvas.safe()
    for shot in board.shots:
        if shot.scene.name not in HERO_SCENES:
            continue
        drawn.clear()
        painter.paint(shot.end - 1)
        size = max(d[1] for d in drawn)
        hero = [(t, b) for t, s, b in drawn if s == size]  # the title sets its year a digit at a time
        text = "".join(t for t, _ in hero)
        box = (min(b[0] for _, b in hero), min(b[1] for _, b in hero), max(b[2] for _, b in hero),
               max(b[3] for _, b in hero))  # fmt: skip
        assert any(ch.isdigit() for ch in text), f"{shot.scene.name}: the biggest type is {text!r}"
        assert size >= 0.2 * min(width, height), f"{shot.scene.name}: {text!r} is {size} px"
        assert left <= box[0] and box[2] <= right and top <= box[1] and box[3] <= bottom, (shot.scene.name, box)
        assert abs((box[0] + box[2]) / 2 - (left + right) / 2) < 0.05 * width, f"{shot.scene.name} is not centred"


# --- privacy ----------------------------------------------------------------------------------
def marked_journal(marker: str) -> list[Entry]:
    """Entries whose titles and bodies carry `marker`; everything else (words, tags, moods, places,
    stars, times) does not depend on it."""
    entries = []
    for i in range(40):
        day = date(2025, 1, 1) + timedelta(days=i * 7 + i % 3)
        words = " ".join([marker] * (3 + i % 5) + ["river", "light", "walk"] * (i % 7))
        entries.append(Entry(day=day, moment=datetime(day.year, day.month, day.day, 7 + i % 15),
                             title=f"{marker} {marker.lower()} notes", text=f"{marker} said hello. {words}",
                             source=Path("j.txt"), tags=("walks", "work")[: 1 + i % 2], mood=("good", "meh")[i % 2],
                             location="Leeds" if i % 4 else "York", starred=i % 9 == 0))  # fmt: skip
    return entries


def test_no_word_a_person_wrote_is_drawn_without_quotes(drawn):
    one, other = marked_journal("Zebracorn"), marked_journal("Quokkamat")  # same length: same word counts
    boards = [make_storyboard(compute_stats(entries, 2025), 10) for entries in (one, other)]
    assert [s.scene.name for s in boards[0].shots] == [s.scene.name for s in boards[1].shots]
    assert "highlights" in [s.scene.name for s in boards[0].shots]
    painters = [FramePainter(board, 360, 640) for board in boards]
    for frame in range(boards[0].total_frames):
        drawn.clear()
        a = painters[0].frame_array(frame)
        b = painters[1].frame_array(frame)
        assert np.array_equal(a, b), f"frame {frame} ({boards[0].shot_at(frame).scene.name}) shows entry text"
        assert not any("zebracorn" in text.lower() or "quokkamat" in text.lower() for text, _, _ in drawn)


def test_with_quotes_the_words_do_appear_so_the_privacy_test_can_fail(drawn):
    entries = marked_journal("Zebracorn")
    board = make_storyboard(compute_stats(entries, 2025), 10, pick_quotes(entries, 2025))
    painter = FramePainter(board, 360, 640)
    shot = next(s for s in board.shots if s.scene.name == "quotes")
    for frame in range(shot.start, shot.end):
        painter.paint(frame)
    assert any("Zebracorn" in text for text, _, _ in drawn)


# --- colour -----------------------------------------------------------------------------------
def test_mood_buckets_stand_apart_from_each_other_and_from_every_ground():
    for a, b in itertools.combinations(MOOD_SCALE, 2):
        assert np.abs(np.array(a) - np.array(b)).sum() >= 90, (a, b)
    for family in FAMILIES:
        for ground in family.grounds_flat:
            for colour in MOOD_SCALE:
                assert contrast(colour, ground) >= 3.0, (family.name, colour, ground)


def test_the_calendar_the_moods_chart_and_the_share_story_use_the_same_buckets(sample_stats):
    legend = mood_legend(sample_stats)
    assert 1 <= len(legend) <= BUCKETS and [c for _, c in legend] == sorted(
        (c for _, c in legend), key=lambda c: MOOD_SCALE.index(c) if c in MOOD_SCALE else 99
    )
    from wrapped.video.share import story_image

    story = np.asarray(story_image(sample_stats)).reshape(-1, 3)
    for _, colour in legend:  # every bucket's exact colour is on the story image
        assert (np.abs(story.astype(int) - colour).sum(axis=1) == 0).any(), colour
