"""What every scene is: a slice of the year's statistics, a length, a static layer, a draw step."""

from __future__ import annotations

from PIL import Image, ImageDraw

from wrapped.stats import YearStats
from wrapped.video.canvas import Canvas, Palette, shorten, wrap
from wrapped.video.easing import ease_out, mix, phase


class Scene:
    """One scene of the video.

    A scene is made from the statistics and never reads anything else. ``background``
    draws what stays still (once per scene); ``draw`` adds what moves, and its only time
    input is the frame number within the scene. Every scene animates for 70% of its length
    and then holds still to be read: from ``settled_frame(frames)`` on nothing moves, so the
    painter draws that frame once and holds it (tests check this holds).
    ``label`` names the scene in progress messages.
    """

    name = "scene"
    label = "a scene"
    kicker = ""
    palette = Palette((20, 20, 40), (40, 20, 60), (120, 80, 220), (255, 120, 160))

    def __init__(self, stats: YearStats):
        self.stats = stats

    def seconds(self) -> float:
        """How long the scene runs; a pure function of the statistics."""
        return 5.0

    def headline(self) -> str:
        return ""

    def background(self, c: Canvas) -> Image.Image:
        image = c.gradient(self.palette)
        draw = ImageDraw.Draw(image)
        if self.kicker:
            draw.text((c.margin, c.margin), self.kicker.upper(), font=c.font(22, bold=True), fill=self.palette.accent2)
        if self.headline():
            width = c.width - 2 * c.margin
            f = c.fitted_font(self.headline(), 46 if not c.portrait else 40, width, bold=True)
            draw.text(
                (c.margin, c.margin + c.px(40)), shorten(self.headline(), f, width), font=f, fill=self.palette.ink
            )
        self.draw_static(draw, c)
        return image

    def draw_static(self, draw: ImageDraw.ImageDraw, c: Canvas) -> None:
        """Scene-specific parts that never move (labels, axes)."""

    def draw(self, draw: ImageDraw.ImageDraw, c: Canvas, frame: int, frames: int) -> None:
        """Draw the moving parts of frame `frame` (0 .. frames-1) onto the static layer."""

    def draw_frame(self, image: Image.Image, c: Canvas, frame: int, frames: int) -> None:
        """Draw frame `frame` onto a copy of the still layer; scenes may paste as well as draw."""
        self.draw(ImageDraw.Draw(image), c, frame, frames)

    @staticmethod
    def settled_frame(frames: int) -> int:
        """The first frame from which the scene no longer changes."""
        return min(frames - 1, -(-frames * 7 // 10))  # ceil(0.7 * frames), as an exact integer

    def draw_no_data(self, draw: ImageDraw.ImageDraw, c: Canvas, frame: int, frames: int, hint: str) -> None:
        """The gentle card a scene shows when the year gave it nothing to chart."""
        left, top, right, _ = c.content_box()
        k = ease_out(phase(frame / frames, 0.1, 0.5))
        f = c.font(30)
        lines = [line for paragraph in hint.split("\n") for line in wrap(paragraph, f, right - left, max_lines=3)]
        draw.multiline_text(
            (left, top + c.px(20)),
            "\n".join(lines),
            font=f,
            fill=mix(self.palette.bg_at(0.5), self.palette.muted, k),
            spacing=c.px(12),
        )
