"""Markdown notes with optional YAML front matter: Obsidian daily notes and folders like them.

A note's date comes from its front matter (``date``, ``created`` or ``day``; keys in any case),
else from a date in its file name (2024-08-05.md, 2024_08_05.md, 20240805.md). A front-matter
date that cannot be read (``"[[2024-08-05]]"`` wikilinks are read, free text is not) falls back
to the file name's. ``time`` may be 24-hour (08:15, or YAML's sexagesimal 495) or 12-hour (8:15 AM).
``tags`` may be a list of mixed scalars or one string ("work, running" or "work running");
inline ``#tags`` in the text count too, except inside code.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import yaml

from wrapped.entries import Entry, Problem
from wrapped.journal import when
from wrapped.journal.source import Found, Unreadable, read_text, regular_files

DATE_KEYS = ("date", "created", "day", "date created")
TIME_KEYS = ("time",)
STAR_KEYS = ("starred", "favorite", "favourite", "star", "pinned")
MAX_FRONT_MATTER = 64 * 1024  # characters of YAML parsed per note
MAX_NESTING = 64  # [ and { deep; a front matter is a flat mapping in practice
SCALARS = (str, int, float, bool, date)
_INLINE_TAG = re.compile(r"#(?<![\w#/&]#)([^\W\d][\w/-]{0,60})")  # starts with '#': a fast literal scan
_WIKILINK = re.compile(r"\[\[([^\]|#]{1,100})(?:[|#][^\]]{0,100})?\]\]")
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrontMatterError(ValueError):
    """Front matter that cannot be read, and the line of the note it is on."""

    def __init__(self, reason: str, line: int):
        super().__init__(reason)
        self.line = line


def read_folder(folder: Path) -> Found:
    """Every note under `folder`; hidden folders such as .obsidian and .trash are skipped."""
    for item in regular_files(folder, (".md", ".markdown")):
        yield item if isinstance(item, Problem) else read_note(item)


def read_note(path: Path) -> Entry | Problem:
    try:
        raw = read_text(path)
    except Unreadable as exc:
        return Problem(path, None, str(exc))
    try:
        meta, body, body_line = split_front_matter(raw)
    except FrontMatterError as exc:
        return Problem(path, exc.line, str(exc))
    when_ = moment_of(meta, path)
    if isinstance(when_, str):
        return Problem(path, 1, when_)
    day, moment = when_
    return Entry(
        day=day,
        moment=moment,
        title=title_of(meta, body, path),
        text=body.strip(),
        source=path,
        line=body_line if meta else 1,
        tags=(*scalars(meta.get("tags", meta.get("tag"))), *inline_tags(body)),
        mood=text_value(meta.get("mood")),
        location=text_value(meta.get("location")),
        weather=text_value(meta.get("weather")),
        starred=any(meta.get(k) is True or meta.get(k) in ("true", "yes") for k in STAR_KEYS),
    )


def split_front_matter(raw: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter with lower-cased keys, body, line the body starts on)."""
    if not raw.startswith("---"):
        return {}, raw, 1
    first_end = raw.find("\n")
    if first_end == -1 or raw[:first_end].strip() != "---":
        return {}, raw, 1
    limit = first_end + MAX_FRONT_MATTER
    for marker in ("\n---", "\n..."):
        position = first_end
        while (position := raw.find(marker, position, limit + len(marker))) != -1:
            line_end = raw.find("\n", position + 1)
            line_end = len(raw) if line_end == -1 else line_end
            if raw[position + 1 : line_end].strip() in ("---", "..."):
                meta = parse_yaml(raw[first_end + 1 : position + 1])
                return meta, raw[line_end + 1 :], raw.count("\n", 0, line_end) + 2
            position += 1
    if len(raw) > limit:
        raise FrontMatterError(f"front matter longer than {MAX_FRONT_MATTER // 1024} KiB", 1)
    raise FrontMatterError("front matter opened with '---' is never closed", 1)


def parse_yaml(text: str) -> dict[str, Any]:
    simple = simple_yaml(text)
    if simple is not None:
        return simple
    if _flow_depth(text) > MAX_NESTING:  # libyaml recurses in C on nesting: deep enough, it crashes
        raise FrontMatterError("front matter is nested too deeply", 2)
    try:
        meta = yaml.load(text, Loader=_Loader) or {}  # a safe loader: no Python objects are built
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise FrontMatterError("front matter is not valid YAML", (mark.line + 2) if mark else 1) from None
    except (RecursionError, ValueError, OverflowError, TypeError):  # deep nesting, year 0, 10**9999
        raise FrontMatterError("front matter is not valid YAML (nested too deeply or out of range)", 2) from None
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter is not a mapping of keys to values", 2)
    return {k.strip().lower(): v for k, v in meta.items() if isinstance(k, str)}


_SIMPLE_LINE = re.compile(r"([A-Za-z][\w-]{0,30}):(?:[ \t]+(.*))?")  # greedy: no backtracking over spaces
_PLAIN_WORDS = re.compile(r"[A-Za-z][A-Za-z' -]{0,200}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SEXAGESIMAL = re.compile(r"[1-9][0-9]?:[0-5]?[0-9]")
_ZERO_CLOCK = re.compile(r"0[0-9]:[0-5][0-9]")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "y", "n", "null"}  # YAML 1.1 reads these as bools/None


def simple_yaml(text: str) -> dict[str, Any] | None:
    """The front matter most notes have (``key: plain words``, ISO dates, HH:MM times, ``[a, b]``
    lists of plain words) read as PyYAML's safe loader would read it, five times faster; None for
    anything else, which then goes to the real YAML parser. tests/test_hostile_input.py checks
    the two agree."""
    meta: dict[str, Any] = {}
    for line in text.split("\n"):
        if not line.strip():
            continue
        found = _SIMPLE_LINE.fullmatch(line)
        if found is None:
            return None
        key, raw = found[1], (found[2] or "").rstrip(" \t")
        value = _simple_value(raw)
        if value is _NOT_SIMPLE or key in meta:
            return None
        meta[key.lower()] = value
    return meta


_NOT_SIMPLE = object()


def _simple_value(raw: str) -> Any:
    if not raw:
        return None
    if _ISO_DATE.fullmatch(raw):
        return when.make_date(int(raw[:4]), int(raw[5:7]), int(raw[8:])) or _NOT_SIMPLE
    if _SEXAGESIMAL.fullmatch(raw):
        hours, minutes = raw.split(":")
        return int(hours) * 60 + int(minutes)
    if _ZERO_CLOCK.fullmatch(raw):
        return raw
    if raw.startswith("[") and raw.endswith("]"):
        items = [item.strip() for item in raw[1:-1].split(",")]
        if all(_plain_word(item) for item in items) and items != [""]:
            return items
        return _NOT_SIMPLE
    return raw if _plain_word(raw) else _NOT_SIMPLE


def _plain_word(text: str) -> bool:
    return bool(_PLAIN_WORDS.fullmatch(text)) and text.lower() not in _YAML_WORDS and not text.endswith((" ", "-"))


def _flow_depth(text: str) -> int:
    """How deep [ and { nest (brackets inside quotes counted too: it only errs on the safe side)."""
    if "[" not in text and "{" not in text:
        return 0
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(0, depth - 1)
    return deepest


def moment_of(meta: dict[str, Any], path: Path) -> tuple[date, datetime | None] | str:
    """The note's day and moment, or why it has none."""
    unreadable = None
    for key in DATE_KEYS:
        value = meta.get(key)
        if value in (None, ""):
            continue
        parsed = _parse_when(value)
        if parsed is not None:
            day, moment = parsed
            return day, moment or _with_time(day, meta)
        unreadable = key
        break
    named = when.date_in_name(path.stem)
    if named is not None:
        return named, _with_time(named, meta)
    if unreadable:
        return f"front matter '{unreadable}' is not a date (expected YYYY-MM-DD) and the file name holds none"
    return "no date: neither a front matter date nor a YYYY-MM-DD file name"


def _parse_when(value: Any) -> tuple[date, datetime | None] | None:
    if isinstance(value, datetime):
        return value.date(), value
    if isinstance(value, date):
        return value, None
    if not isinstance(value, str):
        return None
    text = value.strip()
    link = _WIKILINK.fullmatch(text)
    if link:
        text = link.group(1).strip()
    if len(text) == 10:
        day = when.date_in_name(text)
        return (day, None) if day is not None and text[4] in "-_." else None
    moment = when.iso_moment(text)
    return (moment.date(), moment) if moment is not None else None


def _with_time(day: date, meta: dict[str, Any]) -> datetime | None:
    for key in TIME_KEYS:
        value = meta.get(key)
        if isinstance(value, bool):
            continue
        if isinstance(value, int) and 0 <= value < 24 * 60:  # YAML 1.1 reads 08:15 as 495 minutes
            return datetime.combine(day, time(value // 60, value % 60))
        if isinstance(value, time):
            return datetime.combine(day, value)
        if isinstance(value, str):
            clock = when.clock(value)
            return datetime.combine(day, clock) if clock else None
    return None


def title_of(meta: dict[str, Any], body: str, path: Path) -> str:
    title = meta.get("title")
    if isinstance(title, str | int | float) and not isinstance(title, bool) and str(title).strip():
        return str(title)
    for line in body.split("\n", 200)[:200]:  # the first heading, read without a regular expression
        stripped = line.lstrip()
        if stripped.startswith("#"):
            level = len(stripped) - len(stripped.lstrip("#"))
            text = stripped[level:]
            if 1 <= level <= 6 and text[:1] in (" ", "\t") and text.strip(" \t#"):
                return text.strip().rstrip("#").strip()
    return path.stem


def scalars(value: Any) -> list[str]:
    """Tags from a front-matter value: a list of scalars, or one string split on commas and spaces."""
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, str):
        return [t for t in re.split(r"[,\s]+", value[:2000]) if t]
    if isinstance(value, SCALARS):
        return [str(value)]
    if isinstance(value, list):
        return [str(v) for v in value[:200] if isinstance(v, SCALARS) and not isinstance(v, bool)]
    return []


def inline_tags(body: str) -> list[str]:
    """#tags in the prose: not in fenced code, not in inline code, not headings."""
    if "#" not in body:
        return []
    if "`" not in body and "~~~" not in body:
        return _INLINE_TAG.findall(body)
    tags: list[str] = []
    fenced = False
    for line in body.split("\n"):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced or "#" not in line:
            continue
        if "`" in line:
            line = re.sub(r"`[^`]*`", " ", line)
        tags += _INLINE_TAG.findall(line)
    return tags


def text_value(value: Any) -> str | None:
    """A scalar front-matter value as text; a mapping gives its name; anything else nothing."""
    if isinstance(value, dict):
        value = next((value[k] for k in ("name", "place", "city", "description") if k in value), None)
    if isinstance(value, bool) or not isinstance(value, SCALARS):
        return None
    return str(value).strip() or None
