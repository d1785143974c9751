"""A calendar heatmap of the year: one square per day, brighter for more words."""

from __future__ import annotations

import math
from datetime import date

from wrapped.canvas import Canvas, Palette
from wrapped.easing import ease_out, mix, phase
from wrapped.scenes.base import Scene

MONTHS = "JFMAMJJASOND"


class Calendar(Scene):
    name = "calendar"
    label = "the calendar"
    kicker = "Every day of the year"
    palette = Palette((10, 44, 34), (16, 70, 52), (60, 200, 130), (190, 255, 120))
    empty = (28, 86, 66)

    def seconds(self) -> float:
        return 6.0

    def headline(self) -> str:
        s = self.stats
        return f"{s.days_written} days with words, {s.days_in_year - s.days_written} without"

    def grid(self, c: Canvas) -> tuple[float, float, float]:
        """(cell size, left, top) for 53 week columns by 7 weekday rows."""
        left, top, right, bottom = c.content_box()
        cell = min((right - left) / 53, (bottom - top - c.px(60)) / 7)
        return cell, left + ((right - left) - cell * 53) / 2, top + c.px(36)

    def cells(self):
        """(week column, weekday row, words) for every day of the year."""
        first = date(self.stats.year, 1, 1)
        offset = first.weekday()
        for index, words in enumerate(self.stats.words_per_day):
            n = index + offset
            yield n // 7, n % 7, words

    def level(self, words: int) -> float:
        peak = max(self.stats.words_per_day) or 1
        return 0.0 if words == 0 else 0.25 + 0.75 * math.sqrt(words / peak)

    def draw_static(self, draw, c: Canvas) -> None:
        cell, left, top = self.grid(c)
        f = c.font(18)
        first = date(self.stats.year, 1, 1)
        for m in range(12):
            day_index = (date(self.stats.year, m + 1, 1) - first).days + first.weekday()
            draw.text((left + (day_index // 7) * cell, top - c.px(30)), MONTHS[m], font=f, fill=self.palette.muted)
        gap = max(1, cell * 0.14)
        for col, row, _ in self.cells():
            x, y = left + col * cell, top + row * cell
            draw.rounded_rectangle((x, y, x + cell - gap, y + cell - gap), radius=cell * 0.2, fill=self.empty)

    def draw(self, draw, c: Canvas, frame: int, frames: int) -> None:
        t = frame / frames
        cell, left, top = self.grid(c)
        gap = max(1, cell * 0.14)
        sweep = ease_out(phase(t, 0.0, 0.7)) * 56
        for col, row, words in self.cells():
            if words == 0:
                continue
            k = phase(sweep - col, 0, 3)
            if k <= 0:
                continue
            colour = mix(self.empty, mix(self.palette.accent, self.palette.accent2, self.level(words)), k)
            x, y = left + col * cell, top + row * cell
            draw.rounded_rectangle((x, y, x + cell - gap, y + cell - gap), radius=cell * 0.2, fill=colour)
        legend = ease_out(phase(t, 0.7, 0.9))
        if legend > 0:
            y = top + 7 * cell + c.px(24)
            draw.text((left, y), f"busiest: {max(self.stats.words_per_day):,} words in a day",
                      font=c.font(22), fill=mix(self.palette.bg_at(y / c.height), self.palette.ink, legend))
