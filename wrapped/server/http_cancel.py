"""Streamable HTTP, 2025 era: a client that vanishes mid-call is a cancel, and a cancelled call gets no reply.

In the 2025-era transport a dropped SSE stream is not a cancel by itself: a client may
reconnect with Last-Event-ID and have the missed events replayed from the server's event
store. This server keeps no event store, so once a call's stream is gone its result can never
be delivered, and without this the render would run to the end for nobody and leave its video
behind (seen in tests/test_server_wire.py). This ASGI middleware watches each 2025-era
``tools/call`` POST; if the client disconnects before the response has been sent, it posts the
protocol's own ``notifications/cancelled`` for that request into the same session, so the
usual cancel path stops the render and deletes its files. On 2026-07-28 connections the SDK
itself cancels when the stream closes, so the middleware stays out of the way there.

The same middleware ends a cancelled call's stream without the ``-32800 Request cancelled``
error the 2025 transport would write into it: the spec says a cancelled request gets no response.

Since it reads the body before the SDK does, it applies the SDK's 4 MiB cap itself, while
reading: a larger body is answered 413 and never held (a 192 MiB POST once cost 576 MiB).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from mcp.server.transport_security import DEFAULT_MAX_REQUEST_BODY_SIZE

MAX_BODY_BYTES = DEFAULT_MAX_REQUEST_BODY_SIZE  # the SDK's own cap, 4 MiB

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def _tools_call_id(body: bytes) -> Any:
    try:
        message = json.loads(body)
    except (ValueError, RecursionError):  # bad JSON (deep nesting too) is the SDK's to answer: a parse error
        return None
    if isinstance(message, dict) and message.get("method") == "tools/call" and "id" in message:
        return message["id"]
    return None


def _is_cancelled_reply(chunk: bytes, request_id: Any) -> bool:
    """Whether an SSE chunk is the SDK's -32800 "Request cancelled" reply to this request."""
    if b"-32800" not in chunk:
        return False
    for line in chunk.split(b"\n"):
        if line.startswith(b"data:"):
            try:
                message = json.loads(line[5:])
            except ValueError:
                continue
            error = message.get("error") if isinstance(message, dict) else None
            if isinstance(error, dict) and error.get("code") == -32800 and message.get("id") == request_id:
                return True
    return False


async def _too_large(send: Send) -> None:
    body = b"Request body too large\n"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", b"%d" % len(body))],
        }
    )
    await send({"type": "http.response.body", "body": body, "more_body": False})  # fmt: skip


class CancelOnDisconnect:
    def __init__(self, app: ASGIApp, path: str = "/mcp"):
        self.app = app
        self.path = path.rstrip("/")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or scope["path"].rstrip("/") != self.path
            or not _header(scope, b"mcp-protocol-version").startswith("2025-")
            or not _header(scope, b"mcp-session-id")
        ):
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            await _too_large(send)
            return
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # gone before the body arrived
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                await _too_large(send)  # the rest is never read: the server closes the connection
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        del chunks
        request_id = _tools_call_id(body)
        state = {"replayed": False, "finished": False, "cancelled": False}

        async def replay() -> Message:
            if not state["replayed"]:
                state["replayed"] = True
                return {"type": "http.request", "body": body, "more_body": False}
            message = await receive()
            if (
                message["type"] == "http.disconnect"
                and request_id is not None
                and not state["finished"]
                and not state["cancelled"]
            ):
                state["cancelled"] = True
                await self._post_cancel(scope, request_id)
            return message

        async def track(message: Message) -> None:
            if state["finished"]:
                return  # the stream was ended here: what the SDK still sends for it goes nowhere
            if message["type"] == "http.response.body":
                if request_id is not None and _is_cancelled_reply(message.get("body", b""), request_id):
                    # The spec: a cancelled request gets no response. The 2025 transport writes
                    # -32800 to end the stream; end the stream without it instead.
                    message = {"type": "http.response.body", "body": b"", "more_body": False}
                if not message.get("more_body", False):
                    state["finished"] = True
            await send(message)

        await self.app(scope, replay, track)

    async def _post_cancel(self, scope: Scope, request_id: Any) -> None:
        payload = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "notifications/cancelled",
                "params": {"requestId": request_id, "reason": "client disconnected"},
            }
        ).encode()
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(payload)).encode()))
        delivered = False

        async def receive() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": payload, "more_body": False}
            return {"type": "http.disconnect"}

        async def discard(_message: Message) -> None:
            pass

        await self.app(dict(scope, headers=headers), receive, discard)
