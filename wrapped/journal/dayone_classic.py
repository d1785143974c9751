"""Day One Classic (Day One 1.x): a ``Journal.dayone`` package with one ``.doentry`` plist per entry.

Keys as Day One Classic writes them (and jrnl's DayOne journal reads them): ``Creation Date``
(a plist date, in UTC), ``Time Zone`` (IANA name; missing in entries from old versions, which
stay in UTC), ``Entry Text`` (Markdown), ``Tags``, ``Starred``, ``Location`` (``Locality``,
``Place Name``, ``Administrative Area``, ``Country``) and ``Weather`` (``Description``).
"""

from __future__ import annotations

import plistlib
import struct
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.parsers.expat import ExpatError

from wrapped.entries import Entry, Problem
from wrapped.journal import when
from wrapped.journal.dayone import title_and_text
from wrapped.journal.source import Found, Unreadable, read_bytes, regular_files, strings

PLIST_ERRORS = (
    plistlib.InvalidFileException, ExpatError, ValueError, TypeError, KeyError, IndexError,
    OverflowError, RecursionError, struct.error, AttributeError, UnicodeDecodeError,
)  # fmt: skip


def is_package(folder: Path) -> bool:
    entries = folder / "entries"
    return folder.suffix.lower() == ".dayone" or (entries.is_dir() and any(entries.glob("*.doentry")))


def read_package(folder: Path) -> Found:
    entries = folder / "entries" if (folder / "entries").is_dir() else folder
    for item in regular_files(entries, (".doentry",)):
        yield item if isinstance(item, Problem) else read_entry(item)


def read_entry(path: Path) -> Entry | Problem:
    try:
        data = plistlib.loads(read_bytes(path))
    except Unreadable as exc:
        return Problem(path, None, str(exc))
    except PLIST_ERRORS:
        return Problem(path, None, "not a readable plist")
    if not isinstance(data, dict):
        return Problem(path, None, "not a Day One entry (the plist is not a dictionary)")
    created = data.get("Creation Date")
    if not isinstance(created, datetime):
        return Problem(path, None, "'Creation Date' is missing or not a date")
    moment = when.localised(created, data.get("Time Zone"))
    if moment is None:
        return Problem(path, None, "'Creation Date' is out of the years a calendar can show")
    text = data.get("Entry Text")
    title, words = title_and_text(text if isinstance(text, str) else "")
    tags = data.get("Tags")
    return Entry(
        day=moment.date(),
        moment=moment,
        title=title,
        text=words,
        source=path,
        tags=strings(tags),
        location=_first(data.get("Location"), ("Locality", "Place Name", "Administrative Area", "Country")),
        weather=_first(data.get("Weather"), ("Description",)),
        starred=data.get("Starred") is True,
    )


def _first(mapping: Any, keys: tuple[str, ...]) -> str | None:
    if not isinstance(mapping, dict):
        return None
    return next((v for k in keys if isinstance(v := mapping.get(k), str) and v.strip()), None)
