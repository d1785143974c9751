"""Every reader yields the same Entry model; bad input is skipped with file and line, never fatal."""

from __future__ import annotations

import json
import zipfile
from datetime import date, datetime

import pytest

from wrapped.errors import JournalError, NoEntriesForYear
from wrapped.journal import read_journal

from conftest import FIXTURES


def test_markdown_folder_reads_front_matter_inline_tags_and_file_names():
    journal = read_journal(FIXTURES / "notes")
    by_title = {e.title: e for e in journal.entries}
    assert set(by_title) == {"First day of March", "Saturday", "Lisbon, day one"}
    march1 = by_title["First day of March"]
    assert march1.day == date(2024, 3, 1) and march1.moment == datetime(2024, 3, 1, 7, 30)
    assert march1.tags == ("work", "running") and march1.mood == "good"
    assert march1.weather == "rain" and march1.location == "Manchester"
    saturday = by_title["Saturday"]
    assert saturday.day == date(2024, 3, 2) and saturday.moment is None  # date from the file name alone
    assert saturday.tags == ("reading", "running")  # inline tags, not headings or code
    lisbon = by_title["Lisbon, day one"]
    assert lisbon.moment == datetime(2024, 3, 5, 21, 45) and lisbon.starred
    assert lisbon.tags == ("travel", "friends") and lisbon.location == "Lisbon"


def test_markdown_problems_name_the_file_and_line_and_hidden_folders_are_ignored():
    journal = read_journal(FIXTURES / "notes")
    problems = {p.source.name: p for p in journal.problems}
    assert set(problems) == {"broken-yaml.md", "no-date-here.md"}
    assert problems["broken-yaml.md"].line is not None and "YAML" in problems["broken-yaml.md"].reason
    assert "no date" in problems["no-date-here.md"].reason
    assert all(".obsidian" not in str(e.source) for e in journal.entries)


def test_jrnl_text_reads_titles_tags_stars_and_skips_a_bad_date_with_its_line():
    journal = read_journal(FIXTURES / "jrnl.txt")
    titles = [e.title for e in journal.entries]
    assert titles == [
        "Last one of the year.",  # one line: its first sentence, as jrnl splits it
        "Back to it. Coffee, then @work until six.",  # more lines: the first line
        "A good day",  # the star is stripped
        "No time on this one.",
    ]
    back = journal.entries[1]
    assert back.moment == datetime(2024, 1, 2, 8, 15) and back.tags == ("work", "running") and back.line == 3
    assert "Second line" in back.excerpt and back.words == 15
    assert journal.entries[2].starred and not back.starred
    assert journal.entries[3].moment is None
    [problem] = journal.problems
    assert problem.source.name == "jrnl.txt" and problem.line == 9


def test_jrnl_json_export():
    journal = read_journal(FIXTURES / "jrnl.json")
    assert [e.title for e in journal.entries] == ["Morning pages", "Evening"]
    assert journal.entries[0].starred and journal.entries[0].tags == ("work",)
    assert journal.entries[0].moment == datetime(2024, 2, 10, 6, 45) and journal.entries[1].moment is None
    assert len(journal.problems) == 1 and "entry 3" in journal.problems[0].reason


def test_dayone_entry_year_is_its_local_year_not_utc():
    journal = read_journal(FIXTURES / "dayone.json")
    eve = next(e for e in journal.entries if e.location == "Berlin")
    # 23:30 UTC on 31 December is 00:30 on 1 January in Berlin
    assert eve.day == date(2025, 1, 1) and eve.year == 2025 and eve.moment.hour == 0
    assert eve.title == "New Year in Berlin" and eve.excerpt.endswith("\nFireworks. Everyone on the street!")
    assert eve.tags == ("family", "travel") and eve.starred and eve.weather == "Clear"
    park = next(e for e in journal.entries if e.title == "Lunch in the park")
    assert park.day == date(2024, 6, 15) and park.moment.hour == 10 and park.tags == ()
    assert park.excerpt.endswith("Sandwiches and a book (finally).")
    assert journal.years() == {2024: 1, 2025: 1} and len(journal.problems) == 1


def test_dayone_zip_export_reads_every_journal_inside(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(FIXTURES / "dayone.json", "Journal.json")
        z.writestr("photos/abc.jpeg", b"\xff\xd8not really")
    journal = read_journal(archive)
    assert len(journal.entries) == 2 and journal.kind == "Day One export"
    assert "Journal.json" in str(journal.problems[0].source)


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"something": []}), "JSON without journal entries"),
    ],
)
def test_a_broken_json_file_is_one_clear_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "export.json"
    path.write_text(content)
    with pytest.raises(JournalError, match=message) as info:
        read_journal(path)
    assert str(path) in str(info.value)


def test_a_path_with_no_journal_is_a_clear_error(tmp_path):
    with pytest.raises(JournalError, match="no such file"):
        read_journal(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(JournalError, match="no journal entries"):
        read_journal(tmp_path / "empty")
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(JournalError, match=r"binary\.txt"):
        read_journal(tmp_path / "binary.txt")


def test_an_unreadable_note_is_skipped_and_reported_not_fatal(tmp_path):
    (tmp_path / "2024-05-01.md").write_text("fine")
    (tmp_path / "2024-05-02.md").write_bytes(b"\xff\xfe bad bytes")
    journal = read_journal(tmp_path)
    assert len(journal.entries) == 1
    assert [p.source.name for p in journal.problems] == ["2024-05-02.md"]


def test_a_year_without_entries_names_the_years_that_have_them():
    journal = read_journal(FIXTURES / "jrnl.txt")
    with pytest.raises(NoEntriesForYear, match=r"no entries in 2019 \(found 2023, 2024\)"):
        journal.entries_in(2019)
    assert journal.latest_year() == 2024


def test_stray_text_before_the_first_jrnl_entry_is_one_problem_not_one_per_line(tmp_path):
    path = tmp_path / "journal.txt"
    path.write_text("notes to self\nmore notes\nand more\n[2024-04-01 09:00] Real entry. Body.\n")
    journal = read_journal(path)
    assert [e.title for e in journal.entries] == ["Real entry."]
    assert [(p.line, p.reason) for p in journal.problems] == [(1, "text before the first dated entry (ignored)")]
