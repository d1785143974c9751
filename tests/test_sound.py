"""The soundtrack: composed on the storyboard's grid, mastered to -16 LUFS, muxed as 48 kHz stereo
AAC exactly as long as the video; a user's own track fitted the same way; and no audio file
left anywhere (out dir or working directory) after success, a cancel at any point, or an error.
The music itself: it peaks on the climax, moves on instead of looping, survives a phone speaker,
takes a gentle form for a year without a climax, and differs from year to year.

Loudness and true peak are read by ffmpeg's own ebur128 filter, on the real MP4.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from moviepy.config import FFMPEG_BINARY

from wrapped.audio.loudness import RATE, integrated_lufs, master, true_peak_db
from wrapped.audio.measures import climax_lift, copy_share, cue_loudness, grooves, phone_loss, rhythm_profile
from wrapped.audio.music import compose, score_for
from wrapped.audio.track import decode, fit
from wrapped.audio.wav import write_wav
from wrapped.entries import Entry
from wrapped.errors import MusicError, RenderCancelled
from wrapped.journal import read_journal
from wrapped.pipeline import make_video, year_stats
from wrapped.settings import RenderSettings
from wrapped.stats import compute_stats
from wrapped.timeline import BEATS_PER_BAR, Timeline, lay_out
from wrapped.video.storyboard import make_storyboard

from conftest import FIXTURES, SAMPLE, ffmpeg_processes, render_threads, run_in_thread

SMALL = RenderSettings(width=256, height=144, fps=10, quality="draft")


def ebur128(path: Path, filters: str = "") -> tuple[float, float]:
    """(integrated loudness in LUFS, true peak in dBTP), as ffmpeg's ebur128 filter measures them
    (after `filters`, a chain ending in a comma)."""
    said = subprocess.run([FFMPEG_BINARY, "-nostats", "-hide_banner", "-i", str(path), "-map", "0:a", "-af",
                           filters + "ebur128=peak=true", "-f", "null", "-"], capture_output=True, text=True).stderr  # fmt: skip
    summary = said[said.rindex("Summary:") :]
    return float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary)[1]), float(
        re.search(r"Peak:\s+(-?[\d.]+|-inf)", summary)[1]
    )


def audio_samples(path: Path) -> np.ndarray:
    raw = subprocess.run([FFMPEG_BINARY, "-v", "error", "-i", str(path), "-map", "0:a", "-f", "f32le", "-ac", "2",
                          "-ar", str(RATE), "-"], capture_output=True, check=True).stdout  # fmt: skip
    return np.frombuffer(raw, "<f4").reshape(-1, 2)


def streams(path: Path) -> str:
    return subprocess.run([FFMPEG_BINARY, "-hide_banner", "-i", str(path)], capture_output=True, text=True).stderr


@pytest.fixture(scope="module")
def sample_board():
    return make_storyboard(year_stats(read_journal(SAMPLE), 2025), SMALL.fps)


def stats_with_moods(moods: list[str | None]):
    entries = [Entry(day=date(2025, 1, 1 + i % 28) if i < 28 else date(2025, 2, 1 + i % 28), moment=None,
                     title="t", text="words " * 20, source=Path("x"), mood=m) for i, m in enumerate(moods)]  # fmt: skip
    return compute_stats(entries, 2025)


SPARSE_STATS = stats_with_moods(["good", None, "sad"])


def test_the_sample_video_has_48k_stereo_aac_at_minus_16_lufs_as_long_as_the_video(tmp_path):
    out = tmp_path / "v.mp4"
    video = make_video(SAMPLE, out, SMALL)
    info = streams(out)
    assert re.search(r"Audio: aac.*48000 Hz, stereo", info), info
    loudness, peak = ebur128(out)
    assert -17.0 <= loudness <= -15.0
    assert peak <= -1.0
    seconds = audio_samples(out).shape[0] / RATE
    assert abs(seconds - video.rendered.seconds) <= 1 / SMALL.fps  # within a frame
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.mp4"]
    # a phone speaker's stand-in (300 Hz high-pass, 24 dB an octave) leaves the music loud enough
    through_a_phone, _ = ebur128(out, "highpass=f=300:poles=2,highpass=f=300:poles=2,")
    assert loudness - through_a_phone <= 3.0


def test_none_makes_a_silent_video(tmp_path):
    out = tmp_path / "v.mp4"
    make_video(SAMPLE, out, SMALL, music="none")
    assert "Audio:" not in streams(out)


@pytest.mark.parametrize("fps", [10, 24, 25, 30, 60])
def test_every_cut_lands_on_a_downbeat_and_the_music_follows_the_timeline(fps):
    board = make_storyboard(year_stats(read_journal(SAMPLE), 2025), fps)
    bar = BEATS_PER_BAR * 60 / board.bpm
    for shot in board.shots:
        assert abs(shot.start / fps - shot.bar * bar) <= 0.5 / fps  # the nearest frame to the downbeat
    score = score_for(board.timeline, board.stats)
    assert score.samples == round(board.total_frames * RATE / fps)
    assert_the_form_follows(score, board.timeline)


def assert_the_form_follows(score, timeline: Timeline) -> None:
    """Sections tile the bars; the climax section starts on the climax cue's downbeat with the
    build just before it, the reveal on "personality" and the resolve on "ending"."""
    cues = timeline.cues
    assert [s.first_bar for s in score.sections] == [0] + [s.end_bar for s in score.sections[:-1]]
    assert score.sections[-1].end_bar == cues[-1].bar + cues[-1].bars
    starts = {s.role: s.first_bar for s in score.sections}
    assert score.sections[0].role == "intro"
    if timeline.climax is not None:
        climax = cues[timeline.climax]
        assert starts["climax"] == climax.bar
        build = next(s for s in score.sections if s.role == "build")
        assert build.end_bar == climax.bar and build.drop > 0  # a drop-out before the hit
    bars = {c.name: c.bar for c in cues}
    assert starts["reveal"] == bars["personality"] and starts["end"] == bars["ending"]
    for section in score.sections:
        if section.role == "groove":
            assert section.bars <= 8


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.integers(1, 6), min_size=1, max_size=14),
    st.integers(0, 13),
    st.booleans(),
    st.sampled_from([92, 104, 120]),
)
def test_any_timeline_gets_a_form_that_tiles_it(bars, climax, marked, bpm):
    """However the storyboard lays its cues (one cue, no reveal, a climax anywhere), the sections
    cover every bar once, in order, and the music is exactly as long as the video."""
    names = ["title", *[f"scene{i}" for i in range(1, len(bars))]]
    if len(bars) >= 3:
        names[-2:] = ["personality", "ending"]
    timeline = lay_out(list(zip(names, [b * 240 / bpm for b in bars], strict=True)), 10, bpm, shortest=1,
                       longest=600, climax=names[climax % len(names)] if marked else None)  # fmt: skip
    score = score_for(timeline, SPARSE_STATS)
    assert [s.first_bar for s in score.sections] == [0] + [s.end_bar for s in score.sections[:-1]]
    assert score.sections[-1].end_bar == sum(bars) and all(s.bars > 0 for s in score.sections)
    if len(bars) <= 2:
        assert compose(score).shape == (timeline.samples(RATE), 2)


def timeline_with_climax(climax: str | None, bpm: int = 104) -> Timeline:
    """A timeline laid out as the storyboard lays one, with the climax where a test wants it."""
    wanted = [("title", 4), ("entries", 4), ("words", 4), ("calendar", 6), ("months", 4), ("hour", 4),
              ("tags", 4), ("streak", 4), ("highlights", 6), ("personality", 6), ("ending", 4)]  # fmt: skip
    return lay_out(wanted, 30, bpm, shortest=30, longest=60, climax=climax)


@pytest.fixture(scope="module")
def sample_music(sample_board):
    return master(compose(score_for(sample_board.timeline, sample_board.stats)))


@pytest.mark.parametrize("climax", ["sample", "entries", "calendar", "streak"])
def test_the_climax_is_the_loudest_stretch_3_lu_over_the_grooves(sample_board, sample_music, climax):
    if climax == "sample":
        timeline, music = sample_board.timeline, sample_music
        assert timeline.climax is not None  # the sample year has a climax to play
    else:
        timeline = timeline_with_climax(climax)
        music = master(compose(score_for(timeline, sample_board.stats)))
        assert_the_form_follows(score_for(timeline, sample_board.stats), timeline)
    assert climax_lift(music, timeline) >= 3.0
    loudness = cue_loudness(music, timeline)
    assert max(range(len(loudness)), key=loudness.__getitem__) == timeline.climax


def test_the_climax_lands_a_hit_on_its_downbeat_after_a_drop_out(sample_board, sample_music):
    """The beat before the climax is (nearly) silent, its first 50 ms is the loudest downbeat."""
    timeline = sample_board.timeline
    score = score_for(timeline, sample_board.stats)
    mono = sample_music.mean(axis=1)

    def level(first: int, last: int) -> float:
        return 10 * np.log10((mono[first:last] ** 2).mean() + 1e-12)

    hit = score.bar_start(timeline.cues[timeline.climax].bar)
    before, on = level(hit - RATE // 10, hit), level(hit, hit + RATE // 20)
    others = [level(s, s + RATE // 20) for s in (score.bar_start(c.bar) for c in timeline.cues[1:-1])]
    assert on - before >= 12.0
    assert on >= float(np.median(others)) + 2.0


def test_a_year_without_a_climax_gets_the_gentle_form(sample_board):
    timeline = timeline_with_climax(None)
    score = score_for(timeline, sample_board.stats)
    assert_the_form_follows(score, timeline)
    assert {s.role for s in score.sections} <= {"intro", "groove", "reveal", "end"}  # no build, no climax
    assert all(s.gentle and not s.drop and not {"kick", "snare"} & s.layers for s in score.sections)
    music = master(compose(score))
    loudness = cue_loudness(music, timeline)
    body = [loudness[i] for i in grooves(timeline)]
    assert max(loudness) - float(np.median(body)) < 3.0  # nothing bursts out of it
    assert copy_share(music) <= 0.25 and phone_loss(music) <= 3.0


@pytest.mark.parametrize("climax", ["sample", "months", None])
def test_the_music_moves_on_no_more_than_a_quarter_of_it_is_a_copy(sample_board, sample_music, climax):
    """A 2 s window with a near-exact copy 4 s or more away is a loop repeating; at most a quarter may."""
    if climax == "sample":
        music = sample_music
    else:
        music = master(compose(score_for(timeline_with_climax(climax), sample_board.stats)))
    assert copy_share(music) <= 0.25


def test_a_loop_would_fail_the_copy_measure(sample_music):
    bar = sample_music[RATE * 10 : RATE * 14]
    assert copy_share(np.concatenate([bar] * 8)) > 0.9


def test_a_phone_speaker_loses_at_most_3_lu(sample_music):
    assert phone_loss(sample_music) <= 3.0
    rng = np.random.default_rng(3)  # the stand-in itself: pink noise loses about 0.9 LU through it
    white = np.fft.rfft(rng.standard_normal(RATE * 10))
    pink = np.fft.irfft(white / np.sqrt(np.maximum(np.fft.rfftfreq(RATE * 10, 1 / RATE), 20)))
    assert 0.5 <= phone_loss(np.stack([pink, pink], axis=1).astype(np.float32)) <= 1.3


def test_two_different_years_are_not_one_preset_transposed():
    """The sample's full 2025 (night writer, 287 entries) and its quiet 2024 (13 entries): other
    instruments, another groove, and their onsets fall elsewhere in the bar (a preset played
    in another key and tempo would give the same profile)."""
    journal = read_journal(SAMPLE)
    scores, profiles = [], []
    for year in (2025, 2024):
        board = make_storyboard(year_stats(journal, year), SMALL.fps)
        scores.append(score_for(board.timeline, board.stats))
        profiles.append(rhythm_profile(compose(scores[-1]), board.timeline))
    one, other = (s.style for s in scores)
    differ = [k for k in ("groove", "lead", "keys", "bass", "swing") if getattr(one, k) != getattr(other, k)]
    assert len(differ) >= 3, (one, other)
    assert np.corrcoef(profiles[0].ravel(), profiles[1].ravel())[0, 1] < 0.8


def test_the_same_journal_gives_the_same_audio(sample_board):
    first, second = (
        compose(score_for(sample_board.timeline, sample_board.stats)),
        compose(score_for(sample_board.timeline, sample_board.stats)),
    )
    assert first.shape == (score_for(sample_board.timeline, sample_board.stats).samples, 2) and np.array_equal(
        first, second
    )
    assert np.abs(first).max() > 0.1  # not silence


def test_the_same_journal_gives_the_same_audio_in_another_process():
    """No hidden state (hash order, caches) leaks into the music: a fresh process with another
    hash seed composes the same samples."""
    code = (
        "import hashlib, sys; from wrapped.journal import read_journal; from wrapped.pipeline import plan; "
        "from wrapped.audio.music import compose, score_for; b = plan(read_journal(sys.argv[1]), 2024, 10); "
        "print(hashlib.sha256(compose(score_for(b.timeline, b.stats)).tobytes()).hexdigest())"
    )
    hashes = {
        subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip()
        for seed in ("1", "2")
    }  # fmt: skip
    assert len(hashes) == 1 and len(next(iter(hashes))) == 64


@pytest.mark.parametrize("climax", [True, False])
def test_another_years_music_through_the_renderers_aac_keeps_the_master_figures(tmp_path, climax):
    """A three-entry year (the dramatic form, and the gentle one without a climax), encoded as the
    renderer encodes: -16 LUFS, true peak under -1 dBTP, at most 3 LU lost through a phone speaker."""
    board = make_storyboard(year_stats(read_journal(FIXTURES / "notes"), 2024), 10)
    cues = board.timeline.cues
    mark = cues[len(cues) // 2].name if climax else None  # whatever the storyboard chose for this year
    timeline = lay_out([(c.name, c.bars * board.timeline.bar_seconds) for c in cues], 10, board.bpm, shortest=1,
                       longest=60, climax=mark)  # fmt: skip
    assert (timeline.climax is not None) == climax
    write_wav(tmp_path / "m.wav", master(compose(score_for(timeline, board.stats))))
    subprocess.run([FFMPEG_BINARY, "-v", "error", "-i", str(tmp_path / "m.wav"), "-c:a", "aac", "-aac_coder", "fast",
                    "-b:a", "192k", "-ar", str(RATE), "-ac", "2", str(tmp_path / "m.m4a")], check=True)  # fmt: skip
    loudness, peak = ebur128(tmp_path / "m.m4a")
    filtered, _ = ebur128(tmp_path / "m.m4a", "highpass=f=300:poles=2,highpass=f=300:poles=2,")
    assert -17.0 <= loudness <= -15.0 and peak <= -1.0 and loudness - filtered <= 3.0


def test_the_mode_follows_the_moods():
    good = make_storyboard(stats_with_moods(["great", "good", "happy"] * 10), 10)
    low = make_storyboard(stats_with_moods(["sad", "tired", "awful"] * 10), 10)
    none = make_storyboard(stats_with_moods([None] * 30), 10)
    assert (
        score_for(good.timeline, good.stats).mode,
        score_for(low.timeline, low.stats).mode,
        score_for(none.timeline, none.stats).mode,
    ) == ("major", "minor", "dorian")
    # and the notes differ: a minor year is not the major one relabelled
    assert not np.array_equal(
        compose(score_for(good.timeline, good.stats))[:RATE], compose(score_for(low.timeline, low.stats))[:RATE]
    )


@pytest.mark.parametrize("kind", ["noise", "tone", "pulsed bass", "loud square", "clicks over a quiet tone"])
def test_the_master_reads_minus_16_lufs_and_under_minus_1_dbtp_in_ffmpeg(tmp_path, kind):
    rng = np.random.default_rng(7)
    t = np.arange(RATE * 8) / RATE
    signal = {
        "noise": rng.standard_normal(t.size) * 0.05,
        "tone": 0.2 * np.sin(2 * np.pi * 440 * t),
        "pulsed bass": 0.6 * np.sin(2 * np.pi * 50 * t) * ((t % 1) < 0.25),
        "loud square": 0.95 * np.sign(np.sin(2 * np.pi * 997 * t)),
        # peaks 14 dB over the loudness: the limiter has to hold them under the ceiling
        "clicks over a quiet tone": 0.05 * np.sin(2 * np.pi * 220 * t)
        + 0.2 * np.sin(2 * np.pi * 3000 * t) * ((t % 0.5) < 0.004),
    }[kind]
    mastered = master(np.stack([signal, signal * 0.8], axis=1).astype(np.float32))
    wav = tmp_path / "m.wav"
    write_wav(wav, mastered)
    loudness, peak = ebur128(wav)
    assert abs(loudness - -16.0) <= 0.5 and peak <= -1.0
    assert abs(integrated_lufs(mastered) - loudness) <= 0.5 and true_peak_db(mastered) <= peak + 0.6


def tone_file(path: Path, seconds: float) -> Path:
    subprocess.run([FFMPEG_BINARY, "-v", "error", "-f", "lavfi", "-i", f"sine=frequency=330:duration={seconds}",
                    "-ac", "2", "-c:a", "aac", str(path)], check=True)  # fmt: skip
    return path


@pytest.mark.parametrize("seconds", [3, 90])  # looped, and trimmed
def test_a_users_track_is_fitted_faded_and_normalised(tmp_path, seconds):
    track = tone_file(tmp_path / "song.m4a", seconds)
    out = tmp_path / "v.mp4"
    video = make_video(SAMPLE, out, SMALL, music=str(track))
    sound = audio_samples(out)
    assert abs(sound.shape[0] / RATE - video.rendered.seconds) <= 1 / SMALL.fps
    loudness, peak = ebur128(out)
    assert -17.0 <= loudness <= -15.0 and peak <= -1.0
    middle = np.sqrt((sound[RATE * 10 : RATE * 11] ** 2).mean())
    in_fade = np.sqrt((sound[-RATE // 2 :] ** 2).mean())
    assert in_fade < middle * 0.2  # faded out over the last two seconds
    assert sorted(p.name for p in tmp_path.iterdir()) == ["song.m4a", "v.mp4"]


def test_fit_loops_a_short_track_and_trims_a_long_one():
    short = np.ones((RATE, 2), np.float32) * np.arange(RATE, dtype=np.float32)[:, None]
    looped = fit(short, RATE * 5)
    assert looped.shape == (RATE * 5, 2) and np.array_equal(looped[RATE : RATE + 10], short[:10])
    assert looped[-1].max() == 0.0
    assert fit(np.ones((RATE * 9, 2), np.float32), RATE * 4).shape == (RATE * 4, 2)


@pytest.mark.parametrize("what", ["missing", "text", "folder", "fifo", "empty"])
def test_a_bad_music_file_is_one_line_before_any_rendering(tmp_path, what):
    bad = tmp_path / "song.mp3"
    if what == "text":
        bad.write_text("these are not the sounds you are looking for\n" * 100)
    elif what == "folder":
        bad.mkdir()
    elif what == "fifo":
        os.mkfifo(bad)
    elif what == "empty":
        bad.write_bytes(b"")
    out = tmp_path / "out" / "v.mp4"
    result = subprocess.run([sys.executable, "-m", "wrapped", "render", str(SAMPLE), "--music", str(bad), "--out",
                             str(out)], capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"wrapped: music {bad}"), result.stderr
    assert "Traceback" not in result.stderr and "Drawing" not in result.stderr
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_decode_reads_what_ffmpeg_reads_and_refuses_the_rest(tmp_path):
    track = tone_file(tmp_path / "a.m4a", 2)
    sound = decode(track, 1.0, threading.Event())
    assert sound.dtype == np.float32 and sound.shape[1] == 2 and abs(sound.shape[0] - 1.1 * RATE) < RATE * 0.05
    (tmp_path / "b.m4a").write_bytes(b"\x00" * 5000)
    with pytest.raises(MusicError, match="cannot read it as audio"):
        decode(tmp_path / "b.m4a", 1.0, threading.Event())


def run_cancelled(out: Path, point: str | int, music: str = "generated"):
    """make_video in a render thread, cancelled at a point: 'composing', or a frame count."""
    cancel = threading.Event()

    def reached(p) -> bool:
        if point == "composing":
            return "composing the soundtrack" in p.message or "fitting your music" in p.message
        if point == "finishing":
            return "Finishing" in p.message
        return bool(p.total) and p.done >= 1 + point and "Drawing" in p.message

    def on_progress(p):
        if reached(p):
            cancel.set()

    return run_in_thread(
        lambda: make_video(SAMPLE, out, SMALL, cancel=cancel, on_progress=on_progress, music=music)
    ).get("error")


@pytest.mark.parametrize("point", ["composing", 1, 40, 150, 300, "finishing"])
def test_a_cancel_at_any_point_leaves_no_audio_or_video_in_the_out_dir_or_the_cwd(tmp_path, monkeypatch, point):
    cwd, out_dir = tmp_path / "cwd", tmp_path / "videos"
    cwd.mkdir()
    out_dir.mkdir()
    (out_dir / "older.mp4").write_bytes(b"keep me")
    monkeypatch.chdir(cwd)  # moviepy's own temporary audio would land here
    error = run_cancelled(out_dir / "v.mp4", point)
    assert isinstance(error, RenderCancelled)
    assert list(cwd.iterdir()) == []
    assert sorted(p.name for p in out_dir.iterdir()) == ["older.mp4"]
    assert ffmpeg_processes() == [] and render_threads() == []


def test_a_cancel_while_fitting_a_users_track_leaves_nothing(tmp_path, monkeypatch):
    track = tone_file(tmp_path / "song.m4a", 40)
    out_dir = tmp_path / "videos"
    out_dir.mkdir()
    monkeypatch.chdir(out_dir)
    assert isinstance(run_cancelled(out_dir / "v.mp4", "composing", music=str(track)), RenderCancelled)
    assert list(out_dir.iterdir()) == [] and ffmpeg_processes() == []


@pytest.mark.parametrize("failure", ["disk full", "ctrl-c"])
def test_a_failure_just_after_the_soundtrack_is_written_deletes_it(tmp_path, monkeypatch, failure):
    """The disk fills, or a second Ctrl-C lands, as the soundtrack's file is finished: before the
    encoder's with block begins, so __enter__ itself must clean up. Nothing is left."""
    import wrapped.encoder as encoder
    from wrapped.errors import EncodeError

    written = []
    real = encoder.write_wav

    def write_then_fail(path, samples):
        real(path, samples)
        written.append(path)
        raise OSError(28, "No space left on device") if failure == "disk full" else KeyboardInterrupt

    monkeypatch.setattr(encoder, "write_wav", write_then_fail)
    expected = (EncodeError, "no space left on device writing") if failure == "disk full" else (KeyboardInterrupt, None)
    with pytest.raises(expected[0], match=expected[1]):
        make_video(SAMPLE, tmp_path / "v.mp4", SMALL)
    assert written and list(tmp_path.iterdir()) == [] and ffmpeg_processes() == []


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.mark.anyio
async def test_over_mcp_music_is_generated_or_none_and_nothing_else(tmp_path):
    from mcp_transports import Connection

    async with Connection("stdio-auto", SAMPLE, tmp_path / "videos") as client:
        silent = await client.call_tool("create_wrapped_video", {"fps": 10, "quality": "draft", "music": "none"})
        assert not silent.is_error and "Audio:" not in streams(Path(silent.structured_content["path"]))
        sound = await client.call_tool("create_wrapped_video", {"fps": 10, "quality": "draft", "quotes": True})
        assert "Audio: aac" in streams(Path(sound.structured_content["path"]))
        refused = await client.call_tool("create_wrapped_video", {"music": "/etc/passwd"})
        assert refused.is_error and "music must be one of 'generated' or 'none'" in refused.content[0].text
