"""The colour of each day of the year: by its mood when the year has moods (the Year in
Pixels), by its words otherwise. One rule for the calendar scene and the share story image."""

from __future__ import annotations

import math
from dataclasses import dataclass

from wrapped.moods import BEST, LOWEST, ranked, valence
from wrapped.stats import YearStats
from wrapped.video.easing import mix

RGB = tuple[int, int, int]

# from the best mood to the lowest: gold, green, slate, violet, red-violet
MOOD_SCALE: tuple[RGB, ...] = ((255, 200, 60), (110, 215, 120), (120, 150, 190), (150, 105, 220), (220, 70, 120))
UNRATED: RGB = (200, 200, 210)  # a mood word that is not on the scale


def mood_colour(mood: str) -> RGB:
    """A mood's colour on the ordered scale: best gold, lowest red-violet; unknown words grey."""
    v = valence(mood)
    if v is None:
        return UNRATED
    return MOOD_SCALE[BEST - v] if LOWEST <= v <= BEST else UNRATED


@dataclass(frozen=True)
class DayColours:
    by_mood: bool
    colours: tuple[RGB | None, ...]  # one per day; None: nothing written (or no mood, by mood)
    legend: tuple[tuple[str, RGB], ...]  # one swatch per step of the scale in use, best first (by mood only)


def day_colours(stats: YearStats, low: RGB, high: RGB) -> DayColours:
    """Each day's colour; by words, days run from `low` (a few words) to `high` (the busiest day)."""
    if stats.mood_entries:
        colours = tuple(mood_colour(m) if m else None for m in stats.mood_per_day)
        return DayColours(True, colours, mood_legend(stats))
    peak = max(stats.words_per_day) or 1
    return DayColours(
        False, tuple(mix(low, high, 0.25 + 0.75 * math.sqrt(w / peak)) if w else None for w in stats.words_per_day), ()
    )


def mood_legend(stats: YearStats) -> tuple[tuple[str, RGB], ...]:
    """One swatch per colour in use, best first, named by its most common mood ('good', 'okay'...)."""
    counts = dict(stats.moods)
    swatches: dict[RGB, str] = {}
    for mood in ranked(counts):
        colour = mood_colour(mood)
        if colour not in swatches or counts[mood] > counts[swatches[colour]]:
            swatches[colour] = mood
    order = [*MOOD_SCALE, UNRATED]
    return tuple((swatches[c] if c != UNRATED else "other", c) for c in order if c in swatches)
