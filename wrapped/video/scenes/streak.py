"""The longest streak, counting up, and the longest pause."""

from __future__ import annotations

from PIL import ImageDraw

from wrapped.stats import Span
from wrapped.video.canvas import Canvas, Palette, wrap
from wrapped.video.easing import ease_out, mix, phase
from wrapped.video.scenes.base import Scene


def span_text(span: Span) -> str:
    if span.start == span.end:
        return span.start.strftime("%-d %b")
    return f"{span.start.strftime('%-d %b')} – {span.end.strftime('%-d %b')}"


class Streak(Scene):
    name = "streak"
    label = "the streak"
    kicker = "Your longest streak"
    palette = Palette((70, 14, 14), (130, 40, 20), (255, 110, 60), (255, 220, 100))

    def seconds(self) -> float:
        return 4.5

    def headline(self) -> str:
        streak = self.stats.longest_streak
        return "Day after day" if streak and streak.days > 1 else "Every entry counts"

    def draw(self, draw: ImageDraw.ImageDraw, c: Canvas, frame: int, frames: int) -> None:
        t = frame / frames
        streak, gap = self.stats.longest_streak, self.stats.longest_gap
        left, top, right, _ = c.content_box()
        k = ease_out(phase(t, 0.0, 0.6))
        days = streak.days if streak else 0
        draw.text((left, top), f"{round(days * k)}", font=c.font(150, bold=True), fill=self.palette.accent2)
        draw.text(
            (left + c.px(10), top + c.px(175)),
            f"day{'s' if days != 1 else ''} in a row" + (f", {span_text(streak)}" if streak else ""),
            font=c.font(30),
            fill=self.palette.ink,
        )
        # a row of flames (ticks), one per day of the streak, at most 60
        ticks = min(days, 60)
        if ticks:
            width = (right - left) / 60
            shown = round(ticks * k)
            y = top + c.px(240)
            for i in range(shown):
                x = left + i * width
                draw.rounded_rectangle(
                    (x, y, x + width * 0.7, y + c.px(34)),
                    radius=width * 0.3,
                    fill=mix(self.palette.accent, self.palette.accent2, i / max(ticks, 1)),
                )
        g = ease_out(phase(t, 0.5, 0.7))
        if gap and g > 0:
            text = f"Longest pause: {gap.days} day{'s' if gap.days != 1 else ''} ({span_text(gap)}). You came back."
            f = c.font(26)
            draw.multiline_text((left, top + c.px(300)), "\n".join(wrap(text, f, right - left, max_lines=2)), font=f,
                                fill=mix(self.palette.bg_at(0.8), self.palette.muted, g), spacing=c.px(10))  # fmt: skip
