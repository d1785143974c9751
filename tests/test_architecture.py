"""The house: data flows one way, and pictures and sound lean on the timeline, not on each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from wrapped.timeline import Cue, Timeline, lay_out

PACKAGE = Path(__file__).resolve().parents[1] / "wrapped"


def imports_of(folder: Path) -> set[tuple[str, str]]:
    """(module file, imported wrapped module) for every import under `folder`."""
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            found |= {(str(path.relative_to(PACKAGE)), n) for n in names if n.startswith("wrapped")}
    return found


@pytest.mark.parametrize(("room", "other"), [("audio", "video"), ("video", "audio")])
def test_pictures_and_sound_never_import_each_other(room, other):
    crossing = {(f, n) for f, n in imports_of(PACKAGE / room) if n.startswith(f"wrapped.{other}")}
    assert not crossing, crossing


def test_the_timeline_knows_neither_pictures_nor_sound_nor_the_shells():
    tree = ast.parse((PACKAGE / "timeline.py").read_text())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert not {m for m in imported if m.startswith("wrapped")}, imported


def test_pure_stages_import_no_server_cli_or_threads():
    for room in ("audio", "video", "journal"):
        bad = {(f, n) for f, n in imports_of(PACKAGE / room) if n.startswith(("wrapped.server", "wrapped.cli"))}
        assert not bad, bad


def test_cues_lie_on_downbeats_and_the_climax_is_marked_by_name():
    timeline = lay_out([("a", 4.0), ("peak", 6.0), ("z", 5.0)], fps=30, bpm=120, shortest=10, longest=60, climax="peak")
    assert timeline.climax == 1 and timeline.cues[1].name == "peak"
    for cue in timeline.cues:
        assert cue.start == round(cue.bar * timeline.bar_seconds * 30)
    assert timeline.cue_at(timeline.cues[1].start).name == "peak"
    assert timeline.samples(48_000) == round(timeline.total_frames * 48_000 / 30)
    unmarked = lay_out([("a", 4.0)], fps=30, bpm=120, shortest=2, longest=60, climax="missing")
    assert unmarked.climax is None


def test_a_climax_outside_the_cues_is_refused():
    with pytest.raises(ValueError):
        Timeline(fps=30, bpm=120, cues=(Cue("a", 0, 60),), climax=3)
