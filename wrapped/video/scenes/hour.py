"""The hour you write: the favourite hour as one big time, over the day's 24 bars."""

from __future__ import annotations

from PIL import Image

from wrapped.stats import YearStats
from wrapped.video.canvas import Canvas
from wrapped.video.editing import PARTS_OF_DAY, part_of_day
from wrapped.video.scenes.base import Moment, Scene
from wrapped.video.scenes.chart import bars

PHRASES = {"morning": "a morning writer", "afternoon": "an afternoon writer", "evening": "an evening writer",
           "night": "a night owl"}  # fmt: skip


def writer_of(stats: YearStats) -> tuple[str, int] | None:
    """The part of the day that leads clearly (the edit's rule, which admitted this scene) and its
    busiest hour, so the big time and the line under it always say the same thing."""
    part = part_of_day(stats)
    if part is None or not stats.per_hour:
        return None
    hours = dict(PARTS_OF_DAY)[part]
    return PHRASES[part], max(hours, key=lambda h: (stats.per_hour[h], -hours.index(h)))  # type: ignore[index]


class Hour(Scene):
    name = "hour"
    label = "the hours"
    turn = 2
    chart = 0.32

    def favourite(self) -> int:
        found = writer_of(self.stats)
        counts = self.stats.per_hour or (0,) * 24
        return found[1] if found else counts.index(max(counts))

    def paint(self, image: Image.Image, c: Canvas, m: Moment) -> None:
        hour = self.favourite()
        found = writer_of(self.stats)
        self.kicker(image, c, m, "your hour to write")
        box = self.hero(image, c, m, f"{hour:02d}:00")
        if found:  # without a clear lead (the edit leaves the scene out then) no claim is made
            self.lines(image, c, m, f"you are {found[0]}", box[3] + c.px(24), units=40, bold=True)
        _, chart = self.blocks(c)
        if chart and self.stats.per_hour:
            labels = [f"{h:02d}" if h % 6 == 0 else "" for h in range(24)]
            bars(self, image, c, m, chart, self.stats.per_hour, labels, hour)
