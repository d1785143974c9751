"""The year's mood: the most common one, big, over the months stacked on the one mood scale."""

from __future__ import annotations

import calendar as cal

from PIL import Image, ImageDraw

from wrapped.video.canvas import Canvas, text_width
from wrapped.video.easing import ease_out, mix
from wrapped.video.pixels import bucket_colour, bucket_of, mood_legend
from wrapped.video.scenes.base import Moment, Scene


class Moods(Scene):
    name = "moods"
    label = "the moods"
    turn = 0
    chart = 0.42

    def paint(self, image: Image.Image, c: Canvas, m: Moment) -> None:
        if not self.stats.moods:
            return
        mood, n = self.stats.moods[0]
        share = round(100 * n / max(1, self.stats.mood_entries))
        self.kicker(image, c, m, "most days you felt")
        box = self.hero(image, c, m, mood, units=170)
        self.lines(image, c, m, f"{share}% of the moods you noted", box[3] + c.px(24), units=40, bold=True)
        _, chart = self.blocks(c)
        if chart:
            self.columns(image, c, m, chart)

    def columns(self, image: Image.Image, c: Canvas, m: Moment, chart: tuple[int, int, int, int]) -> None:
        """Each month a column stacked by bucket (lowest at the bottom), with the scale's legend under."""
        draw = ImageDraw.Draw(image)
        legend = mood_legend(self.stats)
        f = c.font(24)
        rows = 1 if c.width >= 1.5 * c.height or len(legend) <= 3 else 2
        legend_h = rows * (f.size + c.px(12))
        base = chart[3] - legend_h - f.size - c.px(16)
        slot = (chart[2] - chart[0]) / 12
        peak = max(sum(n for _, n in month) for month in self.stats.mood_by_month) or 1
        for month, counts in enumerate(self.stats.mood_by_month):
            k = ease_out(m.k(1 + month / 12, 2 + month / 12))
            per_bucket = [0] * 6
            for mood, n in counts:
                per_bucket[bucket_of(mood)] += n
            y = float(base)
            for bucket in (5, 4, 3, 2, 1, 0):  # words off the scale at the bottom, then the lowest up to the best
                h = (base - chart[1]) * per_bucket[bucket] / peak * k
                if h >= 1:
                    colour = bucket_colour(bucket)
                    draw.rectangle((chart[0] + slot * (month + 0.14), y - h, chart[0] + slot * (month + 0.86), y),
                                   fill=colour)  # fmt: skip
                    y -= h
            c.text(image, (chart[0] + slot * (month + 0.5), base + c.px(8)), cal.month_abbr[month + 1][0], f,
                   self.palette.muted, anchor="ma")  # fmt: skip
        self.legend(image, c, m, legend, chart[0], chart[2], base + f.size + c.px(22), rows)

    def legend(
        self, image: Image.Image, c: Canvas, m: Moment, legend: tuple[tuple[str, tuple[int, int, int]], ...],
        left: int, right: int, y: float, rows: int,
    ) -> None:  # fmt: skip
        draw = ImageDraw.Draw(image)
        f = c.font(24)
        per_row = -(-len(legend) // rows)
        k = ease_out(m.k(2, 2.75))
        for row in range(rows):
            items = legend[row * per_row : (row + 1) * per_row]
            widths = [f.size + c.px(8) + text_width(word, f) for word, _ in items]
            total = sum(widths) + c.px(24) * (len(items) - 1)
            x = (left + right) / 2 - total / 2
            for (word, colour), w in zip(items, widths, strict=True):
                draw.rounded_rectangle((x, y + 2, x + f.size, y + 2 + f.size), radius=f.size * 0.2,
                                       fill=mix(self.palette.bg_at(0.75), colour, k))  # fmt: skip
                c.text(image, (x + f.size + c.px(8), y), word, f, mix(self.palette.bg_at(0.75), self.palette.ink, k))
                x += w + c.px(24)
            y += f.size + c.px(12)
