"""Opening a file someone else named, safely: read-only, never blocking on a FIFO swapped in, and
only if it is a regular file. Every reader of a named file (journals, a music track, a token file,
the server's own records and videos) opens it here and says in its own words what went wrong.
"""

from __future__ import annotations

import os
import stat


class NotRegular(Exception):
    """The path names something other than a regular file (`kind` says what, for a message)."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def open_regular(path: str | os.PathLike[str], *, follow_symlinks: bool = True) -> int:
    """A descriptor of the regular file at `path`, opened read-only without blocking (a FIFO
    never hangs the open). Raises OSError when it cannot be opened and NotRegular when it is a
    folder, FIFO, device, socket (or, without `follow_symlinks`, a symlink)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= os.O_NOFOLLOW
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
    except BaseException:
        os.close(fd)
        raise
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotRegular(file_kind(mode))
    return fd


def file_kind(mode: int) -> str:
    """What a non-regular file is, for a message: 'a folder', 'a FIFO', 'a device'..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symlink"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"
