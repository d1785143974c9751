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


def commit_pause_for_tests() -> float:
    """$WRAPPED_TEST_COMMIT_PAUSE: seconds to wait after each rename of a pair of share images, so
    a test can send a signal into a window of microseconds; 0 unless set to a number up to 10."""
    try:
        pause = float(os.environ.get("WRAPPED_TEST_COMMIT_PAUSE", "0"))
    except ValueError:
        return 0.0
    return pause if 0 < pause <= 10 else 0.0
