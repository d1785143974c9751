"""Reading a journal file's bytes: the one place readers open files."""

from __future__ import annotations

import json
from pathlib import Path

from wrapped.errors import JournalError


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JournalError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise JournalError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def parse_json(path: Path, text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise JournalError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
