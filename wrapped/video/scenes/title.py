"""Opening title: the year, big, and what the year held."""

from __future__ import annotations

from PIL import ImageDraw

from wrapped.video.canvas import Canvas, Palette, thousands
from wrapped.video.easing import ease_back, ease_out, mix, phase
from wrapped.video.scenes.base import Scene


class Title(Scene):
    name = "title"
    label = "the opening title"
    palette = Palette((26, 16, 64), (92, 28, 112), (160, 80, 255), (255, 170, 90))

    def seconds(self) -> float:
        return 3.5

    def draw(self, draw: ImageDraw.ImageDraw, c: Canvas, frame: int, frames: int) -> None:
        t = frame / frames
        cx, cy = c.width // 2, c.height // 2
        # rings that open outwards behind the year
        for i in range(3):
            r = c.px(120 + 90 * i) * ease_out(phase(t, 0.05 * i, 0.5 + 0.05 * i))
            if r > 2:
                colour = mix(self.palette.bg_at(0.5), self.palette.accent, 0.35 - 0.1 * i)
                draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=colour, width=max(2, c.px(6)))
        grow = ease_back(phase(t, 0.0, 0.45))
        if grow > 0.05:
            f = c.font(190 * grow, bold=True)
            draw.text((cx, cy - c.px(20)), str(self.stats.year), font=f, fill=self.palette.ink, anchor="mm")
        sub = ease_out(phase(t, 0.3, 0.55))
        draw.text(
            (cx, cy + c.px(110) + c.px(20) * (1 - sub)),
            "your year in writing",
            font=c.font(40),
            fill=mix(self.palette.bg_at(0.7), self.palette.accent2, sub),
            anchor="mm",
        )
        facts = ease_out(phase(t, 0.45, 0.7))
        line = f"{self.stats.entries} entries  ·  {thousands(self.stats.words)} words"
        draw.text(
            (cx, cy + c.px(175)),
            line,
            font=c.font(26),
            fill=mix(self.palette.bg_at(0.8), self.palette.muted, facts),
            anchor="mm",
        )
