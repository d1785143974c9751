"""The thread bridge on its own: real threads, a real event loop, a real file."""

from __future__ import annotations

import threading
import time

import anyio
import pytest

from wrapped.pipeline import Progress
from wrapped.server.worker import run_cancellable

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend():
    return "asyncio"


async def test_a_cancel_that_lands_after_the_work_finished_undoes_its_result(tmp_path):
    """The render has passed its last cancel check and renamed its file when the cancel comes:
    nobody will receive the file, so it must not stay."""
    finished = threading.Event()
    made = tmp_path / "video.mp4"

    def work(cancel, on_progress):
        made.write_bytes(b"a finished video")
        finished.set()
        time.sleep(0.3)  # past the last check: the cancel arrives while the thread returns
        return made

    outcome = {}

    async def call():
        try:
            outcome["value"] = await run_cancellable(work, lambda p: anyio.sleep(0), undo=lambda path: path.unlink())
        except anyio.get_cancelled_exc_class():
            outcome["cancelled"] = True
            raise

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(call)
        await anyio.to_thread.run_sync(finished.wait)
        tasks.cancel_scope.cancel()
    assert outcome == {"cancelled": True}
    assert not made.exists()


async def test_progress_is_sent_in_order_stops_at_the_cancel_and_the_thread_is_joined(tmp_path):
    sent: list[float] = []
    stopped = threading.Event()

    def work(cancel, on_progress):
        done = 0
        while not cancel.is_set():
            done += 1
            on_progress(Progress(done, None, "working"))
            time.sleep(0.002)
        stopped.set()
        raise RuntimeError("stopped")  # a worker's own 'stopped' error must not hide the cancel

    async def send(p: Progress):
        sent.append(p.done)

    with anyio.move_on_after(0.5):
        await run_cancellable(work, send)
    cancelled_at = len(sent)
    assert stopped.is_set(), "the thread must have finished before the cancel propagates"
    await anyio.sleep(0.2)
    assert len(sent) == cancelled_at and sent == sorted(set(sent)) and 2 <= len(sent) <= 8
    assert not [t for t in threading.enumerate() if t.name == "wrapped-render"]
