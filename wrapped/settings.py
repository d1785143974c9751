"""Render settings: the one place that says which formats, qualities and frame rates exist.

The CLI's choices and the MCP tool's input schema are both derived from the names and bounds
here, and ``RenderSettings`` checks every value against them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from wrapped.errors import SettingsError

FormatName = Literal["vertical", "landscape", "square"]
QualityName = Literal["draft", "standard", "high"]

FORMATS: dict[str, tuple[int, int]] = {"vertical": (720, 1280), "landscape": (1280, 720), "square": (1080, 1080)}
DEFAULT_FORMAT: FormatName = "vertical"  # a phone story first: the CLI's and the MCP tool's default
# quality -> (x264 preset, constant rate factor). Draft is a first look: quick, and the smallest
# file at any fps. ultrafast is no choice for it: its files are the largest (3.5 MB at 10 fps at
# CRF 28, above standard's 2.5 MB); superfast at CRF 34 is smaller than standard at every fps.
# Standard is superfast too: a picture that moves in every frame costs x264 more, and superfast
# keeps the default render near the CPU the old, mostly still video took (see bench/look.py).
QUALITIES: dict[str, tuple[str, int]] = {
    "draft": ("superfast", 34),
    "standard": ("superfast", 21),
    "high": ("medium", 18),
}
MusicName = Literal["generated", "none"]
MUSIC: tuple[str, ...] = get_args(MusicName)
DEFAULT_MUSIC = "generated"
FPS_MIN, FPS_MAX, DEFAULT_FPS = 10, 60, 30
YEAR_MIN, YEAR_MAX = 1, 9999  # what a date can hold

FORMAT_HELP = ", ".join(f"{name} {w}x{h}" for name, (w, h) in FORMATS.items())
QUALITY_HELP = "draft: a quick first look, the smallest file; standard: sharp; high: sharpest, slowest"
FPS_HELP = f"frames per second, {FPS_MIN} to {FPS_MAX}"
MUSIC_HELP = "generated: a soundtrack composed from the year; none: silent"
QUOTES_HELP = "add a scene of up to three short excerpts (140 characters) from starred or longest entries"

assert set(get_args(FormatName)) == set(FORMATS) and set(get_args(QualityName)) == set(QUALITIES)


@dataclass(frozen=True)
class RenderSettings:
    width: int = FORMATS[DEFAULT_FORMAT][0]
    height: int = FORMATS[DEFAULT_FORMAT][1]
    fps: int = DEFAULT_FPS
    quality: str = "standard"
    batch_frames: int = 4  # frames drawn between two cancel checks
    draw_threads: int = 2

    def __post_init__(self) -> None:
        if self.width < 64 or self.height < 64 or self.width % 2 or self.height % 2:
            raise SettingsError(f"frame size {self.width}x{self.height}: both sides must be even and at least 64")
        if not FPS_MIN <= self.fps <= FPS_MAX:
            raise SettingsError(f"fps {self.fps}: choose {FPS_MIN} to {FPS_MAX}")
        if self.quality not in QUALITIES:
            raise SettingsError(f"quality {self.quality!r}: choose one of {', '.join(QUALITIES)}")
        if self.batch_frames < 1 or self.draw_threads < 1:
            raise SettingsError("batch_frames and draw_threads must be at least 1")

    @classmethod
    def for_format(
        cls, name: str = DEFAULT_FORMAT, fps: int = DEFAULT_FPS, quality: str = "standard"
    ) -> RenderSettings:
        if name not in FORMATS:
            raise SettingsError(f"format {name!r}: choose one of {', '.join(FORMATS)}")
        width, height = FORMATS[name]
        return cls(width=width, height=height, fps=fps, quality=quality)

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height

    @property
    def preset(self) -> str:
        return QUALITIES[self.quality][0]

    @property
    def crf(self) -> int:
        return QUALITIES[self.quality][1]
