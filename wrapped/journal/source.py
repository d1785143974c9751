"""Opening journal files safely: the one place readers touch the file system.

Input is hostile until proven otherwise. Only regular files are opened, and never in a way
that can block: a FIFO, a socket or a device is reported and skipped, even one that appears
between the check and the open. Files and zip members are read up to a cap. Text is decoded
as UTF-8 (a BOM is dropped, CRLF becomes LF); a file that is not UTF-8 is a Problem.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import stat
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from wrapped.entries import Entry, Problem, clean_text
from wrapped.errors import RenderCancelled
from wrapped.files import NotRegular, file_kind, open_regular

Found = Iterator[Entry | Problem]  # what every reader yields, one item per entry or skipped thing

MAX_FILE_BYTES = 512 * 1024 * 1024  # one journal file (a jrnl file can be large)
MAX_NOTE_BYTES = 16 * 1024 * 1024  # one note of a folder, one entry file, one zip member
MAX_ZIP_MEMBERS = 100_000  # members looked at in one archive
MAX_ZIP_BYTES = 1024 * 1024 * 1024  # what all read members of one archive may unpack to


_CANCEL: contextvars.ContextVar[threading.Event | None] = contextvars.ContextVar("wrapped_read_cancel", default=None)


@contextlib.contextmanager
def cancellable(cancel: threading.Event | None) -> Iterator[None]:
    """While inside, `checkpoint()` in any reader raises RenderCancelled once `cancel` is set."""
    token = _CANCEL.set(cancel)
    try:
        yield
    finally:
        _CANCEL.reset(token)


def checkpoint() -> None:
    """Raise RenderCancelled if the read was cancelled: readers call it every few thousand lines,
    so a stop is honoured within a large file, not only between entries."""
    cancel = _CANCEL.get()
    if cancel is not None and cancel.is_set():
        raise RenderCancelled("cancelled while reading the journal")


def checked(lines: Iterable[str], every: int = 4096) -> Iterator[str]:
    """The lines, with a `checkpoint()` every few thousand: a long file stops when cancelled."""
    for number, line in enumerate(lines, start=1):
        if number % every == 0:
            checkpoint()
        yield line


class Unreadable(Exception):
    """A file that cannot be read as text; its message is the reason (names no content)."""


def strings(value: object, most: int = 200) -> tuple[str, ...]:
    """The strings of a list read from JSON or a plist (tags): anything else in it is left out."""
    return tuple(item for item in value[:most] if isinstance(item, str)) if isinstance(value, list) else ()


def shown(path: Path | str) -> str:
    """A path as it may be printed: a non-UTF-8 file name cannot break the output."""
    return clean_text(str(path))


def read_bytes(path: Path, limit: int = MAX_NOTE_BYTES) -> bytes:
    """The bytes of a regular file, at most `limit`; raises Unreadable otherwise."""
    fd = _open_regular(path, limit)
    try:
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:
                raise Unreadable(f"larger than {limit // (1024 * 1024)} MiB; skipped")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise Unreadable(_why(exc)) from None
    finally:
        os.close(fd)


def decode(data: bytes) -> str:
    """UTF-8 text with a BOM dropped and line ends made LF; raises Unreadable on other encodings."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 text (byte {exc.start})") from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_text(path: Path, limit: int = MAX_NOTE_BYTES) -> str:
    return decode(read_bytes(path, limit))


def regular_files(folder: Path, suffixes: tuple[str, ...] | None = None) -> Iterator[Path | Problem]:
    """Files under `folder`, in path order, skipping hidden names (.obsidian, .git, .trash).

    Symlinked folders are not followed (no loops, however deep); a name that is not a regular
    file, or a symlink to one, is reported as a Problem rather than opened. With `suffixes`,
    only names ending in one of them (compared lower-cased) are looked at.
    """
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as it:
                items = sorted(it, key=lambda e: e.name, reverse=True)
        except OSError as exc:
            yield Problem(current, None, f"folder cannot be read ({_why(exc)})")
            continue
        files = []
        for item in items:
            if item.name.startswith("."):
                continue
            try:
                if item.is_dir(follow_symlinks=False):
                    pending.append(Path(item.path))
                elif suffixes is None or item.name.lower().endswith(suffixes):
                    files.append(item)
            except OSError as exc:
                yield Problem(Path(item.path), None, _why(exc))
        for item in reversed(files):
            path = Path(item.path)
            try:
                if not item.is_symlink() and item.is_file(follow_symlinks=False):  # no system call
                    yield path
                    continue
                mode = item.stat(follow_symlinks=True).st_mode
            except OSError as exc:
                yield Problem(path, None, _why(exc))
                continue
            if stat.S_ISREG(mode):
                yield path
            elif not stat.S_ISDIR(mode):  # a symlink to a folder is left alone
                yield Problem(path, None, f"not a regular file ({file_kind(mode)}); skipped")


@contextlib.contextmanager
def open_binary(path: Path, limit: int = MAX_FILE_BYTES) -> Iterator[BinaryIO]:
    """A regular file opened for reading bytes (a zip archive), never blocking on a FIFO."""
    fd = _open_regular(path, limit)
    with os.fdopen(fd, "rb") as stream:
        yield stream


def _open_regular(path: Path, limit: int) -> int:
    try:
        fd = open_regular(path)
    except OSError as exc:
        raise Unreadable(_why(exc)) from None
    except NotRegular as exc:
        raise Unreadable(f"not a regular file ({exc.kind}); skipped") from None
    try:
        info = os.fstat(fd)
        if info.st_size > limit:
            raise Unreadable(f"larger than {limit // (1024 * 1024)} MiB; skipped")
    except BaseException:
        os.close(fd)
        raise
    return fd


@contextlib.contextmanager
def open_lines(path: Path, limit: int = MAX_FILE_BYTES) -> Iterator[TextIO]:
    """A regular file opened as UTF-8 text (BOM dropped, any line end read as LF), streamed.

    Decoding errors surface as UnicodeDecodeError while reading; the caller reports the line.
    """
    fd = _open_regular(path, limit)
    with os.fdopen(fd, encoding="utf-8-sig", newline=None) as stream:
        yield stream


def zip_members(archive: zipfile.ZipFile, suffixes: tuple[str, ...]) -> list[zipfile.ZipInfo]:
    """The archive's files with those endings, in name order, skipping macOS resource forks."""
    found = []
    for info in archive.infolist()[:MAX_ZIP_MEMBERS]:
        name = info.filename
        if info.is_dir() or "__MACOSX/" in name or name.rsplit("/", 1)[-1].startswith("."):
            continue
        if name.lower().endswith(suffixes):
            found.append(info)
    return sorted(found, key=lambda i: i.filename)


class ZipBudget:
    """Reads zip members up to a size each and in all, whatever sizes their headers claim."""

    def __init__(self, total: int = MAX_ZIP_BYTES):
        self.left = total

    def read(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int = MAX_NOTE_BYTES) -> bytes:
        cap = min(limit, self.left)
        if info.file_size > cap:
            raise Unreadable(f"unpacks to more than {cap // (1024 * 1024)} MiB; skipped")
        try:
            with archive.open(info) as member:
                data = member.read(cap + 1)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, ValueError) as exc:
            raise Unreadable(f"cannot be unpacked ({type(exc).__name__})") from None
        if len(data) > cap:
            raise Unreadable(f"unpacks to more than {cap // (1024 * 1024)} MiB; skipped")
        self.left -= len(data)
        return data


def zip_files(
    path: Path, suffixes: tuple[str, ...], limit: int = MAX_NOTE_BYTES, keep: Callable[[str], bool] = lambda _: True
) -> Iterator[tuple[Path, bytes] | Problem]:
    """Each wanted member of an archive as (archive!member, bytes), within the caps; a member or an
    archive that cannot be unpacked is a Problem."""
    budget = ZipBudget()
    try:
        with open_binary(path) as stream, zipfile.ZipFile(stream) as archive:
            for info in zip_members(archive, suffixes):
                if not keep(info.filename):
                    continue
                inner = Path(f"{path}!{info.filename}")
                try:
                    yield inner, budget.read(archive, info, limit)
                except Unreadable as exc:
                    yield Problem(inner, None, str(exc))
    except Unreadable as exc:
        yield Problem(path, None, str(exc))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        yield Problem(path, None, "not a readable zip file")


def _why(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "a symlink loop"
    return f"cannot be read ({exc.strerror or type(exc).__name__})"
