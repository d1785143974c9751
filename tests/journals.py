"""Small real journals written into a test's folder, in formats the readers accept: Markdown notes
with front matter, a jrnl file, a Daylio CSV and a Logseq graph."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

YEAR = 2025
WORDS = "the light came in low over the river and we talked until late about everything "


def spread(count: int, every: int, first: date = date(YEAR, 1, 2)) -> list[date]:
    """`count` days, `every` days apart, from `first`."""
    return [first + timedelta(days=every * i) for i in range(count)]


def text_of(words: int) -> str:
    return " ".join((WORDS.split() * (words // 16 + 1))[:words])


def notes(
    folder: Path,
    days: Sequence[date],
    *,
    time: str | Callable[[int], str] | None = None,
    words: int | Callable[[int], int] = 100,
    mood: Callable[[int], str] | None = None,
    tags: Callable[[int], list[str]] | None = None,
    place: Callable[[int], str] | None = None,
    starred: Callable[[int], bool] | None = None,
) -> Path:
    """One Markdown note a day, with the front matter the sample journal uses."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, day in enumerate(days):
        meta = [f"date: {day.isoformat()}"]
        if time:
            meta.append(f'time: "{time(i) if callable(time) else time}"')
        if mood:
            meta.append(f"mood: {mood(i)}")
        if tags:
            meta.append(f"tags: [{', '.join(tags(i))}]")
        if place:
            meta.append(f"location: {place(i)}")
        if starred and starred(i):
            meta.append("starred: true")
        count = words(i) if callable(words) else words
        body = f"# Day {i}\n\n{text_of(count)}\n" if count else ""
        (folder / f"{day.isoformat()}.md").write_text("---\n" + "\n".join(meta) + "\n---\n" + body)
    return folder


def jrnl(path: Path, days: Sequence[date], *, time: str = "09:00:00 PM", words: int = 30) -> Path:
    """A jrnl file in its default format ("[YYYY-MM-DD HH:MM:SS AM] Title. Body")."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(f"[{d.isoformat()} {time}] {text_of(words)}.\n" for d in days))
    return path


def daylio(path: Path, days: Sequence[date], mood: Callable[[int], str], *, note: Callable[[int], str] | None = None,
           time: str = "9:30 pm", activities: str = "") -> Path:  # fmt: skip
    """A Daylio CSV export (the current layout, newest first as the app writes it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = ["full_date,date,weekday,time,mood,activities,note_title,note"]
    for i, day in sorted(enumerate(days), key=lambda p: p[1], reverse=True):
        text = note(i) if note else ""
        rows.append(f'{day.isoformat()},{day:%-d %B},{day:%A},{time},{mood(i)},"{activities}","","{text}"')
    path.write_text("\n".join(rows) + "\n")
    return path


def logseq(folder: Path, days: Sequence[date], *, words: int = 40, tag: str | None = None) -> Path:
    """A Logseq graph: journals/YYYY_MM_DD.md pages of outline blocks, no times."""
    (folder / "journals").mkdir(parents=True, exist_ok=True)
    (folder / "logseq").mkdir(exist_ok=True)
    (folder / "logseq" / "config.edn").write_text("{}\n")
    for day in days:
        suffix = f" #{tag}" if tag else ""
        (folder / "journals" / f"{day:%Y_%m_%d}.md").write_text(f"- {text_of(words)}{suffix}\n")
    return folder
