"""The supporting chart most scenes share: bars that rise on the beat, the standout one lit."""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image, ImageDraw

from wrapped.video.canvas import Canvas, text_width
from wrapped.video.easing import ease_out, mix
from wrapped.video.scenes.base import Box, Moment, Scene


def bars(
    scene: Scene, image: Image.Image, c: Canvas, m: Moment, box: Box, counts: Sequence[int], labels: Sequence[str],
    lead: int, start: float = 1.0,
) -> None:  # fmt: skip
    """Bars for `counts` in `box`, labelled under; the `lead` bar in the warm accent, flashing on
    the beat, the rest in a dimmer hot accent. They rise one after another over two beats."""
    draw = ImageDraw.Draw(image)
    f = c.font(24)
    base = box[3] - f.size - c.px(12)
    slot = (box[2] - box[0]) / len(counts)
    peak = max(counts) or 1
    dim = mix(scene.palette.bg_at(0.7), scene.family.hot, 0.7)
    for i, n in enumerate(counts):
        k = ease_out(m.k(start + i / len(counts), start + 1 + i / len(counts)))
        h = (base - box[1]) * n / peak * k
        x0, x1 = box[0] + slot * (i + 0.16), box[0] + slot * (i + 0.84)
        colour = scene.family.warm if i == lead else dim
        if i == lead and k >= 1:
            colour = mix(colour, (255, 255, 255), 0.4 * (m.pulse if scene.climax else m.hit))
        if h >= 1:
            draw.rounded_rectangle((x0, base - h, x1, base), radius=min(slot * 0.2, h / 2), fill=colour)
        if labels[i]:
            muted = scene.palette.ink if i == lead else scene.palette.muted
            half = text_width(labels[i], f) / 2  # kept inside the box at either end
            x = min(max((x0 + x1) / 2, box[0] + half), box[2] - half)
            c.text(image, (x, box[3]), labels[i], f, muted, anchor="md")
