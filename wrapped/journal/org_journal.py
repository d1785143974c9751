"""org-journal (Emacs): one Org file per day, with a heading per entry.

As org-journal writes them with its defaults: the file is named by ``org-journal-file-format``
(``%Y%m%d``, often set to ``%Y%m%d.org`` or ``%Y-%m-%d.org``); the day's heading is
``* `` and ``org-journal-date-format`` (``* Sunday, 12 January 2020``); each entry is ``** ``
and ``org-journal-time-format`` (``** 22:00 Title``; an entry may have no time). Org tags
(``:work:running:``) end a heading; ``:PROPERTIES:`` drawers and ``#+`` lines are not words.
A file whose name holds no date takes it from its ``* `` heading.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from wrapped.entries import Entry, Problem
from wrapped.journal import when
from wrapped.journal.source import Found, Unreadable, read_text, regular_files

_FILE = re.compile(r"\d{8}(?:\.org)?|\d{4}-\d{2}-\d{2}\.org")
_ENTRY = re.compile(r"\*\*\s+(?:(\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?)\s+)?(.*)")
_TAGS = re.compile(r"\s+:((?:[\w@#%]+:){1,30})\s*$")
_DAY_HEADING = re.compile(
    r"\*\s+(?:[^\W\d_]+,?\s+)?(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})|\*\s+(?:[^\W\d_]+,?\s+)?"
    r"([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})|\*\s+(?:[^\W\d_]+,?\s+)?(\d{4})-(\d{2})-(\d{2})"
)


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


def read_file(path: Path) -> Found:
    try:
        raw = read_text(path)
    except Unreadable as exc:
        yield Problem(path, None, str(exc))
        return
    day = when.date_in_name(path.name)
    current: tuple[int, str, date, datetime | None, list[str]] | None = None
    body: list[str] = []
    in_drawer = False
    found_any = False
    for number, line in enumerate(raw.split("\n"), start=1):
        if line.startswith("* "):
            day = day or _heading_day(line)
            continue
        entry = _ENTRY.fullmatch(line.rstrip()) if line.startswith("**") and not line.startswith("***") else None
        if entry:
            if current is not None:
                found_any = True
                yield _entry(path, current, body)
            if day is None:
                yield Problem(path, number, "no date: neither a YYYYMMDD file name nor a '* ' day heading")
                return
            clock = when.clock(entry[1]) if entry[1] else None
            title, tags = _split_tags(entry[2])
            current, body = (number, title, day, datetime.combine(day, clock) if clock else None, tags), []
            continue
        stripped = line.strip()
        if stripped.upper() == ":PROPERTIES:":
            in_drawer = True
        elif in_drawer:
            in_drawer = stripped.upper() != ":END:"
        elif not stripped.startswith("#+") and current is not None:
            body.append(line)
    if current is not None:
        yield _entry(path, current, body)
    elif not found_any and day is not None and raw.strip():
        yield Entry(day=day, moment=None, title=day.isoformat(), text=_words_only(raw), source=path, line=1)


def _entry(path: Path, current: tuple[int, str, date, datetime | None, list[str]], body: list[str]) -> Entry:
    number, title, day, moment, tags = current
    return Entry(
        day=day,
        moment=moment,
        title=title,
        text=f"{title}\n" + "\n".join(body),
        source=path,
        line=number,
        tags=tuple(tags),
    )


def _split_tags(heading: str) -> tuple[str, list[str]]:
    found = _TAGS.search(heading)
    if not found:
        return heading.strip(), []
    return heading[: found.start()].strip(), [t for t in found[1].split(":") if t]


def _heading_day(line: str) -> date | None:
    found = _DAY_HEADING.match(line.strip())
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


def _words_only(raw: str) -> str:
    return "\n".join(line for line in raw.split("\n") if not line.startswith(("*", "#+", ":")))
