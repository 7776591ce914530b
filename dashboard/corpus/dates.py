"""Calendar dates at the precision a source gives them: day, month or year.

A date known only to the month is stored as the first of that month with precision
"month" (a year: 1 January, precision "year"). It is shown at that precision ("Jul
2019", "2019"), and a filter range that overlaps the month or year contains it. For
membership periods the stored day is the boundary: a status that began "in December
1993" is taken to hold from 1 December 1993, on both sides of every comparison.

Dates here are `datetime.date`, never datetimes: a calendar day is the same day in
every time zone.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Literal

from dashboard import i18n

Precision = Literal["day", "month", "year"]
PRECISIONS: tuple[Precision, ...] = ("day", "month", "year")

MONTHS_EN = tuple(calendar.month_name)[1:]
MONTHS_EN_ABBR = tuple(calendar.month_abbr)[1:]
# Genitive forms, as in "26 февраля"; some references quote Russian pages.
MONTHS_RU = ("январ", "феврал", "март", "апрел", "ма[йя]", "июн", "июл", "август", "сентябр", "октябр",
             "ноябр", "декабр")


def format_date(day: dt.date, precision: Precision = "day", short: bool = False) -> str:
    """A date for readers, in the language spoken (i18n): '27 Feb 2017', 'Jul 2019' or '2019'; on a Russian page
    in full words, '27 февраля 2017 г.', 'июль 2019 г.', or with `short` '27 февр. 2017 г.', 'июл. 2019 г.'.

    `short` is for where space is tight (a time strip's tick, a chart's axis or hover, a date field). English keeps
    its one form, '27 Feb 2017', everywhere: its abbreviations are ordinary in running text, Russian's clipped
    'февр.' is not."""
    if precision == "year":
        return str(day.year)
    english = i18n.active() in (i18n.DEFAULT, i18n.PSEUDO)
    if precision == "month":
        return i18n.format_month(day) if short or english else i18n.format_long_month(day)
    return i18n.format_short_day(day) if short or english else i18n.format_day(day)


def day_templates(short: bool = False) -> list[str]:
    """How the language spoken writes a day of each month, with {d} and {y} for the day and the year, as
    format_date does ('{d} Feb {y}'; '{d} февраля {y} г.', short '{d} февр. {y} г.'): for the browser's code."""
    return [format_date(dt.date(1999, month, 28), short=short).replace("28", "{d}", 1).replace("1999", "{y}", 1)
            for month in range(1, 13)]


def day_in_words(day: dt.date) -> str:
    """A day in full words, as a slider says it: '27 February 2017', '27 февраля 2017 г.' (i18n.format_day;
    static/app/time-strip.js says it alike)."""
    return i18n.format_day(day)


def iso_at(day: dt.date, precision: Precision = "day") -> str:
    """ISO 8601 at the given precision: '2017-02-27', '2019-07' or '2019' (exports, links)."""
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def parse_partial(text: str) -> tuple[dt.date, Precision]:
    """'2019-07-17', '2019-07' or '2019' -> (first day it may be, precision); ValueError otherwise."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text), "day"
        if re.fullmatch(r"\d{4}-\d{2}", text):
            year, month = map(int, text.split("-"))
            return dt.date(year, month, 1), "month"
    except ValueError as exc:
        raise ValueError(f"not a calendar date: {text!r} ({exc})") from None
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1), "year"
    raise ValueError(f"not a date (YYYY-MM-DD, YYYY-MM or YYYY): {text!r}")


def is_first_of(day: dt.date, precision: Precision) -> bool:
    """Whether a stored date is where its precision says it must be (the 1st, or 1 January)."""
    if precision == "month":
        return day.day == 1
    if precision == "year":
        return (day.month, day.day) == (1, 1)
    return True


def last_day(day: dt.date, precision: Precision) -> dt.date:
    """The last calendar day a date at this precision may stand for."""
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def span(date: dt.date, precision: Precision, date_end: dt.date | None = None,
         end_precision: Precision = "day") -> tuple[dt.date, dt.date]:
    """(first, last) calendar day a dated record may cover, for range filters."""
    if date_end is None:
        return date, last_day(date, precision)
    return date, last_day(date_end, end_precision)


def within_unit(day: dt.date, boundary: dt.date, precision: Precision) -> bool:
    """Whether `day` falls inside the month or year an imprecise boundary stands for."""
    if precision == "day":
        return False
    return boundary <= day <= last_day(boundary, precision)


_DAY = r"(?<!\d)(\d{1,2})(?!\d)(?:st|nd|rd|th)?"
_RANGE = _DAY + r"(?:\s*(?:[-–—]|and|to|-го)\s*" + _DAY + r")?"


def _month_pattern(month: int) -> str:
    # English names as names (capitalised or in capitals: 'may' is a verb); Russian ones in any case.
    full, abbr = MONTHS_EN[month - 1], MONTHS_EN_ABBR[month - 1]
    names = [full + r"\b", full.upper() + r"\b", abbr + r"\b\.?", abbr.upper() + r"\b\.?",
             "(?i:" + MONTHS_RU[month - 1] + r"\w*)"]
    return r"\b(?:" + "|".join(names) + ")"


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def days_given(text: str, month: int) -> set[int]:
    """The days of a month a text names ('15 May', 'May 15th', 'June 8-9' -> {8, 9})."""
    month_re = _month_pattern(month)
    out: set[int] = set()
    for pattern in (_RANGE + r"\s+(?:of\s+)?" + month_re, month_re + r"\s+" + _RANGE):
        for match in re.finditer(pattern, text):
            out.update(int(g) for g in match.groups() if g)
    return {d for d in out if 1 <= d <= 31}


def mentions_date(text: str, day: dt.date, precision: Precision = "day") -> bool:
    """Whether a quote states this date at this precision.

    Day: the day and the month, in any common order or as ISO/dotted digits ('15 May',
    'May 15th', 'June 8-9', '2017-02-27', '27.02.2017'); month: the month's name or
    digits; year: the year. At day or month precision the year may be left out, since quotes
    often give it once for several dates ("On February 27th and 28th"), but a quote that names
    years must name this one. English month names count only as names ('May', not 'may').
    """
    years = {int(y) for y in _YEAR.findall(text)}
    if precision == "year":
        return day.year in years
    if years and day.year not in years:
        return False
    month = _month_pattern(day.month)
    digits = [rf"{day.year}-{day.month:02d}", rf"{day.month:02d}\.{day.year}"]
    if precision == "month":
        return re.search(month, text) is not None or any(re.search(p, text) for p in digits)
    digits = [day.isoformat(), rf"(?<!\d){day.day:02d}\.{day.month:02d}\.{day.year}", rf"(?<!\d){day.day}\.{day.month:02d}\.{day.year}"]
    if any(re.search(p, text) for p in digits):
        return True
    return day.day in days_given(text, day.month)
