"""Real MCP transports for the tests: in-memory JSON-RPC streams, a stdio subprocess, HTTP on loopback."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from mcp import Client
from mcp.client._memory import InMemoryTransport
from mcp.client.stdio import StdioServerParameters

from wrapped.server import build_server

TRANSPORTS = ["memory-legacy", "memory-auto", "stdio-legacy", "stdio-auto", "http-legacy", "http-auto"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_args(journal: Path, out_dir: Path, options: dict | None = None) -> list[str]:
    flags = [f"--{key.replace('_', '-')}={value}" for key, value in (options or {}).items()]
    return ["-m", "wrapped", "serve", "--journal", str(journal), "--out-dir", str(out_dir), *flags]


@contextlib.contextmanager
def http_server(journal: Path, out_dir: Path, options: dict | None = None):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, *serve_args(journal, out_dir, options), "--http", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while True:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        assert process.poll() is None and time.monotonic() < deadline, "HTTP server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/mcp", process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            raise AssertionError("HTTP server ignored SIGTERM") from None


class Connection:
    """One client session over one transport; `server_pid` is None when the server is in-process."""

    def __init__(self, transport: str, journal: Path, out_dir: Path, **options):
        """`options` are build_server's keyword arguments (keep, max_renders), given as flags to a process."""
        self.transport, self.journal, self.out_dir, self.options = transport, journal, out_dir, options
        self.kind, self.mode = transport.split("-")
        self.server_pid: int | None = None
        self._stack = contextlib.AsyncExitStack()

    async def __aenter__(self) -> Client:
        if self.kind == "memory":
            target = InMemoryTransport(build_server(self.journal, self.out_dir, **self.options))
        elif self.kind == "stdio":
            target = StdioServerParameters(
                command=sys.executable, args=serve_args(self.journal, self.out_dir, self.options), env={**os.environ}
            )
        else:
            url, process = self._stack.enter_context(http_server(self.journal, self.out_dir, self.options))
            self.server_pid = process.pid
            target = url
        return await self._stack.enter_async_context(Client(target, mode=self.mode))

    async def __aexit__(self, *exc) -> None:
        await self._stack.__aexit__(*exc)
