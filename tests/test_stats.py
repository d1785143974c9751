"""Statistics checked against values worked out by hand for a small year."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from wrapped.entries import Entry
from wrapped.stats import compute_stats

SRC = Path("hand.md")


def entry(day, title, words, at=None, **kw):
    moment = datetime.combine(day, datetime.strptime(at, "%H:%M").time()) if at else None
    return Entry(day=day, moment=moment, title=title, text=" ".join(["word"] * words), source=SRC, **kw)


# 2024 is a leap year; 1 January 2024 is a Monday.
ENTRIES = [
    entry(date(2023, 12, 31), "Outside the year", 50, "23:00", tags=("work",)),
    entry(date(2024, 1, 1), "A", 3, "08:00", tags=("work",), mood="Good"),
    entry(date(2024, 1, 2), "B", 5, "21:00", tags=("work", "running"), mood="good"),
    entry(date(2024, 1, 3), "C", 1, mood="low"),
    entry(date(2024, 1, 10), "D", 10, "22:30", starred=True, location="Leeds", weather="Rain"),
    entry(date(2024, 1, 10), "E", 2, "07:00"),
    entry(date(2024, 3, 1), "F", 4, tags=("reading",), mood="great"),
]


@pytest.fixture
def stats():
    return compute_stats(ENTRIES, 2024)


def test_totals_and_averages(stats):
    assert (stats.entries, stats.days_written, stats.days_in_year) == (6, 5, 366)
    assert stats.words == 25 and stats.average_words == 4.2  # 25 / 6 = 4.17


def test_streak_and_gap(stats):
    assert (stats.longest_streak.start, stats.longest_streak.end, stats.longest_streak.days) == (
        date(2024, 1, 1),
        date(2024, 1, 3),
        3,
    )
    # 11 January to 29 February: 21 + 29 days
    assert (stats.longest_gap.start, stats.longest_gap.end, stats.longest_gap.days) == (
        date(2024, 1, 11),
        date(2024, 2, 29),
        50,
    )


def test_months_weekdays_hours_and_days(stats):
    assert stats.per_month == (5, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    assert stats.per_weekday == (1, 1, 3, 0, 1, 0, 0)  # Mon 1, Tue 2, Wed 3 and 10 (x2), Fri 1 Mar
    assert stats.entries_with_time == 4
    assert [h for h, n in enumerate(stats.per_hour) if n] == [7, 8, 21, 22]
    assert len(stats.per_day) == 366 and stats.per_day[9] == 2 and sum(stats.per_day) == 6
    assert stats.words_per_day[9] == 12 and stats.words_per_day[60] == 4  # 1 March is day 61 of 2024


def test_tags_moods_places_and_weather(stats):
    assert stats.top_tags == (("work", 2), ("reading", 1), ("running", 1))
    assert stats.tagged_entries == 3
    assert stats.moods == (("good", 2), ("great", 1), ("low", 1))  # moods are folded to lower case
    assert stats.mood_by_month[0] == (("good", 2), ("low", 1)) and stats.mood_by_month[2] == (("great", 1),)
    assert stats.starred == 1 and stats.top_locations == (("Leeds", 1),) and stats.weather == (("rain", 1),)


def test_highlights_are_titles_dates_and_counts(stats):
    assert (stats.longest_entry.title, stats.longest_entry.words) == ("D", 10)
    assert (stats.shortest_entry.title, stats.shortest_entry.words) == ("C", 1)
    assert stats.first_entry.title == "A"
    assert stats.last_entry.title == "F"


def test_what_an_entry_noted_travels_with_it_but_never_its_text(stats):
    assert (stats.first_entry.mood, stats.first_entry.tags, stats.first_entry.place) == ("good", ("work",), None)
    assert [(r.title, r.day, r.place) for r in stats.starred_entries] == [("D", date(2024, 1, 10), "Leeds")]


def test_the_good_mood_run_counts_days_in_a_row_with_a_good_mood(stats):
    # 1 and 2 January are good, 3 January low, 1 March great: the run is the first two days
    assert (stats.good_mood_run.start, stats.good_mood_run.days) == (date(2024, 1, 1), 2)
    low = compute_stats([entry(date(2024, 5, d), "x", 3, mood="tired") for d in range(1, 9)], 2024)
    assert low.good_mood_run is None and low.longest_streak.days == 8


def test_entries_without_words_are_counted_apart(stats):
    assert stats.worded_entries == 6
    mixed = compute_stats([entry(date(2024, 5, 1), "a", 0, mood="good"), entry(date(2024, 5, 2), "b", 4)], 2024)
    assert (mixed.entries, mixed.worded_entries, mixed.words) == (2, 1, 4)


def test_same_day_entries_are_ordered_by_time_not_length():
    day = date(2024, 6, 1)
    late_long = entry(day, "late", 100, "23:00")
    early_short = entry(day, "early", 1, "06:00")
    s = compute_stats([late_long, early_short], 2024)
    assert s.first_entry.title == "early" and s.last_entry.title == "late"


def test_a_year_without_times_or_moods_has_none_of_them():
    s = compute_stats([entry(date(2024, 2, 2), "only", 7)], 2024)
    assert s.per_hour is None and s.moods == () and s.top_tags == ()
    assert s.longest_gap is None and s.longest_streak.days == 1


def test_statistics_are_json_and_carry_no_entry_text(stats):
    data = json.loads(json.dumps(stats.to_json()))
    assert data["longest_streak"] == {"start": "2024-01-01", "end": "2024-01-03", "days": 3}
    assert data["longest_entry"] == {"title": "D", "day": "2024-01-10", "words": 10, "mood": None, "tags": [],
                                     "place": "Leeds"}  # fmt: skip
    assert data["good_mood_run"] == {"start": "2024-01-01", "end": "2024-01-02", "days": 2}
    assert "word word" not in json.dumps(data)
