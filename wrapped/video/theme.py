"""One colour system per video: a palette family chosen from the personality, from which every
scene, the end card and the share images take their colours.

A family is four dark grounds (each a top and bottom colour) and three bright accents. Scenes take
the grounds in turn, so consecutive scenes differ while the video keeps one look. Every ground is
dark and every accent (and every mood colour, `wrapped.video.pixels`) bright, so the two never blur.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from wrapped.personality import personality_of
from wrapped.stats import YearStats
from wrapped.video.canvas import RGB, Palette


@dataclass(frozen=True)
class Family:
    name: str
    grounds: tuple[tuple[RGB, RGB], ...]  # (top, bottom) of each ground, dark
    hot: RGB  # the lead accent: glows, bars, the beat
    warm: RGB  # hero figures
    cool: RGB  # a second series

    def palette(self, turn: int) -> Palette:
        top, bottom = self.grounds[turn % len(self.grounds)]
        return Palette(top, bottom, self.hot, self.warm)

    @property
    def grounds_flat(self) -> tuple[RGB, ...]:
        return tuple(c for pair in self.grounds for c in pair)


FAMILIES: tuple[Family, ...] = (
    Family(
        "dusk",
        (
            ((30, 14, 66), (92, 24, 98)),
            ((20, 16, 64), (58, 28, 112)),
            ((46, 12, 60), (104, 26, 84)),
            ((16, 18, 54), (50, 26, 92)),
        ),
        (255, 92, 160),
        (255, 204, 112),
        (140, 156, 255),
    ),
    Family(
        "tide",
        (
            ((8, 24, 58), (12, 70, 100)),
            ((10, 18, 52), (26, 46, 112)),
            ((6, 36, 52), (10, 80, 92)),
            ((14, 20, 46), (28, 42, 92)),
        ),
        (60, 214, 228),
        (255, 206, 96),
        (255, 128, 150),
    ),
    Family(
        "ember",
        (
            ((56, 12, 22), (116, 34, 30)),
            ((44, 12, 38), (104, 24, 58)),
            ((58, 18, 14), (120, 48, 24)),
            ((34, 12, 30), (86, 22, 48)),
        ),
        (255, 122, 72),
        (255, 214, 112),
        (255, 110, 170),
    ),
    Family(
        "grove",
        (
            ((8, 38, 34), (14, 76, 60)),
            ((10, 30, 42), (16, 66, 74)),
            ((12, 38, 26), (26, 74, 46)),
            ((8, 28, 38), (18, 58, 66)),
        ),
        (110, 226, 160),
        (255, 214, 112),
        (110, 196, 255),
    ),
)


def family_of(stats: YearStats) -> Family:
    """The year's family: chosen by its personality, so the same kind of year has the same look."""
    return FAMILIES[zlib.crc32(personality_of(stats).name.encode()) % len(FAMILIES)]
