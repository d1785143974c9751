"""The MCP server's tools and resources: create_wrapped_video and friends, a thin shell over the pipeline.

Logs go to stderr and never contain entry text; stdout carries only the protocol.
"""

from __future__ import annotations

import base64
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ResourceNotFoundError, ToolError
from mcp_types import CallToolResult, ImageContent, ResourceLink, TextContent
from pydantic import BaseModel, Field

from wrapped import output
from wrapped.defaults import default_journal, default_out_dir
from wrapped.errors import RenderCancelled, WrappedError
from wrapped.journal import read_journal
from wrapped.pipeline import Progress, Video, make_video, poster_png, year_stats
from wrapped.server.worker import run_cancellable
from wrapped.settings import (
    DEFAULT_FPS,
    FORMAT_HELP,
    FPS_HELP,
    FPS_MAX,
    FPS_MIN,
    QUALITY_HELP,
    YEAR_MAX,
    YEAR_MIN,
    FormatName,
    QualityName,
    RenderSettings,
)

log = logging.getLogger("wrapped.server")
YEAR_HELP = "year to show; default: the latest year with entries"


class VideoInfo(BaseModel):
    path: str = Field(description="absolute path of the MP4 on the server's machine")
    uri: str = Field(description="resource URI to read the video through MCP")
    year: int
    duration_seconds: float
    width: int
    height: int
    fps: int
    frames: int
    bytes: int
    entries: int
    days_written: int
    words: int
    longest_streak_days: int
    top_tag: str | None
    skipped_files_or_entries: int


class YearCount(BaseModel):
    year: int
    entries: int


class JournalYears(BaseModel):
    journal: str
    years: list[YearCount]


def build_server(journal: Path | None = None, out_dir: Path | None = None) -> MCPServer:
    journal = Path(journal or default_journal()).expanduser().resolve()
    out_dir = Path(out_dir or default_out_dir()).expanduser().resolve()
    mcp = MCPServer(
        "wrapped",
        instructions="Makes a year-in-review video from the user's journal. Call list_journal_years "
        "to see which years have entries, then create_wrapped_video to render one.",
    )

    @mcp.tool()
    async def create_wrapped_video(
        ctx: Context,
        year: Annotated[int | None, Field(ge=YEAR_MIN, le=YEAR_MAX, description=YEAR_HELP)] = None,
        format: Annotated[FormatName, Field(description=FORMAT_HELP)] = "landscape",
        fps: Annotated[int, Field(ge=FPS_MIN, le=FPS_MAX, description=FPS_HELP)] = DEFAULT_FPS,
        quality: Annotated[QualityName, Field(description=QUALITY_HELP)] = "standard",
    ) -> Annotated[CallToolResult, VideoInfo]:
        """Render the journal's year-in-review MP4 video (30-60 s); reports progress and stops at once if cancelled."""
        settings = RenderSettings.for_format(format, fps, quality)
        out = out_dir / output.server_video_template(format)
        log.info("render %s: year=%s format=%s quality=%s", ctx.request_id, year, format, quality)

        async def send(p: Progress) -> None:
            await ctx.report_progress(p.done, p.total, p.message)

        def work(cancel: threading.Event, on_progress: Callable[[Progress], None]) -> Video:
            return make_video(journal, out, settings, year=year, cancel=cancel, on_progress=on_progress)

        try:
            video = await run_cancellable(work, send, undo=lambda v: v.rendered.path.unlink(missing_ok=True))
        except RenderCancelled:
            raise ToolError("the render was stopped before it finished") from None
        except WrappedError as exc:
            raise ToolError(str(exc)) from None
        log.info("render %s: done, %d frames", ctx.request_id, video.rendered.frames)
        return video_result(video)

    @mcp.tool()
    async def get_year_stats(
        year: Annotated[int | None, Field(ge=YEAR_MIN, le=YEAR_MAX, description=YEAR_HELP)] = None,
    ) -> dict[str, Any]:
        """The journal's statistics for one year: counts, streaks, months, weekdays, hours, tags, moods, highlights."""
        try:
            return year_stats(read_journal(journal), year).to_json()
        except WrappedError as exc:
            raise ToolError(str(exc)) from None

    @mcp.tool()
    async def list_journal_years() -> JournalYears:
        """The years that have journal entries, with how many entries each."""
        try:
            found = read_journal(journal).years()
        except WrappedError as exc:
            raise ToolError(str(exc)) from None
        return JournalYears(journal=str(journal), years=[YearCount(year=y, entries=n) for y, n in found.items()])

    @mcp.resource("wrapped://videos/{name}", mime_type="video/mp4", description="A finished wrapped video")
    def video(name: str) -> bytes:
        path = out_dir / name
        if not output.is_server_video(name) or not path.is_file():
            raise ResourceNotFoundError(f"no video named {name!r}")
        return path.read_bytes()

    def video_result(video: Video) -> CallToolResult:
        r, s = video.rendered, video.stats
        uri = f"wrapped://videos/{r.path.name}"
        info = VideoInfo(
            path=str(r.path),
            uri=uri,
            year=s.year,
            duration_seconds=round(r.seconds, 3),
            width=r.width,
            height=r.height,
            fps=r.fps,
            frames=r.frames,
            bytes=r.bytes,
            entries=s.entries,
            days_written=s.days_written,
            words=s.words,
            longest_streak_days=s.longest_streak.days if s.longest_streak else 0,
            top_tag=s.top_tags[0][0] if s.top_tags else None,
            skipped_files_or_entries=len(video.problems),
        )
        poster = base64.b64encode(poster_png(video)).decode()
        return CallToolResult(
            content=[
                ResourceLink(
                    type="resource_link",
                    uri=uri,
                    name=r.path.name,
                    mime_type="video/mp4",
                    description=f"Your {s.year} wrapped video",
                    size=r.bytes,
                ),
                TextContent(
                    type="text", text=f"Saved your {s.year} video ({r.seconds:.0f} s, {r.width}x{r.height}) to {r.path}"
                ),
                ImageContent(type="image", data=poster, mime_type="image/png"),
            ],
            structured_content=info.model_dump(mode="json"),
        )

    return mcp
