"""Property-based fuzzing of every reader (Markdown, jrnl, Day One, Day One Classic, Logseq,
Daylio, Journey, Apple Journal, org-journal; folders and zips): any content gives entries and
Problems, or one JournalError; never another exception, and no Problem ever quotes a value from
the journal. And every reader stays linear: a fuzzed unit repeated to a large file is read in
CPU time that grows with its size, not its square.

Budget: FUZZ_EXAMPLES examples per reader (60 by default, which keeps this file near a minute);
raise it with WRAPPED_FUZZ_EXAMPLES=2000 for a long run.
"""

from __future__ import annotations

import json
import os
import plistlib
import tempfile
import time
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wrapped.entries import Journal
from wrapped.errors import JournalError
from wrapped.journal import read_journal

FUZZ_EXAMPLES = int(os.environ.get("WRAPPED_FUZZ_EXAMPLES", "60"))
SECRET = "Zq7SECRET"  # planted in values; must never appear in a Problem
fuzz = settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60) | st.sampled_from(
    ["", SECRET, "\x00", "\ufeff", "[[2024-08-05]]", "8:15 AM", "25:99", "-1", "9" * 30, "\u202e", "é" * 5]
)
surrogates = st.sampled_from(["\ud800", "\udfff", "a\udc80b"])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | texts | surrogates,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)
stamps = st.sampled_from([
    "2024-01-15 09:14:00 AM", "2024-01-15 21:14", "01/15/2024 09:14 PM", "15.01.2024 21:14", "2024-13-45 10:00",
    "0001-01-01 00:00", "9999-12-31 23:59", "Mon Jan 15 21:14:00 2024", SECRET, "2024-02-30", "",
]) | texts  # fmt: skip
iso_dates = st.sampled_from(["2024-05-05T10:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2024-05-05",
                             "2024-05-05T10:00:00+14:00", SECRET]) | texts  # fmt: skip
zones = st.sampled_from(["Europe/Berlin", "America", "../../etc/passwd", "UTC", "Asia/Tokyo", SECRET]) | json_values
epoch_ms = st.integers(-(10**18), 10**18) | st.floats() | st.sampled_from([1.7976931348623157e308, 1695934800000])


def read(path: Path) -> None:
    """The property: a Journal or one JournalError; no Problem quotes the planted value."""
    try:
        journal = read_journal(path)
    except JournalError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(journal, Journal)
    for problem in journal.problems:
        assert SECRET not in problem.reason
        str(problem).encode("utf-8")
    for entry in journal.entries:
        (entry.title + entry.excerpt + "".join(entry.tags) + (entry.mood or "")).encode("utf-8")


def in_folder(files: dict[str, bytes | str], target: str = "", zipped: bool = False) -> float:
    """Write the files, read `target` (or a zip of the folder); return the CPU seconds it took."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                content = content.encode("utf-8", "surrogatepass")
            path.write_bytes(content)
        if zipped:
            archive = Path(scratch + ".zip")
            with zipfile.ZipFile(archive, "w") as z:
                for name in files:
                    z.write(root / name, name)
            target_path = archive
        else:
            target_path = root / target
        start = time.process_time()
        try:
            read(target_path)
        finally:
            if zipped:
                archive.unlink()
        return time.process_time() - start


@fuzz
@given(st.lists(st.tuples(stamps, texts, st.booleans()), max_size=8), st.binary(max_size=40))
def test_jrnl_text(entries, junk):
    text = "".join(f"[{stamp}] {title}{' *' if star else ''}\nbody {SECRET}\n" for stamp, title, star in entries)
    in_folder({"journal.txt": text.encode("utf-8", "surrogatepass") + junk}, "journal.txt")


@fuzz
@given(st.dictionaries(st.sampled_from(["date", "Date", "time", "tags", "mood", "title", "starred", "location", "created"]),
                       json_values, max_size=6), texts, st.sampled_from(["2024-08-05.md", "note.md", "20240805.md"]))  # fmt: skip
def test_markdown_front_matter(meta, body, name):
    front = "".join(f"{key}: {json.dumps(value)}\n" for key, value in meta.items())
    in_folder({name: f"---\n{front}---\n{body}\n", "2024-01-01.md": "fine"})


@fuzz
@given(st.lists(st.fixed_dictionaries({}, optional={"creationDate": iso_dates | json_values, "timeZone": zones,
       "text": json_values, "tags": json_values, "location": json_values, "weather": json_values,
       "starred": json_values}), max_size=5))  # fmt: skip
def test_dayone_json(entries):
    in_folder(
        {"dayone.json": json.dumps({"entries": [{"creationDate": "2024-01-01T00:00:00Z"}, *entries]})}, "dayone.json"
    )


@fuzz
@given(st.lists(st.fixed_dictionaries({}, optional={"date": stamps | json_values, "time": json_values,
       "title": json_values, "body": json_values, "tags": json_values, "starred": json_values}), max_size=5))  # fmt: skip
def test_jrnl_json(entries):
    in_folder({"j.json": json.dumps({"entries": [{"date": "2024-01-01", "title": "t"}, *entries]})}, "j.json")


@fuzz
@given(st.fixed_dictionaries({"date_journal": epoch_ms | json_values}, optional={"timezone": zones,
       "text": json_values, "preview_text": json_values, "mood": json_values, "tags": json_values,
       "lat": json_values, "lon": json_values, "address": json_values, "weather": json_values,
       "favourite": json_values}))  # fmt: skip
def test_journey_entry(entry):
    good = {"date_journal": 1695934800000, "text": "<p>fine</p>"}
    files = {"journey/1.json": json.dumps(good), "journey/2.json": json.dumps(entry)}
    in_folder(files, "journey")
    with tempfile.TemporaryDirectory() as scratch:
        archive = Path(scratch) / "journey.zip"
        with zipfile.ZipFile(archive, "w") as z:
            for name, content in files.items():
                z.writestr(name, content)
        read(archive)


@fuzz
@given(st.lists(st.lists(texts | st.sampled_from(["2021-09-28", "28 September", "18. Mai", "10:00 pm", "rad", "a | b"]),
                         max_size=9), max_size=6), st.booleans())  # fmt: skip
def test_daylio_csv(rows, older):
    header = (
        "year,date,weekday,time,mood,activities,note"
        if older
        else "full_date,date,weekday,time,mood,activities,note_title,note"
    )
    lines = [header] + [",".join(json.dumps(cell) if "," in cell else cell for cell in row) for row in rows]
    in_folder({"daylio.csv": "\n".join(lines)}, "daylio.csv")


@fuzz
@given(st.lists(texts | st.sampled_from(["tags:: a, [[b]]", "- block #tag", "\t- child [[ref]]", "mood:: " + SECRET, "#[[x"]),
                max_size=10), st.sampled_from(["2024_03_01.md", "2024_13_45.md", "page.md"]))  # fmt: skip
def test_logseq_page(lines, name):
    in_folder({f"graph/journals/{name}": "\n".join(lines), "graph/journals/2024_01_01.md": "- fine", "graph/logseq/x": ""},
              "graph")  # fmt: skip


@fuzz
@given(st.lists(texts | st.sampled_from(["* Sunday, 12 January 2020", "** 22:00 Title :a:b:", "** 99:99 x", ":PROPERTIES:",
                                         ":END:", "#+TITLE: " + SECRET]), max_size=10),
       st.sampled_from(["20200112", "2020-01-13.org", "99999999", "notes.org"]))  # fmt: skip
def test_org_journal(lines, name):
    in_folder({f"org/{name}": "\n".join(lines), "org/20200101": "* Wednesday, 1 January 2020\n** 10:00 fine\n"}, "org")


@fuzz
@given(texts, texts, texts, st.sampled_from(["2024-09-19_Lake.html", "x.html"]))
def test_apple_journal_page(header, title, body, name):
    page = f'<html><body><div class="pageHeader">{header}</div><div class="title">{title}</div><p class="p2">{body}</p>'
    in_folder({f"AppleJournalEntries/Entries/{name}": page,
               "AppleJournalEntries/Entries/2024-01-01_a.html": '<div class="pageHeader">Monday 1 January 2024</div>'},
              "AppleJournalEntries")  # fmt: skip


@fuzz
@given(st.dictionaries(st.sampled_from(["Creation Date", "Time Zone", "Entry Text", "Tags", "Starred", "Location", "Weather"]),
                       st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | texts
                       | st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30))
                       | st.lists(texts, max_size=3) | st.dictionaries(texts, texts, max_size=3)),
       st.binary(max_size=60))  # fmt: skip
def test_dayone_classic_entry(data, junk):
    data = {k: v for k, v in data.items() if v is not None}
    try:
        plist = plistlib.dumps(data)
    except (TypeError, ValueError, OverflowError):
        plist = junk
    good = plistlib.dumps({"Creation Date": datetime(2014, 1, 1), "Entry Text": "fine"})
    in_folder({"J.dayone/entries/a.doentry": plist, "J.dayone/entries/b.doentry": good, "J.dayone/entries/c.doentry": junk},
              "J.dayone")  # fmt: skip


@fuzz
@given(
    st.binary(max_size=300),
    st.sampled_from(["x.txt", "x.json", "x.csv", "x.zip", "x.md", "x.html", "x.org", "x.doentry"]),
)
def test_any_bytes_under_any_name(content, name):
    in_folder({name: content}, name)


digits = st.sampled_from(["²⁰²⁵", "٢٠٢٥", "２０２５", "2025", "¹", "7", "07", "99", "-1", "1e3"])
daylio_cells = texts | digits | st.sampled_from(["2025-06-14", "7 września", "30 grudnia", "sept. 7", "June 14",
                                                 "10:00 pm", "22:00", "rad", "a | b", "Energy:\u00a04", "\"", "x" * 300])  # fmt: skip
DAYLIO_COLUMNS = ["full_date", "year", "date", "weekday", "time", "mood", "activities", "scales", "note_title", "note"]


@fuzz
@given(st.lists(st.sampled_from(DAYLIO_COLUMNS), min_size=1, max_size=10, unique=True),
       st.lists(st.lists(daylio_cells, max_size=10), max_size=6), st.booleans())  # fmt: skip
def test_daylio_csv_of_any_layout(columns, rows, bom):
    """Any subset and order of Daylio's column names, cells with digits of every script."""
    lines = [",".join(columns)] + [",".join(json.dumps(c) if ("," in c or '"' in c) else c for c in r) for r in rows]
    in_folder({"daylio.csv": ("\ufeff" if bom else "") + "\n".join(lines)}, "daylio.csv")


org_lines = texts | st.sampled_from([
    "* Sunday, 13 January 2019", "* Saturday, 01 June 2019", "* 7 września 2017", "#+TITLE: Tuesday, 05 January 2021",
    "#+title: 2021-01-05", "* TODO test 1", "* 12:00 Some node", "** 09:15 plans :a:b:", "** 10:00 a" + " " * 500 + "b",
    "** x" + "\t" * 300 + ":t:", "SCHEDULED: <2021-01-05 Tue>", ":PROPERTIES:", ":END:", "*** deeper", "* " + "²" * 8,
])  # fmt: skip


@fuzz
@given(st.lists(org_lines, max_size=14), st.sampled_from(["20190101", "2021-01-05.org", "20200230", "x.org"]))
def test_org_journal_files_of_every_type(lines, name):
    """Daily, yearly and #+TITLE files, headings the reader must not mistake, long runs of blanks."""
    in_folder({f"org/{name}": "\n".join(lines), "org/20200101": "* Wednesday, 1 January 2020\n** fine\n"}, "org")


@fuzz
@given(st.lists(texts | st.sampled_from(["pageheader", "<div class=", '"pageHeader">', "</div>", ">", "<", "title"]),
                max_size=30), st.booleans())  # fmt: skip
def test_apple_journal_pages_of_broken_markup_in_a_folder_or_zip(parts, zipped):
    files = {"AppleJournalEntries/Entries/2024-09-19_a.html": "".join(parts),
             "AppleJournalEntries/Entries/2024-01-01_b.html": '<div class="pageHeader">Monday 1 January 2024</div>'}  # fmt: skip
    in_folder(files, "AppleJournalEntries", zipped=zipped)


@fuzz
@given(st.lists(st.fixed_dictionaries({}, optional={"creationDate": iso_dates | json_values, "timeZone": zones,
       "text": json_values, "tags": json_values}), max_size=4), st.binary(max_size=40))  # fmt: skip
def test_dayone_zip_with_a_journal_and_junk(entries, junk):
    files = {"Journal.json": json.dumps({"metadata": {"version": "1.0"}, "entries": entries}), "photos/a.jpeg": junk}
    in_folder(files, zipped=True)


@fuzz
@given(st.dictionaries(st.sampled_from(["2024/03/01.txt", "2024/13/01.txt", "2024/02/30.txt", "2024/03/x.txt"]),
                       texts, min_size=1), texts)  # fmt: skip
def test_jrnl_folder_journal(days, extra):
    in_folder({**days, "2024/01/01.txt": f"[2024-01-01 09:00] fine\n{extra}"})


# Linear in the input: a small unit (fuzzed around the shapes that made readers quadratic before)
# repeated to a large file costs CPU in proportion. Each case: (file name, head, unit, repeats).
LINEAR = {
    "org-journal": ("org/20200101", "* Wednesday, 1 January 2020\n** 10:00 a", " ", 300_000),
    "org-journal tags": ("org/20200101", "* Wednesday, 1 January 2020\n", "** x :a:b:\n", 40_000),
    "Apple Journal": ("AppleJournalEntries/Entries/2024-01-01_a.html", "", "pageheader", 100_000),
    "Daylio": ("d.csv", "year,date,weekday,time,mood,activities,note\n", "²⁰²⁵,7 września,x,10:00,rad,,\n", 20_000),
    "Markdown": ("n/2024-01-01.md", "---\ntags: [", "a, ", 100_000),
    "jrnl": ("j.txt", "[2024-01-01 09:00] t\n", "[2024-01-01 09:00 x\n", 30_000),
    "Logseq": ("g/journals/2024_01_01.md", "- ", "#[[", 100_000),
    "Journey": ("journey/1.json", '{"date_journal": 1695934800000, "text": "', "<p><b>", 100_000),
    "Day One": ("d1.json", '{"entries": [{"creationDate": "2024-01-01T00:00:00Z", "text": "', "#tag ", 100_000),
}


@pytest.mark.parametrize("kind", sorted(LINEAR))
@settings(max_examples=max(2, FUZZ_EXAMPLES // 30), deadline=None, suppress_health_check=list(HealthCheck))
@given(salt=st.text(st.characters(blacklist_categories=("Cs",)), max_size=3))
def test_every_reader_is_linear_in_its_input(kind, salt):
    name, head, unit, repeats = LINEAR[kind]
    tail = {"Journey": '"}', "Day One": '"}]}', "Logseq": "", "Markdown": "]\n---\n"}.get(kind, "")
    target = name.split("/")[0] if "/" in name else name
    if kind == "Logseq":
        target = "g"
    costs = []
    for times in (repeats // 4, repeats):
        files = {name: head + (unit + salt) * times + tail}
        if kind == "Logseq":
            files["g/logseq/config.edn"] = "{}"
        costs.append(min(in_folder(files, target) for _ in range(2)))  # the better of two: a GC pause is not growth
    small, large = costs
    assert large < 2.0 and large < 10 * small + 0.2, (kind, small, large)  # 4x the input: not 16x the time
