"""The command line as a person uses it: a real process, real files, real signals."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import FIXTURES, SAMPLE, ffmpeg_writing_into


def wrapped(*args, cwd=None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "wrapped", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_stats_json_for_the_sample_year():
    result = wrapped("stats", str(SAMPLE), "--year", "2025", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["year"] == 2025 and data["entries"] == 287 and len(data["per_day"]) == 365


def test_without_a_journal_argument_it_uses_WRAPPED_JOURNAL():
    result = wrapped("years", env={"WRAPPED_JOURNAL": str(FIXTURES / "jrnl.txt")})
    assert result.returncode == 0 and result.stdout.split() == ["2023", "1", "entries", "2024", "3", "entries"]


@pytest.mark.parametrize(
    "args, needle",
    [
        (["stats", str(SAMPLE), "--year", "2019"], "no entries in 2019 (found 2024, 2025)"),
        (["stats", "/no/such/journal"], "/no/such/journal: no such file"),
        (["render", str(FIXTURES / "dayone.json"), "--fps", "0"], "fps 0"),
    ],
)
def test_errors_are_one_line_on_stderr_never_a_traceback(args, needle):
    result = wrapped(*args)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wrapped: ") and needle in lines[0]


def test_skipped_files_are_listed_with_file_and_line_but_not_their_text():
    result = wrapped("stats", str(FIXTURES / "notes"))
    assert result.returncode == 0
    assert "skipped 2" in result.stderr and "broken-yaml.md:" in result.stderr and "no-date-here.md" in result.stderr
    assert "This note's front matter is broken" not in result.stderr + result.stdout


def test_render_writes_the_named_video_and_nothing_else(tmp_path):
    result = wrapped(
        "render", str(FIXTURES / "jrnl.txt"), "--fps", "10", "--quality", "draft", "--out", str(tmp_path / "y.mp4")
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["y.mp4"]
    assert str(tmp_path / "y.mp4") in result.stdout


def test_preview_writes_a_contact_sheet(tmp_path):
    from PIL import Image

    result = wrapped("preview", str(SAMPLE), "--out", str(tmp_path / "sheet.png"))
    assert result.returncode == 0, result.stderr
    with Image.open(tmp_path / "sheet.png") as sheet:
        assert sheet.width > 800 and sheet.height > 1000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.png"]


def render_until_it_writes(folder):
    """A `wrapped render` of the sample in `folder`, returned once its partial file exists."""
    process = subprocess.Popen(
        [sys.executable, "-m", "wrapped", "render", str(SAMPLE)],
        cwd=folder,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not any(p.name.endswith(".partial.mp4") for p in folder.iterdir()):  # rendering has begun
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    return process


@pytest.mark.parametrize(
    "sig, wait", [(signal.SIGINT, 1.5), (signal.SIGINT, 4.0), (signal.SIGTERM, 2.5), (signal.SIGHUP, 2.0)]
)
def test_ctrl_c_mid_render_exits_130_and_leaves_nothing_behind(tmp_path, sig, wait):
    (tmp_path / "wrapped-2025.mp4").write_bytes(b"last year's render")
    process = render_until_it_writes(tmp_path)
    time.sleep(wait - 1.0)
    process.send_signal(sig)
    assert process.wait(timeout=20) == 130
    assert "cancelled" in process.stderr.read()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wrapped-2025.mp4"]
    assert (tmp_path / "wrapped-2025.mp4").read_bytes() == b"last year's render"
    assert ffmpeg_writing_into(tmp_path) == []


def test_a_second_ctrl_c_interrupts_at_once_and_still_leaves_nothing(tmp_path):
    process = render_until_it_writes(tmp_path)
    process.send_signal(signal.SIGINT)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 130
    assert "Traceback" not in process.stderr.read()
    assert list(tmp_path.iterdir()) == []
    assert ffmpeg_writing_into(tmp_path) == []


@pytest.mark.parametrize("args", [["formats"], ["stats", "--json"]])
def test_a_reader_that_closes_the_pipe_early_gets_no_error_line(args):
    """`wrapped stats --json | head -1`: the reader went away; that is no error of wrapped's."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "wrapped", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ
    )
    assert proc.stdout is not None
    proc.stdout.close()  # before wrapped writes a byte
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and err == b"", err
