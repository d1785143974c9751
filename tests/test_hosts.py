"""What an MCP host meets around the calls, over real transports: the server's identity and
icons, resource templates, completion of names, and being told when the resources change."""

from __future__ import annotations

import base64
import io
import os
import time
from pathlib import Path

import anyio
import pytest
from mcp import Client
from mcp_types import ResourceListChangedNotification, ResourceTemplateReference
from PIL import Image

from wrapped.server.library import Made

from mcp_transports import SAMPLE, TRANSPORTS, Connection, http_server

FAKE_VIDEO = "wrapped-2025-landscape-0123abcd.mp4"


def plant_earlier_video(folder: Path) -> Path:
    """A video an earlier run of this server made: on disk and in the server's own record of what it made."""
    (folder / FAKE_VIDEO).write_bytes(b"an earlier video")
    Made(folder, SAMPLE.resolve()).add(FAKE_VIDEO)
    return folder / FAKE_VIDEO


class Heard:
    """Counts resources/list_changed the way the era delivers it: a 2025 session's notification,
    or an event on the 2026-07-28 session's subscriptions/listen stream."""

    def __init__(self, transport: str) -> None:
        self.modern = transport.endswith("-auto")
        self.count = 0

    async def on_message(self, message) -> None:
        # a 2026-07-28 client also hands its listen stream's frames to the message handler: there,
        # only the listen stream counts
        if not self.modern and isinstance(getattr(message, "root", message), ResourceListChangedNotification):
            self.count += 1

    async def reaches(self, count: int, timeout: float = 10.0) -> None:
        with anyio.fail_after(timeout):
            while self.count < count:
                await anyio.sleep(0.01)


async def listening(client, heard: Heard, task_group) -> None:
    """On 2026-07-28, open a listen stream for resource list changes and count its events."""
    assert heard.modern == (client.protocol_version >= "2026")
    if not heard.modern:
        return
    ready = anyio.Event()

    async def listen() -> None:
        async with client.listen(resources_list_changed=True) as subscription:
            assert subscription.honored.resources_list_changed
            ready.set()
            async for _event in subscription:
                heard.count += 1

    task_group.start_soon(listen)
    await ready.wait()


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_every_era_is_told_once_per_share_and_delete_and_capabilities_say_only_that(tmp_path, transport):
    plant_earlier_video(tmp_path)
    heard = Heard(transport)

    async def main() -> None:
        async with Connection(transport, SAMPLE, tmp_path, message_handler=heard.on_message) as client:
            caps = client.server_capabilities
            assert caps.resources.list_changed is True and not caps.resources.subscribe
            assert not caps.tools.list_changed and caps.prompts is None and caps.completions is not None
            async with anyio.create_task_group() as tasks:
                await listening(client, heard, tasks)
                shared = await client.call_tool("create_share_images", {})
                assert not shared.is_error
                await heard.reaches(1)
                deleted = await client.call_tool("delete_wrapped_video", {"name": FAKE_VIDEO})
                assert not deleted.is_error
                await heard.reaches(2)
                missing = await client.call_tool("delete_wrapped_video", {"name": FAKE_VIDEO})
                assert missing.is_error  # nothing changed: nothing is said
                await client.call_tool("list_journal_years", {})
                await anyio.sleep(0.3)
                assert heard.count == 2
                tasks.cancel_scope.cancel()

    anyio.run(main)


@pytest.mark.parametrize("transport", ["stdio-legacy", "http-auto"])
def test_a_render_that_prunes_an_old_video_is_told_once(tmp_path, transport):
    plant_earlier_video(tmp_path)
    old = time.time() - 3600
    os.utime(tmp_path / FAKE_VIDEO, (old, old))
    heard = Heard(transport)

    async def main() -> None:
        connection = Connection(transport, SAMPLE, tmp_path, message_handler=heard.on_message, keep=1)
        async with connection as client, anyio.create_task_group() as tasks:
            await listening(client, heard, tasks)
            result = await client.call_tool("create_wrapped_video", {"fps": 10, "quality": "draft"})
            assert not result.is_error, result.content
            await heard.reaches(1)
            names = [r.name for r in (await client.list_resources()).resources]
            assert names == [result.structured_content["path"].rsplit("/", 1)[1]]  # the old one was pruned
            await anyio.sleep(0.3)
            assert heard.count == 1
            tasks.cancel_scope.cancel()

    anyio.run(main)


@pytest.mark.parametrize("transport", ["stdio-legacy", "stdio-auto", "http-legacy"])
def test_hosts_see_a_description_a_website_and_the_packaged_icon(tmp_path, transport):
    async def main() -> None:
        async with Connection(transport, SAMPLE, tmp_path) as client:
            info = client.server_info
            assert info.description and "journal" in info.description
            assert info.website_url.startswith("https://github.com/")
            tools = (await client.list_tools()).tools
            for icon in [*info.icons, *(icon for tool in tools for icon in tool.icons)]:
                assert icon.src.startswith("data:image/png;base64,") and icon.mime_type == "image/png"
                with Image.open(io.BytesIO(base64.b64decode(icon.src.split(",", 1)[1]))) as image:
                    assert image.size == (64, 64)
            share = next(tool for tool in tools if tool.name == "create_share_images")
            assert set(share.output_schema["properties"]) >= {"story_path", "story_uri", "card_path", "card_uri"}

    anyio.run(main)


@pytest.mark.parametrize("transport", ["memory-legacy", "stdio-auto", "http-auto"])
def test_templates_name_both_kinds_and_completion_offers_what_the_library_holds_newest_first(tmp_path, transport):
    names = [
        "wrapped-2024-square-00000001.mp4",
        "wrapped-2025-landscape-00000002.mp4",
        "wrapped-2025-vertical-00000003.mp4",
    ]
    for age, name in enumerate(reversed(names)):  # the last is the newest
        (tmp_path / name).write_bytes(b"video")
        os.utime(tmp_path / name, (1_700_000_000 - age * 60,) * 2)
    (tmp_path / "holiday.mp4").write_bytes(b"not one of the server's videos")

    async def main() -> None:
        async with Connection(transport, SAMPLE, tmp_path) as client:
            templates = {
                t.uri_template: t.mime_type for t in (await client.list_resource_templates()).resource_templates
            }
            assert templates == {"wrapped://videos/{name}": "video/mp4", "wrapped://images/{name}": "image/png"}
            videos = ResourceTemplateReference(uri="wrapped://videos/{name}")
            every = (await client.complete(videos, {"name": "name", "value": ""})).completion
            assert every.values == list(reversed(names)) and every.total == 3 and not every.has_more
            typed = (await client.complete(videos, {"name": "name", "value": "wrapped-2025"})).completion
            assert typed.values == [names[2], names[1]]
            images = ResourceTemplateReference(uri="wrapped://images/{name}")
            assert (await client.complete(images, {"name": "name", "value": ""})).completion.values == []
            shared = await client.call_tool("create_share_images", {})
            story, card = shared.structured_content["story_uri"], shared.structured_content["card_uri"]
            offered = (await client.complete(images, {"name": "name", "value": "wrapped-2025-"})).completion.values
            assert sorted(offered) == sorted([story.rsplit("/", 1)[1], card.rsplit("/", 1)[1]])
            read = await client.read_resource(story)
            assert read.contents[0].mime_type == "image/png"

    anyio.run(main)


def test_share_images_answer_with_structured_content_matching_the_files(tmp_path):
    async def main() -> None:
        async with Connection("stdio-legacy", SAMPLE, tmp_path) as client:
            result = await client.call_tool("create_share_images", {"year": 2025})
            data = result.structured_content
            assert data["year"] == 2025
            story, card = (
                tmp_path / data["story_path"].rsplit("/", 1)[1],
                tmp_path / data["card_path"].rsplit("/", 1)[1],
            )
            assert data["bytes"] == story.stat().st_size + card.stat().st_size
            with Image.open(story) as s, Image.open(card) as c:
                assert s.size == (1080, 1920) and c.size == (1200, 630)

    anyio.run(main)


def test_every_session_on_one_http_server_is_told_not_only_the_caller(tmp_path):
    """Two 2025-era hosts and one 2026-07-28 host share a server; one of them makes images."""
    legacy_one, legacy_two, modern = Heard("http-legacy"), Heard("http-legacy"), Heard("http-auto")

    async def main(url) -> None:
        async with (
            Client(url, mode="legacy", message_handler=legacy_one.on_message) as caller,
            Client(url, mode="legacy", message_handler=legacy_two.on_message),
            Client(url, mode="auto", message_handler=modern.on_message) as watcher,
            anyio.create_task_group() as tasks,
        ):
            await listening(watcher, modern, tasks)
            assert not (await caller.call_tool("create_share_images", {})).is_error
            for heard in (legacy_one, legacy_two, modern):
                await heard.reaches(1)
            await anyio.sleep(0.3)
            assert (legacy_one.count, legacy_two.count, modern.count) == (1, 1, 1)
            tasks.cancel_scope.cancel()

    with http_server(SAMPLE, tmp_path) as (url, _process):
        anyio.run(main, url)
