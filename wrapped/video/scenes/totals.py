"""The totals, counting up: entries, days written, words, words per entry."""

from __future__ import annotations

from PIL import ImageDraw

from wrapped.video.canvas import Canvas, Palette, thousands
from wrapped.video.easing import ease_out, mix, phase
from wrapped.video.scenes.base import Scene


class Totals(Scene):
    name = "totals"
    label = "the totals"
    kicker = "By the numbers"
    palette = Palette((12, 38, 72), (18, 84, 110), (40, 190, 220), (255, 210, 90))

    def headline(self) -> str:
        s = self.stats
        return f"You showed up on {s.days_written} of {s.days_in_year} days"

    def figures(self) -> list[tuple[str, float]]:
        s = self.stats
        return [
            ("entries", s.entries),
            ("days written", s.days_written),
            ("words", s.words),
            ("words per entry", s.average_words),
        ]

    def draw(self, draw: ImageDraw.ImageDraw, c: Canvas, frame: int, frames: int) -> None:
        t = frame / frames
        left, top, right, bottom = c.content_box()
        cols = 1 if c.portrait else 2
        rows = 4 // cols
        cell_w, cell_h = (right - left) / cols, (bottom - top) / rows
        widest = max((thousands(value) for _, value in self.figures()), key=len)
        number_font = c.fitted_font(widest, 84, int(cell_w - c.px(24)), bold=True)
        for i, (label, value) in enumerate(self.figures()):
            x = left + (i % cols) * cell_w
            y = top + (i // cols) * cell_h
            k = ease_out(phase(t, 0.06 * i, 0.5 + 0.06 * i))
            if k <= 0:
                continue
            y_shift = c.px(24) * (1 - k)
            number = thousands(value * k)
            draw.text(
                (x, y + y_shift),
                number,
                font=number_font,
                fill=mix(self.palette.bg_at(y / c.height), self.palette.accent2, k),
            )
            draw.text(
                (x + c.px(4), y + c.px(100) + y_shift),
                label,
                font=c.font(28),
                fill=mix(self.palette.bg_at(y / c.height), self.palette.muted, k),
            )
