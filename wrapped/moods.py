"""How good a mood word is: the one scale the Year in Pixels, the music's mode and the
personality all read. Pure; unknown words have no place on the scale.

The words are the ones the readers produce: Daylio's five (rad, good, meh, bad, awful),
Journey's 1..5 (awful .. great), and the free words people type into front matter.
"""

from __future__ import annotations

from collections.abc import Iterable

BEST, LOWEST = 2, -2

VALENCE: dict[str, int] = {
    **dict.fromkeys(("rad", "great", "amazing", "awesome", "excellent", "fantastic", "ecstatic", "joyful"), 2),
    **dict.fromkeys(("happy", "excited", "wonderful", "loved", "proud", "blessed"), 2),
    **dict.fromkeys(("good", "content", "calm", "relaxed", "grateful", "energetic", "productive", "hopeful"), 1),
    **dict.fromkeys(("peaceful", "cheerful", "fine", "motivated", "inspired", "pleasant"), 1),
    **dict.fromkeys(("okay", "ok", "meh", "neutral", "normal", "average", "so-so", "mixed"), 0),
    **dict.fromkeys(("tired", "anxious", "stressed", "bored", "bad", "frustrated", "annoyed"), -1),
    **dict.fromkeys(("worried", "sick", "lonely", "exhausted", "nervous", "irritated", "down"), -1),
    **dict.fromkeys(("awful", "sad", "terrible", "depressed", "angry", "miserable", "horrible", "grief"), -2),
    **dict.fromkeys(("low", "heartbroken", "hopeless", "furious", "devastated", "rough"), -2),
}


def valence(mood: str) -> int | None:
    """-2 (the lowest) .. 2 (the best), or None for a word not on the scale."""
    return VALENCE.get(mood.strip().lower())


def ranked(moods: Iterable[str]) -> list[str]:
    """Moods from the best to the lowest; words not on the scale sit at the middle, by name."""

    def place(mood: str) -> tuple[int, bool, str]:
        v = valence(mood)
        return -(v if v is not None else 0), v is None, mood

    return sorted(set(moods), key=place)


def lean(moods: Iterable[tuple[str, int]]) -> float | None:
    """The year's average valence (-2 .. 2) over moods on the scale, or None when none are."""
    total = count = 0
    for mood, n in moods:
        v = valence(mood)
        if v is not None:
            total += v * n
            count += n
    return total / count if count else None
