"""Benchmark: what the soundtrack costs a render, and how loud it comes out.

Renders the sample year (720p, 30 fps, standard quality) with `music="none"` and with
`music="generated"`, alternating, in fresh processes; times composing + mastering alone; and reads
the finished video's loudness and true peak with ffmpeg's ebur128 filter.

Run: .venv/bin/python bench/sound.py [--runs 3]      (prints a table, writes bench/results/sound.json)
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from moviepy.config import FFMPEG_BINARY  # noqa: E402

RENDER = """
import sys, time
from wrapped import make_video, RenderSettings, sample_journal
start = time.perf_counter()
make_video(sample_journal(), sys.argv[1], RenderSettings.for_format("landscape", 30, "standard"), year=2025,
           music=sys.argv[2])
print(time.perf_counter() - start)
"""

COMPOSE = """
import time
from wrapped import read_journal, sample_journal
from wrapped.pipeline import plan
from wrapped.audio.track import soundtrack
board = plan(read_journal(sample_journal()), 2025, 30)
start = time.perf_counter()
soundtrack(board.timeline, board.stats, "generated")
print(time.perf_counter() - start)
"""


def ebur128(path: Path) -> tuple[float, float]:
    said = subprocess.run([FFMPEG_BINARY, "-nostats", "-hide_banner", "-i", str(path), "-map", "0:a", "-af",
                           "ebur128=peak=true", "-f", "null", "-"], capture_output=True, text=True).stderr  # fmt: skip
    summary = said[said.rindex("Summary:") :]
    return float(re.search(r"I:\s+(-?[\d.]+)", summary)[1]), float(re.search(r"Peak:\s+(-?[\d.]+)", summary)[1])


def run(code: str, *args: str) -> float:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


def cpu_seconds() -> float:
    """CPU time of every finished child and grandchild (ffmpeg included): steadier than wall time here."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def render(video: str, music: str, cpu: list[float]) -> float:
    before = cpu_seconds()
    wall = run(RENDER, video, music)
    cpu.append(cpu_seconds() - before)
    return wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    silent, sound, compose = [], [], []
    silent_cpu: list[float] = []
    sound_cpu: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        video = Path(folder) / "v.mp4"
        for _ in range(args.runs):
            silent.append(render(str(Path(folder) / "silent.mp4"), "none", silent_cpu))
            sound.append(render(str(video), "generated", sound_cpu))
            compose.append(run(COMPOSE))
        loudness, peak = ebur128(video)
    result = {
        "render_silent_s": statistics.median(silent),
        "render_with_sound_s": statistics.median(sound),
        "compose_and_master_s": statistics.median(compose),
        "cpu_silent_s": statistics.median(silent_cpu),
        "cpu_with_sound_s": statistics.median(sound_cpu),
        "runs": args.runs,
        "loudness_lufs": loudness,
        "true_peak_dbtp": peak,
    }
    cost = result["render_with_sound_s"] / result["render_silent_s"] - 1
    print(f"| what (sample year, 1280x720, 30 fps, standard) | median of {args.runs} |")
    print("|---|---|")
    print(f"| render, music none | {result['render_silent_s']:.2f} s |")
    print(f"| render, music generated | {result['render_with_sound_s']:.2f} s |")
    print(f"| cost of sound | {100 * cost:+.1f}% |")
    cpu_cost = result["cpu_with_sound_s"] / result["cpu_silent_s"] - 1
    print(
        f"| CPU (all processes), none / generated | {result['cpu_silent_s']:.1f} / {result['cpu_with_sound_s']:.1f} s"
        f" ({100 * cpu_cost:+.1f}%) |"
    )
    print(f"| composing + mastering alone | {result['compose_and_master_s']:.2f} s |")
    print(f"| loudness (ffmpeg ebur128) | {loudness:.1f} LUFS |")
    print(f"| true peak (ffmpeg ebur128) | {peak:.1f} dBTP |")
    print("all runs (none / generated / compose):", [round(x, 2) for x in silent], [round(x, 2) for x in sound],
          [round(x, 2) for x in compose])  # fmt: skip
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "sound.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
