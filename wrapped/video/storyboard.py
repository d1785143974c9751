"""The storyboard: which scene plays when. Computed once; frames, length and progress all read it."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from wrapped.stats import YearStats
from wrapped.video.scenes import SCENES, Scene

MIN_SECONDS, MAX_SECONDS = 30.0, 60.0


@dataclass(frozen=True)
class Shot:
    scene: Scene
    start: int  # first frame of the video this shot fills
    frames: int

    @property
    def end(self) -> int:
        return self.start + self.frames


@dataclass(frozen=True)
class Storyboard:
    stats: YearStats
    fps: int
    shots: tuple[Shot, ...]
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(s.start for s in self.shots))

    @property
    def total_frames(self) -> int:
        return self.shots[-1].end

    @property
    def seconds(self) -> float:
        return self.total_frames / self.fps

    def shot_at(self, frame: int) -> Shot:
        if not 0 <= frame < self.total_frames:
            raise IndexError(f"frame {frame} is outside 0..{self.total_frames - 1}")
        return self.shots[bisect.bisect_right(self._starts, frame) - 1]


def make_storyboard(stats: YearStats, fps: int) -> Storyboard:
    """Scenes in order, each as long as its data asks, the whole scaled into 30..60 s."""
    scenes = [cls(stats) for cls in SCENES]
    wanted = [s.seconds() for s in scenes]
    total = sum(wanted)
    scale = MIN_SECONDS / total if total < MIN_SECONDS else MAX_SECONDS / total if total > MAX_SECONDS else 1.0
    shots, start = [], 0
    for scene, seconds in zip(scenes, wanted, strict=True):
        frames = max(1, round(seconds * scale * fps))
        shots.append(Shot(scene=scene, start=start, frames=frames))
        start += frames
    return Storyboard(stats=stats, fps=fps, shots=tuple(shots))
