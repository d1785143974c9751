"""`wrapped batch` and `render --chunks` on a real Ray: a two-node cluster on this machine shared by
the whole session, real ffmpeg, real signals to real `wrapped` processes. Never `ray stop` (it kills
every Ray on the machine): processes are found and checked by pid, and only ours are touched."""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from wrapped.cluster.manifest import JobDefaults, ManifestError, read_manifest
from wrapped.cluster.procs import descendants, start_time

from conftest import FIXTURES, SAMPLE, ffmpeg_writing_into

ray = pytest.importorskip("ray")

JOURNAL = FIXTURES / "jrnl.txt"  # 3 entries in 2024: a short video
FAST = ["--format", "landscape", "--fps", "10", "--quality", "draft", "--music", "none"]
DEFAULTS = JobDefaults(format="landscape", fps=10, quality="draft", music="none")
WRAPPED = [sys.executable, "-m", "wrapped"]


def frames_planned(journal: Path = JOURNAL, fps: int = 10) -> int:
    from wrapped.journal import read_journal
    from wrapped.pipeline import plan

    return plan(read_journal(journal), None, fps).total_frames


def ffmpeg() -> str:
    from moviepy.config import FFMPEG_BINARY

    return FFMPEG_BINARY


@pytest.fixture(scope="session")
def cluster():
    """Two Ray nodes of one CPU each on this machine, this test process connected as a driver."""
    from ray.cluster_utils import Cluster

    from wrapped.cluster.session import NICENESS

    os.environ[NICENESS] = "0"  # Ray's default, 15, starves ffmpeg on this busy machine
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # pytest run in the background: as
        signal.signal(signal.SIGINT, signal.default_int_handler)  # ray_session does, or workers ignore a cancel
    mine = set(descendants(os.getpid()))
    c = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False})
    c.add_node(num_cpus=1)
    c.wait_for_nodes()
    ray.init(address=c.address, logging_level="ERROR", log_to_driver=False)
    yield c
    started = {pid: t for pid, t in descendants(os.getpid()).items() if pid not in mine}
    ray.shutdown()
    c.shutdown()
    from wrapped.cluster.procs import reap

    assert not reap(started), "the test cluster left processes behind"


def manifest(folder: Path, *lines: dict) -> Path:
    path = folder / "jobs.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def results(folder: Path) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, (folder / "results.jsonl").read_text().splitlines())}


def leftovers(folder: Path) -> list[str]:
    """Anything in the batch's folder but finished videos and results.jsonl."""
    return sorted(p.name for p in folder.iterdir() if not re.fullmatch(r"[^.].*\.mp4|results\.jsonl", p.name))


def frames_of(path: Path, stream: str = "v") -> list[tuple[str, str, str]]:
    """(pts, duration, md5) of every decoded frame (ffmpeg -f framemd5)."""
    said = subprocess.run([ffmpeg(), "-v", "error", "-i", str(path), "-map", f"0:{stream}", "-f", "framemd5", "-"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    assert not said.stderr.strip(), said.stderr
    rows = [line.split(",") for line in said.stdout.splitlines() if line and not line.startswith("#")]
    return [(r[2].strip(), r[4].strip(), r[5].strip()) for r in rows]


# ---- no Ray needed -------------------------------------------------------------------------------


def test_wrapped_the_render_and_the_server_never_import_ray():
    code = "import sys, wrapped, wrapped.cli, wrapped.pipeline, wrapped.server.tools; assert 'ray' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"id": "a", "journal": "j.txt"}\nnot json\n', "line 2: not JSON"),
        ('{"id": "a", "journal": "j.txt", "colour": "red"}\n', "line 1: key 'colour': unknown key"),
        ('{"id": "a", "journal": "j.txt", "fps": 5}\n', "line 1: key 'fps': a whole number from 10 to 60"),
        ('{"id": "a", "journal": "j.txt", "format": "tall"}\n', "line 1: key 'format': one of vertical"),
        ('{"id": "a", "journal": "j.txt", "music": "/etc/passwd"}\n', "line 1: key 'music': one of generated, none"),
        ('{"id": "a", "journal": "j.txt", "year": "2024"}\n', "line 1: key 'year'"),
        ('{"id": "a", "journal": "j.txt", "quotes": 1}\n', "line 1: key 'quotes': true or false"),
        ('{"id": "../x", "journal": "j.txt"}\n', "line 1: key 'id'"),
        ('{"id": "..", "journal": "j.txt"}\n', "line 1: key 'id'"),
        ('{"id": "' + "a" * 65 + '", "journal": "j.txt"}\n', "line 1: key 'id'"),
        ('{"journal": "j.txt"}\n', "line 1: key 'id': missing"),
        ('{"id": "a"}\n', "line 1: key 'journal': missing"),
        ('{"id": "a", "journal": "j"}\n\n{"id": "A", "journal": "k"}\n', "line 3: key 'id': 'A' is already on line 1"),
        ("[1, 2]\n", "line 1: a job is a JSON object"),
        (b'{"id": "a", "journal": "\xff"}\n', "line 1: not UTF-8"),
        ("\n\n", "no jobs"),
    ],
)
def test_a_bad_manifest_line_is_one_error_naming_the_line_and_key(tmp_path, text, said):
    path = tmp_path / "jobs.jsonl"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(ManifestError, match=re.escape(said)) as caught:
        read_manifest(path, DEFAULTS)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)


def test_a_bad_manifest_starts_nothing_and_says_one_line(tmp_path):
    path = manifest(tmp_path, {"id": "a", "journal": str(JOURNAL)}, {"id": "b", "journal": "x", "fps": 1000})
    done = subprocess.run([*WRAPPED, "batch", str(path), "--out-dir", str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=tmp_path, timeout=60)  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"wrapped: manifest {path} line 2: key 'fps': a whole number from 10 to 60"
    ]
    assert not (tmp_path / "out").exists()


def test_jobs_take_the_batch_options_and_relative_journals_are_read_from_the_manifest_folder(tmp_path):
    path = manifest(
        tmp_path, {"id": "a", "journal": "a/j.txt"}, {"id": "b", "journal": "/x/j", "fps": 24, "quotes": True}
    )
    a, b = read_manifest(path, DEFAULTS)
    assert a.journal == str(tmp_path / "a" / "j.txt") and (a.fps, a.format, a.music) == (10, "landscape", "none")
    assert (b.journal, b.fps, b.quotes) == ("/x/j", 24, True)


def test_without_ray_batch_says_in_one_line_how_to_install_it(tmp_path):
    path = manifest(tmp_path, {"id": "a", "journal": str(JOURNAL)})
    code = "import sys; sys.modules['ray'] = None; from wrapped.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run([sys.executable, "-c", code, "batch", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        'wrapped: this needs Ray, which is not installed: pip install "journal-wrapped[cluster]"'
    ]


def test_a_job_fingerprint_changes_with_its_settings_and_its_journal_only(tmp_path):
    from wrapped.cluster.results import fingerprint

    journal = tmp_path / "j.txt"
    journal.write_text("2024-01-01 09:00 Title.\nBody.\n")
    path = manifest(tmp_path, {"id": "a", "journal": "j.txt"}, {"id": "a2", "journal": "j.txt", "fps": 12})
    a, a2 = read_manifest(path, DEFAULTS)
    assert fingerprint(a) == fingerprint(a) != fingerprint(a2)
    before = fingerprint(a)
    os.utime(journal, ns=(1, 1))
    assert fingerprint(a) != before


def test_a_killed_drivers_ray_folder_is_swept_by_the_next_local_ray_and_a_live_ones_is_kept():
    import tempfile

    from wrapped.cluster.session import TEMP_PREFIX, sweep_temp_folders

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    gone = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
    (gone / f"session_2026-11-30_00-00-00_000000_{int(dead.stdout)}").mkdir()
    alive = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
    (alive / f"session_2026-11-30_00-00-00_000000_{os.getpid()}").mkdir()
    try:
        sweep_temp_folders()
        assert not gone.exists() and alive.exists()
    finally:
        import shutil

        shutil.rmtree(gone, ignore_errors=True)
        shutil.rmtree(alive, ignore_errors=True)


def test_chunks_are_cut_at_scene_starts_and_cover_every_frame_once():
    from wrapped.cluster.chunks import chunk_ranges
    from wrapped.journal import read_journal
    from wrapped.pipeline import plan

    board = plan(read_journal(SAMPLE), None, 10)
    starts = {shot.start for shot in board.shots}
    for n in (1, 2, 3, 4, 50):
        ranges = chunk_ranges(board, n)
        assert len(ranges) == min(n, len(board.shots))
        assert ranges[0][0] == 0 and ranges[-1][1] == board.total_frames
        assert all(a == b for (_, a), (b, _) in itertools.pairwise(ranges))
        assert {a for a, _ in ranges} <= starts


# ---- on the session's two-node cluster -----------------------------------------------------------


def test_a_batch_runs_on_both_nodes_fails_one_job_and_a_rerun_skips_what_is_done(cluster, tmp_path):
    jobs = [{"id": f"user-{n}", "journal": str(JOURNAL)} for n in range(4)]
    jobs += [
        {"id": "missing", "journal": "nowhere/journal.txt"},
        {"id": "empty-year", "journal": str(JOURNAL), "year": 2019},
    ]
    path = manifest(tmp_path, *jobs)
    out = tmp_path / "videos"
    command = [*WRAPPED, "batch", str(path), "--out-dir", str(out), "--address", cluster.address, *FAST]
    first = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=240)
    assert first.returncode == 1, first.stderr
    got = results(out)
    assert {i: r["status"] for i, r in got.items()} == {
        **{f"user-{n}": "done" for n in range(4)}, "missing": "failed", "empty-year": "failed"}  # fmt: skip
    assert "nowhere/journal.txt: no such file" in got["missing"]["error"]
    assert got["empty-year"]["error"] == "no entries in 2019 (found 2023, 2024)"
    assert len({got[f"user-{n}"]["node"] for n in range(4)}) == 2, "the jobs ran on both nodes"
    frames = frames_planned()
    for n in range(4):
        r = got[f"user-{n}"]
        assert r["frames"] == frames and r["seconds"] == frames / 10 and r["render_seconds"] > 0
        assert Path(r["path"]) == out / f"user-{n}.mp4" and os.path.getsize(r["path"]) == r["bytes"]
        assert len(frames_of(out / f"user-{n}.mp4")) == frames
    assert leftovers(out) == [] and sorted(os.listdir(tmp_path)) == ["jobs.jsonl", "videos"]
    assert len([line for line in first.stdout.splitlines() if line.startswith(("user-", "missing", "empty"))]) == 6

    again = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=240)
    assert again.returncode == 1, again.stderr
    second = results(out)
    assert {i: r["status"] for i, r in second.items()} == {
        **{f"user-{n}": "skipped" for n in range(4)}, "missing": "failed", "empty-year": "failed"}  # fmt: skip
    assert all(second[f"user-{n}"]["bytes"] == got[f"user-{n}"]["bytes"] for n in range(4))
    assert "0 done, 4 skipped, 2 failed" in again.stderr


def _worker_ffmpeg(folder: Path, not_parent: set[int], timeout: float = 60) -> tuple[int, int]:
    """An ffmpeg writing into `folder` and the Ray worker that started it (not one of `not_parent`)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for pid in ffmpeg_writing_into(folder):
            with_parent = Path(f"/proc/{pid}/stat").read_text()
            parent = int(with_parent[with_parent.rindex(")") + 2 :].split()[1])
            if parent not in not_parent and b"ray::" in Path(f"/proc/{parent}/cmdline").read_bytes():
                return pid, parent
        time.sleep(0.05)
    raise AssertionError("no worker ffmpeg appeared")


def _gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if start_time(pid) is None:
            return True
        time.sleep(0.02)
    return False


@pytest.mark.parametrize("kills", [1, 2])
def test_a_killed_worker_takes_its_ffmpeg_with_it_and_the_job_is_retried_once(cluster, tmp_path, kills):
    from wrapped.cluster.batch import run_batch

    jobs = read_manifest(manifest(tmp_path, {"id": "solo", "journal": str(JOURNAL)}), DEFAULTS)
    out = tmp_path / "out"
    box: dict = {}
    runner = threading.Thread(target=lambda: box.update(report=run_batch(jobs, out)))
    runner.start()
    killed: set[int] = set()
    for _ in range(kills):
        encoder, worker = _worker_ffmpeg(out, killed)
        assert os.getsid(encoder) == encoder, "ffmpeg has its own session: only PR_SET_PDEATHSIG ties it to the worker"
        os.kill(worker, signal.SIGKILL)
        killed.add(worker)
        assert _gone(encoder, 2.0), "ffmpeg outlived its worker"
    runner.join(120)
    report = box["report"]
    (result,) = report.results
    if kills == 1:
        assert (result.status, result.frames) == ("done", frames_planned()) and report.exit_status == 0
    else:
        assert (result.status, result.error) == ("failed", "its worker died (tried twice)")
        assert report.exit_status == 1
    assert leftovers(out) == [], "the killed attempt's partial file was swept"
    assert not ffmpeg_writing_into(tmp_path)


def test_a_chunked_render_has_the_one_pass_frames_timestamps_and_sound(cluster, tmp_path):
    from wrapped.audio.track import soundtrack
    from wrapped.cluster.chunks import chunk_ranges, render_in_chunks
    from wrapped.journal import read_journal
    from wrapped.pipeline import plan
    from wrapped.render import render_video
    from wrapped.settings import RenderSettings

    # standard, not draft: two encodes at draft's CRF 34 differ by their own losses, whatever the seams do
    settings = RenderSettings(width=320, height=180, fps=10, quality="standard")
    board = plan(read_journal(SAMPLE), 2025, settings.fps)
    sound = soundtrack(board.timeline, board.stats, "generated")
    one = render_video(board, tmp_path / "one.mp4", settings, audio=sound)
    three = render_in_chunks(board, tmp_path / "three.mp4", settings, 3, compose=lambda: sound)
    assert three.frames == one.frames == board.total_frames
    a, b = frames_of(one.path), frames_of(three.path)
    assert [(pts, dur) for pts, dur, _ in a] == [(pts, dur) for pts, dur, _ in b], "every frame, at its time"
    # x264's macroblock tree sets a frame's quantisers from the frames after it: the one pass sees
    # past the seam, the first chunk's encoder sees its end, so only the lookahead before it differs
    same = chunk_ranges(board, 3)[1][0] - (settings.encoding.lookahead or 0)
    assert [h for *_, h in a[:same]] == [h for *_, h in b[:same]], "bit-identical up to the lookahead before the seam"
    assert frames_of(one.path, "a") == frames_of(three.path, "a"), "the same sound, sample for sample"
    psnr = subprocess.run([ffmpeg(), "-v", "error", "-i", str(three.path), "-i", str(one.path), "-lavfi",
                           "psnr=stats_file=-", "-f", "null", "-"], capture_output=True, text=True, check=True)  # fmt: skip
    per_frame = [float(m) for m in re.findall(r"psnr_avg:(\S+)", psnr.stdout.replace("inf", "99"))]
    assert len(per_frame) == one.frames and min(per_frame) > 40, min(per_frame)
    data = three.path.read_bytes()
    assert data.index(b"moov") < data.index(b"mdat"), "+faststart"
    assert leftovers(tmp_path) == []


def test_a_batch_in_chunks_makes_whole_videos_and_leaves_no_chunk(cluster, tmp_path):
    from wrapped.cluster.batch import run_batch

    jobs = read_manifest(manifest(tmp_path, {"id": "a", "journal": str(JOURNAL)}), DEFAULTS)
    report = run_batch(jobs, tmp_path / "out", chunks=2)
    (result,) = report.results
    assert (result.status, result.frames, report.exit_status) == ("done", frames_planned(), 0)
    assert len(frames_of(tmp_path / "out" / "a.mp4")) == result.frames
    assert leftovers(tmp_path / "out") == []


def test_render_in_chunks_from_the_command_line_on_a_cluster(cluster, tmp_path):
    out = tmp_path / "year.mp4"
    done = subprocess.run([*WRAPPED, "render", str(JOURNAL), "--out", str(out), "--chunks", "2",
                           "--address", cluster.address, *FAST], capture_output=True, text=True, cwd=tmp_path,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{out}  (") and len(frames_of(out)) == frames_planned()
    assert os.listdir(tmp_path) == ["year.mp4"]


def test_cancelling_a_chunked_render_removes_every_chunk(cluster, tmp_path):
    from wrapped.cluster.chunks import render_in_chunks
    from wrapped.errors import RenderCancelled
    from wrapped.journal import read_journal
    from wrapped.pipeline import plan
    from wrapped.settings import RenderSettings

    board = plan(read_journal(SAMPLE), 2025, 10)
    cancel = threading.Event()
    box: dict = {}

    def render() -> None:
        try:
            render_in_chunks(board, tmp_path / "v.mp4", RenderSettings(fps=10, quality="draft"), 2, cancel=cancel)
        except BaseException as exc:
            box["error"] = exc

    runner = threading.Thread(target=render)
    runner.start()
    _, worker = _worker_ffmpeg(tmp_path, set())
    born = start_time(worker)
    cancel.set()
    started = time.monotonic()
    runner.join(30)
    assert isinstance(box.get("error"), RenderCancelled)
    assert time.monotonic() - started < 5
    assert start_time(worker) == born, "the task stopped on Ray's normal cancel: its worker was not killed"
    assert os.listdir(tmp_path) == [] and not ffmpeg_writing_into(tmp_path)


# ---- a `wrapped batch` with its own local Ray ----------------------------------------------------


def test_ctrl_c_mid_batch_keeps_finished_videos_and_leaves_no_partial_ffmpeg_or_ray_process(tmp_path):
    jobs = [{"id": "first", "journal": str(JOURNAL)}] + [{"id": f"long-{n}", "journal": str(SAMPLE)} for n in range(3)]
    path = manifest(tmp_path, *jobs)
    out, here = tmp_path / "out", tmp_path / "cwd"
    here.mkdir()
    batch = subprocess.Popen([*WRAPPED, "batch", str(path), "--out-dir", str(out), "--workers", "2", *FAST],
                             cwd=here, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert batch.stdout is not None
        first = batch.stdout.readline()  # a job line: the batch is under way
        assert "  done  " in first, first
        _worker_ffmpeg(out, set())  # and a job is being rendered
        family = descendants(batch.pid)
        assert len(family) >= 5, "a local Ray: gcs, raylet, workers..."
        batch.send_signal(signal.SIGINT)
        sent = time.monotonic()
        code = batch.wait(30)
        took = time.monotonic() - sent
    finally:
        if batch.poll() is None:  # a failed check above: stop it the way a user would
            batch.send_signal(signal.SIGINT)
            try:
                batch.wait(30)
            except subprocess.TimeoutExpired:
                batch.kill()
    stderr = batch.stderr.read() if batch.stderr else ""
    assert code == 130, stderr
    assert took < 10, took
    assert "batch cancelled" in stderr
    alive = [pid for pid, t in family.items() if start_time(pid) == t]
    assert not alive, f"Ray processes of this batch still running: {alive}"
    assert not ffmpeg_writing_into(tmp_path)
    assert leftovers(out) == [] and os.listdir(here) == []
    got = results(out)
    done = {i for i, r in got.items() if r["status"] == "done"}
    assert len(got) == 4 and first.split()[0] in done
    assert {r["status"] for i, r in got.items() if i not in done} == {"cancelled"}
    assert sorted(os.listdir(out)) == sorted([f"{i}.mp4" for i in done] + ["results.jsonl"]), "finished videos stay"
