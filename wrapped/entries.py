"""The entry model every journal reader produces: entries, skipped-entry problems, and the journal."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from wrapped.errors import NoEntriesForYear

_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Entry:
    """One journal entry, whatever format it came from.

    ``day`` is the entry's date in its own local time; ``moment`` is its local
    date and time (time-zone aware where the source has a zone) or None when the
    source gives a date alone.
    """

    day: date
    moment: datetime | None
    title: str
    text: str
    source: Path
    line: int | None = None
    tags: tuple[str, ...] = ()
    mood: str | None = None
    location: str | None = None
    weather: str | None = None
    starred: bool = False
    words: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", len(_WORD.findall(self.text)))

    @property
    def year(self) -> int:
        return self.day.year

    @property
    def hour(self) -> int | None:
        return None if self.moment is None else self.moment.hour


@dataclass(frozen=True)
class Problem:
    """A file or entry a reader skipped, and why (never the entry's text)."""

    source: Path
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else str(self.source)
        return f"{where}: {self.reason}"


def normalise_tag(tag: str) -> str:
    """'#Running', '@running' and 'running' are one tag: 'running'."""
    return tag.strip().lstrip("#@").strip().lower()


@dataclass(frozen=True)
class Journal:
    """Everything read from one journal path: its entries in time order, and what was skipped."""

    path: Path
    kind: str
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]

    def years(self) -> dict[int, int]:
        """Entry count per year, oldest first."""
        return dict(sorted(Counter(e.year for e in self.entries).items()))

    def latest_year(self) -> int:
        return max(self.years())

    def entries_in(self, year: int | None = None) -> tuple[Entry, ...]:
        """The year's entries in time order (the latest year when None)."""
        year = self.latest_year() if year is None else year
        chosen = tuple(e for e in self.entries if e.year == year)
        if not chosen:
            raise NoEntriesForYear(year, self.years())
        return chosen
