"""The MCP server's tools and resources, a thin shell over the pipeline.

Logs go to stderr and never contain entry text; stdout carries only the protocol.
"""

from __future__ import annotations

import base64
import json
import logging
import threading
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any

import anyio
from mcp.server.lowlevel.helper_types import ReadResourceContents
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.shared.exceptions import MCPError
from mcp_types import (
    INVALID_PARAMS,
    CallToolResult,
    Completion,
    CompletionArgument,
    CompletionContext,
    ImageContent,
    PromptReference,
    Resource,
    ResourceLink,
    ResourceTemplate,
    ResourceTemplateReference,
    TextContent,
    ToolAnnotations,
)
from pydantic import BaseModel, Field, ValidationError

from wrapped import __version__, output
from wrapped.defaults import default_journal, default_keep, default_out_dir
from wrapped.entries import Journal
from wrapped.errors import RenderCancelled, WrappedError
from wrapped.journal import read_journal
from wrapped.pipeline import Progress, ShareImages, Video, make_share_images, make_video, poster_png, year_stats
from wrapped.server import catalog
from wrapped.server.catalog import IMAGE_URI, VIDEO_URI, icons
from wrapped.server.changes import Announcer, advertise_what_is_sent
from wrapped.server.library import StoredVideo, VideoLibrary, VideoMissing, VideoTooLarge
from wrapped.server.queue import RenderQueue, default_slots
from wrapped.server.reads import PerRead, SharedRead
from wrapped.server.worker import run_cancellable
from wrapped.settings import (
    DEFAULT_FORMAT,
    DEFAULT_FPS,
    FORMAT_HELP,
    FPS_HELP,
    FPS_MAX,
    FPS_MIN,
    MUSIC_HELP,
    QUALITY_HELP,
    QUOTES_HELP,
    YEAR_MAX,
    YEAR_MIN,
    FormatName,
    MusicName,
    QualityName,
    RenderSettings,
)
from wrapped.stats import YearStats

log = logging.getLogger("wrapped.server")
YEAR_HELP = "year to show; default: the latest year with entries"
WEBSITE = "https://github.com/journal-wrapped/wrapped"
DESCRIPTION = (
    "Turns a year of journal entries (Obsidian, Day One, jrnl, Logseq, Daylio, Journey, Apple Journal, "
    "org-journal) into a year-in-review MP4 with a soundtrack, plus share images; on this machine only."
)
ALLOWED = {"fps": f"a whole number from {FPS_MIN} to {FPS_MAX}", "year": f"a year from {YEAR_MIN} to {YEAR_MAX}",
           "name": "a video's file name"}  # fmt: skip
RESOURCE_NOT_FOUND_2025 = -32002  # the 2025 specs' code; 2026-07-28 uses -32602 (SEP-2164)


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


class ShareImagesInfo(BaseModel):
    year: int
    story_path: str = Field(description="absolute path of the 1080x1920 story PNG on the server's machine")
    story_uri: str = Field(description="resource URI to read the story image through MCP")
    card_path: str = Field(description="absolute path of the 1200x630 link-card PNG on the server's machine")
    card_uri: str = Field(description="resource URI to read the link card through MCP")
    bytes: int = Field(description="the two files' size together")


class Deleted(BaseModel):
    name: str
    deleted: bool


class WrappedServer(MCPServer):
    """MCPServer with this server's videos as listed resources, read safely, and argument errors
    said in one sentence."""

    def __init__(self, library: VideoLibrary, **kwargs: Any):
        super().__init__(**kwargs)
        self.library = library
        # This server has no prompts: without the handlers, no prompts capability is advertised
        # (MCPServer always installs them; the low-level server advertises what it has handlers for).
        for method in ("prompts/list", "prompts/get"):
            self._lowlevel_server._request_handlers.pop(method, None)
        advertise_what_is_sent(self._lowlevel_server)
        self.announcer = Announcer()
        self.middleware.append(self.announcer.remember)

        @self.completion()
        async def complete(
            ref: PromptReference | ResourceTemplateReference, argument: CompletionArgument, _c: CompletionContext | None
        ) -> Completion | None:
            return await anyio.to_thread.run_sync(catalog.complete, self.library, ref, argument)

    async def list_resource_templates(self) -> list[ResourceTemplate]:
        return catalog.templates()

    async def list_resources(self) -> list[Resource]:
        return [_resource(video) for video in self.library.videos()] + [
            _image_resource(image) for image in self.library.images()
        ]

    async def read_resource(self, uri: Any, context: Context | None = None) -> Iterable[ReadResourceContents]:
        text = str(uri)
        name = ""
        if text.startswith(VIDEO_URI) and output.is_server_video(text[len(VIDEO_URI) :]):
            name = text[len(VIDEO_URI) :]
        elif text.startswith(IMAGE_URI) and output.is_share_image(text[len(IMAGE_URI) :]):
            name = text[len(IMAGE_URI) :]
        try:
            data = await anyio.to_thread.run_sync(self.library.read, name)
        except VideoMissing:
            code = INVALID_PARAMS if _modern(context) else RESOURCE_NOT_FOUND_2025
            raise MCPError(code, f"no video or image named {name or text!r}", {"uri": text}) from None
        except VideoTooLarge as exc:
            raise MCPError(INVALID_PARAMS, str(exc), {"uri": text}) from None
        return [ReadResourceContents(content=data, mime_type="image/png" if name.endswith(".png") else "video/mp4")]

    async def call_tool(self, name: str, arguments: dict[str, Any], context: Context | None = None) -> Any:
        try:
            return await super().call_tool(name, arguments, context)
        except ToolError as exc:
            if isinstance(exc.__cause__, ValidationError):
                raise ToolError(_one_sentence(exc.__cause__)) from exc.__cause__
            raise


def _modern(context: Context | None) -> bool:
    version = getattr(getattr(context, "request_context", None), "protocol_version", "") or ""
    return version >= "2026"


def _one_sentence(error: ValidationError) -> str:
    """'fps must be 10 to 60' rather than pydantic's report: the argument and what is allowed."""
    parts = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "the arguments"
        ctx = item.get("ctx") or {}
        if "expected" in ctx:
            parts.append(f"{where} must be one of {ctx['expected']}")
        elif where in ALLOWED:
            parts.append(f"{where} must be {ALLOWED[where]}")
        elif item["type"] == "missing":
            parts.append(f"{where} is required")
        elif item["type"] == "extra_forbidden":
            parts.append(f"{where} is not an argument of this tool")
        else:
            parts.append(f"{where}: {item['msg'].lower()}")
    return "Invalid arguments: " + "; ".join(parts) + "."


def _makes_files(title: str) -> ToolAnnotations:
    """A tool that writes new files into the out dir: never destructive, never idempotent (each
    call makes new files), and it touches nothing outside this machine."""
    return ToolAnnotations(
        title=title, read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=False
    )


def _image_resource(image: StoredVideo) -> Resource:
    kind = "story (1080x1920)" if "-story-" in image.name else "link card (1200x630)"
    return Resource(uri=IMAGE_URI + image.name, name=image.name, mime_type="image/png", size=image.bytes,
                    description=f"A wrapped share image: {kind}")  # fmt: skip


def _resource(video: StoredVideo) -> Resource:
    return Resource(uri=VIDEO_URI + video.name, name=video.name, mime_type="video/mp4", size=video.bytes,
                    description="A finished wrapped video")  # fmt: skip


def build_server(
    journal: Path | None = None,
    out_dir: Path | None = None,
    *,
    keep: int | None = None,
    max_renders: int | None = None,
) -> WrappedServer:
    journal = Path(journal or default_journal()).expanduser().resolve()
    out_dir = Path(out_dir or default_out_dir()).expanduser().resolve()
    library = VideoLibrary(out_dir, keep if keep is not None else default_keep(), journal)
    queue = RenderQueue(max_renders or default_slots())
    drawing = RenderQueue(max_renders or default_slots())  # share images wait their turn as renders do
    shared = SharedRead(lambda cancel: read_journal(journal, cancel))  # calls at once share one read
    counting: PerRead[Journal, YearStats] = PerRead(year_stats)  # and count each year's statistics once
    try:
        out_dir.mkdir(parents=True, exist_ok=True)  # the library's home: renders never make or remove it
    except OSError as exc:  # a render will say so in one line; statistics still work
        log.warning("the out dir cannot be made (%s)", exc.strerror or exc)
    library.sweep_partials()
    mcp = WrappedServer(
        library,
        name="wrapped",
        title="Wrapped: your year in journal entries",
        version=__version__,
        description=DESCRIPTION,
        website_url=WEBSITE,
        icons=icons(),
        instructions="Makes a year-in-review video (with a soundtrack) from the user's journal. Call "
        "list_journal_years to see which years have entries, then create_wrapped_video to render one; "
        "create_share_images makes a phone story image and a link card of the year.",
    )

    @mcp.tool(title="Create a wrapped video", annotations=_makes_files("Create a wrapped video"), icons=icons())
    async def create_wrapped_video(
        ctx: Context,
        year: Annotated[int | None, Field(ge=YEAR_MIN, le=YEAR_MAX, description=YEAR_HELP)] = None,
        format: Annotated[FormatName, Field(description=FORMAT_HELP)] = DEFAULT_FORMAT,
        fps: Annotated[int, Field(ge=FPS_MIN, le=FPS_MAX, description=FPS_HELP)] = DEFAULT_FPS,
        quality: Annotated[QualityName, Field(description=QUALITY_HELP)] = "standard",
        music: Annotated[MusicName, Field(description=MUSIC_HELP)] = "generated",
        quotes: Annotated[bool, Field(description=QUOTES_HELP)] = False,
    ) -> Annotated[CallToolResult, VideoInfo]:
        """Render the journal's year-in-review MP4 video (30-60 s); reports progress and stops at once if cancelled."""
        settings = RenderSettings.for_format(format, fps, quality)
        out = out_dir / output.server_video_template(format)
        started = library.begin()
        log.info("render %s: year=%s format=%s quality=%s", ctx.request_id, year, format, quality)
        waited = 0.0

        async def wait_message(ahead: int) -> None:
            nonlocal waited
            waited += 0.001  # progress must rise; waiting counts for less than the first frame
            await ctx.report_progress(waited, None, f"waiting: {ahead} render{'s' if ahead != 1 else ''} ahead")

        async def send(p: Progress) -> None:
            if p.done > waited:
                await ctx.report_progress(p.done, p.total, p.message)

        def work(cancel: threading.Event, on_progress: Callable[[Progress], None]) -> Video:
            return make_video(journal, out, settings, year=year, cancel=cancel, on_progress=on_progress, music=music,
                              quotes=quotes)  # fmt: skip

        try:
            async with queue.slot(wait_message):
                video = await run_cancellable(work, send, undo=lambda v: v.rendered.path.unlink(missing_ok=True))
        except RenderCancelled:
            raise ToolError("the render was stopped before it finished (the server is shutting down)") from None
        except WrappedError as exc:
            raise ToolError(str(exc)) from None
        log.info("render %s: done, %d frames", ctx.request_id, video.rendered.frames)
        library.record(video.rendered.path)
        library.prune(protect={video.rendered.path.name}, since=started)
        await mcp.announcer.resources_changed(ctx)
        return video_result(video)

    @mcp.tool(title="Create share images", annotations=_makes_files("Create share images"), icons=icons())
    async def create_share_images(
        ctx: Context,
        year: Annotated[int | None, Field(ge=YEAR_MIN, le=YEAR_MAX, description=YEAR_HELP)] = None,
    ) -> Annotated[CallToolResult, ShareImagesInfo]:
        """Make two PNGs of the year: a 1080x1920 story for phones and a 1200x630 link-preview card."""
        token = uuid.uuid4().hex[:8]
        started = library.begin()

        def remove(made: ShareImages) -> None:  # the call was cancelled as the images were finished
            for path in (made.story, made.card):
                path.unlink(missing_ok=True)

        entries = await _shared_read(shared)
        async with drawing.slot(_no_wait):
            images = await _in_thread(
                lambda cancel: make_share_images(entries, out_dir, year=year, token=token, cancel=cancel), undo=remove
            )
        made = [(images.story, "story image, 1080x1920"), (images.card, "link card, 1200x630")]
        pngs = [await anyio.to_thread.run_sync(path.read_bytes) for path, _what in made]
        # Never this call's pair, nor what other calls made since it began: each returns images readable after.
        library.record(images.story, images.card)
        library.prune(protect={images.story.name, images.card.name}, since=started)
        await mcp.announcer.resources_changed(ctx)
        content: list[Any] = []
        size = sum(len(data) for data in pngs)
        for (path, what), data in zip(made, pngs, strict=True):
            content.append(ImageContent(type="image", data=base64.b64encode(data).decode(), mime_type="image/png"))
            content.append(ResourceLink(type="resource_link", uri=IMAGE_URI + path.name, name=path.name,
                                        mime_type="image/png", description=f"Your {what}", size=len(data)))  # fmt: skip
        structured = ShareImagesInfo(
            year=int(images.story.name.split("-")[1]),
            story_path=str(images.story),
            story_uri=IMAGE_URI + images.story.name,
            card_path=str(images.card),
            card_uri=IMAGE_URI + images.card.name,
            bytes=size,
        ).model_dump(mode="json")
        content.append(TextContent(type="text", text=f"Saved {images.story} and {images.card}"))
        content.append(TextContent(type="text", text=json.dumps(structured)))
        return CallToolResult(content=content, structured_content=structured)

    @mcp.tool(
        title="Delete a wrapped video",
        icons=icons(),
        annotations=ToolAnnotations(
            title="Delete a wrapped video",
            read_only_hint=False,
            destructive_hint=True,
            idempotent_hint=True,
            open_world_hint=False,
        ),
    )
    async def delete_wrapped_video(
        ctx: Context,
        name: Annotated[str, Field(description="the video's file name, e.g. wrapped-2025-landscape-0f3c9a12.mp4")],
    ) -> Deleted:
        """Delete one of this server's finished videos by its name."""
        try:
            await anyio.to_thread.run_sync(library.delete, name)
        except VideoMissing:
            raise ToolError(f"no video named {name!r}") from None
        await mcp.announcer.resources_changed(ctx)
        return Deleted(name=name, deleted=True)

    @mcp.tool(
        title="Statistics of a journal year",
        icons=icons(),
        annotations=ToolAnnotations(title="Statistics of a journal year", read_only_hint=True, open_world_hint=False),
    )
    async def get_year_stats(
        year: Annotated[int | None, Field(ge=YEAR_MIN, le=YEAR_MAX, description=YEAR_HELP)] = None,
    ) -> YearStats:
        """The journal's statistics for one year: counts, streaks, months, weekdays, hours, tags, moods, highlights."""
        entries = await _shared_read(shared)
        try:
            return await counting.get(entries, year)
        except WrappedError as exc:
            raise ToolError(str(exc)) from None

    @mcp.tool(
        title="Years with journal entries",
        icons=icons(),
        annotations=ToolAnnotations(title="Years with journal entries", read_only_hint=True, open_world_hint=False),
    )
    async def list_journal_years() -> JournalYears:
        """The years that have journal entries, with how many entries each."""
        found = (await _shared_read(shared)).years()
        return JournalYears(journal=str(journal), years=[YearCount(year=y, entries=n) for y, n in found.items()])

    def video_result(video: Video) -> CallToolResult:
        r, s = video.rendered, video.stats
        uri = VIDEO_URI + r.path.name
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
        structured = info.model_dump(mode="json")
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
                TextContent(type="text", text=json.dumps(structured)),
            ],
            structured_content=structured,
        )

    return mcp


async def _no_wait(_ahead: int) -> None:
    return None


async def _shared_read(shared: SharedRead[Journal]) -> Journal:
    """The journal, read once for every call that wants it meanwhile; its errors as tool errors."""
    try:
        return await shared.get()
    except WrappedError as exc:
        raise ToolError(str(exc)) from None


async def _in_thread(read: Callable[[threading.Event], Any], undo: Callable[[Any], None] = lambda _v: None) -> Any:
    """Work off the event loop (a journal read...), cancelled with its request; its errors as tool
    errors. `undo` removes what it made if the request was cancelled just as it finished."""

    async def no_progress(_p: Progress) -> None:
        return None

    try:
        return await run_cancellable(
            lambda cancel, _report: read(cancel), no_progress, undo=undo, thread_name="wrapped-read"
        )
    except WrappedError as exc:
        raise ToolError(str(exc)) from None
