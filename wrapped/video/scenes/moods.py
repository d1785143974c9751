"""Moods over the year: each month a column stacked by mood."""

from __future__ import annotations

import calendar as cal
import zlib

from PIL import ImageDraw

from wrapped.video.canvas import Canvas, Palette
from wrapped.video.easing import ease_out, phase
from wrapped.video.scenes.base import Scene

MOOD_COLOURS = {
    "great": (255, 214, 80),
    "happy": (255, 214, 80),
    "energetic": (255, 150, 70),
    "good": (120, 220, 130),
    "calm": (90, 200, 210),
    "okay": (150, 160, 200),
    "meh": (150, 160, 200),
    "tired": (150, 110, 210),
    "anxious": (240, 110, 110),
    "stressed": (240, 110, 110),
    "low": (90, 120, 220),
    "sad": (90, 120, 220),
}
SPARE = [(255, 140, 200), (180, 230, 90), (100, 170, 255), (230, 180, 120), (200, 200, 200)]


def mood_colour(mood: str) -> tuple[int, int, int]:
    """A fixed colour per mood; unknown moods get a colour chosen by their name, not by chance."""
    return MOOD_COLOURS.get(mood, SPARE[zlib.crc32(mood.encode()) % len(SPARE)])


class Moods(Scene):
    name = "moods"
    label = "the moods"
    kicker = "How the year felt"
    palette = Palette((28, 22, 46), (56, 36, 80), (200, 150, 255), (255, 214, 80))

    def seconds(self) -> float:
        return 5.5 if self.stats.moods else 3.0

    def headline(self) -> str:
        if not self.stats.moods:
            return "No moods recorded"
        return f"Mostly {self.stats.moods[0][0]}"

    def draw_static(self, draw: ImageDraw.ImageDraw, c: Canvas) -> None:
        if not self.stats.moods:
            return
        left, top, right, bottom = c.content_box()
        chart_right = right if c.portrait else right - (right - left) * 0.22
        slot = (chart_right - left) / 12
        for m in range(12):
            draw.text(
                (left + slot * (m + 0.5), bottom - c.px(24)),
                cal.month_abbr[m + 1][0],
                font=c.font(18),
                fill=self.palette.muted,
                anchor="ma",
            )
        lx, ly = (chart_right + c.px(30), top) if not c.portrait else (left, bottom + c.px(4))
        f = c.font(20 if not c.portrait else 16)
        for i, (mood, count) in enumerate(self.stats.moods[:8]):
            x, y = (
                (lx, ly + i * c.px(34))
                if not c.portrait
                else (lx + (i % 4) * (right - left) / 4, ly + (i // 4) * c.px(30))
            )
            draw.rounded_rectangle((x, y + c.px(4), x + c.px(18), y + c.px(22)), radius=c.px(4), fill=mood_colour(mood))
            draw.text((x + c.px(28), y), f"{mood} {count}", font=f, fill=self.palette.ink)

    def draw(self, draw: ImageDraw.ImageDraw, c: Canvas, frame: int, frames: int) -> None:
        if not self.stats.moods:
            self.draw_no_data(
                draw, c, frame, frames, "Add a mood to your entries and next year\nyou will see how the months felt."
            )
            return
        t = frame / frames
        left, top, right, bottom = c.content_box()
        chart_right = right if c.portrait else right - (right - left) * 0.22
        slot = (chart_right - left) / 12
        base = bottom - c.px(34)
        peak = max(sum(n for _, n in month) for month in self.stats.mood_by_month) or 1
        order = [m for m, _ in self.stats.moods]
        for m, month in enumerate(self.stats.mood_by_month):
            k = ease_out(phase(t, 0.02 * m, 0.45 + 0.02 * m))
            y: float = base
            counts = dict(month)
            for mood in order:
                n = counts.get(mood, 0)
                h = (base - top) * n / peak * k
                if h >= 1:
                    draw.rectangle(
                        (left + slot * (m + 0.15), y - h, left + slot * (m + 0.85), y), fill=mood_colour(mood)
                    )
                    y -= h
