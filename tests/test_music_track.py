"""A user's track (`--music PATH`) is read only as one media file, and a stop ends its decoding ffmpeg
at once: playlists, concat lists and network descriptions are one line, never a hang.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from moviepy.config import FFMPEG_BINARY

from wrapped.audio.track import decode
from wrapped.errors import MusicError

from conftest import SAMPLE, alive


def render(music: Path, out: Path, **popen) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "wrapped", "render", str(SAMPLE), "--music", str(music), "--out",
                             str(out), "--fps", "10", "--quality", "draft"], stderr=subprocess.PIPE, text=True,
                            **popen)  # fmt: skip


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("song.ffconcat", "ffconcat version 1.0\nfile fifo.wav\n", "a playlist, not an audio file"),
        ("song.mp3", "ffconcat version 1.0\nfile 'fifo.wav'\n", "a playlist, not an audio file"),  # any name
        ("song.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfifo.wav\n#EXT-X-ENDLIST\n", "a playlist"),
        # an SDP description makes ffmpeg listen on the network; only the single-file demuxers may open it
        ("song.sdp", "v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 45678 RTP/AVP 0\n",
         "not a single audio or video file"),
    ],
)  # fmt: skip
def test_a_playlist_whose_entry_is_a_fifo_is_one_line_at_once(tmp_path, name, content, said):
    os.mkfifo(tmp_path / "fifo.wav")  # ffmpeg would block opening it, before any frame
    playlist = tmp_path / name
    playlist.write_text(content)
    started = time.monotonic()
    process = render(playlist, tmp_path / "v.mp4")
    try:
        code = process.wait(timeout=30)
    finally:
        process.kill()
    assert code == 1 and time.monotonic() - started < 30
    assert process.stderr is not None
    lines = process.stderr.read().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"wrapped: music {playlist}: ") and said in lines[0], lines
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["fifo.wav", name])


def test_decode_reads_a_single_file_of_every_common_kind(tmp_path):
    for suffix in ("mp3", "m4a", "wav", "flac", "ogg", "mka"):
        track = tmp_path / f"tone.{suffix}"
        subprocess.run([FFMPEG_BINARY, "-v", "error", "-f", "lavfi", "-i", "sine=duration=1", str(track)], check=True)
        assert decode(track, 0.5, threading.Event()).shape[1] == 2, suffix
    with pytest.raises(MusicError, match="a playlist"):
        (tmp_path / "list.txt").write_text(f"ffconcat version 1.0\nfile '{tmp_path / 'tone.wav'}'\n")
        decode(tmp_path / "list.txt", 0.5, threading.Event())


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_while_ffmpeg_decodes_the_track_ends_it_at_once(tmp_path, stop):
    """The decoding ffmpeg is frozen (SIGSTOP: as stuck as one blocked on a FIFO); one stop to
    wrapped must still end the render within a second and leave no ffmpeg behind."""
    track = tmp_path / "long.mp3"
    subprocess.run([FFMPEG_BINARY, "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=240", "-ac", "2",
                    "-b:a", "32k", str(track)], check=True)  # fmt: skip
    for attempt in range(4):  # the decoder may finish before it is seen; a fresh render gives it another chance
        out_dir = tmp_path / f"out{attempt}"
        out_dir.mkdir()
        process = render(track, out_dir / "v.mp4")
        frozen = None
        deadline = time.monotonic() + 60
        while frozen is None and process.poll() is None and time.monotonic() < deadline:
            for child in children(process.pid):
                if "f32le" in cmdline(child):
                    os.kill(child, signal.SIGSTOP)
                    frozen = child
                    break
        if frozen is None or not alive(frozen):
            process.kill()
            process.wait()
            continue
        time.sleep(0.3)  # wrapped now waits on a decoder that will never write again
        sent = time.monotonic()
        process.send_signal(stop)
        try:
            code = process.wait(timeout=10)
        finally:
            process.kill()
            os.kill(frozen, signal.SIGKILL) if alive(frozen) else None
        took = time.monotonic() - sent
        assert code == 130 and took < 1.5, (
            code,
            took,
            cmdline(frozen),
            process.stderr.read() if process.stderr else "",
        )
        assert not alive(frozen)
        assert list(out_dir.iterdir()) == []
        return
    pytest.fail("the decoding ffmpeg was never caught running")
