"""The whole way through: journal path -> entries -> statistics -> storyboard -> MP4.

The CLI and the MCP server both call ``make_video``; neither holds pipeline logic.
Progress is counted in steps: one for reading, one per frame, one for finishing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from wrapped.entries import Problem
from wrapped.errors import RenderCancelled
from wrapped.journal import Journal, read_journal
from wrapped.render import RenderedVideo, RenderProgress, render_video
from wrapped.settings import RenderSettings
from wrapped.stats import YearStats, compute_stats
from wrapped.storyboard import Storyboard, make_storyboard


@dataclass(frozen=True)
class Progress:
    done: int
    total: int | None  # None until the journal has been read
    message: str


@dataclass(frozen=True)
class Video:
    rendered: RenderedVideo
    stats: YearStats
    problems: tuple[Problem, ...]  # files or entries the reader skipped


def year_stats(journal: Journal, year: int | None = None) -> YearStats:
    entries = journal.entries_in(year)
    return compute_stats(entries, entries[0].year)


def plan(journal: Journal, year: int | None, fps: int) -> Storyboard:
    return make_storyboard(year_stats(journal, year), fps)


def make_video(
    journal_path: str | Path,
    out: str | Path,
    settings: RenderSettings,
    *,
    year: int | None = None,
    cancel: threading.Event | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> Video:
    """Render a journal's year to `out` ("{year}" in it becomes the year rendered)."""
    cancel = cancel or threading.Event()
    report = on_progress or (lambda _p: None)
    report(Progress(0, None, "Reading the journal"))
    journal = read_journal(journal_path)
    storyboard = plan(journal, year, settings.fps)
    if cancel.is_set():
        raise RenderCancelled("render cancelled")
    stats = storyboard.stats
    total = storyboard.total_frames + 2
    report(Progress(1, total, f"Read {stats.entries} entries of {stats.year}"))

    def frames_done(p: RenderProgress) -> None:
        if p.frames_done < p.frames_total:
            message = f"Drawing {p.scene}, frame {p.frames_done} of {p.frames_total}"
        else:
            message = "Finishing the video"
        report(Progress(1 + p.frames_done, total, message))

    out = Path(str(out).replace("{year}", str(stats.year)))
    rendered = render_video(storyboard, out, settings, cancel=cancel, on_progress=frames_done)
    report(Progress(total, total, f"Done: {rendered.path.name}"))
    return Video(rendered=rendered, stats=stats, problems=journal.problems)
