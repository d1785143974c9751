"""The journaling personality: a name for the writer, and the facts that earned it."""

from __future__ import annotations

from PIL import ImageDraw

from wrapped.personality import personality_of
from wrapped.video.canvas import Canvas, Palette, shorten
from wrapped.video.easing import ease_back, ease_out, mix, phase
from wrapped.video.scenes.base import Scene


class Personality(Scene):
    name = "personality"
    label = "your journaling personality"
    kicker = "Your journaling personality"
    palette = Palette((58, 16, 60), (110, 30, 80), (255, 90, 150), (255, 214, 120))

    def seconds(self) -> float:
        return 5.5

    def draw(self, draw: ImageDraw.ImageDraw, c: Canvas, frame: int, frames: int) -> None:
        t = frame / frames
        who = personality_of(self.stats)
        left, top, right, _ = c.content_box()
        width = right - left
        k = ease_back(phase(t, 0.05, 0.4))
        f = c.fitted_font(who.name, 72 if not c.portrait else 64, width, bold=True)
        y: float = top + c.px(10)
        if k > 0:
            size = max(0.5, min(1.0, k))
            name_font = c.font(f.size / c.unit * size, bold=True) if size < 1 else f
            draw.text(
                (left, y),
                shorten(who.name, name_font, width),
                font=name_font,
                fill=mix(self.palette.bg_at(y / c.height), self.palette.accent2, min(1.0, k)),
            )
        y += f.size + c.px(28)
        shown = ease_out(phase(t, 0.25, 0.5))
        if shown > 0:
            line_font = c.fitted_font(who.line, 34, width)
            draw.text(
                (left, y),
                shorten(who.line, line_font, width),
                font=line_font,
                fill=mix(self.palette.bg_at(y / c.height), self.palette.ink, shown),
            )
        y += c.px(80)
        for i, fact in enumerate(who.facts[:3]):
            k = ease_out(phase(t, 0.35 + 0.08 * i, 0.6 + 0.08 * i))
            if k <= 0:
                continue
            x = left + round(c.px(40) * (1 - k))
            fact_font = c.fitted_font(fact, 32, width - c.px(40))
            draw.ellipse((x, y + c.px(12), x + c.px(14), y + c.px(26)), fill=self.palette.accent)
            draw.text(
                (x + c.px(34), y),
                shorten(fact, fact_font, width - c.px(40)),
                font=fact_font,
                fill=mix(self.palette.bg_at(y / c.height), self.palette.ink, k),
            )
            y += c.px(58)
