"""Quotes, only when asked: up to three short excerpts from starred or long entries."""

from __future__ import annotations

from collections.abc import Sequence

from PIL import ImageDraw

from wrapped.quotes import Quote
from wrapped.stats import YearStats
from wrapped.video.canvas import Canvas, Palette, wrap
from wrapped.video.easing import ease_out, mix, phase
from wrapped.video.scenes.base import Scene


class Quotes(Scene):
    name = "quotes"
    label = "the quotes"
    kicker = "In your own words"  # only when asked: --quotes
    palette = Palette((36, 30, 24), (70, 52, 36), (240, 170, 90), (255, 214, 150))

    def __init__(self, stats: YearStats, quotes: Sequence[Quote] = ()):
        super().__init__(stats)
        self.quotes = tuple(quotes)

    def seconds(self) -> float:
        return 3.0 + 2.5 * len(self.quotes)

    def headline(self) -> str:
        return "A few lines you wrote" if len(self.quotes) > 1 else "A line you wrote"

    def draw(self, draw: ImageDraw.ImageDraw, c: Canvas, frame: int, frames: int) -> None:
        t = frame / frames
        left, top, right, bottom = c.content_box()
        width = right - left
        slot = (bottom - top) / max(1, len(self.quotes))
        for i, quote in enumerate(self.quotes):
            k = ease_out(phase(t, 0.15 * i, 0.3 + 0.15 * i))
            if k <= 0:
                continue
            y = top + i * slot
            size = 30 if len(self.quotes) > 1 or c.portrait else 36
            f = c.font(size, script=True)
            lines = wrap(f"“{quote.text}”", f, width, max_lines=max(1, int((slot - c.px(44)) // (f.size * 1.3))))
            colour = mix(self.palette.bg_at(y / c.height), self.palette.ink, k)
            draw.multiline_text(
                (left, y + c.px(12) * (1 - k)), "\n".join(lines), font=f, fill=colour, spacing=round(f.size * 0.3)
            )
            dated = y + len(lines) * f.size * 1.3 + c.px(4)
            draw.text(
                (left, dated),
                f"{quote.day:%-d %B}",
                font=c.font(24, bold=True),
                fill=mix(self.palette.bg_at(dated / c.height), self.palette.accent2, k),
            )
