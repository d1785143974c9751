"""The favourite weekday, by name, over seven bars."""

from __future__ import annotations

import calendar as cal

from PIL import Image

from wrapped.video.canvas import Canvas
from wrapped.video.scenes.base import Moment, Scene
from wrapped.video.scenes.chart import bars


class Weekday(Scene):
    name = "weekday"
    label = "the weekdays"
    turn = 1
    chart = 0.34

    def favourite(self) -> int:
        counts = self.stats.per_weekday
        return counts.index(max(counts))

    def paint(self, image: Image.Image, c: Canvas, m: Moment) -> None:
        day = self.favourite()
        share = round(100 * self.stats.per_weekday[day] / max(1, self.stats.entries))
        self.kicker(image, c, m, "your writing day")
        box = self.hero(image, c, m, f"{cal.day_name[day]}s", units=150)
        self.lines(image, c, m, f"{share}% of your entries", box[3] + c.px(24), units=40, bold=True)
        _, chart = self.blocks(c)
        if chart:
            bars(self, image, c, m, chart, self.stats.per_weekday, [cal.day_abbr[d][:2] for d in range(7)], day)
