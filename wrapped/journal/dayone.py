"""Day One's JSON export (Day One 2 and later), alone or inside the export .zip.

Each entry has ``creationDate`` in UTC and the ``timeZone`` it was written in; an entry's day is
its day in that zone. ``text`` is Markdown with Day One's escapes (``Dinner\\. Then a walk\\!``);
photos appear as ``![](dayone-moment://...)`` and are not words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, TypeGuard

from wrapped.entries import Entry, Problem
from wrapped.journal import when
from wrapped.journal.source import Found, strings, zip_files

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_IMAGE = re.compile(r"!\[[^\]\n]{0,200}\]\(dayone-moment:[^)\n]{0,300}\)")


def looks_like_dayone(data: object) -> TypeGuard[dict[str, Any]]:
    return (
        isinstance(data, dict)
        and isinstance(data.get("entries"), list)
        and any(isinstance(e, dict) and "creationDate" in e for e in data["entries"][:5])
    )


def read_export(source: Path, data: dict[str, Any]) -> Found:
    for index, item in enumerate(data["entries"], start=1):
        where = f"entry {index}"
        if not isinstance(item, dict):
            yield Problem(source, None, f"{where} is not an object")
            continue
        raw = item.get("creationDate")
        created = when.iso_moment(raw) if isinstance(raw, str) else None
        if created is None:
            yield Problem(source, None, f"{where}: 'creationDate' is not a date-time (expected ISO 8601)")
            continue
        moment = when.localised(created, item.get("timeZone"))
        if moment is None:
            yield Problem(source, None, f"{where}: 'creationDate' is out of the years a calendar can show")
            continue
        text = item.get("text")
        title, words = title_and_text(unescape(text) if isinstance(text, str) else "")
        tags = item.get("tags")
        yield Entry(
            day=moment.date(),
            moment=moment,
            title=title,
            text=words,
            source=source,
            tags=strings(tags),
            location=_place(item.get("location")),
            weather=_weather(item.get("weather")),
            starred=item.get("starred") is True,
        )


def unescape(text: str) -> str:
    return _IMAGE.sub("", _ESCAPE.sub(r"\1", text))


def title_and_text(text: str) -> tuple[str, str]:
    """The first non-empty line (heading marks removed) as title; the whole text as written."""
    text = text.strip()
    for line in text.split("\n", 50)[:50]:
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:120], text
    return "(untitled)", text


def read_zip(path: Path) -> Found:
    """Day One's export archive: every JSON journal inside it (photos are not opened)."""
    for item in zip_files(path, (".json",), 256 * 1024 * 1024):
        if isinstance(item, Problem):
            yield item
            continue
        inner, raw = item
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            yield Problem(inner, None, "not a readable JSON journal")
            continue
        if not looks_like_dayone(data):
            yield Problem(inner, None, "not a Day One journal (no entries with a creationDate)")
            continue
        yield from read_export(inner, data)


def _place(location: Any) -> str | None:
    if not isinstance(location, dict):
        return None
    for key in ("localityName", "placeName", "administrativeArea", "country"):
        value = location.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _weather(weather: Any) -> str | None:
    if not isinstance(weather, dict):
        return None
    for key in ("conditionsDescription", "weatherCode"):
        value = weather.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None
