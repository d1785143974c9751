"""Benchmark: how the generated soundtrack sounds (measured), and what it costs a render.

For the sample year and a sparse year (four entries, no climax), it composes and masters the
soundtrack, encodes it as 48 kHz stereo AAC with ffmpeg, and prints: the share of 2 s windows with
a near-exact copy 4 s or more away, the loudness lost through a 300 Hz / 24 dB-per-octave
high-pass (ours, and ffmpeg's `highpass=f=300:poles=2` twice on the AAC file), the climax's
short-term loudness over the grooves, integrated loudness and true peak (ffmpeg ebur128), and the
CPU seconds composing takes per minute of audio. `--png DIR` also draws each soundtrack's
spectrogram with its cues marked. `--render` adds the old measure: whole renders of the sample
(720p, 30 fps, standard) with music none and generated, alternating, in fresh processes.

Run: flock /tmp/wrapped-bench.lock .venv/bin/python bench/sound.py [--png DIR] [--render --runs 3]
(prints tables, writes bench/results/sound.json)
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from moviepy.config import FFMPEG_BINARY  # noqa: E402

from wrapped import read_journal, sample_journal  # noqa: E402
from wrapped.audio.loudness import RATE, master  # noqa: E402
from wrapped.audio.measures import climax_lift, copy_share, phone_loss, rhythm_profile  # noqa: E402
from wrapped.audio.music import compose, score_for  # noqa: E402
from wrapped.audio.wav import write_wav  # noqa: E402
from wrapped.pipeline import plan  # noqa: E402
from wrapped.stats import YearStats  # noqa: E402
from wrapped.timeline import Timeline, lay_out  # noqa: E402

RENDER = """
import sys, time
from wrapped import make_video, RenderSettings, sample_journal
start = time.perf_counter()
make_video(sample_journal(), sys.argv[1], RenderSettings.for_format("landscape", 30, "standard"), year=2025,
           music=sys.argv[2])
print(time.perf_counter() - start)
"""

COMPOSE = """
import time
from wrapped import read_journal, sample_journal
from wrapped.pipeline import plan
from wrapped.audio.track import soundtrack
board = plan(read_journal(sample_journal()), 2025, 30)
start = time.perf_counter()
soundtrack(board.timeline, board.stats, "generated")
print(time.perf_counter() - start)
"""


SPARSE = "\n".join(f"[2025-{m:02d}-{d:02d} {h}] Entry.\nA few words on the day." for m, d, h in
                   [(2, 3, "08:10"), (5, 17, "22:40"), (5, 18, "21:05"), (9, 30, "12:00")])  # fmt: skip


def ebur128(path: Path, filters: str = "") -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) of a file's audio as ffmpeg's ebur128 reads it, after `filters`."""
    said = subprocess.run([FFMPEG_BINARY, "-nostats", "-hide_banner", "-i", str(path), "-map", "0:a", "-af",
                           filters + "ebur128=peak=true", "-f", "null", "-"], capture_output=True, text=True).stderr  # fmt: skip
    summary = said[said.rindex("Summary:") :]
    return float(re.search(r"I:\s+(-?[\d.]+)", summary)[1]), float(re.search(r"Peak:\s+(-?[\d.]+)", summary)[1])


def years(folder: Path) -> list[tuple[str, Timeline, YearStats]]:
    """The sample year and a sparse one, planned as a render plans them (the audio is the same at
    any fps), and the sparse one again without a climax: the gentle form a year with no strong
    fact gets (the storyboard decides whether a year has one)."""
    sparse = folder / "sparse.txt"
    sparse.write_text(SPARSE)
    sample, few = plan(read_journal(sample_journal()), 2025, 30), plan(read_journal(sparse), 2025, 30)
    calm = lay_out([(c.name, c.bars * few.timeline.bar_seconds) for c in few.timeline.cues if c.name != "streak"],
                   30, few.bpm, shortest=1, longest=60)  # fmt: skip
    return [("sample 2025", sample.timeline, sample.stats), ("sparse 2025 (4 entries)", few.timeline, few.stats),
            ("sparse, no climax", calm, few.stats)]  # fmt: skip


def listen(name: str, timeline: Timeline, stats: YearStats, folder: Path, png: Path | None) -> dict[str, object]:
    cpu = []
    score = score_for(timeline, stats)
    style = score.style
    for _ in range(3):
        start = time.process_time()
        raw = compose(score_for(timeline, stats))
        cpu.append(time.process_time() - start)
    start = time.process_time()
    mastered = master(raw)
    master_cpu = time.process_time() - start
    wav, m4a = folder / "s.wav", folder / "s.m4a"
    wav.unlink(missing_ok=True)
    write_wav(wav, mastered)
    m4a.unlink(missing_ok=True)
    subprocess.run([FFMPEG_BINARY, "-v", "error", "-i", str(wav), "-c:a", "aac", "-aac_coder", "fast", "-ar", str(RATE), "-ac", "2",
                    "-b:a", "192k", str(m4a)], check=True)  # fmt: skip
    loudness, peak = ebur128(m4a)
    filtered, _ = ebur128(m4a, "highpass=f=300:poles=2,highpass=f=300:poles=2,")
    lift = climax_lift(mastered, timeline)
    minutes = timeline.seconds / 60
    if png:
        png.mkdir(parents=True, exist_ok=True)
        spectrogram(
            mastered, timeline, png / f"{name.split()[0].strip(',')}{'-calm' if timeline.climax is None else ''}.png"
        )
    return {
        "year": name,
        "seconds": round(timeline.seconds, 2),
        "climax": None if timeline.climax is None else timeline.cues[timeline.climax].name,
        "band": f"{style.mode} {style.groove} swing {style.swing}, lead {style.lead}, keys {style.keys}, bass {style.bass}",
        "form": " ".join(f"{s.role}:{s.bars}" for s in score.sections),
        "rhythm": rhythm_profile(mastered, timeline).ravel().tolist(),
        "copy_share": round(copy_share(mastered), 3),
        "phone_loss_lu": round(phone_loss(mastered), 2),
        "phone_loss_ffmpeg_lu": round(loudness - filtered, 2),
        "climax_over_grooves_lu": None if lift is None else round(lift, 2),
        "integrated_lufs": loudness,
        "true_peak_dbtp": peak,
        "compose_cpu_s_per_minute": round(statistics.median(cpu) / minutes, 3),
        "master_cpu_s_per_minute": round(master_cpu / minutes, 3),
    }


def spectrogram(samples: np.ndarray, timeline: Timeline, path: Path) -> None:
    """A log-frequency spectrogram (40 Hz at the bottom, 16 kHz at the top), cues as white ticks."""
    from PIL import Image, ImageDraw

    mono = samples.mean(axis=1)
    size = 4096
    hop = max(1, (mono.size - size) // 1500)  # 1500 columns wide
    count = (mono.size - size) // hop
    frames = np.lib.stride_tricks.as_strided(mono, (count, size), (mono.strides[0] * hop, mono.strides[0]))
    power = np.abs(np.fft.rfft(frames * np.hanning(size).astype(np.float32), axis=1)) ** 2
    rows = 320
    freqs = np.geomspace(40, 16000, rows)[::-1]
    bins = np.clip((freqs * size / RATE).round().astype(int), 1, power.shape[1] - 1)
    db = 10 * np.log10(power[:, bins].T + 1e-9)
    level = np.clip((db - (db.max() - 80)) / 80, 0, 1)
    image = Image.fromarray((255 * np.stack([level**0.8, level**2, 0.4 * level**0.5], axis=2)).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for cue in timeline.cues:
        x = round(cue.start / timeline.fps * RATE / hop)
        draw.line([(x, 0), (x, 8)], fill="white")
        draw.text((x + 2, 2), cue.name[:5], fill="white")
    for f in (100, 300, 1000, 4000):
        y = int(np.argmin(np.abs(freqs - f)))
        draw.line([(0, y), (6, y)], fill="white")
    image.save(path)


def print_listening(results: list[dict[str, object]]) -> None:
    first = np.array(results[0]["rhythm"])
    for r in results:  # how alike the grooves are (1 = one preset, whatever the key and tempo)
        r["rhythm_vs_sample"] = round(float(np.corrcoef(first, np.array(r.pop("rhythm")))[0, 1]), 2)
    keys = list(results[0])[1:]
    print("| measure | " + " | ".join(str(r["year"]) for r in results) + " |")
    print("|---|" + "---|" * len(results))
    for key in keys:
        print(f"| {key} | " + " | ".join(str(r[key]) for r in results) + " |")


def run(code: str, *args: str) -> float:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


def cpu_seconds() -> float:
    """CPU time of every finished child and grandchild (ffmpeg included): steadier than wall time here."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def render(video: str, music: str, cpu: list[float]) -> float:
    before = cpu_seconds()
    wall = run(RENDER, video, music)
    cpu.append(cpu_seconds() - before)
    return wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--png", type=Path, help="draw each soundtrack's spectrogram into this folder")
    parser.add_argument("--render", action="store_true", help="also time whole renders (minutes)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results = [listen(*year, Path(folder), args.png) for year in years(Path(folder))]
    print_listening(results)
    saved: dict[str, object] = {"listening": results}
    if args.render:
        saved["render"] = renders(args.runs)
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "sound.json").write_text(json.dumps(saved, indent=2))


def renders(runs: int) -> dict[str, float]:
    silent, sound, compose = [], [], []
    silent_cpu: list[float] = []
    sound_cpu: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        video = Path(folder) / "v.mp4"
        for _ in range(runs):
            silent.append(render(str(Path(folder) / "silent.mp4"), "none", silent_cpu))
            sound.append(render(str(video), "generated", sound_cpu))
            compose.append(run(COMPOSE))
        loudness, peak = ebur128(video)
    result = {
        "render_silent_s": statistics.median(silent),
        "render_with_sound_s": statistics.median(sound),
        "compose_and_master_s": statistics.median(compose),
        "cpu_silent_s": statistics.median(silent_cpu),
        "cpu_with_sound_s": statistics.median(sound_cpu),
        "runs": runs,
        "loudness_lufs": loudness,
        "true_peak_dbtp": peak,
    }
    cost = result["render_with_sound_s"] / result["render_silent_s"] - 1
    print(f"| what (sample year, 1280x720, 30 fps, standard) | median of {runs} |")
    print("|---|---|")
    print(f"| render, music none | {result['render_silent_s']:.2f} s |")
    print(f"| render, music generated | {result['render_with_sound_s']:.2f} s |")
    print(f"| cost of sound | {100 * cost:+.1f}% |")
    cpu_cost = result["cpu_with_sound_s"] / result["cpu_silent_s"] - 1
    print(
        f"| CPU (all processes), none / generated | {result['cpu_silent_s']:.1f} / {result['cpu_with_sound_s']:.1f} s"
        f" ({100 * cpu_cost:+.1f}%) |"
    )
    print(f"| composing + mastering alone | {result['compose_and_master_s']:.2f} s |")
    print(f"| loudness (ffmpeg ebur128) | {loudness:.1f} LUFS |")
    print(f"| true peak (ffmpeg ebur128) | {peak:.1f} dBTP |")
    print("all runs (none / generated / compose):", [round(x, 2) for x in silent], [round(x, 2) for x in sound],
          [round(x, 2) for x in compose])  # fmt: skip
    return result


if __name__ == "__main__":
    main()
