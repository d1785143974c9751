"""Daylio's CSV export ("Export entries" in the app; premium).

Two layouts, newest first, as Daylio writes them (see MichaelCurrin/daylio-csv-parser):
- ``full_date,date,weekday,time,mood,activities,note_title,note``, e.g.
  ``2021-09-28,28 September,Tuesday,10:00 pm,sad,"clean | music",,""``;
- older exports: ``year,date,weekday,time,mood,activities,note`` where ``date`` is the day and a
  month name in the phone's language (``18 May``, ``18. Mai``, ``mai 18``).
Times are local, 12-hour (``10:00 pm``) or 24-hour (``22:00``). The mood is the mood's name as
the user set it (Daylio's defaults: rad, good, meh, bad, awful); activities are `` | ``-separated
and become tags. Notes may hold simple HTML (``<br>``). Every row is one entry.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path

from wrapped.entries import Entry, Problem
from wrapped.errors import JournalError
from wrapped.journal import markup, when
from wrapped.journal.source import Found, Unreadable, read_text, shown

CURRENT = ("full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note")
OLDER = ("year", "date", "weekday", "time", "mood", "activities", "note")
_DAY_AND_MONTH = re.compile(r"(\d{1,2})\.?\s+([^\W\d_]{3,12})\.?|([^\W\d_]{3,12})\.?\s+(\d{1,2})")


def header_of(text: str) -> tuple[str, ...]:
    first = text.split("\n", 1)[0]
    return tuple(cell.strip().strip('"').lower() for cell in first.split(","))


def is_daylio(text: str) -> bool:
    header = header_of(text)
    return header[: len(CURRENT)] == CURRENT or header[: len(OLDER)] == OLDER


def read_csv(path: Path) -> Found:
    try:
        text = read_text(path, 256 * 1024 * 1024)
    except Unreadable as exc:
        yield Problem(path, None, str(exc))
        return
    if not is_daylio(text):
        raise JournalError(
            f"{shown(path)}: a CSV file, but without Daylio's columns (full_date, date, weekday, time, mood, "
            "activities, note_title, note)"
        )
    rows = csv.reader(io.StringIO(text, newline=""))
    columns = [c.strip().lower() for c in next(rows)]
    at = {name: i for i, name in enumerate(columns)}
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error:
            yield Problem(path, rows.line_num, "a row that is not valid CSV")
            continue
        if not row or not any(cell.strip() for cell in row):
            continue
        yield _entry(path, rows.line_num, row, at)


def _entry(path: Path, line: int, row: list[str], at: dict[str, int]) -> Entry | Problem:
    def cell(name: str) -> str:
        index = at.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    day = _day(cell("full_date"), cell("year"), cell("date"))
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


def _day(full_date: str, year: str, day_and_month: str) -> date | None:
    if full_date:
        written = when.date_in_name(full_date)
        return written if written is not None and len(full_date) == 10 else None
    if not year.isdigit() or len(year) != 4:
        return None
    found = _DAY_AND_MONTH.fullmatch(day_and_month.strip())
    if not found:
        return None
    day, month = (found[1], found[2]) if found[1] else (found[4], found[3])
    number = when.month_number(month)
    return when.make_date(int(year), number, int(day)) if number else None
