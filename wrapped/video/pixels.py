"""The colour of each day of the year: by its mood when the year has moods (the Year in
Pixels), by its words otherwise. One scale of mood buckets for the calendar, the moods chart and
the share images alike.

The five buckets run from the best mood to the lowest (gold, green, sky, lavender, coral), with a
sixth for mood words off the scale. Each is bright and of its own hue, so on the dark grounds of
every palette family each stands apart from the others and from the background.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from wrapped.moods import BEST, LOWEST, ranked, valence
from wrapped.stats import YearStats
from wrapped.video.easing import mix

RGB = tuple[int, int, int]

# from the best mood to the lowest: gold, green, sky, lavender, coral
MOOD_SCALE: tuple[RGB, ...] = ((255, 206, 72), (96, 222, 130), (96, 190, 255), (190, 150, 255), (255, 100, 130))
UNRATED: RGB = (222, 222, 230)  # a mood word that is not on the scale
BUCKETS = len(MOOD_SCALE) + 1  # the scale's steps and "other"


def bucket_of(mood: str) -> int:
    """0 (the best) .. 4 (the lowest) on the scale; 5 for a word off it."""
    v = valence(mood)
    return BEST - v if v is not None and LOWEST <= v <= BEST else len(MOOD_SCALE)


def bucket_colour(bucket: int) -> RGB:
    return MOOD_SCALE[bucket] if bucket < len(MOOD_SCALE) else UNRATED


def mood_colour(mood: str) -> RGB:
    """A mood's colour on the ordered scale: best gold, lowest coral; unknown words pale grey."""
    return bucket_colour(bucket_of(mood))


@dataclass(frozen=True)
class DayColours:
    by_mood: bool
    colours: tuple[RGB | None, ...]  # one per day; None: nothing written (or no mood, by mood)
    legend: tuple[tuple[str, RGB], ...]  # one swatch per bucket in use, best first (by mood only)


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
    """One swatch per bucket in use, best first, named by its most common mood ('good', 'okay'...)."""
    counts = dict(stats.moods)
    names: dict[int, str] = {}
    for mood in ranked(counts):
        bucket = bucket_of(mood)
        if bucket not in names or counts[mood] > counts[names[bucket]]:
            names[bucket] = mood
    return tuple((names[b] if b < len(MOOD_SCALE) else "other", bucket_colour(b)) for b in range(BUCKETS) if b in names)
