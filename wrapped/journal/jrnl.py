"""jrnl: the plain-text journal (one file, or a folder of YYYY/MM/DD.txt files) and its JSON export.

Read as jrnl itself reads it (jrnl/journals/Journal.py and Entry.py):
- an entry starts on a line ``[STAMP] title``; STAMP is written with the journal's ``timeformat``,
  by default ``%F %r`` (``2024-01-15 09:14:00 AM``), formerly ``%Y-%m-%d %H:%M``. Other common
  settings are read too; where day and month could be swapped (01/02/2024), the order that reads
  the most of the file's stamps wins;
- a first line ending in ``*`` marks the entry starred, and the stars and spaces are stripped;
- the title is the first line when the entry has more than one line, else its first sentence;
- tags are words starting with ``#`` or ``@`` (jrnl's default ``tagsymbols``);
- in a folder journal the path gives the date and the header gives the time.
The text counted as written is the whole entry, title included.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeGuard

from wrapped.entries import Entry, Problem
from wrapped.journal import when
from wrapped.journal.source import Found, Unreadable, checked, open_lines, regular_files, strings

HEADER = re.compile(r"\[([^\]\n]{1,64})\](?: (.*))?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s?([AaPp][Mm])?)?\s*")
_DATE_LIKE = re.compile(r"\d{1,4}[-/.]\d{1,2}|\d{1,2} \w+ \d{4}|\w+ \d{1,2}, \d{4}")
# Other timeformat settings people use; strptime reads month and day names in English.
_DATES = ("%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%m/%d/%y", "%d/%m/%y", "%d.%m.%y", "%Y/%m/%d", "%Y.%m.%d",
          "%A, %B %d, %Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%A %d %B %Y", "%a %d %b %Y")  # fmt: skip
_TIMES = ("%I:%M %p", "%I:%M:%S %p", "%H:%M", "%H:%M:%S", "")
FORMATS = (*(f"{d} {t}".strip() for d, t in itertools.product(_DATES, _TIMES)), "%a %b %d %H:%M:%S %Y")  # last: %c
TAG = re.compile(r"[#@](?<!\S[#@])([-+*#/\w]{1,80})")  # jrnl's (?<!\S)[#@]..., symbol first: scans faster
# jrnl's sentence splitter (a terminal, an optional closing quote and brackets, then spaces)
SENTENCE_END = re.compile(
    r"[.!?\u2026\u203c\u203d\u2047\u2048\u2049\u22ef\ufe52\ufe57]['\u2019\"\u201d]?[\])]*\s+"
    r"|[\uff01\uff0e\uff1f\uff61\u3002]"
)
PRESCAN_STAMPS = 2000


class Stamps:
    """Reads a journal's stamps, settling on the timeformat that reads most of them."""

    def __init__(self, sample: Iterable[str] = ()):
        sample = list(itertools.islice(sample, PRESCAN_STAMPS))
        fitting = [f for f in FORMATS if sample and _strptime(sample[0], f)]  # those that read the first
        counts = Counter({f: sum(1 for stamp in sample if _strptime(stamp, f)) for f in fitting})
        self.formats = sorted(FORMATS, key=lambda f: -counts[f])

    def read(self, stamp: str) -> tuple[datetime, bool] | None:
        """The local date and time, and whether the stamp held a time at all."""
        iso = _ISO.fullmatch(stamp)
        if iso:
            return _from_iso(iso)
        for fmt in self.formats:
            moment = _strptime(stamp, fmt)
            if moment is not None:
                return moment, "%H" in fmt or "%I" in fmt
        return None


def _from_iso(found: re.Match[str]) -> tuple[datetime, bool] | None:
    year, month, day, hour, minute, second, half = found.groups()
    if hour is None:
        d = when.make_date(int(year), int(month), int(day))
        return (datetime(d.year, d.month, d.day), False) if d else None
    clock = when.clock(f"{hour}:{minute}:{second or '00'}{' ' + half if half else ''}")
    d = when.make_date(int(year), int(month), int(day))
    return (datetime.combine(d, clock), True) if d and clock else None


def _strptime(stamp: str, fmt: str) -> datetime | None:
    try:
        return datetime.strptime(stamp.strip(), fmt)
    except ValueError:
        return None


def looks_like_text(head: str) -> bool:
    """Whether the opening of a file has a jrnl entry header that reads as a date."""
    stamps = Stamps()
    for line in head.split("\n")[:50]:
        found = HEADER.fullmatch(line.rstrip())
        if found and stamps.read(found.group(1)):
            return True
    return False


def read_file(path: Path, day: date | None = None) -> Found:
    """One jrnl text file; `day` (from a folder journal's path) overrides each entry's date."""
    try:
        stamps = _stamps_for(path)
        with open_lines(path) as lines:
            yield from _entries(path, checked(lines), stamps, day)
    except Unreadable as exc:
        yield Problem(path, None, str(exc))
    except UnicodeDecodeError:
        yield Problem(path, None, "not UTF-8 text")


def _stamps_for(path: Path) -> Stamps:
    """Stamps settled on this file's own timeformat (a quick first pass over its header lines)."""
    with open_lines(path) as lines:
        headers = (m.group(1) for line in checked(lines) if line.startswith("[") and (m := HEADER.match(line)))
        first = next(headers, None)
        if first is None or _ISO.fullmatch(first):
            return Stamps()
        return Stamps(itertools.chain([first], headers))


def _entries(path: Path, lines: Iterable[str], stamps: Stamps, day: date | None) -> Found:
    start: tuple[int, datetime, bool] | None = None
    skipping = False
    body: list[str] = []
    stray_reported = False
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\n")
        found = HEADER.fullmatch(line) if line.startswith("[") else None
        if found:
            parsed = stamps.read(found.group(1))
            if parsed is None and _DATE_LIKE.match(found.group(1)):
                if start is not None:
                    yield _entry(path, start, body, day)
                start, skipping, body = None, True, []
                yield Problem(path, number, "an entry date that cannot be read (expected the journal's timeformat)")
                continue
            if parsed is not None:
                if start is not None:
                    yield _entry(path, start, body, day)
                start, skipping, body = (number, *parsed), False, [found.group(2) or ""]
                continue
        if start is not None:
            if len(body) < 100_000:
                body.append(line)
        elif not skipping and line.strip() and not stray_reported:
            stray_reported = True
            yield Problem(path, number, "text before the first dated entry (ignored)")
    if start is not None:
        yield _entry(path, start, body, day)


def _entry(path: Path, start: tuple[int, datetime, bool], lines: list[str], day: date | None) -> Entry:
    number, moment, has_time = start
    if day is not None:
        moment = datetime.combine(day, moment.time())
    raw = "\n".join(lines)
    first, _, rest = raw.partition("\n")
    starred = first.strip().endswith("*")
    if starred:
        raw = first.strip("\n *") + "\n" + rest
    title, body = split_title(raw)
    text = f"{title}\n{body}".strip()
    return Entry(
        day=moment.date(),
        moment=moment if has_time else None,
        title=title,
        text=text,
        source=path,
        line=number,
        tags=tuple(TAG.findall(text)),
        starred=starred,
    )


def split_title(text: str) -> tuple[str, str]:
    """jrnl's split: the first line when there are more, else the first sentence."""
    stripped = text.lstrip()
    if "\n" in stripped.rstrip():
        title, _, body = stripped.partition("\n")
        return title.strip(), body.strip()
    found = SENTENCE_END.search(text)
    if not found:
        return text.strip(), ""
    return text[: found.end()].strip(), text[found.end() :].strip()


def read_folder(folder: Path) -> Found:
    """jrnl's folder journal: YYYY/MM/DD.txt, each file holding that day's entries."""
    for item in regular_files(folder, (".txt",)):
        if isinstance(item, Problem):
            yield item
            continue
        day = day_of(folder, item)
        if day is None:
            yield Problem(item, None, "not a YYYY/MM/DD.txt day file of a jrnl folder journal; skipped")
            continue
        yield from read_file(item, day)


def day_of(folder: Path, path: Path) -> date | None:
    parts = path.relative_to(folder).parts
    if len(parts) != 3 or not all(_ascii_digits(p.split(".")[0]) for p in parts):
        return None
    year, month, day = parts[0], parts[1], parts[2].split(".")[0]
    if len(year) != 4 or len(month) != 2 or len(day) != 2:
        return None
    return when.make_date(int(year), int(month), int(day))


def _ascii_digits(text: str) -> bool:
    """0-9 only: str.isdigit() also takes '²' and '٢', which int() refuses or reads as digits."""
    return text.isascii() and text.isdigit()


def is_folder_journal(folder: Path) -> bool:
    """Whether a folder holds jrnl's YYYY/MM/DD.txt layout."""
    for year in sorted(folder.glob("[0-9][0-9][0-9][0-9]"))[:50]:
        for month in sorted(year.glob("[01][0-9]"))[:12]:
            if any(month.glob("[0-3][0-9].txt")):
                return True
    return False


def looks_like_json(data: object) -> TypeGuard[dict[str, Any]]:
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        return False
    sample = [e for e in data["entries"][:5] if isinstance(e, dict)]
    return bool(sample) and all("date" in e and ("title" in e or "body" in e) for e in sample)


def read_json(path: Path, data: dict[str, Any]) -> Found:
    """jrnl's JSON export: entries with title, body, date (YYYY-MM-DD), time (HH:MM), tags, starred."""
    for index, item in enumerate(data["entries"], start=1):
        where = f"entry {index}"
        if not isinstance(item, dict):
            yield Problem(path, None, f"{where} is not an object")
            continue
        raw_date = item.get("date")
        day = when.date_in_name(raw_date) if isinstance(raw_date, str) and len(raw_date) == 10 else None
        if day is None:
            yield Problem(path, None, f"{where}: 'date' is not a date (expected YYYY-MM-DD)")
            continue
        clock = when.clock(item["time"]) if isinstance(item.get("time"), str) else None
        title, body = item.get("title"), item.get("body")
        title = title if isinstance(title, str) else ""
        body = body if isinstance(body, str) else ""
        tags = item.get("tags")
        yield Entry(
            day=day,
            moment=datetime.combine(day, clock) if clock else None,
            title=title,
            text=f"{title}\n{body}".strip(),
            source=path,
            tags=strings(tags),
            starred=item.get("starred") is True,
        )
