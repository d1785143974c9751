"""The drawing toolkit every scene uses: sizes that scale with the frame, fonts, colours."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from wrapped.assets import font_file
from wrapped.video.easing import mix

RGB = tuple[int, int, int]


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_file(bold)), size)


@dataclass(frozen=True)
class Palette:
    top: RGB
    bottom: RGB
    accent: RGB
    accent2: RGB
    ink: RGB = (250, 247, 242)
    muted: RGB = (190, 186, 205)

    def bg_at(self, y_frac: float) -> RGB:
        return mix(self.top, self.bottom, y_frac)


@dataclass(frozen=True)
class Canvas:
    """A frame's size, and lengths in 'units': 1 unit is 1 px on a 720 px short side."""

    width: int
    height: int

    @property
    def unit(self) -> float:
        return min(self.width, self.height) / 720

    @property
    def portrait(self) -> bool:
        return self.height > self.width * 1.2

    def px(self, units: float) -> int:
        return round(units * self.unit)

    @property
    def margin(self) -> int:
        return self.px(64)

    def font(self, units: float, bold: bool = False) -> ImageFont.FreeTypeFont:
        """The font at this size; sizes over 40 px step by 4 px, so a growing title does not
        load (and cache, at about 200 KB each) a new font for every frame."""
        size = max(6, self.px(units))
        return font(size if size <= 40 else size // 4 * 4, bold)

    def content_box(self) -> tuple[int, int, int, int]:
        """The area below a scene's heading: (left, top, right, bottom)."""
        top = self.margin + self.px(150) + (self.px(120) if self.portrait else 0)
        return self.margin, top, self.width - self.margin, self.height - self.margin - self.px(40)

    def gradient(self, palette: Palette) -> Image.Image:
        """The palette's vertical gradient with two soft glows; drawn once per scene."""
        ramp = np.linspace(0.0, 1.0, self.height, dtype=np.float32)[:, None]
        top, bottom = np.array(palette.top, np.float32), np.array(palette.bottom, np.float32)
        column = (top + (bottom - top) * ramp).astype(np.uint8)  # (h, 3)
        base = Image.fromarray(np.ascontiguousarray(np.broadcast_to(column[:, None, :], (self.height, self.width, 3))))
        small = (max(8, self.width // 8), max(8, self.height // 8))
        glow = Image.new("L", small, 0)
        d = ImageDraw.Draw(glow)
        w, h = small
        d.ellipse((int(w * 0.62), int(-h * 0.25), int(w * 1.15), int(h * 0.45)), fill=80)
        d.ellipse((int(-w * 0.2), int(h * 0.7), int(w * 0.3), int(h * 1.25)), fill=55)
        glow = glow.filter(ImageFilter.GaussianBlur(max(2, w // 14))).resize(
            (self.width, self.height), Image.Resampling.BILINEAR
        )
        return Image.composite(Image.new("RGB", base.size, palette.accent), base, glow)

    def fitted_font(self, text: str, units: float, max_width: int, bold: bool = False) -> ImageFont.FreeTypeFont:
        """The largest font no bigger than `units` in which text fits max_width."""
        size = units
        f = self.font(size, bold)
        while size > 8 and f.getlength(text) > max_width:
            size *= 0.92
            f = self.font(size, bold)
        return f


def shorten(text: str, f: ImageFont.FreeTypeFont, max_width: int) -> str:
    """Text cut with an ellipsis to fit max_width pixels in font f."""
    if f.getlength(text) <= max_width:
        return text
    while text and f.getlength(text + "…") > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def thousands(n: float) -> str:
    return f"{round(n):,}"


def wrap(text: str, f: ImageFont.FreeTypeFont, max_width: int, max_lines: int = 3) -> list[str]:
    """Text broken into lines at spaces to fit max_width; the last line ends in an ellipsis if cut."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and f.getlength(line + " " + words[0]) <= max_width:
            line += " " + words.pop(0)
        lines.append(shorten(line, f, max_width))
    if words and lines:
        lines[-1] = shorten(lines[-1] + " " + " ".join(words), f, max_width)
        if not lines[-1].endswith("…"):
            lines[-1] = shorten(lines[-1] + "…", f, max_width)
    return lines
