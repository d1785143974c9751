"""How many words: one big number counting up, and what it amounts to."""

from __future__ import annotations

from PIL import Image

from wrapped.video.canvas import Canvas, thousands
from wrapped.video.scenes.base import Moment, Scene

WORDS_A_PAGE = 300  # a paperback page


def compact(n: float) -> str:
    """26,523 -> 26.5K; 1,204,000 -> 1.2M."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f}M"
    return f"{n / 1000:.1f}K" if n < 100_000 else f"{n / 1000:.0f}K"


class Words(Scene):
    name = "words"
    label = "the words"
    turn = 2

    def figure(self, c: Canvas, value: float) -> str:
        """The count in full when it fits large; else compact (26.5K)."""
        full = thousands(self.stats.words)
        _box, _ = self.blocks(c)
        big = self.hero_font(c, full)
        if big.size >= 0.2 * min(c.width, c.height) * (1.18 if self.climax else 1.0):
            return thousands(value)
        return compact(value) if value >= 1000 else thousands(value)

    def paint(self, image: Image.Image, c: Canvas, m: Moment) -> None:
        s = self.stats
        self.kicker(image, c, m, "you put down")
        widest = self.figure(c, s.words)
        box = self.hero(image, c, m, self.figure(c, self.count(m, s.words)), font=self.hero_font(c, widest))
        y = self.lines(image, c, m, "words", box[3] + c.px(28), units=44, bold=True)
        pages = s.words // WORDS_A_PAGE
        more = f"about {s.average_words:.0f} an entry"
        if pages >= 10:
            more += f", as much as a {pages}-page book"
        self.lines(image, c, m, more, y + c.px(18), units=32, start=1.75, colour=self.palette.muted)
