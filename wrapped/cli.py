"""The `wrapped` command line: a thin shell over the pipeline."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path

from wrapped.errors import RenderCancelled, WrappedError
from wrapped.journal import default_journal
from wrapped.settings import FORMATS, QUALITIES, RenderSettings

def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wrapped", description="Turn a year of journal entries into a year-in-review video.")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command", required=True)

    def journal_args(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("journal", nargs="?", type=Path, help="journal folder or file (default: $WRAPPED_JOURNAL or the bundled sample)")
        cmd.add_argument("--year", type=int, help="the year to show (default: the latest year with entries)")

    def look_args(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("--format", choices=FORMATS, default="landscape", help="landscape 1280x720, square 1080x1080, vertical 1080x1920")
        cmd.add_argument("--fps", type=int, default=30)

    render = sub.add_parser("render", help="render the year's video")
    journal_args(render)
    look_args(render)
    render.add_argument("--quality", choices=QUALITIES, default="standard", help="draft is fastest, high is sharpest")
    render.add_argument("--out", type=Path, default=Path("wrapped-{year}.mp4"), help="output file (default: wrapped-YEAR.mp4)")

    stats = sub.add_parser("stats", help="print the year's statistics")
    journal_args(stats)
    stats.add_argument("--json", action="store_true", help="print JSON")

    years = sub.add_parser("years", help="list the years that have entries")
    years.add_argument("journal", nargs="?", type=Path)

    preview = sub.add_parser("preview", help="write a PNG contact sheet with one key frame per scene")
    journal_args(preview)
    look_args(preview)
    preview.add_argument("--out", type=Path, default=Path("wrapped-{year}-preview.png"))

    serve = sub.add_parser("serve", help="run the MCP server (stdio unless --http)")
    serve.add_argument("--journal", type=Path, help="journal to serve (default: $WRAPPED_JOURNAL or the sample)")
    serve.add_argument("--out-dir", type=Path, help="where videos go (default: $WRAPPED_OUTPUT_DIR or ./wrapped-videos)")
    serve.add_argument("--http", action="store_true", help="serve streamable HTTP instead of stdio")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("wrapped: interrupted", file=sys.stderr)
        return 130
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


def cmd_render(args: argparse.Namespace) -> int:
    from wrapped.pipeline import make_video
    from wrapped.progressbar import ProgressBar

    settings = RenderSettings.for_format(args.format, args.fps, args.quality)
    cancel = threading.Event()
    outcome: dict[str, object] = {}
    bar = ProgressBar()

    finished = threading.Event()

    def work() -> None:
        try:
            outcome["video"] = make_video(args.journal or default_journal(), args.out, settings,
                                          year=args.year, cancel=cancel, on_progress=bar)
        except BaseException as exc:  # handed to the main thread, which reports it
            outcome["error"] = exc
        finally:
            finished.set()

    # Wait on an Event, never on Thread.join(timeout): on CPython 3.11 a join interrupted by
    # Ctrl-C marks the thread stopped while it still runs, and the process would exit
    # before the worker has killed ffmpeg and deleted the partial file.
    worker = threading.Thread(target=work, name="wrapped-render")
    previous = signal.signal(signal.SIGTERM, _terminate)
    worker.start()
    try:
        while not finished.wait(0.1):
            pass
    except KeyboardInterrupt:
        cancel.set()
        finished.wait()
        bar.close()
        print("wrapped: cancelled; nothing was written", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
        worker.join()
    bar.close()
    error = outcome.get("error")
    if isinstance(error, RenderCancelled):
        return 130
    if error is not None:
        raise error  # type: ignore[misc]
    video = outcome["video"]
    r = video.rendered  # type: ignore[attr-defined]
    _report_problems(video.problems)  # type: ignore[attr-defined]
    print(f"{r.path}  ({r.seconds:.1f} s, {r.width}x{r.height} at {r.fps} fps, {r.bytes / 1e6:.1f} MB)")
    return 0


def _terminate(signum, frame) -> None:
    raise KeyboardInterrupt  # SIGTERM cancels exactly like Ctrl-C


def cmd_stats(args: argparse.Namespace) -> int:
    from wrapped.journal import read_journal
    from wrapped.pipeline import year_stats

    journal = read_journal(args.journal or default_journal())
    _report_problems(journal.problems)
    stats = year_stats(journal, args.year)
    if args.json:
        print(json.dumps(stats.to_json(), indent=2))
        return 0
    s = stats
    lines = [
        f"{s.year}: {s.entries} entries on {s.days_written} of {s.days_in_year} days, {s.words:,} words ({s.average_words} per entry)",
        f"longest streak: {s.longest_streak.days} days ({s.longest_streak.start} to {s.longest_streak.end})" if s.longest_streak else "",
        f"longest gap: {s.longest_gap.days} days ({s.longest_gap.start} to {s.longest_gap.end})" if s.longest_gap else "longest gap: none",
        "per month: " + " ".join(str(n) for n in s.per_month),
        "top tags: " + (", ".join(f"{t} {n}" for t, n in s.top_tags) or "none"),
        "moods: " + (", ".join(f"{m} {n}" for m, n in s.moods) or "none"),
        f"longest entry: {s.longest_entry.title!r} ({s.longest_entry.day}, {s.longest_entry.words} words)",
        f"first entry: {s.first_entry.title!r} ({s.first_entry.day}); last: {s.last_entry.title!r} ({s.last_entry.day})",
        f"starred: {s.starred}",
    ]
    print("\n".join(line for line in lines if line))
    return 0


def cmd_years(args: argparse.Namespace) -> int:
    from wrapped.journal import read_journal

    journal = read_journal(args.journal or default_journal())
    _report_problems(journal.problems)
    for year, count in journal.years().items():
        print(f"{year}  {count} entries")
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    from wrapped.journal import read_journal
    from wrapped.pipeline import plan
    from wrapped.preview import contact_sheet

    settings = RenderSettings.for_format(args.format, args.fps)
    journal = read_journal(args.journal or default_journal())
    _report_problems(journal.problems)
    storyboard = plan(journal, args.year, settings.fps)
    out = Path(str(args.out).replace("{year}", str(storyboard.stats.year)))
    print(contact_sheet(storyboard, settings, out))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from wrapped.server import serve

    serve(journal=args.journal, out_dir=args.out_dir, http=args.http, host=args.host, port=args.port)
    return 0


def _report_problems(problems) -> None:
    """Where and why files or entries were skipped: file and line, never the entry's text."""
    if problems:
        print(f"wrapped: skipped {len(problems)} unreadable file(s) or entries:", file=sys.stderr)
        for problem in problems[:10]:
            print(f"  {problem}", file=sys.stderr)
        if len(problems) > 10:
            print(f"  … and {len(problems) - 10} more", file=sys.stderr)


COMMANDS = {"render": cmd_render, "stats": cmd_stats, "years": cmd_years, "preview": cmd_preview, "serve": cmd_serve}
