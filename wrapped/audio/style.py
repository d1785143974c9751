"""What the year sets in its music beyond the tempo: key and mode, the instruments, the groove and
the hook. A pure function of the year's facts, so the same journal always gets the same band.

- mode: major when the moods lean good, minor when they lean low, dorian without a lean.
- groove: a night writer's year sits back (half-time, swung); a morning writer's drives (four on
  the floor); otherwise the fuller the year, the busier the beat (four > backbeat > broken).
- lead voice (the tune, 1-4 kHz): bell when moods lean good, whistle when they lean low, square
  or pluck (by the year) without a lean.
- keys (the arpeggio): organ for long entries, marimba for one-liners, plucked otherwise.
- bass: pulsing eighths under four on the floor, long notes under half-time, syncopated otherwise;
  brighter the more the year was written.
- swing: weekend writers' years shuffle.
- hook: a one-bar motif (rhythm and contour) drawn from the year's seed; it returns changed.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Literal

import numpy as np

from wrapped.moods import lean
from wrapped.stats import YearStats

Mode = Literal["major", "minor", "dorian"]
Groove = Literal["four", "backbeat", "halftime", "broken"]
LEAN = 0.25  # how far the average mood must lean (on -2..2) to choose major or minor
NIGHT_HOURS = (21, 22, 23, 0, 1, 2, 3)
MORNING_HOURS = (5, 6, 7, 8, 9)


@dataclass(frozen=True)
class Note:
    at: float  # in beats from the bar's start
    step: int  # scale steps above the chord's root
    length: float  # in beats


@dataclass(frozen=True)
class Style:
    mode: Mode
    root: int  # MIDI note of the tonic, in the pad's register
    groove: Groove
    lead: str  # a synth.voice kind
    keys: str  # a synth.voice kind
    bass: Literal["pulse", "long", "syncopated"]
    bright: float  # 0..1: how bright the bass and how busy the hats
    swing: float  # 0 (straight) .. 0.33 (full shuffle) of an eighth
    hook: tuple[Note, ...]
    seed: int


def mode_of(moods: tuple[tuple[str, int], ...]) -> Mode:
    leaning = lean(moods)
    if leaning is None or abs(leaning) < LEAN:
        return "dorian"
    return "major" if leaning > 0 else "minor"


def _share(hours: tuple[int, ...], stats: YearStats) -> float:
    if not stats.per_hour or stats.entries_with_time < 5:
        return 0.0
    return sum(stats.per_hour[h] for h in hours) / stats.entries_with_time


def style_of(stats: YearStats) -> Style:
    seed = zlib.crc32(f"{stats.year}:{stats.entries}:{stats.words}:{stats.days_written}".encode())
    mode = mode_of(stats.moods)
    fullness = stats.days_written / stats.days_in_year if stats.days_in_year else 0.0
    night, morning = _share(NIGHT_HOURS, stats), _share(MORNING_HOURS, stats)
    groove: Groove
    if night >= 0.35 and night >= morning:
        groove = "halftime"
    elif morning >= 0.35:
        groove = "four"
    else:
        groove = "four" if fullness >= 0.6 else "backbeat" if fullness >= 0.25 else ("broken", "backbeat")[seed % 2]
    leaning = lean(stats.moods)
    if leaning is not None and leaning >= LEAN:
        lead = "bell"
    elif leaning is not None and leaning <= -LEAN:
        lead = "whistle"
    else:
        lead = ("square", "pluck", "whistle")[seed % 3]
    if stats.average_words >= 250:
        keys = "organ"
    elif stats.average_words <= 60:
        keys = "marimba"
    else:
        keys = ("pluck", "marimba", "organ")[seed // 3 % 3]
    if keys == lead:
        keys = "marimba"
    bass: Literal["pulse", "long", "syncopated"] = (
        "pulse" if groove == "four" else "long" if groove == "halftime" else "syncopated"
    )
    weekend = (stats.per_weekday[5] + stats.per_weekday[6]) / stats.entries if stats.entries else 0.0
    swing = 0.25 if weekend >= 0.4 else 0.15 if groove == "halftime" else 0.0
    return Style(
        mode=mode,
        root=45 + (stats.year * 7) % 12,  # a walk round the circle of fifths, year by year: A2 .. G#3
        groove=groove,
        lead=lead,
        keys=keys,
        bass=bass,
        bright=round(0.3 + 0.6 * fullness, 2),
        swing=swing,
        hook=hook(seed),
        seed=seed,
    )


def hook(seed: int) -> tuple[Note, ...]:
    """A one-bar motif: 4 or 5 notes on eighths, starting on a chord tone, moving mostly by step
    with one leap, ending held."""
    rng = np.random.default_rng(seed)
    count = int(rng.integers(4, 6))
    onsets = sorted(rng.choice(np.arange(1, 7), count - 1, replace=False).tolist())
    places = [0, *onsets]
    steps = [int(rng.choice([0, 2, 4]))]
    leap = int(rng.integers(1, count))
    for i in range(1, count):
        move = int(rng.choice([3, 4, -3])) if i == leap else int(rng.choice([-1, 1, 1, 2, -2]))
        steps.append(max(-2, min(7, steps[-1] + move)))
    notes = []
    for i, (place, step) in enumerate(zip(places, steps, strict=True)):
        end = places[i + 1] if i + 1 < count else 8
        notes.append(Note(at=place / 2, step=step, length=max(0.5, (end - place) / 2)))
    return tuple(notes)
