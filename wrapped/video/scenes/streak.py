"""The longest streak: the days in a row as one big number, a mark lighting for each day."""

from __future__ import annotations

from PIL import Image, ImageDraw

from wrapped.stats import Span
from wrapped.video.canvas import Canvas
from wrapped.video.easing import mix
from wrapped.video.scenes.base import Moment, Scene, plural

MARKS = 60  # at most this many day marks


def span_text(span: Span) -> str:
    if span.start == span.end:
        return span.start.strftime("%-d %B")
    return f"{span.start.strftime('%-d %b')} – {span.end.strftime('%-d %b')}"


class Streak(Scene):
    name = "streak"
    label = "the streak"
    turn = 3
    chart = 0.18

    def paint(self, image: Image.Image, c: Canvas, m: Moment) -> None:
        streak = self.stats.longest_streak
        days = streak.days if streak else 0
        self.kicker(image, c, m, "your longest streak")
        box = self.hero(image, c, m, str(round(self.count(m, days))), units=260, font=self.hero_font(c, str(days), 260))
        y = self.lines(image, c, m, f"{plural(days, 'day')} in a row", box[3] + c.px(28), units=44, bold=True)
        if streak:
            self.lines(image, c, m, span_text(streak), y + c.px(12), units=32, start=1.5, colour=self.palette.muted)
        _, chart = self.blocks(c)
        if chart and days:
            self.marks(ImageDraw.Draw(image), c, m, chart, min(days, MARKS))

    def marks(self, draw: ImageDraw.ImageDraw, c: Canvas, m: Moment, chart: tuple[int, int, int, int], n: int) -> None:
        """One mark a day (in up to three rows), lit in turn as the number counts; the newest glows on the beat."""
        rows = 1 if n <= 20 else 2 if n <= 40 else 3
        per_row = -(-n // rows)
        width = (chart[2] - chart[0]) / max(per_row, 12)
        left = (chart[0] + chart[2]) / 2 - width * per_row / 2
        height = min(c.px(46), (chart[3] - chart[1]) / rows - c.px(10))
        lit = n * self.count(m, 1.0)
        for i in range(n):
            row, col = divmod(i, per_row)
            x = left + col * width
            y = chart[1] + row * (height + c.px(10))
            k = min(1.0, max(0.0, lit - i))
            colour = mix(self.palette.bg_at(0.7), mix(self.family.hot, self.family.warm, i / n), 0.25 + 0.75 * k)
            if k >= 1 and i == n - 1:
                colour = mix(colour, (255, 255, 255), 0.5 * m.pulse)
            draw.rounded_rectangle((x, y, x + width * 0.68, y + height), radius=width * 0.3, fill=colour)
