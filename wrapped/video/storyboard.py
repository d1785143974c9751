"""The storyboard: which scene plays when, on a tempo grid. Computed once; frames, music,
length and progress all read it.

Every scene lasts a whole number of bars, so every cut lands on a downbeat of the music.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from wrapped.stats import YearStats
from wrapped.video.scenes import Quote, Scene, scenes_for

MIN_SECONDS, MAX_SECONDS = 30.0, 60.0
BEATS_PER_BAR = 4
SLOWEST_BPM, FASTEST_BPM = 92, 120


@dataclass(frozen=True)
class Shot:
    scene: Scene
    start: int  # first frame of the video this shot fills
    frames: int
    bar: int = 0  # the bar it starts on
    bars: int = 1

    @property
    def end(self) -> int:
        return self.start + self.frames


@dataclass(frozen=True)
class Storyboard:
    stats: YearStats
    fps: int
    shots: tuple[Shot, ...]
    bpm: int = 120
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


def bar_seconds(bpm: int) -> float:
    return BEATS_PER_BAR * 60 / bpm


def tempo(stats: YearStats) -> int:
    """Beats per minute: a fuller year plays faster (92 for a quiet year, 120 for every day written)."""
    share = stats.days_written / stats.days_in_year
    return SLOWEST_BPM + round((FASTEST_BPM - SLOWEST_BPM) * share)


def make_storyboard(stats: YearStats, fps: int, quotes: Sequence[Quote] = ()) -> Storyboard:
    """Scenes in order, each as many whole bars as its data asks, the whole within 30..60 s."""
    scenes = scenes_for(stats, quotes)
    bpm = tempo(stats)
    bar = bar_seconds(bpm)
    bars = fit_bars([s.seconds() for s in scenes], bar)
    shots, first_bar = [], 0
    for scene, count in zip(scenes, bars, strict=True):
        start = round(first_bar * bar * fps)
        end = round((first_bar + count) * bar * fps)
        shots.append(Shot(scene=scene, start=start, frames=end - start, bar=first_bar, bars=count))
        first_bar += count
    return Storyboard(stats=stats, fps=fps, shots=tuple(shots), bpm=bpm)


def fit_bars(wanted: Sequence[float], bar: float) -> list[int]:
    """Whole bars for each wanted length, scaled so that the total lies within 30..60 s.

    Rounding moves a bar at a time: the scene furthest below (or above) its wish gains (or
    loses) one until the total fits, so the result depends only on the wishes.
    """
    total = sum(wanted)
    scale = MIN_SECONDS / total if total < MIN_SECONDS else MAX_SECONDS / total if total > MAX_SECONDS else 1.0
    goal = [w * scale / bar for w in wanted]
    bars = [max(1, round(g)) for g in goal]
    fewest, most = math.ceil(MIN_SECONDS / bar - 1e-9), math.floor(MAX_SECONDS / bar + 1e-9)
    while sum(bars) < fewest:
        i = max(range(len(bars)), key=lambda k: (goal[k] - bars[k], -k))
        bars[i] += 1
    while sum(bars) > most:
        i = max((k for k in range(len(bars)) if bars[k] > 1), key=lambda k: (bars[k] - goal[k], -k))
        bars[i] -= 1
    return bars
