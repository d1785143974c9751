"""Where finished files go and how they get there: their names, and the atomic move into place.

Every file wrapped writes is first written to a hidden temporary name beside its final one
and moved into place only when complete, so a reader never sees half a video or half a PNG.
The final move never replaces anything but a regular file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import stat
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

from wrapped.defaults import commit_pause_for_tests
from wrapped.errors import OutputError
from wrapped.files import file_kind
from wrapped.settings import FORMATS

DEFAULT_VIDEO = "wrapped-{year}.mp4"
DEFAULT_PREVIEW = "wrapped-{year}-preview.png"
# Names are matched whole (fullmatch: `$` would let a trailing newline through) and ASCII only (`\d`
# is any Unicode digit: wrapped-٢٠٢٥-... is not a name wrapped makes).
PARTIAL = re.compile(r"\..+\.([0-9]+)-[0-9a-f]{8}\.partial\.[A-Za-z0-9]+", re.ASCII)  # what temp_path makes
SERVER_VIDEO = re.compile(rf"wrapped-[0-9]{{4}}-(?:{'|'.join(FORMATS)})-[0-9a-f]{{8}}\.mp4", re.ASCII)


def for_year(template: str | Path, year: int) -> Path:
    """The output path with "{year}" filled in."""
    return Path(str(template).replace("{year}", str(year)))


def server_video_template(format: str) -> str:
    """The server's names: year, format and a unique token, e.g. wrapped-2025-square-0f3c9a12.mp4."""
    return f"wrapped-{{year}}-{format}-{uuid.uuid4().hex[:8]}.mp4"


SHARE_IMAGE = re.compile(r"wrapped-[0-9]{4}-(?:story|card)-[0-9a-f]{8}\.png", re.ASCII)


def share_paths(folder: Path, year: int, token: str | None = None) -> tuple[Path, Path]:
    """Where the share images go: wrapped-YEAR-story.png and wrapped-YEAR-card.png (the server
    adds a token, e.g. wrapped-2025-story-0f3c9a12.png, as it does to its videos)."""
    tail = f"-{token}" if token else ""
    return folder / f"wrapped-{year}-story{tail}.png", folder / f"wrapped-{year}-card{tail}.png"


def is_share_image(name: str) -> bool:
    return SHARE_IMAGE.fullmatch(name) is not None


def is_server_video(name: str) -> bool:
    return SERVER_VIDEO.fullmatch(name) is not None


def temp_path(out: Path) -> Path:
    """A hidden, unique name beside `out`; it carries this process's id, so a later run can tell
    a partial whose owner is gone."""
    return out.with_name(f".{out.stem}.{os.getpid()}-{uuid.uuid4().hex[:8]}.partial{out.suffix or '.mp4'}")


VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov")


def check_video_target(out: Path) -> None:
    """Raise OutputError, one line, for a path no video can be written to: the wrong suffix, a
    folder, a FIFO, a device or a symlink in its place, a parent that is a file, or a folder that
    cannot be written. "{year}" may still be in the name: then what exists there is not checked."""
    check_target(out)
    if out.suffix.lower() not in VIDEO_SUFFIXES:
        raise OutputError(f"{out}: a video's name must end in .mp4")


def check_target(out: Path) -> None:
    if "{year}" not in out.name:
        try:
            mode = os.lstat(out).st_mode
        except (FileNotFoundError, NotADirectoryError):
            pass  # nothing there, or a parent is not a folder: said below
        except OSError as exc:
            raise OutputError(f"{out}: cannot be checked ({(exc.strerror or str(exc)).lower()})") from None
        else:
            if not stat.S_ISREG(mode):
                raise OutputError(f"{out}: is {file_kind(mode)}; give the name of a file to write")
    folder = Path(os.path.abspath(out)).parent
    while True:
        try:
            mode = os.stat(folder).st_mode
        except FileNotFoundError:
            folder = folder.parent  # will be made; look at the folder that holds it
            continue
        except OSError as exc:
            raise OutputError(f"{out}: its folder cannot be used ({(exc.strerror or str(exc)).lower()})") from None
        if not stat.S_ISDIR(mode):
            raise OutputError(f"{out}: {folder} is a file, not a folder")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError(f"{out}: cannot write in the folder {folder}")
        _try_writing_in(out, folder)  # access() says yes to root everywhere, even in /proc
        return


def _try_writing_in(out: Path, folder: Path) -> None:
    """Make and delete an empty hidden file in `folder`: the only true answer to "can a file be
    written here?" (a read-only mount, /proc or /sys, a full disk, root's access() saying yes)."""
    probe = temp_path(folder / "wrapped-check.probe")  # a sweepable partial's name, not a video's
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600))
    except OSError as exc:
        raise OutputError(f"{out}: {_why_not_writable(folder, exc)}") from None
    finally:
        discard(probe)  # also when a Ctrl-C lands in between


SPECIAL_FILE_SYSTEMS = ("proc", "sysfs", "cgroup", "cgroup2", "devpts", "debugfs", "securityfs", "tracefs")


def _why_not_writable(folder: Path, exc: OSError) -> str:
    kind = _file_system(folder)
    if kind in SPECIAL_FILE_SYSTEMS:
        return f"the folder {folder} is on the kernel's {kind} file system, which takes no new files"
    if exc.errno == errno.EROFS:
        return f"the folder {folder} is on a read-only file system"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"no permission to write in the folder {folder}"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"no space left in the folder {folder}"
    if exc.errno == errno.ENOENT:  # "no such file" for a folder that is there: it takes no new files
        return f"the folder {folder} takes no new files ({kind or 'a special'} file system)"
    return f"cannot write in the folder {folder} ({(exc.strerror or str(exc)).lower()})"


def _file_system(folder: Path) -> str:
    """The type of the file system `folder` is on, from /proc/self/mounts ('' if unknown)."""
    try:
        mounts = Path("/proc/self/mounts").read_text().splitlines()
    except OSError:
        return ""
    best, kind = "", ""
    where = str(folder.resolve())
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = where == point or where.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


def make_parents(out: Path) -> list[Path]:
    """Make the folders `out` needs; return those this call made (deepest last)."""
    missing = []
    folder = Path(os.path.abspath(out)).parent
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    made: list[Path] = []
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        except OSError as exc:
            remove_folders(made)
            raise OutputError(
                f"{out}: cannot make the folder {folder} ({(exc.strerror or str(exc)).lower()})"
            ) from None
        made.append(folder)
    return made


def remove_folders(made: list[Path]) -> None:
    """Remove folders this run made, deepest first, if they are still empty; never raises."""
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            folder.rmdir()


def commit(temp: Path, out: Path) -> None:
    """Move the complete file `temp` to `out`, which may only be absent or a regular file."""
    try:
        mode = os.lstat(out).st_mode
    except FileNotFoundError:
        pass
    else:
        if not stat.S_ISREG(mode):
            raise OutputError(f"{out}: is {file_kind(mode)} now; it was left as it is and nothing was written")
    os.replace(temp, out)


def discard(temp: Path) -> None:
    """Delete a temporary file; never raises, so it cannot hide the error that led here."""
    with contextlib.suppress(OSError):
        temp.unlink(missing_ok=True)


@contextlib.contextmanager
def written_atomically(out: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it becomes `out`, on any failure it is deleted."""
    temp = temp_path(out)
    try:
        yield temp
        commit(temp, out)
    except BaseException:
        discard(temp)
        raise


STOPS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


class StoppedAfterWriting(KeyboardInterrupt):
    """A stop that arrived while files were being committed together: it was held until all of
    them were in place, so they are complete (the caller may say so)."""


@contextlib.contextmanager
def stops_held() -> Iterator[None]:
    """While inside, SIGINT, SIGTERM and SIGHUP are held: noted, not acted on. On leaving, the
    handlers are back and a held stop is delivered again, to whatever handler was there; if that
    raises KeyboardInterrupt (the CLI's, Python's own), it comes out as StoppedAfterWriting. Only
    the main thread can hold signals; elsewhere (the server's workers) this holds nothing, and the
    stop is the cancel Event the caller checks before committing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = {}
    done = False
    try:
        for sig in STOPS:
            previous[sig] = signal.signal(sig, lambda signum, _frame: held.append(signum))
        yield
        done = True
    finally:
        try:
            for sig, handler in previous.items():
                if handler is not None:  # None: a handler set outside Python, which cannot be put back
                    signal.signal(sig, handler)
            if held:
                signal.raise_signal(held[0])  # its handler runs now, after the body
        except KeyboardInterrupt:
            if done:
                raise StoppedAfterWriting from None
            raise


def commit_together(pairs: Sequence[tuple[Path, Path]]) -> None:
    """Move each complete temporary file onto its final name, all or none.

    Each earlier file under a final name is first kept as a hidden hard link (a copy where links
    are not possible). The renames then run with stop signals held; if one fails, those already
    made are undone from the kept files, so the earlier set is back as it was. On any way out
    the temporary and kept files are deleted. A stop before the renames leaves the earlier files
    untouched; one during them is held until the new set is complete (StoppedAfterWriting)."""
    kept: dict[Path, Path | None] = {}
    try:
        for _temp, out in pairs:
            kept[out] = _keep(out)
        with stops_held():
            done: list[Path] = []
            try:
                for temp, out in pairs:
                    commit(temp, out)
                    done.append(out)
                    time.sleep(commit_pause_for_tests())
            except BaseException:
                for out in reversed(done):
                    earlier = kept[out]
                    with contextlib.suppress(OSError):
                        if earlier is not None:
                            os.replace(earlier, out)
                            kept[out] = None
                        else:
                            out.unlink()
                raise
            finally:
                for backup in kept.values():
                    if backup is not None:
                        discard(backup)
    finally:
        for temp, _out in pairs:
            discard(temp)
        for backup in kept.values():
            if backup is not None:
                discard(backup)


def _keep(out: Path) -> Path | None:
    """A hidden second name for the regular file at `out` (None when there is none)."""
    try:
        if not stat.S_ISREG(os.lstat(out).st_mode):
            return None  # commit() refuses it, one line
    except FileNotFoundError:
        return None
    backup = temp_path(out)
    try:
        os.link(out, backup)
    except OSError:
        shutil.copy2(out, backup)  # a file system without hard links
    return backup


def sweep_partials(folder: Path) -> list[str]:
    """Delete the hidden partial files in `folder` whose owner process no longer runs (a render
    killed with SIGKILL, or a power cut, leaves one behind)."""
    removed: list[str] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        found = PARTIAL.fullmatch(name)
        if found and not _alive(int(found[1])):
            path = folder / name
            with contextlib.suppress(OSError):
                if stat.S_ISREG(os.lstat(path).st_mode):
                    path.unlink()
                    removed.append(name)
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    return True
