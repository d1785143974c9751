"""Every journal format, read from a fixture written the way its app writes it (quirks included).

Each expectation below was worked out by hand from the fixture file, not copied from a run.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime, timedelta

import pytest

from wrapped.journal import read_journal
from wrapped.pipeline import year_stats

from conftest import FIXTURES

FORMATS = FIXTURES / "formats"


def test_jrnl_default_timeformat_stars_and_one_line_entries():
    journal = read_journal(FORMATS / "jrnl-default.txt")
    assert journal.kind == "jrnl journal" and journal.problems == ()
    best, notebook, evening, leap = journal.entries
    # "[2013-07-20 09:00:00 AM] Best day of my life! *": starred, the star not in the title
    assert best.starred and best.title == "Best day of my life!" and best.words == 5
    assert best.moment == datetime(2013, 7, 20, 9, 0)
    # one line: the title is its first sentence and every word counts, tags with # and @
    assert notebook.title == "Started the new notebook." and notebook.words == 12
    assert notebook.tags == ("running", "sam") and notebook.moment == datetime(2024, 1, 15, 9, 14)
    assert evening.moment == datetime(2024, 1, 15, 21, 40, 12) and evening.title == "Evening."
    assert evening.words == 15 and evening.tags == ("garden",)  # "Evening." + 8 + 6 words
    assert leap.day == date(2024, 2, 29) and leap.words == 8 and not leap.starred


def test_jrnl_folder_journal_takes_the_day_from_the_path():
    journal = read_journal(FORMATS / "jrnl-folder")
    assert journal.kind == "jrnl folder journal"
    assert [(e.moment, e.title, e.starred) for e in journal.entries] == [
        (datetime(2024, 3, 1, 7, 5), "Rain again.", False),
        (datetime(2024, 3, 1, 22, 30), "Night walk", True),
        (datetime(2024, 4, 2, 18, 0), "Finished the #book.", False),
    ]
    stats = year_stats(journal, 2024)
    assert stats.entries == 3 and stats.days_written == 2 and stats.words == 6 + 2 + 3 and stats.starred == 1


@pytest.mark.parametrize(
    "timeformat, stamp, expected",
    [
        ("%F %r", "2024-01-15 09:14:00 PM", datetime(2024, 1, 15, 21, 14)),
        ("%Y-%m-%d %H:%M", "2024-01-15 21:14", datetime(2024, 1, 15, 21, 14)),
        ("%F %T", "2024-01-15 21:14:05", datetime(2024, 1, 15, 21, 14, 5)),
        ("%m/%d/%Y %I:%M %p", "01/15/2024 09:14 PM", datetime(2024, 1, 15, 21, 14)),
        ("%d/%m/%Y %H:%M", "15/01/2024 21:14", datetime(2024, 1, 15, 21, 14)),
        ("%d.%m.%Y %H:%M", "15.01.2024 21:14", datetime(2024, 1, 15, 21, 14)),
        ("%A, %B %d, %Y %I:%M %p", "Monday, January 15, 2024 09:14 PM", datetime(2024, 1, 15, 21, 14)),
        ("%d %b %Y %H:%M", "15 Jan 2024 21:14", datetime(2024, 1, 15, 21, 14)),
        ("%c", "Mon Jan 15 21:14:00 2024", datetime(2024, 1, 15, 21, 14)),
    ],
)
def test_jrnl_timeformats_as_jrnl_writes_them(tmp_path, timeformat, stamp, expected):
    later = (expected + timedelta(days=20)).strftime(timeformat)
    (tmp_path / "j.txt").write_text(f"[{stamp}] First.\n\n[{later}] Second.\n")
    first, second = read_journal(tmp_path / "j.txt").entries
    assert first.moment == expected and second.moment == expected + timedelta(days=20)


def test_jrnl_day_and_month_order_is_the_one_that_reads_the_whole_file(tmp_path):
    # 03/02 could be 3 February or 2 March; 25/02 settles it: day first
    (tmp_path / "j.txt").write_text("[03/02/2024 10:00] One.\n[25/02/2024 10:00] Two.\n")
    assert [e.day for e in read_journal(tmp_path / "j.txt").entries] == [date(2024, 2, 3), date(2024, 2, 25)]


def test_obsidian_wikilink_dates_string_tags_twelve_hour_times_and_key_case():
    journal = read_journal(FORMATS / "obsidian")
    assert journal.problems == ()  # .obsidian and .trash are not notes
    monday, short, train = journal.entries
    # date: "[[2024-08-05]]", tags: work (a string), time: 8:15 AM, Mood: good (capital M)
    assert monday.day == date(2024, 8, 5) and monday.moment == datetime(2024, 8, 5, 8, 15)
    assert monday.tags == ("work", "deep-work") and monday.mood == "good" and monday.title == "Monday"
    # Date:, TAGS: a list of mixed scalars (a bool and a mapping are not tags)
    assert short.day == date(2024, 8, 6) and short.tags == ("work", "2024") and short.mood == "tired"
    # created: free text falls back to the file name's date; a quoted list of tags
    assert train.day == date(2024, 8, 7) and train.tags == ("travel", "friends") and train.words == 6


def test_logseq_graph_reads_journal_pages_properties_and_tags_but_not_pages():
    journal = read_journal(FORMATS / "logseq")
    assert journal.kind == "Logseq graph" and journal.problems == ()
    planning, lazy = journal.entries
    assert planning.day == date(2024, 3, 1) and planning.mood == "good"
    assert planning.tags == ("work", "deep focus", "planning", "running", "ana")
    assert planning.title == "Planned the quarter with the team planning"
    # 7 + 6 + 3 + 6 words in four blocks; the property lines are not words
    assert planning.words == 22
    assert lazy.tags == ("science fiction",) and lazy.title == "Lazy Saturday, read science fiction all afternoon"


def test_daylio_current_csv_moods_activities_and_twelve_hour_times():
    journal = read_journal(FORMATS / "daylio.csv")
    assert journal.kind == "Daylio CSV" and journal.problems == ()
    picnic, night, sad = journal.entries
    assert picnic.moment == datetime(2021, 9, 27, 8, 5) and picnic.mood == "rad" and picnic.title == "Picnic"
    assert picnic.tags == ("friends", "nature / walk") and picnic.words == 1 + 4 + 3  # <br> is a line break
    assert night.moment == datetime(2021, 9, 27, 23, 0) and night.mood == "good" and night.words == 0
    assert sad.mood == "sad" and sad.tags == ("clean", "music", "movies / tv", "bad sleep")
    stats = year_stats(journal, 2021)
    assert stats.moods == (("good", 1), ("rad", 1), ("sad", 1)) and stats.days_written == 2


def test_daylio_older_csv_with_a_localised_month():
    party, cooking = sorted(read_journal(FORMATS / "daylio-older.csv").entries, key=lambda e: -e.words)
    assert party.day == date(2018, 5, 18) and party.moment == datetime(2018, 5, 18, 23, 54)  # "18. Mai"
    assert party.mood == "super" and party.tags == ("putzen", "kochen") and party.words == 4
    assert cooking.day == date(2018, 5, 17) and cooking.words == 0


def test_journey_entries_in_their_own_zone_with_html_text_and_no_place_sentinel(tmp_path):
    for source in (FORMATS / "journey", _zipped(FORMATS / "journey", tmp_path / "journey.zip")):
        journal = read_journal(source)
        assert journal.kind == "Journey export" and journal.problems == ()
        kyoto, home = journal.entries
        # 1695934800000 ms is 21:00 UTC on 28 September: 06:00 on the 29th in Tokyo
        assert (
            kyoto.day == date(2023, 9, 29) and kyoto.moment.hour == 6 and kyoto.moment.utcoffset() == timedelta(hours=9)
        )
        assert kyoto.title == "Temple at dawn." and kyoto.words == 8 and kyoto.mood == "great"
        assert kyoto.location == "Kyoto, Japan" and kyoto.weather == "Clear" and kyoto.starred
        assert kyoto.tags == ("travel", "japan")
        assert home.location is None and home.mood == "bad" and home.weather is None  # 1.79e308 is no place


def test_dayone_classic_package_of_doentry_plists():
    journal = read_journal(FORMATS / "Journal.dayone")
    assert journal.kind == "Day One Classic journal" and journal.problems == ()
    walk, old = journal.entries
    assert walk.moment == datetime(2014, 10, 23, 15, 36, 33, tzinfo=walk.moment.tzinfo) + timedelta(hours=1)
    assert walk.title == "Autumn walk" and walk.starred and walk.tags == ("walks", "autumn")
    assert walk.location == "London" and walk.weather == "Partly Cloudy" and walk.words == 12
    assert old.day == date(2014, 12, 31) and old.moment.utcoffset() == timedelta(0)  # no zone: stays UTC


def test_apple_journal_export_takes_the_date_from_the_page_header(tmp_path):
    for source in (FORMATS / "AppleJournalEntries", _zipped(FORMATS / "AppleJournalEntries", tmp_path / "a.zip")):
        journal = read_journal(source)
        assert journal.kind == "Apple Journal export" and journal.problems == ()
        lake, smile = journal.entries
        assert lake.day == date(2024, 9, 19) and lake.title == "Lake day" and lake.moment is None
        assert lake.words == 2 + 8 + 4  # title, "Swam ... & perfect.", "Nap in the afternoon."
        assert smile.day == date(2024, 10, 2) and smile.words == 3  # the app's prompt is not the writer's


def test_org_journal_day_files_with_timed_and_untimed_entries():
    journal = read_journal(FORMATS / "org-journal")
    assert journal.kind == "org-journal folder" and journal.problems == ()
    morning, late, lunch = journal.entries
    assert morning.moment == datetime(2020, 1, 12, 9, 30) and morning.tags == ("writing",) and morning.words == 6
    assert late.moment == datetime(2020, 1, 12, 22, 0) and late.words == 2 + 7  # the drawer is not words
    assert lunch.day == date(2020, 1, 13) and lunch.moment is None and lunch.tags == ("friends", "food")


def test_org_journal_yearly_file_puts_each_entry_under_its_day_heading():
    journal = read_journal(FORMATS / "org-journal-yearly")
    assert journal.kind == "org-journal folder" and journal.problems == ()
    plans, walk, garden, last = journal.entries
    # the file is named 20190101 (its first day), but every heading names its own day
    assert plans.moment == datetime(2019, 1, 13, 9, 15) and plans.tags == ("planning",) and plans.words == 3 + 6
    assert walk.moment == datetime(2019, 1, 13, 21, 40) and walk.words == 2 + 3  # the drawer is not words
    assert garden.moment == datetime(2019, 6, 1, 18, 0) and garden.words == 1 + 5
    assert last.day == date(2019, 12, 31) and last.moment is None and last.title == "Last entry of the year"


def test_org_journal_with_the_title_as_date_prefix_reads_top_level_entries():
    # org-journal-date-prefix "#+TITLE: " and org-journal-time-prefix "* "
    journal = read_journal(FORMATS / "org-journal-title")
    assert journal.problems == ()
    node, first, second = journal.entries
    assert node.moment == datetime(2021, 1, 5, 12, 0) and node.title == "Some node" and node.words == 2 + 5
    assert (first.day, first.moment, first.title, first.words) == (date(2021, 1, 5), None, "test 1", 2)
    assert (second.day, second.moment, second.title, second.words) == (date(2021, 1, 5), None, "test 2", 2)


def test_daylio_seven_column_export_without_note_title():
    journal = read_journal(FORMATS / "daylio-7-columns.csv")
    assert journal.kind == "Daylio CSV" and journal.problems == ()
    tired, walk = journal.entries
    assert tired.moment == datetime(2019, 3, 1, 22, 45) and tired.mood == "meh" and tired.tags == ("work",)
    assert tired.title == "Tired." and tired.words == 1
    assert walk.moment == datetime(2019, 3, 2, 9, 12) and walk.tags == ("reading", "walk") and walk.words == 5


def test_daylio_nine_column_export_with_scales_as_written_today():
    journal = read_journal(FORMATS / "daylio-9-columns.csv")
    assert journal.kind == "Daylio CSV" and journal.problems == ()
    empty, concert = journal.entries
    assert empty.moment == datetime(2025, 6, 13, 7, 30) and empty.mood == "awful" and empty.words == 0
    assert concert.moment == datetime(2025, 6, 14, 20, 5) and concert.title == "Concert"
    assert concert.tags == ("friends", "music") and concert.mood == "rad"  # scales are not tags
    assert concert.words == 1 + 6


def test_daylio_older_export_in_polish_reads_genitive_month_names():
    journal = read_journal(FORMATS / "daylio-older-polish.csv")
    assert journal.problems == ()
    wednesday, thursday, december = journal.entries
    assert wednesday.moment == datetime(2017, 9, 6, 8, 5) and wednesday.mood == "dobrze"  # "6 września"
    assert thursday.moment == datetime(2017, 9, 7, 21, 30) and thursday.tags == ("praca", "sport")
    assert thursday.words == 3
    assert december.moment == datetime(2017, 12, 30, 12, 0) and december.mood == "źle"  # "30 grudnia"


@pytest.mark.parametrize(
    ("date_cell", "expected"),
    [
        ("7 września", date(2017, 9, 7)),  # Polish, genitive
        ("7 wrzesień", date(2017, 9, 7)),  # Polish, nominative
        ("7 WRZ", date(2017, 9, 7)),  # Polish, abbreviated, any case
        ("7. září", date(2017, 9, 7)),  # Czech
        ("7 сентября", date(2017, 9, 7)),  # Russian
        ("7 eylül", date(2017, 9, 7)),  # Turkish
        ("sept. 7", date(2017, 9, 7)),  # French, abbreviated
        ("7 setembro", date(2017, 9, 7)),  # Portuguese
    ],
)
def test_daylio_older_export_month_names_in_any_language_cldr_knows(tmp_path, date_cell, expected):
    csv = tmp_path / "daylio.csv"
    csv.write_text(f"year,date,weekday,time,mood,activities,note\n2017,{date_cell},x,21:30,rad,,\n", "utf-8")
    (entry,) = read_journal(csv).entries
    assert entry.day == expected


def test_every_format_is_in_the_readme_table():
    from wrapped.journal import FORMATS as NAMES

    readme = (FIXTURES.parent.parent / "README.md").read_text()
    for name, _give in NAMES:
        assert name in readme, name


def _zipped(folder, archive):
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                z.write(path, f"{folder.name}/{path.relative_to(folder)}")
    return archive
