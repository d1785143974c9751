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
from wrapped.errors import JournalError
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
    cancellable,
    checkpoint,
    decode,
    open_binary,
    read_bytes,
    shown,
    zip_members,
)

__all__ = ["FORMATS", "SEE_FORMATS", "Journal", "read_journal"]

FORMATS: tuple[tuple[str, str], ...] = (  # (format, what to give wrapped): `wrapped formats` prints them
    ("Markdown / Obsidian", "a folder of .md notes (the vault folder)"),
    ("jrnl", "the journal file, a YYYY/MM/DD.txt folder journal, or `jrnl --export json`"),
    ("Day One", "the JSON export, or its .zip"),
    ("Day One Classic", "the Journal.dayone folder (one .doentry per entry)"),
    ("Logseq", "the graph folder (journals/YYYY_MM_DD.md), or its journals/ folder"),
    ("Daylio", "the CSV export (any of its layouts, any language)"),
    ("Journey", "the folder of entry .json files, or the export .zip"),
    ("Apple Journal", "the AppleJournalEntries folder (Entries/*.html), or its .zip"),
    ("org-journal", "the org-journal-dir folder (daily, weekly, monthly or yearly files), or one file"),
)
SEE_FORMATS = "see `wrapped formats`"


Reader = Callable[[Path], Found]


def read_journal(path: str | Path, cancel: threading.Event | None = None) -> Journal:
    """Read every entry the path holds; raises JournalError when it holds none (naming why)."""
    path = Path(path).expanduser()
    kind, read = choose_reader(path)
    entries: list[Entry] = []
    problems: list[Problem] = []
    with cancellable(cancel):
        for item in read(path):
            checkpoint()
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
    raise JournalError(f"{shown(path)}: {_looks_like(head)}, not a journal wrapped reads; {SEE_FORMATS}")


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
        return "a CSV file without Daylio's columns (full_date or year and date, and mood)"
    return "plain text without jrnl's '[YYYY-MM-DD HH:MM] Title' entry lines"


def _json_reader(path: Path) -> tuple[str, Reader]:
    try:
        data = json.loads(decode(read_bytes(path, MAX_FILE_BYTES)))
    except Unreadable as exc:
        raise JournalError(f"{shown(path)}: {exc}") from None
    except json.JSONDecodeError as exc:
        if path.suffix.lower() != ".json":  # it only opened with "{" (a Logseq config.edn, say)
            raise JournalError(f"{shown(path)}: not a journal file; {SEE_FORMATS}") from None
        raise JournalError(f"{shown(path)}:{exc.lineno}: not valid JSON") from None
    except (ValueError, RecursionError):
        raise JournalError(f"{shown(path)}: not readable JSON (nested too deeply or out of range)") from None
    if dayone.looks_like_dayone(data):
        return "Day One JSON export", lambda p: dayone.read_export(p, data)
    if jrnl.looks_like_json(data):
        return "jrnl JSON export", lambda p: jrnl.read_json(p, data)
    if journey.looks_like_entry(data):
        return "Journey entry", lambda p: iter([journey.read_entry(p, data)])
    raise JournalError(f"{shown(path)}: {_json_looks_like(data)}; {SEE_FORMATS}")


def _json_looks_like(data: object) -> str:
    """What a JSON file that holds no entries is, said truly and briefly."""
    if isinstance(data, dict) and isinstance(data.get("entries"), list):
        if "metadata" in data or not data["entries"]:
            app = "a Day One export" if "metadata" in data or "tags" not in data else "a jrnl export"
            return f"{app} with no entries" if not data["entries"] else f"{app} whose entries have no dates"
        return "JSON whose entries are neither Day One's nor jrnl's (no creationDate, no date and title)"
    return "JSON without journal entries (no 'entries' list, no 'date_journal')"


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
    raise JournalError(f"{shown(path)}: a zip with no journal inside (no .json, no Entries/*.html); {SEE_FORMATS}")


def _json_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> object:
    """The first JSON member, parsed if it is small (a Journey entry is; a Day One journal may not be)."""
    if info.file_size > 4 * 1024 * 1024:
        return None
    try:
        return json.loads(ZipBudget().read(archive, info).decode("utf-8-sig"))
    except (Unreadable, ValueError, RecursionError, UnicodeDecodeError):
        return None
