"""Who may talk to the HTTP server: Host and Origin checked on every bind, and a bearer token off loopback.

The MCP SDK checks Host and Origin only when it is bound to 127.0.0.1, localhost or ::1 by
those names; on 127.0.0.2 or 0.0.0.0 it answered a request with ``Host: rebind.example`` and
``Origin: http://rebind.example``, so a web page the user visited could read their journal
(DNS rebinding). The rule here is the server's own and holds on every bind:

- a request whose Host is not the bound address and port (for a loopback bind, also the usual
  ``localhost``/``127.0.0.1``/``[::1]`` spellings with the port) or one the user allowed with
  ``--allow-host`` gets 421;
- a request with an Origin other than those hosts' ``http://`` origins or one allowed with
  ``--allow-origin`` gets 403; a request without Origin (not a browser) is let through;
- when a bearer token is set, every request must carry ``Authorization: Bearer <token>``
  (compared in constant time) or it gets 401 and nothing else; this is checked first, so a
  client without the token learns nothing more.

Binding beyond loopback is refused unless the user asks for it (``--allow-remote``) and gives
a token (``--token-file`` or ``WRAPPED_TOKEN``).
"""

from __future__ import annotations

import hmac
import ipaddress
import os
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wrapped.errors import SettingsError
from wrapped.files import NotRegular, open_regular

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MIN_TOKEN_CHARS = 16
MAX_TOKEN_FILE_BYTES = 4096
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


class RemoteBindRefused(SettingsError):
    """A bind beyond loopback without --allow-remote and a token, or a token that cannot be used."""


def is_loopback(host: str) -> bool:
    """Whether a bind address only this machine can reach: 127.0.0.0/8, ::1 or localhost."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name other than localhost: it may resolve to anything


def host_port(host: str, port: int) -> str:
    name = host.lower()
    if ":" in name and not name.startswith("["):  # an IPv6 address is written in brackets in Host
        name = f"[{name}]"
    return f"{name}:{port}"


@dataclass(frozen=True)
class Access:
    """What the guard lets in: Host values, Origin values and the bearer token (if any)."""

    hosts: frozenset[str]
    origins: frozenset[str]
    token: bytes | None = None

    @classmethod
    def for_bind(
        cls, host: str, port: int, allow_hosts: Iterable[str] = (), allow_origins: Iterable[str] = (),
        token: str | None = None,
    ) -> Access:  # fmt: skip
        """The bound address and port; on loopback or a wildcard bind the loopback spellings too
        (a wildcard bind answers on loopback); and what the user added."""
        own = {host_port(host, port)}
        if is_loopback(host) or host in ("0.0.0.0", "::", "[::]"):
            own |= {f"{name}:{port}" for name in LOOPBACK_NAMES}
        own -= {f"0.0.0.0:{port}", f"[::]:{port}"}
        origins = {f"http://{h}" for h in own}
        hosts = own | {h.strip().lower() for h in allow_hosts if h.strip()}
        origins |= {o.strip().lower().rstrip("/") for o in allow_origins if o.strip()}
        return cls(frozenset(hosts), frozenset(origins), token.encode() if token else None)


def check_bind(host: str, allow_remote: bool, token: str | None) -> None:
    """Refuse, in one line, a bind beyond loopback that the user did not ask for with a token."""
    if is_loopback(host):
        return
    if not allow_remote:
        raise RemoteBindRefused(
            f"--host {host} would let other machines reach your journal; to allow it, add "
            "--allow-remote and a bearer token (--token-file PATH or WRAPPED_TOKEN)"
        )
    if not token:
        raise RemoteBindRefused(
            f"--host {host} with --allow-remote needs a bearer token: --token-file PATH or WRAPPED_TOKEN"
        )


def read_token_file(path: Path) -> str:
    """The token in a regular, readable file (surrounding whitespace removed); never printed."""
    try:
        fd = open_regular(path)
    except OSError as exc:
        raise RemoteBindRefused(f"--token-file {path}: cannot be read ({(exc.strerror or str(exc)).lower()})") from None
    except NotRegular:
        raise RemoteBindRefused(f"--token-file {path}: not a regular file") from None
    try:
        data = os.read(fd, MAX_TOKEN_FILE_BYTES + 1)
    except OSError as exc:
        raise RemoteBindRefused(f"--token-file {path}: cannot be read ({(exc.strerror or str(exc)).lower()})") from None
    finally:
        os.close(fd)
    if len(data) > MAX_TOKEN_FILE_BYTES:
        raise RemoteBindRefused(f"--token-file {path}: larger than {MAX_TOKEN_FILE_BYTES} bytes; a token is one line")
    try:
        return check_token(data.decode("ascii").strip(), f"--token-file {path}")
    except UnicodeDecodeError:
        raise RemoteBindRefused(f"--token-file {path}: a token is printable ASCII") from None


def check_token(token: str, where: str) -> str:
    if len(token) < MIN_TOKEN_CHARS or not all(33 <= ord(c) < 127 for c in token):
        raise RemoteBindRefused(
            f"{where}: a token is at least {MIN_TOKEN_CHARS} printable ASCII characters without spaces "
            "(e.g. the output of: python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"
        )
    return token


def _header(scope: Scope, name: bytes) -> bytes | None:
    found = None
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            if found is not None:
                return b"\0duplicate"  # two Host or Origin headers: never matches
            found = value
    return found


class HostGuard:
    """ASGI middleware in front of the whole app: token, then Host, then Origin."""

    def __init__(self, app: ASGIApp, access: Access):
        self.app = app
        self.access = access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)  # lifespan
            return
        status = self._refusal(scope)
        if status is None:
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
        else:
            await _respond(send, status)

    def _refusal(self, scope: Scope) -> int | None:
        if self.access.token is not None:
            given = _header(scope, b"authorization") or b""
            scheme, _, credentials = given.partition(b" ")
            if not (scheme.lower() == b"bearer" and hmac.compare_digest(credentials.strip(), self.access.token)):
                return 401
        host = _header(scope, b"host")
        if host is None or host.decode("latin-1").lower() not in self.access.hosts:
            return 421
        origin = _header(scope, b"origin")
        if origin is not None and origin.decode("latin-1").lower().rstrip("/") not in self.access.origins:
            return 403
        return None


BODIES = {421: b"Misdirected request: this Host is not served here\n", 403: b"Forbidden: this Origin is not allowed\n"}


async def _respond(send: Send, status: int) -> None:
    body = BODIES.get(status, b"")
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})
