"""Telling hosts that the server's resources changed (a video or share image made or deleted).

2026-07-28 sessions hear it on the `subscriptions/listen` streams they opened (the SDK's bus);
2025-era sessions get `notifications/resources/list_changed` on their own connection. The
server advertises exactly that: `resources.listChanged` in both eras, and no `tools.listChanged`
or `resources.subscribe` (the tools never change, and no single resource is ever updated).
"""

from __future__ import annotations

import logging
from typing import Any

from mcp.server.lowlevel import NotificationOptions, Server
from mcp.server.mcpserver import Context
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


async def resources_changed(ctx: Context) -> None:
    """Tell every 2026-07-28 listener, and the calling 2025-era session, that the list of videos
    and images changed. Never fails the call that made the change."""
    try:
        await ctx.notify_resources_changed()  # the subscriptions/listen streams of every session
        if ctx.request_context.protocol_version < "2026":
            await ctx.request_context.session.send_resource_list_changed()
    except Exception as exc:  # a host that went away must not turn a finished video into an error
        log.warning("could not send resources/list_changed: %s", exc)
