"""Day One's JSON export, alone or inside the export .zip."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeGuard
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from wrapped.entries import Entry, Problem, normalise_tag
from wrapped.errors import JournalError

# Day One escapes Markdown punctuation in plain text: "Dinner\. Then a walk\!"
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_HEADING = re.compile(r"^\s*#{1,6}\s*")
_IMAGE = re.compile(r"!\[\]\(dayone-moment:[^)]*\)")


def looks_like_dayone(data: object) -> TypeGuard[dict[str, Any]]:
    return (
        isinstance(data, dict)
        and isinstance(data.get("entries"), list)
        and any(isinstance(e, dict) and "creationDate" in e for e in data["entries"][:5])
    )


def read_export(source: Path, data: dict[str, Any]) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    for index, item in enumerate(data["entries"]):
        where = f"entry {index + 1}"
        if not isinstance(item, dict):
            problems.append(Problem(source, None, f"{where} is not an object"))
            continue
        moment = _local_moment(item)
        if isinstance(moment, str):
            problems.append(Problem(source, None, f"{where}: {moment}"))
            continue
        title, text = _title_and_text(unescape(str(item.get("text") or "")))
        entries.append(
            Entry(
                day=moment.date(),
                moment=moment,
                title=title,
                text=text,
                source=source,
                line=None,
                tags=tuple(dict.fromkeys(normalise_tag(str(t)) for t in item.get("tags") or [])),
                mood=None,
                location=_place(item.get("location")),
                weather=_weather(item.get("weather")),
                starred=bool(item.get("starred")),
            )
        )
    return entries, problems


def unescape(text: str) -> str:
    return _IMAGE.sub("", _ESCAPE.sub(r"\1", text))


def _local_moment(item: dict[str, Any]) -> datetime | str:
    raw = str(item.get("creationDate") or "")
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return f"creationDate cannot be read: {raw[:30]!r}"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    zone_name = item.get("timeZone")
    if zone_name:
        try:
            return moment.astimezone(ZoneInfo(str(zone_name)))
        except (ZoneInfoNotFoundError, ValueError):
            pass  # an unknown zone: keep UTC rather than lose the entry
    return moment


def _title_and_text(text: str) -> tuple[str, str]:
    lines = text.strip().splitlines()
    if not lines:
        return "(untitled)", ""
    title = _HEADING.sub("", lines[0]).strip()
    return (title[:120] or "(untitled)"), "\n".join(lines[1:]).strip() or title


def _place(location: Any) -> str | None:
    if not isinstance(location, dict):
        return None
    for key in ("localityName", "placeName", "administrativeArea", "country"):
        if location.get(key):
            return str(location[key])
    return None


def _weather(weather: Any) -> str | None:
    if not isinstance(weather, dict):
        return None
    value = weather.get("conditionsDescription") or weather.get("weatherCode")
    return str(value).strip() if value else None


def read_zip(path: Path) -> tuple[list[Entry], list[Problem]]:
    """Day One's export archive: every JSON journal inside it."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".json") and not n.startswith("__MACOSX")]
            if not names:
                raise JournalError(f"{path}: a zip with no Day One journal (.json) inside")
            for name in names:
                inner = Path(f"{path}!{name}")
                try:
                    data = json.loads(archive.read(name).decode("utf-8-sig"))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    problems.append(Problem(inner, getattr(exc, "lineno", None), "not a readable JSON journal"))
                    continue
                if not looks_like_dayone(data):
                    problems.append(Problem(inner, None, "not a Day One journal"))
                    continue
                found, skipped = read_export(inner, data)
                entries += found
                problems += skipped
    except zipfile.BadZipFile:
        raise JournalError(f"{path}: not a readable zip file") from None
    return entries, problems
