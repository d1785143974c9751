"""The Year in Pixels: a square a day, lit week by week, each day in its mood's colour on the one
mood scale (or brighter for more words, in a year without moods); the count of days set big above."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from PIL import Image, ImageDraw

from wrapped.video.canvas import Canvas, text_width
from wrapped.video.easing import ease_out, mix
from wrapped.video.pixels import DayColours, day_colours
from wrapped.video.scenes.base import Box, Moment, Scene, plural

MONTHS = "JFMAMJJASOND"


@dataclass(frozen=True)
class Grid:
    """Where each (week, weekday) square goes: the year in one band of week columns in a wide
    frame, in two (January to June above July to December) otherwise. Coordinates are relative to
    the sprite's corner."""

    cell: float
    weeks: int
    bands: int
    band_gap: float
    head: float  # room for the month letters over each band

    @property
    def per_band(self) -> int:
        return math.ceil(self.weeks / self.bands)

    def band_top(self, band: int) -> float:
        return self.head + band * (7 * self.cell + self.band_gap + self.head)

    def origin(self, week: int, row: int) -> tuple[float, float]:
        band, col = divmod(week, self.per_band)
        return col * self.cell, self.band_top(band) + row * self.cell

    @property
    def size(self) -> tuple[int, int]:
        return math.ceil(self.per_band * self.cell), math.ceil(self.band_top(self.bands - 1) + 7 * self.cell)


class Calendar(Scene):
    name = "calendar"
    label = "the calendar"
    turn = 1

    chart = 0.5

    def colours(self) -> DayColours:
        if "colours" not in self._cache:
            self._cache["colours"] = day_colours(self.stats, self.family.hot, self.family.warm)
        return self._cache["colours"]  # type: ignore[return-value]

    def weeks(self) -> int:
        offset = date(self.stats.year, 1, 1).weekday()
        return (offset + self.stats.days_in_year - 1) // 7 + 1

    def grid(self, c: Canvas, chart: Box) -> Grid:
        bands = 1 if c.width >= 1.5 * c.height else 2
        per_band = math.ceil(self.weeks() / bands)
        head = c.font(24).size + c.px(8)
        legend = c.font(24).size + c.px(30)
        gap = c.px(18)
        room = chart[3] - chart[1] - legend - bands * head - gap * (bands - 1)
        cell = min((chart[2] - chart[0]) / per_band, room / (7 * bands))
        return Grid(cell, self.weeks(), bands, gap, head)

    def sprites(self, c: Canvas, chart: Box) -> tuple[Image.Image, Image.Image, Grid]:
        """The empty grid (with month letters) and the lit days, each drawn once."""
        key = ("grid", c.width, c.height)
        if key not in self._cache:
            g = self.grid(c, chart)
            empty = Image.new("RGBA", g.size, (0, 0, 0, 0))
            lit = Image.new("RGBA", g.size, (0, 0, 0, 0))
            de, dl = ImageDraw.Draw(empty), ImageDraw.Draw(lit)
            dim = (*mix(self.palette.bg_at(0.6), (255, 255, 255), 0.13), 255)
            gap = max(1.0, g.cell * 0.16)
            offset = date(self.stats.year, 1, 1).weekday()
            for index, colour in enumerate(self.colours().colours):
                x, y = g.origin(*divmod(index + offset, 7))
                box = (x, y, x + g.cell - gap, y + g.cell - gap)
                de.rounded_rectangle(box, radius=g.cell * 0.2, fill=dim)
                if colour is not None:
                    dl.rounded_rectangle(box, radius=g.cell * 0.2, fill=(*colour, 255))
            glint = Image.eval(lit, lambda v: v)  # a copy, then lightened (alpha kept)
            r, gr, b, a = glint.split()
            light = [Image.eval(ch, lambda v: min(255, v + 70)) for ch in (r, gr, b)]
            glint = Image.merge("RGBA", (*light, a))
            self._cache[key] = empty, lit, g
            self._cache[("glint", c.width, c.height)] = glint
        return self._cache[key]  # type: ignore[return-value]

    def paint(self, image: Image.Image, c: Canvas, m: Moment) -> None:
        s = self.stats
        by_mood = self.colours().by_mood
        days = sum(1 for x in s.mood_per_day if x) if by_mood else s.days_written
        self.kicker(image, c, m, "your year in pixels")
        box = self.hero(image, c, m, str(round(self.count(m, days))), font=self.hero_font(c, str(days)), units=200)
        caption = f"{plural(days, 'day')}, each in its mood" if by_mood else f"{plural(days, 'day')} with words"
        self.lines(image, c, m, caption, box[3] + c.px(20), units=38, bold=True)
        _, chart = self.blocks(c)
        if chart:
            self.pixels(image, c, m, chart)

    def pixels(self, image: Image.Image, c: Canvas, m: Moment, chart: Box) -> None:
        empty, lit, g = self.sprites(c, chart)
        left = round((chart[0] + chart[2]) / 2 - g.size[0] / 2)
        top = chart[1]
        sweep = ease_out(m.k(0.75, 3.0)) * g.per_band  # columns lit so far, in every band at once
        if sweep >= g.per_band:  # all lit: the grid and its days as one sprite, pasted once
            full: Image.Image = self._cache.setdefault(("full", c.width, c.height), Image.alpha_composite(empty, lit))  # type: ignore[assignment]
            image.paste(full, (left, top), full)
        else:
            image.paste(empty, (left, top), empty)
        f = c.font(24)
        first = date(self.stats.year, 1, 1)
        for month in range(12):
            week = ((date(self.stats.year, month + 1, 1) - first).days + first.weekday()) // 7
            x, y = g.origin(week, 0)
            c.text(image, (left + x, top + y - c.px(6)), MONTHS[month], f, self.palette.muted, anchor="ld")
        columns = math.ceil(sweep)
        if columns > 0 and sweep < g.per_band:
            right = min(lit.width, round(columns * g.cell))
            part = lit.crop((0, 0, right, lit.height))
            image.paste(part, (left, top), part)
        if sweep >= g.per_band:  # all lit: a glint of light runs across the days, again and again
            glint: Image.Image = self._cache[("glint", c.width, c.height)]  # type: ignore[assignment]
            band = max(2, round(g.cell * 1.5))
            x = round((m.seconds * c.px(260)) % (lit.width + band)) - band
            part = glint.crop((max(0, x), 0, min(lit.width, x + band), lit.height))
            image.paste(part, (left + max(0, x), top), part)
        self.legend(image, c, m, chart[0], top + g.size[1] + c.px(16), chart[2])

    def legend(self, image: Image.Image, c: Canvas, m: Moment, left: int, y: int, right: int) -> None:
        f = c.font(24)
        k = ease_out(m.k(2.5, 3.25))
        ink = mix(self.palette.bg_at(0.75), self.palette.ink, k)
        colours = self.colours()
        if not colours.by_mood:
            said = f"brightest: {max(self.stats.words_per_day):,} words in a day"
            c.text(image, (round((left + right - text_width(said, f)) / 2), y), said, f, ink)
            return
        draw = ImageDraw.Draw(image)
        gap = c.px(22)
        widths = [f.size + c.px(8) + text_width(word, f) for word, _ in colours.legend]
        rows: list[list[int]] = [[]]  # every bucket is named: a row that would overflow wraps, centred
        for i, width in enumerate(widths):
            if rows[-1] and sum(widths[j] + gap for j in rows[-1]) + width > right - left:
                rows.append([])
            rows[-1].append(i)
        for row in rows:
            x = (left + right - (sum(widths[i] for i in row) + gap * (len(row) - 1))) / 2
            for i in row:
                word, colour = colours.legend[i]
                draw.rounded_rectangle((x, y + 2, x + f.size, y + 2 + f.size), radius=f.size * 0.2,
                                       fill=mix(self.palette.bg_at(0.75), colour, k))  # fmt: skip
                c.text(image, (x + f.size + c.px(8), y), word, f, ink)
                x += widths[i] + gap
            y += round(f.size + c.px(10))
