"""Daylio's CSV export ("Export entries" in the app; premium).

Daylio has written several layouts over the years; they are read by their header names, never
by position or column count (see MichaelCurrin/daylio-csv-parser and the Android app's export):
- today: ``full_date,date,weekday,time,mood,activities,scales,note_title,note``;
- earlier: the same without ``scales`` (8 columns), or without ``scales`` and ``note_title`` (7);
- the oldest: ``year,date,weekday,time,mood,activities,note``, where ``date`` is the day and a
  month name in the phone's language (``18 May``, ``18. Mai``, ``7 września``, ``mai 18``). The
  month names come from CLDR; the file's language is the one that names most of its months.
``full_date`` (ISO) wins when present. Times are local, 12-hour (``10:00 pm``) or 24-hour
(``22:00``). The mood is the mood's name as the user set it (Daylio's defaults: rad, good, meh,
bad, awful); activities are `` | ``-separated and become tags. Notes may hold simple HTML
(``<br>``). Every row is one entry; a row that cannot be read is one skipped row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from wrapped.entries import Entry, Problem
from wrapped.errors import JournalError
from wrapped.journal import markup, when
from wrapped.journal.source import Found, Unreadable, checkpoint, read_text, shown

FORMATS_LINE = "see `wrapped formats`"  # as SEE_FORMATS in wrapped.journal (which imports this module)
_YEAR = re.compile(r"[0-9]{4}")
_DAY_AND_MONTH = re.compile(r"([0-9]{1,2})\.?\s+([^\W\d_]{2,24}\.?)|([^\W\d_]{2,24}\.?)\s+([0-9]{1,2})\.?")


def header_of(text: str) -> tuple[str, ...]:
    """The first line's cells, lower-cased (read as CSV; () when it is not CSV)."""
    first = text.split("\n", 1)[0][: 64 * 1024]
    try:
        cells = next(csv.reader([first]), [])
    except csv.Error:
        return ()
    return tuple(cell.strip().lower() for cell in cells)


def has_columns(header: tuple[str, ...] | list[str]) -> bool:
    """Whether a header names a date (full_date, or year and date) and a mood, as Daylio's do."""
    names = set(header)
    return "mood" in names and ("full_date" in names or {"year", "date"} <= names)


def is_daylio(text: str) -> bool:
    return has_columns(header_of(text))


def read_csv(path: Path) -> Found:
    try:
        text = read_text(path, 256 * 1024 * 1024)
    except Unreadable as exc:
        yield Problem(path, None, str(exc))
        return
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        columns = [c.strip().lower() for c in next(rows, [])]
    except csv.Error:
        raise JournalError(f"{shown(path)}:1: a CSV header that cannot be read (a cell over 128 KiB?)") from None
    if not has_columns(columns):
        raise JournalError(
            f"{shown(path)}: a CSV file, but without Daylio's columns (full_date or year and date, and mood); "
            + FORMATS_LINE
        )
    at = {name: i for i, name in reversed(list(enumerate(columns)))}
    language = _language(path, text, at) if "full_date" not in at else None
    for line, row in _rows(path, text):
        if isinstance(row, Problem):
            yield row
        else:
            yield _entry(path, line, row, at, language)


def _rows(path: Path, text: str) -> Iterator[tuple[int, list[str] | Problem]]:
    """Each data row with its line; a row that is not valid CSV is one Problem."""
    rows = csv.reader(io.StringIO(text, newline=""))
    count = 0
    while True:
        count += 1
        if count % 1024 == 0:
            checkpoint()
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error:
            yield rows.line_num, Problem(path, rows.line_num, "a row that is not valid CSV (or a cell over 128 KiB)")
            continue
        if count == 1 or not row or not any(cell.strip() for cell in row):
            continue  # the header, or a blank row
        yield rows.line_num, row


def _language(path: Path, text: str, at: dict[str, int]) -> str | None:
    """The language of the older layout's month names: the one that names most of them."""
    index = at.get("date")
    words = []
    for _line, row in _rows(path, text):
        if isinstance(row, list) and index is not None and index < len(row):
            found = _DAY_AND_MONTH.fullmatch(row[index].strip())
            if found:
                words.append(found[2] or found[3])
    return when.language_of(words)


def _entry(path: Path, line: int, row: list[str], at: dict[str, int], language: str | None) -> Entry | Problem:
    def cell(name: str) -> str:
        index = at.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    day = _day(cell("full_date"), cell("year"), cell("date"), language)
    if day is None:
        return Problem(path, line, "the date cannot be read (expected YYYY-MM-DD, or a year and '18 May')")
    clock = when.clock(cell("time"))
    note = cell("note")
    note = markup.to_text(note) if "<" in note else note
    title = cell("note_title") or note.split("\n", 1)[0][:120]
    return Entry(
        day=day,
        moment=datetime.combine(day, clock) if clock else None,
        title=title or "(no note)",
        text=f"{cell('note_title')}\n{note}".strip(),
        source=path,
        line=line,
        tags=tuple(a for a in (part.strip() for part in cell("activities").split("|")) if a),
        mood=cell("mood").lower() or None,
    )


def _day(full_date: str, year: str, day_and_month: str, language: str | None) -> date | None:
    if full_date:
        written = when.date_in_name(full_date)
        return written if written is not None and len(full_date) == 10 else None
    if not _YEAR.fullmatch(year):
        return None
    found = _DAY_AND_MONTH.fullmatch(day_and_month.strip())
    if not found:
        return None
    day, month = (found[1], found[2]) if found[1] else (found[4], found[3])
    number = when.month_number(month, language)
    return when.make_date(int(year), number, int(day)) if number else None
