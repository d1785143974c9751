"""Where finished files go and how they get there: their names, and the atomic move into place.

Every file wrapped writes is first written to a hidden temporary name beside its final one
and moved into place only when complete, so a reader never sees half a video or half a PNG.
The final move never replaces anything but a regular file.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

from wrapped.errors import OutputError
from wrapped.settings import FORMATS

DEFAULT_VIDEO = "wrapped-{year}.mp4"
DEFAULT_PREVIEW = "wrapped-{year}-preview.png"
SERVER_VIDEO = re.compile(rf"^wrapped-\d{{4}}-(?:{'|'.join(FORMATS)})-[0-9a-f]{{8}}\.mp4$")


def for_year(template: str | Path, year: int) -> Path:
    """The output path with "{year}" filled in."""
    return Path(str(template).replace("{year}", str(year)))


def server_video_template(format: str) -> str:
    """The server's names: year, format and a unique token, e.g. wrapped-2025-square-0f3c9a12.mp4."""
    return f"wrapped-{{year}}-{format}-{uuid.uuid4().hex[:8]}.mp4"


def is_server_video(name: str) -> bool:
    return SERVER_VIDEO.match(name) is not None


def temp_path(out: Path) -> Path:
    """A hidden, unique name beside `out`; it carries this process's id, so a later run can tell
    a partial whose owner is gone."""
    return out.with_name(f".{out.stem}.{os.getpid()}-{uuid.uuid4().hex[:8]}.partial{out.suffix or '.mp4'}")


def commit(temp: Path, out: Path) -> None:
    """Move the complete file `temp` to `out`, which may only be absent or a regular file."""
    try:
        mode = os.lstat(out).st_mode
    except FileNotFoundError:
        pass
    else:
        if not stat.S_ISREG(mode):
            raise OutputError(f"{out}: exists and is not a regular file; it was left as it is")
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
