"""The end card."""

from __future__ import annotations

from PIL import ImageDraw

from wrapped.video.canvas import Canvas, Palette, thousands
from wrapped.video.easing import ease_out, mix, phase
from wrapped.video.scenes.base import Scene


class Ending(Scene):
    name = "ending"
    label = "the end card"
    palette = Palette((26, 16, 64), (12, 10, 30), (160, 80, 255), (255, 170, 90))

    def seconds(self) -> float:
        return 4.0

    def draw(self, draw: ImageDraw.ImageDraw, c: Canvas, frame: int, frames: int) -> None:
        t = frame / frames
        s = self.stats
        cx, cy = c.width // 2, c.height // 2
        lines = [
            (f"That was {s.year}.", c.font(80, bold=True), self.palette.ink, 0.0),
            (
                f"{s.entries} entries · {thousands(s.words)} words · {s.days_written} days",
                c.font(30),
                self.palette.accent2,
                0.2,
            ),
            (f"See you in {s.year + 1}.", c.font(36), self.palette.muted, 0.4),
        ]
        y = cy - c.px(90)
        for text, f, colour, start in lines:
            k = ease_out(phase(t, start, start + 0.3))
            draw.text(
                (cx, y + c.px(20) * (1 - k)),
                text,
                font=f,
                fill=mix(self.palette.bg_at(y / c.height), colour, k),
                anchor="mm",
            )
            y += c.px(90)
        draw.text(
            (cx, c.height - c.margin),
            "made with wrapped",
            font=c.font(18),
            fill=mix(self.palette.bg_at(0.95), self.palette.muted, ease_out(phase(t, 0.45, 0.7))),
            anchor="mb",
        )
