"""The Year in Pixels colours each day by its mood on one ordered scale, with a legend from the
best mood to the lowest; the typeface is Inter, shipped with its licence, with tabular figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np

from wrapped.assets import data_path
from wrapped.entries import Entry
from wrapped.moods import ranked, valence
from wrapped.stats import compute_stats
from wrapped.video.canvas import Canvas
from wrapped.video.pixels import MOOD_SCALE, day_colours
from wrapped.video.scenes.calendar import Calendar
from wrapped.video.storyboard import make_storyboard


def year(moods: dict[date, str | None]):
    entries = [Entry(day=d, moment=None, title="t", text="some words here", source=Path("x"), mood=m)
               for d, m in moods.items()]  # fmt: skip
    return compute_stats(entries, 2025)


def test_days_take_their_moods_colour_best_gold_to_lowest_and_days_without_stay_dim():
    stats = year({date(2025, 1, 6): "great", date(2025, 1, 7): "okay", date(2025, 1, 8): "awful",
                  date(2025, 1, 9): None, date(2025, 3, 1): "Rad"})  # fmt: skip
    days = day_colours(stats, (0, 0, 0), (255, 255, 255))
    assert days.by_mood
    assert days.colours[5] == MOOD_SCALE[0] and days.colours[6] == MOOD_SCALE[2] and days.colours[7] == MOOD_SCALE[4]
    assert days.colours[8] is None and days.colours[0] is None  # written without a mood; not written
    assert [word for word, _ in days.legend] == ["great", "okay", "awful"]  # rad and great share gold


def test_without_moods_days_are_coloured_by_words():
    stats = year({date(2025, 2, 1): None, date(2025, 2, 2): None})
    days = day_colours(stats, (0, 0, 0), (255, 255, 255))
    assert not days.by_mood and days.legend == () and days.colours[31] is not None and days.colours[0] is None


def test_the_calendar_scene_paints_a_days_square_in_its_moods_colour():
    stats = year({date(2025, 1, 1 + i): ("great" if i % 2 else "sad") for i in range(31)})
    board = make_storyboard(stats, 10)
    shot = next(s for s in board.shots if s.scene.name == "calendar")
    scene: Calendar = shot.scene
    canvas = Canvas(720, 1280)
    _, chart = scene.blocks(canvas)
    assert chart is not None
    _, lit, grid = scene.sprites(canvas, chart)
    pixels = np.asarray(lit).astype(int)  # the lit days, pasted over the grid as the sweep passes
    for index in (0, 1):  # 1 January 2025 (a Wednesday, row 2) is sad; the 2nd is great
        x, y = grid.origin(0, 2 + index)
        centre = pixels[round(y + grid.cell * 0.4), round(x + grid.cell * 0.4)][:3]
        expected = MOOD_SCALE[4] if index == 0 else MOOD_SCALE[0]
        assert np.abs(centre - np.array(expected)).max() <= 2, (index, centre)


def test_moods_rank_from_the_best_to_the_lowest():
    assert ranked(["sad", "great", "okay", "purple", "good"]) == ["great", "good", "okay", "purple", "sad"]
    assert valence("RAD") == 2 and valence("awful") == -2 and valence("purple") is None


def test_inter_ships_with_its_licence_and_counts_in_tabular_figures():
    licence = data_path("fonts", "LICENSE-Inter").read_text()
    assert "OFL" in licence or "Open Font License" in licence
    font = Canvas(1280, 720).font(60, bold=True)
    assert "Inter" in font.getname()[0]
    widths = {font.getlength(d) for d in "0123456789"}
    assert max(widths) - min(widths) < 0.2  # one width for every figure
    assert font.getlength("1,111") == font.getlength("8,888")
