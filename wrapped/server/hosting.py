"""Hosting the MCP server: stdio, or streamable HTTP behind the disconnect-is-cancel middleware."""

from __future__ import annotations

import logging
from pathlib import Path

from wrapped.server.tools import build_server


def serve(
    journal: Path | None = None,
    out_dir: Path | None = None,
    http: bool = False,
    host: str = "127.0.0.1",
    port: int = 8000,
) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    server = build_server(journal, out_dir)
    if http:
        import uvicorn

        from wrapped.server.http_cancel import CancelOnDisconnect

        app = CancelOnDisconnect(server.streamable_http_app(host=host))
        uvicorn.run(app, host=host, port=port, log_level="info")  # uvicorn logs to stderr
    else:
        server.run()
