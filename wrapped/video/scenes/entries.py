"""How many entries: one big number counting up, over a dot for every day written, month by month."""

from __future__ import annotations

import calendar as cal
from datetime import date, timedelta

from PIL import Image, ImageDraw

from wrapped.video.canvas import Canvas, thousands
from wrapped.video.easing import ease_out, mix
from wrapped.video.scenes.base import Box, Moment, Scene, plural


class Entries(Scene):
    name = "entries"
    label = "the entries"
    turn = 1
    chart = 0.3

    def paint(self, image: Image.Image, c: Canvas, m: Moment) -> None:
        s = self.stats
        self.kicker(image, c, m, f"in {s.year} you wrote")
        box = self.hero(image, c, m, thousands(self.count(m, s.entries)), font=self.hero_font(c, thousands(s.entries)))
        caption = plural(s.entries, "entry", "entries")
        if s.days_written != s.entries:
            caption += f" on {s.days_written} {plural(s.days_written, 'day')}"
        self.lines(image, c, m, caption, box[3] + c.px(28), units=40, bold=True)
        _, chart = self.blocks(c)
        if chart:
            self.dots(image, c, m, chart)

    def dots(self, image: Image.Image, c: Canvas, m: Moment, chart: Box) -> None:
        """A dot for every day written, one column a month, rising from the bottom over two beats."""
        sprite = self._dots(c, chart)
        self.paint_labels(image, c, chart)
        k = ease_out(m.k(0.5, 2.5))
        h = round(sprite.height * k)
        if h > 0:
            part = sprite.crop((0, sprite.height - h, sprite.width, sprite.height))
            image.paste(part, (chart[0], chart[3] - h), part)

    def _dots(self, c: Canvas, chart: Box) -> Image.Image:
        key = ("dots", c.width, c.height)
        if key not in self._cache:
            w, h = chart[2] - chart[0], chart[3] - chart[1]
            sprite = Image.new("RGBA", (w, h), (0, 0, 0, 0))
            draw = ImageDraw.Draw(sprite)
            label = c.font(24)
            slot = w / 12
            base = h - label.size - c.px(14)
            # each month's days as a small block of dots, `per_row` across, filling up from the bottom
            per_row = max(range(1, 7), key=lambda k: min(slot / k, base / -(-31 // k)))
            step = min(slot / per_row, base / -(-31 // per_row))
            r = step * 0.36
            first = date(self.stats.year, 1, 1)
            for index, n in enumerate(self.stats.per_day):
                if not n:
                    continue
                day = first + timedelta(days=index)
                row, col = divmod(day.day - 1, per_row)
                x = slot * (day.month - 0.5) + step * (col - (per_row - 1) / 2)
                y = base - step * (row + 0.5)
                colour = mix(self.family.hot, self.family.warm, day.day / 31)
                draw.ellipse((x - r, y - r, x + r, y + r), fill=(*colour, 255))
            self._cache[key] = sprite
        return self._cache[key]  # type: ignore[return-value]

    def paint_labels(self, image: Image.Image, c: Canvas, chart: Box) -> None:
        slot, label = (chart[2] - chart[0]) / 12, c.font(24)
        for month in range(12):
            c.text(image, (chart[0] + slot * (month + 0.5), chart[3]), cal.month_abbr[month + 1][0], label,
                   self.palette.muted, anchor="md")  # fmt: skip
