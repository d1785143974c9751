"""wrapped: turn a year of journal entries into a year-in-review video.

import wrapped

journal = wrapped.read_journal("~/notes")
print(wrapped.year_stats(journal, 2025).words)
video = wrapped.make_video("~/notes", "year.mp4", wrapped.RenderSettings.for_format("square"))
"""

from importlib.metadata import PackageNotFoundError, version

from wrapped.assets import sample_journal
from wrapped.entries import Entry, Journal, Problem
from wrapped.errors import (
    EncodeError,
    JournalError,
    MusicError,
    NoEntriesForYear,
    OutputError,
    RenderCancelled,
    SettingsError,
    WrappedError,
)
from wrapped.journal import read_journal
from wrapped.personality import Personality, personality_of
from wrapped.pipeline import Progress, ShareImages, Video, make_preview, make_share_images, make_video, year_stats
from wrapped.settings import RenderSettings
from wrapped.stats import YearStats

try:
    __version__ = version("journal-wrapped")  # the distribution's name on PyPI (pyproject.toml)
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "EncodeError",
    "Entry",
    "Journal",
    "JournalError",
    "MusicError",
    "NoEntriesForYear",
    "OutputError",
    "Personality",
    "Problem",
    "Progress",
    "RenderCancelled",
    "RenderSettings",
    "SettingsError",
    "ShareImages",
    "Video",
    "WrappedError",
    "YearStats",
    "__version__",
    "make_preview",
    "make_share_images",
    "make_video",
    "personality_of",
    "read_journal",
    "sample_journal",
    "year_stats",
]
