"""Cancel latency per MCP transport: from the client's cancel to "no partial file, no ffmpeg left".

Run: .venv/bin/python bench/cancel_transports.py [--count 20]
Each cancel lands after a random number (2..12) of progress notifications of a 720p render.
"""

from __future__ import annotations

import argparse
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


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(5)
    print("| transport | cancels | median ms | worst ms |\n|---|---|---|---|")
    for transport in TRANSPORTS:
        xs = await one_transport(transport, args.count, rng)
        print(f"| {transport} | {len(xs)} | {statistics.median(xs) * 1000:.1f} | {max(xs) * 1000:.1f} |", flush=True)


if __name__ == "__main__":
    anyio.run(main)
