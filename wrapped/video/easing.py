"""Easing and interpolation: small pure functions of a 0..1 time."""

from __future__ import annotations


def clamp(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return lo if x < lo else hi if x > hi else x


def phase(t: float, start: float, end: float) -> float:
    """Where t sits between start and end, clamped to 0..1."""
    return clamp((t - start) / (end - start)) if end > start else float(t >= start)


def ease_out(t: float) -> float:
    """Cubic ease-out: fast start, soft landing."""
    t = clamp(t)
    return 1 - (1 - t) ** 3


def ease_back(t: float) -> float:
    """Ease-out with a small overshoot, for things that pop in."""
    t = clamp(t)
    c = 1.70158
    return 1 + (c + 1) * (t - 1) ** 3 + c * (t - 1) ** 2


def mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    t = clamp(t)
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))
