"""Top tags as horizontal bars; a gentle card when the year has none."""

from __future__ import annotations

from PIL import ImageDraw

from wrapped.video.canvas import Canvas, Palette, shorten
from wrapped.video.easing import ease_out, mix, phase
from wrapped.video.scenes.base import Scene


class Tags(Scene):
    name = "tags"
    label = "the top tags"
    kicker = "What you wrote about"
    palette = Palette((70, 40, 10), (120, 60, 20), (255, 160, 60), (255, 230, 150))

    def seconds(self) -> float:
        return 5.0 if self.stats.top_tags else 3.0

    def headline(self) -> str:
        if not self.stats.top_tags:
            return "No tags this year"
        return f"Mostly #{self.stats.top_tags[0][0]}"

    def draw(self, draw: ImageDraw.ImageDraw, c: Canvas, frame: int, frames: int) -> None:
        if not self.stats.top_tags:
            self.draw_no_data(
                draw,
                c,
                frame,
                frames,
                "Tag entries with #words and next year's video\nwill show what filled your days.",
            )
            return
        t = frame / frames
        left, top, right, bottom = c.content_box()
        tags = self.stats.top_tags
        row = (bottom - top) / max(len(tags), 5)
        label_w = (right - left) * 0.3
        peak = tags[0][1]
        f, fb = c.font(min(28, row / c.unit * 0.5)), c.font(min(24, row / c.unit * 0.45), bold=True)
        for i, (tag, count) in enumerate(tags):
            k = ease_out(phase(t, 0.04 * i, 0.4 + 0.04 * i))
            if k <= 0:
                continue
            y = top + row * i
            bg = self.palette.bg_at(y / c.height)
            draw.text(
                (left, y + row * 0.5),
                shorten(f"#{tag}", f, int(label_w) - c.px(10)),
                font=f,
                fill=mix(bg, self.palette.ink, k),
                anchor="lm",
            )
            width = (right - left - label_w - c.px(70)) * count / peak * k
            x0 = left + label_w
            draw.rounded_rectangle(
                (x0, y + row * 0.2, x0 + max(width, 2), y + row * 0.8),
                radius=row * 0.2,
                fill=mix(self.palette.accent, self.palette.accent2, i / len(tags)),
            )
            draw.text(
                (x0 + width + c.px(12), y + row * 0.5),
                str(round(count * k)),
                font=fb,
                fill=mix(bg, self.palette.ink, k),
                anchor="lm",
            )
