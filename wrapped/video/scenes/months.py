"""Months as growing bars."""

from __future__ import annotations

import calendar as cal

from PIL import ImageDraw

from wrapped.video.canvas import Canvas, Palette
from wrapped.video.easing import ease_out, mix, phase
from wrapped.video.scenes.base import Scene


class Months(Scene):
    name = "months"
    label = "the months"
    kicker = "Month by month"
    palette = Palette((60, 16, 40), (110, 30, 60), (255, 90, 120), (255, 200, 120))

    def busiest(self) -> int:
        counts = self.stats.per_month
        return counts.index(max(counts))

    def headline(self) -> str:
        m = self.busiest()
        return f"{cal.month_name[m + 1]} was your busiest month"

    def bars(self, c: Canvas) -> tuple[int, int, int, float]:
        left, top, right, bottom = c.content_box()
        slot = (right - left) / 12
        return left, top + c.px(30), bottom - c.px(40), slot

    def draw_static(self, draw: ImageDraw.ImageDraw, c: Canvas) -> None:
        left, _, base, slot = self.bars(c)
        for m in range(12):
            draw.text(
                (left + slot * (m + 0.5), base + c.px(10)),
                cal.month_abbr[m + 1],
                font=c.font(20),
                fill=self.palette.muted,
                anchor="ma",
            )
        draw.line((left, base, left + slot * 12, base), fill=self.palette.muted, width=max(1, c.px(2)))

    def draw(self, draw: ImageDraw.ImageDraw, c: Canvas, frame: int, frames: int) -> None:
        t = frame / frames
        left, top, base, slot = self.bars(c)
        peak = max(self.stats.per_month) or 1
        for m, count in enumerate(self.stats.per_month):
            k = ease_out(phase(t, 0.025 * m, 0.4 + 0.025 * m))
            height = (base - top - c.px(40)) * count / peak * k
            x0, x1 = left + slot * m + slot * 0.15, left + slot * (m + 1) - slot * 0.15
            colour = self.palette.accent2 if m == self.busiest() else self.palette.accent
            if height >= 1:
                draw.rounded_rectangle((x0, base - height, x1, base), radius=min(slot * 0.2, height / 2), fill=colour)
            if k > 0.6:
                draw.text(
                    ((x0 + x1) / 2, base - height - c.px(8)),
                    str(count),
                    font=c.font(20, bold=True),
                    fill=mix(self.palette.bg_at(0.5), self.palette.ink, (k - 0.6) / 0.4),
                    anchor="md",
                )
