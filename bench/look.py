"""Benchmark of the look: the default render of the sample (``wrapped render``, no flags), its CPU
(user+sys of every process, ffmpeg included), wall time and the share of still frames, for a base
revision (extracted with ``git archive``) and for this working tree, side by side.

Run (hold the lock: timings must not overlap):
    flock /tmp/wrapped-bench.lock .venv/bin/python bench/look.py [--base main] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
STILL = 0.05  # mean absolute difference (of 255) under which a frame counts as still


def cpu_seconds() -> float:
    """CPU time of every finished child and grandchild (ffmpeg included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def render(tree: Path, out: Path) -> tuple[float, float]:
    """(wall s, CPU s) of `python -m wrapped render --out OUT` run from `tree`, all defaults."""
    before, start = cpu_seconds(), time.perf_counter()
    subprocess.run([sys.executable, "-m", "wrapped", "render", "--out", str(out)], cwd=tree, check=True,
                   capture_output=True, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"})  # fmt: skip
    return time.perf_counter() - start, cpu_seconds() - before


def still_share(video: Path) -> tuple[float, float, tuple[int, int], float]:
    """(share of still frames, longest still run in s, frame size, seconds) of a video, decoded."""
    import imageio_ffmpeg

    reader = imageio_ffmpeg.read_frames(str(video))
    meta = next(reader)
    w, h = meta["size"]
    fps = meta["fps"]
    previous: np.ndarray | None = None
    still = run = longest = frames = 0
    for raw in reader:
        grey = Image.frombytes("RGB", (w, h), raw).convert("L")  # averaged down to 96 px wide
        small = np.asarray(grey.resize((96, round(96 * h / w)), Image.Resampling.BOX), np.float32)
        if previous is not None and np.abs(small - previous).mean() < STILL:
            still += 1
            run += 1
            longest = max(longest, run)
        else:
            run = 0
        previous = small
        frames += 1
    return still / max(1, frames), longest / fps, (w, h), frames / fps


def measure(tree: Path, runs: int) -> dict[str, float | str]:
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "v.mp4"
        for _ in range(runs):
            wall, cpu = render(tree, out)
            walls.append(wall)
            cpus.append(cpu)
        share, longest, (w, h), seconds = still_share(out)
    wall = statistics.median(walls)
    return {"size": f"{w}x{h}", "seconds": seconds, "wall_s": wall, "cpu_s": statistics.median(cpus),
            "realtime_x": seconds / wall, "still_share": share, "longest_still_s": longest}  # fmt: skip


def extract(ref: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="main", help="the revision to compare with (default main)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = measure(extract(args.base, Path(folder)), args.runs)
    now = measure(ROOT, args.runs)
    rows = [
        ("frame size (default format)", "size", "{}"),
        ("video length", "seconds", "{:.1f} s"),
        ("wall time (median)", "wall_s", "{:.2f} s"),
        ("realtime factor", "realtime_x", "{:.1f}x"),
        ("CPU, every process (median)", "cpu_s", "{:.1f} s"),
        ("still frames (96 px grey, diff < 0.05)", "still_share", "{:.1%}"),
        ("longest still run", "longest_still_s", "{:.2f} s"),
    ]
    print(f"| sample year, `wrapped render` defaults, median of {args.runs} | {args.base} | this tree |")
    print("|---|---|---|")
    for label, key, fmt in rows:
        print(f"| {label} | {fmt.format(base[key])} | {fmt.format(now[key])} |")
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "look.json").write_text(json.dumps({args.base: base, "tree": now}, indent=2))


if __name__ == "__main__":
    main()
