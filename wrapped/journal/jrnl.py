"""jrnl's plain-text journal and its JSON export."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, TypeGuard

from wrapped.entries import Entry, Problem, normalise_tag

# "[2025-03-14 07:42] Title. Body" -- also "[2025-03-14 07:42 PM]" and seconds.
HEADER = re.compile(r"^\[(?P<stamp>[^\]\n]{8,40})\]\s?(?P<rest>.*)$")
_STAMP_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %I:%M %p", "%Y-%m-%d")
_SENTENCE_END = re.compile(r"([.?!]+)(\s|$)")
_TAG = re.compile(r"(?<![\w@])@([\w-]+)")


def looks_like_jrnl_text(text: str) -> bool:
    for line in text.splitlines()[:20]:
        match = HEADER.match(line)
        if match and _parse_stamp(match["stamp"]):
            return True
    return False


def read_text(path: Path, text: str) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    header: tuple[int, re.Match[str]] | None = None
    body: list[str] = []

    def flush() -> None:
        if header is None:
            return
        line_no, match = header
        parsed = _parse_stamp(match["stamp"])
        if parsed is None:
            problems.append(Problem(path, line_no, f"date cannot be read: {match['stamp'][:30]!r}"))
            return
        moment, has_time = parsed
        entries.append(_entry(path, line_no, moment, has_time, match["rest"], "\n".join(body)))

    for line_no, line in enumerate(text.splitlines(), start=1):
        match = HEADER.match(line)
        if match and re.match(r"\d{4}-", match["stamp"]):
            flush()
            header, body = (line_no, match), []
        elif header is not None:
            body.append(line)
        elif line.strip() and not any(p.line and p.reason.startswith("text before") for p in problems):
            problems.append(Problem(path, line_no, "text before the first dated entry (ignored)"))
    flush()
    return entries, problems


def _parse_stamp(stamp: str) -> tuple[datetime, bool] | None:
    """The stamp's local date and time, and whether it held a time at all."""
    for fmt in _STAMP_FORMATS:
        try:
            return datetime.strptime(stamp.strip(), fmt), "%H" in fmt or "%I" in fmt
        except ValueError:
            continue
    return None


def _entry(path: Path, line_no: int, moment: datetime, has_time: bool, first_line: str, rest: str) -> Entry:
    starred = False
    first_line = first_line.rstrip()
    split = _SENTENCE_END.search(first_line)
    if split:
        title, body_start = first_line[: split.end(1)], first_line[split.end() :]
    else:
        title, body_start = first_line, ""
    if title.endswith(" *"):
        title, starred = title[:-2].rstrip(), True
    text = "\n".join(part for part in (body_start, rest.strip("\n")) if part).strip()
    tags = tuple(dict.fromkeys(normalise_tag(t) for t in _TAG.findall(f"{title}\n{text}")))
    return Entry(
        day=moment.date(),
        moment=moment if has_time else None,
        title=title.strip() or "(untitled)",
        text=text,
        source=path,
        line=line_no,
        tags=tags,
        starred=starred,
    )


def looks_like_jrnl_json(data: object) -> TypeGuard[dict[str, Any]]:
    return (
        isinstance(data, dict)
        and isinstance(data.get("entries"), list)
        and not any(isinstance(e, dict) and "creationDate" in e for e in data["entries"][:5])
    )


def read_json(path: Path, data: dict[str, Any]) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    for index, item in enumerate(data["entries"]):
        where = f"entry {index + 1}"
        if not isinstance(item, dict):
            problems.append(Problem(path, None, f"{where} is not an object"))
            continue
        try:
            day = date.fromisoformat(str(item.get("date", "")))
        except ValueError:
            problems.append(Problem(path, None, f"{where}: date cannot be read: {str(item.get('date'))[:30]!r}"))
            continue
        moment = None
        if item.get("time"):
            try:
                moment = datetime.combine(day, time.fromisoformat(str(item["time"])))
            except ValueError:
                problems.append(Problem(path, None, f"{where}: time cannot be read, kept the date alone"))
        tags = tuple(dict.fromkeys(normalise_tag(str(t)) for t in item.get("tags") or []))
        entries.append(
            Entry(
                day=day,
                moment=moment,
                title=str(item.get("title") or "(untitled)").strip(),
                text=str(item.get("body") or "").strip(),
                source=path,
                line=None,
                tags=tags,
                starred=bool(item.get("starred")),
            )
        )
    return entries, problems
