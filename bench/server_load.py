"""The render queue under load, and the final progress report, measured over real transports.

Run: .venv/bin/python bench/server_load.py [--callers 4] [--calls 100]

1. Queue: `--callers` clients call create_wrapped_video at once (720p, standard) on one stdio
   server, with --max-renders 1 (the default here) and with --max-renders equal to the callers
   (no queue). Reported: mean and worst time from the call to each caller's video, and the peak
   memory of the server's process tree (Python and its ffmpeg children, sampled every 20 ms).
2. Final progress: `--calls` short renders per transport; counts the calls whose last progress
   notification (progress == total) arrived before the response.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import anyio

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import FIXTURES, SAMPLE  # noqa: E402
from mcp_transports import TRANSPORTS, Connection  # noqa: E402


def tree_rss_mib(root: int) -> float:
    """Resident memory of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            status = (stat.parent / "status").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        pid, parent = int(stat.parent.name), int(fields[1])
        children.setdefault(parent, []).append(pid)
        rss[pid] = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total / 1024


class PeakSampler:
    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, tree_rss_mib(self.pid))

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


async def queue_scenario(callers: int, max_renders: int) -> tuple[list[float], float]:
    with tempfile.TemporaryDirectory() as scratch:
        connection = Connection("stdio-legacy", SAMPLE, Path(scratch) / "videos", max_renders=max_renders)
        async with connection as client:
            server_pid = _stdio_server_pid()
            sampler = PeakSampler(server_pid)
            times: list[float] = []
            start = time.monotonic()

            async def call() -> None:
                result = await client.call_tool("create_wrapped_video", {"quality": "standard"})
                assert not result.is_error, result.content
                times.append(time.monotonic() - start)

            async with anyio.create_task_group() as tasks:
                for _ in range(callers):
                    tasks.start_soon(call)
            return times, sampler.stop()


def _stdio_server_pid() -> int:
    """The newest `wrapped serve` child of this process."""
    import os

    mine = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(text[text.rindex(")") + 2 :].split()[1]) == os.getpid() and b"serve" in cmdline:
            mine.append(int(stat.parent.name))
    return max(mine)


async def final_progress(transport: str, calls: int) -> int:
    good = 0
    with tempfile.TemporaryDirectory() as scratch:
        async with Connection(transport, FIXTURES / "jrnl.txt", Path(scratch) / "videos", keep=2) as client:
            for _ in range(calls):
                seen: list[tuple[float, float | None]] = []

                async def on_progress(progress, total, message, seen=seen):
                    seen.append((progress, total))

                result = await client.call_tool("create_wrapped_video", {"fps": 10, "quality": "draft"},
                                                progress_callback=on_progress)  # fmt: skip
                await anyio.sleep(0.05)  # over HTTP a callback may run just after call_tool returns
                good += not result.is_error and bool(seen) and seen[-1][0] == seen[-1][1]
    return good


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--callers", type=int, default=4)
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--skip-queue", action="store_true")
    args = parser.parse_args()
    if not args.skip_queue:
        print(f"\n{args.callers} callers at once, 720p standard (50 s videos), one stdio server\n")
        print(
            "| | mean time to a caller's video | first | last | peak memory (server + ffmpeg) |\n|---|---|---|---|---|"
        )
        for label, slots in (
            ("queue (--max-renders 1)", 1),
            (f"no queue (--max-renders {args.callers})", args.callers),
        ):
            times, peak = await queue_scenario(args.callers, slots)
            print(f"| {label} | {statistics.mean(times):.1f} s | {min(times):.1f} s | {max(times):.1f} s | {peak:.0f} MiB |",
                  flush=True)  # fmt: skip
    if args.calls:
        print(f"\nFinal progress notification (progress == total) before the response, {args.calls} calls each\n")
        print("| transport | calls | last report was 100% |\n|---|---|---|")
        for transport in TRANSPORTS:
            good = await final_progress(transport, args.calls)
            print(f"| {transport} | {args.calls} | {good} |", flush=True)


if __name__ == "__main__":
    anyio.run(main)
