"""Hosting the MCP server: stdio, or streamable HTTP behind the disconnect-is-cancel middleware.

SIGINT, SIGTERM and SIGHUP mean the same on both: every render in flight is cancelled (ffmpeg
killed, partial files deleted) and the server exits within a second. At start, the partial files
of processes that died (a SIGKILL, a power cut) are swept from the out dir (see build_server).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType

import anyio

from wrapped.server.http_guard import Access, HostGuard, check_bind, host_port, is_loopback
from wrapped.server.tools import WrappedServer, build_server
from wrapped.server.worker import RUNNING

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
STOP_WAIT_SECONDS = 0.8  # the longest a stop waits for renders to clean up (they take milliseconds)
log = logging.getLogger("wrapped.server")


def serve(
    journal: Path | None = None,
    out_dir: Path | None = None,
    http: bool = False,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    keep: int | None = None,
    max_renders: int | None = None,
    allow_hosts: Sequence[str] = (),
    allow_origins: Sequence[str] = (),
    allow_remote: bool = False,
    token: str | None = None,
) -> None:
    """Serve until stopped. Over HTTP, a bind beyond loopback is refused (RemoteBindRefused) unless
    allow_remote and a bearer token are given; Host and Origin are checked on every bind."""
    if http:
        check_bind(host, allow_remote, token)  # before anything is made or swept
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    server = build_server(journal, out_dir, keep=keep, max_renders=max_renders)
    if http:
        access = Access.for_bind(host, port, allow_hosts, allow_origins, token)
        serve_http(server, host, port, access)
    else:
        serve_stdio(server)


def serve_stdio(server: WrappedServer) -> None:
    """Serve stdio until the client goes away or a stop signal comes."""
    anyio.run(_stdio_until_signal, server)


async def _stdio_until_signal(server: WrappedServer) -> None:
    async with anyio.create_task_group() as tasks:

        async def stop_on_signals() -> None:
            with anyio.open_signal_receiver(*STOP_SIGNALS) as signals:
                async for signum in signals:
                    count = RUNNING.cancel_all()  # each render thread stops within a batch and cleans up
                    log.info("%s: stopping; %d render(s) cancelled", signal.Signals(signum).name, count)
                    with anyio.move_on_after(STOP_WAIT_SECONDS):
                        while len(RUNNING):  # each leaves once ffmpeg is dead and its file deleted
                            await anyio.sleep(0.005)
                    # The thread reading stdin sits in a read only the client can end, and anyio
                    # would wait for it: leave now, with every render cleaned up.
                    logging.shutdown()
                    sys.stdout.flush()
                    os._exit(0)

        tasks.start_soon(stop_on_signals)
        await server.run_stdio_async()
        tasks.cancel_scope.cancel()  # the client went away


def serve_http(server: WrappedServer, host: str, port: int, access: Access | None = None) -> None:
    import uvicorn
    from mcp.server.transport_security import TransportSecuritySettings

    from wrapped.server.http_cancel import CancelOnDisconnect
    from wrapped.server.http_limits import BACKLOG, DeadlineH11Protocol, pending_cap, raise_open_file_limit

    class Server(uvicorn.Server):
        """uvicorn, stopping on SIGHUP too, and cancelling every render as it begins to stop."""

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            with super().capture_signals():
                previous = signal.signal(signal.SIGHUP, self.handle_exit)
                try:
                    yield
                finally:
                    signal.signal(signal.SIGHUP, previous)

        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            RUNNING.cancel_all()
            super().handle_exit(sig, frame)

    access = access or Access.for_bind(host, port)
    # The SDK's own check, given the same lists (it switches itself on only for three loopback names);
    # the guard in front is the rule that holds on every bind.
    security = TransportSecuritySettings(
        enable_dns_rebinding_protection=True, allowed_hosts=sorted(access.hosts), allowed_origins=sorted(access.origins)
    )
    app = HostGuard(CancelOnDisconnect(server.streamable_http_app(host=host, transport_security=security)), access)
    DeadlineH11Protocol.cap = pending_cap(raise_open_file_limit())  # slow clients never lock others out
    config = uvicorn.Config(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=1,
                            http=DeadlineH11Protocol, backlog=BACKLOG)  # fmt: skip
    where = f"http://{host_port(host, port)}/mcp"
    if is_loopback(host):
        print(f"wrapped: serving MCP at {where}, reachable from this machine only", file=sys.stderr, flush=True)
    else:
        print(f"wrapped: serving MCP at {where}, REACHABLE FROM THE NETWORK; every request needs the bearer token",
              file=sys.stderr, flush=True)  # fmt: skip
    Server(config).run()  # uvicorn logs to stderr
