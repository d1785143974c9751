"""The server's finished videos (and share images) on disk: listed, read, deleted and kept to a
number, safely.

Only regular files directly in the out dir and named as this server names its videos count;
a symlink is never followed (O_NOFOLLOW), a read is size-capped, and nothing outside the out
dir is ever touched. Partial files left by a process that died (SIGKILL, power loss) are swept
away: their names carry the owner's pid, and a partial whose owner is gone is deleted.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from wrapped import output

MAX_READ_BYTES = 512 * 1024 * 1024  # a video read through MCP (a 60 s 1080p video is a few MB)
MTIME_SLACK_SECONDS = 0.05  # file times come from a coarse clock that may lag time.time() by a tick


class VideoMissing(LookupError):
    """No such video: not one of this server's names, not a regular file, or gone."""


class VideoTooLarge(ValueError):
    """The video is larger than a resource read may be."""


@dataclass(frozen=True)
class StoredVideo:
    name: str
    bytes: int
    modified: float  # seconds since the epoch


class VideoLibrary:
    def __init__(self, folder: Path, keep: int):
        self.folder = folder
        self.keep = keep

    def videos(self) -> list[StoredVideo]:
        """This server's finished videos, newest first."""
        return self._files(output.is_server_video)

    def images(self) -> list[StoredVideo]:
        """This server's share images (stories and cards), newest first."""
        return self._files(output.is_share_image)

    def _files(self, named: Callable[[str], bool]) -> list[StoredVideo]:
        found = []
        try:
            with os.scandir(self.folder) as items:
                for item in items:
                    if not named(item.name):
                        continue
                    try:
                        info = item.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    if stat.S_ISREG(info.st_mode):
                        found.append(StoredVideo(item.name, info.st_size, info.st_mtime))
        except OSError:
            return []
        return sorted(found, key=lambda v: (-v.modified, v.name))

    def read(self, name: str) -> bytes:
        path = self._path(name)
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            raise VideoMissing(name) from None
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise VideoMissing(name)
            if info.st_size > MAX_READ_BYTES:
                raise VideoTooLarge(f"{name} is larger than {MAX_READ_BYTES // (1024 * 1024)} MiB")
            data = stream.read(MAX_READ_BYTES + 1)
        if len(data) > MAX_READ_BYTES:
            raise VideoTooLarge(f"{name} is larger than {MAX_READ_BYTES // (1024 * 1024)} MiB")
        return data

    def delete(self, name: str) -> None:
        path = self._path(name)
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                raise VideoMissing(name)
            path.unlink()
        except FileNotFoundError:
            raise VideoMissing(name) from None

    def prune(self, protect: Collection[str] = (), made_before: float | None = None) -> list[str]:
        """Delete the oldest videos beyond `keep`, and the oldest share images beyond two for
        each; never `protect` (the files a call just made) nor anything made at or after
        `made_before` (when that call began: what calls running beside it made, which they are
        about to return)."""
        removed = []
        cutoff = None if made_before is None else made_before - MTIME_SLACK_SECONDS
        for video in self.videos()[self.keep :] + self.images()[2 * self.keep :]:
            if video.name not in protect and (cutoff is None or video.modified < cutoff):
                with contextlib.suppress(OSError):
                    (self.folder / video.name).unlink()
                    removed.append(video.name)
        return removed

    def sweep_partials(self) -> list[str]:
        """Delete partial files whose owner process is gone."""
        return output.sweep_partials(self.folder)

    def _path(self, name: str) -> Path:
        if not (output.is_server_video(name) or output.is_share_image(name)):
            raise VideoMissing(name)
        return self.folder / name
