"""The one entry model every journal reader produces."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

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
