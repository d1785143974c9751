"""Moods over the year: each month a column stacked by mood, in the Year in Pixels' colours."""

from __future__ import annotations

import calendar as cal
import zlib
from collections.abc import Sequence

from PIL import ImageDraw

from wrapped.moods import ranked, valence
from wrapped.video.canvas import RGB, Canvas, Palette, shorten
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

    def layout(self, c: Canvas) -> tuple[tuple[float, float, float, float], tuple[float, float], int]:
        """The chart's box, where the legend starts and its columns: beside the chart in a wide
        frame, two columns under it otherwise."""
        left, top, right, bottom = c.content_box()
        if c.width >= 1.5 * c.height:
            split = right - (right - left) * 0.22
            return (left, top, split, bottom), (split + c.px(30), top), 1
        rows = -(-min(8, len(self.stats.moods)) // 2)
        legend = rows * c.px(38)
        return (left, top, right, bottom - legend - c.px(12)), (left, bottom - legend), 2

    def draw_static(self, draw: ImageDraw.ImageDraw, c: Canvas) -> None:
        if not self.stats.moods:
            return
        (left, _, chart_right, chart_bottom), (lx, ly), columns = self.layout(c)
        slot = (chart_right - left) / 12
        for m in range(12):
            draw.text(
                (left + slot * (m + 0.5), chart_bottom - c.px(24)),
                cal.month_abbr[m + 1][0],
                font=c.font(24),
                fill=self.palette.muted,
                anchor="ma",
            )
        f = c.font(24)
        column = (c.width - c.margin - lx) / columns
        colours = mood_colours([m for m, _ in self.stats.moods])
        counts = dict(self.stats.moods)
        for i, mood in enumerate([m for m in colours if m in counts][:8]):  # best first
            x, y = lx + (i % columns) * column, ly + (i // columns) * c.px(38)
            draw.rounded_rectangle((x, y + c.px(4), x + c.px(20), y + c.px(24)), radius=c.px(4), fill=colours[mood])
            label = shorten(f"{mood} {counts[mood]}", f, round(column - c.px(40)))
            draw.text((x + c.px(30), y), label, font=f, fill=self.palette.ink)

    def draw(self, draw: ImageDraw.ImageDraw, c: Canvas, frame: int, frames: int) -> None:
        if not self.stats.moods:
            self.draw_no_data(
                draw, c, frame, frames, "Add a mood to your entries and next year\nyou will see how the months felt."
            )
            return
        t = frame / frames
        (left, top, chart_right, chart_bottom), _, _ = self.layout(c)
        slot = (chart_right - left) / 12
        base = chart_bottom - c.px(34)
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
