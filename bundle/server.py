"""The MCP Bundle's entry point (manifest.json): serve wrapped over stdio, configured by the
environment the host sets from the bundle's settings (WRAPPED_JOURNAL, WRAPPED_OUTPUT_DIR,
WRAPPED_KEEP). The host runs it with uv, which installs this project from pyproject.toml."""

from wrapped.cli import main

raise SystemExit(main(["serve"]))
