"""Share images: `wrapped share` writes a 1080x1920 story and a 1200x630 card; over MCP,
create_share_images returns both as images and as resource links that read back the same bytes."""

from __future__ import annotations

import base64
import io
import os
import subprocess
import sys

import pytest
from PIL import Image

from conftest import SAMPLE
from mcp_transports import TRANSPORTS, Connection


def wrapped(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "wrapped", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)  # fmt: skip


def test_share_writes_the_story_and_the_card_and_nothing_else(tmp_path):
    result = wrapped("share", str(SAMPLE), "--out-dir", str(tmp_path / "cards"))
    assert result.returncode == 0, result.stderr
    story, card = tmp_path / "cards" / "wrapped-2025-story.png", tmp_path / "cards" / "wrapped-2025-card.png"
    assert result.stdout.split() == [str(story), str(card)]
    assert Image.open(story).size == (1080, 1920) and Image.open(card).size == (1200, 630)
    assert sorted(p.name for p in (tmp_path / "cards").iterdir()) == [card.name, story.name]


def test_share_for_a_year_defaults_to_the_working_folder(tmp_path):
    result = wrapped("share", str(SAMPLE), "--year", "2024", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wrapped-2024-card.png", "wrapped-2024-story.png"]


def test_share_never_replaces_a_fifo_or_a_folder(tmp_path):
    os.mkfifo(tmp_path / "wrapped-2025-story.png")
    result = wrapped("share", str(SAMPLE), "--out-dir", str(tmp_path))
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "wrapped-2025-story.png" in result.stderr and "FIFO" in result.stderr.upper()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wrapped-2025-story.png"]


@pytest.mark.parametrize("when", ["before", "between the two images"])
def test_a_cancelled_share_leaves_neither_image(tmp_path, monkeypatch, when):
    import threading

    from wrapped.errors import RenderCancelled
    from wrapped.journal import read_journal
    from wrapped.pipeline import make_share_images
    from wrapped.video import share

    cancel = threading.Event()
    if when == "before":
        cancel.set()
    else:
        real = share.story_image
        monkeypatch.setattr(share, "story_image", lambda stats: (real(stats), cancel.set())[0])
    with pytest.raises(RenderCancelled):
        make_share_images(read_journal(SAMPLE), tmp_path / "cards", cancel=cancel)
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.mark.anyio
@pytest.mark.parametrize("transport", ["memory-legacy", TRANSPORTS[-1]])
async def test_create_share_images_returns_images_and_links_that_read_back(transport, tmp_path):
    async with Connection(transport, SAMPLE, tmp_path / "videos") as client:
        result = await client.call_tool("create_share_images", {"year": 2025})
        assert not result.is_error
        images = [c for c in result.content if c.type == "image"]
        links = [c for c in result.content if c.type == "resource_link"]
        assert len(images) == 2 and len(links) == 2
        sizes = [Image.open(io.BytesIO(base64.b64decode(i.data))).size for i in images]
        assert sizes == [(1080, 1920), (1200, 630)]
        for image, link in zip(images, links, strict=True):
            read = await client.read_resource(link.uri)
            assert base64.b64decode(read.contents[0].blob) == base64.b64decode(image.data)
            assert read.contents[0].mime_type == "image/png"
        listed = {str(r.uri) for r in (await client.list_resources()).resources}
        assert {str(link.uri) for link in links} <= listed
        with pytest.raises(Exception, match=r"no video|Unknown resource"):
            await client.read_resource("wrapped://images/..%2Fwrapped-2025-story-00000000.png")
