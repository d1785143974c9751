"""The server under faults, load and hostile input: resources, signals, the queue, the protocol.

Real transports, real signals, real files; each case the issue found is a test here.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

import anyio
import pytest
from mcp.shared.exceptions import MCPError

from wrapped import __version__, output
from wrapped.pipeline import Progress
from wrapped.server.worker import run_cancellable

from conftest import FIXTURES, SAMPLE, ffmpeg_writing_into, server_files
from mcp_transports import INITIALIZE, Connection, RawStdio, http_server

pytestmark = pytest.mark.anyio
FAST = {"fps": 10, "quality": "draft"}
SMALL_JOURNAL = FIXTURES / "jrnl.txt"


@pytest.fixture
def anyio_backend():
    return "asyncio"


def plant_video(out_dir, name, content=b"an mp4", age=0.0):
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / name
    path.write_bytes(content)
    then = time.time() - age
    os.utime(path, (then, then))
    return path


async def test_a_symlink_named_like_a_video_is_neither_listed_nor_served(tmp_path):
    out_dir = tmp_path / "videos"
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the model")
    out_dir.mkdir()
    (out_dir / "wrapped-2025-landscape-00000000.mp4").symlink_to(secret)
    real = plant_video(out_dir, "wrapped-2025-square-11111111.mp4")
    async with Connection("memory-legacy", SMALL_JOURNAL, out_dir) as client:
        listed = await client.list_resources()
        assert [r.name for r in listed.resources] == [real.name]
        with pytest.raises(MCPError) as caught:
            await client.read_resource("wrapped://videos/wrapped-2025-landscape-00000000.mp4")
        assert caught.value.code == -32002 and "not for the model" not in str(caught.value)


async def test_a_huge_planted_file_is_refused_without_reading_it(tmp_path):
    out_dir = tmp_path / "videos"
    huge = plant_video(out_dir, "wrapped-2025-landscape-22222222.mp4", b"")
    os.truncate(huge, 600 * 1024 * 1024)  # sparse: 600 MiB that take no disk
    async with Connection("memory-auto", SMALL_JOURNAL, out_dir) as client:
        started = time.monotonic()
        with pytest.raises(MCPError, match="larger than 512 MiB"):
            await client.read_resource("wrapped://videos/" + huge.name)
        assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    "transport, code", [("memory-legacy", -32002), ("stdio-legacy", -32002), ("memory-auto", -32602)]
)
async def test_a_missing_video_answers_the_code_of_the_sessions_spec(transport, code, tmp_path):
    # 2025-06-18 and 2025-11-25 say -32002; 2026-07-28 says -32602 (SEP-2164)
    async with Connection(transport, SMALL_JOURNAL, tmp_path / "videos") as client:
        for uri in ("wrapped://videos/wrapped-2024-landscape-deadbeef.mp4", "wrapped://videos/..%2F..%2Fetc%2Fpasswd"):
            with pytest.raises(MCPError) as caught:
                await client.read_resource(uri)
            assert caught.value.code == code


async def test_finished_videos_are_listed_newest_first_deleted_by_name_and_kept_to_a_number(tmp_path):
    out_dir = tmp_path / "videos"
    made = []
    async with Connection("memory-legacy", SMALL_JOURNAL, out_dir, keep=2) as client:
        for _ in range(2):
            result = await client.call_tool("create_wrapped_video", FAST)
            made.append(result.structured_content["path"].rsplit("/", 1)[1])
    oldest, middle = made
    stranger = plant_video(out_dir, "holiday.mp4", age=400)  # not this server's: never listed or pruned
    planted = plant_video(out_dir, "wrapped-2023-square-bbbbbbbb.mp4", age=500)  # named like ours: listed, kept
    async with Connection("memory-legacy", SMALL_JOURNAL, out_dir, keep=2) as client:  # a restart
        listed = [r.name for r in (await client.list_resources()).resources]
        assert listed == [middle, oldest, planted.name]
        result = await client.call_tool("create_wrapped_video", FAST)
        name = result.structured_content["path"].rsplit("/", 1)[1]
        listed = [r.name for r in (await client.list_resources()).resources]
        assert listed == [name, middle, planted.name] and not (out_dir / oldest).exists() and stranger.exists()
        gone = await client.call_tool("delete_wrapped_video", {"name": middle})
        assert not gone.is_error and gone.structured_content == {"name": middle, "deleted": True}
        assert not (out_dir / middle).exists()
        for bad in (middle, "../videos/" + name, "holiday.mp4", planted.name):
            again = await client.call_tool("delete_wrapped_video", {"name": bad})
            assert again.is_error and "no video named" in again.content[0].text
        assert stranger.exists() and planted.exists() and (out_dir / name).exists()


async def test_the_protocol_surface(tmp_path):
    async with Connection("stdio-legacy", SMALL_JOURNAL, tmp_path / "videos") as client:
        info = client.server_info if hasattr(client, "server_info") else None
        tools = {t.name: t for t in (await client.list_tools()).tools}
        stats = await client.call_tool("get_year_stats", {"year": 2024})
        bad = await client.call_tool("create_wrapped_video", {"fps": 500, "format": "cinema"})
        years = await client.call_tool("list_journal_years", {})
    assert info is not None and info.version == __version__ and info.title
    assert set(tools) == {"create_wrapped_video", "create_share_images", "delete_wrapped_video", "get_year_stats",
                          "list_journal_years"}  # fmt: skip
    assert all(t.title and t.annotations for t in tools.values())
    assert tools["get_year_stats"].annotations.read_only_hint and tools["list_journal_years"].annotations.read_only_hint
    create = tools["create_wrapped_video"].annotations
    assert (create.destructive_hint, create.idempotent_hint, create.open_world_hint) == (False, False, False)
    schema = tools["get_year_stats"].output_schema
    assert {"entries", "words", "longest_streak", "per_month", "moods"} <= set(schema["properties"])
    assert stats.structured_content["longest_streak"]["days"] >= 1
    for result in (stats, years):
        assert json.loads(next(c.text for c in result.content if c.type == "text")) == result.structured_content
    text = bad.content[0].text
    assert bad.is_error and text.count(".") == 1 and "fps must be a whole number from 10 to 60" in text
    assert "format must be one of" in text and "validation error" not in text


async def test_capabilities_advertise_no_prompts(tmp_path):
    raw = RawStdio(tmp_path / "videos")
    try:
        capabilities = raw.wait_for(lambda m: m.get("id") == 0)["result"]["capabilities"]
        assert "prompts" not in capabilities and "tools" in capabilities and "resources" in capabilities
    finally:
        raw.close()


async def test_the_created_video_result_repeats_its_structured_content_as_json_text(tmp_path):
    async with Connection("memory-auto", SMALL_JOURNAL, tmp_path / "videos") as client:
        result = await client.call_tool("create_wrapped_video", FAST)
    texts = [c.text for c in result.content if c.type == "text"]
    assert json.loads(texts[-1]) == result.structured_content


async def test_reading_a_big_journal_never_blocks_the_event_loop(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(6000):
        (notes / f"2020-01-01-{i}.md").write_text("word " * 200)
    async with Connection("memory-legacy", notes, tmp_path / "videos") as client:
        answered = []

        async def read_stats():
            await client.call_tool("get_year_stats", {})

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(read_stats)
            await anyio.sleep(0.2)  # the read is under way
            started = time.monotonic()
            await client.list_tools()
            answered.append(time.monotonic() - started)
        assert answered[0] < 0.5  # was the whole read (18.5 s for 50,000 notes)
        with anyio.move_on_after(0.3):
            await client.call_tool("list_journal_years", {})  # cancelled mid-read: the thread stops too
        await anyio.sleep(0.3)
        assert not [t for t in threading.enumerate() if t.name == "wrapped-read"]


async def test_renders_wait_in_order_saying_how_many_are_ahead_and_a_waiting_one_cancels_at_once(tmp_path):
    out_dir = tmp_path / "videos"
    messages: dict[str, list[str]] = {"a": [], "b": [], "c": []}
    finished: list[str] = []
    async with Connection("memory-legacy", SMALL_JOURNAL, out_dir, max_renders=1) as client:

        async def render(key):
            async def on_progress(progress, total, message):
                messages[key].append(message)

            await client.call_tool("create_wrapped_video", FAST, progress_callback=on_progress)
            finished.append(key)

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(render, "a")
            await anyio.sleep(0.3)
            tasks.start_soon(render, "b")
            await anyio.sleep(0.2)
            async with anyio.create_task_group() as third:
                third.start_soon(render, "c")
                await anyio.sleep(0.3)
                started = time.monotonic()
                third.cancel_scope.cancel()
            assert time.monotonic() - started < 0.1  # a waiting call has nothing to stop
    assert finished == ["a", "b"]
    assert messages["b"][0] == "waiting: 1 render ahead" and messages["c"][0] == "waiting: 2 renders ahead"
    assert len(server_files(out_dir)) == 2


async def test_the_last_progress_report_is_always_sent_before_the_result():
    """The pump used to mark a report sent before sending it, and the task group's cancel, when the
    work returned, dropped a send still in flight: about one call in twelve lost its 100%. Here the
    last report is always in flight when the work returns."""

    def work(cancel, report):
        for done in range(1, 6):
            report(Progress(done, 5, "step"))
        time.sleep(0.15)  # the pump takes the last report meanwhile and starts to send it
        return "ok"

    async def last_sent() -> float:
        sent: list[float] = []

        async def send(p: Progress):
            await anyio.sleep(0.2)  # a slow transport: the work returns during this send
            sent.append(p.done)

        assert await run_cancellable(work, send) == "ok"
        return sent[-1]

    assert [await last_sent() for _ in range(5)] == [5] * 5


# --- signals ------------------------------------------------------------------------------------


def wait_for_partial(out_dir, process, timeout=30):
    deadline = time.monotonic() + timeout
    while not (out_dir.exists() and any(p.name.endswith(".partial.mp4") for p in out_dir.iterdir())):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.02)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_stop_signal_to_the_stdio_server_cancels_the_render_and_exits_within_a_second(tmp_path, sig):
    out_dir = tmp_path / "videos"
    raw = RawStdio(out_dir)
    try:
        raw.call(1, {"quality": "high"})
        wait_for_partial(out_dir, raw.process)
        time.sleep(0.3)
        sent = time.monotonic()
        raw.process.send_signal(sig)
        assert raw.process.wait(timeout=5) == 0
        assert time.monotonic() - sent < 1.0
        assert list(out_dir.iterdir()) == [] and ffmpeg_writing_into(out_dir) == []
    finally:
        raw.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_to_the_http_server_cancels_a_2026_render_and_exits_within_a_second(tmp_path, sig):
    out_dir = tmp_path / "videos"
    client = None
    with http_server(SAMPLE, out_dir) as (url, server):
        client = subprocess.Popen(
            [sys.executable, "-c", KILLED_CLIENT, url, "auto"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            wait_for_partial(out_dir, server)
            sent = time.monotonic()
            server.send_signal(sig)
            server.wait(timeout=5)
            assert time.monotonic() - sent < 1.0
            assert list(out_dir.iterdir()) == [] and ffmpeg_writing_into(out_dir) == []
        finally:
            client.kill()
            client.wait()


KILLED_CLIENT = """
import sys, anyio
from mcp import Client

async def main():
    async with Client(sys.argv[1], mode=sys.argv[2]) as client:
        await client.call_tool("create_wrapped_video", {"quality": "high"})

anyio.run(main)
"""


def test_a_server_start_sweeps_the_partials_of_processes_that_died(tmp_path):
    out_dir = tmp_path / "videos"
    killed = subprocess.Popen([sys.executable, "-m", "wrapped", "render", str(SAMPLE), "--out",
                               str(out_dir / output.server_video_template("landscape").replace("{year}", "2025"))],
                              stderr=subprocess.DEVNULL)  # fmt: skip
    wait_for_partial(out_dir, killed)
    killed.send_signal(signal.SIGKILL)  # no clean-up can run
    killed.wait()
    assert [p for p in out_dir.iterdir() if p.name.endswith(".partial.mp4")]
    raw = RawStdio(out_dir)  # started and initialized
    try:
        assert list(out_dir.iterdir()) == []
    finally:
        raw.close()


def test_a_cancelled_2025_http_call_gets_no_response_its_stream_just_ends(tmp_path):
    """A raw HTTP peer: the SDK would write -32800 'Request cancelled' into the call's stream."""
    out_dir = tmp_path / "videos"
    with http_server(SAMPLE, out_dir) as (url, _server):
        where = urlsplit(url)
        head = {"accept": "application/json, text/event-stream", "content-type": "application/json"}

        def post(message, headers):
            connection = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
            connection.request("POST", where.path, json.dumps(message), headers)
            return connection, connection.getresponse()

        _, init = post(INITIALIZE, head)
        head |= {"mcp-session-id": init.getheader("mcp-session-id"), "mcp-protocol-version": "2025-11-25"}
        init.read()
        post({"jsonrpc": "2.0", "method": "notifications/initialized"}, head)[1].read()
        _, stream = post(
            {
                "jsonrpc": "2.0",
                "id": 7,
                "method": "tools/call",
                "params": {"name": "create_wrapped_video", "arguments": FAST, "_meta": {"progressToken": 7}},
            },
            head,
        )
        events: list[dict] = []
        while line := stream.readline():  # until the server ends the stream
            if line.startswith(b"data:"):
                events.append(json.loads(line[5:]))
                if len(events) == 3:  # rendering: cancel it the protocol's way
                    post(
                        {
                            "jsonrpc": "2.0",
                            "method": "notifications/cancelled",
                            "params": {"requestId": 7, "reason": "changed my mind"},
                        },
                        head,
                    )[1].read()
        assert len(events) >= 3 and all(e.get("method") == "notifications/progress" for e in events)
        assert not [e for e in events if e.get("id") == 7], "the cancelled request got a response"
    assert list(out_dir.iterdir()) == []
