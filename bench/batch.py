"""Benchmark: rendering for many users on Ray (`wrapped batch`, `wrapped render --chunks`).

Measures, on this machine: a local Ray's start time and memory; a batch of 8 sample videos with
1 and 2 workers (videos per minute, CPU-s per video, peak memory of every process); a one-pass
render against --chunks 2 and 4 (wall, CPU-s, bytes, PSNR at the seams against the one-pass
video); and from the CPU-s per video, what 1,000,000 users would take on a 16-core node and on a
10-node cluster. CPU-s count every process of a run (the driver, Ray's, the workers' and ffmpeg's), each
sampled by pid every 0.1 s (a process's last tenth of a second can be missed).

Run (hold the lock: timings must not overlap):
    flock /tmp/wrapped-bench.lock .venv/bin/python bench/batch.py [--format landscape --fps 30 --quality standard]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from moviepy.config import FFMPEG_BINARY  # noqa: E402

from wrapped.assets import sample_journal  # noqa: E402
from wrapped.cluster.procs import descendants  # noqa: E402

WRAPPED = [sys.executable, "-m", "wrapped"]
RAY_START = """
import logging, os, sys, time
os.environ["RAY_worker_niceness"] = "0"
import ray
t = time.perf_counter()
ray.init(address="local", num_cpus=2, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
print(time.perf_counter() - t, flush=True)
sys.stdin.readline()
ray.shutdown()
"""


def memory_mib(root: int) -> tuple[float, float]:
    """(RSS, PSS) in MiB of `root` and every descendant."""
    rss = pss = 0
    for pid in [root, *descendants(root)]:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
    return rss / 1024, pss / 1024


TICK = os.sysconf("SC_CLK_TCK")


def own_cpu(pid: int) -> tuple[int, float] | None:
    """(start time, CPU-s used so far by the process itself) or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[19]), (int(fields[11]) + int(fields[12])) / TICK


def measured(command: list[str], cwd: Path) -> dict[str, float]:
    """Run a command to its end: wall, CPU-s of it and of every process under it (each sampled
    every 0.1 s by pid; Ray's raylet reaps its workers itself, so rusage of children misses them),
    and the peak RSS/PSS of the whole tree."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0.0, 0.0]
    cpu: dict[tuple[int, int], float] = {}
    stop = threading.Event()

    def sample() -> None:
        n = 0
        while not stop.wait(0.1):
            for pid in [process.pid, *descendants(process.pid)]:
                seen = own_cpu(pid)
                if seen is not None:
                    cpu[(pid, seen[0])] = max(cpu.get((pid, seen[0]), 0.0), seen[1])
            n += 1
            if n % 5 == 0:
                rss, pss = memory_mib(process.pid)
                peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{command[3:5]} failed: {err.decode()[-500:]}")
    return {"wall": wall, "cpu": sum(cpu.values()), "rss": peak[0], "pss": peak[1]}


def ray_start(runs: int) -> list[dict[str, float]]:
    out = []
    for _ in range(runs):
        process = subprocess.Popen(
            [sys.executable, "-c", RAY_START], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None and process.stdin is not None
        seconds = float(process.stdout.readline())
        time.sleep(2)  # settle: pre-started workers
        rss, pss = memory_mib(process.pid)
        process.stdin.write("\n")
        process.stdin.close()
        process.wait()
        out.append({"seconds": seconds, "rss": rss, "pss": pss})
    return out


def psnr(a: Path, b: Path) -> list[float]:
    said = subprocess.run([FFMPEG_BINARY, "-v", "error", "-i", str(a), "-i", str(b), "-lavfi", "psnr=stats_file=-",
                           "-f", "null", "-"], capture_output=True, text=True, check=True).stdout  # fmt: skip
    return [float(v) for v in re.findall(r"psnr_avg:(\S+)", said.replace("inf", "99"))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--format", default="landscape")
    ap.add_argument("--fps", default="30")
    ap.add_argument("--quality", default="standard")
    ap.add_argument("--videos", type=int, default=8)
    ap.add_argument("--ray-runs", type=int, default=2)
    args = ap.parse_args()
    look = ["--format", args.format, "--fps", args.fps, "--quality", args.quality]
    result: dict[str, object] = {"look": look, "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="wrapped-bench-") as tmp:
        work = Path(tmp)
        starts = ray_start(args.ray_runs)
        result["ray_start"] = starts
        manifest = work / "jobs.jsonl"
        manifest.write_text("".join(json.dumps({"id": f"user-{n}", "journal": str(sample_journal())}) + "\n"
                                    for n in range(args.videos)))  # fmt: skip
        batches = {}
        for workers in (1, 2):
            batches[workers] = measured([*WRAPPED, "batch", str(manifest), "--out-dir", str(work / f"w{workers}"),
                                         "--workers", str(workers), *look], work)  # fmt: skip
        result["batch"] = batches
        renders = {1: measured([*WRAPPED, "render", "--out", str(work / "one.mp4"), *look], work)}
        renders[1]["bytes"] = (work / "one.mp4").stat().st_size
        from wrapped.cluster.chunks import chunk_ranges
        from wrapped.journal import read_journal
        from wrapped.pipeline import plan

        board = plan(read_journal(sample_journal()), None, int(args.fps))
        result["frames"] = board.total_frames
        for n in (2, 4):
            out = work / f"chunks{n}.mp4"
            renders[n] = measured([*WRAPPED, "render", "--out", str(out), "--chunks", str(n), *look], work)
            renders[n]["bytes"] = out.stat().st_size
            per_frame = psnr(out, work / "one.mp4")
            seams = [a for a, _ in chunk_ranges(board, n)][1:]
            differing = [p for p in per_frame if p < 99]
            renders[n]["identical_frames"] = len(per_frame) - len(differing)
            renders[n]["psnr_mean"] = sum(differing) / max(1, len(differing))
            renders[n]["psnr_seam_min"] = min(min(per_frame[s - 1 : s + 3]) for s in seams)
            renders[n]["psnr_min"] = min(per_frame)
        result["renders"] = renders
    print_table(result, args.videos)
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "batch.json").write_text(json.dumps(result, indent=2))


def print_table(r: dict, videos: int) -> None:
    starts = r["ray_start"]

    def each(key: str, digits: int) -> str:
        return ", ".join(f"{s[key]:.{digits}f}" for s in starts)

    print(f"\nlocal Ray (2 CPUs, no dashboard): start {each('seconds', 1)} s; memory {each('rss', 0)} MiB RSS / "
          f"{each('pss', 0)} MiB PSS (driver and every Ray process)\n")  # fmt: skip
    print(f"batch of {videos} sample videos ({' '.join(r['look'])}), Ray start included:")
    print("| workers | wall | videos per minute | CPU-s per video | peak RSS / PSS |")
    print("|---|---|---|---|---|")
    for w, b in r["batch"].items():
        print(f"| {w} | {b['wall']:.1f} s | {videos / b['wall'] * 60:.1f} | {b['cpu'] / videos:.1f} | "
              f"{b['rss']:.0f} / {b['pss']:.0f} MiB |")  # fmt: skip
    print("\none video, one pass against chunks (a local Ray started for each chunked render):")
    print(
        "| | wall | CPU-s | bytes | frames identical to the one pass | PSNR of the others: mean / worst at a seam / worst (dB) |"
    )
    print("|---|---|---|---|---|---|")
    for n, x in r["renders"].items():
        quality = "– | –" if n == 1 else (f"{x['identical_frames']} | {x['psnr_mean']:.2f} / {x['psnr_seam_min']:.2f} / "
                                         f"{x['psnr_min']:.2f}")  # fmt: skip
        name = "one pass" if n == 1 else f"--chunks {n}"
        print(f"| {name} | {x['wall']:.1f} s | {x['cpu']:.1f} | {x['bytes']:,} | {quality} |")
    print(f"(frames in the video: {r['frames']})")
    per_video = r["batch"][2]["cpu"] / videos
    cpu_hours = per_video * 1_000_000 / 3600
    print(f"\n1,000,000 users at {per_video:.1f} CPU-s a video: {cpu_hours:,.0f} CPU-hours; "
          f"a 16-core node {cpu_hours / 16:,.0f} h ({cpu_hours / 16 / 24:.1f} days); "
          f"10 such nodes {cpu_hours / 160:,.0f} h")  # fmt: skip


if __name__ == "__main__":
    main()
