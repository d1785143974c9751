"""Instruments made with numpy: each note is drawn once as an array and added where it plays.

Every sound is a pure function of its pitch and length (noise comes from a seeded generator),
so the same score always gives the same samples.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from wrapped.audio.loudness import RATE

TABLE = 4096


def hz(midi: float) -> float:
    return float(440.0 * 2 ** ((midi - 69) / 12))


@lru_cache(maxsize=1)
def _soft_saw() -> np.ndarray:
    """One cycle of a saw with its upper harmonics rolled off: warm rather than buzzy."""
    phase = np.arange(TABLE) / TABLE
    wave = sum(np.sin(2 * np.pi * k * phase) / k**1.6 for k in range(1, 14))
    return (wave / np.abs(wave).max()).astype(np.float32)


def _oscillator(freq: float, n: int, start_phase: float = 0.0) -> np.ndarray:
    index = ((start_phase + freq * np.arange(n, dtype=np.float64) / RATE) % 1.0 * TABLE).astype(np.int32)
    return _soft_saw()[index]


def _envelope(n: int, attack: float, release: float) -> np.ndarray:
    env = np.ones(n, np.float32)
    a, r = min(n, int(attack * RATE)), min(n, int(release * RATE))
    if a:
        env[:a] = np.linspace(0, 1, a, dtype=np.float32) ** 2
    if r:
        env[n - r :] *= np.linspace(1, 0, r, dtype=np.float32) ** 2
    return env


@lru_cache(maxsize=64)
def pad(notes: tuple[int, ...], n: int) -> np.ndarray:
    """A soft chord `n` samples long (slow swell, long release), stereo: detuned voices spread wide."""
    out = np.zeros((n, 2), np.float32)
    for note in notes:
        out += _pad_voice(note, n)
    return out * _envelope(n, 0.35, 0.9)[:, None] * (0.5 / len(notes))


@lru_cache(maxsize=64)
def _pad_voice(note: int, n: int) -> np.ndarray:
    """One note of the pad, drawn once however many chords share it: detuned left and right."""
    f = hz(note)
    start = (note * 0.13) % 1.0
    return np.stack(
        [_oscillator(f * 2 ** (-7 / 1200), n, start), _oscillator(f * 2 ** (7 / 1200), n, start + 0.5)], axis=1
    )


@lru_cache(maxsize=128)
def pluck(note: int, seconds: float = 0.9) -> np.ndarray:
    """A plucked note: bright at the start, the upper harmonics dying first."""
    n = int(seconds * RATE)
    t = np.arange(n, dtype=np.float32) / RATE
    f = hz(note)
    wave = np.zeros(n, np.float32)
    for k in range(1, 9):
        if k * f > RATE / 2.5:
            break
        wave += np.sin(2 * np.pi * k * f * t) * np.exp(-t * (3.0 + 2.2 * k)) / k
    return (wave * _envelope(n, 0.004, 0.05)).astype(np.float32)


@lru_cache(maxsize=128)
def bass(note: int, seconds: float, bright: float = 0.5) -> np.ndarray:
    """A bass note whose harmonics (up to ~1.5 kHz) carry it on a speaker with no low end:
    `bright` 0 is round (sine-like), 1 a growling saw; the harmonics close down as it sounds."""
    n = int(seconds * RATE)
    t = np.arange(n, dtype=np.float32) / RATE
    f = hz(note)
    wave = np.zeros(n, np.float32)
    for k in range(1, 17):
        if k * f > 1800:
            break
        level = (0.55 + 0.45 * bright) ** (k - 1) / k**0.4
        wave += level * np.sin(2 * np.pi * k * f * t) * np.exp(-t * (1.0 + 1.2 * k * (1.2 - bright)))
    wave /= max(1e-6, float(np.abs(wave[: int(0.05 * RATE)]).max(initial=1e-6)))
    return (wave * _envelope(n, 0.006, min(0.08, seconds / 3)) * np.exp(-t * 1.2)).astype(np.float32)


# each voice's gain, so that they are equally loud (BS.1770) playing the same notes
VOICE_LEVEL = {"bell": 0.8, "square": 0.7, "organ": 1.0, "marimba": 1.95, "whistle": 1.0, "pluck": 1.0}


@lru_cache(maxsize=256)
def voice(kind: str, note: int, seconds: float) -> np.ndarray:
    """A melodic note in one of the lead's or the keys' voices:
    bell (FM, glassy), square (hollow, reedy), organ (steady, round), marimba (wooden, short),
    whistle (pure, breathy vibrato), pluck (bright, the harmonics dying first)."""
    if kind == "pluck":
        return pluck(note, seconds)
    return _voice(kind, note, seconds) * np.float32(VOICE_LEVEL[kind])


def _voice(kind: str, note: int, seconds: float) -> np.ndarray:
    n = int(seconds * RATE)
    t = np.arange(n, dtype=np.float32) / RATE
    f = hz(note)
    if kind == "bell":
        index = 2.2 * np.exp(-t * 6)
        wave = np.sin(2 * np.pi * f * t + index * np.sin(2 * np.pi * 3.5 * f * t)) * np.exp(-t * 3.0)
        env = _envelope(n, 0.002, 0.04)
    elif kind == "square":
        vib = 1 + 0.004 * np.sin(2 * np.pi * 5.5 * t) * np.minimum(1, t * 3)
        phase = 2 * np.pi * f * np.cumsum(vib) / RATE
        wave = sum(np.sin(k * phase) / k for k in (1, 3, 5, 7, 9) if k * f < RATE / 3) * np.exp(-t * 0.8)
        env = _envelope(n, 0.012, 0.06)
    elif kind == "organ":
        wave = np.sin(2 * np.pi * f * t) + 0.5 * np.sin(4 * np.pi * f * t) + 0.3 * np.sin(6 * np.pi * f * t)
        env = _envelope(n, 0.02, 0.08)
    elif kind == "marimba":
        wave = np.sin(2 * np.pi * f * t) * np.exp(-t * 9) + 0.4 * np.sin(2 * np.pi * 4 * f * t) * np.exp(-t * 30)
        env = _envelope(n, 0.001, 0.03)
    else:  # whistle
        vib = 1 + 0.006 * np.sin(2 * np.pi * 5 * t) * np.minimum(1, t * 2)
        phase = 2 * np.pi * f * np.cumsum(vib) / RATE
        breath = np.convolve(_noise(n, 7), np.ones(4) / 4, mode="same") * 0.04
        wave = np.sin(phase) + 0.15 * np.sin(2 * phase) + breath
        env = _envelope(n, 0.03, 0.1)
    return (wave * env / max(1e-6, float(np.abs(wave).max()))).astype(np.float32)


@lru_cache(maxsize=2)
def kick(punch: float = 1.0) -> np.ndarray:
    """A kick: a falling sine for the chest, a knock near 200 Hz and a beater click up to 5 kHz
    for the speakers that have no chest."""
    n = int(0.45 * RATE)
    t = np.arange(n) / RATE
    sweep = 52 + 110 * np.exp(-t * 30)  # 162 Hz falling to 52 Hz
    body = np.sin(2 * np.pi * np.cumsum(sweep) / RATE) * np.exp(-t * 9)
    knock = 0.35 * np.sin(2 * np.pi * 210 * t) * np.exp(-t * 45)
    click = np.diff(_noise(n + 1, 8)) * np.exp(-t * 260) * 0.25 * punch
    return ((body + knock + click) * _envelope(n, 0.0005, 0.05)).astype(np.float32)


@lru_cache(maxsize=1)
def snare() -> np.ndarray:
    """A snare: a 190 Hz drum body under a bright rattle of noise."""
    n = int(0.28 * RATE)
    t = np.arange(n) / RATE
    body = np.sin(2 * np.pi * 190 * t) * np.exp(-t * 30) * 0.6
    rattle = np.diff(_noise(n + 1, 9)) * np.exp(-t * 18) * 0.45
    return ((body + rattle) * _envelope(n, 0.0005, 0.03)).astype(np.float32)


@lru_cache(maxsize=4)
def tom(pitch: int) -> np.ndarray:
    """A tom for fills: a pitched, falling thud (pitch 0 is the lowest of three)."""
    n = int(0.35 * RATE)
    t = np.arange(n) / RATE
    f = (110, 150, 200)[pitch % 3] * (1 + 0.4 * np.exp(-t * 25))
    thud = np.sin(2 * np.pi * np.cumsum(f) / RATE) * np.exp(-t * 10)
    skin = np.diff(_noise(n + 1, 20 + pitch)) * np.exp(-t * 60) * 0.15
    return ((thud + skin) * _envelope(n, 0.0005, 0.04)).astype(np.float32)


@lru_cache(maxsize=1)
def rim() -> np.ndarray:
    """A rimshot click, woody: for the gentle form's backbeat."""
    n = int(0.08 * RATE)
    t = np.arange(n) / RATE
    tone = np.sin(2 * np.pi * 820 * t) + 0.6 * np.sin(2 * np.pi * 1650 * t)
    return (tone * np.exp(-t * 70) * 0.5).astype(np.float32)


@lru_cache(maxsize=1)
def shaker() -> np.ndarray:
    n = int(0.09 * RATE)
    t = np.arange(n) / RATE
    noise = np.diff(np.diff(_noise(n + 2, 11)))
    return (noise * np.minimum(1, t / 0.015) * np.exp(-t * 50) * 0.2).astype(np.float32)


@lru_cache(maxsize=1)
def boom() -> np.ndarray:
    """The impact under a climax's first downbeat: a deep drop with a burst of bright noise."""
    n = int(1.2 * RATE)
    t = np.arange(n) / RATE
    sweep = 38 + 90 * np.exp(-t * 12)
    low = np.sin(2 * np.pi * np.cumsum(sweep) / RATE) * np.exp(-t * 3)
    burst = np.diff(_noise(n + 1, 12)) * np.exp(-t * 14) * 0.35
    return ((low + burst) * _envelope(n, 0.0005, 0.2)).astype(np.float32)


@lru_cache(maxsize=2)
def swell(seconds: float) -> np.ndarray:
    """A reversed cymbal: noise growing to a cut, the breath before a downbeat."""
    return np.ascontiguousarray(crash()[: int(seconds * RATE)][::-1] * 1.4)


def _noise(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(n).astype(np.float32)


@lru_cache(maxsize=1)
def clap() -> np.ndarray:
    """A soft clap: band-limited noise in three quick bursts and a short tail."""
    n = int(0.3 * RATE)
    t = np.arange(n) / RATE
    noise = _noise(n, 2)
    noise = np.diff(np.convolve(noise, np.ones(6) / 6, mode="same"), prepend=0)  # a rough band-pass
    bursts = sum(np.exp(-np.maximum(0, t - d) * 120) * (t >= d) for d in (0.0, 0.011, 0.022))
    tail = np.exp(-t * 22)
    return (noise * (0.6 * bursts + 0.5 * tail) * 3.0).astype(np.float32)


@lru_cache(maxsize=8)
def hat(variant: int = 0, open_: bool = False) -> np.ndarray:
    """A hi-hat (closed, or open with a longer ring); variants are different noise, so that a
    run of hats is not one sample repeated."""
    n = int((0.3 if open_ else 0.07) * RATE)
    t = np.arange(n) / RATE
    noise = np.diff(_noise(n + 2, 3 + 100 * variant))  # first difference: the highs only...
    noise = (noise[1:] + noise[:-1]) / 2  # ...without the harshest top octave
    return (noise * np.exp(-t * (12 if open_ else 70)) * 0.5).astype(np.float32)


@lru_cache(maxsize=4)
def riser(seconds: float) -> np.ndarray:
    """Noise swelling over `seconds`, growing brighter: the lift into a big moment."""
    n = int(seconds * RATE)
    ramp = np.linspace(0, 1, n, dtype=np.float32)
    noise = _noise(n + 1, 4)
    bright = np.diff(noise)
    dark = np.convolve(noise[:n], np.ones(16) / 16, mode="same") * 3
    return ((dark * (1 - ramp) + bright * ramp) * ramp**2 * 0.25).astype(np.float32)


@lru_cache(maxsize=1)
def room() -> np.ndarray:
    """A small hall's impulse response (1.6 s, stereo, darker as it decays), normalised."""
    n = int(1.6 * RATE)
    t = np.arange(n) / RATE
    out = np.zeros((n, 2), np.float32)
    for side in (0, 1):
        noise = _noise(n, 10 + side) * np.exp(-t * 4.2)
        out[:, side] = np.convolve(noise, np.ones(8) / 8, mode="same")
    out[: int(0.018 * RATE)] = 0  # pre-delay
    return out / np.sqrt((out**2).sum(axis=0).mean())


@lru_cache(maxsize=1)
def crash() -> np.ndarray:
    n = int(1.4 * RATE)
    t = np.arange(n) / RATE
    noise = np.diff(_noise(n + 2, 5))
    noise = (noise[1:] + noise[:-1]) / 2
    return (noise * np.exp(-t * 3.2) * 0.22).astype(np.float32)
