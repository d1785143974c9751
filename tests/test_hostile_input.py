"""Hostile journals: whatever a file holds, reading gives entries and Problems, or one clear error.

Never a traceback, never a hang, never a value from the journal in a message.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
import zipfile
from datetime import date

import pytest
import yaml

from wrapped.entries import Entry
from wrapped.errors import JournalError, RenderCancelled
from wrapped.journal import read_journal
from wrapped.journal.markdown import simple_yaml

from conftest import SAMPLE


def wrapped_cli(*args, timeout=30):
    return subprocess.run([sys.executable, "-m", "wrapped", *args], capture_output=True, text=True, timeout=timeout)


def test_a_fifo_given_as_the_journal_is_one_line_not_a_hang(tmp_path):
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    result = wrapped_cli("stats", str(fifo), timeout=15)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"wrapped: {fifo}: not a file or a folder (a FIFO, socket or device); nothing was read"
    ]


def test_a_fifo_inside_a_notes_folder_is_listed_as_skipped_and_never_opened(tmp_path):
    (tmp_path / "2024-01-01.md").write_text("A real note.")
    os.mkfifo(tmp_path / "2024-01-02.md")
    started = time.monotonic()
    journal = read_journal(tmp_path)
    assert time.monotonic() - started < 5
    assert len(journal.entries) == 1
    [problem] = journal.problems
    assert problem.source.name == "2024-01-02.md" and "FIFO" in problem.reason


def test_a_symlink_loop_and_a_dangling_link_are_problems_not_errors(tmp_path):
    (tmp_path / "2024-01-01.md").write_text("A real note.")
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "2024-01-03.md").symlink_to(tmp_path / "gone.md")
    journal = read_journal(tmp_path)
    assert len(journal.entries) == 1 and [p.source.name for p in journal.problems] == ["2024-01-03.md"]


def test_a_zip_bomb_member_is_refused_without_unpacking_it(tmp_path):
    archive = tmp_path / "journey.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.json", json.dumps({"date_journal": 1700000000000, "text": "fine", "timezone": "UTC"}))
        with z.open("bomb.json", "w") as member:  # 64 MiB of spaces: 64 KiB compressed
            for _ in range(64):
                member.write(b" " * (1 << 20))
    code = (
        "import re, sys; from wrapped.journal import read_journal; "
        f"j = read_journal({str(archive)!r}); "
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the (large) pytest parent
        "hwm = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]) // 1024; "
        "print(len(j.entries), [p.reason for p in j.problems], hwm)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    entries, rest = out.split(" ", 1)
    assert entries == "1" and "unpacks to more than 16 MiB" in rest
    assert int(rest.rsplit(" ", 1)[1]) < 200  # MiB: the 64 MiB member was never held


def test_what_all_members_of_an_archive_unpack_to_is_capped_too(tmp_path):
    from wrapped.journal import source

    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ("a.json", "b.json"):
            z.writestr(name, json.dumps({"text": "x " * 3000}))
    budget = source.ZipBudget(total=10_000)  # room for the first member, not for both
    with zipfile.ZipFile(archive) as z:
        first, second = z.infolist()
        assert len(budget.read(z, first)) > 6000
        with pytest.raises(source.Unreadable, match="unpacks to more than"):
            budget.read(z, second)


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000, "not readable JSON"),
        ("object.json", '{"something": []}', "JSON without journal entries"),
        ("empty.txt", "", "an empty file"),
        ("data.csv", "a,b,c\n1,2,3\n", "without Daylio's columns"),
        ("binary.txt", "\udcff\udcfe\x00garbage", "binary file"),
        ("prose.txt", "Dear diary, nothing here has a date.\n", "jrnl's '[YYYY-MM-DD HH:MM] Title'"),
    ],
)
def test_a_file_that_is_no_journal_is_one_line_saying_what_it_looked_like(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.raises(JournalError) as caught:
        read_journal(path)
    message = str(caught.value)
    assert expected in message and "\n" not in message and name in message


def test_deep_nesting_in_front_matter_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "2024-01-01.md").write_text("---\nx: " + "[" * 30_000 + "]" * 30_000 + "\n---\nBody.")
    (tmp_path / "2024-01-02.md").write_text("---\ntags: " + "- \n  " * 2000 + "\n---\nBody.")
    (tmp_path / "2024-01-03.md").write_text("A fine note.")
    journal = read_journal(tmp_path)  # libyaml would recurse in C and crash the process
    assert {p.source.name for p in journal.problems} <= {"2024-01-01.md", "2024-01-02.md"}
    assert "nested too deeply" in journal.problems[0].reason


@pytest.mark.parametrize("value", ["5", "3.5", "true", "2024-01-01", "null", "{a: 1}", "[1, [2, 3], {x: y}, true]"])
def test_tags_of_any_yaml_type_never_abort_the_journal(tmp_path, value):
    (tmp_path / "2024-01-01.md").write_text(f"---\ntags: {value}\n---\nBody.")
    [entry] = read_journal(tmp_path).entries
    assert all(isinstance(tag, str) and tag for tag in entry.tags)


@pytest.mark.parametrize(
    "date_value, zone",
    [
        ("0001-01-01T02:00:00Z", "America/New_York"),  # moving it west leaves the calendar
        ("9999-12-31T23:00:00Z", "Asia/Tokyo"),  # and moving it east
        ("2024-06-01T10:00:00Z", "America"),  # a folder of the zone database, not a zone
        ("2024-06-01T10:00:00Z", "../../../../etc/passwd"),
        ("2024-06-01T10:00:00Z", 42),
    ],
)
def test_dayone_dates_and_zones_out_of_range_or_unknown(tmp_path, date_value, zone):
    path = tmp_path / "dayone.json"
    good = {"creationDate": "2024-05-05T10:00:00Z", "text": "fine"}
    path.write_text(json.dumps({"entries": [good, {"creationDate": date_value, "timeZone": zone, "text": "x"}]}))
    journal = read_journal(path)
    assert len(journal.entries) + len(journal.problems) == 2 and journal.entries[0].words >= 1


def test_a_lone_surrogate_is_replaced_on_the_way_in_and_the_output_encodes(tmp_path):
    path = tmp_path / "dayone.json"
    path.write_text(
        '{"entries": [{"creationDate": "2024-05-05T10:00:00Z", "text": "Title \\ud800 here", "tags": ["\\udfff"]}]}'
    )
    [entry] = read_journal(path).entries
    assert entry.title.encode("utf-8") and entry.excerpt.encode("utf-8") and all(t.encode("utf-8") for t in entry.tags)
    result = wrapped_cli("stats", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["longest_entry"]["title"].startswith("Title")


def test_nul_bytes_crlf_and_a_bom_are_read(tmp_path):
    path = tmp_path / "j.txt"
    path.write_bytes(b"\xef\xbb\xbf[2024-01-15 09:14:00 AM] Tab\x00le talk. *\r\nSecond line.\r\n")
    [entry] = read_journal(path).entries
    assert entry.starred and entry.title == "Table talk." and entry.moment.hour == 9 and "\x00" not in entry.excerpt


@pytest.mark.parametrize(
    "name, content",
    [
        ("2024-01-01.md", "# " + "a " * 2000 + "\n" + "#" * 4000 + " x " + " " * 4000 + "#"),
        ("j.txt", "[2024-01-01 10:00] " + "." * 100_000 + "x"),
        ("k.txt", "[2024-01-01 10:00] " + ".)" * 50_000 + "\n" + "```" * 30_000),
        ("2024-01-02.md", "```\n" * 20_000 + "#tag " * 20_000),
        ("2024-01-03.md", "---\nk: a" + " " * 60_000 + "b\n---\nx"),
        ("x.html", '<div class="pageHeader">' + "pageheader " * 50_000),
    ],
)
def test_reading_time_stays_linear_on_pathological_lines(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content)
    started = time.monotonic()
    with contextlib.suppress(JournalError):  # some hold no entry at all: what counts is how long it took
        read_journal(path if name.endswith((".txt", ".html")) else tmp_path)
    assert time.monotonic() - started < 2.0  # was 84 s and 120 s with backtracking expressions


def test_problems_name_the_key_and_the_form_but_never_the_value(tmp_path):
    secrets = ["Tuesday after the funeral", "quarter past never", "my-secret-zone"]
    (tmp_path / "note.md").write_text(f"---\ndate: {secrets[0]}\ntime: {secrets[1]}\n---\nBody.")
    (tmp_path / "journal.json").write_text(json.dumps({"entries": [{"creationDate": secrets[2], "text": "x"}]}))
    (tmp_path / "2024-01-01.md").write_text("fine")
    result = wrapped_cli("stats", str(tmp_path))
    assert result.returncode == 0
    assert "note.md" in result.stderr and "front matter 'date' is not a date" in result.stderr
    assert not any(secret in result.stderr + result.stdout for secret in secrets)


def test_reading_is_cancelled_between_files_within_100_ms(tmp_path):
    for i in range(4000):
        (tmp_path / f"2020-01-01-{i}.md").write_text(f"---\ntags: [a, b]\n---\n# Note {i}\n" + "word " * 300)
    cancel = threading.Event()
    outcome = {}

    def read():
        try:
            read_journal(tmp_path, cancel)
        except BaseException as exc:  # handed to the test thread
            outcome["error"] = exc
        outcome["at"] = time.monotonic()

    reader = threading.Thread(target=read)
    reader.start()
    time.sleep(0.1)
    cancelled_at = time.monotonic()
    cancel.set()
    reader.join(10)
    assert isinstance(outcome.get("error"), RenderCancelled)
    assert outcome["at"] - cancelled_at < 0.1


def test_ctrl_c_while_reading_a_big_folder_exits_at_once(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(6000):
        (notes / f"2020-01-01-{i}.md").write_text("word " * 200)
    process = subprocess.Popen(
        [sys.executable, "-m", "wrapped", "render", str(notes), "--out", str(tmp_path / "v.mp4")],
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.2)  # the interpreter is up and reading (6,000 notes take well over a second)
    sent = time.monotonic()
    process.send_signal(2)
    assert process.wait(timeout=10) == 130
    assert time.monotonic() - sent < 1.0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes"]


def test_the_fast_front_matter_path_reads_exactly_what_yaml_reads():
    cases = [
        "date: 2024-03-01\ntime: 07:45\ntags: [river, bread]\nmood: good",
        "time: 12:30",
        "Title: It's fine",
        "a: b - c",
        "mood: Good day",
        "k: v\nK: w",
        "x: no",
        "tags: []",
        "k: a:b",
        "date: 2024-02-30",
    ]
    for text in cases:
        fast = simple_yaml(text)
        if fast is not None:
            assert fast == {k.lower(): v for k, v in yaml.safe_load(text).items()}, text


def test_the_sample_still_reads_the_same():
    journal = read_journal(SAMPLE)
    assert journal.years() == {2024: 13, 2025: 287} and journal.problems == ()
    assert all(isinstance(e, Entry) and e.day >= date(2024, 1, 1) for e in journal.entries)
