"""Apple Journal (iOS 17.2+): the HTML export, ``AppleJournalEntries/Entries/*.html``.

What this reader rests on (no public sample export was found; the layout is what the public
converters parse, e.g. peterdev22/applejournal-to-md and kpod13/journal2day1): each entry is one
page; its date is only in the page header, ``<div class="pageHeader">Thursday 19 September 2024
</div>`` (with or without the comma, day before or after the month, as the phone's region
writes it); the title is in ``<div class="title">``; the text is in ``<p class="p2">`` paragraphs
or a ``bodyText`` div; file names start with the date (``2024-09-19_Title.html``), which is used
when the header cannot be read. The export carries no time of day, mood or tags.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from wrapped.entries import Entry, Problem
from wrapped.journal import markup, when
from wrapped.journal.source import Found, Unreadable, decode, read_text, regular_files, zip_files

_DATE = re.compile(
    r"(?:[^\W\d_]+,?\s+)?(?:([0-9]{1,2})\.?\s+([^\W\d_]+)\.?|([^\W\d_]+)\.?\s+([0-9]{1,2})),?\s+([0-9]{4})"
)


def entries_folder(folder: Path) -> Path | None:
    for candidate in (folder / "Entries", folder):
        if candidate.is_dir() and candidate.name == "Entries" and any(candidate.glob("*.html")):
            return candidate
    return None


def read_folder(folder: Path) -> Found:
    for item in regular_files(entries_folder(folder) or folder, (".html", ".htm")):
        yield item if isinstance(item, Problem) else from_file(item)


def read_file(path: Path) -> Found:
    yield from_file(path)


def from_file(path: Path) -> Entry | Problem:
    try:
        return read_page(path, read_text(path))
    except Unreadable as exc:
        return Problem(path, None, str(exc))


def read_zip(path: Path) -> Found:
    for item in zip_files(path, (".html", ".htm"), keep=in_entries):
        if isinstance(item, Problem):
            yield item
            continue
        inner, raw = item
        try:
            yield read_page(inner, decode(raw))
        except Unreadable as exc:
            yield Problem(inner, None, str(exc))


def in_entries(name: str) -> bool:
    """Whether a zip member is an entry page: a file directly inside an Entries/ folder."""
    parts = name.split("/")
    return len(parts) >= 2 and parts[-2] == "Entries"


def read_page(path: Path, page: str) -> Entry | Problem:
    header = markup.element_text(page, "pageHeader")
    day = header_date(header) if header else None
    day = day or when.date_in_name(path.name)
    if day is None:
        return Problem(path, None, "no date: the page header holds none (expected e.g. 'Thursday 19 September 2024')")
    title = markup.element_text(page, "title") or ""
    body = page
    for cls in ("pageHeader", "title", "reflectionPrompt"):  # what remains is what the person wrote
        body = _without(body, cls)
    text = markup.to_text(body)
    return Entry(day=day, moment=None, title=title or text.split("\n", 1)[0][:120], text=f"{title}\n{text}".strip(),
                 source=path)  # fmt: skip


def header_date(header: str) -> date | None:
    found = _DATE.fullmatch(header.strip()) if len(header) <= 80 else None
    if not found:
        return None
    day, month = (found[1], found[2]) if found[1] else (found[4], found[3])
    number = when.month_number(month)
    return when.make_date(int(found[5]), number, int(day)) if number else None


def _without(page: str, class_name: str) -> str:
    lower = page.lower()
    at = lower.find(class_name.lower())
    if at == -1:
        return page
    start = lower.rfind("<", 0, at)
    end = lower.find("</div", at)
    close = lower.find(">", end) if end != -1 else -1
    if start == -1 or close == -1:
        return page
    return page[:start] + page[close + 1 :]
