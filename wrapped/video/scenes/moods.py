"""Moods over the year: each month a column stacked by mood, in the Year in Pixels' colours."""

from __future__ import annotations

import calendar as cal
import zlib
from collections.abc import Sequence

from PIL import ImageDraw

from wrapped.moods import ranked, valence
from wrapped.video.canvas import RGB, Canvas, Palette
from wrapped.video.easing import ease_out, mix, phase
from wrapped.video.pixels import mood_colour
from wrapped.video.scenes.base import Scene

SPARE = [(255, 140, 200), (180, 230, 90), (100, 170, 255), (230, 180, 120), (200, 200, 200)]
SHADES = (0.0, 0.4, -0.3, 0.7, -0.5)  # lighter (+) or darker (-) for a second, third... word on one step


def mood_colours(moods: Sequence[str]) -> dict[str, RGB]:
    """Each mood's colour on the Year in Pixels scale (best gold .. lowest red-violet); words on the
    same step get lighter or darker shades of it; words off the scale a colour chosen by name."""
    colours: dict[str, RGB] = {}
    seen: dict[RGB, int] = {}
    for mood in ranked(moods):
        if valence(mood) is None:
            colours[mood] = SPARE[zlib.crc32(mood.encode()) % len(SPARE)]
            continue
        base = mood_colour(mood)
        shade = SHADES[seen.get(base, 0) % len(SHADES)]
        seen[base] = seen.get(base, 0) + 1
        colours[mood] = mix(base, (255, 255, 255), shade) if shade >= 0 else mix(base, (0, 0, 0), -shade)
    return colours


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
        colours = mood_colours([m for m, _ in self.stats.moods])
        counts = dict(self.stats.moods)
        for i, mood in enumerate([m for m in colours if m in counts][:8]):  # best first
            count = counts[mood]
            x, y = (
                (lx, ly + i * c.px(34))
                if not c.portrait
                else (lx + (i % 4) * (right - left) / 4, ly + (i // 4) * c.px(30))
            )
            draw.rounded_rectangle((x, y + c.px(4), x + c.px(18), y + c.px(22)), radius=c.px(4), fill=colours[mood])
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
        colours = mood_colours([m for m, _ in self.stats.moods])
        order = list(reversed(colours))  # the lowest at the bottom of each column, the best on top
        for m, month in enumerate(self.stats.mood_by_month):
            k = ease_out(phase(t, 0.02 * m, 0.45 + 0.02 * m))
            y: float = base
            counts = dict(month)
            for mood in order:
                n = counts.get(mood, 0)
                h = (base - top) * n / peak * k
                if h >= 1:
                    draw.rectangle((left + slot * (m + 0.15), y - h, left + slot * (m + 0.85), y), fill=colours[mood])
                    y -= h
