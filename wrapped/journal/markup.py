"""HTML as journal apps export it (Journey's entry text, Apple Journal's pages, Daylio's notes),
turned into plain text in linear time: no HTML parser that can backtrack, no regular
expression that can."""

from __future__ import annotations

import html
import re

from wrapped.journal.source import checkpoint

_BLOCK_END = re.compile(r"<(?:br\s*/?|/p|/div|/li|/h[1-6]|/blockquote|/tr)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{0,2000}>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<p" in head or "<div" in head or "<br" in head or "<span" in head or "<html" in head


def _drop_element(source: str, name: str) -> str:
    """`source` without any <name ...>...</name> element (script, style), by plain search."""
    lower = source.lower()
    parts, position = [], 0
    while (start := lower.find(f"<{name}", position)) != -1:
        parts.append(source[position:start])
        end = lower.find(f"</{name}", start)
        if end == -1:
            return "".join(parts)
        close = lower.find(">", end)
        position = len(source) if close == -1 else close + 1
    parts.append(source[position:])
    return "".join(parts)


def to_text(source: str) -> str:
    """Visible text: block ends become line breaks, entities are decoded, spaces folded."""
    if "<" not in source:
        return html.unescape(source).strip()
    text = _drop_element(_drop_element(source, "script"), "style")
    text = _TAG.sub("", _BLOCK_END.sub("\n", text))
    text = _SPACES.sub(" ", html.unescape(text))
    return _BLANK_LINES.sub("\n\n", text).strip()


def element_text(source: str, class_name: str, tag: str = "div") -> str | None:
    """The text of the first <tag class="... class_name ..."> element (up to its first closing tag).

    Linear in the page: each search starts where the last one ended (a page of the class name
    repeated without any ">" is read once, not once per repetition)."""
    lower = source.lower()
    needle = class_name.lower()
    position = 0
    close = -1  # the first ">" at or after the current match, found once and reused
    count = 0
    while (at := lower.find(needle, position)) != -1:
        count += 1
        if count % 4096 == 0:
            checkpoint()
        if close < at:
            close = lower.find(">", at)
            if close == -1:
                return None  # no tag ends after here: no element can
        opening = lower.rfind("<", max(0, at - 2000), at)  # bounded: no quadratic walk back
        if opening != -1 and lower.startswith(tag, opening + 1) and "class" in lower[opening:at]:
            end = lower.find(f"</{tag}", close)
            return to_text(source[close + 1 : len(source) if end == -1 else end])
        position = at + len(needle)
    return None
