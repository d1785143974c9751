"""What hosts show and browse: the server's icon, its resource templates and the completion of
video and image names (newest first)."""

from __future__ import annotations

import base64
from functools import cache

from mcp_types import Completion, CompletionArgument, Icon, PromptReference, ResourceTemplate, ResourceTemplateReference

from wrapped.assets import data_path
from wrapped.server.library import VideoLibrary

VIDEO_URI = "wrapped://videos/"
IMAGE_URI = "wrapped://images/"
MAX_COMPLETIONS = 100  # the spec's cap for one completion/complete answer


@cache
def icons() -> list[Icon]:
    """wrapped's icon (wrapped/data/icon-64.png, shipped in the package), inline as a data URI:
    a local server has no web address to point at."""
    data = base64.b64encode(data_path("icon-64.png").read_bytes()).decode()
    return [Icon(src=f"data:image/png;base64,{data}", mime_type="image/png", sizes=["64x64"])]


def templates() -> list[ResourceTemplate]:
    return [
        ResourceTemplate(
            uri_template=VIDEO_URI + "{name}",
            name="video",
            title="A wrapped video",
            description="One of this server's finished year-in-review videos, by file name",
            mime_type="video/mp4",
            icons=icons(),
        ),
        ResourceTemplate(
            uri_template=IMAGE_URI + "{name}",
            name="share-image",
            title="A wrapped share image",
            description="A story (1080x1920) or link card (1200x630) PNG, by file name",
            mime_type="image/png",
            icons=icons(),
        ),
    ]


def complete(
    library: VideoLibrary, ref: PromptReference | ResourceTemplateReference, argument: CompletionArgument
) -> Completion | None:
    """The names the library holds that start with what was typed, newest first."""
    if not isinstance(ref, ResourceTemplateReference) or argument.name != "name":
        return None
    if ref.uri == VIDEO_URI + "{name}":
        stored = library.videos()
    elif ref.uri == IMAGE_URI + "{name}":
        stored = library.images()
    else:
        return None
    names = [item.name for item in stored if item.name.startswith(argument.value)]
    return Completion(values=names[:MAX_COMPLETIONS], total=len(names), has_more=len(names) > MAX_COMPLETIONS)
