"""The `wrapped` command line: a thin shell over the pipeline.

SIGINT (Ctrl-C), SIGTERM and SIGHUP all mean "stop": during a render the first one sets the
renderer's cancel Event, the same path an MCP cancel takes, and the render stops within a
batch of frames, kills ffmpeg and deletes its temporary file. A second signal interrupts at
once; the encoder's clean-up still runs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType

from wrapped import output
from wrapped.defaults import default_journal
from wrapped.entries import Problem
from wrapped.errors import RenderCancelled, SettingsError, WrappedError
from wrapped.settings import (
    DEFAULT_FORMAT,
    DEFAULT_FPS,
    DEFAULT_MUSIC,
    FORMAT_HELP,
    FORMATS,
    FPS_HELP,
    MUSIC_HELP,
    QUALITIES,
    QUALITY_HELP,
    QUOTES_HELP,
    RenderSettings,
)

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
CANCELLED = 130  # the shell's status for a command stopped by a signal


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="wrapped", description="Turn a year of journal entries into a year-in-review video."
    )
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command", required=True)

    def journal_args(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument(
            "journal",
            nargs="?",
            type=Path,
            help="journal folder or file (default: $WRAPPED_JOURNAL or the bundled sample)",
        )
        cmd.add_argument("--year", type=int, help="the year to show (default: the latest year with entries)")

    def look_args(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("--format", choices=FORMATS, default=DEFAULT_FORMAT, help=FORMAT_HELP)
        cmd.add_argument("--fps", type=int, default=DEFAULT_FPS, help=FPS_HELP)
        cmd.add_argument("--quotes", action="store_true", help=QUOTES_HELP)

    render = sub.add_parser("render", help="render the year's video")
    journal_args(render)
    look_args(render)
    render.add_argument("--quality", choices=QUALITIES, default="standard", help=QUALITY_HELP)
    render.add_argument(
        "--out", type=Path, default=Path(output.DEFAULT_VIDEO), help="output file (default: wrapped-YEAR.mp4)"
    )
    render.add_argument(
        "--music", default=DEFAULT_MUSIC, metavar="generated|none|PATH",
        help=f"{MUSIC_HELP}; or the path of your own track (any format ffmpeg reads)",
    )  # fmt: skip

    share = sub.add_parser("share", help="write the story (1080x1920) and link-card (1200x630) PNGs")
    journal_args(share)
    share.add_argument("--out-dir", type=Path, default=Path("."), help="folder for the two PNGs (default: here)")

    stats = sub.add_parser("stats", help="print the year's statistics")
    journal_args(stats)
    stats.add_argument("--json", action="store_true", help="print JSON")

    years = sub.add_parser("years", help="list the years that have entries")
    years.add_argument("journal", nargs="?", type=Path)

    preview = sub.add_parser("preview", help="write a PNG contact sheet with one key frame per scene")
    journal_args(preview)
    look_args(preview)
    preview.add_argument("--out", type=Path, default=Path(output.DEFAULT_PREVIEW))

    serve = sub.add_parser("serve", help="run the MCP server (stdio unless --http)")
    serve.add_argument("--journal", type=Path, help="journal to serve (default: $WRAPPED_JOURNAL or the sample)")
    serve.add_argument(
        "--out-dir", type=Path, help="where videos go (default: $WRAPPED_OUTPUT_DIR or ./wrapped-videos)"
    )
    serve.add_argument("--http", action="store_true", help="serve streamable HTTP instead of stdio")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--keep", type=int, help="finished videos to keep; the oldest go first (default: $WRAPPED_KEEP or 20)"
    )
    serve.add_argument(
        "--max-renders", type=int, help="renders at once; the rest wait in order (default: one per two cores)"
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    cancel = threading.Event()
    try:
        if args.command == "serve":  # the server handles its own signals
            return cmd_serve(args)
        with stop_signals(cancel, polls=args.command == "render"):
            return COMMANDS[args.command](args, cancel)
    except (KeyboardInterrupt, RenderCancelled):
        print("wrapped: cancelled; nothing was written", file=sys.stderr)
        return CANCELLED
    except WrappedError as exc:
        if args.debug:
            raise
        print(f"wrapped: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line unless --debug
        if args.debug:
            raise
        print(f"wrapped: unexpected error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 1


@contextlib.contextmanager
def stop_signals(cancel: threading.Event, polls: bool) -> Iterator[None]:
    """While inside, SIGINT, SIGTERM and SIGHUP set `cancel`. A command that polls `cancel` stops
    by itself; for one that does not, or on a second signal, KeyboardInterrupt is raised."""

    def on_signal(signum: int, frame: FrameType | None) -> None:
        again = cancel.is_set()
        cancel.set()
        if again or not polls:
            raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, on_signal) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def cmd_render(args: argparse.Namespace, cancel: threading.Event) -> int:
    from wrapped.pipeline import make_video
    from wrapped.progressbar import ProgressBar

    settings = RenderSettings.for_format(args.format, args.fps, args.quality)
    bar = ProgressBar()
    try:
        video = make_video(args.journal or default_journal(), args.out, settings, year=args.year, cancel=cancel,
                           on_progress=bar, music=args.music, quotes=args.quotes)  # fmt: skip
    finally:
        bar.close()
    r = video.rendered
    _report_problems(video.problems)
    print(f"{r.path}  ({r.seconds:.1f} s, {r.width}x{r.height} at {r.fps} fps, {r.bytes / 1e6:.1f} MB)")
    return 0


def cmd_stats(args: argparse.Namespace, cancel: threading.Event) -> int:
    from wrapped.journal import read_journal
    from wrapped.pipeline import year_stats

    journal = read_journal(args.journal or default_journal())
    _report_problems(journal.problems)
    s = year_stats(journal, args.year)
    if args.json:
        print(json.dumps(s.to_json(), indent=2))
        return 0
    streak, gap = s.longest_streak, s.longest_gap
    lines = [
        f"{s.year}: {s.entries} entries on {s.days_written} of {s.days_in_year} days, "
        f"{s.words:,} words ({s.average_words} per entry)",
        f"longest streak: {streak.days} days ({streak.start} to {streak.end})" if streak else "",
        f"longest gap: {gap.days} days ({gap.start} to {gap.end})" if gap else "longest gap: none",
        "per month: " + " ".join(str(n) for n in s.per_month),
        "top tags: " + (", ".join(f"{t} {n}" for t, n in s.top_tags) or "none"),
        "moods: " + (", ".join(f"{m} {n}" for m, n in s.moods) or "none"),
        f"longest entry: {s.longest_entry.title!r} ({s.longest_entry.day}, {s.longest_entry.words} words)",
        f"first entry: {s.first_entry.title!r} ({s.first_entry.day}); "
        f"last: {s.last_entry.title!r} ({s.last_entry.day})",
        f"starred: {s.starred}",
    ]
    print("\n".join(line for line in lines if line))
    return 0


def cmd_years(args: argparse.Namespace, cancel: threading.Event) -> int:
    from wrapped.journal import read_journal

    journal = read_journal(args.journal or default_journal())
    _report_problems(journal.problems)
    for year, count in journal.years().items():
        print(f"{year}  {count} entries")
    return 0


def cmd_preview(args: argparse.Namespace, cancel: threading.Event) -> int:
    from wrapped.journal import read_journal
    from wrapped.pipeline import make_preview

    settings = RenderSettings.for_format(args.format, args.fps)
    journal = read_journal(args.journal or default_journal())
    _report_problems(journal.problems)
    print(make_preview(journal, args.out, settings, year=args.year, quotes=args.quotes))
    return 0


def cmd_share(args: argparse.Namespace, cancel: threading.Event) -> int:
    from wrapped.journal import read_journal
    from wrapped.pipeline import make_share_images

    journal = read_journal(args.journal or default_journal(), cancel)
    _report_problems(journal.problems)
    images = make_share_images(journal, args.out_dir, year=args.year)
    print(images.story)
    print(images.card)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from wrapped.server import serve

    if (args.keep is not None and args.keep < 1) or (args.max_renders is not None and args.max_renders < 1):
        raise SettingsError("--keep and --max-renders take a whole number of at least 1")
    serve(journal=args.journal, out_dir=args.out_dir, http=args.http, host=args.host, port=args.port,
          keep=args.keep, max_renders=args.max_renders)  # fmt: skip
    return 0


def _report_problems(problems: Sequence[Problem]) -> None:
    """Where and why files or entries were skipped: file and line, never the entry's text."""
    if problems:
        print(f"wrapped: skipped {len(problems)} unreadable file(s) or entries:", file=sys.stderr)
        for problem in problems[:10]:
            print(f"  {problem}", file=sys.stderr)
        if len(problems) > 10:
            print(f"  … and {len(problems) - 10} more", file=sys.stderr)


COMMANDS: dict[str, Callable[[argparse.Namespace, threading.Event], int]] = {
    "render": cmd_render,
    "stats": cmd_stats,
    "years": cmd_years,
    "preview": cmd_preview,
    "share": cmd_share,
}
