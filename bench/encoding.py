"""Benchmark of x264's settings on the sample's own frames: the encoder's CPU, wall time, file size
and luma PSNR for each quality as the render sets it, beside the alternatives it was chosen over.

The sample's frames (the default vertical format, 30 fps) are drawn once and kept in memory,
then piped to the render's own ffmpeg command (`VideoEncoder.command`) with only the x264 options
changed. PSNR compares the decoded video with the same frames converted to yuv420p by the same
converter, so it measures the encoding's loss alone (not the 4:2:0 chroma every MP4 has).

Run (hold the lock: timings must not overlap; about 3 minutes):
    flock /tmp/wrapped-bench.lock .venv/bin/python bench/encoding.py [--runs 3]
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
from dataclasses import asdict, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wrapped.assets import sample_journal  # noqa: E402
from wrapped.encoder import PIXEL_FORMAT, VideoEncoder, raw_frame, widen_pipe, x264_options  # noqa: E402
from wrapped.journal import read_journal  # noqa: E402
from wrapped.pipeline import plan  # noqa: E402
from wrapped.settings import QUALITIES, Encoding, RenderSettings  # noqa: E402
from wrapped.video.frames import FramePainter  # noqa: E402

# (label, quality, encoding): each quality as the render uses it, then what it was chosen over
CHOICES: list[tuple[str, str, Encoding]] = [
    ("standard (the default)", "standard", QUALITIES["standard"]),
    ("  without the lookahead", "standard", replace(QUALITIES["standard"], lookahead=None)),
    ("  x264's own threads", "standard", replace(QUALITIES["standard"], threads=None)),
    ("  with B-frames", "standard", replace(QUALITIES["standard"], bframes=None)),
    (
        "  as before (none of the three)",
        "standard",
        replace(QUALITIES["standard"], threads=None, bframes=None, lookahead=None),
    ),
    ("  veryfast", "standard", replace(QUALITIES["standard"], preset="veryfast")),
    ("draft", "draft", QUALITIES["draft"]),
    ("  with the lookahead", "draft", replace(QUALITIES["draft"], lookahead=10)),
    ("  as before", "draft", replace(QUALITIES["draft"], threads=None, bframes=None, lookahead=None)),
]


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def encode(frames: list[bytes], settings: RenderSettings, encoding: Encoding, out: Path) -> tuple[float, float]:
    """(CPU s, wall s) of ffmpeg encoding `frames` with the render's command at `encoding`."""
    command = VideoEncoder(out, settings).command()
    command[-1] = str(out)  # straight to the file: nothing to commit
    head, rest = command[: command.index("-c:v")], command[command.index("-movflags") :]
    x264 = x264_options(encoding)
    before, start = cpu_of_children(), time.perf_counter()
    process = subprocess.Popen([*head, *x264, *rest], stdin=subprocess.PIPE)
    widen_pipe(process.stdin)
    assert process.stdin is not None
    for frame in frames:
        process.stdin.write(frame)
    process.stdin.close()
    if process.wait() != 0:
        raise SystemExit(f"ffmpeg failed: {' '.join([*head, *x264, *rest])}")
    return cpu_of_children() - before, time.perf_counter() - start


def luma_psnr(video: Path, raw: Path, settings: RenderSettings, ffmpeg: str) -> tuple[float, float]:
    """(mean, worst frame) luma PSNR of `video` against the raw frames it was made from."""
    said = subprocess.run(
        [ffmpeg, "-hide_banner", "-i", str(video), "-f", "rawvideo", "-pix_fmt", PIXEL_FORMAT, "-s",
         f"{settings.width}x{settings.height}", "-r", str(settings.fps), "-i", str(raw), "-lavfi",
         "[0:v]format=yuv420p[a];[1:v]format=yuv420p[b];[a][b]psnr", "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    ).stderr  # fmt: skip
    found = re.search(r"PSNR y:([\d.]+) .* min:([\d.]+)", said)
    assert found, said[-500:]
    return float(found.group(1)), float(found.group(2))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    settings = RenderSettings()
    board = plan(read_journal(sample_journal()), None, settings.fps)
    painter = FramePainter(board, settings.width, settings.height)
    frames = [raw_frame(painter.paint(i)) for i in range(board.total_frames)]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "frames.bgr"
        with open(raw, "wb") as f:
            for frame in frames:
                f.write(frame)
        from moviepy.config import FFMPEG_BINARY as ffmpeg  # the render's ffmpeg

        runs: list[list[tuple[float, float]]] = [[] for _ in CHOICES]
        quality: list[tuple[int, tuple[float, float]]] = []
        for run in range(args.runs):  # the choices interleaved, so a slow moment hits them all alike
            for choice, (_, name, encoding) in enumerate(CHOICES):
                out = Path(folder) / "v.mp4"
                runs[choice].append(encode(frames, replace(settings, quality=name), encoding, out))
                if run == 0:
                    quality.append((out.stat().st_size, luma_psnr(out, raw, settings, ffmpeg)))
        for choice, (label, name, encoding) in enumerate(CHOICES):
            size, (mean, worst) = quality[choice]
            cpu = statistics.median(c for c, _ in runs[choice])
            wall = statistics.median(w for _, w in runs[choice])
            rows.append({"label": label.strip(), "quality": name, "encoding": asdict(encoding), "cpu_s": cpu,
                         "wall_s": wall, "bytes": size, "psnr_y": mean, "psnr_y_worst": worst})  # fmt: skip
    print(f"| x264 on the sample's {len(frames)} frames ({settings.width}x{settings.height}, {settings.fps} fps), "
          f"median of {args.runs} | ffmpeg CPU | wall | video bytes | luma PSNR (worst frame) |")  # fmt: skip
    print("|---|---|---|---|---|")
    for (label, _, encoding), row in zip(CHOICES, rows, strict=True):
        what = (f"{label}: {encoding.preset}, CRF {encoding.crf}, threads {encoding.threads or 'auto'}, "
                + (f"B-frames {encoding.bframes}" if encoding.bframes is not None else "the preset's B-frames")
                + (f", mbtree over {encoding.lookahead} frames" if encoding.lookahead else ""))  # fmt: skip
        print(f"| {what} | {row['cpu_s']:.2f} s | {row['wall_s']:.2f} s | {row['bytes'] / 1e6:.2f} MB "
              f"| {row['psnr_y']:.1f} dB ({row['psnr_y_worst']:.1f}) |")  # fmt: skip
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "encoding.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
