"""The soundtrack composed from the year: a score read off the timeline, then synthesised.

The timeline's grid is the score's grid: every cue starts on a downbeat. The arrangement
(`wrapped.audio.arrangement`) cuts it into sections that each change something; the style
(`wrapped.audio.style`) is what the year sets: key, mode, instruments, groove and hook. Here each
bar is played: pad, arpeggio (keys), the hook (lead) and its counter-line, bass, and the drums
(`wrapped.audio.drums`). Pure: the same timeline and year give the same samples; `check` is
called between bars so a caller can stop it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from wrapped.audio import drums, synth
from wrapped.audio.arrangement import Section, arrange
from wrapped.audio.loudness import RATE
from wrapped.audio.mix import FADE_OUT, Mix
from wrapped.audio.style import Mode, Note, Style, mode_of, style_of
from wrapped.stats import YearStats
from wrapped.timeline import BEATS_PER_BAR, Timeline, bar_seconds

__all__ = ["FADE_OUT", "Score", "compose", "mode_of", "score_for"]

SCALES: dict[str, tuple[int, ...]] = {
    "major": (0, 2, 4, 5, 7, 9, 11),
    "minor": (0, 2, 3, 5, 7, 8, 10),
    "dorian": (0, 2, 3, 5, 7, 9, 10),
}
# two four-chord phrases a mode, as scale degrees (I-V-vi-IV / vi-IV-I-V, i-VI-III-VII / i-iv-VI-v, ...)
PROGRESSIONS: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "major": ((0, 4, 5, 3), (5, 3, 0, 4)),
    "minor": ((0, 5, 2, 6), (0, 3, 5, 4)),
    "dorian": ((0, 3, 6, 4), (0, 6, 3, 4)),
}
ARPEGGIOS = (  # (beat, chord tone) for the keys, one bar
    tuple((i / 2, t) for i, t in enumerate((0, 1, 2, 3, 2, 1, 2, 3))),
    tuple((i / 4, t) for i, t in enumerate((0, 2, 1, 3, 2, 4, 3, 1, 0, 2, 1, 3, 2, 4, 3, 2))),
    ((0, 0), (0.75, 2), (1.5, 1), (2, 3), (2.75, 2), (3.5, 4)),
    ((0, 0), (1, 2), (1.5, 1), (2, 3), (3, 2), (3.25, 1), (3.5, 4)),
)
BassFigure = tuple[tuple[float, float, int], ...]  # (beat, length in beats, octave up)
LONG_BASS: tuple[BassFigure, ...] = (((0, 4, 0),), ((0, 2, 0), (2, 2, 1)), ((0, 1.5, 0), (1.5, 2.5, 0)))
SYNCOPATED_BASS: tuple[BassFigure, ...] = (
    ((0, 0.7, 0), (0.75, 0.7, 1), (1.5, 1, 0), (2.5, 0.5, 0), (3, 0.9, 1)),
    ((0, 1.4, 0), (1.5, 0.5, 1), (2.25, 0.7, 0), (3.5, 0.5, 1)),
    ((0, 0.5, 0), (0.5, 0.5, 0), (1.75, 1, 1), (3, 1, 0)),
)
LEAD, KEYS, PAD = 36, 24, 12  # semitones over the root: the lead sits at 880-1700 Hz


@dataclass(frozen=True)
class Score:
    bpm: int
    samples: int  # the video's length exactly, in samples
    sections: tuple[Section, ...]
    style: Style

    @property
    def mode(self) -> Mode:
        return self.style.mode

    @property
    def bar_samples(self) -> float:
        return bar_seconds(self.bpm) * RATE

    def bar_start(self, bar: float) -> int:
        return round(bar * self.bar_samples)


def score_for(timeline: Timeline, stats: YearStats) -> Score:
    style = style_of(stats)
    return Score(timeline.bpm, timeline.samples(RATE), arrange(timeline, style), style)


def note(style: Style, step: int) -> int:
    """The MIDI note `step` scale steps above the tonic (in the pad's register)."""
    octave, index = divmod(step, 7)
    return style.root + 12 * octave + SCALES[style.mode][index]


def chord(style: Style, degree: int) -> tuple[int, ...]:
    """The chord on a scale degree: root, third, fifth, seventh and octave, as MIDI notes; vi and
    vii sit under the tonic, so that the harmony stays within an octave of it."""
    return tuple(note(style, low(degree) + s) for s in (0, 2, 4, 6, 7))


def low(degree: int) -> int:
    return degree - 7 if degree >= 5 else degree


def fold(pitch: int, low: int) -> int:
    """`pitch` moved by octaves into low .. low + 23: a line keeps its register whatever the chord."""
    return low + (pitch - low) % 24


def degree_of(section: Section, index: int, style: Style) -> int:
    if section.role == "end":
        return 0
    if section.role == "build" and index == section.bars - 1:
        return 4  # the dominant, pulling towards the climax
    first, second = PROGRESSIONS[style.mode]
    phrase = first if (index // 4 + section.variant + (section.role == "reveal")) % 2 == 0 else second
    return phrase[index % 4]


def compose(score: Score, check: Callable[[], None] = lambda: None) -> np.ndarray:
    """The score as (samples, 2) float32 at 48 kHz: not yet at its final loudness."""
    mix = Mix(score.samples)
    beat = score.bar_samples / BEATS_PER_BAR
    for section in score.sections:
        gain = 10 ** (section.level / 20)
        for index in range(section.bars):
            check()
            bar = section.first_bar + index
            start = score.bar_start(bar)

            def at(beats: float, start: int = start) -> int:
                return start + round(beats * beat)

            degree = degree_of(section, index, score.style)
            _bar(mix, score.style, section, index, degree, at, beat, gain)
            drums.play(mix, section, index, at, score.style, gain, bar)
            if index == section.bars - 1 and section.drop:
                mix.silence(at(4 - section.drop), at(4))
                if section.role == "build":
                    mix.add(at(4) - synth.swell(section.drop * beat / RATE).shape[0],
                            synth.swell(section.drop * beat / RATE), 0.3 * gain, wet=0.2)  # fmt: skip
    check()
    return mix.render()


def _bar(
    mix: Mix,
    style: Style,
    section: Section,
    index: int,
    degree: int,
    at: Callable[[float], int],
    beat: float,
    gain: float,
) -> None:
    notes = chord(style, degree)
    layers = section.layers
    seconds = beat / RATE  # one beat
    stop = 4 - section.drop if index == section.bars - 1 else 4.0
    if "pad" in layers:
        samples = int(np.ceil(4 * beat)) + int(0.6 * RATE) if section.role != "end" else int(8 * beat)
        swell = 0.32 if section.role != "intro" else 0.45
        mix.add(at(0), synth.pad(tuple(n + PAD for n in notes[:4]), samples), swell * gain, wet=0.5)
    if "keys" in layers:
        figure = ARPEGGIOS[(section.variant + (section.role == "intro")) % len(ARPEGGIOS)]
        octave = 12 if section.variant == 2 and section.role == "groove" else 0
        if section.role == "build":
            figure = ARPEGGIOS[1]
        span = (figure[1][0] - figure[0][0]) * (2 if style.keys == "organ" else 1)
        for i, (b, tone) in enumerate(figure):
            if b < stop:
                lift = 12 if section.role == "build" and index == section.bars - 1 and b >= 2 else 0
                pitch = fold(notes[tone % len(notes)] + KEYS, style.root + KEYS - 5 + octave) + lift
                level = (0.2 if section.role != "intro" else 0.16) * (0.8 if i % 2 else 1.0)
                mix.add(at(b), synth.voice(style.keys, pitch, round(span * seconds * 1.6, 3)), level * gain,
                        pan=-0.4 if i % 2 else 0.4, wet=0.45)  # fmt: skip
    if "lead" in layers:
        double = "double" in layers
        for n in lead_line(style, section, index):
            if n.at < stop:
                pitch = fold(note(style, low(degree) + n.step) + LEAD, style.root + LEAD - 7)
                length = round(min(n.length, stop - n.at) * seconds, 3)
                mix.add(at(n.at), synth.voice(style.lead, pitch, length), 0.2 * gain, pan=0.1, wet=0.4)
                if double:
                    mix.add(at(n.at), synth.voice(style.keys, pitch - 12, length), 0.12 * gain, pan=-0.2, wet=0.4)
    if "counter" in layers:
        voice = "organ" if style.lead != "organ" and style.keys != "organ" else "whistle"
        for b, tone in ((0, 1), (2, 2 if index % 2 else 3)):
            if b < stop:
                pitch = notes[tone] + KEYS
                mix.add(at(b), synth.voice(voice, pitch, round(min(2, stop - b) * seconds, 3)), 0.1 * gain,
                        pan=-0.5, wet=0.5)  # fmt: skip
    if "bass" in layers:
        for b, length, octave in bass_line(style, section, index):
            if b < stop:
                pitch = notes[0] - 12 + 12 * octave
                mix.add(
                    at(b),
                    synth.bass(pitch, round(min(length, stop - b) * seconds, 3), max(0.5, style.bright)),
                    (0.42 if length >= 1.5 else 0.32) * gain,  # long notes fade: a little more of them
                )


def lead_line(style: Style, section: Section, index: int) -> tuple[Note, ...]:
    """The hook as this bar plays it: a four-bar phrase of call, answer, call changed, cadence;
    the section's variant moves it up a third, turns it upside down or shifts it an eighth."""
    hook = style.hook
    if section.role == "end":  # the hook at half speed, coming home to the tonic
        slow = [Note(n.at * 2 - 4 * index, n.step, n.length * 2) for n in hook]
        line = [n for n in slow if 0 <= n.at < 4]
        return (*line, Note(2.0, 0, 2.0)) if index == section.bars - 1 else tuple(line)
    variant = 0 if section.role == "reveal" else (section.variant + index // 4) % 4
    phrase = index % 4
    if phrase == 2:
        variant = (variant + 1) % 4
    first = hook[0].step
    if variant == 1:
        hook = tuple(Note(n.at, n.step + 2, n.length) for n in hook)
    elif variant == 2:
        hook = tuple(Note(n.at, 2 * first - n.step, n.length) for n in hook)
    elif variant == 3:
        hook = tuple(Note(n.at + 0.5, n.step, n.length) for n in hook if n.at + 0.5 < 4)
    if phrase == 1:  # the answer: the call's rhythm, its notes in reverse
        hook = tuple(Note(n.at, m.step, n.length) for n, m in zip(hook, reversed(hook), strict=True))
    elif phrase == 3:  # the cadence: the call's opening, then home held
        hook = (*hook[:2], Note(2.0, 0, 2.0))
    return hook


def bass_line(style: Style, section: Section, index: int) -> list[tuple[float, float, int]]:
    """(beat, length in beats, octave up) of each bass note in the bar."""
    if section.role in ("intro", "end"):
        return [(0, 4, 0)] if section.role != "intro" else []
    if section.role in ("climax", "build"):
        return [(i / 2, 0.45, i % 2) for i in range(8)]
    figure = section.figure % 3
    if style.bass == "pulse" and not section.gentle:
        return [(i / 2, 0.45, i % 2 if figure == 1 else 0) for i in range(8)]
    if style.bass == "long" or section.gentle:
        return list(LONG_BASS[figure])
    return list(SYNCOPATED_BASS[figure])
