"""The writing rhythm: which weekdays, and which hours where times are known."""

from __future__ import annotations

import calendar as cal
from collections.abc import Sequence

from PIL import ImageDraw

from wrapped.video.canvas import RGB, Canvas, Palette
from wrapped.video.easing import ease_out, mix, phase
from wrapped.video.scenes.base import Scene

Box = tuple[float, float, float, float]


def hour_phrase(hour: int) -> str:
    if 5 <= hour < 12:
        return "a morning writer"
    if 12 <= hour < 18:
        return "an afternoon writer"
    if 18 <= hour < 22:
        return "an evening writer"
    return "a night owl"


class Rhythm(Scene):
    name = "rhythm"
    label = "the writing rhythm"
    kicker = "Your rhythm"
    palette = Palette((20, 24, 70), (36, 50, 120), (110, 140, 255), (120, 240, 255))

    def seconds(self) -> float:
        return 5.5 if self.stats.per_hour else 4.0

    def headline(self) -> str:
        s = self.stats
        day = cal.day_name[s.per_weekday.index(max(s.per_weekday))]
        if s.per_hour:
            return f"{day}s, and you are {hour_phrase(s.per_hour.index(max(s.per_hour)))}"
        return f"You wrote most on {day}s"

    def panels(self, c: Canvas) -> tuple[Box, Box | None]:
        """Boxes for the weekday chart and the hour chart (None when no times)."""
        left, top, right, bottom = c.content_box()
        if not self.stats.per_hour:
            return (left, top, right, bottom), None
        if c.portrait:
            mid = (top + bottom) / 2
            return (left, top, right, mid - c.px(40)), (left, mid + c.px(20), right, bottom)
        split = left + (right - left) * 0.38
        return (left, top, split - c.px(30), bottom), (split + c.px(30), top, right, bottom)

    def draw_static(self, draw: ImageDraw.ImageDraw, c: Canvas) -> None:
        week, hours = self.panels(c)
        x0, _, x1, y1 = week
        slot = (x1 - x0) / 7
        for d in range(7):
            draw.text(
                (x0 + slot * (d + 0.5), y1 - c.px(26)),
                cal.day_abbr[d][0],
                font=c.font(24),
                fill=self.palette.muted,
                anchor="ma",
            )
        if hours:
            x0, _, x1, y1 = hours
            slot = (x1 - x0) / 24
            for h in (0, 6, 12, 18):
                draw.text(
                    (x0 + slot * (h + 0.5), y1 - c.px(26)),
                    f"{h:02d}h",
                    font=c.font(24),
                    fill=self.palette.muted,
                    anchor="ma",
                )

    def _bars(
        self, draw: ImageDraw.ImageDraw, c: Canvas, box: Box, counts: Sequence[int], t: float, colour: RGB
    ) -> None:
        x0, y0, x1, y1 = box
        base = y1 - c.px(34)
        slot = (x1 - x0) / len(counts)
        peak = max(counts) or 1
        for i, n in enumerate(counts):
            k = ease_out(phase(t, 0.25 * i / len(counts), 0.4 + 0.25 * i / len(counts)))
            h = (base - y0) * n / peak * k
            if h >= 1:
                draw.rounded_rectangle(
                    (x0 + slot * (i + 0.18), base - h, x0 + slot * (i + 0.82), base),
                    radius=min(slot * 0.25, h / 2),
                    fill=colour,
                )

    def draw(self, draw: ImageDraw.ImageDraw, c: Canvas, frame: int, frames: int) -> None:
        t = frame / frames
        week, hours = self.panels(c)
        per_hour = self.stats.per_hour
        self._bars(draw, c, week, self.stats.per_weekday, t, self.palette.accent)
        if hours and per_hour:
            self._bars(draw, c, hours, per_hour, phase(t, 0.1, 1.0), self.palette.accent2)
        else:
            k = ease_out(phase(t, 0.5, 0.7))
            draw.text(
                (week[0], week[3] + c.px(8)),
                "(no times in this journal, so no hours to show)",
                font=c.font(20),
                fill=mix(self.palette.bg_at(0.95), self.palette.muted, k),
            )
