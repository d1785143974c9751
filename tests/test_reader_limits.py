"""Readers stay linear in their input, honour a stop within a large file, turn one bad row into one
skipped row, and refuse what they cannot read in one true line that points to `wrapped formats`.

The inputs are those a fuzzer and a fresh corpus of real exports found (issue 15, items 9 and 10).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from wrapped.errors import JournalError, RenderCancelled
from wrapped.journal import read_journal


def cpu_seconds_to_read(path: Path) -> float:
    start = time.process_time()
    read_journal(path)
    return time.process_time() - start


def stops_within(path: Path, after: float = 0.1) -> float:
    """Seconds from setting the cancel Event to the reader giving up (RenderCancelled)."""
    cancel = threading.Event()
    outcome: dict[str, object] = {}

    def read() -> None:
        try:
            read_journal(path, cancel)
        except BaseException as exc:  # handed to the test thread
            outcome["error"] = exc
        outcome["at"] = time.monotonic()

    reader = threading.Thread(target=read)
    reader.start()
    time.sleep(after)
    cancelled_at = time.monotonic()
    cancel.set()
    reader.join(30)
    assert isinstance(outcome.get("error"), RenderCancelled), outcome.get("error")
    return float(outcome["at"]) - cancelled_at  # type: ignore[arg-type]


def test_org_journal_heading_of_300000_spaces_reads_in_under_a_second(tmp_path):
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "20200101").write_text("* Wednesday, 1 January 2020\n** 10:00 a" + " " * 300_000 + "b\n")
    assert cpu_seconds_to_read(tmp_path / "org") < 1.0  # was more than 20 s: the tag pattern backtracked
    (entry,) = read_journal(tmp_path / "org").entries
    assert entry.tags == () and entry.title.startswith("a")


def test_org_journal_stop_is_honoured_within_a_large_file(tmp_path):
    (tmp_path / "org").mkdir()
    body = "x\n" * 7_000_000  # 14 MB (under the 16 MiB cap on one file) of very short lines
    (tmp_path / "org" / "20200101").write_text("* Wednesday, 1 January 2020\n** 10:00 one long entry\n" + body)
    assert stops_within(tmp_path / "org", after=0.3) < 0.3


def test_apple_journal_page_of_unclosed_page_headers_reads_in_linear_time(tmp_path):
    entries = tmp_path / "AppleJournalEntries" / "Entries"
    entries.mkdir(parents=True)
    page = entries / "2024-01-01_a.html"
    page.write_text("pageheader" * 100_000)  # 1 MB took 1.9 s, 2 MB 5.2 s
    one = cpu_seconds_to_read(tmp_path / "AppleJournalEntries")
    page.write_text("pageheader" * 400_000)
    four = cpu_seconds_to_read(tmp_path / "AppleJournalEntries")
    assert four < 0.5 and four < 8 * one + 0.05


def test_apple_journal_stop_is_honoured_within_one_page(tmp_path):
    entries = tmp_path / "AppleJournalEntries" / "Entries"
    entries.mkdir(parents=True)
    (entries / "2024-01-01_a.html").write_text("<pageheader>" * 1_300_000)  # no element: 0.9 s to look through
    assert stops_within(tmp_path / "AppleJournalEntries", after=0.1) < 0.2


def test_daylio_year_of_superscript_digits_is_one_skipped_row(tmp_path):
    csv = tmp_path / "daylio.csv"
    csv.write_text(
        "year,date,weekday,time,mood,activities,note\n²⁰²⁵,7 May,x,10:00,rad,,\n2025,8 May,x,10:00,good,,\n", "utf-8"
    )
    journal = read_journal(csv)
    assert [e.mood for e in journal.entries] == ["good"]
    assert [(p.line, p.reason) for p in journal.problems] == [
        (2, "the date cannot be read (expected YYYY-MM-DD, or a year and '18 May')")
    ]


def test_daylio_header_cell_over_128_kib_is_one_clear_line(tmp_path):
    csv = tmp_path / "daylio.csv"
    csv.write_text("full_date,date," + "x" * 140_000 + ",mood\n2025-01-01,a,b,rad\n")
    with pytest.raises(JournalError) as raised:
        read_journal(csv)
    assert str(raised.value) == f"{csv}:1: a CSV header that cannot be read (a cell over 128 KiB?)"


def test_daylio_row_with_a_cell_over_128_kib_is_one_skipped_row(tmp_path):
    csv = tmp_path / "daylio.csv"
    csv.write_text(
        "full_date,date,weekday,time,mood,activities,note\n"
        f"2025-01-01,x,x,10:00,rad,,{'y' * 140_000}\n2025-01-02,x,x,11:00,good,,fine\n"
    )
    journal = read_journal(csv)
    assert [e.mood for e in journal.entries] == ["good"] and [p.line for p in journal.problems] == [2]


def test_daylio_csv_without_a_date_or_a_mood_column_names_what_it_needs(tmp_path):
    csv = tmp_path / "export.csv"
    csv.write_text("when,feeling,words\n2025-01-01,ok,x\n")
    with pytest.raises(JournalError, match=r"without Daylio's columns \(full_date or year and date, and mood\)"):
        read_journal(csv)


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("Journal.json", '{"metadata": {"version": "1.0"}, "entries": []}', "a Day One export with no entries"),
        ("export.json", '{"entries": []}', "a Day One export with no entries"),
        ("config.edn", "{:meta/version 1\n :preferred-format :markdown\n :journals {}}\n", "not a journal file"),
        ("empty.txt", "", "an empty file, not a journal wrapped reads"),
    ],
)
def test_a_refusal_is_one_true_line_that_points_to_wrapped_formats(tmp_path, name, content, said):
    path = tmp_path / name
    path.write_text(content)
    result = subprocess.run([sys.executable, "-m", "wrapped", "stats", str(path)], capture_output=True, text=True,
                            timeout=60)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"wrapped: {path}: {said}; see `wrapped formats`"]


def test_wrapped_formats_prints_every_format_and_what_to_give_it():
    from wrapped.journal import FORMATS

    result = subprocess.run([sys.executable, "-m", "wrapped", "formats"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["format", "give", "wrapped"] and len(lines) == 1 + len(FORMATS)
    for (name, give), line in zip(FORMATS, lines[1:], strict=True):
        assert line.startswith(name) and line.endswith(give)
    for name in ("Daylio", "org-journal", "Apple Journal", "Day One Classic", "Logseq"):
        assert any(line.startswith(name) for line in lines)


def test_jrnl_stop_is_honoured_within_a_large_file_without_entries(tmp_path):
    journal = tmp_path / "journal.txt"
    journal.write_text("[2024-01-01 09:00] the only entry\n" + "a line of prose, no header\n" * 2_000_000)  # 54 MB
    assert stops_within(journal, after=0.3) < 0.3


def test_jrnl_folder_day_named_in_superscript_digits_is_one_skipped_file(tmp_path):
    (tmp_path / "2024" / "03").mkdir(parents=True)
    (tmp_path / "2024" / "03" / "01.txt").write_text("[2024-03-01 09:00] fine\n")
    (tmp_path / "2024" / "03" / "²¹.txt").write_text("[2024-03-21 09:00] odd name\n")  # '²¹'.isdigit() is True
    journal = read_journal(tmp_path)
    assert [e.title for e in journal.entries] == ["fine"]
    assert [p.source.name for p in journal.problems] == ["²¹.txt"]
