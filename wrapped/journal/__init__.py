"""Reading journals: whatever a path holds becomes one list of entries.

``read_journal(path)`` picks the reader from what the path holds:
- a folder            Markdown notes (Obsidian daily-notes style)
- ``*.md``            a single Markdown note
- ``*.json``          a jrnl JSON export or a Day One JSON export (told apart by content)
- ``*.zip``           a Day One export (every ``*.json`` journal inside)
- anything else       jrnl's plain-text journal

Unreadable files and undatable entries are skipped and listed in ``Journal.problems``.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from wrapped.entries import Entry, Problem
from wrapped.errors import JournalError, NoEntriesForYear
from wrapped.journal import dayone, jrnl, markdown

__all__ = ["Journal", "default_journal", "read_journal"]

SAMPLE = Path(__file__).resolve().parent.parent.parent / "journals" / "sample"


def default_journal() -> Path:
    """$WRAPPED_JOURNAL, else the bundled sample year."""
    return Path(os.environ.get("WRAPPED_JOURNAL") or SAMPLE)


@dataclass(frozen=True)
class Journal:
    path: Path
    kind: str
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]

    def years(self) -> dict[int, int]:
        """Entry count per year, oldest first."""
        return dict(sorted(Counter(e.year for e in self.entries).items()))

    def latest_year(self) -> int:
        return max(self.years())

    def entries_in(self, year: int | None = None) -> tuple[Entry, ...]:
        """The year's entries in time order (the latest year when None)."""
        year = self.latest_year() if year is None else year
        chosen = tuple(e for e in self.entries if e.year == year)
        if not chosen:
            raise NoEntriesForYear(year, self.years())
        return chosen


def read_journal(path: str | Path) -> Journal:
    path = Path(path).expanduser()
    if not path.exists():
        raise JournalError(f"{path}: no such file or folder")
    if path.is_dir():
        kind = "markdown folder"
        entries, problems = markdown.read_notes(path)
    elif path.suffix.lower() == ".md":
        kind = "markdown note"
        entries, problems = _one_note(path)
    elif path.suffix.lower() == ".zip":
        kind = "Day One zip"
        entries, problems = _dayone_zip(path)
    else:
        kind, entries, problems = _one_file(path)
    if not entries:
        detail = f" ({len(problems)} skipped: first {problems[0]})" if problems else ""
        raise JournalError(f"{path}: no journal entries found{detail}")
    entries.sort(key=_order)
    return Journal(path=path, kind=kind, entries=tuple(entries), problems=tuple(problems))


def _order(entry: Entry) -> tuple:
    moment = entry.moment.replace(tzinfo=None) if entry.moment else None
    return (entry.day, moment is None, moment or 0, str(entry.source), entry.line or 0)


def _one_note(path: Path) -> tuple[list[Entry], list[Problem]]:
    result = markdown.read_note(path)
    return ([], [result]) if isinstance(result, Problem) else ([result], [])


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JournalError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise JournalError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _one_file(path: Path) -> tuple[str, list[Entry], list[Problem]]:
    text = _read_text(path)
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        data = _parse_json(path, text)
        if dayone.looks_like_dayone(data):
            return ("Day One JSON", *dayone.read_export(path, data))
        if jrnl.looks_like_jrnl_json(data):
            return ("jrnl JSON", *jrnl.read_json(path, data))
        raise JournalError(f"{path}: JSON, but neither a jrnl nor a Day One export (no 'entries' list)")
    if jrnl.looks_like_jrnl_text(text):
        return ("jrnl text", *jrnl.read_text(path, text))
    raise JournalError(f"{path}: not a journal wrapped can read (no '[YYYY-MM-DD HH:MM]' entries)")


def _parse_json(path: Path, text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise JournalError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None


def _dayone_zip(path: Path) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".json") and not n.startswith("__MACOSX")]
            if not names:
                raise JournalError(f"{path}: a zip with no Day One journal (.json) inside")
            for name in names:
                inner = Path(f"{path}!{name}")
                try:
                    data = json.loads(archive.read(name).decode("utf-8-sig"))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    problems.append(Problem(inner, getattr(exc, "lineno", None), "not a readable JSON journal"))
                    continue
                if not dayone.looks_like_dayone(data):
                    problems.append(Problem(inner, None, "not a Day One journal"))
                    continue
                found, skipped = dayone.read_export(inner, data)
                entries += found
                problems += skipped
    except zipfile.BadZipFile:
        raise JournalError(f"{path}: not a readable zip file") from None
    return entries, problems
