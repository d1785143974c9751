"""The drawing toolkit every scene uses: sizes that scale with the frame, fonts, colours."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont, features

from wrapped.assets import font_file
from wrapped.video.easing import mix

RGB = tuple[int, int, int]


TABULAR = ["tnum"] if features.check("raqm") else None  # OpenType features need libraqm


class TabularFont(ImageFont.FreeTypeFont):
    """A font whose figures all share one width, so a counting number does not shake."""

    def getlength(
        self, text: str | bytes, mode: str = "", direction: str | None = None, features: list[str] | None = None,
        language: str | None = None,
    ) -> float:  # fmt: skip
        return super().getlength(text, mode, direction, features or TABULAR, language)

    def getbbox(
        self, text: str | bytes, mode: str = "", direction: str | None = None, features: list[str] | None = None,
        language: str | None = None, stroke_width: float = 0, anchor: str | None = None,
    ) -> tuple[float, float, float, float]:  # fmt: skip
        return super().getbbox(text, mode, direction, features or TABULAR, language, stroke_width, anchor)

    def getmask2(
        self, text: str | bytes, mode: str = "", direction: str | None = None, features: list[str] | None = None,
        *args: Any, **kwargs: Any,
    ) -> Any:  # fmt: skip
        return super().getmask2(text, mode, direction, features or TABULAR, *args, **kwargs)


@lru_cache(maxsize=96)
def font(size: int, bold: bool = False, script: bool = False) -> ImageFont.FreeTypeFont:
    """Inter at `size` px with tabular figures; with `script`, DejaVu Sans for the person's own words."""
    if script:
        return ImageFont.truetype(str(font_file(bold, script=True)), size)
    return TabularFont(str(font_file(bold)), size)


GLOW = (56, 40)  # how strongly the two glows show the accent over the gradient, of 255
READABLE = 4.6  # the contrast every text colour keeps against the brightest background (WCAG AA: 4.5)


def luminance(rgb: RGB) -> float:
    """Relative luminance (WCAG 2)."""
    lin = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: RGB, b: RGB) -> float:
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


@dataclass(frozen=True)
class Palette:
    """A scene's colours. The text colours (ink, muted, accent2) are lightened on creation until
    they read at 4.5:1 or more on the brightest spot of the scene's background."""

    top: RGB
    bottom: RGB
    accent: RGB
    accent2: RGB
    ink: RGB = (250, 247, 242)
    muted: RGB = (212, 208, 226)

    def __post_init__(self) -> None:
        for name in ("ink", "muted", "accent2"):
            object.__setattr__(self, name, self.readable(getattr(self, name)))

    def bg_at(self, y_frac: float) -> RGB:
        return mix(self.top, self.bottom, y_frac)

    @property
    def brightest(self) -> RGB:
        """The brightest colour the background takes: the lighter end under the stronger glow."""
        end = max(self.top, self.bottom, key=luminance)
        return mix(end, self.accent, max(GLOW) / 255)

    def readable(self, colour: RGB) -> RGB:
        """`colour`, lightened just enough to read on this background."""
        step = 0.0
        while contrast(mix(colour, (255, 255, 255), step), self.brightest) < READABLE and step < 1:
            step += 0.04
        return mix(colour, (255, 255, 255), step)


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

    @property
    def smallest_text(self) -> int:
        """No text is smaller than 1/30 of the short side: 24 px at 720p, 36 px at 1080p."""
        return -(-min(self.width, self.height) // 30)

    def font(self, units: float, bold: bool = False, script: bool = False) -> ImageFont.FreeTypeFont:
        """The font at this size, never under `smallest_text`; sizes over 40 px step by 4 px, so
        a growing title does not load (and cache, at about 200 KB each) a new font every frame."""
        size = max(self.smallest_text, self.px(units))
        return font(size if size <= 40 else -(-size // 4) * 4, bold, script)

    def content_box(self) -> tuple[int, int, int, int]:
        """The area below a scene's heading: (left, top, right, bottom)."""
        top = self.margin + self.px(150) + (self.px(120) if self.portrait else 0)
        return self.margin, top, self.width - self.margin, self.height - self.margin - self.px(40)

    def safe(self) -> tuple[int, int, int, int]:
        """Where everything important goes: in a vertical frame clear of the top 14% and the bottom
        20% (a story's own buttons and captions), elsewhere inside the margins."""
        if self.portrait:
            return (
                self.px(48),
                round(self.height * 0.14) + self.px(16),
                self.width - self.px(48),
                round(self.height * 0.80) - self.px(16),
            )
        return self.px(56), self.px(44), self.width - self.px(56), self.height - self.px(44)

    def text(
        self, image: Image.Image, xy: tuple[float, float], text: str, font: ImageFont.FreeTypeFont, fill: tuple[int, ...],
        anchor: str = "la",
    ) -> tuple[int, int, int, int]:  # fmt: skip
        """Draw one line of text (its glyphs rendered once and kept, then pasted in `fill`);
        returns its box. Every text of the video goes through here."""
        mask, (left, top) = _mask(text, font, anchor)
        x, y = round(xy[0] + left), round(xy[1] + top)
        if mask.width and mask.height:
            image.paste(fill, (x, y), mask)
        return x, y, x + mask.width, y + mask.height

    def gradient(self, palette: Palette, pad: int = 0) -> Image.Image:
        """The palette's vertical gradient with two soft glows, `pad` px larger on every side (room
        to drift); drawn once per scene."""
        if pad:
            return Canvas(self.width + 2 * pad, self.height + 2 * pad).gradient(palette)
        ramp = np.linspace(0.0, 1.0, self.height, dtype=np.float32)[:, None]
        top, bottom = np.array(palette.top, np.float32), np.array(palette.bottom, np.float32)
        column = (top + (bottom - top) * ramp).astype(np.uint8)  # (h, 3)
        base = Image.fromarray(np.ascontiguousarray(np.broadcast_to(column[:, None, :], (self.height, self.width, 3))))
        small = (max(8, self.width // 8), max(8, self.height // 8))
        glow = Image.new("L", small, 0)
        d = ImageDraw.Draw(glow)
        w, h = small
        d.ellipse((int(w * 0.62), int(-h * 0.25), int(w * 1.15), int(h * 0.45)), fill=GLOW[0])
        d.ellipse((int(-w * 0.2), int(h * 0.7), int(w * 0.3), int(h * 1.25)), fill=GLOW[1])
        glow = glow.filter(ImageFilter.GaussianBlur(max(2, w // 14))).resize(
            (self.width, self.height), Image.Resampling.BILINEAR
        )
        return Image.composite(Image.new("RGB", base.size, palette.accent), base, glow)

    def fitted_font(
        self, text: str, units: float, max_width: int, bold: bool = False, script: bool = False
    ) -> ImageFont.FreeTypeFont:
        """The largest font no bigger than `units` (and no smaller than the smallest text) in which
        text fits max_width; text that still does not fit is for `shorten` to cut."""
        return _fitted(self, text, units, max_width, bold, script)


@lru_cache(maxsize=512)
def _fitted(c: Canvas, text: str, units: float, max_width: int, bold: bool, script: bool) -> ImageFont.FreeTypeFont:
    size = units
    f = c.font(size, bold, script)
    while c.px(size) > c.smallest_text and f.getlength(text) > max_width:
        size *= 0.92
        f = c.font(size, bold, script)
    return f


@lru_cache(maxsize=1024)
def text_width(text: str, font: ImageFont.FreeTypeFont) -> float:
    """How wide `text` is in `font` (measured once)."""
    return font.getlength(text)


@lru_cache(maxsize=256)
def _mask(text: str, font: ImageFont.FreeTypeFont, anchor: str) -> tuple[Image.Image, tuple[float, float]]:
    """The text's coverage (white on black) and where its corner sits relative to the anchor point."""
    left, top, right, bottom = font.getbbox(text, anchor=anchor)
    mask = Image.new("L", (max(0, round(right - left)), max(0, round(bottom - top))), 0)
    if mask.width and mask.height:
        ImageDraw.Draw(mask).text((-left, -top), text, font=font, fill=255, anchor=anchor)
    return mask, (left, top)


def shorten(text: str, f: ImageFont.FreeTypeFont, max_width: float) -> str:
    """Text cut with an ellipsis to fit max_width pixels in font f."""
    if f.getlength(text) <= max_width:
        return text
    while text and f.getlength(text + "…") > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def thousands(n: float) -> str:
    return f"{round(n):,}"


def wrap(text: str, f: ImageFont.FreeTypeFont, max_width: float, max_lines: int = 3) -> list[str]:
    """Text broken into lines at spaces to fit max_width; the last line ends in an ellipsis if cut."""
    return list(_wrapped(text, f, max_width, max_lines))


@lru_cache(maxsize=512)
def _wrapped(text: str, f: ImageFont.FreeTypeFont, max_width: float, max_lines: int) -> tuple[str, ...]:
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
    return tuple(lines)
