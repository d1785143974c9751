"""Every text in the video can be read on a phone: no smaller than 1/30 of the frame's short
side, at least 4.5:1 against what is behind it (WCAG AA), and inside the safe zone (in a vertical
frame clear of the top 14% and the bottom 20%, where a story's own buttons sit), in every scene
and format.

Each text drawn while a scene's last frame is painted (everything has landed by then) is recorded
with the pixels behind it at the moment it was drawn (the one drawing call, watched, not replaced).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import numpy as np
import pytest

from wrapped.entries import Entry
from wrapped.journal import read_journal
from wrapped.pipeline import year_stats
from wrapped.quotes import Quote
from wrapped.settings import FORMATS
from wrapped.stats import compute_stats
from wrapped.video.canvas import Canvas
from wrapped.video.frames import FramePainter
from wrapped.video.storyboard import make_storyboard

from conftest import SAMPLE

QUOTES = (Quote("The river was high after the rain and we walked the long way round, talking about nothing.",
                date(2025, 3, 2)), Quote("Short one.", date(2025, 6, 1)))  # fmt: skip


def luminance(rgb: np.ndarray) -> np.ndarray:
    c = rgb[..., :3].astype(np.float64) / 255
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def contrast(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    la, lb = luminance(a), luminance(b)
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


@pytest.fixture
def watched_text(monkeypatch):
    """Every text drawn: (text, font size, worst contrast against the pixels behind it, box, inside
    the safe zone); contrast -1 when it runs off the frame."""
    seen: list[tuple[str, int, float, tuple[int, int, int, int], bool]] = []
    original = Canvas.text

    def text(self, image, xy, text, font, fill, anchor="la"):
        mask, _ = _probe(self, image, xy, text, font, anchor)
        box = mask
        behind = np.asarray(image.convert("RGB").crop(box))
        colour = np.array(fill[:3])
        worst = float(contrast(colour, behind).min()) if behind.size else 21.0
        inside = box[0] >= 0 and box[1] >= 0 and box[2] <= image.width and box[3] <= image.height
        left, top, right, bottom = self.safe()
        framed = image.size == (self.width, self.height)  # drawn on the frame, not on a card sprite
        safe = not framed or (left <= box[0] and top <= box[1] and box[2] <= right and box[3] <= bottom)
        seen.append((str(text), font.size, worst if inside else -1.0, box, safe))
        return original(self, image, xy, text, font, fill, anchor)

    monkeypatch.setattr(Canvas, "text", text)
    return seen


def _probe(canvas, image, xy, text, font, anchor):
    """The box the text will cover, without drawing it."""
    left, top, right, bottom = font.getbbox(text, anchor=anchor)
    x, y = round(xy[0] + left), round(xy[1] + top)
    return (x, y, x + round(right - left), y + round(bottom - top)), None


def sparse():
    days = [date(2024, 2, 1), date(2024, 2, 2), date(2024, 9, 30)]
    entries = [Entry(day=d, moment=datetime(d.year, d.month, d.day, 7), title=f"t{i}", text="a few words",
                     source=Path("x")) for i, d in enumerate(days)]  # fmt: skip
    return compute_stats(entries, 2024)


@pytest.mark.parametrize("format_name", list(FORMATS))
@pytest.mark.parametrize("which", ["sample", "sparse"])
def test_every_text_is_large_enough_and_contrasts_enough(watched_text, format_name, which):
    stats = year_stats(read_journal(SAMPLE), 2025) if which == "sample" else sparse()
    board = make_storyboard(stats, 10, QUOTES)
    width, height = FORMATS[format_name]
    painter = FramePainter(board, width, height)
    smallest = min(width, height) / 30
    problems = []
    for shot in board.shots:
        watched_text.clear()
        painter.paint(shot.end - 1)
        assert watched_text, f"{shot.scene.name} drew no text"
        for text, size, worst, box, safe in watched_text:
            if size < smallest - 0.5:
                problems.append(f"{shot.scene.name}: {text!r} is {size} px (smallest {smallest:.0f})")
            if worst == -1.0:
                problems.append(f"{shot.scene.name}: {text!r} runs off the frame at {box}")
            elif worst < 4.5:
                problems.append(f"{shot.scene.name}: {text!r} contrast {worst:.2f}:1 at {box}")
            if not safe:
                problems.append(f"{shot.scene.name}: {text!r} is outside the safe zone at {box}")
    assert not problems, "\n".join(problems)
