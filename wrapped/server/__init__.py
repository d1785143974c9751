"""The MCP server: ``build_server`` makes it, ``serve`` hosts it over stdio or streamable HTTP."""

from wrapped.server.hosting import serve
from wrapped.server.tools import build_server

__all__ = ["build_server", "serve"]
