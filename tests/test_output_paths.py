"""--out is checked before any work: one line for a path no video can go to, and nothing that
is not a regular file is ever replaced. ffmpeg's failures become one line naming --out."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wrapped import output
from wrapped.errors import OutputError

from conftest import FIXTURES, SAMPLE, ffmpeg_writing_into

JOURNAL = str(FIXTURES / "jrnl.txt")
FAST = ("--fps", "10", "--quality", "draft")


def render(out, *extra, cwd=None, preexec=None, timeout=60):
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "wrapped", "render", JOURNAL, *FAST, "--out", str(out), *extra],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        preexec_fn=preexec,
    )
    return result, time.monotonic() - started


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1 and lines[0].startswith("wrapped: "), result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: os.mkfifo(p), "is a FIFO"),
        (lambda p: p.symlink_to(p.parent / "elsewhere.mp4"), "is a symlink"),
    ],
)
def test_an_out_that_is_not_a_regular_file_is_refused_at_once_and_left_alone(tmp_path, make, expected):
    out = tmp_path / "v.mp4"
    make(out)
    before = os.lstat(out)
    result, seconds = render(out)
    assert expected in one_line(result) and seconds < 5  # not after a whole render
    after = os.lstat(out)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert not (tmp_path / "elsewhere.mp4").exists()


def test_a_device_is_never_written(tmp_path):
    result, _ = render("/dev/null")
    assert "is a device" in one_line(result)


def test_a_parent_that_is_a_file_or_cannot_be_written(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    assert "is a file, not a folder" in one_line(render(tmp_path / "notes.txt" / "v.mp4")[0])
    assert "cannot write in the folder /proc/sys" in one_line(render("/proc/sys/v.mp4")[0])


def test_a_name_that_is_no_video_is_one_line_and_a_colon_is_just_a_character(tmp_path):
    assert "must end in .mp4" in one_line(render(tmp_path / "x.txt")[0])
    result, _ = render("a:b.mp4", cwd=tmp_path)  # ffmpeg would read "a:" as a protocol
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a:b.mp4"]


def test_an_ffmpeg_failure_is_one_line_naming_the_out_file_and_the_cause(tmp_path):
    def small_files():  # the file system refuses files over 64 KiB, as a full disk would refuse more
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    out = tmp_path / "wrapped-2024.mp4"
    result, _ = render(out, preexec=small_files)
    assert error_line(result) == f"wrapped: file too large for this file system writing {out}"
    assert list(tmp_path.iterdir()) == [] and ffmpeg_writing_into(tmp_path) == []


@pytest.fixture
def tiny_disk(tmp_path):
    """A 300 KiB file system, full long before a video is: a real 'no space left on device'."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=True)


def test_a_full_disk_is_one_line_naming_the_out_file(tiny_disk):
    out = tiny_disk / "wrapped-2024.mp4"
    result, _ = render(out)
    assert error_line(result) == f"wrapped: no space left on device writing {out}"
    assert list(tiny_disk.iterdir()) == [] and ffmpeg_writing_into(tiny_disk) == []


def test_a_read_only_file_system_is_refused_before_any_work(tiny_disk):
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    result, seconds = render(tiny_disk / "v.mp4")
    assert f"cannot write in the folder {tiny_disk}" in one_line(result) and seconds < 5


def error_line(result) -> str:
    """The error after the progress lines a render writes: one line, no traceback."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert [line for line in lines if line.startswith("wrapped:")] == lines[-1:]
    return lines[-1]


def test_folders_made_for_out_are_removed_when_the_render_is_cancelled(tmp_path):
    out = tmp_path / "new" / "deeper" / "v.mp4"
    process = subprocess.Popen(
        [sys.executable, "-m", "wrapped", "render", str(SAMPLE), "--out", str(out)], stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 30
    while not (out.parent.exists() and any(out.parent.iterdir())):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 130
    assert list(tmp_path.iterdir()) == []


def test_the_final_move_never_replaces_what_is_not_a_regular_file(tmp_path):
    temp, out = tmp_path / ".v.partial.mp4", tmp_path / "v.mp4"
    temp.write_bytes(b"video")
    os.mkfifo(out)
    with pytest.raises(OutputError, match="is a FIFO"):
        output.commit(temp, out)
    assert Path(out).is_fifo() and temp.exists()


def test_stale_partials_of_dead_processes_are_swept_and_live_ones_kept(tmp_path):
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = output.temp_path(tmp_path / "v.mp4").name.replace(f".{os.getpid()}-", f".{dead.pid}-")
    (tmp_path / stale).write_bytes(b"half a video")
    live = output.temp_path(tmp_path / "w.mp4")
    live.write_bytes(b"being written")
    assert output.sweep_partials(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name]
