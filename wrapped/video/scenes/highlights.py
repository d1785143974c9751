"""Highlights: the longest entry's length set big, and cards of facts about notable entries. Only
what is not private: dates, word counts, how many starred, the place written most. Never a title
or any word of an entry (those appear only in the quotes scene, with --quotes)."""

from __future__ import annotations

import math

from PIL import Image, ImageDraw

from wrapped.video.canvas import Canvas, shorten, thousands
from wrapped.video.easing import ease_back, mix
from wrapped.video.scenes.base import Box, Moment, Scene, plural


class Highlights(Scene):
    name = "highlights"
    label = "the highlights"
    turn = 2
    chart = 0.4

    def cards(self) -> list[tuple[str, str]]:
        """(what, value) of each card: facts only."""
        s = self.stats
        rows = [("first entry", f"{s.first_entry.day:%-d %B}"), ("last entry", f"{s.last_entry.day:%-d %B}")]
        if s.starred:
            rows.append(("starred", f"{s.starred} {plural(s.starred, 'entry', 'entries')}"))
        if s.top_locations:
            rows.append(("written most in", s.top_locations[0][0]))
        return rows[:4]

    def paint(self, image: Image.Image, c: Canvas, m: Moment) -> None:
        s = self.stats
        self.kicker(image, c, m, "highlights")
        if s.longest_entry.words:
            words = s.longest_entry.words
            box = self.hero(image, c, m, thousands(self.count(m, words)), font=self.hero_font(c, thousands(words)))
            caption = f"{plural(words, 'word')} in your longest entry, {s.longest_entry.day:%-d %B}"
        else:
            box = self.hero(image, c, m, f"{s.entries}", units=200)
            caption = f"{plural(s.entries, 'entry', 'entries')} this year"
        self.lines(image, c, m, caption, box[3] + c.px(20), units=34, bold=True)
        _, chart = self.blocks(c)
        if chart:
            for i, (sprite, (x, y)) in enumerate(self.sprites(c, chart)):
                k = ease_back(m.k(1.25 + 0.35 * i, 2.25 + 0.35 * i))
                if k <= 0:
                    continue
                bob = c.px(5) * math.sin(math.pi * (m.beat - 0.35 * i) / 2)  # the cards float, a beat apart
                image.paste(sprite, (x, round(y + c.px(60) * (1 - k) + bob)), sprite)

    def sprites(self, c: Canvas, chart: Box) -> list[tuple[Image.Image, tuple[int, int]]]:
        key = ("cards", c.width, c.height)
        if key not in self._cache:
            cards = self.cards()
            columns = len(cards) if c.width >= 1.5 * c.height else 2
            rows = -(-len(cards) // columns)
            gap = c.px(16)
            w = ((chart[2] - chart[0]) - gap * (columns - 1)) // columns
            h = min(c.px(150), ((chart[3] - chart[1]) - gap * (rows - 1)) // rows)
            top = chart[1] + ((chart[3] - chart[1]) - rows * h - gap * (rows - 1)) // 2
            made = []
            for i, (what, value) in enumerate(cards):
                row, col = divmod(i, columns)
                made.append((self.card(c, w, h, what, value), (chart[0] + col * (w + gap), top + row * (h + gap))))
            self._cache[key] = made
        return self._cache[key]  # type: ignore[return-value]

    def card(self, c: Canvas, w: int, h: int, what: str, value: str) -> Image.Image:
        card = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        ImageDraw.Draw(card).rounded_rectangle((0, 0, w - 1, h - 1), radius=c.px(18),
                                               fill=(*mix(self.palette.bg_at(0.7), (255, 255, 255), 0.12), 255))  # fmt: skip
        small, big = c.font(24, bold=True), c.fitted_font(value, 38, w - c.px(36), bold=True)
        c.text(card, (c.px(18), h * 0.3), what.upper(), small, (*self.palette.accent2, 255), anchor="lm")
        c.text(card, (c.px(18), h * 0.68), shorten(value, big, w - c.px(36)), big, (*self.palette.ink, 255),
               anchor="lm")  # fmt: skip
        return card
