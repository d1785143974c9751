"""Dates, times and zones as journal apps write them, read without ever raising.

Every function here returns None for what it cannot read; readers turn that into a Problem
that names the file, the line and the form expected (never the value found).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, tzinfo
from functools import cache, lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_CLOCK = re.compile(r"(\d{1,2})(?:[:.h](\d{2}))?(?::(\d{2}))?(?:[.,]\d+)?\s*(?:([AaPp])\.?\s?[Mm]\.?)?")
_ZONE_NAME = re.compile(r"[A-Za-z0-9_+\-]{1,40}(?:/[A-Za-z0-9_+\-]{1,40}){0,3}")
_DATE_IN_NAME = re.compile(r"(?<![0-9])([0-9]{4})([-_.]?)([0-9]{2})\2([0-9]{2})(?![0-9])")

# Month names come from CLDR (through babel): every language's wide and abbreviated names, in
# their format (genitive: "7 września") and stand-alone ("wrzesień") forms, compared lower-cased
# without dots. English is looked up first; the rest are loaded on the first word English lacks.
ENGLISH = "en"


def _month_key(word: str) -> str:
    return word.strip().strip(".").replace(".", "").casefold()


@cache
def _months_in(language: str) -> dict[str, int]:
    """One language's CLDR month names: word -> month number ({} for an unknown language)."""
    from babel import Locale, UnknownLocaleError

    try:
        months = Locale.parse(language).months
    except (UnknownLocaleError, ValueError, KeyError):
        return {}
    found: dict[str, int] = {"sept": 9} if language == ENGLISH else {}  # English's other short form
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in months.get(context, {}).get(width, {}).items():
                key = _month_key(name)
                if key and not key.isdecimal():
                    found.setdefault(key, int(number))
    return found


@lru_cache(maxsize=1)
def _cldr_months() -> dict[str, dict[str, int]]:
    """Every language's month names: word -> {language: month number}."""
    from babel import localedata

    found: dict[str, dict[str, int]] = {}
    languages = sorted({name.split("_")[0] for name in localedata.locale_identifiers()} - {"root"})
    for language in languages:
        for key, number in _months_in(language).items():
            found.setdefault(key, {})[language] = number
    return found


def month_languages(word: str) -> dict[str, int]:
    """The languages in which `word` names a month, each with its number ({} for none)."""
    key = _month_key(word)
    return _cldr_months().get(key, {}) if 0 < len(key) <= 24 else {}


def month_number(word: str, language: str | None = None) -> int | None:
    """The month a name means (January = 1): in `language` when given and known there, else in
    English, else the number most languages give it."""
    key = _month_key(word)
    if language in (None, ENGLISH) and key in _months_in(ENGLISH):
        return _months_in(ENGLISH)[key]  # the common case, without loading every language
    found = month_languages(word)
    if not found:
        return None
    for preferred in (language, ENGLISH):
        if preferred in found:
            return found[preferred]
    numbers = list(found.values())
    return max(set(numbers), key=lambda n: (numbers.count(n), -n))


def language_of(words: Iterable[str]) -> str | None:
    """The language that names the most of these month words (English wins a tie)."""
    counts: dict[str, int] = {}
    for word in set(words):
        for language in month_languages(word):
            counts[language] = counts.get(language, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda lang: (counts[lang], lang == ENGLISH))


def clock(text: str) -> time | None:
    """A time of day: 08:15, 8:15 AM, 8.15pm, 20:15:00, 22h30; None if it is not one."""
    text = text.strip()
    found = _CLOCK.fullmatch(text) if len(text) <= 16 else None
    if not found:
        return None
    hour, minute, second, half = found.groups()
    h, m, s = int(hour), int(minute or 0), int(second or 0)
    if minute is None and half is None:
        return None  # a bare number is not a time
    if half:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if half in "Pp" else 0)
    if h > 23 or m > 59 or s > 59:
        return None
    return time(h, m, s)


def make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def date_in_name(name: str) -> date | None:
    """The date a file name carries: 2024-08-05, 2024_08_05, 2024.08.05 or 20240805."""
    for found in _DATE_IN_NAME.finditer(name):
        day = make_date(int(found[1]), int(found[3]), int(found[4]))
        if day is not None:
            return day
    return None


def iso_moment(text: str) -> datetime | None:
    """An ISO 8601 date-time (a trailing Z means UTC); None for anything else."""
    text = text.strip()
    if not 10 <= len(text) <= 40:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None


@lru_cache(maxsize=256)
def zone(name: str) -> tzinfo | None:
    """The IANA zone of that name, or None: never reads a path outside the zone database."""
    if not isinstance(name, str) or not _ZONE_NAME.fullmatch(name) or ".." in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def localised(moment: datetime, zone_name: object) -> datetime | None:
    """A moment moved into the named zone (kept in UTC when the zone is unknown); None when the
    moment cannot be shown in it (out of the representable years)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    where = zone(zone_name) if isinstance(zone_name, str) else None
    try:
        shifted = moment.astimezone(where) if where is not None else moment
        shifted.utcoffset()
        return shifted
    except (OverflowError, ValueError):
        return None


def from_epoch_ms(value: object) -> datetime | None:
    """A UTC moment from milliseconds since 1970; None for non-numbers and impossible years."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value) or abs(value) > 253_402_300_799_000:  # 9999-12-31
        return None
    try:
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None
