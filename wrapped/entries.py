"""The entry model every journal reader produces: entries, skipped-entry problems, and the journal.

An entry keeps what the video needs (its date, title, word count, tags, mood...) and the opening
of its text, never the whole of it: memory grows with the entries kept, not with the bytes read.
Every string is cleaned on the way in (lone surrogates replaced, control characters removed from
one-line fields), so nothing downstream can fail to encode or draw it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import InitVar, dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from wrapped.errors import NoEntriesForYear

EXCERPT_CHARS = 280  # the most of an entry's text that is kept (quotes show at most 140)
TITLE_CHARS = 200
_WORD = re.compile(r"\w[\w'’-]*")  # a word starts with a letter or digit: "don't" is one, "—" none
_ASCII_WORD = re.compile(rb"\w[\w'-]*")  # the same on ASCII text, twice as fast
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def clean_text(text: str) -> str:
    """Text that always encodes as UTF-8: lone surrogates become U+FFFD, NULs are dropped."""
    if not text.isascii():
        text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text.replace("\x00", "") if "\x00" in text else text


def clean_line(text: str, limit: int = TITLE_CHARS) -> str:
    """A one-line field (a title, a tag, a mood): clean, no control characters, trimmed."""
    return _CONTROL.sub(" ", clean_text(text)).strip()[:limit].strip()


def count_words(text: str) -> int:
    if text.isascii():
        return len(_ASCII_WORD.findall(text.encode("ascii")))
    return len(_WORD.findall(text))


@lru_cache(maxsize=4096)  # a journal uses a few tags many times
def normalise_tag(tag: str) -> str:
    """'#Running', '@running' and 'running' are one tag: 'running'."""
    return unicodedata.normalize("NFC", clean_line(tag, 80)).lstrip("#@").strip().lower()


@dataclass(frozen=True)
class Entry:
    """One journal entry, whatever format it came from.

    ``day`` is the entry's date in its own local time; ``moment`` is its local date and time
    (time-zone aware where the source has a zone) or None when the source gives a date alone.
    ``text`` is everything the person wrote; only its word count and opening are kept.
    """

    day: date
    moment: datetime | None
    title: str
    text: InitVar[str]
    source: Path
    line: int | None = None
    tags: tuple[str, ...] = ()
    mood: str | None = None
    location: str | None = None
    weather: str | None = None
    starred: bool = False
    words: int = field(init=False)
    excerpt: str = field(init=False)

    def __post_init__(self, text: str) -> None:
        text = clean_text(text)
        set_ = object.__setattr__
        set_(self, "words", count_words(text))
        set_(self, "excerpt", text[:EXCERPT_CHARS])
        set_(self, "title", clean_line(self.title) or "(untitled)")
        set_(self, "tags", tuple(dict.fromkeys(t for t in (normalise_tag(t) for t in self.tags) if t)))
        for name in ("mood", "location", "weather"):
            value = getattr(self, name)
            if value is not None:
                set_(self, name, clean_line(value, 80) or None)

    @property
    def year(self) -> int:
        return self.day.year

    @property
    def hour(self) -> int | None:
        return None if self.moment is None else self.moment.hour


@dataclass(frozen=True)
class Problem:
    """A file or entry a reader skipped, and why.

    The reason names the file, the line, the key and the form that was expected; never a value
    found in the journal, so it can be printed and logged without leaking what was written.
    """

    source: Path
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else str(self.source)
        return clean_text(f"{where}: {self.reason}")


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
