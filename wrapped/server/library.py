"""The server's finished videos (and share images) on disk: listed, read, deleted and kept to a
number, safely.

Only regular files directly in the out dir and named as this server names its videos count;
a symlink is never followed (O_NOFOLLOW), a read is size-capped, and nothing outside the out
dir is ever touched. Partial files left by a process that died (SIGKILL, power loss) are swept
away: their names carry the owner's pid, and a partial whose owner is gone is deleted.

Deleting and pruning touch only the files this server made: their names are recorded in a
hidden manifest in the out dir (``.wrapped-made-<id>.json``, one per journal served, written
atomically under a lock), so a restarted server still knows its own files, and a server for
another journal sharing the out dir never deletes them. A file someone else put there, even
named like ours, is listed and read but never deleted.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import itertools
import json
import logging
import os
import stat
import threading
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from wrapped import output
from wrapped.errors import OutputError
from wrapped.files import NotRegular, open_regular

MAX_READ_BYTES = 512 * 1024 * 1024  # a video read through MCP (a 60 s 1080p video is a few MB)
MAX_MANIFEST_BYTES = 4 * 1024 * 1024  # about 80,000 names
log = logging.getLogger("wrapped.server")


class VideoMissing(LookupError):
    """No such video: not one of this server's names, not a regular file, or gone."""


class VideoTooLarge(ValueError):
    """The video is larger than a resource read may be."""


@dataclass(frozen=True)
class StoredVideo:
    name: str
    bytes: int
    modified: float  # seconds since the epoch


class Made:
    """The names of the files this server made, kept in a manifest in the out dir."""

    def __init__(self, folder: Path, journal: Path):
        key = hashlib.sha256(os.fsencode(journal)).hexdigest()[:16]
        self.folder = folder
        self.path = folder / f".wrapped-made-{key}.json"
        self._lock = threading.Lock()  # the loop and worker threads; flock below for other processes

    def names(self) -> set[str]:
        with self._locked():
            return self._read()

    def add(self, *names: str) -> None:
        self._change(lambda known: known | set(names))

    def discard(self, *names: str) -> None:
        self._change(lambda known: known - set(names))

    def _change(self, change: Callable[[set[str]], set[str]]) -> None:
        try:
            with self._locked():
                known = self._read()
                changed = change(known)
                if changed != known:
                    with output.written_atomically(self.path) as temp:
                        temp.write_text(json.dumps({"made_by_wrapped": sorted(changed)}, indent=0))
        except (OSError, OutputError) as exc:  # the out dir is gone or read-only, or the manifest is a symlink
            log.warning("the list of this server's files cannot be updated (%s)", getattr(exc, "strerror", None) or exc)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with self._lock:
            try:
                fd = os.open(self.folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
            except OSError:
                yield  # no out dir: there is nothing to guard
                return
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)  # another server for the same journal and out dir
                yield
            finally:
                os.close(fd)  # releases the lock

    def _read(self) -> set[str]:
        try:
            fd = open_regular(self.path, follow_symlinks=False)
        except (OSError, NotRegular):
            return set()
        with os.fdopen(fd, "rb") as stream:
            data = stream.read(MAX_MANIFEST_BYTES + 1)
        try:
            names = json.loads(data)["made_by_wrapped"] if len(data) <= MAX_MANIFEST_BYTES else None
        except (ValueError, RecursionError, KeyError, TypeError):
            names = None
        if not isinstance(names, list):
            log.warning("%s is not a list of names: this server deletes none of the files it made before", self.path)
            return set()
        return {n for n in names if isinstance(n, str) and (output.is_server_video(n) or output.is_share_image(n))}


class VideoLibrary:
    def __init__(self, folder: Path, keep: int, journal: Path):
        self.folder = folder
        self.keep = keep
        self.made = Made(folder, journal)
        self._ticks = itertools.count(1)
        self._recorded_at: dict[str, int] = {}  # name -> tick, for the files this process made

    def begin(self) -> int:
        """A tick for a call that is about to make files: its prune spares what is recorded after it."""
        return next(self._ticks)

    def record(self, *paths: Path) -> None:
        """Note files this server just made: only those are ever deleted or pruned."""
        tick = next(self._ticks)
        self._recorded_at.update((path.name, tick) for path in paths)
        self.made.add(*(path.name for path in paths))

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
            fd = open_regular(path, follow_symlinks=False)
        except (OSError, NotRegular):
            raise VideoMissing(name) from None
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(stream.fileno())
            if info.st_size > MAX_READ_BYTES:
                raise VideoTooLarge(f"{name} is larger than {MAX_READ_BYTES // (1024 * 1024)} MiB")
            data = stream.read(MAX_READ_BYTES + 1)
        if len(data) > MAX_READ_BYTES:
            raise VideoTooLarge(f"{name} is larger than {MAX_READ_BYTES // (1024 * 1024)} MiB")
        return data

    def delete(self, name: str) -> None:
        path = self._path(name)
        if name not in self.made.names():
            raise VideoMissing(name)  # not one this server made
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                raise VideoMissing(name)
            path.unlink()
        except FileNotFoundError:
            raise VideoMissing(name) from None
        finally:
            if not path.exists():
                self.made.discard(name)

    def prune(self, protect: Collection[str] = (), since: int | None = None) -> list[str]:
        """Delete the oldest of this server's videos beyond `keep`, and the oldest share images
        beyond two for each; never `protect` (the files a call just made) nor what was recorded
        after the tick `since` (when that call began: what calls running beside it made, which
        they are about to return)."""
        removed: list[str] = []
        ours = self.made.names()
        videos = [v for v in self.videos() if v.name in ours]
        images = [i for i in self.images() if i.name in ours]
        for video in videos[self.keep :] + images[2 * self.keep :]:
            if video.name not in protect and (since is None or self._recorded_at.get(video.name, 0) < since):
                with contextlib.suppress(OSError):
                    (self.folder / video.name).unlink()
                    removed.append(video.name)
        gone = ours - {v.name for v in videos + images}  # deleted by hand meanwhile
        if removed or gone:
            self.made.discard(*removed, *gone)
        return removed

    def sweep_partials(self) -> list[str]:
        """Delete partial files whose owner process is gone."""
        return output.sweep_partials(self.folder)

    def _path(self, name: str) -> Path:
        if not (output.is_server_video(name) or output.is_share_image(name)):
            raise VideoMissing(name)
        return self.folder / name
