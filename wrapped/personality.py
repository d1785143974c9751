"""The journaling personality: a name for how the person wrote this year, from a rule table.

Rules are tried in order and the first that holds names the writer; each shows the facts that
earned it (its reasons: numbers in plain words, never what was written). Pure and deterministic:
the statistics in, a Personality out. The README's table is this table.

The order puts what a person actually did first: a year of a few entries is not a pattern of
anything and is the Occasional Scribe; a year logged as moods without words is the Mood
Cartographer before anything else; rules about words (essayists, poets) hold only in a year
that has words (`has_words`); reasons that count words are given only when there are words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wrapped.stats import YearStats

NIGHT_HOURS = (21, 22, 23, 0, 1, 2, 3)
MORNING_HOURS = (5, 6, 7, 8, 9)
MIN_TIMED = 10  # entries with a time before the hour of writing says anything
FEW_ENTRIES = 10
"""Below this many entries nothing is a pattern (no share, weekday or season is claimed)."""
MIN_WORDS = 100
"""A year has words when it holds at least this many words in all..."""
WORDED_SHARE = 0.5
"""...and at least this share of its entries has a word: less is a log of moods or photos, not writing."""


def has_words(stats: YearStats) -> bool:
    """The year is written, not only logged: the rules and scenes about words apply (one rule for both)."""
    return stats.words >= MIN_WORDS and stats.worded_entries >= WORDED_SHARE * stats.entries


@dataclass(frozen=True)
class Personality:
    name: str
    line: str  # one sentence under the name
    reasons: tuple[str, ...]  # the two or three facts that earned it, in plain words

    @property
    def facts(self) -> tuple[str, ...]:
        """The reasons, by their older name."""
        return self.reasons

    def to_json(self) -> dict[str, str | list[str]]:
        return {"name": self.name, "line": self.line, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Rule:
    name: str
    line: str
    rule: str  # the rule in words, as the README shows it
    holds: Callable[[YearStats], bool]
    reasons: Callable[[YearStats], tuple[str, ...]]

    def applies(self, stats: YearStats) -> Personality | None:
        return Personality(self.name, self.line, self.reasons(stats)) if self.holds(stats) else None


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _pct(part: float, whole: float) -> str:
    return f"{round(100 * _share(part, whole))}%"


def _hours(s: YearStats, hours: tuple[int, ...]) -> int:
    return sum(s.per_hour[h] for h in hours) if s.per_hour else 0


def _weekend(s: YearStats) -> int:
    return s.per_weekday[5] + s.per_weekday[6]


def _streak(s: YearStats) -> int:
    return s.longest_streak.days if s.longest_streak else 0


def _gap(s: YearStats) -> int:
    return s.longest_gap.days if s.longest_gap else 0


def _busiest_month(s: YearStats) -> int:
    return max(range(12), key=lambda m: (s.per_month[m], -m))


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip


def _days(s: YearStats) -> str:
    return f"{s.days_written} of {s.days_in_year} days written"


def _entries(s: YearStats) -> str:
    return f"{s.entries} entr{'y' if s.entries == 1 else 'ies'}"


def _volume(s: YearStats) -> str:
    """How much: entries and words each, or entries alone in a year without words."""
    return f"{_entries(s)}, {s.average_words:.0f} words each" if has_words(s) else _entries(s)


def _when(s: YearStats) -> str:
    first, last = s.first_entry.day, s.last_entry.day
    return f"on {first:%-d %B}" if first == last else f"from {first:%-d %B} to {last:%-d %B}"


def _moods(s: YearStats) -> bool:
    return _share(s.mood_entries, s.entries) >= 0.75


def _mood_facts(s: YearStats) -> tuple[str, ...]:
    return (f"a mood on {_pct(s.mood_entries, s.entries)} of entries", f"mostly {s.moods[0][0]}" if s.moods else "")


RULES: tuple[Rule, ...] = (
    Rule(
        "The Occasional Scribe",
        "A few pages, each one kept.",
        f"fewer than {FEW_ENTRIES} entries in the year",
        lambda s: s.entries < FEW_ENTRIES,
        lambda s: (_entries(s), _when(s), f"{s.words:,} words in all" if has_words(s) else ""),
    ),
    Rule(
        "The Mood Cartographer",
        "You map how every day felt.",
        "a mood on at least 75% of entries, in a year without words (a mood log)",
        lambda s: _moods(s) and not has_words(s),
        lambda s: (*_mood_facts(s), _days(s)),
    ),
    Rule(
        "The Everyday Diarist",
        "A page for nearly every day of the year.",
        "written on at least 90% of the year's days",
        lambda s: _share(s.days_written, s.days_in_year) >= 0.9,
        lambda s: (_days(s), f"longest streak: {_streak(s)} days"),
    ),
    Rule(
        "The Streak Keeper",
        "Once you start, you keep going.",
        "a streak of at least 45 days in a row",
        lambda s: _streak(s) >= 45,
        lambda s: (f"longest streak: {_streak(s)} days", _days(s)),
    ),
    Rule(
        "The Night Owl Chronicler",
        "Your best words come after dark.",
        f"at least 40% of timed entries written 21:00-03:59 (and {MIN_TIMED}+ timed entries)",
        lambda s: s.entries_with_time >= MIN_TIMED and _share(_hours(s, NIGHT_HOURS), s.entries_with_time) >= 0.4,
        lambda s: (
            f"{_pct(_hours(s, NIGHT_HOURS), s.entries_with_time)} of entries after 9 pm",
            _volume(s),
        ),
    ),
    Rule(
        "The Morning Pages Regular",
        "You write the day before it starts.",
        f"at least 40% of timed entries written 05:00-09:59 (and {MIN_TIMED}+ timed entries)",
        lambda s: s.entries_with_time >= MIN_TIMED and _share(_hours(s, MORNING_HOURS), s.entries_with_time) >= 0.4,
        lambda s: (
            f"{_pct(_hours(s, MORNING_HOURS), s.entries_with_time)} of entries before 10 am",
            _volume(s),
        ),
    ),
    Rule(
        "The Weekend Essayist",
        "Saturdays and Sundays are for writing.",
        "at least 45% of entries on Saturday or Sunday, in a year with words",
        lambda s: has_words(s) and _share(_weekend(s), s.entries) >= 0.45,
        lambda s: (f"{_pct(_weekend(s), s.entries)} of entries on weekends", f"{s.average_words:.0f} words an entry"),
    ),
    Rule(
        "The Long-Form Essayist",
        "When you write, you write at length.",
        "an average of at least 350 words an entry, in a year with words",
        lambda s: has_words(s) and s.average_words >= 350,
        lambda s: (f"{s.average_words:.0f} words an entry", f"longest: {s.longest_entry.words:,} words"),
    ),
    Rule(
        "The One-Line Poet",
        "Few words, well chosen.",
        "an average of at most 40 words an entry, in a year with words",
        lambda s: has_words(s) and s.average_words <= 40,
        lambda s: (f"{s.average_words:.0f} words an entry", _entries(s)),
    ),
    Rule(
        "The Heart-on-Sleeve Writer",
        "You wrote down how it felt, every time.",
        "a mood on at least 75% of entries, in a year with words",
        lambda s: has_words(s) and _moods(s),
        lambda s: (*_mood_facts(s), f"{s.average_words:.0f} words an entry"),
    ),
    Rule(
        "The Careful Archivist",
        "Everything filed, everything findable.",
        "at least 75% of entries tagged, with 6 or more different tags",
        lambda s: _share(s.tagged_entries, s.entries) >= 0.75 and len(s.top_tags) >= 6,
        lambda s: (
            f"{_pct(s.tagged_entries, s.entries)} of entries tagged",
            f"top tag: #{s.top_tags[0][0]}" if s.top_tags else "no tags",
        ),
    ),
    Rule(
        "The Wandering Scribe",
        "Your journal has seen places.",
        "entries written in 4 or more places",
        lambda s: len(s.top_locations) >= 4,
        lambda s: (
            f"written in {len(s.top_locations)}{'+' if len(s.top_locations) >= 8 else ''} places",
            f"most often: {s.top_locations[0][0]}" if s.top_locations else "",
        ),
    ),
    Rule(
        "The Seasonal Storyteller",
        "One season held most of the story.",
        "one month holds at least 30% of the year's entries",
        lambda s: _share(max(s.per_month), s.entries) >= 0.3,
        lambda s: (
            f"{_pct(max(s.per_month), s.entries)} of entries in {_MONTHS[_busiest_month(s)]}",
            f"{_entries(s)} in all",
        ),
    ),
    Rule(
        "The Comeback Writer",
        "You stepped away, and you came back.",
        "a gap of at least 45 days between two entries",
        lambda s: _gap(s) >= 45,
        lambda s: (f"a {_gap(s)}-day pause", f"then {_entries(s)} in all"),
    ),
    Rule(
        "The Steady Chronicler",
        "Your own pace, page after page.",  # no claim: it is everyone else
        "everyone else",
        lambda s: True,
        lambda s: (_days(s), f"{s.average_words:.0f} words an entry" if has_words(s) else _entries(s)),
    ),
)


def personality_of(stats: YearStats) -> Personality:
    """The first rule of the table that holds (the last one always does)."""
    for rule in RULES:
        found = rule.applies(stats)
        if found is not None:
            return Personality(found.name, found.line, tuple(f for f in found.reasons if f))
    raise AssertionError("the last rule always holds")
