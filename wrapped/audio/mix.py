"""The bus the instruments play into: a dry stereo buffer and a reverb send, then the room, a
gentle saturation and the fades. Notes are added where they play; a drop-out silences a stretch."""

from __future__ import annotations

import numpy as np

from wrapped.audio import synth
from wrapped.audio.loudness import RATE

FADE_OUT = 2.0
DRIVE = 1.5  # the highest peak's drive into the saturation


class Mix:
    def __init__(self, samples: int):
        self.samples = samples
        self.tail = int(2 * RATE)
        self.dry = np.zeros((2, samples + self.tail), np.float32)
        self.send = np.zeros((2, samples + self.tail), np.float32)

    def add(self, at: int, sound: np.ndarray, gain: float, pan: float = 0.0, wet: float = 0.0) -> None:
        """Mix `sound` (mono, or stereo as (n, 2)) in at sample `at`; pan -1 (left) .. 1 (right)."""
        at = max(0, at)
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

    def silence(self, start: int, end: int) -> None:
        """A drop-out: what sounds from `start` fades out over 15 ms and stays silent until `end` (the room
        keeps ringing with what came before)."""
        fade = min(int(0.015 * RATE), max(0, end - start))
        ramp = np.linspace(1, 0, fade, dtype=np.float32)
        for bus in (self.dry, self.send):
            bus[:, start : start + fade] *= ramp
            bus[:, start + fade : end] = 0

    def render(self) -> np.ndarray:
        """The mix as (samples, 2) float32: dry plus room, softly saturated, faded in and out."""
        dry = (self.dry + _reverb(self.send))[:, : self.samples]
        peak = float(np.abs(dry).max(initial=0.0))
        # a soft saturation rounds the loudest hits (the highest peak comes out 4 dB lower), so that
        # the master needs next to no limiting: a limiter's fast gain changes are what an AAC
        # encoder turns back into peaks over the ceiling
        out = np.tanh(dry.T * np.float32(DRIVE / peak)) if peak > 0 else dry.T
        return _fades(out, self.samples)


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
