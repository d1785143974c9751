"""Telling hosts that the server's resources changed (a video or share image made or deleted).

2026-07-28 sessions hear it on the `subscriptions/listen` streams they opened (the SDK's bus);
every 2025-era session gets `notifications/resources/list_changed` on its own connection. The
server advertises exactly that: `resources.listChanged` in both eras, and no `tools.listChanged`
or `resources.subscribe` (the tools never change, and no single resource is ever updated).
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from typing import Any

import anyio
from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from mcp.server.lowlevel import NotificationOptions, Server
from mcp.server.mcpserver import Context
from mcp.server.session import ServerSession
from mcp_types import ResourcesCapability, ServerCapabilities, ToolsCapability

log = logging.getLogger("wrapped.server")


def advertise_what_is_sent(server: Server[Any]) -> None:
    """The one place that overrides the capabilities the SDK derives: its handshake era never
    says `listChanged`, and its 2026-07-28 era says every list (and `subscribe`) changes,
    because `subscriptions/listen` is served."""
    derived = server.get_capabilities

    def get_capabilities(
        notification_options: NotificationOptions | None = None,
        experimental_capabilities: dict[str, dict[str, Any]] | None = None,
        extensions: dict[str, dict[str, Any]] | None = None,
        *,
        protocol_version: str | None = None,
    ) -> ServerCapabilities:
        capabilities = derived(
            NotificationOptions(resources_changed=True),
            experimental_capabilities,
            extensions,
            protocol_version=protocol_version,
        )
        update: dict[str, Any] = {}
        if capabilities.resources is not None:
            update["resources"] = ResourcesCapability(subscribe=False, list_changed=True)
        if capabilities.tools is not None:
            update["tools"] = ToolsCapability(list_changed=False)
        return capabilities.model_copy(update=update)

    server.get_capabilities = get_capabilities  # type: ignore[method-assign]


class Announcer:
    """Tells hosts that the list of videos and images changed: every 2026-07-28 session through its
    `subscriptions/listen` streams (the SDK's bus), and every 2025-era session on its own connection.

    A 2025-era session is remembered when its `notifications/initialized` arrives (once per
    connection), and forgotten when a notification cannot reach it; at most `MAX_SESSIONS` are kept,
    the newest."""

    MAX_SESSIONS = 256
    SEND_SECONDS = 1.0  # a host that stopped reading may not hold up the call that changed things

    def __init__(self) -> None:
        self._sessions: deque[ServerSession] = deque(maxlen=self.MAX_SESSIONS)

    async def remember(self, ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        """Server middleware: note each 2025-era session as its handshake completes."""
        result = await call_next(ctx)
        if ctx.method == "notifications/initialized" and ctx.session.protocol_version < "2026":
            self._sessions.append(ctx.session)
        return result

    async def resources_changed(self, ctx: Context) -> None:
        """Never fails the call that made the change."""
        try:
            await ctx.notify_resources_changed()  # every subscriptions/listen stream, any session
        except Exception as exc:
            log.warning("could not publish resources/list_changed: %s", exc)
        for session in list(self._sessions):
            try:
                with anyio.fail_after(self.SEND_SECONDS):
                    await session.send_resource_list_changed()
            except Exception:  # gone, or not reading: it will hear no more
                with contextlib.suppress(ValueError):
                    self._sessions.remove(session)
