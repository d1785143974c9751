"""Slow and idle HTTP clients: a request has 10 seconds to arrive, and dawdlers never lock others out.

uvicorn (with h11) waits forever for a request's headers and body: a header every 5 s kept one
connection open 43 s and counting, and 200 such connections, with the server at its open-file
limit, locked every new client out. Here:

- a request (headers and body) must be complete within ``REQUEST_SECONDS`` of its first byte
  (or of the connection, if nothing comes): otherwise the connection is closed;
- at start the soft limit on open files is raised to the hard limit;
- when the connections still sending their request pass a cap (the open-file limit less a
  reserve for journal reads and ffmpeg), the oldest of them is closed to make room for the new one;
- the listen backlog is small (asyncio accepts up to that many at once, before the cap can act).
"""

from __future__ import annotations

import asyncio
import logging
import resource
from typing import Any, ClassVar

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

REQUEST_SECONDS = 10.0
FILES_RESERVED = 128  # open files kept for the server itself (journal reads, ffmpeg pipes, logs) and for
# the connections accepted in one burst before the cap can act: asyncio accepts up to BACKLOG at a time
BACKLOG = 32
MAX_PENDING = 1000  # connections still sending a request, at most (each holds up to 16 KiB of headers)
log = logging.getLogger("wrapped.server")


def raise_open_file_limit() -> int:
    """Raise this process's soft limit on open files to its hard limit; return the soft limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft if soft != resource.RLIM_INFINITY else 65536


def pending_cap(open_files: int) -> int:
    return max(8, min(MAX_PENDING, open_files - FILES_RESERVED))


class DeadlineH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline on each request and a cap on connections still sending one."""

    cap: ClassVar[int] = MAX_PENDING
    _pending: ClassVar[dict[DeadlineH11Protocol, None]] = {}  # oldest first

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()
        while len(self._pending) > self.cap:
            oldest = next(iter(self._pending))
            oldest._drop("too many connections still sending a request; closed the oldest")

    def data_received(self, data: bytes) -> None:
        if self._deadline is None and not self._request_complete():
            self._arm()  # the first bytes of the next request on a kept-alive connection
        super().data_received(data)
        if self._request_complete():
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _request_complete(self) -> bool:
        return self.conn.their_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.ERROR)

    def _arm(self) -> None:
        self._deadline = self.loop.call_later(REQUEST_SECONDS, self._expired)
        self._pending[self] = None

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        self._pending.pop(self, None)

    def _expired(self) -> None:
        self._deadline = None
        if not self._request_complete():
            self._drop(f"request not complete within {REQUEST_SECONDS:.0f} s")
        else:
            self._pending.pop(self, None)

    def _drop(self, why: str) -> None:
        self._disarm()
        if not self.transport.is_closing():
            log.info("closed a connection from %s: %s", self.client[0] if self.client else "?", why)
            self.transport.close()
