"""The whole way through: journal path -> entries -> statistics -> storyboard -> MP4 (or PNGs).

The CLI and the MCP server both call this module; neither holds pipeline logic.
Progress is counted in steps: one for reading, one per frame, one for finishing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wrapped import output
from wrapped.audio.track import check_music, soundtrack
from wrapped.entries import Journal, Problem
from wrapped.errors import RenderCancelled
from wrapped.journal import read_journal
from wrapped.quotes import pick_quotes
from wrapped.render import RenderedVideo, RenderProgress, render_video
from wrapped.settings import DEFAULT_MUSIC, RenderSettings
from wrapped.stats import YearStats, compute_stats
from wrapped.video import preview, share
from wrapped.video.storyboard import Storyboard, make_storyboard


@dataclass(frozen=True)
class Progress:
    done: int
    total: int | None  # None until the journal has been read
    message: str


@dataclass(frozen=True)
class Video:
    rendered: RenderedVideo
    storyboard: Storyboard
    problems: tuple[Problem, ...]  # files or entries the reader skipped

    @property
    def stats(self) -> YearStats:
        return self.storyboard.stats


def year_stats(journal: Journal, year: int | None = None) -> YearStats:
    """The statistics of one year of the journal (the latest year with entries when None)."""
    entries = journal.entries_in(year)
    return compute_stats(entries, entries[0].year)


def plan(journal: Journal, year: int | None, fps: int, *, quotes: bool = False) -> Storyboard:
    """The storyboard of a year; with `quotes`, a scene of up to three short excerpts is added."""
    stats = year_stats(journal, year)
    chosen = pick_quotes(journal.entries_in(stats.year), stats.year) if quotes else ()
    return make_storyboard(stats, fps, chosen)


def make_video(
    journal_path: str | Path,
    out: str | Path,
    settings: RenderSettings,
    *,
    year: int | None = None,
    cancel: threading.Event | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    music: str = DEFAULT_MUSIC,
    quotes: bool = False,
) -> Video:
    """Render a journal's year to `out` ("{year}" in it becomes the year rendered).

    `music` is "generated" (composed from the year), "none", or the path of an audio file.
    Setting `cancel` stops the render within a batch of frames and leaves nothing on disk
    (RenderCancelled is raised); `on_progress` is called from the rendering thread.
    """
    cancel = cancel or threading.Event()
    report = on_progress or (lambda _p: None)
    output.check_video_target(Path(out))  # before any work: a bad --out is one line at once
    check_music(music, cancel)  # and a music file that is missing or holds no audio
    report(Progress(0, None, "Reading the journal"))
    journal = read_journal(journal_path, cancel)
    storyboard = plan(journal, year, settings.fps, quotes=quotes)
    if cancel.is_set():
        raise RenderCancelled("render cancelled")
    stats = storyboard.stats
    total = storyboard.total_frames + 2
    doing = {"none": "", "generated": "; composing the soundtrack"}.get(music, "; fitting your music")
    report(Progress(1, total, f"Read {stats.entries} entries of {stats.year}{doing}"))  # progress only rises
    sound = soundtrack(storyboard.timeline, stats, music, cancel)

    def frames_done(p: RenderProgress) -> None:
        if p.frames_done < p.frames_total:
            message = f"Drawing {p.scene}, frame {p.frames_done} of {p.frames_total}"
        else:
            message = "Finishing the video"
        report(Progress(1 + p.frames_done, total, message))

    target = output.for_year(out, stats.year)
    rendered = render_video(storyboard, target, settings, cancel=cancel, on_progress=frames_done, audio=sound)
    report(Progress(total, total, f"Done: {rendered.path.name}"))
    return Video(rendered=rendered, storyboard=storyboard, problems=journal.problems)


@dataclass(frozen=True)
class ShareImages:
    story: Path  # 1080x1920, the year on one phone screen
    card: Path  # 1200x630, a link-preview card


def make_share_images(
    journal: Journal,
    out_dir: str | Path,
    *,
    year: int | None = None,
    token: str | None = None,
    cancel: threading.Event | None = None,
) -> ShareImages:
    """Write wrapped-YEAR-story.png and wrapped-YEAR-card.png into `out_dir`, both or neither;
    with `token`, the names carry it (wrapped-YEAR-story-TOKEN.png), as the server's do.

    Both images are drawn to hidden temporary files first, then moved into place together
    (output.commit_together): a stop or a failure at any moment leaves either the earlier pair
    untouched or the new pair complete. Setting `cancel` before the move raises RenderCancelled."""
    cancel = cancel or threading.Event()
    stats = year_stats(journal, year)
    story_path, card_path = output.share_paths(Path(out_dir), stats.year, token)
    for path in (story_path, card_path):
        output.check_target(path)
    made = output.make_parents(story_path)
    pairs: list[tuple[Path, Path]] = []
    try:
        for path, draw in ((story_path, share.story_image), (card_path, share.card_image)):
            if cancel.is_set():
                raise RenderCancelled("cancelled")
            temp = output.temp_path(path)
            pairs.append((temp, path))
            draw(stats).save(temp, format="PNG", optimize=True)
        if cancel.is_set():
            raise RenderCancelled("cancelled")
        output.commit_together(pairs)
    except output.StoppedAfterWriting:
        raise  # both are in place: nothing to undo
    except BaseException:
        for temp, _path in pairs:
            output.discard(temp)
        output.remove_folders(made)
        raise
    return ShareImages(story_path, card_path)


def poster_png(video: Video, width: int = 384) -> bytes:
    """A small PNG of the video's totals card, to show beside the finished video."""
    return preview.poster_png(video.storyboard, width)


def make_preview(
    journal: Journal, out: str | Path, settings: RenderSettings, *, year: int | None = None, quotes: bool = False
) -> Path:
    """A PNG contact sheet with one key frame per scene ("{year}" in `out` becomes the year)."""
    storyboard = plan(journal, year, settings.fps, quotes=quotes)
    return preview.contact_sheet(storyboard, settings, output.for_year(out, storyboard.stats.year))
