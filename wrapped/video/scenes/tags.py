"""The top tag, big, and the next ones as bars under it."""

from __future__ import annotations

from PIL import Image, ImageDraw

from wrapped.video.canvas import Canvas, shorten
from wrapped.video.easing import ease_out, mix
from wrapped.video.scenes.base import Moment, Scene, plural

SHOWN = 4  # the next tags under the top one


class Tags(Scene):
    name = "tags"
    label = "the top tags"
    turn = 3
    chart = 0.34

    def paint(self, image: Image.Image, c: Canvas, m: Moment) -> None:
        tags = self.stats.top_tags
        if not tags:
            return
        tag, n = tags[0]
        self.kicker(image, c, m, "you wrote most about")
        box = self.hero(image, c, m, f"#{tag}", units=150)
        self.lines(image, c, m, f"in {n} {plural(n, 'entry', 'entries')}", box[3] + c.px(24), units=40, bold=True)
        _, chart = self.blocks(c)
        if chart and len(tags) > 1:
            self.rows(image, c, m, chart, tags[1 : 1 + SHOWN], tags[0][1])

    def rows(
        self, image: Image.Image, c: Canvas, m: Moment, chart: tuple[int, int, int, int],
        rows: tuple[tuple[str, int], ...], peak: int,
    ) -> None:  # fmt: skip
        draw = ImageDraw.Draw(image)
        f = c.font(30, bold=True)
        step = (chart[3] - chart[1]) / SHOWN
        label_w = (chart[2] - chart[0]) * 0.42
        for i, (tag, n) in enumerate(rows):
            k = ease_out(m.k(1.25 + 0.3 * i, 2.25 + 0.3 * i))
            if k <= 0:
                continue
            y = chart[1] + step * (i + 0.5)
            fill = mix(self.palette.bg_at(0.7), self.palette.ink, k)
            c.text(image, (chart[0], y), shorten(f"#{tag}", f, round(label_w) - c.px(12)), f, fill, anchor="lm")
            x0 = chart[0] + label_w
            width = (chart[2] - x0 - c.px(70)) * n / peak * k
            colour = mix(self.family.hot, self.family.cool, i / SHOWN)
            draw.rounded_rectangle((x0, y - step * 0.28, x0 + max(width, 4), y + step * 0.28), radius=step * 0.14,
                                   fill=colour)  # fmt: skip
            c.text(image, (x0 + width + c.px(12), y), str(round(n * k)), f, fill, anchor="lm")
