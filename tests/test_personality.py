"""The journaling personality: each rule of the table is earned by a small journal written for it
(real Markdown notes with front matter or a Daylio CSV, read by the real reader), the result never
changes, and a year without words is never named or praised for its words."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from wrapped.journal import read_journal
from wrapped.personality import FEW_ENTRIES, RULES, has_words, personality_of
from wrapped.pipeline import year_stats

from journals import WORDS, YEAR, daylio, jrnl, notes, spread

WORD_RULES = {"The Weekend Essayist", "The Long-Form Essayist", "The One-Line Poet", "The Heart-on-Sleeve Writer"}
DAYLIO = ("rad", "good", "meh", "bad", "awful")


write = notes  # Markdown notes with the sample journal's front matter


def weekends(count: int) -> list[date]:
    day, found = date(YEAR, 1, 4), []  # 4 January 2025 is a Saturday
    while len(found) < count:
        found += [day, day + timedelta(days=1)]
        day += timedelta(days=14)
    return found[:count]


JOURNALS = {
    "The Occasional Scribe": lambda f: jrnl(f / "journal.txt", spread(4, 60)),
    "The Mood Cartographer": lambda f: daylio(f / "daylio.csv", spread(200, 1, date(YEAR, 1, 1)), lambda i: DAYLIO[i % 5]),
    "The Everyday Diarist": lambda f: write(f, spread(340, 1, date(YEAR, 1, 1)), words=60),
    "The Streak Keeper": lambda f: write(f, spread(60, 1, date(YEAR, 3, 1))),
    "The Night Owl Chronicler": lambda f: write(f, spread(30, 5), time=lambda i: ("23:10", "01:30", "14:00")[i % 3]),
    "The Morning Pages Regular": lambda f: write(f, spread(30, 5), time="06:45"),
    "The Weekend Essayist": lambda f: write(f, weekends(30), words=220),
    "The Long-Form Essayist": lambda f: write(f, spread(20, 5), words=520),
    "The One-Line Poet": lambda f: write(f, spread(30, 5), words=12),
    "The Heart-on-Sleeve Writer": lambda f: write(f, spread(30, 5), mood=lambda i: ("good", "calm", "tired")[i % 3]),
    "The Careful Archivist": lambda f: write(f, spread(30, 5), tags=lambda i: [f"t{i % 8}", "life"]),
    "The Wandering Scribe": lambda f: write(f, spread(30, 5), place=lambda i: ("Leeds", "York", "Hull", "Oslo", "Porto")[i % 5]),
    "The Seasonal Storyteller": lambda f: write(f, spread(16, 2, date(YEAR, 7, 1)) + spread(20, 15, date(YEAR, 1, 3))[:6]
                                                + spread(8, 12, date(YEAR, 8, 20))),
    "The Comeback Writer": lambda f: write(f, spread(12, 6, date(YEAR, 1, 2)) + spread(25, 6, date(YEAR, 5, 20))),
    "The Steady Chronicler": lambda f: write(f, spread(40, 9)),
}  # fmt: skip


def test_every_rule_of_the_table_has_a_journal_that_earns_it():
    assert [rule.name for rule in RULES] == list(JOURNALS)
    assert len(RULES) >= 8


@pytest.mark.parametrize("name", list(JOURNALS))
def test_the_journal_written_for_a_personality_earns_it_with_its_reasons(tmp_path, name):
    path = JOURNALS[name](tmp_path / "journal")
    journal = read_journal(path)
    assert not journal.problems
    stats = year_stats(journal, YEAR)
    who = personality_of(stats)
    assert who.name == name, f"earned {who.name}"
    assert 2 <= len(who.reasons) <= 3 and all(who.reasons) and who.facts == who.reasons
    assert who == personality_of(year_stats(read_journal(path), YEAR))  # deterministic
    text_seen = " ".join(who.reasons) + who.line
    assert WORDS[:18] not in text_seen  # reasons are numbers, never what was written
    if not has_words(stats):
        assert "word" not in text_seen


def test_the_sample_is_a_night_owl():
    from conftest import SAMPLE

    who = personality_of(year_stats(read_journal(SAMPLE), 2025))
    assert who.name == "The Night Owl Chronicler" and who.reasons[0].endswith("of entries after 9 pm")


WORDLESS = {
    "daily moods": lambda f: daylio(f / "d.csv", spread(300, 1), lambda i: DAYLIO[i % 5]),
    "weekend moods at night": lambda f: daylio(f / "d.csv", weekends(40), lambda i: DAYLIO[i % 3], time="11:40 pm"),
    "a few moods": lambda f: daylio(f / "d.csv", spread(3, 9), lambda i: "good"),
    "a long streak of moods": lambda f: daylio(f / "d.csv", spread(60, 1, date(YEAR, 4, 1)), lambda i: "good"),
    "notes with nothing in them": lambda f: write(f, spread(30, 5), words=0),
    "a mood log with a few notes": lambda f: daylio(f / "d.csv", spread(100, 2), lambda i: "meh",
                                                    note=lambda i: "ok" if i % 4 == 0 else ""),
}  # fmt: skip


@pytest.mark.parametrize("kind", list(WORDLESS))
def test_a_year_without_words_is_never_named_or_praised_for_its_words(tmp_path, kind):
    stats = year_stats(read_journal(WORDLESS[kind](tmp_path / "journal")), YEAR)
    assert not has_words(stats)
    who = personality_of(stats)
    assert who.name not in WORD_RULES and not any("word" in reason for reason in who.reasons), who
    if stats.mood_entries >= 0.75 * stats.entries and stats.entries >= FEW_ENTRIES:
        assert who.name == "The Mood Cartographer"


@pytest.mark.parametrize("days", [[date(YEAR, 12, 24)], spread(3, 1), spread(9, 30)])
def test_a_year_of_a_few_entries_claims_no_pattern(tmp_path, days):
    """One entry in December is not 'The Seasonal Storyteller, 100% of entries in December'."""
    who = personality_of(year_stats(read_journal(notes(tmp_path / "notes", days, time="23:30", mood=lambda i: "good")),
                                    YEAR))  # fmt: skip
    assert who.name == "The Occasional Scribe"
    assert who.reasons[0] == (f"{len(days)} entries" if len(days) > 1 else "1 entry")
    assert not any("%" in reason for reason in who.reasons)


def test_the_readme_table_is_the_rule_table():
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    rows = re.findall(r"^\| (The [^|]+?) \| ([^|]+?) \|$", readme, re.MULTILINE)
    assert rows == [(rule.name, rule.rule) for rule in RULES]
