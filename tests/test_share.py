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


# Both or neither: a stop at any moment leaves the earlier pair untouched or the new pair complete.

STORY, CARD = "wrapped-2025-story.png", "wrapped-2025-card.png"


def _earlier_pair(folder):
    folder.mkdir(exist_ok=True)
    earlier = {}
    for name, colour in ((STORY, "red"), (CARD, "blue")):
        Image.new("RGB", (10, 10), colour).save(folder / name)
        earlier[name] = (folder / name).read_bytes()
    return earlier


def _pair_state(folder, earlier):
    """'earlier' or 'new'; fails on a mixed, missing or half-written pair, or a file left behind."""
    assert sorted(p.name for p in folder.iterdir()) == [CARD, STORY]  # no hidden temporary or kept file
    now = {name: (folder / name).read_bytes() for name in (STORY, CARD)}
    if now == earlier:
        return "earlier"
    assert now[STORY] != earlier[STORY] and now[CARD] != earlier[CARD], "one image is new, the other earlier"
    assert Image.open(folder / STORY).size == (1080, 1920) and Image.open(folder / CARD).size == (1200, 630)
    return "new"


def _share(folder, env=None):
    return subprocess.Popen([sys.executable, "-m", "wrapped", "share", str(SAMPLE), "--year", "2025", "--out-dir",
                             str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})  # fmt: skip


def _wait_for(condition, timeout=60.0):
    import time

    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.001)


def test_a_stop_at_any_moment_leaves_the_earlier_pair_or_the_new_pair(tmp_path):
    """A sweep of real SIGINTs and SIGTERMs, timed from the moment the first hidden image appears
    (drawing and writing take a few hundred ms), across the whole write."""
    import signal
    import time

    states = []
    for i, delay in enumerate((0.0, 0.03, 0.08, 0.15, 0.3, 0.6)):
        folder = tmp_path / f"run{i}"
        earlier = _earlier_pair(folder)
        process = _share(folder)
        started = lambda f=folder, p=process: p.poll() is not None or any(n.startswith(".") for n in os.listdir(f))  # noqa: E731
        _wait_for(started)
        time.sleep(delay)
        process.send_signal(signal.SIGINT if i % 2 else signal.SIGTERM)
        code = process.wait(timeout=60)
        state = _pair_state(folder, earlier)
        # 130: stopped (either pair); 0, or killed by the signal while the interpreter shut down: done
        assert code == 130 or (code in (0, -signal.SIGINT, -signal.SIGTERM) and state == "new"), (delay, code)
        states.append(state)
    assert "earlier" in states  # the sweep did stop some runs midway


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM"])
def test_a_stop_between_the_two_renames_is_held_until_the_new_pair_is_complete(tmp_path, stop):
    import signal

    folder = tmp_path / "cards"
    earlier = _earlier_pair(folder)
    process = _share(folder, {"WRAPPED_TEST_COMMIT_PAUSE": "1.5"})  # after each rename: the window, made wide
    _wait_for(lambda: (folder / STORY).read_bytes() != earlier[STORY])  # the story is new, the card not yet
    assert (folder / CARD).read_bytes() == earlier[CARD]
    process.send_signal(getattr(signal, stop))
    assert process.wait(timeout=60) == 130
    assert process.stderr.read().splitlines() == ["wrapped: stopped; both images had already been written"]
    assert _pair_state(folder, earlier) == "new"


def test_a_failed_second_rename_puts_the_earlier_first_image_back(tmp_path):
    folder = tmp_path / "cards"
    earlier = _earlier_pair(folder)
    process = _share(folder, {"WRAPPED_TEST_COMMIT_PAUSE": "1.5"})
    _wait_for(lambda: (folder / STORY).read_bytes() != earlier[STORY])
    (folder / CARD).unlink()
    os.mkfifo(folder / CARD)  # the card's name becomes a FIFO between the two renames
    assert process.wait(timeout=60) == 1
    assert "wrapped-2025-card.png: is a FIFO now" in process.stderr.read()
    assert (folder / STORY).read_bytes() == earlier[STORY]  # the earlier story is back
    assert sorted(p.name for p in folder.iterdir()) == [CARD, STORY]  # nothing hidden left
