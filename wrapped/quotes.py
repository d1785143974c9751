"""Quotes: up to three short excerpts of the year's entries, only when the person asks.

Starred entries come first, then the longest; each quote is the opening of its entry cut at a
word (or sentence) boundary to at most 140 characters. Nothing else in the video shows text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from wrapped.entries import Entry

MAX_QUOTES = 3
MAX_CHARS = 140
_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"[#*_`>\[\]]+")


@dataclass(frozen=True)
class Quote:
    text: str
    day: date


def excerpt(text: str, limit: int = MAX_CHARS) -> str:
    """The opening of `text` on one line, at most `limit` characters, ending at a sentence or word
    (a leading Markdown heading is the entry's title, not its text, and is left out)."""
    lines = text.strip().splitlines()
    while lines and (lines[0].lstrip().startswith("#") or not lines[0].strip()):
        lines.pop(0)
    flat = _SPACE.sub(" ", _MARKUP.sub("", "\n".join(lines) or text)).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    sentence = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if sentence >= limit // 2:
        return cut[: sentence + 1]
    word = cut.rfind(" ")
    return (cut[:word] if word > 0 else cut).rstrip(" ,;:-") + "…"


def pick_quotes(entries: Iterable[Entry], year: int) -> tuple[Quote, ...]:
    """Up to three quotes from the year: starred entries first, then the longest, one per day."""
    chosen = [e for e in entries if e.year == year and e.excerpt.strip()]
    chosen.sort(key=lambda e: (not e.starred, -e.words, e.day))
    quotes: list[Quote] = []
    days: set[date] = set()
    for entry in chosen:
        text = excerpt(entry.excerpt)
        if len(text) >= 12 and entry.day not in days:
            quotes.append(Quote(text, entry.day))
            days.add(entry.day)
        if len(quotes) == MAX_QUOTES:
            break
    return tuple(sorted(quotes, key=lambda q: q.day))
