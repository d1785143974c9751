"""Every scene, in the order the video plays them."""

from __future__ import annotations

from collections.abc import Sequence

from wrapped.quotes import Quote
from wrapped.stats import YearStats
from wrapped.video.scenes.base import Scene
from wrapped.video.scenes.calendar import Calendar
from wrapped.video.scenes.ending import Ending
from wrapped.video.scenes.highlights import Highlights
from wrapped.video.scenes.months import Months
from wrapped.video.scenes.moods import Moods
from wrapped.video.scenes.personality import Personality
from wrapped.video.scenes.quotes import Quotes
from wrapped.video.scenes.rhythm import Rhythm
from wrapped.video.scenes.streak import Streak
from wrapped.video.scenes.tags import Tags
from wrapped.video.scenes.title import Title
from wrapped.video.scenes.totals import Totals

SCENES: tuple[type[Scene], ...] = (
    Title, Totals, Calendar, Months, Rhythm, Tags, Moods, Streak, Highlights, Quotes, Personality, Ending
)  # fmt: skip


def scenes_for(stats: YearStats, quotes: Sequence[Quote] = ()) -> list[Scene]:
    """The scenes of one video: all of them, the quotes only when there are quotes to show."""
    made: list[Scene] = []
    for cls in SCENES:
        if cls is Quotes:
            if quotes:
                made.append(Quotes(stats, quotes))
        else:
            made.append(cls(stats))
    return made


__all__ = ["SCENES", "Quote", "Scene", "scenes_for"]
