"""Every scene, by name, in the order the video plays them (the names are the editor's too)."""

from __future__ import annotations

from wrapped.quotes import Quote
from wrapped.video.scenes.base import Moment, Scene
from wrapped.video.scenes.calendar import Calendar
from wrapped.video.scenes.ending import Ending
from wrapped.video.scenes.entries import Entries
from wrapped.video.scenes.highlights import Highlights
from wrapped.video.scenes.hour import Hour
from wrapped.video.scenes.months import Months
from wrapped.video.scenes.moods import Moods
from wrapped.video.scenes.personality import Personality
from wrapped.video.scenes.quotes import Quotes
from wrapped.video.scenes.streak import Streak
from wrapped.video.scenes.tags import Tags
from wrapped.video.scenes.title import Title
from wrapped.video.scenes.weekday import Weekday
from wrapped.video.scenes.words import Words

SCENES: dict[str, type[Scene]] = {
    cls.name: cls
    for cls in (
        Title,
        Entries,
        Words,
        Calendar,
        Months,
        Weekday,
        Hour,
        Tags,
        Moods,
        Streak,
        Highlights,
        Quotes,
        Personality,
        Ending,
    )
}

__all__ = ["SCENES", "Moment", "Quote", "Scene"]
