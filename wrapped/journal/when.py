"""Dates, times and zones as journal apps write them, read without ever raising.

Every function here returns None for what it cannot read; readers turn that into a Problem
that names the file, the line and the form expected (never the value found).
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_CLOCK = re.compile(r"(\d{1,2})(?:[:.h](\d{2}))?(?::(\d{2}))?(?:[.,]\d+)?\s*(?:([AaPp])\.?\s?[Mm]\.?)?")
_ZONE_NAME = re.compile(r"[A-Za-z0-9_+\-]{1,40}(?:/[A-Za-z0-9_+\-]{1,40}){0,3}")
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})([-_.]?)(\d{2})\2(\d{2})(?!\d)")

# Month names as apps write them in their users' languages (Daylio's older CSV, Apple Journal,
# org-journal headings): English, German, French, Spanish, Portuguese, Italian and Dutch.
_MONTH_NAMES = (
    "january february march april may june july august september october november december",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "januari februari maart april mei juni juli augustus september oktober november december",
)
MONTHS: dict[str, int] = {}
for _names in _MONTH_NAMES:
    for _number, _name in enumerate(_names.split(), start=1):
        MONTHS.setdefault(_name, _number)
        MONTHS.setdefault(_name[:3], _number)  # jan, feb, mär, fév...
MONTHS.update({"sept": 9, "mrt": 3, "okt": 10, "dez": 12, "déc": 12, "févr": 2, "juil": 7, "avr": 4})


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


def month_number(word: str) -> int | None:
    return MONTHS.get(word.strip(".").lower())
