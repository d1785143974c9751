"""The edit: what this year's video says. Which scenes have a story, how long each wishes to run,
the video's length bounds and which scene is the climax. Pure: statistics in, an Edit out; it
draws nothing and knows no scene class (the storyboard turns names into shots).

Which scenes appear (in this order; each rule's threshold is a named constant below):
- title, entries, personality, ending: always (a year with no entries is an error before this).
- words: the year has words (`wrapped.personality.has_words`: not a mood log).
- calendar: at least MIN_CALENDAR_DAYS days written, enough to make a picture.
- months: entries in at least MIN_MONTHS months and a clear lead for the busiest one.
- weekday: a clear lead for the favourite weekday.
- hour: at least MIN_TIMED timed entries and a clear lead for one part of the day (PARTS_OF_DAY).
- tags: the top tag is used at least MIN_TAG_USES times.
- moods: at least MIN_MOODS entries with a mood.
- streak: the longest streak is at least MIN_STREAK days.
- highlights: at least MIN_HIGHLIGHT_ENTRIES entries, and starred entries or words to show.
- quotes: only when quotes are given (--quotes) and there are some.

A clear lead (`clear_lead`): the top bucket holds at least LEAD_RATIO times the second, and beats
it by at least LEAD_SIGMAS times the square root of their sum (more than chance would give: 5
against 4 claims nothing, 12 against 4 does); a tie or a near tie claims nothing.

The climax rule: every candidate scene that is present scores its fact as a multiple of an
ordinary year's value (streak: days / ORDINARY_STREAK; words: words / ORDINARY_WORDS; moods: the
longest run of good-mood days / ORDINARY_MOOD_RUN; months: the busiest month / the average month /
ORDINARY_MONTH_PEAK; entries: days written / ORDINARY_DAYS; hour and weekday: the top bucket's
share times the number of buckets / ORDINARY_CONCENTRATION). The highest score wins if it reaches
STRONG; equal scores go to the earlier name in CLIMAX_ORDER. Below STRONG there is no climax
(None): the year gets the gentle form.

The length follows the content: a year of at most FEW_DAYS written days runs SHORTEST_FEW to
LONGEST_FEW seconds, one of FULL_DAYS or more SHORTEST_FULL to LONGEST_FULL, in between in
proportion; within those bounds the scenes' wished seconds (SECONDS, plus CLIMAX_EXTRA for the
climax) decide, and the timeline rounds every scene to whole bars.
"""

from __future__ import annotations

import calendar as cal
import math
from collections.abc import Sequence
from dataclasses import dataclass

from wrapped.personality import MIN_TIMED, has_words
from wrapped.quotes import Quote
from wrapped.stats import YearStats

NAMES = ("title", "entries", "words", "calendar", "months", "weekday", "hour", "tags", "moods", "streak",
         "highlights", "quotes", "personality", "ending")  # fmt: skip
"""Every scene's name, in the order the video plays them (the contract between edit and look)."""

MIN_CALENDAR_DAYS = 30
"""Days written before the Year in Pixels is a picture rather than a few dots."""
MIN_MONTHS = 3
"""Months with entries before a busiest month means anything (no row of zeros as the point)."""
LEAD_RATIO = 1.25
"""How many times the second bucket the top one (weekday, part of day, month) must hold."""
LEAD_SIGMAS = 1.5
"""How many square roots of the two buckets' sum the top must beat the second by: a lead beyond chance."""
MIN_TAG_USES = 3
"""Uses of the top tag before the tags scene has a story (not a row of ones)."""
MIN_MOODS = 10
"""Entries with a mood before moods over the year are worth a chart."""
MIN_STREAK = 5
"""Days in a row before a streak is worth saying (never "1 day in a row")."""
MIN_HIGHLIGHT_ENTRIES = 10
"""Entries before a few of them stand out (with fewer, the highlights would be the whole year)."""

PARTS_OF_DAY: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("morning", (5, 6, 7, 8, 9, 10, 11)),
    ("afternoon", (12, 13, 14, 15, 16, 17)),
    ("evening", (18, 19, 20)),
    ("night", (21, 22, 23, 0, 1, 2, 3, 4)),
)
"""The hour scene's buckets: every hour in one, the night starting at 21:00 as the personality's does."""

ORDINARY_STREAK = 14
"""An ordinary year's longest streak, in days."""
ORDINARY_WORDS = 25_000
"""An ordinary year's words."""
ORDINARY_MOOD_RUN = 7
"""An ordinary year's longest run of days in a row with a good mood."""
ORDINARY_MONTH_PEAK = 1.5
"""An ordinary year's busiest month, as a multiple of its average month."""
ORDINARY_DAYS = 150
"""An ordinary year's days written."""
ORDINARY_CONCENTRATION = 2.0
"""An ordinary favourite bucket's share, as a multiple of an even share (1 / buckets)."""
STRONG = 1.5
"""A fact at least this many times an ordinary year's is strong enough to be the climax."""
CLIMAX_ORDER = ("streak", "words", "moods", "months", "entries", "hour", "weekday")
"""The candidates for the climax, and the order that breaks a tie between equal scores."""

SECONDS: dict[str, float] = {
    "title": 3.5, "entries": 4.0, "words": 3.5, "calendar": 6.0, "months": 5.0, "weekday": 4.0, "hour": 4.0,
    "tags": 5.0, "moods": 6.0, "streak": 5.0, "highlights": 6.0, "personality": 6.0, "ending": 4.5,
}  # fmt: skip
"""Each scene's wished length in seconds (quotes: QUOTE_SECONDS + QUOTE_EACH per quote)."""
QUOTE_SECONDS, QUOTE_EACH = 3.0, 2.5
"""The quotes scene's wished length: a base, and more for each quote."""
CLIMAX_EXTRA = 2.0
"""Seconds the climax wishes beyond its usual length: the biggest moment is given room."""

FEW_DAYS, FULL_DAYS = 30, 180
"""Days written at or under which a year is 'a few entries', and from which it is a full year."""
SHORTEST_FEW, LONGEST_FEW = 15.0, 30.0
"""The length bounds of a few entries' video, in seconds."""
SHORTEST_FULL, LONGEST_FULL = 45.0, 60.0
"""The length bounds of a full year's video, in seconds."""


@dataclass(frozen=True)
class Edit:
    scenes: tuple[tuple[str, float], ...]  # (name, wished seconds), in NAMES order
    climax: str | None  # one of the names present, or None for a year without a strong fact
    shortest: float
    longest: float
    reasons: tuple[str, ...]  # why the climax (or why none), strongest candidate first

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.scenes)


def edit(stats: YearStats, quotes: Sequence[Quote] = ()) -> Edit:
    """The scenes this year has a story for, their wished lengths, the bounds and the climax."""
    present = [name for name in NAMES if has_story(name, stats, quotes)]
    scores = sorted(
        ((name, score) for name in CLIMAX_ORDER if name in present for score in [strength(name, stats)]),
        key=lambda ns: (-ns[1], CLIMAX_ORDER.index(ns[0])),
    )
    climax = scores[0][0] if scores and scores[0][1] >= STRONG else None
    reasons = tuple(f"{name}: {describe(name, stats)}, {score:.2f}x an ordinary year" for name, score in scores)
    if climax is None:
        reasons += (f"no climax: no fact reaches {STRONG}x an ordinary year",)
    scenes = tuple((name, wish(name, quotes) + (CLIMAX_EXTRA if name == climax else 0.0)) for name in present)
    shortest, longest = length_bounds(stats)
    return Edit(scenes=scenes, climax=climax, shortest=shortest, longest=longest, reasons=reasons)


def has_story(name: str, s: YearStats, quotes: Sequence[Quote] = ()) -> bool:
    """Whether the data gives scene `name` something worth saying (see the module's docstring)."""
    streak = s.longest_streak.days if s.longest_streak else 0
    rules = {
        "title": True,
        "entries": s.entries > 0,
        "words": has_words(s),
        "calendar": s.days_written >= MIN_CALENDAR_DAYS,
        "months": sum(1 for n in s.per_month if n) >= MIN_MONTHS and standout_month(s) is not None,
        "weekday": favourite_weekday(s) is not None,
        "hour": part_of_day(s) is not None,
        "tags": bool(s.top_tags) and s.top_tags[0][1] >= MIN_TAG_USES,
        "moods": s.mood_entries >= MIN_MOODS,
        "streak": streak >= MIN_STREAK,
        "highlights": s.entries >= MIN_HIGHLIGHT_ENTRIES and (s.starred > 0 or has_words(s)),
        "quotes": bool(quotes),
        "personality": True,
        "ending": True,
    }
    return rules[name]


def clear_lead(counts: Sequence[int]) -> int | None:
    """The index of the top bucket when its lead is clear (LEAD_RATIO times the second, and ahead by
    LEAD_SIGMAS square roots of their sum), else None."""
    if not counts:
        return None
    ranked = sorted(range(len(counts)), key=lambda i: (-counts[i], i))
    top = counts[ranked[0]]
    second = counts[ranked[1]] if len(ranked) > 1 else 0
    clear = top >= LEAD_RATIO * second and top - second >= LEAD_SIGMAS * math.sqrt(top + second)
    return ranked[0] if top and clear else None


def favourite_weekday(s: YearStats) -> int | None:
    """The weekday (0 = Monday) written on most, when its lead is clear."""
    return clear_lead(s.per_weekday)


def part_counts(s: YearStats) -> tuple[int, ...]:
    """Timed entries in each of PARTS_OF_DAY."""
    hours = s.per_hour or (0,) * 24
    return tuple(sum(hours[h] for h in part) for _, part in PARTS_OF_DAY)


def part_of_day(s: YearStats) -> str | None:
    """ "morning", "afternoon", "evening" or "night" when enough entries are timed and one part leads clearly."""
    if s.entries_with_time < MIN_TIMED:
        return None
    lead = clear_lead(part_counts(s))
    return None if lead is None else PARTS_OF_DAY[lead][0]


def standout_month(s: YearStats) -> int | None:
    """The busiest month (0 = January), when its lead is clear."""
    return clear_lead(s.per_month)


def strength(name: str, s: YearStats) -> float:
    """The candidate's fact as a multiple of an ordinary year's (see the module's docstring)."""
    if name == "streak":
        return (s.longest_streak.days if s.longest_streak else 0) / ORDINARY_STREAK
    if name == "words":
        return s.words / ORDINARY_WORDS
    if name == "moods":
        return (s.good_mood_run.days if s.good_mood_run else 0) / ORDINARY_MOOD_RUN
    if name == "months":
        return max(s.per_month) / (s.entries / 12) / ORDINARY_MONTH_PEAK
    if name == "entries":
        return s.days_written / ORDINARY_DAYS
    if name == "hour":
        parts = part_counts(s)
        return max(parts) / max(1, sum(parts)) * len(parts) / ORDINARY_CONCENTRATION
    if name == "weekday":
        return max(s.per_weekday) / s.entries * 7 / ORDINARY_CONCENTRATION
    raise ValueError(f"{name} is not a climax candidate")


def describe(name: str, s: YearStats) -> str:
    """The candidate's fact in plain words (for reasons and notes; never entry text)."""
    if name == "streak":
        return f"{s.longest_streak.days if s.longest_streak else 0} days in a row"
    if name == "words":
        return f"{s.words:,} words"
    if name == "moods":
        return f"{s.good_mood_run.days if s.good_mood_run else 0} good days in a row"
    if name == "months":
        return f"{max(s.per_month)} entries in {cal.month_name[1 + s.per_month.index(max(s.per_month))]}"
    if name == "entries":
        return f"{s.days_written} days written"
    if name == "hour":
        return f"{max(part_counts(s))} of {s.entries_with_time} timed entries in the {part_of_day(s)}"
    return f"{max(s.per_weekday)} entries on {cal.day_name[s.per_weekday.index(max(s.per_weekday))]}s"


def wish(name: str, quotes: Sequence[Quote] = ()) -> float:
    """The wished length of scene `name`, in seconds."""
    return QUOTE_SECONDS + QUOTE_EACH * len(quotes) if name == "quotes" else SECONDS[name]


def length_bounds(s: YearStats) -> tuple[float, float]:
    """(shortest, longest) seconds for this year: few days written -> short, a full year -> 45..60 s."""
    fullness = min(1.0, max(0.0, (s.days_written - FEW_DAYS) / (FULL_DAYS - FEW_DAYS)))
    return (
        SHORTEST_FEW + (SHORTEST_FULL - SHORTEST_FEW) * fullness,
        LONGEST_FEW + (LONGEST_FULL - LONGEST_FEW) * fullness,
    )
