"""The year's statistics: facts only, pure, JSON-serialisable (no presentation choices)."""

from __future__ import annotations

import calendar
import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, time, timedelta
from typing import Any

from wrapped.entries import Entry
from wrapped.moods import valence

TOP = 8
GOOD = 1  # a mood at or above this valence (moods.py's scale, -2 .. 2) is a good mood


@dataclass(frozen=True)
class Span:
    """A run of consecutive days, both ends included."""

    start: date
    end: date
    days: int = 0  # always computed from start and end: kept as a field so that it is in the JSON

    def __post_init__(self) -> None:
        object.__setattr__(self, "days", (self.end - self.start).days + 1)


@dataclass(frozen=True)
class EntryRef:
    """Where an entry is, how long it is and what was noted with it: never its text (the title is
    kept for callers of the statistics; the video shows it only with quotes on)."""

    title: str
    day: date
    words: int
    mood: str | None = None
    tags: tuple[str, ...] = ()
    place: str | None = None


@dataclass(frozen=True)
class YearStats:
    year: int
    entries: int
    days_written: int
    days_in_year: int
    words: int
    average_words: float
    worded_entries: int  # entries with at least one word (a mood-only Daylio entry has none)
    longest_streak: Span | None
    longest_gap: Span | None
    per_month: tuple[int, ...]  # 12 counts, January first
    per_weekday: tuple[int, ...]  # 7 counts, Monday first
    per_hour: tuple[int, ...] | None  # 24 counts, None when no entry has a time
    entries_with_time: int
    per_day: tuple[int, ...]  # entries per day of the year, 1 January first
    words_per_day: tuple[int, ...]  # words written per day of the year
    top_tags: tuple[tuple[str, int], ...]
    tagged_entries: int
    moods: tuple[tuple[str, int], ...]  # most common first
    mood_entries: int  # entries with a mood
    mood_per_day: tuple[str | None, ...]  # each day's most common mood (the later one on a tie), 1 January first
    mood_by_month: tuple[tuple[tuple[str, int], ...], ...]  # 12 months of (mood, count)
    good_mood_run: Span | None  # the longest run of days in a row whose mood is good (the earliest, on a tie)
    longest_entry: EntryRef
    shortest_entry: EntryRef
    first_entry: EntryRef
    last_entry: EntryRef
    starred: int
    starred_entries: tuple[EntryRef, ...]  # the longest starred entries (at most TOP), in date order
    top_locations: tuple[tuple[str, int], ...]
    weather: tuple[tuple[str, int], ...]

    def to_json(self) -> dict[str, Any]:
        """A plain dict of str, int, float, list and None: dates as ISO strings."""
        return dict(_plain(asdict(self)))


def compute_stats(entries: Iterable[Entry], year: int) -> YearStats:
    """Statistics for one year; entries outside the year are ignored."""
    chosen = sorted((e for e in entries if e.year == year), key=_in_time_order)
    if not chosen:
        raise ValueError(f"no entries in {year}")
    first_day = date(year, 1, 1)
    days_in_year = 366 if calendar.isleap(year) else 365
    per_day = [0] * days_in_year
    words_per_day = [0] * days_in_year
    for e in chosen:
        per_day[(e.day - first_day).days] += 1
        words_per_day[(e.day - first_day).days] += e.words
    timed = [e for e in chosen if e.hour is not None]
    tags = Counter(t for e in chosen for t in e.tags)
    moods = Counter(e.mood.lower() for e in chosen if e.mood)
    mood_months: list[Counter[str]] = [Counter() for _ in range(12)]
    for e in chosen:
        if e.mood:
            mood_months[e.day.month - 1][e.mood.lower()] += 1
    day_moods: list[Counter[str]] = [Counter() for _ in range(days_in_year)]
    for e in chosen:
        if e.mood:
            day_moods[(e.day - first_day).days][e.mood.lower()] += 1
    mood_per_day = tuple(_most_common(c) for c in day_moods)
    words = sum(e.words for e in chosen)
    written = sorted({e.day for e in chosen})
    by_length = sorted(chosen, key=lambda e: (e.words, e.day))
    return YearStats(
        year=year,
        entries=len(chosen),
        days_written=len(written),
        days_in_year=days_in_year,
        words=words,
        average_words=round(words / len(chosen), 1),
        worded_entries=sum(1 for e in chosen if e.words),
        longest_streak=longest_streak(written),
        longest_gap=longest_gap(written),
        per_month=tuple(_count(e.day.month - 1 for e in chosen).get(m, 0) for m in range(12)),
        per_weekday=tuple(_count(e.day.weekday() for e in chosen).get(d, 0) for d in range(7)),
        per_hour=tuple(_count(e.hour for e in timed).get(h, 0) for h in range(24)) if timed else None,
        entries_with_time=len(timed),
        per_day=tuple(per_day),
        words_per_day=tuple(words_per_day),
        top_tags=tuple(_top(tags)),
        tagged_entries=sum(1 for e in chosen if e.tags),
        moods=tuple(_top(moods, 12)),
        mood_entries=sum(moods.values()),
        mood_per_day=mood_per_day,
        mood_by_month=tuple(tuple(_top(c, 12)) for c in mood_months),
        good_mood_run=_good_run(mood_per_day, first_day),
        longest_entry=_ref(by_length[-1]),
        shortest_entry=_ref(by_length[0]),
        first_entry=_ref(chosen[0]),
        last_entry=_ref(chosen[-1]),
        starred=sum(1 for e in chosen if e.starred),
        starred_entries=_starred(chosen),
        top_locations=tuple(_top(Counter(e.location for e in chosen if e.location))),
        weather=tuple(_top(Counter(e.weather.lower() for e in chosen if e.weather))),
    )


def longest_streak(days: list[date]) -> Span | None:
    """The longest run of consecutive days written (the earliest, on a tie)."""
    if not days:
        return None
    best = run = Span(days[0], days[0])
    for day in days[1:]:
        run = Span(run.start, day) if day - run.end == timedelta(days=1) else Span(day, day)
        if run.days > best.days:
            best = run
    return best


def longest_gap(days: list[date]) -> Span | None:
    """The longest run of days without an entry between two written days."""
    best: Span | None = None
    for before, after in itertools.pairwise(days):
        if (after - before).days > 1:
            gap = Span(before + timedelta(days=1), after - timedelta(days=1))
            if best is None or gap.days > best.days:
                best = gap
    return best


def _starred(chosen: list[Entry]) -> tuple[EntryRef, ...]:
    """The longest starred entries (at most TOP), in date order."""
    longest = sorted((e for e in chosen if e.starred), key=lambda e: (-e.words, e.day))[:TOP]
    return tuple(sorted((_ref(e) for e in longest), key=lambda r: r.day))


def _good_run(mood_per_day: tuple[str | None, ...], first_day: date) -> Span | None:
    """The longest run of consecutive days whose mood is good (valence >= GOOD), or None."""
    good = [first_day + timedelta(days=i) for i, m in enumerate(mood_per_day) if m and (valence(m) or 0) >= GOOD]
    return longest_streak(good)


def _in_time_order(entry: Entry) -> tuple[date, time]:
    """Day, then time of day; an entry with no time sorts after the timed ones of its day."""
    return entry.day, entry.moment.time() if entry.moment else time.max


def _count(values: Iterable[int | None]) -> Counter[int]:
    return Counter(v for v in values if v is not None)


def _top(counter: Counter[str], n: int = TOP) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def _most_common(counter: Counter[str]) -> str | None:
    """The most common key; on a tie the one counted last (a day's later entry wins)."""
    if not counter:
        return None
    best = max(counter.values())
    return [k for k, n in counter.items() if n == best][-1]


def _ref(entry: Entry) -> EntryRef:
    return EntryRef(title=entry.title, day=entry.day, words=entry.words, mood=entry.mood.lower() if entry.mood else None,
                    tags=entry.tags, place=entry.location)  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
