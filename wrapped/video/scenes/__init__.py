"""Every scene, in the order the video plays them."""

from wrapped.video.scenes.base import Scene
from wrapped.video.scenes.calendar import Calendar
from wrapped.video.scenes.ending import Ending
from wrapped.video.scenes.highlights import Highlights
from wrapped.video.scenes.months import Months
from wrapped.video.scenes.moods import Moods
from wrapped.video.scenes.rhythm import Rhythm
from wrapped.video.scenes.streak import Streak
from wrapped.video.scenes.tags import Tags
from wrapped.video.scenes.title import Title
from wrapped.video.scenes.totals import Totals

SCENES: tuple[type[Scene], ...] = (Title, Totals, Calendar, Months, Rhythm, Tags, Moods, Streak, Highlights, Ending)

__all__ = ["SCENES", "Scene"]
