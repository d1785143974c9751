"""Runs a blocking pipeline call in a worker thread for an async caller, with cancel and progress.

The worker thread never waits on the event loop. A worker that calls back into the loop
(``anyio.from_thread.run(ctx.report_progress, ...)``) after its request was cancelled can
block forever: a coroutine started through ``from_thread.run`` after its host scope was
cancelled is never cancelled itself (seen on 2026-07-28 streamable HTTP with mcp 2.3: the
thread, the handler and the request leaked, and the server ignored SIGTERM). Instead:
- the worker writes its latest progress into a lock-protected slot and returns at once;
- a pump task looks at the slot every 10 ms and sends it on if it has advanced and 0.1 s
  have passed since the last send: the first report goes out at once, at most about 10
  notifications a second follow, and `done` strictly increases;
- a watcher task sets the cancel Event when the caller's scope is cancelled (a client's
  cancel, a closed stream, a dropped connection);
- the caller awaits the thread without abandoning it, so by the time a cancellation
  propagates the worker has stopped and deleted its files.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import anyio
import anyio.lowlevel
import anyio.to_thread

from wrapped.pipeline import Progress

T = TypeVar("T")
POLL_SECONDS = 0.01
MIN_GAP_SECONDS = 0.1


class LatestProgress:
    """The newest progress report, handed from the worker thread to the loop without blocking."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value: Progress | None = None

    def put(self, progress: Progress) -> None:
        with self._lock:
            self._value = progress

    def take(self) -> Progress | None:
        with self._lock:
            value, self._value = self._value, None
            return value


class _Outcome(Generic[T]):
    value: T
    finished = False
    error: BaseException | None = None


async def run_cancellable(
    work: Callable[[threading.Event, Callable[[Progress], None]], T],
    send_progress: Callable[[Progress], Awaitable[None]],
    *,
    undo: Callable[[T], None] = lambda _value: None,
    thread_name: str = "wrapped-render",
) -> T:
    """Run work(cancel, on_progress) in a thread; cancelling the calling task stops it cleanly.

    Returns work's value, re-raises its error, or raises the caller's cancellation once the
    worker has finished cleaning up. A cancellation that lands after the work succeeded
    calls undo(value) first: nobody will receive the result, so nothing of it should stay.
    """
    cancel = threading.Event()
    latest = LatestProgress()
    outcome: _Outcome[T] = _Outcome()
    last_sent = -1.0

    def in_thread() -> None:
        thread = threading.current_thread()
        pooled_name, thread.name = thread.name, thread_name
        try:
            outcome.value = work(cancel, latest.put)
            outcome.finished = True
        except BaseException as exc:  # handed back to the loop below
            outcome.error = exc
        finally:
            thread.name = pooled_name

    async def pump_once() -> None:
        nonlocal last_sent
        progress = latest.take()
        if progress is not None and progress.done > last_sent:
            last_sent = progress.done
            await send_progress(progress)

    async def pump() -> None:
        while not cancel.is_set():
            sent = last_sent
            await pump_once()
            await anyio.sleep(MIN_GAP_SECONDS if last_sent != sent else POLL_SECONDS)

    async def watch() -> None:
        try:
            await anyio.sleep_forever()
        finally:
            cancel.set()

    try:
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(watch)
            tasks.start_soon(pump)
            await anyio.to_thread.run_sync(in_thread, abandon_on_cancel=False)
            tasks.cancel_scope.cancel()
        # A cancellation that arrived while the thread ran surfaces here, before any result or error.
        await anyio.lowlevel.checkpoint()
    except BaseException:
        if outcome.finished:
            undo(outcome.value)
        raise
    if outcome.error is not None:
        raise outcome.error
    await pump_once()  # the final report goes out before the response, never after it
    return outcome.value
