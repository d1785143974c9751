"""The timeline: which shot plays when, on a tempo grid. Computed once, below pictures and sound:
the frames, the soundtrack, the video's length and progress all read it, and it knows nothing of
either (a cue is a name and a place on the grid, never a scene or an instrument).

Every cue lasts a whole number of bars, so every cut lands on a downbeat of the music. One cue
may be marked as the climax: the year's strongest fact, where the picture has its biggest moment
and the music its peak. A timeline without a climax (a sparse year) gets a gentler form.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

BEATS_PER_BAR = 4
SLOWEST_BPM, FASTEST_BPM = 92, 120


@dataclass(frozen=True)
class Cue:
    name: str  # what plays: the storyboard's scene name ("title", "streak", ...)
    start: int  # first frame of the video this cue fills
    frames: int
    bar: int = 0  # the bar it starts on
    bars: int = 1

    @property
    def end(self) -> int:
        return self.start + self.frames


@dataclass(frozen=True)
class Timeline:
    fps: int
    bpm: int
    cues: tuple[Cue, ...]
    climax: int | None = None  # index of the climax cue; None for a year without one
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.cues:
            raise ValueError("a timeline needs at least one cue")
        if self.climax is not None and not 0 <= self.climax < len(self.cues):
            raise ValueError(f"climax {self.climax} is not one of the {len(self.cues)} cues")
        object.__setattr__(self, "_starts", tuple(c.start for c in self.cues))

    @property
    def total_frames(self) -> int:
        return self.cues[-1].end

    @property
    def seconds(self) -> float:
        return self.total_frames / self.fps

    @property
    def bar_seconds(self) -> float:
        return bar_seconds(self.bpm)

    def index_at(self, frame: int) -> int:
        if not 0 <= frame < self.total_frames:
            raise IndexError(f"frame {frame} is outside 0..{self.total_frames - 1}")
        return bisect.bisect_right(self._starts, frame) - 1

    def cue_at(self, frame: int) -> Cue:
        return self.cues[self.index_at(frame)]

    def samples(self, rate: int) -> int:
        """The timeline's length in audio samples at `rate`: the video's, to the sample."""
        return round(self.total_frames * rate / self.fps)


def bar_seconds(bpm: int) -> float:
    return BEATS_PER_BAR * 60 / bpm


def tempo(days_written: int, days_in_year: int) -> int:
    """Beats per minute: a fuller year plays faster (92 for a quiet year, 120 for every day written)."""
    share = days_written / days_in_year if days_in_year else 0.0
    return SLOWEST_BPM + round((FASTEST_BPM - SLOWEST_BPM) * share)


def lay_out(
    wanted: Sequence[tuple[str, float]],
    fps: int,
    bpm: int,
    *,
    shortest: float,
    longest: float,
    climax: str | None = None,
) -> Timeline:
    """Cues in order, each as many whole bars as its wished seconds ask, the whole within
    `shortest`..`longest` seconds; `climax` names the cue marked as the climax (if any)."""
    bar = bar_seconds(bpm)
    counts = fit_bars([seconds for _, seconds in wanted], bar, shortest, longest)
    cues, first_bar = [], 0
    for (name, _), count in zip(wanted, counts, strict=True):
        start = round(first_bar * bar * fps)
        end = round((first_bar + count) * bar * fps)
        cues.append(Cue(name=name, start=start, frames=end - start, bar=first_bar, bars=count))
        first_bar += count
    names = [name for name, _ in wanted]
    mark = names.index(climax) if climax is not None and climax in names else None
    return Timeline(fps=fps, bpm=bpm, cues=tuple(cues), climax=mark)


def fit_bars(wanted: Sequence[float], bar: float, shortest: float, longest: float) -> list[int]:
    """Whole bars for each wanted length, scaled so that the total lies within shortest..longest s.

    Rounding moves a bar at a time: the cue furthest below (or above) its wish gains (or loses)
    one until the total fits, so the result depends only on the wishes.
    """
    total = sum(wanted)
    scale = shortest / total if total < shortest else longest / total if total > longest else 1.0
    goal = [w * scale / bar for w in wanted]
    bars = [max(1, round(g)) for g in goal]
    fewest, most = math.ceil(shortest / bar - 1e-9), math.floor(longest / bar + 1e-9)
    while sum(bars) < fewest:
        i = max(range(len(bars)), key=lambda k: (goal[k] - bars[k], -k))
        bars[i] += 1
    while sum(bars) > most and any(b > 1 for b in bars):
        i = max((k for k in range(len(bars)) if bars[k] > 1), key=lambda k: (bars[k] - goal[k], -k))
        bars[i] -= 1
    return bars
