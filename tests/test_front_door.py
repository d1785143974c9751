"""The command line as a new user first meets it: help, the sample render, --out checked first,
an honest progress bar, and a draft that is smaller than the standard render."""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import time

import pytest

from wrapped.cli import parser
from wrapped.pipeline import Progress, make_video
from wrapped.progressbar import ProgressBar
from wrapped.settings import RenderSettings

from conftest import SAMPLE


def wrapped(*args, cwd=None, env=None):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("WRAPPED_")}
    return subprocess.run([sys.executable, "-m", "wrapped", *args], capture_output=True, text=True, cwd=cwd,
                          env={**environment, **(env or {})}, timeout=120)  # fmt: skip


def test_wrapped_alone_prints_the_help_and_succeeds():
    result = wrapped()
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("usage: wrapped")
    for command in ("render", "share", "stats", "years", "preview", "serve"):
        assert f"\n    {command} " in result.stdout
    assert "wrapped render ~/notes" in result.stdout  # an example to start from


def subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_option_says_what_it_does_and_its_default(name):
    command = subcommands()[name]
    formatter = command.formatter_class(prog=command.prog)
    for action in command._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        text = formatter._expand_help(action) if action.help else ""
        assert len(text) > 15, (name, action.dest)  # says what it does
        if action.option_strings or action.nargs == "?":
            assert "default" in text, (name, action.dest, text)


def test_render_help_shows_the_defaults_a_user_gets():
    text = " ".join(wrapped("render", "--help").stdout.split())  # as read, not as wrapped
    assert "(default: 30)" in text and "(default: standard)" in text and "(default: generated)" in text


def test_a_plain_render_says_it_renders_the_sample_and_ends_with_the_full_path_and_what_next(tmp_path):
    result = wrapped("render", "--quality", "draft", "--fps", "10", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "rendering the bundled sample year" in result.stderr.splitlines()[0]
    video = tmp_path / "wrapped-2025.mp4"
    assert result.stdout.splitlines()[-1].startswith(f"{video}  (")
    assert video.is_file()
    next_line = result.stderr.strip().splitlines()[-1]
    assert next_line.startswith("Next: ") and "wrapped render ~/notes" in next_line and "wrapped share" in next_line
    assert "composing the soundtrack" in result.stderr  # the step shows while it runs


@pytest.mark.parametrize(
    "args, reason",
    [
        (["render", "--out", "/proc/nope.mp4"], "/proc is on the kernel's proc file system"),
        (["render", "--out", "/sys/wrapped/nope.mp4"], "/sys is on the kernel's sysfs file system"),
        (["preview", "--out", "/proc/sheet.png"], "/proc is on the kernel's proc file system"),
        (["share", "--out-dir", "/proc/cards"], "/proc is on the kernel's proc file system"),
    ],
)
def test_an_unwritable_out_is_one_true_line_before_the_journal_is_read(tmp_path, args, reason):
    result = wrapped(*args[:1], str(tmp_path / "no-such-journal"), *args[1:])  # reading it would fail
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wrapped: /") and reason in lines[0], lines
    assert "no-such-journal" not in lines[0] and "no such file" not in lines[0]


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_eta_learns_from_frames_drawn_not_from_reading_and_composing():
    clock, out = FakeClock(), io.StringIO()
    bar = ProgressBar(out, clock=clock)
    total = 1 + 600 + 1
    bar(Progress(0, None, "Reading the journal"))
    clock.now += 1.0
    bar(Progress(1, total, "Read 287 entries of 2025; composing the soundtrack"))
    clock.now += 4.0  # a slow composer: it must not make the frames look slow
    for frame in range(1, 61):  # 30 frames a second from here on
        clock.now += 1 / 30
        bar(Progress(1 + frame, total, f"Drawing the totals, frame {frame} of 600"))
    assert bar.eta() == pytest.approx((total - 61) / 30, rel=0.01)  # 18 s, where elapsed/share said 79 s
    assert "ETA   18s" in bar.line()
    bar.close()


def test_no_eta_is_guessed_before_frames_give_a_pace():
    clock = FakeClock()
    bar = ProgressBar(io.StringIO(), clock=clock)
    bar(Progress(1, 602, "Read 287 entries; composing the soundtrack"))
    clock.now += 3
    bar(Progress(3, 602, "Drawing the title, frame 2 of 600"))
    assert bar.eta() is None and "ETA    …" in bar.line()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_composing_shows_its_own_step_and_time_on_a_terminal_while_no_frame_comes():
    clock, out = FakeClock(), Terminal()
    bar = ProgressBar(out, clock=clock)
    bar(Progress(1, 602, "Read 287 entries of 2025; composing the soundtrack"))
    clock.now += 1.5
    time.sleep(0.6)  # no call from the render: the bar keeps time by itself
    bar.close()
    last = out.getvalue().split("\r\x1b[2K")[-1]
    assert "1.5s" in last and "composing the soundtrack" in last and "0%" not in last


@pytest.fixture(scope="module")
def sizes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sizes")
    made = {}
    for quality in ("draft", "standard"):
        settings = RenderSettings.for_format("landscape", 10, quality)
        made[quality] = make_video(SAMPLE, folder / f"{quality}.mp4", settings, year=2025).rendered.bytes
    return made


def test_draft_makes_a_smaller_file_than_standard(sizes):
    assert sizes["draft"] < 0.95 * sizes["standard"], sizes
