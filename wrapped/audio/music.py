"""The soundtrack composed from the year: a score read off the timeline, then synthesised.

The timeline's grid is the score's grid: every cue starts on a downbeat, and each cue sets the
part the music plays (an intro under the first, a build into the climax, the peak on it, a
resolve on the last). The key comes from the year, the mode from its moods: major
when they lean good, minor when they lean low, dorian (neither) otherwise. Pure: the same
storyboard gives the same samples; `check` is called between bars so a caller can stop it.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from wrapped.audio import synth
from wrapped.audio.loudness import RATE
from wrapped.moods import lean
from wrapped.stats import YearStats
from wrapped.timeline import BEATS_PER_BAR, Timeline, bar_seconds

Part = Literal["intro", "groove", "build", "peak", "resolve"]
Mode = Literal["major", "minor", "dorian"]

SCALES: dict[str, tuple[int, ...]] = {
    "major": (0, 2, 4, 5, 7, 9, 11),
    "minor": (0, 2, 3, 5, 7, 8, 10),
    "dorian": (0, 2, 3, 5, 7, 9, 10),
}
# four chords a phrase, as scale degrees: I-V-vi-IV, i-VI-III-VII, i-IV-VII-v
PROGRESSIONS: dict[str, tuple[int, ...]] = {"major": (0, 4, 5, 3), "minor": (0, 5, 2, 6), "dorian": (0, 3, 6, 4)}
ARPEGGIOS = ((0, 1, 2, 3, 2, 1, 2, 3), (0, 2, 1, 3, 0, 2, 1, 3), (0, 1, 2, 1, 3, 2, 1, 2))
LEAN = 0.25  # how far the average mood must lean (on -2..2) to choose major or minor
FADE_OUT = 2.0


@dataclass(frozen=True)
class Section:
    first_bar: int
    bars: int
    part: Part


@dataclass(frozen=True)
class Score:
    bpm: int
    samples: int  # the video's length exactly, in samples
    sections: tuple[Section, ...]
    root: int  # MIDI note of the tonic, in the pad's register
    mode: Mode
    seed: int

    @property
    def bar_samples(self) -> float:
        return bar_seconds(self.bpm) * RATE

    def bar_start(self, bar: float) -> int:
        return round(bar * self.bar_samples)


def mode_of(moods: tuple[tuple[str, int], ...]) -> Mode:
    leaning = lean(moods)
    if leaning is None or abs(leaning) < LEAN:
        return "dorian"
    return "major" if leaning > 0 else "minor"


def score_for(timeline: Timeline, stats: YearStats) -> Score:
    """The score of a timeline: one section per cue, the part set by where the cue stands."""
    sections = []
    last = len(timeline.cues) - 1
    for i, cue in enumerate(timeline.cues):
        part: Part = "groove"
        if i == 0:
            part = "intro"
        elif i == timeline.climax:
            part = "peak"
        elif timeline.climax is not None and i + 1 == timeline.climax:
            part = "build"
        elif i == last:
            part = "resolve"
        sections.append(Section(cue.bar, cue.bars, part))
    return Score(
        bpm=timeline.bpm,
        samples=timeline.samples(RATE),
        sections=tuple(sections),
        root=45 + (stats.year * 7) % 12,  # a walk round the circle of fifths, year by year: A2 .. G#3
        mode=mode_of(stats.moods),
        seed=zlib.crc32(f"{stats.year}:{stats.entries}:{stats.words}".encode()),
    )


def chord(score: Score, degree: int) -> tuple[int, ...]:
    """The chord on a scale degree: root, third, fifth and the octave, as MIDI notes."""
    scale = SCALES[score.mode]

    def note(step: int) -> int:
        octave, index = divmod(step, 7)
        return score.root + 12 * octave + scale[index]

    return note(degree), note(degree + 2), note(degree + 4), note(degree + 7)


class _Mix:
    """The bus the instruments play into: a dry stereo buffer and a reverb send, channels first."""

    def __init__(self, samples: int):
        self.tail = int(2 * RATE)
        self.dry = np.zeros((2, samples + self.tail), np.float32)
        self.send = np.zeros((2, samples + self.tail), np.float32)

    def add(self, at: int, sound: np.ndarray, gain: float, pan: float = 0.0, wet: float = 0.0) -> None:
        """Mix `sound` (mono, or stereo as (n, 2)) in at sample `at`; pan -1 (left) .. 1 (right)."""
        end = min(self.dry.shape[1], at + sound.shape[0])
        if end <= at:
            return
        part = sound[: end - at]
        sides = (np.sqrt((1 - pan) / 2), np.sqrt((1 + pan) / 2)) if part.ndim == 1 else (1.0, 1.0)
        for side, level in enumerate(sides):
            channel = part if part.ndim == 1 else part[:, side]
            self.dry[side, at:end] += channel * np.float32(gain * level)
            if wet:
                self.send[side, at:end] += channel * np.float32(gain * level * wet)


def compose(score: Score, check: Callable[[], None] = lambda: None) -> np.ndarray:
    """The score as (samples, 2) float32 at 48 kHz: not yet at its final loudness."""
    mix = _Mix(score.samples)
    beat = score.bar_samples / BEATS_PER_BAR
    arpeggio = ARPEGGIOS[score.seed % len(ARPEGGIOS)]
    progression = PROGRESSIONS[score.mode]
    pad_length = int(np.ceil(score.bar_samples)) + int(0.9 * RATE)
    for section in score.sections:
        for index in range(section.bars):
            check()
            bar = section.first_bar + index
            start = score.bar_start(bar)
            last = index == section.bars - 1
            resolving = section.part == "resolve"
            degree = 0 if resolving else progression[bar % len(progression)]
            notes = chord(score, degree)
            _play_bar(mix, score, section.part, index, last, start, beat, notes, arpeggio, pad_length)
    check()
    dry = mix.dry + _reverb(mix.send)
    out = np.tanh(dry[:, : score.samples].T * 0.9)  # a gentle saturation rounds the loudest hits
    return _fades(out, score.samples)


def _play_bar(
    mix: _Mix,
    score: Score,
    part: Part,
    index: int,
    last: bool,
    start: int,
    beat: float,
    notes: tuple[int, ...],
    arpeggio: tuple[int, ...],
    pad_length: int,
) -> None:
    def at(beats: float) -> int:
        return start + round(beats * beat)

    pad_gain = {"intro": 0.9, "groove": 0.6, "build": 0.65, "peak": 0.7, "resolve": 0.85}[part]
    mix.add(start, synth.pad(notes, pad_length), pad_gain, wet=0.5)
    arp_notes = [n + 24 for n in notes]
    steps = {"intro": 4, "groove": 8, "build": 8, "peak": 16, "resolve": 4 if index == 0 else 2}[part]
    arp_gain = {"intro": 0.28, "groove": 0.32, "build": 0.3, "peak": 0.3, "resolve": 0.26}[part]
    for step in range(steps):
        note = arp_notes[arpeggio[(step * 8 // steps) % len(arpeggio)]]
        if part == "peak" and step % 2:
            note = arp_notes[arpeggio[(step + 3) % len(arpeggio)]] + 12
        gain = arp_gain * (0.8 + 0.4 * step / steps if part == "build" else 1.0) * (0.85 if step % 2 else 1.0)
        mix.add(at(step * 4 / steps), synth.pluck(note), gain, pan=0.35 if step % 2 else -0.35, wet=0.6)
    bass_note = notes[0] - 12
    if part in ("groove", "build", "peak"):
        pulses = 8 if part == "peak" else 4
        for step in range(pulses):
            mix.add(at(step * 4 / pulses), synth.bass(bass_note, 0.9 * 4 / pulses * beat / RATE), 0.55)
    elif part == "resolve" and index == 0:
        mix.add(start, synth.bass(bass_note, 3.5 * beat / RATE), 0.55)
    _drums(mix, part, index, last, at)


def _drums(mix: _Mix, part: Part, index: int, last: bool, at: Callable[[float], int]) -> None:
    if part == "intro":
        if last:  # the count-in: hats on the last bar of the intro
            for step in range(8):
                mix.add(at(step / 2), synth.hat(), 0.05 + 0.01 * step, pan=0.3)
        return
    if part == "resolve":
        if index == 0:
            mix.add(at(0), synth.kick(), 0.8)
            mix.add(at(0), synth.crash(), 0.25, pan=-0.2, wet=0.5)
        return
    kicks = (0, 1, 2, 3) if part in ("build", "peak") else (0, 2, 2.5)
    for b in kicks:
        mix.add(at(b), synth.kick(), 0.85)
    for b in (1, 3):
        mix.add(at(b), synth.clap(), 0.35, wet=0.3)
    hats = 16 if part == "peak" or (part == "build" and last) else 8
    for step in range(hats):
        off = step % 2 if hats == 8 else step % 4 == 2
        mix.add(at(step * 4 / hats), synth.hat(), 0.11 if off else 0.05, pan=0.3)
    if part == "peak" and index == 0:
        mix.add(at(0), synth.crash(), 0.3, pan=-0.2, wet=0.5)
    if part == "build" and last:
        for step in range(16):  # a roll into the peak
            mix.add(at(step / 4), synth.clap(), 0.08 + 0.3 * step / 16)
        mix.add(at(0), synth.riser((at(BEATS_PER_BAR) - at(0)) / RATE), 0.4, wet=0.3)


def _reverb(send: np.ndarray) -> np.ndarray:
    """The send through the room, convolved at an eighth of the rate (a room's tail is dark)."""
    step = 8
    n = send.shape[1] - send.shape[1] % step
    low = send[:, :n].reshape(2, -1, step).mean(axis=2)
    ir = np.ascontiguousarray(synth.room()[::step].T)
    size = 1 << (low.shape[1] + ir.shape[1] - 1).bit_length()
    wet = np.fft.irfft(np.fft.rfft(low, size) * np.fft.rfft(ir, size), size)[:, : low.shape[1]]
    out = np.zeros_like(send)
    grid = np.arange(n) / step - (step - 1) / (2 * step)
    for side in (0, 1):
        out[side, :n] = np.interp(grid, np.arange(low.shape[1]), wet[side]) * 0.09
    return out


def _fades(out: np.ndarray, samples: int) -> np.ndarray:
    fade_in = min(samples, int(0.05 * RATE))
    out[:fade_in] *= np.linspace(0, 1, fade_in)[:, None]
    fade_out = min(samples, int(FADE_OUT * RATE))
    out[samples - fade_out :] *= (np.linspace(1, 0, fade_out) ** 2)[:, None]
    return out.astype(np.float32)
