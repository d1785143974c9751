"""Reading journals: whatever a path holds becomes one ``Journal`` of entries.

``read_journal(path)`` picks the reader from what the path holds:
- a folder            Markdown notes (Obsidian daily-notes style)
- ``*.md``            a single Markdown note
- ``*.json``          a jrnl JSON export or a Day One JSON export (told apart by content)
- ``*.zip``           a Day One export (every ``*.json`` journal inside)
- anything else       jrnl's plain-text journal

Unreadable files and undatable entries are skipped and listed in ``Journal.problems``.
"""

from __future__ import annotations

from pathlib import Path

from wrapped.entries import Entry, Journal, Problem
from wrapped.errors import JournalError
from wrapped.journal import dayone, jrnl, markdown
from wrapped.journal.source import parse_json, read_text

__all__ = ["Journal", "read_journal"]


def read_journal(path: str | Path) -> Journal:
    path = Path(path).expanduser()
    if not path.exists():
        raise JournalError(f"{path}: no such file or folder")
    if path.is_dir():
        kind = "markdown folder"
        entries, problems = markdown.read_notes(path)
    elif path.suffix.lower() == ".md":
        kind = "markdown note"
        entries, problems = markdown.read_one(path)
    elif path.suffix.lower() == ".zip":
        kind = "Day One zip"
        entries, problems = dayone.read_zip(path)
    else:
        kind, entries, problems = _one_file(path)
    if not entries:
        detail = f" ({len(problems)} skipped: first {problems[0]})" if problems else ""
        raise JournalError(f"{path}: no journal entries found{detail}")
    entries.sort(key=_order)
    return Journal(path=path, kind=kind, entries=tuple(entries), problems=tuple(problems))


def _order(entry: Entry) -> tuple[object, ...]:
    moment = entry.moment.replace(tzinfo=None) if entry.moment else None
    return (entry.day, moment is None, moment or 0, str(entry.source), entry.line or 0)


def _one_file(path: Path) -> tuple[str, list[Entry], list[Problem]]:
    text = read_text(path)
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        data = parse_json(path, text)
        if dayone.looks_like_dayone(data):
            return ("Day One JSON", *dayone.read_export(path, data))
        if jrnl.looks_like_jrnl_json(data):
            return ("jrnl JSON", *jrnl.read_json(path, data))
        raise JournalError(f"{path}: JSON, but neither a jrnl nor a Day One export (no 'entries' list)")
    if jrnl.looks_like_jrnl_text(text):
        return ("jrnl text", *jrnl.read_text(path, text))
    raise JournalError(f"{path}: not a journal wrapped can read (no '[YYYY-MM-DD HH:MM]' entries)")
