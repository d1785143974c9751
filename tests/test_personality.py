"""The journaling personality: each rule of the table is earned by a small journal written for it
(real Markdown files with front matter, read by the real reader), and the result never changes."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from wrapped.journal import read_journal
from wrapped.personality import RULES, personality_of
from wrapped.pipeline import year_stats

YEAR = 2025
WORDS = "the light came in low over the river and we talked until late about everything "


def spread(count: int, every: int, first: date = date(YEAR, 1, 2)) -> list[date]:
    return [first + timedelta(days=every * i) for i in range(count)]


def write(folder: Path, days: list[date], *, time=None, words=100, mood=None, tags=None, place=None) -> Path:
    """One Markdown file a day, with the front matter the sample journal uses."""
    folder.mkdir(parents=True, exist_ok=True)
    text = " ".join((WORDS.split() * (words // 16 + 1))[:words])
    for i, day in enumerate(days):
        meta = [f"date: {day.isoformat()}"]
        if time:
            meta.append(f'time: "{time(i) if callable(time) else time}"')
        if mood:
            meta.append(f"mood: {mood(i)}")
        if tags:
            meta.append(f"tags: [{', '.join(tags(i))}]")
        if place:
            meta.append(f"location: {place(i)}")
        (folder / f"{day.isoformat()}.md").write_text("---\n" + "\n".join(meta) + f"\n---\n# Day {i}\n\n{text}\n")
    return folder


def weekends(count: int) -> list[date]:
    day, found = date(YEAR, 1, 4), []  # 4 January 2025 is a Saturday
    while len(found) < count:
        found += [day, day + timedelta(days=1)]
        day += timedelta(days=14)
    return found[:count]


JOURNALS = {
    "The Everyday Diarist": lambda f: write(f, spread(340, 1, date(YEAR, 1, 1)), words=60),
    "The Streak Keeper": lambda f: write(f, spread(60, 1, date(YEAR, 3, 1))),
    "The Night Owl Chronicler": lambda f: write(f, spread(30, 5), time=lambda i: ("23:10", "01:30", "14:00")[i % 3]),
    "The Morning Pages Regular": lambda f: write(f, spread(30, 5), time="06:45"),
    "The Weekend Essayist": lambda f: write(f, weekends(30), words=220),
    "The Long-Form Essayist": lambda f: write(f, spread(20, 5), words=520),
    "The One-Line Poet": lambda f: write(f, spread(30, 5), words=12),
    "The Mood Cartographer": lambda f: write(f, spread(30, 5), mood=lambda i: ("good", "calm", "tired")[i % 3]),
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
def test_the_journal_written_for_a_personality_earns_it_with_its_facts(tmp_path, name):
    journal = read_journal(JOURNALS[name](tmp_path / "journal"))
    assert not journal.problems
    stats = year_stats(journal, YEAR)
    who = personality_of(stats)
    assert who.name == name, f"earned {who.name}"
    assert 2 <= len(who.facts) <= 3 and all(who.facts)
    assert who == personality_of(year_stats(read_journal(tmp_path / "journal"), YEAR))  # deterministic
    text_seen = " ".join(who.facts) + who.line
    assert "light came in low" not in text_seen  # facts are numbers, never what was written


def test_the_sample_is_a_night_owl():
    from conftest import SAMPLE

    who = personality_of(year_stats(read_journal(SAMPLE), 2025))
    assert who.name == "The Night Owl Chronicler" and who.facts[0].endswith("of entries after 9 pm")
