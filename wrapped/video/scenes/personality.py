"""The payoff: the journaling personality, revealed big on a downbeat, with the facts that earned it."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from wrapped.personality import personality_of
from wrapped.video.canvas import Canvas, wrap
from wrapped.video.easing import clamp, ease_back, ease_out, mix
from wrapped.video.scenes.base import Moment, Scene


class Personality(Scene):
    name = "personality"
    label = "your journaling personality"
    turn = 1

    @staticmethod
    def reveal(m: Moment) -> float:
        """The beat the name lands on: one beat of "you are…" after the cut, then the payoff."""
        return 1.0

    def name_lines(self, c: Canvas, name: str) -> tuple[ImageFont.FreeTypeFont, list[str]]:
        """The name in the largest type (up to a third of the short side) that fits in 3 lines uncut."""
        key = ("name", c.width, c.height)
        if key not in self._cache:
            self._cache[key] = self._name_lines(c, name)
        return self._cache[key]  # type: ignore[return-value]

    def _name_lines(self, c: Canvas, name: str) -> tuple[ImageFont.FreeTypeFont, list[str]]:
        box, _ = self.blocks(c)
        width = box[2] - box[0]
        units = 132.0
        while True:
            f = c.font(units, bold=True)
            lines = wrap(name, f, width, max_lines=3)
            fits = all(f.getlength(line) <= width for line in lines) and " ".join(lines) == name
            fits = fits and len(lines) * f.size * 1.08 <= (box[3] - box[1]) * 0.42  # room for the facts
            if fits or units < 40:
                return f, lines
            units *= 0.92

    def paint(self, image: Image.Image, c: Canvas, m: Moment) -> None:
        who = personality_of(self.stats)
        box, _ = self.blocks(c)
        cx, cy = (box[0] + box[2]) / 2, self.hero_y(c)
        at = self.reveal(m)
        self.kicker(image, c, m, "your journaling personality")
        if m.beat < at:  # the wait: "you are…" breathing on the beat
            f = c.font(90, bold=True)
            fill = mix(self.palette.bg_at(0.4), self.palette.ink, 0.55 + 0.45 * m.pulse)
            c.text(image, (cx, cy), "you are…", f, fill, anchor="mm")
            return
        self.burst(ImageDraw.Draw(image), c, m, cx, cy, at)
        f, lines = self.name_lines(c, who.name)
        k = m.k(at, at + 0.75)
        land = ease_back(k)
        flash = clamp(1 - (m.beat - at) / 1.5)
        colour = mix(self.palette.accent2, (255, 255, 255), 0.8 * flash)
        if m.beat >= at + 1.5:
            colour = mix(self.palette.accent2, (255, 255, 255), 0.35 * m.hit)
        step = f.size * 1.08
        y = cy - step * (len(lines) - 1) / 2 + c.px(90) * (1 - land)
        for line in lines:
            c.text(image, (cx, y), line, f, colour, anchor="mm")
            y += step
        y = cy + step * len(lines) / 2 + c.px(30)
        y = self.lines(image, c, m, who.line, y, units=36, start=at + 1, max_lines=2)
        for i, fact in enumerate(who.facts[:2]):
            y = self.lines(image, c, m, fact, y + c.px(10), units=30, start=at + 1.5 + 0.5 * i,
                           colour=self.palette.muted, max_lines=1)  # fmt: skip

    def burst(self, draw: ImageDraw.ImageDraw, c: Canvas, m: Moment, cx: float, cy: float, at: float) -> None:
        """Rings flying out from the name as it lands."""
        for i in range(3):
            q = ease_out(m.k(at + 0.15 * i, at + 1.2 + 0.15 * i))
            if 0 < q < 1:
                r = c.px(120 + 700 * q)
                colour = mix(self.palette.bg_at(0.5), self.family.hot, 0.22 * (1 - q))
                draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=colour, width=c.px(14 - 3 * i))
