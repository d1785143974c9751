"""Folders of Markdown notes with optional YAML front matter (Obsidian daily notes)."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import yaml

from wrapped.entries import Entry, Problem, normalise_tag

DATE_KEYS = ("date", "created", "day")
TIME_KEYS = ("time",)
STAR_KEYS = ("starred", "favorite", "favourite", "star")
_DATE_IN_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_INLINE_TAG = re.compile(r"(?<![\w#/&])#([A-Za-z][\w/-]*)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_FENCE = re.compile(r"```.*?```", re.DOTALL)


def note_files(folder: Path) -> list[Path]:
    """Every Markdown note under folder, skipping hidden folders such as .obsidian."""
    return sorted(
        p
        for p in folder.rglob("*.md")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def read_notes(folder: Path) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in note_files(folder):
        result = read_note(path)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            entries.append(result)
    return entries, problems


def read_one(path: Path) -> tuple[list[Entry], list[Problem]]:
    """A single note given as the journal path."""
    result = read_note(path)
    return ([], [result]) if isinstance(result, Problem) else ([result], [])


def read_note(path: Path) -> Entry | Problem:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return Problem(path, None, "not UTF-8 text")
    except OSError as exc:
        return Problem(path, None, f"cannot be read ({exc.strerror or exc})")
    try:
        meta, body, body_line = split_front_matter(raw)
    except FrontMatterError as exc:
        return Problem(path, exc.line, str(exc))
    when = _moment_from(meta, path)
    if isinstance(when, str):
        return Problem(path, 1, when)
    day, moment = when
    return Entry(
        day=day,
        moment=moment,
        title=_title(meta, body, path),
        text=body.strip(),
        source=path,
        line=body_line if meta else 1,
        tags=_tags(meta, body),
        mood=_text_value(meta.get("mood")),
        location=_text_value(meta.get("location")),
        weather=_text_value(meta.get("weather")),
        starred=any(meta.get(k) is True for k in STAR_KEYS),
    )


def split_front_matter(raw: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter, body, line the body starts on); raise ValueError on bad YAML."""
    lines = raw.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return {}, raw, 1
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            try:
                meta = yaml.safe_load("".join(lines[1:i])) or {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                problem = getattr(exc, "problem", None) or "parse error"
                at = (mark.line + 2) if mark else 1
                raise FrontMatterError(f"front matter is not valid YAML ({problem})", at) from None
            if not isinstance(meta, dict):
                raise FrontMatterError("front matter is not a mapping of keys to values", 2)
            return {str(k).lower(): v for k, v in meta.items()}, "".join(lines[i + 1 :]), i + 2
    raise FrontMatterError("front matter opened with '---' is never closed", 1)


class FrontMatterError(ValueError):
    """Front matter that cannot be read, and the line of the note it is on."""

    def __init__(self, reason: str, line: int):
        super().__init__(reason)
        self.line = line


def _moment_from(meta: dict[str, Any], path: Path) -> tuple[date, datetime | None] | str:
    for key in DATE_KEYS:
        if key in meta and meta[key] not in (None, ""):
            parsed = _parse_when(meta[key])
            if parsed is None:
                return f"front matter '{key}' is not a date: {str(meta[key])[:40]!r}"
            day, moment = parsed
            if moment is None:
                moment = _with_time(day, meta)
            return day, moment
    found = _DATE_IN_NAME.search(path.stem)
    if found:
        try:
            day = date(*(int(g) for g in found.groups()))
        except ValueError:
            return f"file name holds an impossible date {found.group(0)!r}"
        return day, _with_time(day, meta)
    return "no date: neither a front matter date nor a YYYY-MM-DD file name"


def _parse_when(value: Any) -> tuple[date, datetime | None] | None:
    if isinstance(value, datetime):
        return value.date(), value
    if isinstance(value, date):
        return value, None
    text = str(value).strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(text) <= 10:
        return moment.date(), None
    return moment.date(), moment


def _with_time(day: date, meta: dict[str, Any]) -> datetime | None:
    for key in TIME_KEYS:
        value = meta.get(key)
        if isinstance(value, int) and 0 <= value < 24 * 60:  # YAML reads 08:15 as sexagesimal minutes
            return datetime.combine(day, time(value // 60, value % 60))
        if isinstance(value, str):
            try:
                return datetime.combine(day, time.fromisoformat(value.strip()))
            except ValueError:
                return None
    return None


def _title(meta: dict[str, Any], body: str, path: Path) -> str:
    if meta.get("title"):
        return str(meta["title"]).strip()
    heading = _HEADING.search(body)
    return heading.group(1) if heading else path.stem


def _tags(meta: dict[str, Any], body: str) -> tuple[str, ...]:
    raw = meta.get("tags") or meta.get("tag") or []
    if isinstance(raw, str):
        raw = re.split(r"[,\s]+", raw)
    tags = [normalise_tag(str(t)) for t in raw if t is not None]
    prose = _FENCE.sub("", body)
    tags += [normalise_tag(t) for t in _INLINE_TAG.findall(prose)]
    seen: dict[str, None] = {}
    for tag in tags:
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def _text_value(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dict):
        value = value.get("name") or value.get("place") or next(iter(value.values()), None)
    return str(value).strip() or None
