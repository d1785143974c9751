"""Journey (journey.cloud): one JSON file per entry, in a folder or in the export zip.

What this reader rests on (no public sample export was found; the fields are those Journey's
export converters read, e.g. Journey-to-Day-One scripts, and Journey's own entry type):
``date_journal`` is epoch milliseconds and ``timezone`` the IANA zone it was written in;
``text`` is HTML (older entries: Markdown), ``preview_text`` a plain copy; ``mood`` is a number
on a five-step scale (1 awful .. 5 great; 0 or missing: no mood) or a label; ``tags`` a list;
``favourite`` marks a starred entry; ``lat``/``lon`` of 1.79e308 (Double.MAX) mean "no place",
otherwise ``address`` names the place; ``weather.description`` is the weather.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeGuard

from wrapped.entries import Entry, Problem
from wrapped.journal import markup, when
from wrapped.journal.dayone import title_and_text
from wrapped.journal.source import Found, Unreadable, read_bytes, regular_files, strings, zip_files

MOODS = {1: "awful", 2: "bad", 3: "okay", 4: "good", 5: "great"}


def looks_like_entry(data: object) -> bool:
    return isinstance(data, dict) and "date_journal" in data and ("text" in data or "preview_text" in data)


def folder_has_entries(folder: Path) -> bool:
    for path in sorted(folder.glob("*.json"))[:3]:
        try:
            if looks_like_entry(json.loads(read_bytes(path, 1024 * 1024))):
                return True
        except (Unreadable, ValueError, RecursionError, UnicodeDecodeError):
            continue
    return False


def read_folder(folder: Path) -> Found:
    for item in regular_files(folder, (".json",)):
        if isinstance(item, Problem):
            yield item
            continue
        try:
            data = json.loads(read_bytes(item).decode("utf-8-sig"))
        except Unreadable as exc:
            yield Problem(item, None, str(exc))
            continue
        except (ValueError, RecursionError, UnicodeDecodeError):
            yield Problem(item, None, "not valid JSON")
            continue
        yield read_entry(item, data)


def read_zip(path: Path) -> Found:
    for item in zip_files(path, (".json",)):
        if isinstance(item, Problem):
            yield item
            continue
        inner, raw = item
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (ValueError, RecursionError, UnicodeDecodeError):
            yield Problem(inner, None, "not valid JSON")
            continue
        yield read_entry(inner, data)


def read_entry(path: Path, data: Any) -> Entry | Problem:
    if not looks_like_entry(data):
        return Problem(path, None, "not a Journey entry (no 'date_journal')")
    created = when.from_epoch_ms(data["date_journal"])
    if created is None:
        return Problem(path, None, "'date_journal' is not a time (expected milliseconds since 1970)")
    moment = when.localised(created, data.get("timezone"))
    if moment is None:
        return Problem(path, None, "'date_journal' is out of the years a calendar can show")
    raw = data.get("text")
    if not isinstance(raw, str) or not raw.strip():
        raw = data.get("preview_text") if isinstance(data.get("preview_text"), str) else ""
    text = markup.to_text(raw) if markup.looks_like_html(raw) else raw
    title, words = title_and_text(text)
    tags = data.get("tags")
    weather = data.get("weather")
    return Entry(
        day=moment.date(),
        moment=moment,
        title=title,
        text=words,
        source=path,
        tags=strings(tags),
        mood=_mood(data.get("mood")),
        location=_place(data),
        weather=weather.get("description")
        if isinstance(weather, dict) and isinstance(weather.get("description"), str)
        else None,
        starred=data.get("favourite") is True,
    )


def _mood(value: Any) -> str | None:
    if isinstance(value, str):
        return value or None
    if isinstance(value, int) and not isinstance(value, bool):
        return MOODS.get(value)
    return None


def _place(data: dict[str, Any]) -> str | None:
    lat, lon, address = data.get("lat"), data.get("lon"), data.get("address")
    if not (_number(lat) and _number(lon)) or not (
        abs(lat) <= 90 and abs(lon) <= 180
    ):  # the sentinel, NaN and nonsense alike
        return None
    return address if isinstance(address, str) and address.strip() else None


def _number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)
