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
import os
import shlex
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType

from wrapped import output
from wrapped.assets import sample_journal
from wrapped.defaults import default_journal, default_token
from wrapped.entries import Problem
from wrapped.errors import RenderCancelled, SettingsError, WrappedError
from wrapped.settings import (
    DEFAULT_FORMAT,
    DEFAULT_FPS,
    DEFAULT_MUSIC,
    FORMAT_HELP,
    FORMATS,
    FPS_HELP,
    MUSIC,
    MUSIC_HELP,
    QUALITIES,
    QUALITY_HELP,
    QUOTES_HELP,
    RenderSettings,
)

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
CANCELLED = 130  # the shell's status for a command stopped by a signal
JOURNAL_HELP = (
    "journal folder or file: Markdown/Obsidian notes, jrnl, Day One, Logseq, Daylio, Journey, Apple Journal, "
    "org-journal (default: $WRAPPED_JOURNAL, else the bundled sample year)"
)
EXAMPLES = """examples:
  wrapped render                         render the bundled sample year, to see what you get
  wrapped render ~/notes --year 2025     your own year (a folder of notes, a jrnl file, an export...)
  wrapped share ~/notes                  a phone story image and a link card of the year
  wrapped stats ~/notes                  the year's numbers, without a video
  wrapped serve                          the MCP server, for Claude Desktop and other MCP hosts

Run `wrapped COMMAND --help` for a command's options."""


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Every option's help ends with its default, unless it says it already or has none."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if "default" in text or action.default in (None, argparse.SUPPRESS) or not action.option_strings:
            return text
        if isinstance(action, argparse._StoreTrueAction):
            return text + " (default: off)"
        return text + " (default: %(default)s)"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="wrapped",
        description="Turn a year of journal entries into a year-in-review video with a soundtrack, share\n"
        "images and statistics; or serve it all to MCP hosts. Runs on this machine only.",
        epilog=EXAMPLES,
        formatter_class=HelpFormatter,
    )
    p.add_argument("--debug", action="store_true", help="show the traceback of an error, not just its line")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", title="commands")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".",
                              formatter_class=HelpFormatter)  # fmt: skip

    def journal_args(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("journal", nargs="?", type=Path, help=JOURNAL_HELP)
        cmd.add_argument("--year", type=int, help="the year to show (default: the latest year with entries)")

    def look_args(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("--format", choices=FORMATS, default=DEFAULT_FORMAT, help="the frame: " + FORMAT_HELP)
        cmd.add_argument("--fps", type=int, default=DEFAULT_FPS, help=FPS_HELP)
        cmd.add_argument("--quotes", action="store_true", help=QUOTES_HELP)

    render = command("render", "render the year's video (MP4 with a soundtrack)")
    journal_args(render)
    look_args(render)
    render.add_argument("--quality", choices=QUALITIES, default="standard", help=QUALITY_HELP)
    render.add_argument(
        "--out", type=Path, default=Path(output.DEFAULT_VIDEO),
        help="the video file to write; {year} becomes the year (default: wrapped-{year}.mp4, here)",
    )  # fmt: skip
    render.add_argument(
        "--music", default=DEFAULT_MUSIC, metavar="generated|none|PATH",
        help=f"{MUSIC_HELP}; or the path of your own track (any format ffmpeg reads)",
    )  # fmt: skip

    render.add_argument(
        "--chunks", type=int, metavar="N",
        help='render in N chunks cut at scene starts, on Ray (needs journal-wrapped[cluster]; default: one pass, no Ray)',
    )  # fmt: skip
    render.add_argument(
        "--address", help="with --chunks: the Ray cluster to join, auto or ray://host:10001 (default: a local Ray)"
    )

    batch = command("batch", "render a JSON Lines manifest of jobs on Ray (needs journal-wrapped[cluster])")
    batch.add_argument("manifest", type=Path, help='JSON Lines, a job a line: {"id": "alice", "journal": "alice.txt"}')
    batch.add_argument(
        "--out-dir", type=Path, default=Path("wrapped-batch"),
        help="where ID.mp4 and results.jsonl go (default: ./wrapped-batch)",
    )  # fmt: skip
    batch.add_argument(
        "--address", help="join this Ray cluster, auto or ray://host:10001, and leave it running (default: a local Ray)"
    )
    batch.add_argument("--workers", type=int, help="CPUs of the local Ray (default: all cores)")
    batch.add_argument("--chunks", type=int, default=1, metavar="N", help="render each video in N chunks (default: 1)")
    look_args(batch)
    batch.add_argument("--quality", choices=QUALITIES, default="standard", help=QUALITY_HELP)
    batch.add_argument("--music", choices=MUSIC, default=DEFAULT_MUSIC, help=MUSIC_HELP)

    share = command("share", "write the story (1080x1920) and link-card (1200x630) PNGs")
    journal_args(share)
    share.add_argument("--out-dir", type=Path, default=Path("."), help="folder for the two PNGs (default: here)")

    stats = command("stats", "print the year's statistics")
    journal_args(stats)
    stats.add_argument("--json", action="store_true", help="print every statistic as JSON, not a summary")

    command("formats", "list the journal formats wrapped reads, and what to give it for each")

    years = command("years", "list the years that have entries, with how many each")
    years.add_argument("journal", nargs="?", type=Path, help=JOURNAL_HELP)

    preview = command("preview", "write a PNG contact sheet with one key frame per scene")
    journal_args(preview)
    look_args(preview)
    preview.add_argument(
        "--out", type=Path, default=Path(output.DEFAULT_PREVIEW),
        help="the PNG to write; {year} becomes the year (default: wrapped-{year}-preview.png, here)",
    )  # fmt: skip

    serve = command("serve", "run the MCP server (stdio unless --http)")
    serve.add_argument("--journal", type=Path, help="journal to serve (default: $WRAPPED_JOURNAL or the sample)")
    serve.add_argument(
        "--out-dir", type=Path, help="where videos go (default: $WRAPPED_OUTPUT_DIR or ./wrapped-videos)"
    )
    serve.add_argument("--http", action="store_true", help="serve streamable HTTP instead of stdio")
    serve.add_argument(
        "--host", default="127.0.0.1",
        help="address to listen on with --http (default: 127.0.0.1); beyond loopback it needs --allow-remote",
    )  # fmt: skip
    serve.add_argument("--port", type=int, default=8000, help="port to listen on with --http (default: 8000)")
    serve.add_argument(
        "--allow-host", action="append", default=[], metavar="HOST[:PORT]",
        help="also accept this Host header, exactly as clients send it; repeatable (default: only the bound "
        "address and port, and for loopback localhost, 127.0.0.1 and [::1] with the port)",
    )  # fmt: skip
    serve.add_argument(
        "--allow-origin", action="append", default=[], metavar="ORIGIN",
        help="also accept requests from this browser Origin, e.g. https://app.example; repeatable (default: "
        "only http:// and the allowed hosts; requests without an Origin are always let through)",
    )  # fmt: skip
    serve.add_argument(
        "--allow-remote", action="store_true",
        help="let --host be an address other machines can reach (default: refused); needs a bearer token",
    )  # fmt: skip
    serve.add_argument(
        "--token-file", type=Path, metavar="PATH",
        help="file holding the bearer token every HTTP request must carry (default: $WRAPPED_TOKEN, else none; "
        "required with --allow-remote)",
    )  # fmt: skip
    serve.add_argument(
        "--keep", type=int, help="finished videos to keep; the oldest go first (default: $WRAPPED_KEEP or 20)"
    )
    serve.add_argument(
        "--max-renders", type=int, help="renders at once; the rest wait in order (default: one per two cores)"
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:  # `wrapped` alone: what it does and how to start
        parser().print_help()
        return 0
    args = parser().parse_args(argv)
    cancel = threading.Event()
    try:
        if args.command == "serve":  # the server handles its own signals
            return cmd_serve(args)
        with stop_signals(cancel, polls=args.command in ("render", "batch")):
            return COMMANDS[args.command](args, cancel)
    except (KeyboardInterrupt, RenderCancelled):
        print("wrapped: cancelled; nothing was written", file=sys.stderr)
        return CANCELLED
    except BrokenPipeError:  # `wrapped stats | head`: the reader has what it wanted
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
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
    output.check_video_target(args.out)  # before any word of the journal is read
    if args.chunks is not None or args.address is not None:
        return cmd_render_chunks(args, cancel, settings)
    journal = args.journal or default_journal()
    sample = args.journal is None and Path(journal) == sample_journal()  # only when none was named
    if sample:
        print("wrapped: no journal given (as an argument or in $WRAPPED_JOURNAL): rendering the bundled sample year",
              file=sys.stderr)  # fmt: skip
    bar = ProgressBar()
    try:
        video = make_video(journal, args.out, settings, year=args.year, cancel=cancel, on_progress=bar,
                           music=args.music, quotes=args.quotes)  # fmt: skip
    finally:
        bar.close()
    r = video.rendered
    _report_problems(video.problems)
    print(f"{r.path.resolve()}  ({r.seconds:.1f} s, {r.width}x{r.height} at {r.fps} fps, {r.bytes / 1e6:.1f} MB)")
    if sample:
        print("Next: your own year with `wrapped render ~/notes` (a folder of notes, a jrnl file, an export), "
              "and `wrapped share` for a story image and a link card", file=sys.stderr)  # fmt: skip
    else:
        print(f"Next: `wrapped share {_quoted(journal)}` makes a phone story image and a link card of the year",
              file=sys.stderr)  # fmt: skip
    return 0


def cmd_render_chunks(args: argparse.Namespace, cancel: threading.Event, settings: RenderSettings) -> int:
    """`render --chunks N [--address A]`: the frames painted on Ray tasks, joined without re-encoding."""
    from wrapped.cluster import require_ray
    from wrapped.pipeline import Progress
    from wrapped.progressbar import ProgressBar

    if args.chunks is None or args.chunks < 1:
        raise SettingsError("--chunks takes a whole number of at least 1 (and --address needs --chunks)")
    require_ray()
    from wrapped.cluster.chunks import make_video_in_chunks
    from wrapped.cluster.session import ray_session

    bar = ProgressBar()
    try:
        with ray_session(args.address):
            r = make_video_in_chunks(args.journal or default_journal(), args.out, settings, args.chunks, year=args.year,
                                     cancel=cancel, music=args.music, quotes=args.quotes,
                                     on_progress=lambda done, total, say: bar(Progress(done, total, say)))  # fmt: skip
    finally:
        bar.close()
    print(f"{r.path}  ({r.seconds:.1f} s, {r.width}x{r.height} at {r.fps} fps, {r.bytes / 1e6:.1f} MB)")
    return 0


def cmd_batch(args: argparse.Namespace, cancel: threading.Event) -> int:
    """`batch MANIFEST`: every job on a Ray task; exit 0 (all done or skipped), 1 (a job failed), 130."""
    from wrapped.cluster import require_ray

    require_ray()
    from wrapped.cluster.batch import run_batch
    from wrapped.cluster.manifest import JobDefaults, read_manifest
    from wrapped.cluster.results import JobResult
    from wrapped.pipeline import Progress
    from wrapped.progressbar import ProgressBar

    if args.chunks < 1 or (args.workers is not None and args.workers < 1):
        raise SettingsError("--chunks and --workers take a whole number of at least 1")
    if args.workers is not None and args.address is not None:
        raise SettingsError("--workers sizes a local Ray; a cluster joined with --address has its own")
    jobs = read_manifest(args.manifest, JobDefaults(args.format, args.fps, args.quality, args.music, args.quotes))
    bar = ProgressBar()
    frames = 0

    def ended(r: JobResult, done: int, total: int) -> None:
        nonlocal frames
        frames += r.frames
        if bar.tty:
            sys.stderr.write("\r\x1b[2K")
        detail = r.error or f"{r.seconds:.1f} s, {r.frames} frames" + (
            f", rendered in {r.render_seconds:.1f} s" if r.status == "done" else ""
        )
        print(f"{r.id}  {r.status}  {r.path}  ({detail})", flush=True)
        bar(Progress(done, total, f"{done} of {total} jobs, {frames:,} frames"))

    try:
        report = run_batch(jobs, args.out_dir, address=args.address, workers=args.workers, chunks=args.chunks,
                           cancel=cancel, on_result=ended)  # fmt: skip
    except KeyboardInterrupt:
        report = None
    finally:
        bar.close()
    if report is None or report.cancelled:
        print("wrapped: batch cancelled; finished videos are kept, nothing partial is left", file=sys.stderr)
        return CANCELLED
    counts = ", ".join(f"{report.count(s)} {s}" for s in ("done", "skipped", "failed"))
    print(f"wrapped: {counts}; results in {args.out_dir / 'results.jsonl'}", file=sys.stderr)
    return report.exit_status


def cmd_stats(args: argparse.Namespace, cancel: threading.Event) -> int:
    from wrapped.journal import read_journal
    from wrapped.personality import personality_of
    from wrapped.pipeline import year_stats

    journal = read_journal(args.journal or default_journal())
    _report_problems(journal.problems)
    s = year_stats(journal, args.year)
    who = personality_of(s)
    if args.json:
        print(json.dumps({**s.to_json(), "personality": who.to_json()}, indent=2))
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
        f"personality: {who.name} ({'; '.join(who.reasons)})",
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
    output.check_target(args.out)  # before the journal is read
    journal = read_journal(args.journal or default_journal())
    _report_problems(journal.problems)
    print(make_preview(journal, args.out, settings, year=args.year, quotes=args.quotes))
    return 0


def cmd_formats(args: argparse.Namespace, cancel: threading.Event) -> int:
    from wrapped.journal import FORMATS as JOURNALS

    width = max(len(name) for name, _ in JOURNALS)
    print(f"{'format':<{width}}  give wrapped")
    for name, give in JOURNALS:
        print(f"{name:<{width}}  {give}")
    return 0


def cmd_share(args: argparse.Namespace, cancel: threading.Event) -> int:
    from wrapped.journal import read_journal
    from wrapped.pipeline import make_share_images

    output.check_target(args.out_dir / "wrapped-{year}-story.png")  # the folder, before the journal is read
    journal = read_journal(args.journal or default_journal(), cancel)
    _report_problems(journal.problems)
    try:
        images = make_share_images(journal, args.out_dir, year=args.year, cancel=cancel)
    except output.StoppedAfterWriting:  # the stop came while both were being moved into place
        print("wrapped: stopped; both images had already been written", file=sys.stderr)
        return CANCELLED
    print(images.story)
    print(images.card)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from wrapped.server import serve
    from wrapped.server.http_guard import RemoteBindRefused, check_token, read_token_file

    if (args.keep is not None and args.keep < 1) or (args.max_renders is not None and args.max_renders < 1):
        raise SettingsError("--keep and --max-renders take a whole number of at least 1")
    try:
        token = None
        if args.http:
            if args.token_file is not None:
                token = read_token_file(args.token_file)
            elif default_token():
                token = check_token(default_token() or "", "WRAPPED_TOKEN")
        serve(journal=args.journal, out_dir=args.out_dir, http=args.http, host=args.host, port=args.port,
              keep=args.keep, max_renders=args.max_renders, allow_hosts=args.allow_host,
              allow_origins=args.allow_origin, allow_remote=args.allow_remote, token=token)  # fmt: skip
    except RemoteBindRefused as exc:  # a usage error, said before anything starts
        print(f"wrapped: {exc}", file=sys.stderr)
        return 2
    return 0


def _quoted(path: str | Path) -> str:
    return shlex.quote(str(path))


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
    "batch": cmd_batch,
    "stats": cmd_stats,
    "years": cmd_years,
    "preview": cmd_preview,
    "share": cmd_share,
    "formats": cmd_formats,
}
