"""The storyboard: the scenes of one video laid on the timeline. The edit (`wrapped.video.editing`)
decides which scenes this year has a story for, how long each wishes to run, the video's length
bounds and the climax (the year's strongest fact, by the rule stated there); the timeline
(`wrapped.timeline`) lays them on the tempo grid and marks the climax cue; the storyboard adds what
each shot shows.

Every scene lasts a whole number of bars, so every cut lands on a downbeat of the music.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wrapped.stats import YearStats
from wrapped.timeline import Cue, Timeline, lay_out, tempo
from wrapped.video.editing import edit
from wrapped.video.scenes import SCENES, Quote, Scene
from wrapped.video.scenes.quotes import Quotes


@dataclass(frozen=True)
class Shot:
    scene: Scene
    cue: Cue

    @property
    def start(self) -> int:
        return self.cue.start

    @property
    def frames(self) -> int:
        return self.cue.frames

    @property
    def end(self) -> int:
        return self.cue.end

    @property
    def bar(self) -> int:
        return self.cue.bar

    @property
    def bars(self) -> int:
        return self.cue.bars


@dataclass(frozen=True)
class Storyboard:
    stats: YearStats
    timeline: Timeline
    shots: tuple[Shot, ...]

    @property
    def fps(self) -> int:
        return self.timeline.fps

    @property
    def bpm(self) -> int:
        return self.timeline.bpm

    @property
    def total_frames(self) -> int:
        return self.timeline.total_frames

    @property
    def seconds(self) -> float:
        return self.timeline.seconds

    @property
    def climax(self) -> Shot | None:
        return None if self.timeline.climax is None else self.shots[self.timeline.climax]

    def shot_at(self, frame: int) -> Shot:
        return self.shots[self.timeline.index_at(frame)]


def make_storyboard(stats: YearStats, fps: int, quotes: Sequence[Quote] = ()) -> Storyboard:
    """The scenes the edit chose, in order, each as many whole bars as it wishes, the whole within
    the edit's length bounds, the climax marked."""
    cut = edit(stats, quotes)
    timeline = lay_out(
        cut.scenes,
        fps,
        tempo(stats.days_written, stats.days_in_year),
        shortest=cut.shortest,
        longest=cut.longest,
        climax=cut.climax,
    )
    shots = tuple(Shot(_scene(cue.name, stats, quotes, climax=cue.name == cut.climax), cue) for cue in timeline.cues)
    return Storyboard(stats=stats, timeline=timeline, shots=shots)


def _scene(name: str, stats: YearStats, quotes: Sequence[Quote], *, climax: bool) -> Scene:
    """The scene a shot shows: the registry's class for the edit's name."""
    cls = SCENES[name]
    return Quotes(stats, quotes, climax=climax) if cls is Quotes else cls(stats, climax=climax)
