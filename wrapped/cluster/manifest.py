"""The batch manifest: JSON Lines, one job per line, checked whole before any work starts. Pure.

    {"id": "alice", "journal": "alice/journal.txt", "year": 2025, "format": "vertical"}

Keys: `id` and `journal` (required), `year`, `format`, `fps`, `quality`, `music` (`generated` or
`none`), `quotes`; what a job leaves out comes from the batch's own options, whose defaults are
`wrapped render`'s. A relative journal path is read from the manifest's folder. Every problem is
one ManifestError naming the file, the line and the key; a journal that is missing is not a
manifest problem (that job fails when it runs, the others go on).
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from wrapped.errors import SettingsError
from wrapped.settings import FORMATS, FPS_MAX, FPS_MIN, MUSIC, QUALITIES, YEAR_MAX, YEAR_MIN, RenderSettings

ID = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$")  # no leading dot: no hidden or partial-like names
KEYS = ("id", "journal", "year", "format", "fps", "quality", "music", "quotes")
MAX_LINE = 64 * 1024  # a job is a few dozen bytes; a longer line is not a job


class ManifestError(SettingsError):
    """The manifest cannot be used as it is; nothing was started."""


@dataclass(frozen=True)
class JobDefaults:
    """What a job that leaves a key out gets: the batch's options (wrapped render's defaults)."""

    format: str
    fps: int
    quality: str
    music: str = "generated"
    quotes: bool = False


@dataclass(frozen=True)
class Job:
    id: str
    journal: str  # absolute path, as every worker reads it
    year: int | None
    format: str
    fps: int
    quality: str
    music: str
    quotes: bool
    line: int  # where it is in the manifest, for messages

    @property
    def settings(self) -> RenderSettings:
        return RenderSettings.for_format(self.format, self.fps, self.quality)

    def spec(self) -> dict[str, Any]:
        """What the job asks for, without its place in the manifest (part of its fingerprint)."""
        spec = asdict(self)
        del spec["line"]
        return spec


def read_manifest(path: Path, defaults: JobDefaults) -> tuple[Job, ...]:
    """Every job of the manifest, or ManifestError (one line) for the first bad line."""
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise ManifestError(f"manifest {path}: not a regular file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ManifestError(f"manifest {path}: no such file") from None
    except OSError as exc:
        raise ManifestError(f"manifest {path}: cannot read it ({(exc.strerror or str(exc)).lower()})") from None
    base = Path(os.path.abspath(path)).parent
    jobs: list[Job] = []
    seen: dict[str, int] = {}  # id, folded to lower case (a case-blind file system), -> line
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        job = parse_line(raw, number, base, defaults, where=f"manifest {path} line {number}")
        folded = job.id.lower()
        if folded in seen:
            raise ManifestError(
                f"manifest {path} line {number}: key 'id': {job.id!r} is already on line {seen[folded]}"
            )
        seen[folded] = number
        jobs.append(job)
    if not jobs:
        raise ManifestError(
            f'manifest {path}: no jobs (one JSON object a line, e.g. {{"id": "alice", "journal": "alice.txt"}})'
        )
    return tuple(jobs)


def parse_line(raw: bytes, number: int, base: Path, defaults: JobDefaults, where: str) -> Job:
    def bad(key: str, why: str) -> ManifestError:
        return ManifestError(f"{where}: key {key!r}: {why}")

    if len(raw) > MAX_LINE:
        raise ManifestError(f"{where}: longer than {MAX_LINE} bytes; a job is one short JSON object")
    try:
        item = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ManifestError(f"{where}: not UTF-8 text") from None
    except (ValueError, RecursionError):
        raise ManifestError(
            f'{where}: not JSON (one object a line, e.g. {{"id": "alice", "journal": "alice.txt"}})'
        ) from None
    if not isinstance(item, dict):
        raise ManifestError(f"{where}: a job is a JSON object, not {type(item).__name__}")
    for key in item:
        if key not in KEYS:
            raise bad(key, f"unknown key; a job takes {', '.join(KEYS)}")
    for key in ("id", "journal"):
        if key not in item:
            raise bad(key, "missing")
    job_id = item["id"]
    if not isinstance(job_id, str) or not ID.match(job_id):
        raise bad("id", "1 to 64 letters, digits, '.', '_' or '-', not starting with '.'")
    journal = item["journal"]
    if not isinstance(journal, str) or not journal or "\0" in journal:
        raise bad("journal", "the path of a journal file or folder")
    year = item.get("year")
    if year is not None and (not _whole(year) or not YEAR_MIN <= year <= YEAR_MAX):
        raise bad("year", f"a whole number from {YEAR_MIN} to {YEAR_MAX}")
    fps = item.get("fps", defaults.fps)
    if not _whole(fps) or not FPS_MIN <= fps <= FPS_MAX:
        raise bad("fps", f"a whole number from {FPS_MIN} to {FPS_MAX}")
    choices = {"format": tuple(FORMATS), "quality": tuple(QUALITIES), "music": MUSIC}
    picked: dict[str, str] = {}
    for key, allowed in choices.items():
        value = item.get(key, getattr(defaults, key))
        if value not in allowed:
            raise bad(key, f"one of {', '.join(allowed)}")
        picked[key] = value
    quotes = item.get("quotes", defaults.quotes)
    if not isinstance(quotes, bool):
        raise bad("quotes", "true or false")
    path = Path(os.path.expanduser(journal))
    return Job(id=job_id, journal=os.path.abspath(base / path), year=year, format=picked["format"], fps=fps,
               quality=picked["quality"], music=picked["music"], quotes=quotes, line=number)  # fmt: skip


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
