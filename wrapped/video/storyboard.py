"""The storyboard: the scenes of one video laid on the timeline. The timeline (`wrapped.timeline`)
says when each shot plays and which is the climax; the storyboard adds what each shot shows.

Every scene lasts a whole number of bars, so every cut lands on a downbeat of the music.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wrapped.stats import YearStats
from wrapped.timeline import Cue, Timeline, lay_out, tempo
from wrapped.video.scenes import SCENES, Quote, Scene
from wrapped.video.scenes.quotes import Quotes

MIN_SECONDS, MAX_SECONDS = 30.0, 60.0
CLIMAX = "streak"  # the scene the music peaks under


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


# TEMPORARY (LOOK's branch, until the editor's `wrapped/video/editing.py` is merged): every scene
# whose data exists, in the registry's order, each at the length it wishes.
def _has_data(name: str, stats: YearStats, quotes: Sequence[Quote]) -> bool:
    return {
        "words": stats.words > 0,
        "hour": stats.per_hour is not None,
        "tags": bool(stats.top_tags),
        "moods": bool(stats.moods),
        "streak": bool(stats.longest_streak and stats.longest_streak.days > 1),
        "quotes": bool(quotes),
    }.get(name, True)


def make_storyboard(stats: YearStats, fps: int, quotes: Sequence[Quote] = ()) -> Storyboard:
    """Scenes in order, each as many whole bars as it wishes, the whole within 30..60 s."""
    scenes: list[Scene] = []
    for name, cls in SCENES.items():
        if _has_data(name, stats, quotes):
            climax = name == CLIMAX
            scenes.append(Quotes(stats, quotes, climax=climax) if cls is Quotes else cls(stats, climax=climax))
    names = [scene.name for scene in scenes]
    timeline = lay_out(
        [(scene.name, scene.seconds()) for scene in scenes],
        fps,
        tempo(stats.days_written, stats.days_in_year),
        shortest=MIN_SECONDS,
        longest=MAX_SECONDS,
        climax=CLIMAX if CLIMAX in names else None,
    )
    shots = tuple(Shot(scene, cue) for scene, cue in zip(scenes, timeline.cues, strict=True))
    return Storyboard(stats=stats, timeline=timeline, shots=shots)
