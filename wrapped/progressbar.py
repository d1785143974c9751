"""A one-line terminal progress bar with the current step and an ETA."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from wrapped.pipeline import Progress


class ProgressBar:
    def __init__(self, stream: TextIO = sys.stderr, width: int = 28):
        self.stream = stream
        self.width = width
        self.tty = stream.isatty()
        self.started = time.monotonic()
        self._last_line = 0.0
        self._last_tenth = -1

    def __call__(self, p: Progress) -> None:
        if not p.total:
            self._emit(p.message, final=False)
            return
        share = p.done / p.total
        elapsed = time.monotonic() - self.started
        eta = f"ETA {elapsed / share - elapsed:4.0f}s" if 0.02 < share < 1 else "         "
        filled = round(share * self.width)
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {share:4.0%}  {eta}  {p.message}"
        if self.tty:
            self._emit(line, final=False)
        elif int(share * 10) != self._last_tenth:  # a line per 10% where nobody sees \r
            self._last_tenth = int(share * 10)
            self._emit(line, final=True)

    def _emit(self, line: str, final: bool) -> None:
        now = time.monotonic()
        if self.tty and not final and now - self._last_line < 0.05:
            return
        self._last_line = now
        if self.tty:
            self.stream.write("\r\x1b[2K" + line[:200])
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
