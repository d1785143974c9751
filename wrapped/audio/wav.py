"""Writing a soundtrack to disk as the WAV ffmpeg reads beside the frames."""

from __future__ import annotations

import os
import wave
from pathlib import Path

import numpy as np

from wrapped.audio.loudness import RATE


def write_wav(path: Path, samples: np.ndarray) -> None:
    """16-bit stereo PCM at 48 kHz; the file is created new (never follows or replaces one)."""
    pcm = (np.clip(samples, -1, 1) * 32767).round().astype("<i2")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "wb") as raw, wave.open(raw, "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())
