"""Installable by name: pyproject, server.json (MCP Registry), manifest.json (MCP Bundle) and the
README agree with each other and with the server; the bundle's entry point serves what its
settings name."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import sys
import tomllib
from pathlib import Path

import anyio
from mcp import Client
from mcp.client.stdio import StdioServerParameters

import wrapped
from wrapped.server import build_server
from wrapped.server.tools import WEBSITE

from conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
SERVER_JSON = json.loads((ROOT / "server.json").read_text())
MANIFEST = json.loads((ROOT / "manifest.json").read_text())
README = (ROOT / "README.md").read_text()


def environment_read() -> set[str]:
    """The variables wrapped reads (defaults.py is the only reader of the environment)."""
    return set(re.findall(r"os\.environ\.get\(\"(WRAPPED_\w+)\"", (ROOT / "wrapped" / "defaults.py").read_text()))


def test_one_name_and_version_everywhere():
    name, version = PYPROJECT["name"], PYPROJECT["version"]
    package = SERVER_JSON["packages"][0]
    assert package["registryType"] == "pypi" and package["identifier"] == name and package["runtimeHint"] == "uvx"
    assert version == SERVER_JSON["version"] == package["version"] == MANIFEST["version"] == wrapped.__version__
    assert f"<!-- mcp-name: {SERVER_JSON['name']} -->" in README  # the MCP Registry checks this on PyPI
    assert f"uvx {name} serve" in README
    assert SERVER_JSON["websiteUrl"] == PYPROJECT["urls"]["Homepage"] == MANIFEST["homepage"] == WEBSITE
    assert SERVER_JSON["name"] == "io.github." + re.sub(r"^https://github.com/", "", WEBSITE)


def test_uvx_by_the_distribution_name_finds_a_command():
    scripts = {e.name: e.value for e in importlib.metadata.entry_points(group="console_scripts")}
    assert scripts["wrapped"] == scripts[PYPROJECT["name"]] == "wrapped.cli:main"


# not for hosts to set: the bearer token of `serve --http` (the registry and bundle run stdio), a test's pause
NOT_FOR_HOSTS = {"WRAPPED_TOKEN", "WRAPPED_TEST_COMMIT_PAUSE"}


def test_registry_and_bundle_describe_the_variables_the_server_reads():
    read = environment_read() - NOT_FOR_HOSTS
    assert read == {"WRAPPED_JOURNAL", "WRAPPED_OUTPUT_DIR", "WRAPPED_KEEP"}
    described = {v["name"]: v for v in SERVER_JSON["packages"][0]["environmentVariables"]}
    assert set(described) == read and all(len(v["description"]) > 30 for v in described.values())
    env = MANIFEST["server"]["mcp_config"]["env"]
    assert set(env) == read
    for value in env.values():  # every value comes from a setting the bundle asks for
        key = re.fullmatch(r"\$\{user_config\.(\w+)\}", value)[1]
        assert key in MANIFEST["user_config"]
    assert {MANIFEST["user_config"][k]["type"] for k in ("journal", "out_dir")} == {"directory"}


def test_the_bundle_lists_the_servers_tools_and_ships_its_icons(tmp_path):
    async def tools() -> list:
        async with Client(build_server(FIXTURES / "jrnl.txt", tmp_path)) as client:
            return (await client.list_tools()).tools

    listed = [tool.name for tool in anyio.run(tools)]
    assert sorted(tool["name"] for tool in MANIFEST["tools"]) == sorted(listed)
    assert all(len(tool["description"]) > 30 for tool in MANIFEST["tools"])
    assert MANIFEST["server"]["type"] == "uv" and (ROOT / MANIFEST["server"]["entry_point"]).is_file()
    for icon in [MANIFEST["icon"], *(i["src"] for i in MANIFEST["icons"])]:
        assert icon.startswith("wrapped/data/icon") and (ROOT / icon).is_file()  # shipped in the package too


def test_the_bundle_entry_point_serves_the_journal_and_folder_its_settings_name(tmp_path):
    chosen = {"journal": str(FIXTURES / "formats" / "obsidian"), "out_dir": str(tmp_path / "videos")}
    chosen["keep"] = str(MANIFEST["user_config"]["keep"]["default"])
    env = {k: re.sub(r"\$\{user_config\.(\w+)\}", lambda m: chosen[m[1]], v)
           for k, v in MANIFEST["server"]["mcp_config"]["env"].items()}  # fmt: skip
    (tmp_path / "videos").mkdir()
    server = StdioServerParameters(command=sys.executable, args=[str(ROOT / MANIFEST["server"]["entry_point"])],
                                   env={**os.environ, **env}, cwd=str(tmp_path))  # fmt: skip

    async def main() -> None:
        async with Client(server) as client:
            years = await client.call_tool("list_journal_years", {})
            assert years.structured_content["journal"] == chosen["journal"]
            shared = await client.call_tool("create_share_images", {})
            assert Path(shared.structured_content["story_path"]).parent == tmp_path / "videos"

    anyio.run(main)
