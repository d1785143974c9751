"""org-journal (Emacs): Org files of dated headings, one entry per heading.

As org-journal writes them (bastibe/org-journal): the file is named by ``org-journal-file-format``
(``%Y%m%d``, often ``%Y%m%d.org`` or ``%Y-%m-%d.org``). With the default
``org-journal-file-type 'daily`` a file holds one day; with ``'weekly``, ``'monthly`` or ``'yearly``
it holds many, each under its own day heading, and is named by its first day (``20190101``). A
day heading is ``org-journal-date-prefix`` (``* ``) and ``org-journal-date-format``
(``* Sunday, 13 January 2019``); an entry is ``org-journal-time-prefix`` (``** ``) and
``org-journal-time-format`` (``** 22:00 Title``; an entry may have no time). A documented
setting puts the day in the file's title and entries at the top level: date prefix
``#+TITLE: `` and time prefix ``* `` (``* 12:00 Some node``, ``* TODO test 1``).

Day headings win inside a file; the file name's date is the fallback. Org tags
(``:work:running:``) end a heading; ``:PROPERTIES:`` drawers, ``SCHEDULED:`` planning lines and
``#+`` lines are not words.
Everything here runs in time linear in the file: no pattern can backtrack over a long line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from wrapped.entries import Entry, Problem
from wrapped.journal import when
from wrapped.journal.source import Found, Unreadable, checkpoint, read_text, regular_files

_FILE = re.compile(r"[0-9]{8}(?:\.org)?|[0-9]{4}-[0-9]{2}-[0-9]{2}\.org")
_CLOCK = r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:\s?[AaPp][Mm])?"
_ENTRY = {1: re.compile(rf"\*[ \t]+(?:({_CLOCK})[ \t]+)?(.*)"), 2: re.compile(rf"\*\*[ \t]+(?:({_CLOCK})[ \t]+)?(.*)")}
_TAG_WORD = re.compile(r":(?:[\w@#%]+:){1,30}")
_KEYWORD = re.compile(r"(?:TODO|DONE)[ \t]+")
_WEEKDAY = r"(?:[^\W\d_]{2,20}\.?,?[ \t]+)?"
_DAY_TEXT = re.compile(
    rf"{_WEEKDAY}(?:([0-9]{{1,2}})\.?[ \t]+([^\W\d_]{{2,24}})\.?,?[ \t]+([0-9]{{4}})"
    rf"|([^\W\d_]{{2,24}})\.?[ \t]+([0-9]{{1,2}}),?[ \t]+([0-9]{{4}})"
    r"|([0-9]{4})-([0-9]{2})-([0-9]{2}))"
)
_TITLE = "#+title:"
_PLANNING = ("SCHEDULED:", "DEADLINE:", "CLOSED:")  # Org's planning line: dates, not words
NO_DATE = "no date: neither a YYYYMMDD file name nor a day heading"


def is_day_file(name: str) -> bool:
    return _FILE.fullmatch(name) is not None


def has_day_files(folder: Path) -> bool:
    return (
        any(is_day_file(p.name) for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else False
    )


def read_folder(folder: Path) -> Found:
    for item in regular_files(folder):
        if isinstance(item, Problem):
            yield item
        elif is_day_file(item.name):
            yield from read_file(item)


@dataclass
class _Open:
    """The entry being read: its heading's line, title, day, moment and tags, and its body."""

    line: int
    title: str
    day: date
    moment: datetime | None
    tags: list[str]
    body: list[str] = field(default_factory=list)


def read_file(path: Path) -> Found:
    try:
        raw = read_text(path)
    except Unreadable as exc:
        yield Problem(path, None, str(exc))
        return
    lines = raw.split("\n")
    level = _entry_level(lines)
    named = when.date_in_name(path.name)
    day, dated = named, False  # dated: a day heading has been read (then the name no longer counts)
    section_line, section_entries = 1, 0  # the current day heading and its entries so far
    loose: list[str] = []  # text under the day heading before its first entry
    current: _Open | None = None
    in_drawer = skipping = False
    for number, line in enumerate(lines, start=1):
        if number % 4096 == 0:
            checkpoint()
        heading = _day_heading(line, level)
        if heading is not None:
            if current is not None:
                yield _entry(path, current)
            elif section_entries == 0 and (loose_entry := _loose(path, section_line, day, loose)) is not None:
                yield loose_entry
            parsed = _heading_day(heading)
            day = parsed or (None if dated else named)
            dated = dated or parsed is not None
            section_line, section_entries, loose, current, skipping = number, 0, [], None, False
            continue
        entry = _ENTRY[level].fullmatch(line.rstrip()) if _is_entry(line, level) else None
        if entry:
            if current is not None:
                yield _entry(path, current)
            section_entries += 1
            current = None
            if day is None:
                skipping = True
                yield Problem(path, number, NO_DATE)
                continue
            skipping = False
            clock = when.clock(entry[1]) if entry[1] else None
            title, tags = _split_tags(entry[2])
            current = _Open(number, title, day, datetime.combine(day, clock) if clock else None, tags)
            continue
        stripped = line.strip()
        if stripped.upper() == ":PROPERTIES:":
            in_drawer = True
        elif in_drawer:
            in_drawer = stripped.upper() != ":END:"
        elif skipping or stripped.startswith(("#+", *_PLANNING)):
            continue
        elif current is not None:
            current.body.append(line)
        elif not line.startswith(("*", ":")):
            loose.append(line)
    if current is not None:
        yield _entry(path, current)
    elif section_entries == 0:
        if day is None and "".join(loose).strip():
            yield Problem(path, section_line, NO_DATE)
        elif (loose_entry := _loose(path, section_line, day, loose)) is not None:
            yield loose_entry


def _entry_level(lines: list[str]) -> int:
    """2 when entries are ``** `` headings (the default); 1 when the day is the file's
    ``#+TITLE:`` and entries are top-level headings (no ``* `` heading reads as a day)."""
    titled = False
    deeper = False
    for line in lines:
        if line.startswith("* ") and _heading_day(line[2:]) is not None:
            return 2
        titled = titled or line[:8].lower() == _TITLE
        deeper = deeper or line.startswith("** ")
    return 1 if titled or not deeper else 2


def _day_heading(line: str, level: int) -> str | None:
    """The text of a day heading line (``* <date>`` when entries are ``**``, or ``#+TITLE: <date>``)."""
    if line[:8].lower() == _TITLE:
        text = line[8:]
        return text if _heading_day(text) is not None else None
    if level == 2 and line.startswith(("* ", "*\t")):
        return line[2:]
    if level == 1 and line.startswith("* "):
        text = line[2:]
        return text if _heading_day(text) is not None else None
    return None


def _is_entry(line: str, level: int) -> bool:
    marks = "*" * level
    return line.startswith(marks) and line[level : level + 1] in (" ", "\t")


def _loose(path: Path, line: int, day: date | None, loose: list[str]) -> Entry | None:
    """A day with text but no entry headings: one untimed entry titled with its date."""
    text = "\n".join(loose).strip()
    if day is None or not text:
        return None
    return Entry(day=day, moment=None, title=day.isoformat(), text=text, source=path, line=line)


def _entry(path: Path, current: _Open) -> Entry:
    return Entry(
        day=current.day,
        moment=current.moment,
        title=current.title,
        text=f"{current.title}\n" + "\n".join(current.body),
        source=path,
        line=current.line,
        tags=tuple(current.tags),
    )


def _split_tags(heading: str) -> tuple[str, list[str]]:
    """The heading's title (without a TODO/DONE keyword) and its trailing ``:tag:tag:`` words."""
    text = heading.rstrip()
    keyword = _KEYWORD.match(text)
    if keyword:
        text = text[keyword.end() :]
    cut = max(text.rfind(" "), text.rfind("\t"))
    if cut >= 0 and _TAG_WORD.fullmatch(text, cut + 1):
        return text[:cut].strip(), [t for t in text[cut + 1 :].split(":") if t]
    return text.strip(), []


def _heading_day(text: str) -> date | None:
    """The date a day heading's text names: 'Sunday, 13 January 2019', 'January 13, 2019',
    'Sun, 2019-01-13', '2019-01-13' (a month name in any language CLDR knows)."""
    text = text.strip()
    found = _DAY_TEXT.fullmatch(text) if len(text) <= 80 else None
    if not found:
        return None
    g = found.groups()
    if g[0]:
        month = when.month_number(g[1])
        return when.make_date(int(g[2]), month, int(g[0])) if month else None
    if g[3]:
        month = when.month_number(g[3])
        return when.make_date(int(g[5]), month, int(g[4])) if month else None
    return when.make_date(int(g[6]), int(g[7]), int(g[8]))
