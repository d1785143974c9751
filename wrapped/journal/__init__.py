"""Reading journals: whatever a path holds becomes one ``Journal`` of entries.

``read_journal(path)`` picks the reader from what the path holds (``FORMATS`` lists them);
each reader yields entries and Problems (a skipped file or entry, with its line). Reading checks
``cancel`` between files and between entries, so a long read stops at once.
"""

from __future__ import annotations

import json
import os
import stat
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

from wrapped.entries import Entry, Journal, Problem
from wrapped.errors import JournalError, RenderCancelled
from wrapped.journal import (
    apple_journal,
    daylio,
    dayone,
    dayone_classic,
    journey,
    jrnl,
    logseq,
    markdown,
    org_journal,
)
from wrapped.journal.source import (
    MAX_FILE_BYTES,
    Found,
    Unreadable,
    ZipBudget,
    decode,
    open_binary,
    read_bytes,
    shown,
    zip_members,
)

__all__ = ["FORMATS", "Journal", "read_journal"]

FORMATS = (
    "Markdown / Obsidian notes (a folder of .md)",
    "jrnl (a text file, a YYYY/MM/DD.txt folder, or its JSON export)",
    "Day One (JSON export or its .zip)",
    "Day One Classic (a Journal.dayone folder of .doentry files)",
    "Logseq (a graph folder with journals/YYYY_MM_DD.md)",
    "Daylio (its CSV export)",
    "Journey (a folder of entry .json files, or its export .zip)",
    "Apple Journal (the HTML export folder or .zip, Entries/*.html)",
    "org-journal (a folder of YYYYMMDD or YYYY-MM-DD.org day files)",
)
READS = "wrapped reads: " + "; ".join(FORMATS)

Reader = Callable[[Path], Found]


def read_journal(path: str | Path, cancel: threading.Event | None = None) -> Journal:
    """Read every entry the path holds; raises JournalError when it holds none (naming why)."""
    path = Path(path).expanduser()
    kind, read = choose_reader(path)
    entries: list[Entry] = []
    problems: list[Problem] = []
    for item in read(path):
        if cancel is not None and cancel.is_set():
            raise RenderCancelled("cancelled while reading the journal")
        if isinstance(item, Entry):
            entries.append(item)
        else:
            problems.append(item)
    if not entries:
        detail = f" ({len(problems)} skipped: first {problems[0]})" if problems else ""
        raise JournalError(f"{shown(path)}: no journal entries found in this {kind}{detail}")
    entries.sort(key=_order)
    return Journal(path=path, kind=kind, entries=tuple(entries), problems=tuple(problems))


def _order(entry: Entry) -> tuple[object, ...]:
    moment = entry.moment.replace(tzinfo=None) if entry.moment else None
    return (entry.day, moment is None, moment or 0, str(entry.source), entry.line or 0)


def choose_reader(path: Path) -> tuple[str, Reader]:
    """The format's name and its reader, chosen from what the path holds."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise JournalError(f"{shown(path)}: no such file or folder") from None
    except OSError as exc:
        raise JournalError(f"{shown(path)}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    if stat.S_ISDIR(mode):
        return _folder_reader(path)
    if not stat.S_ISREG(mode):
        raise JournalError(f"{shown(path)}: not a file or a folder (a FIFO, socket or device); nothing was read")
    return _file_reader(path)


def _folder_reader(folder: Path) -> tuple[str, Reader]:
    if dayone_classic.is_package(folder):
        return "Day One Classic journal", dayone_classic.read_package
    if apple_journal.entries_folder(folder):
        return "Apple Journal export", apple_journal.read_folder
    if logseq.journals_folder(folder):
        return "Logseq graph", logseq.read_graph
    if jrnl.is_folder_journal(folder):
        return "jrnl folder journal", jrnl.read_folder
    if org_journal.has_day_files(folder) and not any(folder.glob("*.md")):
        return "org-journal folder", org_journal.read_folder
    if journey.folder_has_entries(folder):
        return "Journey export", journey.read_folder
    return "Markdown folder", markdown.read_folder


def _file_reader(path: Path) -> tuple[str, Reader]:
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _zip_reader(path)
    if suffix == ".md":
        return "Markdown note", lambda p: iter([markdown.read_note(p)])
    if suffix == ".doentry":
        return "Day One Classic entry", lambda p: iter([dayone_classic.read_entry(p)])
    if suffix == ".org" or org_journal.is_day_file(path.name):
        return "org-journal day file", org_journal.read_file
    head = _head(path)
    if suffix == ".csv" or daylio.is_daylio(head):
        return "Daylio CSV", daylio.read_csv
    if suffix in (".html", ".htm"):
        return "Apple Journal page", apple_journal.read_file
    if suffix == ".json" or head.lstrip().startswith("{"):
        return _json_reader(path)
    if head.lstrip().startswith("<?xml") and "plist" in head[:500]:
        return "Day One Classic entry", lambda p: iter([dayone_classic.read_entry(p)])
    if jrnl.looks_like_text(head):
        return "jrnl journal", jrnl.read_file
    raise JournalError(f"{shown(path)}: {_looks_like(head)}, not a journal wrapped can read. {READS}")


def _head(path: Path) -> str:
    try:
        with open_binary(path) as stream:
            data = stream.read(64 * 1024)
    except Unreadable as exc:
        raise JournalError(f"{shown(path)}: {exc}") from None
    return data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")


def _looks_like(head: str) -> str:
    text = head.lstrip()
    if not text:
        return "an empty file"
    if "\ufffd" in head[:1000] or "\x00" in head[:1000]:
        return "a binary file (not UTF-8 text)"
    if text.startswith("<"):
        return "an XML or HTML file"
    lines = text.split("\n", 2)
    if len(lines) > 1 and lines[0].count(",") >= 2 and lines[0].count(",") == lines[1].count(","):
        return "a CSV file without Daylio's columns"
    return "plain text without jrnl's '[YYYY-MM-DD HH:MM] Title' entry lines"


def _json_reader(path: Path) -> tuple[str, Reader]:
    try:
        data = json.loads(decode(read_bytes(path, MAX_FILE_BYTES)))
    except Unreadable as exc:
        raise JournalError(f"{shown(path)}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise JournalError(f"{shown(path)}:{exc.lineno}: not valid JSON") from None
    except (ValueError, RecursionError):
        raise JournalError(f"{shown(path)}: not readable JSON (nested too deeply or out of range)") from None
    if dayone.looks_like_dayone(data):
        return "Day One JSON export", lambda p: dayone.read_export(p, data)
    if jrnl.looks_like_json(data):
        return "jrnl JSON export", lambda p: jrnl.read_json(p, data)
    if journey.looks_like_entry(data):
        return "Journey entry", lambda p: iter([journey.read_entry(p, data)])
    raise JournalError(
        f"{shown(path)}: JSON without journal entries (no 'entries' list with dates, no 'date_journal'). {READS}"
    )


def _zip_reader(path: Path) -> tuple[str, Reader]:
    try:
        with open_binary(path) as stream, zipfile.ZipFile(stream) as archive:
            if any(apple_journal.in_entries(i.filename) for i in zip_members(archive, (".html", ".htm"))):
                return "Apple Journal export", apple_journal.read_zip
            jsons = zip_members(archive, (".json",))
            first = _json_member(archive, jsons[0]) if jsons else None
    except Unreadable as exc:
        raise JournalError(f"{shown(path)}: {exc}") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise JournalError(f"{shown(path)}: not a readable zip file") from None
    if journey.looks_like_entry(first):
        return "Journey export", journey.read_zip
    if jsons:
        return "Day One export", dayone.read_zip
    raise JournalError(f"{shown(path)}: a zip with no journal inside (no .json, no Entries/*.html). {READS}")


def _json_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> object:
    """The first JSON member, parsed if it is small (a Journey entry is; a Day One journal may not be)."""
    if info.file_size > 4 * 1024 * 1024:
        return None
    try:
        return json.loads(ZipBudget().read(archive, info).decode("utf-8-sig"))
    except (Unreadable, ValueError, RecursionError, UnicodeDecodeError):
        return None
