"""Opening title: the year, huge, its digits landing one by one on the first beat."""

from __future__ import annotations

from PIL import Image

from wrapped.video.canvas import Canvas, text_width, thousands
from wrapped.video.easing import clamp, ease_back, mix
from wrapped.video.scenes.base import Moment, Scene, plural


class Title(Scene):
    name = "title"
    label = "the opening title"
    turn = 0

    def facts(self) -> str:
        s = self.stats
        parts = [f"{thousands(s.entries)} {plural(s.entries, 'entry', 'entries')}"]
        if s.words:
            parts.append(f"{thousands(s.words)} words")
        return "  ·  ".join(parts)

    def paint(self, image: Image.Image, c: Canvas, m: Moment) -> None:
        box, _ = self.blocks(c)
        year = str(self.stats.year)
        f = self.hero_font(c, year, 300)
        y = self.hero_y(c)
        x = (box[0] + box[2]) / 2 - text_width(year, f) / 2
        for i, digit in enumerate(year):
            k = m.k(0.25 * i, 0.25 * i + 0.75)
            land = ease_back(k)
            fill = mix(self.palette.bg_at(0.4), self.palette.ink, clamp(k * 2.5))
            if k >= 1:
                fill = mix(self.palette.ink, self.palette.accent2, 0.5 * m.hit)
            c.text(image, (x, y - c.px(90) * (1 - land)), digit, f, fill, anchor="lm")
            x += text_width(digit, f)
        self.kicker(image, c, m, "your year in writing", y=y - f.size * 0.5 - c.px(70))
        self.lines(image, c, m, self.facts(), y + f.size * 0.45 + c.px(30), units=34, start=1.5)
