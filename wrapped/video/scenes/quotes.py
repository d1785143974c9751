"""Quotes, only when asked (--quotes): up to three short excerpts, one at a time, large."""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image

from wrapped.quotes import Quote
from wrapped.stats import YearStats
from wrapped.video.canvas import Canvas, wrap
from wrapped.video.easing import ease_out, mix, phase
from wrapped.video.scenes.base import Moment, Scene


class Quotes(Scene):
    name = "quotes"
    label = "the quotes"
    turn = 3

    def __init__(self, stats: YearStats, quotes: Sequence[Quote] = (), *, climax: bool = False):
        super().__init__(stats, climax=climax)
        self.quotes = tuple(quotes)

    def paint(self, image: Image.Image, c: Canvas, m: Moment) -> None:
        if not self.quotes:
            return
        self.kicker(image, c, m, "in your own words")
        box, _ = self.blocks(c)
        slot = m.frames / len(self.quotes)
        i = min(len(self.quotes) - 1, int(m.frame // slot))
        local = (m.frame - i * slot) / slot  # 0..1 through this quote's share of the scene
        k = ease_out(phase(local, 0.0, 0.25)) * (
            1 - ease_out(phase(local, 0.9, 1.0)) if i < len(self.quotes) - 1 else 1
        )
        quote = self.quotes[i]
        f = c.font(46 if c.portrait else 40, script=True)
        lines = wrap(f"“{quote.text}”", f, box[2] - box[0], max_lines=6)
        height = len(lines) * f.size * 1.3
        y = self.hero_y(c) - height / 2 + c.px(30) * (1 - k)
        fill = mix(self.palette.bg_at(0.5), self.palette.ink, k)
        for line in lines:
            c.text(image, ((box[0] + box[2]) / 2, y), line, f, fill, anchor="ma")
            y += f.size * 1.3
        date_font = c.font(30, bold=True)
        c.text(image, ((box[0] + box[2]) / 2, y + c.px(20)), f"{quote.day:%-d %B}", date_font,
               mix(self.palette.bg_at(0.6), self.palette.accent2, k), anchor="ma")  # fmt: skip
