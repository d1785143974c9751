"""Benchmark: reading a 50,000-note Markdown folder and a 200 MB jrnl file.

Run: .venv/bin/python bench/reading.py            (prints a table; about 2 minutes)
     .venv/bin/python bench/reading.py --quick    (5,000 notes and 20 MB: a smoke run)

Each measurement runs in a fresh process, so its peak memory (ru_maxrss) is its own. The
journals are written once into a temporary folder from a fixed seed.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "the",
    "morning",
    "river",
    "coffee",
    "train",
    "garden",
    "letter",
    "window",
    "rain",
    "music",
    "walk",
    "friend",
    "quiet",
    "bread",
    "city",
    "evening",
]


def write_notes(folder: Path, count: int) -> int:
    rng = random.Random(50_000)
    folder.mkdir(parents=True)
    size = 0
    start = date(2000, 1, 1)
    for i in range(count):
        day = start + timedelta(days=i // 3)
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 400)))
        text = (
            f"---\ndate: {day.isoformat()}\ntime: {rng.randint(6, 23):02d}:{rng.randint(0, 59):02d}\n"
            f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\nmood: {rng.choice(['good', 'okay', 'low'])}\n---\n"
            f"# Note {i}\n\n{body} #{rng.choice(WORDS)}\n"
        )
        sub = folder / str(day.year)
        sub.mkdir(exist_ok=True)
        (sub / f"{day.isoformat()}-{i % 3}.md").write_text(text)
        size += len(text)
    return size


def write_jrnl(path: Path, megabytes: int) -> int:
    rng = random.Random(200)
    moment = date(1990, 1, 1)
    written = 0
    with path.open("w") as out:
        i = 0
        while written < megabytes * 1_000_000:
            day = moment + timedelta(days=i // 4)
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 300)))
            chunk = f"[{day.isoformat()} {rng.randint(1, 12):02d}:{rng.randint(0, 59):02d}:00 PM] Title {i}.\n{body} @{rng.choice(WORDS)}\n\n"
            out.write(chunk)
            written += len(chunk)
            i += 1
    return written


CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from wrapped.journal import read_journal
t0 = time.perf_counter()
journal = read_journal({path!r})
seconds = time.perf_counter() - t0
print(json.dumps({{"seconds": seconds, "entries": len(journal.entries), "problems": len(journal.problems),
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

BASELINE = """
import json, resource
print(json.dumps({"peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(path: Path, runs: int) -> dict:
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", CHILD.format(root=str(ROOT), path=str(path))],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    results.sort(key=lambda r: r["seconds"])
    return results[len(results) // 2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    notes, megabytes, runs = (5_000, 20, 1) if args.quick else (50_000, 200, 3)
    base = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); import wrapped.journal; " + BASELINE],
        capture_output=True,
        text=True,
        check=True,
    )
    import_mib = json.loads(base.stdout)["peak_mib"]
    with tempfile.TemporaryDirectory() as scratch:
        folder, journal = Path(scratch) / "notes", Path(scratch) / "journal.txt"
        t0 = time.perf_counter()
        folder_bytes = write_notes(folder, notes)
        jrnl_bytes = write_jrnl(journal, megabytes)
        print(f"wrote the journals in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        rows = [
            (f"{notes:,} Markdown notes ({folder_bytes / 1e6:.0f} MB)", measure(folder, runs)),
            (f"jrnl file ({jrnl_bytes / 1e6:.0f} MB)", measure(journal, runs)),
        ]
    print(f"\nReading (median of {runs}; peak is the whole process, {import_mib:.0f} MiB after imports alone)\n")
    print("| journal | entries | read time | entries/s | peak memory |")
    print("|---|---|---|---|---|")
    for name, r in rows:
        print(
            f"| {name} | {r['entries']:,} | {r['seconds']:.2f} s | {r['entries'] / r['seconds']:,.0f} | {r['peak_mib']:.0f} MiB |"
        )


if __name__ == "__main__":
    main()
