"""Render settings: the one object that says how big, how fast and how good a video is."""

from __future__ import annotations

from dataclasses import dataclass

from wrapped.errors import SettingsError

FORMATS = {"landscape": (1280, 720), "square": (1080, 1080), "vertical": (1080, 1920)}
# quality -> (x264 preset, constant rate factor)
QUALITIES = {"draft": ("ultrafast", 28), "standard": ("veryfast", 21), "high": ("medium", 18)}


@dataclass(frozen=True)
class RenderSettings:
    width: int = 1280
    height: int = 720
    fps: int = 30
    quality: str = "standard"
    batch_frames: int = 4  # frames drawn between two cancel checks
    draw_threads: int = 2

    def __post_init__(self) -> None:
        if self.width < 64 or self.height < 64 or self.width % 2 or self.height % 2:
            raise SettingsError(f"frame size {self.width}x{self.height}: both sides must be even and at least 64")
        if not 1 <= self.fps <= 60:
            raise SettingsError(f"fps {self.fps}: choose 1 to 60")
        if self.quality not in QUALITIES:
            raise SettingsError(f"quality {self.quality!r}: choose one of {', '.join(QUALITIES)}")

    @classmethod
    def for_format(cls, name: str = "landscape", fps: int = 30, quality: str = "standard") -> RenderSettings:
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
