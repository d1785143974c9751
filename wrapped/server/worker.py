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
SEND_GRACE_SECONDS = 1.0  # how long the last progress send may take before the result goes without it


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


class Running:
    """The cancel Events of all work in flight, so that a signal can stop every render at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._events: set[threading.Event] = set()

    def add(self, event: threading.Event) -> None:
        with self._lock:
            self._events.add(event)

    def discard(self, event: threading.Event) -> None:
        with self._lock:
            self._events.discard(event)

    def cancel_all(self) -> int:
        """Set every cancel Event; safe from a signal handler. Returns how many were running."""
        with self._lock:
            events = list(self._events)
        for event in events:
            event.set()
        return len(events)

    def __len__(self) -> int:
        with self._lock:
            return len(self._events)


RUNNING = Running()  # one per process: a signal stops everything this process runs


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
    The last progress report is always sent, and sent before this returns.
    """
    cancel = threading.Event()
    latest = LatestProgress()
    outcome: _Outcome[T] = _Outcome()
    last_sent = -1.0
    finished = anyio.Event()  # the thread has returned
    pumped = anyio.Event()  # the pump has returned, its last send complete

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
            await send_progress(progress)
            last_sent = progress.done  # only once it has gone: a send cut short is sent again

    async def pump() -> None:
        try:
            while not finished.is_set() and not cancel.is_set():
                sent = last_sent
                await pump_once()
                with anyio.move_on_after(MIN_GAP_SECONDS if last_sent != sent else POLL_SECONDS):
                    await finished.wait()
        finally:
            pumped.set()

    async def watch() -> None:
        try:
            await anyio.sleep_forever()
        finally:
            cancel.set()

    RUNNING.add(cancel)
    try:
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(watch)
            tasks.start_soon(pump)
            try:
                await anyio.to_thread.run_sync(in_thread, abandon_on_cancel=False)
            finally:
                finished.set()
            with anyio.move_on_after(SEND_GRACE_SECONDS):  # a send to a client that is gone may never end
                await pumped.wait()  # the pump stops by itself after its current send: not cut short
            tasks.cancel_scope.cancel()  # and the watcher
        # A cancellation that arrived while the thread ran surfaces here, before any result or error.
        await anyio.lowlevel.checkpoint()
    except BaseException:
        if outcome.finished:
            undo(outcome.value)
        raise
    finally:
        RUNNING.discard(cancel)
    if outcome.error is not None:
        raise outcome.error
    with anyio.move_on_after(SEND_GRACE_SECONDS):
        await pump_once()  # the final report goes out before the response, never after it
    return outcome.value
