"""The form of the soundtrack: which sections play when, and what each one changes.

Read off the timeline: the first cue is the intro, the climax cue (if any) gets the build before
it, a drop-out and the fullest section on its downbeat, "personality" (the reveal) has a drop-out
before it and the hook in full, "ending" (the end card) resolves. The stretches between are cut
into sections of 4 to 8 bars, at cue boundaries where they fall right, and each section changes
something the ear notices from the one before: an instrument in or out, the arpeggio's figure,
the drums' pattern, the hook's variant, with a fill into the next. A timeline without a climax
gets the gentle form: no build, no hit, softer drums, a small lift for the reveal.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from wrapped.audio.style import Style
from wrapped.timeline import Timeline

Role = Literal["intro", "groove", "build", "climax", "reveal", "end"]
SHORTEST, LONGEST = 4, 8  # bars in a section of the body

# What plays in the body's sections, in turn: each differs from its neighbours in an instrument or two
BODY = (
    frozenset({"pad", "keys", "bass", "kick", "hats"}),
    frozenset({"keys", "lead", "bass", "kick", "snare", "hats"}),
    frozenset({"pad", "lead", "counter", "bass", "kick", "snare", "perc"}),
    frozenset({"pad", "keys", "lead", "bass", "snare", "hats", "perc"}),
)
FULL = frozenset({"pad", "keys", "lead", "counter", "bass", "kick", "snare", "hats", "perc", "double"})


@dataclass(frozen=True)
class Section:
    first_bar: int
    bars: int
    role: Role
    layers: frozenset[str]
    figure: int  # which arpeggio, bass and drum figure it plays (changes section to section)
    variant: int  # how the hook is changed
    level: float  # dB over the grooves
    fill: bool = False  # a drum fill on its last beat, into the next section
    drop: float = 0.0  # beats of silence before the next section's downbeat
    gentle: bool = False  # the gentle form's soft drums

    @property
    def end_bar(self) -> int:
        return self.first_bar + self.bars


def arrange(timeline: Timeline, style: Style) -> tuple[Section, ...]:
    cues = timeline.cues
    total = cues[-1].bar + cues[-1].bars
    bounds = {c.bar for c in cues} | {total}
    names = [c.name for c in cues]
    end = cues[-1].bar if len(cues) > 1 else total
    reveal = cues[names.index("personality")].bar if "personality" in names[1:] else end
    peak = cues[timeline.climax or 0]
    gentle = timeline.climax is None or not 0 < peak.bar < reveal
    build = 0 if gentle or peak.bar < 2 else 2 if peak.bar - cues[0].bars >= 6 else 1
    intro = max(1, min(cues[0].bars, reveal - 1, total, peak.bar - build if not gentle else total))
    out: list[Section] = [_section(0, intro, "intro", style, 0, gentle)]
    if gentle:
        out += _body(intro, reveal, bounds, style, 0, gentle=True)
    else:
        climax_end = min(peak.bar + peak.bars, reveal)
        if not build:  # the climax follows the intro at once: the intro's last beat drops out before the hit
            out[0] = replace(out[0], drop=1.0)
        out += _body(intro, peak.bar - build, bounds, style, 0, gentle=False)
        if build:
            out.append(_section(peak.bar - build, build, "build", style, 0, False, drop=1.0))
        out.append(_section(peak.bar, climax_end - peak.bar, "climax", style, 0, False))
        out += _body(climax_end, reveal, bounds, style, 2, gentle=False)
    if reveal < end:
        if out:
            out[-1] = replace(out[-1], drop=1.0 if not gentle else 0.0, fill=gentle)
        out.append(_section(reveal, end - reveal, "reveal", style, 1, gentle))
    if end < total:
        out.append(_section(end, total - end, "end", style, 0, gentle))
    return tuple(s for s in out if s.bars > 0)


def _section(first: int, bars: int, role: Role, style: Style, turn: int, gentle: bool, drop: float = 0.0) -> Section:
    level = {"intro": -2.0, "groove": 0.0, "build": 0.5, "climax": 3.5, "reveal": 0.5, "end": -1.0}[role]
    layers = {
        "intro": frozenset({"pad", "keys"}),
        "groove": BODY[turn % len(BODY)],
        "build": frozenset({"pad", "keys", "bass", "snare", "hats"}),
        "climax": FULL,
        "reveal": frozenset({"pad", "lead", "double", "bass", "kick", "hats"}),
        "end": frozenset({"pad", "lead", "bass"}),
    }[role]
    if gentle:
        level = {"reveal": 1.5, "end": -1.0, "intro": -2.0}.get(role, 0.0)
        layers = layers - {"kick", "snare", "double"} | ({"perc"} if role in ("groove", "reveal") else set())
    return Section(first, bars, role, layers, (style.seed + turn + turn // 3) % 3, (style.seed // 3 + turn) % 4, level,
                   drop=drop, gentle=gentle)  # fmt: skip


def _body(first: int, last: int, bounds: set[int], style: Style, turn: int, *, gentle: bool) -> list[Section]:
    """Groove sections from bar `first` to `last`, each 4-8 bars where the stretch allows, a fill
    into the next; the sections turn through BODY so that neighbours always differ."""
    sections = []
    lengths = split(last - first, {b - first for b in bounds})
    at = first
    for i, bars in enumerate(lengths):
        sections.append(replace(_section(at, bars, "groove", style, turn + i, gentle), fill=True))
        at += bars
    return sections


def split(bars: int, cuts: set[int]) -> list[int]:
    """Lengths of 4..8 bars adding up to `bars` (one piece under 6 bars, two of 3 or 4 under 8),
    cut where `cuts` allows and near 4 bars; the fewest cuts that fall between cues."""
    if bars <= 0:
        return []
    if bars < 6:
        return [bars]
    if (
        bars < 2 * SHORTEST
    ):  # too short for two sections of 4: two of 3 or more, cut at a cue if one falls near the middle
        return [(cut := min(range(3, bars - 2), key=lambda c: (c not in cuts, abs(2 * c - bars)))), bars - cut]
    best: list[tuple[float, list[int]] | None] = [None] * (bars + 1)
    best[0] = (0.0, [])
    for end in range(SHORTEST, bars + 1):
        for size in range(SHORTEST, min(LONGEST, end) + 1):
            before = best[end - size]
            if before is None:
                continue
            cost = before[0] + (0 if end in cuts else 0.5) + 0.2 * abs(size - SHORTEST)
            if best[end] is None or cost < best[end][0]:  # type: ignore[index]
                best[end] = (cost, [*before[1], size])
    found = best[bars]
    return found[1] if found else [bars]
