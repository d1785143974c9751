"""Quotes only when asked: up to three excerpts of at most 140 characters, starred entries first,
then the longest; without --quotes no word of any entry's text is drawn."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PIL import ImageDraw

from wrapped.entries import Entry
from wrapped.journal import read_journal
from wrapped.pipeline import plan
from wrapped.quotes import MAX_CHARS, excerpt, pick_quotes
from wrapped.video.frames import FramePainter


def entry(day: int, text: str, starred: bool = False) -> Entry:
    return Entry(day=date(2025, 3, day), moment=None, title=f"t{day}", text=text, source=Path("x"), starred=starred)


def test_starred_entries_come_first_then_the_longest_at_most_three_in_day_order():
    entries = [
        entry(1, "short but starred entry", starred=True),
        entry(2, "a much longer entry " * 30),
        entry(3, "medium length entry here " * 5),
        entry(4, "tiny"),
        entry(5, "the longest entry of them all " * 40),
    ]
    quotes = pick_quotes(entries, 2025)
    assert [q.day.day for q in quotes] == [1, 2, 5]
    assert all(len(q.text) <= MAX_CHARS for q in quotes)


@pytest.mark.parametrize(
    "text",
    ["word " * 100, "x" * 500, "First sentence here. " * 20, "# Heading\n\n**bold** text\twith\nbreaks", "é" * 300],
)
def test_an_excerpt_is_one_line_of_at_most_140_characters(text):
    cut = excerpt(text)
    assert len(cut) <= MAX_CHARS and "\n" not in cut and "\t" not in cut and "**" not in cut and cut


def drawn_text(monkeypatch, journal_path: Path, quotes: bool) -> str:
    seen: list[str] = []
    original = ImageDraw.ImageDraw.text

    def text(self, xy, text, *args, **kwargs):
        seen.append(str(text))
        return original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", text)
    board = plan(read_journal(journal_path), 2025, 10, quotes=quotes)
    painter = FramePainter(board, 640, 360)
    for shot in board.shots:
        for local in range(0, shot.frames, 3):
            painter.paint(shot.start + local)
    return " ".join(seen)


def test_no_entry_text_is_drawn_unless_quotes_are_asked_for(tmp_path, monkeypatch):
    folder = tmp_path / "journal"
    folder.mkdir()
    for day in range(1, 25):
        body = f"Zanzibarine marmalade {day} and the quiet walk home. " * (3 if day == 7 else 1)
        (folder / f"2025-04-{day:02d}.md").write_text(f"---\ndate: 2025-04-{day:02d}\n---\n# Walk {day}\n\n{body}\n")
    assert "Zanzibarine" not in drawn_text(monkeypatch, folder, quotes=False)
    assert "Zanzibarine marmalade 7" in drawn_text(monkeypatch, folder, quotes=True)


def test_an_excerpt_leaves_out_the_markdown_heading_that_is_the_title():
    assert excerpt("# Piano practice\n\nThe Satie is coming together.") == "The Satie is coming together."
