"""The drums of one bar: the year's groove in the section's figure, fills into the next section,
the build's roll and riser, the climax's hit, and the gentle form's rim and shaker.

Positions are in beats from the bar's start; off-beat eighths are swung by the style's swing.
Every hit's velocity varies a little (seeded by the year and the bar), as a drummer's would.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from wrapped.audio import synth
from wrapped.audio.arrangement import Section
from wrapped.audio.loudness import RATE
from wrapped.audio.mix import Mix
from wrapped.audio.style import Groove, Style

# (kick, snare) positions for each groove, in three figures
PATTERNS: dict[Groove, tuple[tuple[tuple[float, ...], tuple[float, ...]], ...]] = {
    "four": (((0, 1, 2, 3), (1, 3)), ((0, 1, 2, 3, 3.5), (1, 3)), ((0, 1, 2, 2.5, 3), (1, 3, 3.75))),
    "backbeat": (((0, 1.5, 2), (1, 3)), ((0, 2, 2.5), (1, 3)), ((0, 0.75, 2, 3.5), (1, 3, 3.25))),
    "halftime": (((0, 2.5), (2,)), ((0, 1.75, 2.5), (2,)), ((0, 0.75, 3.5), (2, 3.75))),
    "broken": (((0, 1.75, 2.5), (1, 3)), ((0, 0.75, 2.25), (1, 2.75)), ((0, 1.5, 3.25), (1.25, 3))),
}

# the gentle form's (kicks on even bars, kicks on odd bars, rims), in three figures
GENTLE: tuple[tuple[tuple[float, ...], ...], ...] = (
    ((0,), (0, 2.5), (1, 3)),
    ((0, 1.5), (0,), (1.5, 3, 3.5)),
    ((0, 2), (0, 2, 3.5), ()),
)


def play(
    mix: Mix, section: Section, index: int, at: Callable[[float], int], style: Style, gain: float, bar: int
) -> None:
    """The drums of bar `index` of `section`; `at` turns beats into samples, `gain` is the section's level."""
    rng = np.random.default_rng((style.seed, bar, 7))
    last = index == section.bars - 1
    stop = 4 - section.drop if last else 4.0  # nothing starts in a drop-out

    def hit(beats: float, sound: np.ndarray, level: float, pan: float = 0.0, wet: float = 0.0) -> None:
        if beats < stop:
            swung = beats + (style.swing / 2 if (beats * 2) % 2 == 1 else 0.0)
            velocity = float(np.clip(1 + 0.12 * rng.standard_normal(), 0.75, 1.2))
            mix.add(at(swung), sound, level * gain * velocity, pan, wet)

    layers = section.layers
    if section.role == "build":
        _build(section, index, last, hit, mix, at, gain)
        return
    if section.role in ("climax", "reveal", "end") and index == 0:
        hit(0, synth.kick(), 0.7)
        hit(0, synth.crash(), 0.35 if section.role != "end" else 0.25, -0.2, 0.5)
        if section.role == "climax":
            mix.add(at(0), synth.boom(), 0.6 * gain)
    if section.role == "intro":
        if last:  # the count-in: hats growing over the intro's last two beats
            for step in range(4 if section.gentle else 8):
                hit(2 + step / (2 if section.gentle else 4), synth.hat(step % 4), 0.04 + 0.015 * step, 0.3)
        return
    if section.role == "end":
        return
    kicks, snares = PATTERNS[style.groove][section.figure % 3]
    if section.role == "reveal":
        kicks, snares = PATTERNS["halftime"][0]
    if section.gentle:
        kicks, snares = GENTLE[section.figure % 3][index % 2], ()
        for b in GENTLE[section.figure % 3][2]:
            hit(b, synth.rim(), 0.22, 0.15, 0.3)
    if "kick" in layers or section.gentle:
        for b in kicks:
            hit(b, synth.kick(0.6 if section.gentle else 1.0), 0.35 if section.gentle else 0.55)
        if section.role == "climax":
            for b in (1, 2, 3):
                hit(b, synth.kick(), 0.5)
    if "snare" in layers:
        for b in snares:
            hit(b, synth.snare(), 0.38, 0.05, 0.25)
            hit(b, synth.clap(), 0.2, -0.1, 0.3)
    if "hats" in layers:
        sixteenths = section.role == "climax" or (section.figure == 1 and style.bright > 0.5)
        count = 16 if sixteenths else 8
        for step in range(count):
            offbeat = (step % 2 == 1) if count == 8 else (step % 4 == 2)
            hit(step * 4 / count, synth.hat(int(rng.integers(4))), 0.55 if offbeat else 0.28, 0.3)
        if section.figure == 2 or section.role == "climax":
            for b in (0.5, 1.5, 2.5, 3.5):
                hit(b, synth.hat(1, open_=True), 0.2, -0.3)
    if "perc" in layers:
        count = 16 if section.figure == 1 else 8
        for step in range(count):
            level = (0.9 if step % 2 else 0.55) * (0.7 if count == 16 else 1.0)
            hit(step * 4 / count + 0.25 * (section.figure == 2), synth.shaker(), level, -0.4)
    if last and section.fill and section.drop == 0:
        _fill(section, hit)


def _fill(section: Section, hit: Callable[..., None]) -> None:
    """A fill on the last beat (or two) into the next section: toms down, or a snare run up."""
    if section.gentle:
        for i, b in enumerate((3, 3.5, 3.75)):
            hit(b, synth.rim(), 0.15 + 0.05 * i, 0.2)
        return
    if section.figure % 2 == 0:
        for i, b in enumerate((3, 3.25, 3.5, 3.75)):
            hit(b, synth.tom(2 - i // 2), 0.45, 0.3 - 0.2 * i)
    else:
        for i, b in enumerate((2.5, 3, 3.25, 3.5, 3.75)):
            hit(b, synth.snare(), 0.15 + 0.07 * i, 0.0, 0.2)


def _build(
    section: Section,
    index: int,
    last: bool,
    hit: Callable[..., None],
    mix: Mix,
    at: Callable[[float], int],
    gain: float,
) -> None:
    """The build: kicks on every beat, a snare roll growing from eighths to sixteenths, a riser,
    then one beat of silence with a reversed cymbal drawing breath before the climax's downbeat."""
    roll = 16 if last else 8
    for b in (0, 1, 2, 3):
        hit(b, synth.kick(), 0.55)
    for step in range(roll):
        beats = step * 4 / roll
        hit(beats, synth.snare(), 0.1 + 0.3 * (index * 4 + beats) / (4 * section.bars), 0.0, 0.2)
    for step in range(8):
        hit(step / 2, synth.hat(step % 4), 0.05 + 0.01 * step, 0.3)
    if last:
        mix.add(at(0), synth.riser((at(4 - section.drop) - at(0)) / RATE), 0.35 * gain, wet=0.3)
