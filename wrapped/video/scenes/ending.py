"""The end card, laid out like the share story: the year, the personality and three headline
figures, so the last frame is worth a screenshot."""

from __future__ import annotations

from PIL import Image

from wrapped.personality import personality_of
from wrapped.video.canvas import Canvas
from wrapped.video.easing import ease_out, mix
from wrapped.video.scenes.base import Moment, Scene
from wrapped.video.share import figure_font, headline_figures


class Ending(Scene):
    name = "ending"
    label = "the end card"
    turn = 0

    def focus(self, c: Canvas) -> tuple[float, float]:
        left, top, right, bottom = c.safe()
        return (left + right) / 2, top + (bottom - top) * 0.25

    def paint(self, image: Image.Image, c: Canvas, m: Moment) -> None:
        s = self.stats
        who = personality_of(s)
        left, top, right, bottom = c.safe()
        cx = (left + right) / 2
        scale = min(1.0, (bottom - top) / c.px(820))
        self.kicker(image, c, m, f"my {s.year} in writing")
        year_font = c.fitted_font(str(s.year), 250 * scale, right - left, bold=True)
        y = top + c.px(40) + year_font.size * 0.5
        self.hero(image, c, m, str(s.year), y=y, font=year_font, colour=self.palette.ink)
        y += year_font.size * 0.55 + c.px(18)
        name_font = c.fitted_font(who.name, 60 * scale, right - left, bold=True)
        k = ease_out(m.k(0.75, 1.5))
        c.text(image, (cx, y + c.px(20) * (1 - k)), who.name, name_font,
               mix(self.palette.bg_at(0.5), self.palette.accent2, k), anchor="ma")  # fmt: skip
        y += name_font.size + c.px(14)
        y = self.lines(image, c, m, who.line, y, units=32 * scale, start=1, colour=self.palette.muted, max_lines=1)
        self.figures(image, c, m, y + c.px(36) * scale, scale)
        k = ease_out(m.k(2.5, 3.25))
        c.text(image, (cx, bottom), "made with wrapped", c.font(24), mix(self.palette.bg_at(0.9), self.palette.muted, k),
               anchor="md")  # fmt: skip

    def figures(self, image: Image.Image, c: Canvas, m: Moment, y: float, scale: float) -> None:
        left, _, right, _ = c.safe()
        figures = headline_figures(self.stats)
        column = (right - left) / len(figures)
        label_font = c.font(26)
        f = figure_font(c, figures, 76 * scale, column)
        for i, (value, text, number) in enumerate(figures):
            k = ease_out(m.k(1.25 + 0.25 * i, 2.25 + 0.25 * i))
            shown = value if number is None else f"{round(number * k):,}"
            x = left + column * (i + 0.5)
            c.text(image, (x, y + c.px(16) * (1 - k)), shown, f, mix(self.palette.bg_at(0.7), self.palette.ink, k),
                   anchor="ma")  # fmt: skip
            c.text(image, (x, y + f.size + c.px(12)), text, label_font,
                   mix(self.palette.bg_at(0.7), self.palette.muted, k), anchor="ma")  # fmt: skip
