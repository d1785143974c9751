"""The month that stands out, by name, over twelve bars."""

from __future__ import annotations

import calendar as cal

from PIL import Image

from wrapped.video.canvas import Canvas
from wrapped.video.scenes.base import Moment, Scene, plural
from wrapped.video.scenes.chart import bars


class Months(Scene):
    name = "months"
    label = "the months"
    turn = 0
    chart = 0.36

    def busiest(self) -> int:
        counts = self.stats.per_month
        return counts.index(max(counts))

    def paint(self, image: Image.Image, c: Canvas, m: Moment) -> None:
        month = self.busiest()
        n = self.stats.per_month[month]
        self.kicker(image, c, m, "your biggest month")
        box = self.hero(image, c, m, cal.month_name[month + 1], units=150)
        self.lines(image, c, m, f"{n} {plural(n, 'entry', 'entries')}", box[3] + c.px(24), units=40, bold=True)
        _, chart = self.blocks(c)
        if chart:
            labels = [cal.month_abbr[i + 1][0] for i in range(12)]
            bars(self, image, c, m, chart, self.stats.per_month, labels, month)
