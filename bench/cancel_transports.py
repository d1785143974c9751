"""Cancel latency per MCP transport: from the client's cancel to "no partial file, no ffmpeg left".

Run: .venv/bin/python bench/cancel_transports.py [--count 50] [--idle]
Each cancel lands after a random number (2..12) of progress notifications of a 720p render. By
default two processes keep both cores busy meanwhile (the worst case: a loaded machine); they
stop by themselves when the run ends. Target: 150 ms worst over 50 cancels per transport.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import anyio

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import SAMPLE, ffmpeg_writing_into  # noqa: E402
from mcp_transports import TRANSPORTS, Connection  # noqa: E402


async def one_transport(transport: str, count: int, rng: random.Random) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as d:
        out_dir = Path(d) / "videos"
        async with Connection(transport, SAMPLE, out_dir) as client:
            for _ in range(count):
                wanted = rng.randint(2, 12)
                seen = anyio.Event()
                count_seen = 0

                async def on_progress(progress, total, message, wanted=wanted, seen=seen):
                    nonlocal count_seen
                    count_seen += 1
                    if count_seen >= wanted:
                        seen.set()

                async with anyio.create_task_group() as tasks:
                    tasks.start_soon(
                        lambda: client.call_tool(
                            "create_wrapped_video", {"quality": "standard"}, progress_callback=on_progress
                        )
                    )
                    await seen.wait()
                    start = time.monotonic()
                    tasks.cancel_scope.cancel()
                while (out_dir.exists() and any(out_dir.iterdir())) or ffmpeg_writing_into(out_dir):
                    await anyio.sleep(0.001)
                times.append(time.monotonic() - start)
    return times


def burn(until: float) -> None:
    """Keep one core busy until `until` (a time.time()), then stop: bounded load."""
    x = 0
    while time.time() < until:
        x = (x * 31 + 7) % 1_000_003


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--idle", action="store_true", help="no background load")
    args = parser.parse_args()
    rng = random.Random(5)
    load = [] if args.idle else [multiprocessing.Process(target=burn, args=(time.time() + 3600,), daemon=True)
                                 for _ in range(2)]  # fmt: skip
    for process in load:
        process.start()
    try:
        print(f"machine: {'idle' if args.idle else 'both cores kept busy by two other processes'}")
        print("| transport | cancels | median ms | worst ms |\n|---|---|---|---|")
        for transport in TRANSPORTS:
            xs = await one_transport(transport, args.count, rng)
            print(
                f"| {transport} | {len(xs)} | {statistics.median(xs) * 1000:.1f} | {max(xs) * 1000:.1f} |", flush=True
            )
    finally:
        for process in load:
            process.terminate()


if __name__ == "__main__":
    anyio.run(main)
