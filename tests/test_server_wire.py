"""The stdio wire itself, read line by line: what a cancelled request and a vanished client leave."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from conftest import SAMPLE, ffmpeg_writing_into
from mcp_transports import RawStdio


@pytest.fixture
def raw(tmp_path):
    peer = RawStdio(tmp_path / "videos")
    yield peer
    if peer.process.poll() is None:
        peer.process.kill()
        peer.process.wait()


def wait_clean(out_dir, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not (out_dir.exists() and any(out_dir.iterdir())) and not ffmpeg_writing_into(out_dir):
            return
        time.sleep(0.01)
    raise AssertionError(f"left behind: {list(out_dir.iterdir())} {ffmpeg_writing_into(out_dir)}")


@pytest.mark.parametrize("after_progress", [1, 3, 8])
def test_a_cancelled_request_gets_no_response_and_no_later_progress(raw, tmp_path, after_progress):
    raw.call(1, {"fps": 10, "quality": "draft"})
    while len(raw.progress_for("p1")) < after_progress:
        time.sleep(0.005)
    raw.send(
        {"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 1, "reason": "changed my mind"}}
    )
    cancelled_at = time.monotonic()
    wait_clean(tmp_path / "videos")
    raw.call(2, {"fps": 10, "quality": "draft"})  # the session goes on
    done = raw.wait_for(lambda m: m.get("id") == 2, timeout=60)
    assert "result" in done and not done["result"].get("isError")
    assert [m for _, m in raw.messages if m.get("id") == 1] == [], "the cancelled request got a response"
    late = [t - cancelled_at for t, _ in raw.progress_for("p1") if t > cancelled_at + 0.05]
    assert late == [], f"progress {late} s after the cancel"
    timed = raw.progress_for("p2")
    progress = [m["params"]["progress"] for _, m in timed]
    assert progress == sorted(set(progress))
    span = timed[-1][0] - timed[0][0]
    assert len(timed) <= 2 + span / 0.1 * 1.1, f"{len(timed)} notifications in {span:.2f} s: more than 10 a second"
    for words_from_the_journal in ("billing bug", "Satie", "Parkrun", "tomatoes"):  # entry titles and text
        assert words_from_the_journal not in raw.stderr


@pytest.mark.parametrize("how", ["stdin closed", "killed client"])
def test_a_client_that_vanishes_mid_render_leaves_nothing_on_the_server(raw, tmp_path, how):
    raw.call(1, {"fps": 10, "quality": "high"})
    while len(raw.progress_for("p1")) < 3:
        time.sleep(0.005)
    if how == "stdin closed":
        raw.process.stdin.close()
    else:  # the pipes of a killed client close all at once
        raw.process.stdin.close()
        raw.process.stdout.close()
    wait_clean(tmp_path / "videos")
    assert raw.process.wait(timeout=15) is not None, "the server did not exit when its client went away"


KILLED_CLIENT = """
import sys, anyio
from mcp import Client

async def main():
    async with Client(sys.argv[1], mode=sys.argv[2]) as client:
        async def on_progress(progress, total, message):
            print("progress", progress, flush=True)
        await client.call_tool("create_wrapped_video", {"fps": 10, "quality": "high"}, progress_callback=on_progress)

anyio.run(main)
"""


@pytest.mark.parametrize("mode", ["legacy", "auto"])
def test_an_http_client_killed_mid_render_leaves_nothing_and_the_server_serves_on(tmp_path, mode):
    import anyio
    from mcp import Client

    from mcp_transports import http_server

    out_dir = tmp_path / "videos"
    with http_server(SAMPLE, out_dir) as (url, server):
        client = subprocess.Popen([sys.executable, "-c", KILLED_CLIENT, url, mode], stdout=subprocess.PIPE, text=True)
        seen = 0
        while seen < 3:  # the render is under way
            line = client.stdout.readline()
            assert line, "the client ended before any progress"
            seen += line.startswith("progress")
        client.send_signal(signal.SIGKILL)
        client.wait()
        wait_clean(out_dir, timeout=15)

        async def next_call():
            async with Client(url, mode=mode) as again:
                return await again.call_tool("list_journal_years", {})

        assert not anyio.run(next_call).is_error
        assert server.poll() is None
