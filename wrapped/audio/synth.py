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


@lru_cache(maxsize=64)
def bass(note: int, seconds: float) -> np.ndarray:
    n = int(seconds * RATE)
    t = np.arange(n, dtype=np.float32) / RATE
    f = hz(note)
    wave = np.sin(2 * np.pi * f * t) + 0.25 * np.sin(4 * np.pi * f * t) + 0.08 * np.sin(6 * np.pi * f * t)
    return (wave * _envelope(n, 0.01, min(0.12, seconds / 3)) * np.exp(-t * 1.5)).astype(np.float32)


@lru_cache(maxsize=1)
def kick() -> np.ndarray:
    n = int(0.45 * RATE)
    t = np.arange(n) / RATE
    sweep = 45 + 85 * np.exp(-t * 28)  # 130 Hz falling to 45 Hz
    body = np.sin(2 * np.pi * np.cumsum(sweep) / RATE) * np.exp(-t * 7)
    click = np.exp(-t * 400) * 0.3
    return ((body + click) * _envelope(n, 0.001, 0.05)).astype(np.float32)


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


@lru_cache(maxsize=1)
def hat() -> np.ndarray:
    n = int(0.07 * RATE)
    t = np.arange(n) / RATE
    noise = np.diff(_noise(n + 2, 3))  # first difference: the highs only...
    noise = (noise[1:] + noise[:-1]) / 2  # ...without the harshest top octave
    return (noise * np.exp(-t * 70) * 0.5).astype(np.float32)


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
