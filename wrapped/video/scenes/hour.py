"""The hour you write: the favourite hour as one big time, over the day's 24 bars."""

from __future__ import annotations

from PIL import Image

from wrapped.video.canvas import Canvas
from wrapped.video.scenes.base import Moment, Scene
from wrapped.video.scenes.chart import bars


def hour_phrase(hour: int) -> str:
    if 5 <= hour < 12:
        return "a morning writer"
    if 12 <= hour < 18:
        return "an afternoon writer"
    if 18 <= hour < 22:
        return "an evening writer"
    return "a night owl"


class Hour(Scene):
    name = "hour"
    label = "the hours"
    turn = 2
    chart = 0.32

    def seconds(self) -> float:
        return 4.0

    def favourite(self) -> int:
        counts = self.stats.per_hour or (0,) * 24
        return counts.index(max(counts))

    def paint(self, image: Image.Image, c: Canvas, m: Moment) -> None:
        hour = self.favourite()
        self.kicker(image, c, m, "your hour to write")
        box = self.hero(image, c, m, f"{hour:02d}:00")
        self.lines(image, c, m, f"you are {hour_phrase(hour)}", box[3] + c.px(24), units=40, bold=True)
        _, chart = self.blocks(c)
        if chart and self.stats.per_hour:
            labels = [f"{h:02d}" if h % 6 == 0 else "" for h in range(24)]
            bars(self, image, c, m, chart, self.stats.per_hour, labels, hour)
