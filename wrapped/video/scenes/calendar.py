"""The year as a calendar, one square a day: the Year in Pixels (each day coloured by its mood,
with a legend from the best mood to the lowest) when the year has moods, else brighter for
more words."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from PIL import Image, ImageDraw

from wrapped.video.canvas import Canvas, Palette
from wrapped.video.easing import ease_out, mix, phase
from wrapped.video.pixels import DayColours, day_colours
from wrapped.video.scenes.base import Scene

MONTHS = "JFMAMJJASOND"


@dataclass(frozen=True)
class Grid:
    """Where each (week, weekday) square goes: the year in one band of week columns, or in two
    bands (January to June above July to December) when the frame is not wide."""

    cell: float
    left: float
    top: float
    weeks: int
    bands: int
    band_gap: float

    @property
    def per_band(self) -> int:
        return math.ceil(self.weeks / self.bands)

    def band_top(self, band: int) -> float:
        return self.top + band * (7 * self.cell + self.band_gap)

    def origin(self, week: int, row: int) -> tuple[float, float]:
        band, col = divmod(week, self.per_band)
        return self.left + col * self.cell, self.band_top(band) + row * self.cell

    @property
    def bottom(self) -> float:
        return self.band_top(self.bands - 1) + 7 * self.cell


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
        if self.colours().by_mood:
            rated = sum(1 for m in s.mood_per_day if m)
            return f"Your year in pixels: {rated} days, each its mood"
        return f"{s.days_written} days with words, {s.days_in_year - s.days_written} without"

    def colours(self) -> DayColours:
        found = self.__dict__.get("_colours")
        if found is None:
            found = self.__dict__["_colours"] = day_colours(self.stats, self.palette.accent, self.palette.accent2)
        return found

    def weeks(self) -> int:
        offset = date(self.stats.year, 1, 1).weekday()
        return (offset + self.stats.days_in_year - 1) // 7 + 1  # 53, or 54 for a leap year starting on a Sunday

    def sweep(self, t: float) -> float:
        """How many week columns the lighting sweep has passed (a column takes 3 to light up)."""
        return ease_out(phase(t, 0.0, 0.6)) * (self.weeks() + 3)

    def grid(self, c: Canvas) -> Grid:
        left, top, right, bottom = c.content_box()
        bands = 1 if c.width >= 1.5 * c.height else 2
        weeks = self.weeks()
        per_band = math.ceil(weeks / bands)
        band_gap = c.px(56) if bands > 1 else 0
        room = bottom - top - c.px(100)  # month letters above, the legend line below
        cell = min((right - left) / per_band, (room - band_gap * (bands - 1)) / (7 * bands))
        spare = room - (7 * bands * cell + band_gap * (bands - 1))
        return Grid(
            cell, left + ((right - left) - cell * per_band) / 2, top + c.px(40) + spare / 2, weeks, bands, band_gap
        )

    def cells(self) -> Iterator[tuple[int, int, tuple[int, int, int] | None]]:
        """(week column, weekday row, colour or None) for every day of the year."""
        offset = date(self.stats.year, 1, 1).weekday()
        for index, colour in enumerate(self.colours().colours):
            n = index + offset
            yield n // 7, n % 7, colour

    def draw_static(self, draw: ImageDraw.ImageDraw, c: Canvas) -> None:
        g = self.grid(c)
        f = c.font(24)
        first = date(self.stats.year, 1, 1)
        for m in range(12):
            week = ((date(self.stats.year, m + 1, 1) - first).days + first.weekday()) // 7
            x, y = g.origin(week, 0)
            draw.text((x, y - c.px(34)), MONTHS[m], font=f, fill=self.palette.muted)
        gap = max(1, g.cell * 0.14)
        for week, row, _ in self.cells():
            x, y = g.origin(week, row)
            draw.rounded_rectangle((x, y, x + g.cell - gap, y + g.cell - gap), radius=g.cell * 0.2, fill=self.empty)

    def lit_weeks(self, c: Canvas, frame: int, frames: int) -> int:
        """Weeks already fully lit at this frame; pasted whole instead of drawn cell by cell."""
        if self.grid(c).cell * 0.14 < 2:  # gaps too thin to cut between columns exactly
            return 0
        return max(0, min(self.weeks(), int(self.sweep(frame / frames) - 3) + 1))

    def draw_frame(self, image: Image.Image, c: Canvas, frame: int, frames: int) -> None:
        lit = self.lit_weeks(c, frame, frames)
        g = self.grid(c)
        for band in range(g.bands):
            columns = min(g.per_band, lit - band * g.per_band)
            if columns > 0:
                # cut in the middle of the gap after the band's last lit column
                right = round(g.left + columns * g.cell - g.cell * 0.07)
                box = (0, int(g.band_top(band)) - 1, right, round(g.band_top(band) + 7 * g.cell) + 1)
                image.paste(self._lit_layer(c).crop(box), box[:2])
        self.draw(ImageDraw.Draw(image), c, frame, frames, skip_weeks=lit)

    def _lit_layer(self, c: Canvas) -> Image.Image:
        """The still layer with every written day lit, drawn once per frame size."""
        cache = self.__dict__.setdefault("_lit_cache", {})
        if (c.width, c.height) not in cache:
            image = self.background(c)
            self.draw(ImageDraw.Draw(image), c, 1, 1, legend=False)
            cache[(c.width, c.height)] = image
        return cache[(c.width, c.height)]

    def draw(
        self, draw: ImageDraw.ImageDraw, c: Canvas, frame: int, frames: int, skip_weeks: int = 0, legend: bool = True
    ) -> None:
        t = frame / frames
        g = self.grid(c)
        gap = max(1, g.cell * 0.14)
        sweep = self.sweep(t)
        for week, row, lit in self.cells():
            if lit is None or week < skip_weeks:
                continue
            k = phase(sweep - week, 0, 3)
            if k <= 0:
                continue
            x, y = g.origin(week, row)
            draw.rounded_rectangle(
                (x, y, x + g.cell - gap, y + g.cell - gap), radius=g.cell * 0.2, fill=mix(self.empty, lit, k)
            )
        shown = ease_out(phase(t, 0.55, 0.7)) if legend else 0
        if shown > 0:
            self.draw_legend(draw, c, g, shown)

    def draw_legend(self, draw: ImageDraw.ImageDraw, c: Canvas, g: Grid, shown: float) -> None:
        y = g.bottom + c.px(26)
        f = c.font(24)
        ink = mix(self.palette.bg_at(y / c.height), self.palette.ink, shown)
        if not self.colours().by_mood:
            draw.text((g.left, y), f"busiest: {max(self.stats.words_per_day):,} words in a day", font=f, fill=ink)
            return
        x = g.left
        swatch = f.size
        for word, colour in self.colours().legend:
            if x + swatch + c.px(8) + f.getlength(word) > c.width - c.margin:
                break
            draw.rounded_rectangle((x, y + 2, x + swatch, y + 2 + swatch), radius=swatch * 0.2,
                                   fill=mix(self.palette.bg_at(y / c.height), colour, shown))  # fmt: skip
            draw.text((x + swatch + c.px(8), y), word, font=f, fill=ink)
            x += swatch + c.px(8) + f.getlength(word) + c.px(28)
