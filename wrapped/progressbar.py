"""A one-line terminal progress bar with the current step and an ETA.

The ETA is learnt from the frames drawn so far: time per frame since the first frame, times the
frames left. Reading the journal and composing the soundtrack take as long as they take, whatever
the video's length, so they never enter it. While a step has no frames to count (reading,
composing), the bar shows that step and how long it has run, and keeps moving on a terminal.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

from wrapped.pipeline import Progress

MIN_FRAMES_FOR_ETA = 8  # frames drawn before the first estimate
MIN_SECONDS_FOR_ETA = 0.5


class ProgressBar:
    def __init__(self, stream: TextIO = sys.stderr, width: int = 28, clock: Callable[[], float] = time.monotonic):
        self.stream = stream
        self.width = width
        self.tty = stream.isatty()
        self.clock = clock
        self._last_line = -1.0
        self._last_tenth = -1
        self._lock = threading.Lock()
        self._progress = Progress(0, None, "")
        self._started = self._step_started = clock()
        self._frames_from: tuple[float, int] | None = None  # (when, done) as the first frame arrived
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        if self.tty:  # keeps a step without frames moving: "composing the soundtrack  1.4 s"
            self._ticker = threading.Thread(target=self._tick, name="progress-ticker", daemon=True)
            self._ticker.start()

    def __call__(self, p: Progress) -> None:
        with self._lock:
            now = self.clock()
            if p.message != self._progress.message and not self._counting(p):
                self._step_started = now
            if self._counting(p) and self._frames_from is None:
                self._frames_from = (now, p.done)
            changed_step = (p.total is None) != (self._progress.total is None) or not self._counting(p)
            self._progress = p
            self._draw(now, final=changed_step and not self.tty)

    def eta(self, now: float | None = None) -> float | None:
        """Seconds left, from the pace of the frames drawn so far; None until there is a pace."""
        p = self._progress
        if self._frames_from is None or not p.total or p.done >= p.total:
            return None
        now = self.clock() if now is None else now
        since, first = self._frames_from
        drawn, took = p.done - first, now - since
        if drawn < MIN_FRAMES_FOR_ETA or took < MIN_SECONDS_FOR_ETA:
            return None
        return (p.total - p.done) * took / drawn

    def line(self, now: float | None = None) -> str:
        """What the bar shows now."""
        now = self.clock() if now is None else now
        p = self._progress
        if not self._counting(p):  # reading, composing: no fraction to show, but time passing
            spent = now - self._step_started
            start = int(spent * 8) % self.width
            track = ["."] * self.width
            for i in range(4):
                track[(start + i) % self.width] = "="
            return f"[{''.join(track)}]  {spent:4.1f}s  {p.message}"
        assert p.total
        share = p.done / p.total
        eta = self.eta(now)
        left = f"ETA {eta:4.0f}s" if eta is not None else "ETA    …"
        if p.done >= p.total:
            left = f"took {now - self._started:3.0f}s"
        filled = round(share * self.width)
        return f"[{'#' * filled}{'.' * (self.width - filled)}] {share:4.0%}  {left}  {p.message}"

    @staticmethod
    def _counting(p: Progress) -> bool:
        """Frames are being drawn: the only step whose fraction means something."""
        return bool(p.total) and p.done > 1

    def _draw(self, now: float, final: bool) -> None:
        p = self._progress
        if self.tty:
            if now - self._last_line < 0.05 and not (p.total and p.done >= p.total):
                return
            self._last_line = now
            self.stream.write("\r\x1b[2K" + self.line(now)[:200])
            self.stream.flush()
            return
        tenth = int(p.done / p.total * 10) if p.total and self._counting(p) else -1
        if final or tenth != self._last_tenth:  # a line per step and per 10% where nobody sees \r
            self._last_tenth = tenth
            self.stream.write(self.line(now) + "\n")
            self.stream.flush()

    def _tick(self) -> None:
        while not self._stop.wait(0.2):
            with self._lock:
                if not self._counting(self._progress) and self._progress.message:
                    self._draw(self.clock(), final=False)

    def close(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(1)
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
