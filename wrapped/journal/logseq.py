"""Logseq graphs: journal pages in ``journals/YYYY_MM_DD.md``, written as an outline of blocks.

As Logseq writes them: every block is a ``- `` bullet (indented with tabs or spaces beneath
its parent); properties are ``key:: value`` lines, the page's own ones before its first block
(``tags:: work, running``, ``mood:: good``); tags are ``#tag``, ``#[[two words]]`` and page
references ``[[tag]]``. The file name gives the day (the default ``:journal/file-name-format``
is ``yyyy_MM_dd``). Pages outside ``journals/`` are not journal entries and are not read.
"""

from __future__ import annotations

import re
from pathlib import Path

from wrapped.entries import Entry, Problem
from wrapped.journal import when
from wrapped.journal.source import Found, Unreadable, checked, read_text, regular_files

_NAME = re.compile(r"\d{4}[_-]\d{2}[_-]\d{2}")
_PROPERTY = re.compile(r"([A-Za-z][\w-]{0,40}):: ?(.*)")
_TAG = re.compile(r"(?<![\w#])#(?:\[\[([^\]\n]{1,100})\]\]|([^\s#,.!?;:()\[\]\"']{1,80}))")
_REF = re.compile(r"\[\[([^\]\n]{1,100})\]\]")


def journals_folder(folder: Path) -> Path | None:
    """The journals/ folder of a graph (or the folder itself when it is one)."""
    for candidate in (folder / "journals", folder):
        if candidate.is_dir() and any(_NAME.fullmatch(p.stem) for p in candidate.glob("*.md")):
            if candidate is folder and folder.name != "journals" and not (folder / "logseq").is_dir():
                continue
            return candidate
    return None


def read_graph(folder: Path) -> Found:
    journals = journals_folder(folder) or folder
    for item in regular_files(journals, (".md",)):
        yield item if isinstance(item, Problem) else read_page(item)


def read_page(path: Path) -> Entry | Problem:
    day = when.date_in_name(path.stem) if _NAME.fullmatch(path.stem) else None
    if day is None:
        return Problem(path, None, "not a journal page (expected a YYYY_MM_DD.md file name)")
    try:
        raw = read_text(path)
    except Unreadable as exc:
        return Problem(path, None, str(exc))
    properties: dict[str, str] = {}
    blocks: list[str] = []
    for line in checked(raw.split("\n")):
        stripped = line.strip()
        bullet = stripped[2:] if stripped.startswith("- ") or stripped == "-" else None
        content = bullet if bullet is not None else stripped
        found = _PROPERTY.fullmatch(content)
        if found:  # a property: the page's own before its first block, else a block's (not words)
            if not blocks:
                properties.setdefault(found[1].lower(), found[2].strip())
            continue
        if content:
            blocks.append(content)
    text = "\n".join(blocks)
    tags = [t.strip() for t in re.split(r",", properties.get("tags", "")) if t.strip()]
    tags = [_REF.sub(r"\1", t).lstrip("#") for t in tags]
    tags += [a or b for a, b in _TAG.findall(text)] + _REF.findall(text)
    title = properties.get("title") or (blocks[0] if blocks else day.isoformat())
    return Entry(
        day=day,
        moment=None,
        title=_plain(title)[:120],
        text=_REF.sub(r"\1", text),
        source=path,
        tags=tuple(tags),
        mood=properties.get("mood") or None,
        location=properties.get("location") or None,
    )


def _plain(text: str) -> str:
    """Text with Logseq's markup for tags and references taken away, their words kept."""
    return _REF.sub(r"\1", _TAG.sub(lambda m: m[1] or m[2], text))
