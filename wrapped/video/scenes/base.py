"""What every scene is: a slice of the year's statistics drawn as one big fact, always moving.

A frame is a pure function of the statistics and a `Moment` (the frame's index in the scene, the
frame rate and the tempo), so frames can be drawn in any order, on any thread. What does not move
is drawn once and kept (the ground, text glyphs, chart sprites); each frame crops the ground where
the light has drifted to and draws the moving layer on it: a ring that pulses on every beat,
floating shapes, type that lands on the beat and numbers that count up.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from wrapped.stats import YearStats
from wrapped.video.canvas import RGB, Canvas, wrap
from wrapped.video.easing import clamp, ease_back, ease_out, mix, phase
from wrapped.video.theme import family_of

DRIFT_SPEED = 12  # units a second the light drifts
SHAPES = 9  # shapes floating up
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Moment:
    """Where a frame sits: its index in the scene (it may run past the scene's end while the next
    scene moves in), the scene's length in frames, the frame rate and the tempo."""

    frame: int
    frames: int
    fps: int = 30
    bpm: int = 100

    @property
    def seconds(self) -> float:
        return self.frame / self.fps

    @property
    def beat(self) -> float:
        """Beats since the scene began (every scene begins on a downbeat)."""
        return self.seconds * self.bpm / 60

    @property
    def pulse(self) -> float:
        """1 on each beat, falling evenly to 0 before the next (so something changes every frame)."""
        return 1 - self.beat % 1

    @property
    def hit(self) -> float:
        """The pulse on each bar's downbeat only (1 falling to 0 over that beat), else 0."""
        return self.pulse if self.beat % 4 < 1 else 0.0

    def k(self, start: float, end: float) -> float:
        """How far the frame is between two beats, 0..1."""
        return phase(self.beat, start, end)


class Scene:
    """One scene: `paint` draws a `Moment` on the scene's ground; `frame` returns the whole frame."""

    name = "scene"
    label = "a scene"
    turn = 0  # which ground of the palette family
    chart = 0.0  # the share of the safe zone's height the supporting chart takes (0: none)

    def __init__(self, stats: YearStats, *, climax: bool = False):
        self.stats = stats
        self.climax = climax
        self.family = family_of(stats)
        self.palette = self.family.palette(self.turn)
        self._cache: dict[object, object] = {}

    # --- the frame -------------------------------------------------------------------------
    def ground(self, c: Canvas) -> Image.Image:
        """The background, larger than the frame by the drift on every side: drawn once."""
        key = ("ground", c.width, c.height)
        if key not in self._cache:
            self._cache[key] = c.gradient(self.palette, pad=self.drift_room(c))
        return self._cache[key]  # type: ignore[return-value]

    @staticmethod
    def drift_room(c: Canvas) -> int:
        return c.px(56)

    def frame(self, c: Canvas, m: Moment) -> Image.Image:
        room = self.drift_room(c)
        # the light drifts slowly sideways and back (a few pixels a second: a moving ground is costly to encode)
        travel = (m.seconds * c.px(DRIFT_SPEED) + zlib.crc32(self.name.encode()) % room) % (4 * room)
        ox, oy = round(min(travel, 4 * room - travel) / 2), room
        image = self.ground(c).crop((ox, oy, ox + c.width, oy + c.height))
        self.ambient(ImageDraw.Draw(image), c, m)
        self.paint(image, c, m)
        return image

    def focus(self, c: Canvas) -> tuple[float, float]:
        """The point the beat ring circles: the hero's centre."""
        box, _ = self.blocks(c)
        return (box[0] + box[2]) / 2, self.hero_y(c)

    def ambient(self, draw: ImageDraw.ImageDraw, c: Canvas, m: Moment) -> None:
        """Motion under everything: shapes floating up, and a ring opening round the hero on each downbeat."""
        seed = zlib.crc32(self.name.encode())
        for i in range(SHAPES):
            r = c.px(18 + 7 * (i % 4))  # every scene the same sizes and speeds, placed by its name
            x = (i + 0.5 + ((seed >> i) % 100) / 200) / SHAPES * c.width
            speed = c.px(84 + 14 * (i % 5))
            y = c.height + r - (((seed >> i) % 997) / 997 * (c.height + 2 * r) + speed * m.seconds) % (c.height + 2 * r)
            x += c.px(24) * math.sin(m.seconds * 1.3 + i)
            tint = self.family.cool if i % 2 else self.palette.accent
            draw.ellipse((x - r, y - r, x + r, y + r), fill=mix(self.palette.bg_at(clamp(y / c.height)), tint, 0.22))
        if m.beat % 4 >= 1:  # the ring: once a bar, on the downbeat, for one beat
            return
        cx, cy = self.focus(c)
        p = 1 - m.beat % 1
        ring = c.px(150 + 260 * (1 - p)) * (1.25 if self.climax else 1.0)
        colour = mix(self.palette.bg_at(clamp(cy / c.height)), self.palette.accent, 0.22 * p)
        draw.ellipse((cx - ring, cy - ring, cx + ring, cy + ring), outline=colour, width=max(2, c.px(6)))

    def paint(self, image: Image.Image, c: Canvas, m: Moment) -> None:
        """Draw this moment's content on the frame."""

    # --- layout ----------------------------------------------------------------------------
    def blocks(self, c: Canvas) -> tuple[Box, Box | None]:
        """The text block (kicker, hero, caption) and, below it, the chart's box."""
        left, top, right, bottom = c.safe()
        if not self.chart:
            return (left, top, right, bottom), None
        split = round(bottom - (bottom - top) * self.chart)
        return (left, top, right, split), (left, split + c.px(16), right, bottom)

    def hero_y(self, c: Canvas) -> float:
        (_, top, _, bottom), chart = self.blocks(c)
        return top + (bottom - top) * (0.46 if chart else 0.42)

    # --- type ------------------------------------------------------------------------------
    def kicker(self, image: Image.Image, c: Canvas, m: Moment, text: str, y: float | None = None) -> None:
        """The small label over the hero, in capitals, in the accent colour."""
        box, _ = self.blocks(c)
        k = ease_out(m.k(0, 0.6))
        f = c.fitted_font(text.upper(), 28, box[2] - box[0], bold=True)
        y = box[1] + c.px(8) if y is None else y
        colour = mix(self.palette.bg_at(0.2), self.palette.accent2, k)
        c.text(image, ((box[0] + box[2]) / 2, y + c.px(14) * (1 - k)), text.upper(), f, colour, anchor="ma")

    def hero_font(self, c: Canvas, text: str, units: float = 230, width: int | None = None) -> ImageFont.FreeTypeFont:
        box, _ = self.blocks(c)
        size = units * (1.18 if self.climax else 1.0)
        return c.fitted_font(text, size, width or box[2] - box[0], bold=True)

    def hero(
        self, image: Image.Image, c: Canvas, m: Moment, text: str, *, units: float = 230, y: float | None = None,
        start: float = 0.0, colour: RGB | None = None, font: ImageFont.FreeTypeFont | None = None,
    ) -> Box:  # fmt: skip
        """The one big fact, centred: it rises and lands on the beat after `start`, then flashes
        on every beat."""
        box, _ = self.blocks(c)
        f = font or self.hero_font(c, text, units)
        y = self.hero_y(c) if y is None else y
        k = m.k(start, start + 1)
        land = ease_back(k)
        base = colour or self.palette.accent2
        fill = mix(self.palette.bg_at(clamp(y / c.height)), base, clamp(k * 2.5))
        if k >= 1:
            fill = mix(base, (255, 255, 255), 0.45 * m.pulse if self.climax else 0.3 * m.hit)
        return c.text(image, ((box[0] + box[2]) / 2, y + c.px(70) * (1 - land)), text, f, fill, anchor="mm")

    def lines(
        self, image: Image.Image, c: Canvas, m: Moment, text: str, y: float, *, units: float = 36, start: float = 1.0,
        colour: RGB | None = None, bold: bool = False, max_lines: int = 2,
    ) -> float:  # fmt: skip
        """Centred lines that slide up into place on beat `start`; returns the y under them."""
        box, _ = self.blocks(c)
        f = c.font(units, bold=bold)
        k = ease_out(m.k(start, start + 0.75))
        fill = mix(self.palette.bg_at(clamp(y / c.height)), colour or self.palette.ink, k)
        for line in wrap(text, f, box[2] - box[0], max_lines=max_lines):
            c.text(image, ((box[0] + box[2]) / 2, y + c.px(24) * (1 - k)), line, f, fill, anchor="ma")
            y += f.size * 1.25
        return y

    def count(self, m: Moment, value: float, start: float = 0.0, beats: float = 2.0) -> float:
        """A number counting up from 0 over `beats` beats."""
        return value * ease_out(m.k(start, start + beats))


def plural(n: int, word: str, many: str | None = None) -> str:
    return word if n == 1 else many or word + "s"
