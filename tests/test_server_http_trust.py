"""Who can reach the HTTP server, and what a hostile HTTP client can do to it.

Real `wrapped serve --http` processes on loopback addresses, raw HTTP requests with forged
headers; traffic only ever goes to loopback addresses.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wrapped.journal import read_journal

from conftest import FIXTURES
from mcp_transports import INITIALIZE, free_port, wait_listening

JOURNAL = FIXTURES / "jrnl.txt"
TITLES = [e.title for e in read_journal(JOURNAL).entries if len(e.title) > 8]
TOKEN = "s3cret-token-for-the-tests-0123456789"
ACCEPT = {"accept": "application/json, text/event-stream", "content-type": "application/json"}
STATS_CALL = {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "get_year_stats", "arguments": {}}}


class Served:
    def __init__(self, process: subprocess.Popen, host: str, port: int, log: Path):
        self.process, self.host, self.port, self.log = process, host, port, log
        self.target = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # only ever loopback traffic

    @property
    def own_host(self) -> str:
        return f"{self.target}:{self.port}"

    def request(self, method: str, message: dict | bytes | None, headers: dict) -> tuple[int, dict, bytes]:
        connection = http.client.HTTPConnection(self.target, self.port, timeout=30)
        try:
            body = message if isinstance(message, bytes | None) else json.dumps(message).encode()
            connection.request(method, "/mcp", body, headers)
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def session(self, headers: dict) -> dict:
        """A 2025-era session opened with these headers; the headers for its next requests."""
        status, got, _ = self.request("POST", INITIALIZE, ACCEPT | headers)
        assert status == 200, status
        headers = ACCEPT | headers | {"mcp-session-id": got["mcp-session-id"], "mcp-protocol-version": "2025-11-25"}
        status, _, _ = self.request("POST", {"jsonrpc": "2.0", "method": "notifications/initialized"}, headers)
        assert status == 202
        return headers


@contextlib.contextmanager
def serve_http(tmp_path: Path, host: str, *flags: str, env: dict | None = None, open_files: int | None = None):
    """`wrapped serve --http` on `host`; `open_files` sets its soft and hard limits on open files."""
    import resource

    def limit_files() -> None:
        if open_files is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))

    port = free_port("127.0.0.1" if host in ("0.0.0.0", "::") else host)
    log = tmp_path / f"server-{port}.log"  # a file, not a pipe: a full pipe would stall the server
    with log.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "wrapped", "serve", "--journal", str(JOURNAL), "--out-dir", str(tmp_path / "videos"),
             "--http", "--host", host, "--port", str(port), *flags],
            stdout=subprocess.DEVNULL, stderr=err, env={**os.environ, **(env or {})}, preexec_fn=limit_files,
        )  # fmt: skip
    served = Served(process, host, port, log)
    wait_listening(process, served.target, port)
    try:
        yield served
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def no_journal_in(body: bytes) -> bool:
    return not any(title.encode() in body for title in TITLES)


# --- item 1: Host and Origin on every bind; a token beyond loopback ---------------------------------


@pytest.mark.parametrize("host", ["127.0.0.2", "127.0.0.1"])
def test_a_forged_host_or_origin_gets_no_journal_on_any_loopback_bind(tmp_path, host):
    """DNS rebinding: a page on rebind.example resolving to the server's address must read nothing.
    The SDK only checked for 127.0.0.1, localhost and ::1: on 127.0.0.2 this was answered 200."""
    with serve_http(tmp_path, host) as served:
        own = {"host": served.own_host}
        status, _, body = served.request("POST", INITIALIZE, ACCEPT | {"host": "rebind.example"})
        assert status == 421 and b"serverInfo" not in body
        status, _, body = served.request(
            "POST", INITIALIZE, ACCEPT | own | {"origin": "http://rebind.example"}
        )  # fmt: skip
        assert status == 403 and b"serverInfo" not in body
        other_port = f"http://{served.target}:{served.port + 1}"  # another site on the same machine
        assert served.request("POST", INITIALIZE, ACCEPT | own | {"origin": other_port})[0] == 403

        headers = served.session(own)  # no Origin: a non-browser client is let through
        for forged in ({"host": "rebind.example"}, {"origin": "http://rebind.example"},
                       {"host": f"rebind.example:{served.port}", "origin": f"http://rebind.example:{served.port}"}):  # fmt: skip
            status, _, body = served.request("POST", STATS_CALL, headers | forged)
            assert status in (421, 403) and no_journal_in(body), (forged, status)
        status, _, body = served.request("POST", STATS_CALL, headers | {"origin": f"http://{served.own_host}"})
        assert status == 200 and not no_journal_in(body)  # the real thing: titles come back
        if host == "127.0.0.1":
            for spelling in (f"localhost:{served.port}", f"[::1]:{served.port}"):
                assert served.request("POST", INITIALIZE, ACCEPT | {"host": spelling, "origin": f"http://{spelling}"})[0] == 200  # fmt: skip
    assert b"Traceback" not in served.log.read_bytes()


def test_hosts_and_origins_the_user_allows_are_served(tmp_path):
    with serve_http(tmp_path, "127.0.0.2", "--allow-host", "notes.example:8443", "--allow-origin",
                    "https://app.example") as served:  # fmt: skip
        headers = served.session({"host": "notes.example:8443", "origin": "https://app.example"})
        status, _, body = served.request("POST", STATS_CALL, headers)
        assert status == 200 and not no_journal_in(body)
        assert served.request("POST", STATS_CALL, headers | {"origin": "https://evil.example"})[0] == 403
        assert served.request("POST", STATS_CALL, headers | {"host": "rebind.example"})[0] == 421


def run_serve(tmp_path, *flags, env=None):
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "wrapped", "serve", "--journal", str(JOURNAL), "--out-dir", str(tmp_path / "videos"),
         "--http", "--port", str(free_port()), *flags],
        capture_output=True, text=True, timeout=30, env={**os.environ, "WRAPPED_TOKEN": "", **(env or {})},
    )  # fmt: skip
    return done, time.monotonic() - started


@pytest.mark.parametrize(
    "flags",
    [
        ["--host", "0.0.0.0"],
        ["--host", "::"],
        ["--host", "192.168.1.10"],
        ["--host", "myhost.lan"],
        ["--host", "0.0.0.0", "--allow-remote"],  # no token
    ],
)
def test_a_bind_beyond_loopback_is_refused_in_one_line_unless_asked_for_with_a_token(tmp_path, flags):
    done, _ = run_serve(tmp_path, *flags)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and ("--allow-remote" in lines[0] or "token" in lines[0]), done.stderr
    assert not (tmp_path / "videos").exists()  # refused before anything was made


def test_a_token_file_must_be_a_regular_file_with_a_real_token_and_is_never_printed(tmp_path):
    weak = tmp_path / "weak"
    weak.write_text("short\n")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path, said in ((tmp_path, "not a regular file"), (fifo, "not a regular file"), (weak, "at least 16"),
                       (tmp_path / "missing", "cannot be read")):  # fmt: skip
        done, seconds = run_serve(tmp_path, "--host", "0.0.0.0", "--allow-remote", "--token-file", str(path))
        assert done.returncode == 2 and said in done.stderr and seconds < 15, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and "short" not in done.stderr


def test_beyond_loopback_every_request_needs_the_bearer_token(tmp_path):
    """Bound to 0.0.0.0 (traffic only sent to 127.0.0.1): no token, a wrong one, or a wrong scheme is a
    bare 401; the right one is served, and Host and Origin are still checked."""
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    with serve_http(tmp_path, "0.0.0.0", "--allow-remote", "--token-file", str(token_file)) as served:
        own = {"host": served.own_host}
        for auth in ({}, {"authorization": "Bearer wrong-token-wrong-token-1234"}, {"authorization": TOKEN},
                     {"authorization": "Basic " + TOKEN}, {"authorization": f"Bearer {TOKEN}x"}):  # fmt: skip
            status, got, body = served.request("POST", INITIALIZE, ACCEPT | own | auth)
            assert status == 401 and body == b"" and got.get("www-authenticate") == "Bearer", auth
        auth = {"authorization": f"Bearer {TOKEN}"}
        headers = served.session(own | auth)
        status, _, body = served.request("POST", STATS_CALL, headers)
        assert status == 200 and not no_journal_in(body)
        assert served.request("POST", STATS_CALL, headers | {"host": "rebind.example"})[0] == 421
        assert served.request("POST", STATS_CALL, {k: v for k, v in headers.items() if k != "authorization"})[0] == 401
        served.process.terminate()
        served.process.wait(10)
        stderr = served.log.read_text()
    assert [line for line in stderr.splitlines() if "0.0.0.0" in line and "reachable from the network" in line.lower()]
    assert TOKEN not in stderr


def test_the_token_can_come_from_the_environment_and_holds_on_loopback_too(tmp_path):
    with serve_http(tmp_path, "127.0.0.2", env={"WRAPPED_TOKEN": TOKEN}) as served:
        own = {"host": served.own_host}
        assert served.request("POST", INITIALIZE, ACCEPT | own)[0] == 401
        assert served.request("POST", INITIALIZE, ACCEPT | own | {"authorization": f"Bearer {TOKEN}"})[0] == 200


# --- item 2: a body is capped while it is read -------------------------------------------------------


def peak_memory_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


def stream_body(served: Served, head: bytes, total: int, chunk: int = 1 << 20) -> bytes:
    """Send `head` and then a chunked body of `total` bytes, reading whatever the server answers
    meanwhile; stop once it answered or closed. Returns what it answered."""
    import select

    answer = b""
    with socket.create_connection((served.target, served.port), timeout=30) as s:
        s.sendall(head)
        piece = b"%x\r\n" % chunk + b" " * chunk + b"\r\n"
        sent = 0
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            readable, writable, _ = select.select([s], [s] if sent < total else [], [], 5)
            if readable:
                try:
                    data = s.recv(65536)
                except ConnectionResetError:
                    break
                answer += data
                if not data or b"\r\n\r\n" in answer:
                    break
            elif writable:
                try:
                    s.sendall(piece)
                except (BrokenPipeError, ConnectionResetError):
                    break
                sent += chunk
                if sent >= total:
                    s.sendall(b"0\r\n\r\n")
    return answer


def test_a_huge_body_is_refused_with_413_while_it_is_read_and_never_held(tmp_path):
    """The disconnect-cancel middleware read the whole body before the SDK's cap applied: a 192 MiB POST
    with any mcp-session-id raised the server's memory by 576 MiB. Now: 413, memory flat."""
    with serve_http(tmp_path, "127.0.0.1") as served:
        served.session({"host": served.own_host})  # the server has served a session: its memory is warm
        before = peak_memory_kib(served.process.pid)
        head = (
            f"POST /mcp HTTP/1.1\r\nHost: {served.own_host}\r\nAccept: application/json, text/event-stream\r\n"
            "Content-Type: application/json\r\nMcp-Session-Id: 0123456789abcdef\r\nMcp-Protocol-Version: 2025-11-25\r\n"
            "Transfer-Encoding: chunked\r\n\r\n"
        ).encode()
        answer = stream_body(served, head, 96 << 20)
        assert answer.startswith(b"HTTP/1.1 413"), answer[:80]
        grew = peak_memory_kib(served.process.pid) - before
        assert grew < 24 * 1024, f"the server's peak memory grew by {grew // 1024} MiB"
        declared = head.replace(b"Transfer-Encoding: chunked", b"Content-Length: %d" % (64 << 20))
        with socket.create_connection((served.target, served.port), timeout=10) as s:
            s.sendall(declared)  # and no body at all: the declared length is enough to refuse
            assert s.recv(100).startswith(b"HTTP/1.1 413")
        assert served.request("POST", INITIALIZE, ACCEPT | {"host": served.own_host})[0] == 200  # and serves on


# --- item 4: JSON nested 50,000 deep -----------------------------------------------------------------


def test_json_nested_fifty_thousand_deep_is_a_parse_error_never_a_traceback(tmp_path):
    with serve_http(tmp_path, "127.0.0.1") as served:
        headers = served.session({"host": served.own_host})
        for body in (b"[" * 50_000, b"[" * 50_000 + b"]" * 50_000, b'{"a":' * 50_000):
            status, _, answer = served.request("POST", body, headers)
            assert status == 400 and b"Parse error" in answer, (status, answer[:200])
        status, _, answer = served.request("POST", STATS_CALL, headers)
        assert status == 200 and not no_journal_in(answer)  # the session goes on
        served.process.terminate()
        served.process.wait(10)
        log = served.log.read_bytes()
    assert b"Traceback" not in log and b"RecursionError" not in log and b" 500" not in log


# --- item 8: many calls at once ----------------------------------------------------------------------


def write_big_jrnl(path: Path, entries: int) -> Path:
    words = " ".join(f"word{i % 97}" for i in range(120))
    with path.open("w") as out:
        for i in range(entries):
            out.write(
                f"[2025-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}] Entry number {i}.\n{words}\n\n"
            )
    return path


@pytest.mark.anyio
async def test_ten_stats_calls_at_once_cost_about_the_memory_of_one(tmp_path):
    """10 concurrent get_year_stats on 30,000 entries used to read the journal ten times side by side:
    +240 MiB against +27 MiB for one. They now share one read."""
    import anyio

    from mcp_transports import Connection

    journal = write_big_jrnl(tmp_path / "big.txt", 20_000)
    connection = Connection("http-legacy", journal, tmp_path / "videos")
    async with connection as client:
        pid = connection.server_pid
        base = peak_memory_kib(pid)
        one = await client.call_tool("get_year_stats", {"year": 2025})
        assert not one.is_error and one.structured_content["entries"] == 20_000
        after_one = peak_memory_kib(pid)
        results = []

        async def stats():
            results.append(await client.call_tool("get_year_stats", {"year": 2025}))

        async with anyio.create_task_group() as tasks:
            for _ in range(10):
                tasks.start_soon(stats)
        after_ten = peak_memory_kib(pid)
    assert [r.structured_content for r in results] == [one.structured_content] * 10
    read_cost = after_one - base
    assert after_ten - after_one < read_cost // 2 + 8 * 1024, (
        f"one read: +{read_cost // 1024} MiB; ten at once: +{(after_ten - after_one) // 1024} MiB more"
    )


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.mark.anyio
async def test_two_share_calls_at_once_under_keep_one_both_return_images_readable_right_after(tmp_path):
    """Both calls wrote and pruned the same names: one of the two failed in some runs."""
    import anyio

    from mcp_transports import Connection

    out_dir = tmp_path / "videos"
    links_made: list[str] = []
    for attempt in range(3):
        async with Connection("memory-legacy", JOURNAL, out_dir, keep=1, max_renders=2) as client:
            read_back: list[tuple[bool, list[str]]] = []

            async def share(read_back=read_back):
                result = await client.call_tool("create_share_images", {"year": 2024})
                links = [c.uri for c in result.content if c.type == "resource_link"]
                links_made.extend(links)
                blobs = [(await client.read_resource(uri)).contents[0].blob for uri in links]
                read_back.append((result.is_error, blobs))

            async with anyio.create_task_group() as tasks:
                tasks.start_soon(share)
                tasks.start_soon(share)
            assert [error for error, _ in read_back] == [False, False], f"attempt {attempt}"
            for _, blobs in read_back:
                assert len(blobs) == 2 and all(blob.startswith("iVBORw0KGgo") for blob in blobs)  # PNG, base64
            # Neither call pruned what the other was about to hand back: all four are still there.
            for uri in links_made:
                assert (await client.read_resource(uri)).contents[0].blob.startswith("iVBORw0KGgo")
        assert len(links_made) == 4
        links_made.clear()


# --- item 3: slow and idle clients -------------------------------------------------------------------


def seconds_until_closed(served: Served, first: bytes, trickle: bytes | None, every: float = 2.0) -> float:
    """Connect, send `first`, then `trickle` every `every` seconds; how long until the server hangs up."""
    started = time.monotonic()
    with socket.create_connection((served.target, served.port), timeout=1) as s:
        if first:
            s.sendall(first)
        last = time.monotonic()
        while time.monotonic() - started < 30:
            try:
                if not s.recv(4096):
                    break
            except TimeoutError:
                pass
            except ConnectionResetError:
                break
            if trickle and time.monotonic() - last >= every:
                last = time.monotonic()
                try:
                    s.sendall(trickle)
                except (BrokenPipeError, ConnectionResetError):
                    break
    return time.monotonic() - started


def test_a_request_not_complete_within_ten_seconds_is_dropped(tmp_path):
    """A header every 5 s kept a request open 43 s and counting. Now: closed at 10 s, whether the
    client sends nothing, trickles headers, or trickles a body."""
    import concurrent.futures

    with serve_http(tmp_path, "127.0.0.1") as served:
        start = f"POST /mcp HTTP/1.1\r\nHost: {served.own_host}\r\n".encode()
        body_head = start + b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"
        cases = {"silent": (b"", None), "headers": (start, b"X-Slow: 1\r\n"), "body": (body_head, b" ")}
        with concurrent.futures.ThreadPoolExecutor(len(cases)) as pool:
            futures = {name: pool.submit(seconds_until_closed, served, *case) for name, case in cases.items()}
            closed = {name: future.result() for name, future in futures.items()}
        assert all(9.5 < seconds < 13 for seconds in closed.values()), closed
        assert served.request("POST", INITIALIZE, ACCEPT | {"host": served.own_host})[0] == 200


def test_new_clients_are_served_while_two_hundred_others_dawdle(tmp_path):
    """200 half-open connections with the server near its open-file limit locked every new client out."""
    with serve_http(tmp_path, "127.0.0.1", open_files=200) as served:
        start = f"POST /mcp HTTP/1.1\r\nHost: {served.own_host}\r\n".encode()
        dawdlers = []
        try:
            for _ in range(200):
                s = socket.create_connection((served.target, served.port), timeout=5)
                s.sendall(start)
                dawdlers.append(s)
            began = time.monotonic()
            for _ in range(3):
                assert served.request("POST", INITIALIZE, ACCEPT | {"host": served.own_host})[0] == 200
            assert time.monotonic() - began < 5  # served now, not once the dawdlers time out
        finally:
            for s in dawdlers:
                s.close()
        served.process.terminate()
        served.process.wait(10)
        assert b"Traceback" not in served.log.read_bytes()


# --- item 7: names this server did not make ----------------------------------------------------------


@pytest.mark.anyio
async def test_names_with_other_digits_or_a_trailing_newline_are_never_listed_read_deleted_or_pruned(tmp_path):
    from mcp.shared.exceptions import MCPError

    from mcp_transports import Connection

    out_dir = tmp_path / "videos"
    out_dir.mkdir()
    odd = ["wrapped-\u0662\u0660\u0662\u0665-landscape-0f3c9a12.mp4", "wrapped-2025-landscape-0f3c9a12.mp4\n",
           "wrapped-2025-story-0f3c9a12.png\n", "wrapped-\uff12\uff10\uff12\uff15-card-0f3c9a12.png"]  # fmt: skip
    for name in odd:
        (out_dir / name).write_bytes(b"not ours")
        os.utime(out_dir / name, (time.time() - 999, time.time() - 999))
    async with Connection("stdio-legacy", JOURNAL, out_dir, keep=1) as client:
        for _ in range(2):
            assert not (await client.call_tool("create_share_images", {"year": 2024})).is_error
        listed = [r.name for r in (await client.list_resources()).resources]
        assert not set(listed) & set(odd) and len(listed) == 2
        for name in odd:
            for uri in ("wrapped://videos/" + name, "wrapped://images/" + name):
                with pytest.raises(MCPError):
                    await client.read_resource(uri)
            assert (await client.call_tool("delete_wrapped_video", {"name": name})).is_error
    assert all((out_dir / name).read_bytes() == b"not ours" for name in odd)


@pytest.mark.anyio
async def test_keep_and_delete_touch_only_what_this_server_made_and_a_restart_still_knows_it(tmp_path):
    """--keep pruned another server's videos in a shared out dir; now each server prunes and deletes
    only the files it recorded as its own, and a restarted server still knows them."""
    from mcp_transports import SAMPLE, Connection

    out_dir = tmp_path / "shared"

    async def share(client):
        result = await client.call_tool("create_share_images", {})
        assert not result.is_error
        return [c.name for c in result.content if c.type == "resource_link"]

    async with Connection("memory-legacy", SAMPLE, out_dir, keep=1) as other:  # another journal's server
        theirs = await share(other)
    async with Connection("stdio-legacy", JOURNAL, out_dir, keep=1) as client:
        first = await share(client)
    async with Connection("stdio-legacy", JOURNAL, out_dir, keep=1) as client:  # restarted
        second = await share(client)
        assert not any((out_dir / name).exists() for name in first)  # the restart knew them: pruned
        assert all((out_dir / name).exists() for name in theirs + second)
        for name in theirs:
            refused = await client.call_tool("delete_wrapped_video", {"name": name})
            assert refused.is_error and "no video named" in refused.content[0].text
        assert not (await client.call_tool("delete_wrapped_video", {"name": second[0]})).is_error
    assert all((out_dir / name).exists() for name in theirs) and not (out_dir / second[0]).exists()
