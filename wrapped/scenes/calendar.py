"""A calendar heatmap of the year: one square per day, brighter for more words."""

from __future__ import annotations

import math
from datetime import date

from PIL import ImageDraw

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

    @staticmethod
    def sweep(t: float) -> float:
        """How many week columns the lighting sweep has passed (a column takes 3 to light up)."""
        return ease_out(phase(t, 0.0, 0.6)) * 56

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

    def lit_columns(self, c: Canvas, frame: int, frames: int) -> int:
        """Columns already fully lit at this frame; pasted whole instead of drawn cell by cell."""
        cell, _, _ = self.grid(c)
        if cell * 0.14 < 2:  # gaps too thin to cut between columns exactly
            return 0
        return max(0, min(53, int(self.sweep(frame / frames) - 3) + 1))

    def draw_frame(self, image, c: Canvas, frame: int, frames: int) -> None:
        lit = self.lit_columns(c, frame, frames)
        if lit:
            cell, left, top = self.grid(c)
            gap = cell * 0.14
            # cut in the middle of the gap after the last lit column
            right = round(left + lit * cell - gap / 2)
            box = (0, int(top) - 1, right, round(top + 7 * cell) + 1)
            image.paste(self._lit_layer(c).crop(box), box[:2])
        self.draw(ImageDraw.Draw(image), c, frame, frames, skip_columns=lit)

    def _lit_layer(self, c: Canvas):
        """The still layer with every written day lit, drawn once per frame size."""
        cache = self.__dict__.setdefault("_lit_cache", {})
        if (c.width, c.height) not in cache:
            image = self.background(c)
            self.draw(ImageDraw.Draw(image), c, 1, 1, legend=False)
            cache[(c.width, c.height)] = image
        return cache[(c.width, c.height)]

    def draw(self, draw, c: Canvas, frame: int, frames: int, skip_columns: int = 0, legend: bool = True) -> None:
        t = frame / frames
        cell, left, top = self.grid(c)
        gap = max(1, cell * 0.14)
        sweep = self.sweep(t)
        for col, row, words in self.cells():
            if words == 0 or col < skip_columns:
                continue
            k = phase(sweep - col, 0, 3)
            if k <= 0:
                continue
            colour = mix(self.empty, mix(self.palette.accent, self.palette.accent2, self.level(words)), k)
            x, y = left + col * cell, top + row * cell
            draw.rounded_rectangle((x, y, x + cell - gap, y + cell - gap), radius=cell * 0.2, fill=colour)
        shown = ease_out(phase(t, 0.55, 0.7)) if legend else 0
        if shown > 0:
            y = top + 7 * cell + c.px(24)
            draw.text((left, y), f"busiest: {max(self.stats.words_per_day):,} words in a day",
                      font=c.font(22), fill=mix(self.palette.bg_at(y / c.height), self.palette.ink, shown))
