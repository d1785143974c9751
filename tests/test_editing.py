"""The edit: each scene appears only when the year gives it something to say, the length follows
the content, headline claims are gated, and the climax is the year's strongest fact. Every year
here is a real journal written to disk in a format the readers accept and read by the real reader."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from wrapped.errors import NoEntriesForYear
from wrapped.journal import read_journal
from wrapped.pipeline import year_stats
from wrapped.quotes import Quote
from wrapped.stats import compute_stats
from wrapped.video import editing
from wrapped.video.editing import NAMES, clear_lead, edit, favourite_weekday, part_of_day
from wrapped.video.storyboard import make_storyboard

from conftest import SAMPLE
from journals import YEAR, daylio, jrnl, logseq, notes, spread

ALWAYS = {"title", "entries", "personality", "ending"}
GOOD = ("rad", "good", "meh", "bad", "awful")


def stats_of(path, year=YEAR):
    journal = read_journal(path)
    assert not journal.problems
    return year_stats(journal, year)


@pytest.fixture(scope="module")
def sample():
    return year_stats(read_journal(SAMPLE), 2025)


@pytest.fixture
def sparse(tmp_path):
    """Three jrnl entries: two days in a row in February and one in September."""
    return stats_of(jrnl(tmp_path / "journal.txt", [date(YEAR, 2, 1), date(YEAR, 2, 2), date(YEAR, 9, 30)], words=80))


@pytest.fixture
def mood_only(tmp_path):
    """A Daylio year of moods without notes: 150 evenings from March, moods in turn."""
    return stats_of(daylio(tmp_path / "daylio.csv", spread(150, 1, date(YEAR, 3, 1)), lambda i: GOOD[i % 5]))


@pytest.fixture
def words_only(tmp_path):
    """Markdown notes with words and nothing else: no times, no tags, no moods, no stars."""
    return stats_of(notes(tmp_path / "notes", spread(60, 5), words=150))


@pytest.fixture
def untimed(tmp_path):
    """A Logseq graph (pages carry no time of day), tagged, a page every other day."""
    return stats_of(logseq(tmp_path / "graph", spread(90, 2), tag="garden"))


def test_a_year_with_no_entries_is_an_error_that_names_the_years_with_entries(tmp_path):
    journal = read_journal(jrnl(tmp_path / "j.txt", spread(3, 1)))
    with pytest.raises(NoEntriesForYear, match=str(YEAR)):
        year_stats(journal, YEAR - 1)
    with pytest.raises(ValueError):
        compute_stats([], YEAR)


def test_a_sparse_year_says_only_what_it_has_in_30_seconds_or_less_without_a_climax(sparse, tmp_path):
    cut = edit(sparse)
    assert cut.names == ("title", "entries", "words", "personality", "ending")
    assert cut.climax is None and cut.longest <= 30
    for fps in (10, 30):
        board = make_storyboard(sparse, fps)
        assert board.seconds <= 30 and board.climax is None and board.timeline.climax is None
    few_words = stats_of(jrnl(tmp_path / "short.txt", spread(3, 40), words=5))
    assert "words" not in edit(few_words).names  # no "15 words" as a headline


def test_a_mood_only_year_has_moods_and_no_words_cards_or_word_counts(mood_only):
    assert mood_only.words == 0 and mood_only.mood_entries == 150
    names = set(edit(mood_only).names)
    assert {"calendar", "moods", "streak"} <= names
    assert not names & {"words", "highlights", "tags"}, "nothing built on words or on empty cards"


def test_a_words_only_year_has_words_and_no_moods_tags_or_hours(words_only):
    names = set(edit(words_only).names)
    assert {"words", "calendar", "highlights"} <= names
    assert not names & {"moods", "tags", "hour", "streak", "quotes"}


def test_an_untimed_year_makes_no_claim_about_the_hour_and_a_tagged_one_shows_its_tags(untimed):
    assert untimed.per_hour is None
    names = set(edit(untimed).names)
    assert "hour" not in names and "tags" in names and "moods" not in names


def test_the_rich_sample_year_runs_45_to_60_seconds_with_the_streak_as_its_climax(sample):
    cut = edit(sample)
    assert set(cut.names) == {"title", "entries", "words", "calendar", "hour", "tags", "moods", "streak",
                              "highlights", "personality", "ending"}  # fmt: skip
    # its weekdays are near-equal (44 v 42) and its busiest month barely leads (31 v 29): no claim
    assert favourite_weekday(sample) is None and "months" not in cut.names
    assert part_of_day(sample) == "night"
    assert cut.climax == "streak" and cut.reasons[0].startswith("streak: 41 days in a row")
    for fps in (10, 30):
        board = make_storyboard(sample, fps)
        assert 45 <= board.seconds <= 60
        assert board.climax is not None and board.timeline.cues[board.timeline.climax].name == "streak"
        assert board.climax.cue.bars >= 2  # the climax is given room


@pytest.mark.parametrize("which", ["sparse", "mood_only", "words_only", "untimed"])
def test_scenes_keep_the_contract_order_and_every_year_has_title_entries_personality_and_ending(request, which):
    stats = request.getfixturevalue(which)
    names = edit(stats).names
    assert set(names) >= ALWAYS
    assert list(names) == [n for n in NAMES if n in names]
    board = make_storyboard(stats, 12)
    assert [cue.name for cue in board.timeline.cues] == list(names)
    assert board.timeline.cues[0].start == 0 and board.total_frames == board.timeline.cues[-1].end


def test_quotes_appear_only_when_there_are_quotes(sample):
    assert "quotes" not in edit(sample).names
    with_quotes = edit(sample, (Quote("a line", date(2025, 3, 1)), Quote("another", date(2025, 4, 1))))
    assert "quotes" in with_quotes.names
    assert dict(with_quotes.scenes)["quotes"] == editing.QUOTE_SECONDS + 2 * editing.QUOTE_EACH


def test_a_lead_is_clear_only_when_the_top_beats_the_second_by_the_ratio_and_the_minimum():
    assert clear_lead([12, 4, 1]) == 0  # 3 times the second, 8 ahead (1.5 * sqrt(16) = 6)
    assert clear_lead([150, 73, 42, 22]) == 0  # the sample's night against its mornings
    assert clear_lead([5, 4, 1]) is None  # 1 ahead: chance
    assert clear_lead([1000, 900]) is None  # beyond chance, but bars this near tell nothing
    assert clear_lead([44, 42, 41, 40, 40, 39, 41]) is None  # the sample's weekdays
    assert clear_lead([3, 7, 7]) is None  # a tie at the top
    assert clear_lead([0, 0, 0]) is None
    assert clear_lead([0, 0, 6]) == 2


def test_a_favourite_weekday_is_claimed_only_with_a_clear_lead(tmp_path):
    first_sunday = date(YEAR, 1, 5)
    sundays = [first_sunday + timedelta(weeks=w) for w in range(30)]
    others = [first_sunday + timedelta(weeks=w, days=1 + w % 6) for w in range(12)]
    leaning = stats_of(notes(tmp_path / "sundays", sundays + others))
    assert favourite_weekday(leaning) == 6 and "weekday" in edit(leaning).names
    even = stats_of(notes(tmp_path / "even", spread(70, 1, date(YEAR, 1, 6))))  # ten of each weekday
    assert favourite_weekday(even) is None and "weekday" not in edit(even).names


def test_the_hour_is_claimed_only_with_enough_timed_entries_and_a_clear_lead(tmp_path):
    few = stats_of(jrnl(tmp_path / "few.txt", spread(9, 3), time="11:30:00 PM"))
    assert part_of_day(few) is None and "hour" not in edit(few).names  # 9 timed entries: too few
    split = stats_of(notes(tmp_path / "split", spread(40, 3), time=lambda i: ("07:30", "23:15")[i % 2]))
    assert part_of_day(split) is None and "hour" not in edit(split).names  # mornings and nights alike
    owl = stats_of(notes(tmp_path / "owl", spread(40, 3), time=lambda i: ("07:30", "23:15", "23:40", "00:20")[i % 4]))
    assert part_of_day(owl) == "night" and "hour" in edit(owl).names


def test_months_appear_only_when_one_stands_out_across_several_months(tmp_path):
    one_month = stats_of(notes(tmp_path / "july", spread(15, 2, date(YEAR, 7, 1))))
    assert "months" not in edit(one_month).names  # a single month: the rest would be a row of zeros
    flat = stats_of(notes(tmp_path / "flat", spread(60, 6)))
    assert "months" not in edit(flat).names


def test_a_streak_of_one_or_two_days_is_never_a_scene(sparse, words_only):
    assert sparse.longest_streak.days == 2 and "streak" not in edit(sparse).names
    assert words_only.longest_streak.days == 1 and "streak" not in edit(words_only).names


CLIMAXES = {
    # 60 days in a row in spring, 100 words each
    "streak": lambda f: notes(f, spread(60, 1, date(YEAR, 3, 1))),
    # 50 weekly entries of 3,000 words: 150,000 words, no streak
    "words": lambda f: notes(f, spread(50, 7), words=3000),
    # a Daylio year: 40 rad days in a row in June, then moods in turn every third day
    "moods": lambda f: daylio(f / "daylio.csv", spread(40, 1, date(YEAR, 6, 1)) + spread(30, 3, date(YEAR, 8, 1)),
                              lambda i: "rad" if i < 40 else GOOD[i % 5]),
    # every other day of July, and one entry in each of eight other months
    "months": lambda f: notes(f, spread(16, 2, date(YEAR, 7, 1)) + [date(YEAR, m, 10) for m in (1, 2, 3, 4, 5, 9, 10, 11)]),
}  # fmt: skip


@pytest.mark.parametrize("expected", list(CLIMAXES))
def test_the_climax_is_the_years_strongest_fact(tmp_path, expected):
    stats = stats_of(CLIMAXES[expected](tmp_path / "journal"))
    cut = edit(stats)
    assert cut.climax == expected, cut.reasons
    assert cut.reasons[0].startswith(f"{expected}: ")
    board = make_storyboard(stats, 10)
    assert board.timeline.cues[board.timeline.climax].name == expected
    assert dict(cut.scenes)[expected] == editing.SECONDS[expected] + editing.CLIMAX_EXTRA


def test_a_tie_between_climax_candidates_goes_to_the_earlier_in_the_fixed_order(tmp_path):
    # 28 days in a row (28 / 14 = 2.0), the first 14 of them rad (14 / 7 = 2.0): streak before moods
    days = spread(28, 1, date(YEAR, 5, 1))
    stats = stats_of(daylio(tmp_path / "tie.csv", days, lambda i: "rad" if i < 14 else "awful"))
    assert editing.strength("streak", stats) == editing.strength("moods", stats) == 2.0
    assert edit(stats).climax == "streak"
    assert editing.CLIMAX_ORDER.index("streak") < editing.CLIMAX_ORDER.index("moods")


def test_the_length_follows_the_days_written(sparse, words_only, sample):
    assert editing.length_bounds(sparse) == (editing.SHORTEST_FEW, editing.LONGEST_FEW)
    assert editing.length_bounds(sample) == (editing.SHORTEST_FULL, editing.LONGEST_FULL)
    middle = editing.length_bounds(words_only)
    assert editing.LONGEST_FEW < middle[1] < editing.LONGEST_FULL
    assert make_storyboard(sparse, 30).seconds < make_storyboard(words_only, 30).seconds


def test_stats_json_tells_a_mood_logs_personality_with_reasons_and_no_word_counts(tmp_path):
    path = daylio(tmp_path / "daylio.csv", spread(120, 1, date(YEAR, 2, 1)), lambda i: GOOD[i % 3])
    result = subprocess.run([sys.executable, "-m", "wrapped", "stats", str(path), "--json"],
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    who = data["personality"]
    assert who["name"] == "The Mood Cartographer" and who["line"]
    assert who["reasons"] and not any("word" in reason for reason in who["reasons"])
    assert data["worded_entries"] == 0 and data["good_mood_run"]["days"] >= 2


def test_the_edit_is_pure_and_draws_nothing():
    """editing.py reads the statistics, the personality and the quote type, and nothing that draws."""
    tree = ast.parse(Path(editing.__file__).read_text())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert {m for m in imported if m.startswith("wrapped")} == {
        "wrapped.stats",
        "wrapped.personality",
        "wrapped.quotes",
    }
    assert not {m for m in imported if m.split(".")[0] in {"PIL", "numpy", "threading"}}


def test_the_readme_states_the_edits_thresholds():
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    section = readme[readme.index("**Edited to the data.**") : readme.index("**Your journaling personality**")]
    for claim in (
        f"| calendar (Year in Pixels) | at least {editing.MIN_CALENDAR_DAYS} days written |",
        f"| months | entries in {editing.MIN_MONTHS} or more months",
        f"| hour | {editing.MIN_TIMED}+ timed entries",
        f"| tags | the top tag used {editing.MIN_TAG_USES} or more times |",
        f"| moods | {editing.MIN_MOODS}+ entries with a mood |",
        f"| streak | a streak of {editing.MIN_STREAK} days or more",
        f"| highlights | {editing.MIN_HIGHLIGHT_ENTRIES}+ entries",
        f"at least {editing.LEAD_RATIO} times the second and beats it by at least {editing.LEAD_SIGMAS}",
        f"against {editing.ORDINARY_STREAK} days, the words against {editing.ORDINARY_WORDS:,}",
        f"good-mood days against {editing.ORDINARY_MOOD_RUN}",
        f"{editing.ORDINARY_MONTH_PEAK} times the average month, the days written against {editing.ORDINARY_DAYS}",
        f"if it is at least {editing.STRONG};",
        ", ".join(editing.CLIMAX_ORDER[:-1]) + f", {editing.CLIMAX_ORDER[-1]}.",
        f"a year of {editing.FEW_DAYS} days written or fewer runs {editing.SHORTEST_FEW:.0f} to "
        f"{editing.LONGEST_FEW:.0f} s, one of {editing.FULL_DAYS} or more {editing.SHORTEST_FULL:.0f} to "
        f"{editing.LONGEST_FULL:.0f} s",
    ):
        assert claim in " ".join(section.split()), claim
