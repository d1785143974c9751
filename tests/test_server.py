"""create_wrapped_video over real transports: progress, results, and cancellation that leaves nothing."""

from __future__ import annotations

import base64
import json
import random
import time
from pathlib import Path

import anyio
import pytest
from moviepy import VideoFileClip

from wrapped.settings import DEFAULT_FORMAT, FORMATS

from conftest import FIXTURES, SAMPLE, ffmpeg_writing_into, render_threads, server_files
from mcp_transports import TRANSPORTS, Connection

FAST = {"fps": 10, "quality": "draft"}
pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend():
    return "asyncio"


async def wait_until_clean(out_dir, in_process: bool, seconds: float = 10.0) -> float:
    """Seconds until no file, no ffmpeg and (in-process) no render thread remain; fails after `seconds`."""
    start = time.monotonic()
    while True:
        left = server_files(out_dir)
        busy = ffmpeg_writing_into(out_dir) or (in_process and render_threads())
        if not left and not busy:
            return time.monotonic() - start
        if time.monotonic() - start > seconds:
            raise AssertionError(f"left behind: files={left} ffmpeg/threads={busy}")
        await anyio.sleep(0.005)


async def cancel_after(client, progress_count: int | None = None, delay: float | None = None, **args):
    """Call create_wrapped_video and cancel the calling task; returns (result, progress seen, cancel time)."""
    seen: list[tuple[float, float, float | None, str | None]] = []
    enough = anyio.Event()
    result = None

    async def on_progress(progress, total, message):
        seen.append((time.monotonic(), progress, total, message))
        if progress_count is not None and len(seen) >= progress_count:
            enough.set()

    async def call():
        nonlocal result
        result = await client.call_tool("create_wrapped_video", {**FAST, **args}, progress_callback=on_progress)

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(call)
        if progress_count is not None:
            with anyio.fail_after(30):
                await enough.wait()
        else:
            await anyio.sleep(delay)
        cancelled_at = time.monotonic()
        tasks.cancel_scope.cancel()
    return result, seen, cancelled_at


@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_a_full_call_reports_rising_progress_and_returns_a_video_that_matches(transport, tmp_path):
    out_dir = tmp_path / "videos"
    seen = []

    async def on_progress(progress, total, message):
        seen.append((progress, total, message))

    async with Connection(transport, SAMPLE, out_dir) as client:
        result = await client.call_tool("create_wrapped_video", {**FAST, "year": 2025}, progress_callback=on_progress)
    assert not result.is_error, result.content
    info = result.structured_content
    path = out_dir / info["path"].rsplit("/", 1)[1]
    assert server_files(out_dir) == [path.name] and info["path"] == str(path)
    assert info["bytes"] == path.stat().st_size and info["year"] == 2025 and info["entries"] == 287
    link, text, poster, as_json = result.content
    assert json.loads(as_json.text) == info  # the structured content, repeated as JSON text
    assert link.type == "resource_link" and link.mime_type == "video/mp4" and link.uri == info["uri"]
    assert str(path) in text.text and poster.type == "image" and base64.b64decode(poster.data)[:4] == b"\x89PNG"
    clip = VideoFileClip(str(path))
    try:
        assert tuple(clip.size) == (info["width"], info["height"]) == FORMATS[DEFAULT_FORMAT]  # vertical first
        assert clip.fps == info["fps"] == 10 and round(clip.duration * clip.fps) == info["frames"]
    finally:
        clip.close()
    values = [p for p, _, _ in seen]
    assert values == sorted(set(values)) and len(values) >= 3, "progress must strictly increase"
    total = seen[-1][1]
    assert all(t == total for _, t, _ in seen[1:]) and 0.9 * total <= values[-1] <= total
    # (the final "Done" report is sent before the response, but over HTTP a client may run the
    # progress callback after call_tool has returned, so the last one seen can be an earlier one)
    assert any("Drawing" in (m or "") for _, _, m in seen) and all(m for _, _, m in seen)
    assert len(values) <= 10 * 20, "no more than about 10 notifications a second"


@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_cancel_after_progress_leaves_nothing_and_the_session_goes_on(transport, tmp_path):
    out_dir = tmp_path / "videos"
    conn = Connection(transport, SAMPLE, out_dir)
    async with conn as client:
        result, seen, cancelled_at = await cancel_after(client, progress_count=4)
        assert result is None
        await wait_until_clean(out_dir, in_process=conn.kind == "memory")
        await anyio.sleep(0.3)
        assert all(t <= cancelled_at for t, *_ in seen), "progress arrived after the cancel"
        years = await client.call_tool("list_journal_years", {})
        assert years.structured_content["years"] == [{"year": 2024, "entries": 13}, {"year": 2025, "entries": 287}]
        again = await client.call_tool("create_wrapped_video", {**FAST, "format": "square"})
        assert not again.is_error and again.structured_content["width"] == 1080
        assert server_files(out_dir) == [again.structured_content["path"].rsplit("/", 1)[1]]
    if conn.server_pid is None:
        assert render_threads() == []


async def test_cancelling_at_random_moments_never_leaks(tmp_path):
    rng = random.Random(7)
    out_dir = tmp_path / "videos"
    delays = [0.0, 0.001, 0.02, 0.08] + [rng.uniform(0.1, 3.0) for _ in range(6)]
    async with Connection("memory-legacy", SAMPLE, out_dir) as client:
        for delay in delays:
            result, _, _ = await cancel_after(client, delay=delay)
            if result is not None:  # finished before the cancel: the caller has the file
                for p in out_dir.iterdir():
                    p.unlink()
            await wait_until_clean(out_dir, in_process=True)
        ok = await client.call_tool("list_journal_years", {})
        assert not ok.is_error


async def test_several_renders_at_once_do_not_touch_each_others_files(tmp_path):
    out_dir = tmp_path / "videos"
    results = {}
    async with Connection("memory-auto", SAMPLE, out_dir) as client:

        async def render(key, fmt):
            results[key] = await client.call_tool("create_wrapped_video", {**FAST, "format": fmt})

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(render, "a", "landscape")
            tasks.start_soon(render, "b", "landscape")
            _, _, _ = await cancel_after(client, progress_count=3, format="vertical")
    paths = sorted(r.structured_content["path"] for r in results.values())
    assert len(set(paths)) == 2 and [str(out_dir / name) for name in server_files(out_dir)] == paths


@pytest.mark.parametrize("transport", ["memory-legacy", "stdio-auto", "http-auto"])
async def test_bad_arguments_and_missing_years_are_tool_errors_the_model_can_read(transport, tmp_path):
    async with Connection(transport, FIXTURES / "jrnl.txt", tmp_path / "videos") as client:
        missing = await client.call_tool("create_wrapped_video", {"year": 2019})
        assert missing.is_error and "no entries in 2019 (found 2023, 2024)" in missing.content[0].text
        bad = await client.call_tool("create_wrapped_video", {"format": "cinema"})
        assert bad.is_error and "format" in bad.content[0].text
        stats = await client.call_tool("get_year_stats", {"year": 2024})
        assert not stats.is_error and stats.structured_content["entries"] == 3


async def test_a_finished_video_can_be_read_as_a_resource(tmp_path):
    async with Connection("memory-legacy", FIXTURES / "jrnl.txt", tmp_path / "videos") as client:
        result = await client.call_tool("create_wrapped_video", FAST)
        uri = result.structured_content["uri"]
        read = await client.read_resource(uri)
        blob = base64.b64decode(read.contents[0].blob)
        assert blob == Path(result.structured_content["path"]).read_bytes()
        for uri in ("wrapped://videos/..%2F..%2Fetc%2Fpasswd", "wrapped://videos/wrapped-2024-landscape-deadbeef.mp4"):
            with pytest.raises(Exception, match=r"no video|Unknown resource"):
                await client.read_resource(uri)
