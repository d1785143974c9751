"""The render queue: at most `slots` renders at once, the rest waiting in the order they came.

Renders share two cores: eight at once all finish together after eight times as long, holding
eight times the memory, and the first caller waits as long as the last. Waiting in order gives
each caller its video as soon as its turn is done. A waiting call reports how many renders are
ahead of it, and leaves the queue at once, with nothing to clean, when it is cancelled.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import anyio


def default_slots() -> int:
    """One render per two cores (x264 and the drawing threads keep two cores busy): 1 here."""
    return max(1, (os.cpu_count() or 2) // 2)


class RenderQueue:
    def __init__(self, slots: int):
        if slots < 1:
            raise ValueError("a render queue needs at least one slot")
        self.slots = slots
        self.running = 0
        self._waiting: list[object] = []
        self._changed = anyio.Event()

    def ahead_of(self, ticket: object) -> int:
        """Renders that will start before this ticket's: those running and those waiting before it."""
        return self.running + self._waiting.index(ticket)

    @asynccontextmanager
    async def slot(self, on_wait: Callable[[int], Awaitable[None]]) -> AsyncIterator[None]:
        """Wait for a turn (calling on_wait(renders ahead) whenever that number changes), then hold it."""
        ticket = object()
        self._waiting.append(ticket)
        reported = -1
        try:
            while not (self.running < self.slots and self._waiting[0] is ticket):
                ahead = self.ahead_of(ticket)
                if ahead != reported:
                    reported = ahead
                    await on_wait(ahead)
                changed = self._changed
                await changed.wait()
        except BaseException:
            self._waiting.remove(ticket)
            self._notify()
            raise
        self._waiting.remove(ticket)
        self.running += 1
        try:
            yield
        finally:
            self.running -= 1
            self._notify()

    def _notify(self) -> None:
        changed, self._changed = self._changed, anyio.Event()
        changed.set()
