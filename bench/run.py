"""Benchmark: the sample year against the encoder's floor, a naive moviepy peer, memory and cancel latency.

Run: .venv/bin/python bench/run.py            (prints a table, writes bench/results/bench.json)
     .venv/bin/python bench/run.py --quick    (fewer cancels, 720p only: a smoke run)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from wrapped.encoder import VideoEncoder, raw_frame  # noqa: E402
from wrapped.errors import RenderCancelled  # noqa: E402
from wrapped.journal import read_journal  # noqa: E402
from wrapped.render import render_video  # noqa: E402
from wrapped.settings import QUALITIES, RenderSettings  # noqa: E402
from wrapped.stats import compute_stats  # noqa: E402
from wrapped.timeline import Cue, Timeline  # noqa: E402
from wrapped.video.frames import FramePainter  # noqa: E402
from wrapped.video.storyboard import Shot, Storyboard, make_storyboard  # noqa: E402

SAMPLE = ROOT / "wrapped" / "data" / "sample"


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def children_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def stretched(board: Storyboard, seconds: float) -> Storyboard:
    """The same scenes, stretched to `seconds` (to see whether memory grows with length)."""
    factor = seconds * board.fps / board.total_frames
    cues, start = [], 0
    for shot in board.shots:
        frames = max(1, round(shot.frames * factor))
        cues.append(Cue(shot.cue.name, start, frames, shot.cue.bar, shot.cue.bars))
        start += frames
    timeline = Timeline(fps=board.fps, bpm=board.bpm, cues=tuple(cues), climax=board.timeline.climax)
    shots = tuple(Shot(shot.scene, cue) for shot, cue in zip(board.shots, cues, strict=True))
    return Storyboard(stats=board.stats, timeline=timeline, shots=shots)


def in_child(code: str) -> dict:
    """Run a measurement in a fresh process so its peak memory (Python and ffmpeg) is its own."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


RENDER_CHILD = """
import json, resource, time, sys, tempfile
sys.path.insert(0, '.')
from pathlib import Path
from bench.run import *
t0 = time.perf_counter(); journal = read_journal(SAMPLE); t_read = time.perf_counter() - t0
t0 = time.perf_counter(); stats = compute_stats(journal.entries, 2025); board = make_storyboard(stats, 30); t_stats = time.perf_counter() - t0
board = stretched(board, {seconds}) if {seconds} else board
settings = RenderSettings(width={w}, height={h}, fps=30, quality='{quality}')
first = []
with tempfile.TemporaryDirectory() as d:
    t0 = time.perf_counter()
    video = render_video(board, Path(d) / 'v.mp4', settings, on_progress=lambda p: first or first.append(time.perf_counter() - t0))
    wall = time.perf_counter() - t0
print(json.dumps(dict(read=t_read, stats=t_stats, render=wall, first=first[0] * 1000, frames=video.frames, seconds=video.seconds, bytes=video.bytes,
      python_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
      ffmpeg_mib=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)))
"""


def drawing_and_floor(w: int, h: int, quality: str) -> dict:
    """Drawing alone (one thread, no encoder), then the same frames encoded alone from a raw file,
    by the render's own ffmpeg command."""
    board = make_storyboard(compute_stats(read_journal(SAMPLE).entries, 2025), 30)
    settings = RenderSettings(width=w, height=h, fps=30, quality=quality)
    painter = FramePainter(board, w, h)
    with tempfile.TemporaryDirectory() as d:
        raw = Path(d) / "frames.bgr"
        draw_s = 0.0
        with open(raw, "wb") as f:
            for i in range(board.total_frames):
                t0 = time.perf_counter()
                frame = raw_frame(painter.paint(i))
                draw_s += time.perf_counter() - t0
                f.write(frame)
        encoder = VideoEncoder(Path(d) / "floor.mp4", settings)  # the render's own ffmpeg command, fed from a file
        cmd = encoder.command()
        cmd[cmd.index("-i") + 1] = str(raw)
        floor_s, _ = timed(lambda: subprocess.run(cmd, check=True))
    return {"draw": draw_s, "floor": floor_s, "frames": board.total_frames}


NAIVE_CHILD = """
import json, sys, time, tempfile
sys.path.insert(0, '.')
from pathlib import Path
from moviepy import ColorClip, TextClip, CompositeVideoClip, concatenate_videoclips
from bench.run import *
stats = compute_stats(read_journal(SAMPLE).entries, 2025)
board = make_storyboard(stats, 30)
font = str(ROOT / "wrapped" / "data" / "fonts" / "Inter-Bold.otf")
W, H = {w}, {h}
scenes = []
for shot in board.shots:
    d = shot.frames / 30
    s = shot.scene
    layers = [ColorClip((W, H), color=s.palette.top).with_duration(d),
              TextClip(font=font, text=s.label, font_size=H // 16, color='white').with_position((60, 60)).with_duration(d)]
    for i, n in enumerate(stats.per_month):
        bar_h = max(2, int((H // 2) * n / max(stats.per_month)))
        bar = ColorClip((W // 16, bar_h), color=s.palette.accent).with_duration(d)
        layers.append(bar.with_position(lambda t, i=i, bar_h=bar_h: (60 + i * W // 14, H - 60 - bar_h * min(1, t / 1.5))))
    scenes.append(CompositeVideoClip(layers, size=(W, H)).with_duration(d))
video = concatenate_videoclips(scenes)
with tempfile.TemporaryDirectory() as dd:
    t0 = time.perf_counter()
    video.write_videofile(str(Path(dd) / 'naive.mp4'), fps=30, codec='libx264', preset='veryfast', audio=False, logger=None)
    print(json.dumps(dict(render=time.perf_counter() - t0, seconds=video.duration)))
"""


def cancel_latencies(quality: str, count: int, w: int = 1280, h: int = 720) -> list[float]:
    """Seconds from cancel.set() to render_video raising, with ffmpeg gone and the file deleted."""
    board = make_storyboard(compute_stats(read_journal(SAMPLE).entries, 2025), 30)
    settings = RenderSettings(width=w, height=h, fps=30, quality=quality)
    rng = random.Random(11)
    out = []
    for _ in range(count):
        cancel = threading.Event()
        at_frame = rng.randrange(1, board.total_frames // 3)
        stamp = {}

        def on_progress(p, at_frame=at_frame, cancel=cancel, stamp=stamp):
            if p.frames_done >= at_frame and not cancel.is_set():
                stamp["t"] = time.perf_counter()
                cancel.set()

        with tempfile.TemporaryDirectory() as d:
            try:
                render_video(board, Path(d) / "v.mp4", settings, cancel=cancel, on_progress=on_progress)
            except RenderCancelled:
                elapsed = time.perf_counter() - stamp["t"]
            assert not any(Path(d).iterdir())
        out.append(elapsed)
    return out


def first_progress_ms(calls: int = 10) -> list[float]:
    """Milliseconds from sending create_wrapped_video to the first progress notification (MCP, in-memory JSON-RPC)."""
    import anyio
    from mcp import Client
    from mcp.client._memory import InMemoryTransport

    from wrapped.server import build_server

    async def measure() -> list[float]:
        times = []
        with tempfile.TemporaryDirectory() as d:
            async with Client(InMemoryTransport(build_server(SAMPLE, Path(d))), mode="legacy") as client:
                for _ in range(calls):
                    got = anyio.Event()
                    start = time.perf_counter()

                    async def on_progress(progress, total, message, got=got, start=start):
                        if not got.is_set():
                            times.append((time.perf_counter() - start) * 1000)
                            got.set()

                    async with anyio.create_task_group() as tasks:
                        tasks.start_soon(
                            lambda: client.call_tool("create_wrapped_video", {}, progress_callback=on_progress)
                        )
                        await got.wait()
                        tasks.cancel_scope.cancel()
                    while any(Path(d).iterdir()):
                        await anyio.sleep(0.01)
        return times

    return anyio.run(measure)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sizes = [(1280, 720)] if args.quick else [(1280, 720), (1920, 1080)]
    results: dict = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "rows": {},
    }
    runs = 1 if args.quick else 3
    for w, h in sizes:
        key = f"{h}p"
        renders, parts = [], []
        for _ in range(runs):  # interleaved, so a noisy minute hurts both sides alike
            renders.append(in_child(RENDER_CHILD.format(w=w, h=h, quality="standard", seconds=0)))
            parts.append(drawing_and_floor(w, h, "standard"))
        render = {k: statistics.median(r[k] for r in renders) for k in renders[0]}
        render["python_mib"] = max(r["python_mib"] for r in renders)
        render["ffmpeg_mib"] = max(r["ffmpeg_mib"] for r in renders)
        part = {k: statistics.median(p[k] for p in parts) for k in parts[0]}
        naive = in_child(NAIVE_CHILD.format(w=w, h=h))
        results["rows"][key] = {
            **render,
            **part,
            "naive": naive["render"],
            "runs": runs,
            "render_runs": [r["render"] for r in renders],
            "floor_runs": [p["floor"] for p in parts],
            "render_over_floor": render["render"] / part["floor"],
            "realtime": render["seconds"] / render["render"],
            "naive_over_render": naive["render"] / render["render"],
        }
        print(f"{key}: {results['rows'][key]}", file=sys.stderr)
    h = sizes[-1][1]
    w = sizes[-1][0]
    results["memory"] = {
        s: in_child(RENDER_CHILD.format(w=w, h=h, quality="standard", seconds=s))
        for s in ((30, 90) if not args.quick else (30,))
    }
    results["first_progress_ms"] = first_progress_ms(3 if args.quick else 10)
    count = 8 if args.quick else 30
    results["cancel"] = {q: cancel_latencies(q, count) for q in ("draft", "standard", "high")}
    json_path = ROOT / "bench" / "results" / "bench.json"
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=2))
    print(table(results))


def table(r: dict) -> str:
    runs = next(iter(r["rows"].values()))["runs"]
    lines = [
        f"wrapped benchmark, {r['date']}, {r['machine']}; render, floor and draw are medians of {runs} interleaved runs, memory the peak",
        "",
        "| | read | stats | draw (1 thread) | render wall | encoder floor | render/floor | realtime x | naive moviepy peer | peer/render | first batch ms | Python MiB | ffmpeg MiB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key, x in r["rows"].items():
        lines.append(
            f"| {key} ({x['seconds']:.0f} s) | {x['read'] * 1000:.0f} ms | {x['stats'] * 1000:.0f} ms | {x['draw']:.1f} s | {x['render']:.1f} s | {x['floor']:.1f} s | "
            f"{x['render_over_floor']:.2f} | {x['realtime']:.1f} | {x['naive']:.1f} s | {x['naive_over_render']:.1f}x | "
            f"{x.get('first', 0):.0f} | {x['python_mib']:.0f} | {x['ffmpeg_mib']:.0f} |"
        )
    lines += ["", "| video length | render wall | Python MiB | ffmpeg MiB |", "|---|---|---|---|"]
    for s, m in r["memory"].items():
        lines.append(f"| {s} s | {m['render']:.1f} s | {m['python_mib']:.0f} | {m['ffmpeg_mib']:.0f} |")
    fp = r["first_progress_ms"]
    lines += [
        "",
        f"MCP call -> first progress notification ({len(fp)} calls, in-memory JSON-RPC): median {statistics.median(fp):.0f} ms, worst {max(fp):.0f} ms",
    ]
    lines += [
        "",
        "cancel -> worker stopped, ffmpeg gone, file deleted (720p, random frames in the first third):",
        "",
        "| quality (preset) | cancels | median ms | worst ms |",
        "|---|---|---|---|",
    ]
    for q, xs in r["cancel"].items():
        lines.append(
            f"| {q} ({QUALITIES[q].preset}) | {len(xs)} | {statistics.median(xs) * 1000:.1f} | {max(xs) * 1000:.1f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
