"""What a listener would notice, measured: how much of a track repeats itself, how much of it a
phone speaker loses, and how loud each stretch of it is. Used by the bench and the tests, not by
a render; pure numpy on (samples, channels) float arrays at 48 kHz.

- `copy_share`: the share of 2 s windows that have a near-exact copy 4 s or more away (log-band
  spectrogram, ~46 ms hops, 48 bands from 40 Hz to 10 kHz; each window's bands lose their mean;
  cosine similarity above 0.9 is a copy). A loop scores near 1, a track that moves on near 0.
- `phone_loss`: loudness lost (LU) through a 300 Hz, 24 dB-per-octave high-pass (two 2-pole
  Butterworth sections, as ffmpeg's `highpass=f=300:poles=2` twice): a small speaker's stand-in.
- `short_term`: BS.1770 short-term loudness (3 s windows) every 100 ms.
"""

from __future__ import annotations

import numpy as np

from wrapped.audio.loudness import RATE, _segment_energy, integrated_lufs
from wrapped.timeline import Timeline

HOP = 2208  # 46 ms
FRAME = 4096
BANDS = np.geomspace(40.0, 10_000.0, 49)  # 48 bands
WINDOW_S, AWAY_S, COPY = 2.0, 4.0, 0.9


def log_bands(samples: np.ndarray) -> np.ndarray:
    """(hops, 48) band levels in dB of the mono mix."""
    mono = samples.mean(axis=1) if samples.ndim == 2 else samples
    count = max(0, 1 + (mono.size - FRAME) // HOP)
    frames = np.lib.stride_tricks.as_strided(mono, (count, FRAME), (mono.strides[0] * HOP, mono.strides[0]))
    power = np.abs(np.fft.rfft(frames * np.hanning(FRAME).astype(np.float32), axis=1)) ** 2
    freqs = np.fft.rfftfreq(FRAME, 1 / RATE)
    edges = np.searchsorted(freqs, BANDS)
    bands = np.add.reduceat(power, edges[:-1], axis=1)[:, :48]
    return 10 * np.log10(bands + 1e-10)


def copy_share(samples: np.ndarray) -> float:
    """The share of 2 s windows whose best match 4 s or more away has a cosine similarity over 0.9."""
    levels = log_bands(samples)
    width, away = round(WINDOW_S * RATE / HOP), round(AWAY_S * RATE / HOP)
    count = levels.shape[0] - width + 1
    if count <= away:
        return 0.0
    windows = np.lib.stride_tricks.sliding_window_view(levels, width, axis=0)  # (count, 48, width)
    vectors = (windows - windows.mean(axis=2, keepdims=True)).reshape(count, -1)
    norms = np.linalg.norm(vectors, axis=1)
    vectors = vectors / np.maximum(norms, 1e-9)[:, None]
    similar = vectors @ vectors.T
    index = np.arange(count)
    similar[np.abs(index[:, None] - index[None, :]) < away] = -1.0
    return float((similar.max(axis=1) > COPY).mean())


def highpass(samples: np.ndarray, cutoff: float = 300.0) -> np.ndarray:
    """`samples` through a 24 dB/octave high-pass (two cascaded 2-pole Butterworths), zero-phase."""
    n = samples.shape[0]
    freqs = np.fft.rfftfreq(n, 1 / RATE)
    gain = 1 / (1 + (cutoff / np.maximum(freqs, 1e-9)) ** 4)  # |H| of two sections = |H|^2 of one
    spectrum = np.fft.rfft(samples, axis=0) * gain[:, None]
    return np.fft.irfft(spectrum, n, axis=0).astype(np.float32)


def phone_loss(samples: np.ndarray) -> float:
    """LU lost through the 300 Hz / 24 dB-per-octave high-pass (pink noise loses about 0.9)."""
    return integrated_lufs(samples) - integrated_lufs(highpass(samples))


def short_term(samples: np.ndarray) -> np.ndarray:
    """Short-term loudness (LUFS, 3 s windows) starting at every 100 ms."""
    step = RATE // 10
    energy = _segment_energy(samples, step)
    if energy.size < 30:
        return np.array([])
    blocks = np.lib.stride_tricks.sliding_window_view(energy, 30).sum(axis=1) / (30 * step)
    return -0.691 + 10 * np.log10(np.maximum(blocks, 1e-12))


def cue_loudness(samples: np.ndarray, timeline: Timeline) -> list[float]:
    """Each cue's median short-term loudness (LUFS), in the timeline's order."""
    levels = short_term(samples)
    return [_median_within(levels, c.start / timeline.fps, c.end / timeline.fps) for c in timeline.cues]


def grooves(timeline: Timeline) -> list[int]:
    """The cues that carry the body of the video: all but the opening, the climax and the cue
    before it, the reveal ("personality") and the end card ("ending")."""
    skip = {0, timeline.climax, None if timeline.climax is None else timeline.climax - 1}
    return [i for i, c in enumerate(timeline.cues) if i not in skip and c.name not in ("personality", "ending")]


def climax_lift(samples: np.ndarray, timeline: Timeline) -> float | None:
    """The climax cue's median short-term loudness over the median of all the grooves' short-term
    windows, in LU; None for a timeline without a climax (or without grooves)."""
    body = grooves(timeline)
    if timeline.climax is None or not body:
        return None
    levels = short_term(samples)
    starts = np.arange(levels.size) / 10
    fps = timeline.fps
    inside = np.zeros(levels.size, bool)
    for i in body:
        cue = timeline.cues[i]
        inside |= (starts >= cue.start / fps - 1e-6) & (starts + 3 <= cue.end / fps + 1e-6)
    if not inside.any():
        return None
    peak = timeline.cues[timeline.climax]
    return _median_within(levels, peak.start / fps, peak.end / fps) - float(np.median(levels[inside]))


def _median_within(levels: np.ndarray, first: float, last: float) -> float:
    """The median of the 3 s windows lying within first..last seconds (the one nearest `first`
    for a stretch shorter than 3 s)."""
    starts = np.arange(levels.size) / 10
    inside = (starts >= first - 1e-6) & (starts + 3 <= last + 1e-6)
    if not inside.any():
        inside = np.abs(starts - first) == np.abs(starts - first).min()
    return float(np.median(levels[inside]))


def rhythm_profile(samples: np.ndarray, timeline: Timeline) -> np.ndarray:
    """Where in the bar the onsets fall, low (under 200 Hz: kick, bass), middle (200 Hz-2 kHz:
    snare, keys, tune) and high (over 2 kHz: hats, shakers): the spectral flux of each at each
    of the 16 sixteenths, averaged over the grooves' bars, each band scaled to sum 1, as (3, 16).
    Blind to key and tempo: one preset transposed gives one profile, two grooves two."""
    hop, size = 480, 1024  # 10 ms hops
    mono = samples.mean(axis=1)
    count = (mono.size - size) // hop
    frames = np.lib.stride_tricks.as_strided(mono, (count, size), (mono.strides[0] * hop, mono.strides[0]))
    levels = np.log1p(np.abs(np.fft.rfft(frames * np.hanning(size).astype(np.float32), axis=1)) * 10)
    rise = np.maximum(np.diff(levels, axis=0, prepend=levels[:1]), 0)
    freqs = np.fft.rfftfreq(size, 1 / RATE)
    bands = [(freqs < 200), (freqs >= 200) & (freqs < 2000), (freqs >= 2000)]
    flux = np.stack([rise[:, band].sum(axis=1) for band in bands])
    profile = np.zeros((3, 16))
    bar = timeline.bar_seconds * RATE / hop
    for i in grooves(timeline) or range(len(timeline.cues)):
        cue = timeline.cues[i]
        for b in range(cue.bar, cue.bar + cue.bars):
            for k in range(16):
                at = round((b + k / 16) * bar)
                profile[:, k] += flux[:, max(0, at - 2) : at + 3].max(axis=1, initial=0.0)
    return profile / np.maximum(profile.sum(axis=1, keepdims=True), 1e-12)
