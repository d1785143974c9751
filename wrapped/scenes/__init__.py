"""Every scene, in the order the video plays them."""

from wrapped.scenes.base import Scene
from wrapped.scenes.calendar import Calendar
from wrapped.scenes.ending import Ending
from wrapped.scenes.highlights import Highlights
from wrapped.scenes.months import Months
from wrapped.scenes.moods import Moods
from wrapped.scenes.rhythm import Rhythm
from wrapped.scenes.streak import Streak
from wrapped.scenes.tags import Tags
from wrapped.scenes.title import Title
from wrapped.scenes.totals import Totals

SCENES: tuple[type[Scene], ...] = (Title, Totals, Calendar, Months, Rhythm, Tags, Moods, Streak, Highlights, Ending)

__all__ = ["SCENES", "Scene"]
