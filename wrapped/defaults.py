"""Defaults the shells take from the environment: the one place that reads it."""

from __future__ import annotations

import os
from pathlib import Path

from wrapped.assets import sample_journal


def default_journal() -> Path:
    """$WRAPPED_JOURNAL, else the bundled sample year."""
    return Path(os.environ.get("WRAPPED_JOURNAL") or sample_journal())


def default_out_dir() -> Path:
    """$WRAPPED_OUTPUT_DIR, else ./wrapped-videos, as an absolute path."""
    return Path(os.environ.get("WRAPPED_OUTPUT_DIR") or "wrapped-videos").expanduser().resolve()


DEFAULT_KEEP = 20


def default_keep() -> int:
    """$WRAPPED_KEEP, else 20: how many finished videos a server keeps (the oldest go first)."""
    value = os.environ.get("WRAPPED_KEEP", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_KEEP


def default_token() -> str | None:
    """$WRAPPED_TOKEN: the bearer token an HTTP server beyond loopback requires (None when unset)."""
    return os.environ.get("WRAPPED_TOKEN") or None
