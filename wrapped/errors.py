"""Every error wrapped raises on purpose.

    WrappedError                 base: the CLI prints its message as one line, the MCP
    │                            server turns it into a tool error the model can read
    ├── JournalError             the journal path holds no journal, or no entries at all
    │   └── NoEntriesForYear     the year asked for has no entries (names those that do)
    ├── SettingsError            a render setting is out of range (format, fps, quality)
    │   └── MusicError           the music file is missing or holds no audio ffmpeg can read
    ├── OutputError              the output path cannot take the file (a folder, a device...)
    ├── EncodeError              ffmpeg failed or exited non-zero while writing the video
    └── RenderCancelled          the render was cancelled; nothing was left on disk

Foreign exceptions are translated where they enter (``raise EncodeError(...) from exc``).
A single unreadable file or entry is not an error: readers skip it and record a
``Problem`` (see ``wrapped.entries``), so one bad line never stops a year's video.
"""

from __future__ import annotations


class WrappedError(Exception):
    """Base of every error wrapped raises on purpose."""


class JournalError(WrappedError):
    """The journal path is missing, unreadable, or holds no entries at all."""


class NoEntriesForYear(JournalError):
    """The year asked for has no entries; the message names the years that do."""

    def __init__(self, year: int, years_with_entries: dict[int, int]):
        self.year = year
        self.years_with_entries = dict(years_with_entries)
        found = ", ".join(str(y) for y in sorted(years_with_entries)) or "none"
        super().__init__(f"no entries in {year} (found {found})")


class SettingsError(WrappedError):
    """A render setting is out of range."""


class MusicError(SettingsError):
    """The music file asked for is missing, not a file, or holds no audio ffmpeg can read."""


class OutputError(WrappedError):
    """The output path cannot take the file: it is a folder, a device, a FIFO or a symlink."""


class EncodeError(WrappedError):
    """ffmpeg failed while writing the video."""


class RenderCancelled(WrappedError):
    """The render was cancelled; every partial file has been deleted."""
