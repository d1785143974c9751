"""Real MCP transports for the tests: in-memory JSON-RPC streams, a stdio subprocess, HTTP on loopback,
and a raw JSON-RPC peer on a stdio server's pipes."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from mcp import Client
from mcp.client._memory import InMemoryTransport
from mcp.client.stdio import StdioServerParameters

from wrapped.assets import sample_journal
from wrapped.server import build_server

SAMPLE = sample_journal()

TRANSPORTS = ["memory-legacy", "memory-auto", "stdio-legacy", "stdio-auto", "http-legacy", "http-auto"]


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_listening(process: subprocess.Popen, host: str, port: int, timeout: float = 20) -> None:
    """Until the server started as `process` accepts connections on host:port (it must not die first)."""
    deadline = time.monotonic() + timeout
    while True:
        with socket.socket() as s:
            if s.connect_ex((host, port)) == 0:
                return
        assert process.poll() is None and time.monotonic() < deadline, "HTTP server did not start"
        time.sleep(0.05)


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
    wait_listening(process, "127.0.0.1", port)
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

    def __init__(self, transport: str, journal: Path, out_dir: Path, message_handler=None, **options):
        """`options` are build_server's keyword arguments (keep, max_renders), given as flags to a process;
        `message_handler` is the client's, called with every notification the server sends."""
        self.transport, self.journal, self.out_dir, self.options = transport, journal, out_dir, options
        self.message_handler = message_handler
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
        client = Client(target, mode=self.mode, message_handler=self.message_handler)
        return await self._stack.enter_async_context(client)

    async def __aexit__(self, *exc) -> None:
        await self._stack.__aexit__(*exc)


# what a 2025-era raw peer sends first
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 0,
    "method": "initialize",
    "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "raw", "version": "0"}},
}


class RawStdio:
    """A JSON-RPC peer on the server's stdin/stdout, recording every message with its arrival time."""

    def __init__(self, out_dir, journal=SAMPLE):
        self.process = subprocess.Popen(
            [sys.executable, *serve_args(journal, out_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.messages: list[tuple[float, dict]] = []
        self.stderr = ""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_err, daemon=True).start()
        self.send(INITIALIZE)
        self.wait_for(lambda m: m.get("id") == 0)
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})

    def _read(self):
        try:
            for line in self.process.stdout:
                self.messages.append((time.monotonic(), json.loads(line)))  # stdout must be protocol only
        except ValueError:  # the test closed the pipe: a client going away
            pass

    def _read_err(self):
        try:
            for line in self.process.stderr:
                self.stderr += line
        except ValueError:
            pass

    def send(self, message):
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()

    def wait_for(self, test, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for _, m in list(self.messages):
                if test(m):
                    return m
            time.sleep(0.005)
        raise AssertionError(f"no such message; got {[m for _, m in self.messages][-3:]}")

    def progress_for(self, token):
        return [
            (t, m)
            for t, m in self.messages
            if m.get("method") == "notifications/progress" and m["params"]["progressToken"] == token
        ]

    def call(self, request_id, args):
        self.send(
            {
                "jsonrpc": "2.0",
                "id": request_id,
                "method": "tools/call",
                "params": {
                    "name": "create_wrapped_video",
                    "arguments": args,
                    "_meta": {"progressToken": f"p{request_id}"},
                },
            }
        )

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
