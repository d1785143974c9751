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


@dataclass(frozen=True)
class Encoding:
    """How x264 encodes at one quality."""

    preset: str
    crf: int  # the constant rate factor: lower is sharper and larger
    threads: int | None = None  # x264's threads; None lets x264 take 1.5 per core
    bframes: int | None = None  # B-frames between references; None keeps the preset's
    lookahead: int | None = None  # frames of macroblock-tree lookahead (mbtree on); None keeps the preset's


# Draft is a first look: quick, and the smallest file at any fps (ultrafast's files are the
# largest). Standard is superfast too: a picture that moves in every frame costs x264 more. Tuned
# on the sample's 1,705 frames (bench/encoding.py, this 2-core machine, 2026-11-30): one x264
# thread keeps pace with the drawing on the other core, so more threads only add overhead (-6%
# x264 CPU); B-frames cost 13% of x264's CPU for 5% of the bytes; and where superfast's own rate
# control looks at no later frame, standard's 10 frames of macroblock tree (as veryfast does)
# spend the bits where later frames reuse them: 43% fewer bytes at the same CPU, luma PSNR 47.6
# against 50.9 dB, the same to the eye at full size. Draft keeps without it: at CRF 34 the tree
# took it to 36 dB for bytes a draft does not need to save. High (medium) is 3 to 4 times the
# work: there x264 keeps the preset and takes every core.
QUALITIES: dict[str, Encoding] = {
    "draft": Encoding("superfast", 34, threads=1, bframes=0),
    "standard": Encoding("superfast", 21, threads=1, bframes=0, lookahead=10),
    "high": Encoding("medium", 18),
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
    def encoding(self) -> Encoding:
        return QUALITIES[self.quality]
