"""Dates at the precision the sources give: shown, exported, filtered and checked at that precision."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.corpus.dates import (
    days_given,
    format_date,
    is_first_of,
    iso_at,
    last_day,
    mentions_date,
    parse_partial,
    span,
    within_unit,
)

D = dt.date


@pytest.mark.parametrize(("day", "precision", "shown", "iso"), [
    (D(2017, 2, 27), "day", "27 Feb 2017", "2017-02-27"),
    (D(2019, 7, 1), "month", "Jul 2019", "2019-07"),       # issue 11, case 5: a month is shown as a month
    (D(1992, 1, 1), "year", "1992", "1992"),
    (D(2016, 1, 1), "day", "1 Jan 2016", "2016-01-01"),    # a real 1 January stays a day
])
def test_a_date_is_shown_and_exported_at_its_precision(day, precision, shown, iso):
    assert format_date(day, precision) == shown
    assert iso_at(day, precision) == iso


@pytest.mark.parametrize(("text", "expected"), [
    ("2019-07-17", (D(2019, 7, 17), "day")),
    ("2019-07", (D(2019, 7, 1), "month")),
    ("1993", (D(1993, 1, 1), "year")),
])
def test_partial_dates_parse_to_their_first_day(text, expected):
    assert parse_partial(text) == expected


@pytest.mark.parametrize("text", ["", "2019-7", "19-07-2019", "2019-13", "July 2019", "2019-02-30"])
def test_malformed_partial_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_partial(text)


def test_the_last_day_a_precision_stands_for():
    assert last_day(D(2024, 2, 1), "month") == D(2024, 2, 29)
    assert last_day(D(2023, 2, 1), "month") == D(2023, 2, 28)
    assert last_day(D(2019, 1, 1), "year") == D(2019, 12, 31)
    assert last_day(D(2019, 7, 9), "day") == D(2019, 7, 9)


def test_span_covers_the_whole_month_or_up_to_the_end():
    assert span(D(2019, 7, 1), "month") == (D(2019, 7, 1), D(2019, 7, 31))
    assert span(D(1993, 12, 1), "month", D(2009, 8, 18), "day") == (D(1993, 12, 1), D(2009, 8, 18))
    assert span(D(2010, 1, 1), "day", D(2011, 1, 1), "year") == (D(2010, 1, 1), D(2011, 12, 31))


def test_imprecise_dates_must_be_written_as_the_first_day():
    assert is_first_of(D(2019, 7, 1), "month") and not is_first_of(D(2019, 7, 2), "month")
    assert is_first_of(D(2019, 1, 1), "year") and not is_first_of(D(2019, 7, 1), "year")
    assert is_first_of(D(2019, 7, 9), "day")


QUOTES = [
    # (quote, date, precision, states it?)
    ("a treaty signed in Tashkent May 15, 1992.", D(1992, 5, 15), "day", True),
    ("among the founding countries of the CSTO in 1992.", D(1992, 5, 15), "day", False),   # a year, not the day
    ("among the founding countries of the CSTO in 1992.", D(1992, 1, 1), "year", True),
    ("On June 8-9, 2017, Astana hosted", D(2017, 6, 9), "day", True),                       # a range
    ("On June 8-9, 2017, Astana hosted", D(2017, 6, 10), "day", False),
    ("On February 27th and 28th, Vladimir Putin", D(2017, 2, 28), "day", True),
    ("27-28 February", D(2017, 2, 27), "day", True),
    ("the 15th of May", D(1992, 5, 15), "day", True),
    ("date 2024-07-04 Today at the summit", D(2024, 7, 4), "day", True),
    ("Decision dated 14.05.2018", D(2018, 5, 14), "day", True),
    ("in May 2018", D(2018, 5, 1), "month", True),
    ("in May 2018", D(2018, 5, 20), "day", False),          # '20' of 2018 is not a day
    ("15 Marketing firms", D(2017, 3, 15), "day", False),   # 'Mar' inside a word is not March
    ("провели вместе воскресенье 26 февраля", D(2017, 2, 26), "day", True),
    ("26 марта", D(2017, 5, 26), "day", False),             # March is not May
    ("Georgia joined the Commonwealth in December 1993", D(1993, 12, 1), "month", True),
    ("in 2019", D(2019, 7, 1), "month", False),
    # Review of issue 11 (B6): a quote that names years must name the record's; 'may' is not May.
    ("begin today (Jan 23) in Astana", D(2016, 1, 23), "day", True),          # no year named: the day is enough
    ("on 23 January 2017 in Astana", D(2016, 1, 23), "day", False),           # another year named
    ("Moldova and Ukraine may be granted observer status", D(2002, 5, 1), "month", False),
    ("Moldova and Ukraine were granted it in MAY 2002", D(2002, 5, 1), "month", True),
    ("plans for march", D(2017, 3, 1), "month", False),
    ("told France 24 on Feb. 22.", D(2024, 2, 22), "day", True),
    ("GEORGIA LEFT IN AUGUST 2009", D(2009, 8, 1), "month", True),   # a headline's capitals
    ("SIGNED ON 27 FEBRUARY", D(2017, 2, 27), "day", True),
    ("signed on 05 May 2018", D(2018, 5, 5), "day", True),            # a leading zero
    ("TOLD ON FEB. 22", D(2024, 2, 22), "day", True),                # an abbreviation in capitals
    ("TOLD ON FEB 22", D(2024, 2, 22), "day", True),
]


@pytest.mark.parametrize(("text", "day", "precision", "expected"), QUOTES)
def test_whether_a_quote_states_a_date(text, day, precision, expected):
    assert mentions_date(text, day, precision) is expected


def test_the_days_a_quote_gives_for_a_month():
    assert days_given("Armenia’s accession came into effect on 2 January 2015.", 1) == {2}
    assert days_given("On June 8-9, 2017, Astana hosted", 6) == {8, 9}
    assert days_given("in January 2015", 1) == set()
    assert days_given("on 31 January, not 32 January or 0 January", 1) == {31}   # days a month can have
    assert days_given("on 1 January", 1) == {1}
@pytest.mark.parametrize(("day", "boundary", "precision", "inside"), [
    # A day inside the month or year an imprecise boundary stands for (the reference check skips those days).
    (D(2006, 12, 1), D(2006, 12, 1), "month", True),
    (D(2006, 12, 31), D(2006, 12, 1), "month", True),
    (D(2007, 1, 1), D(2006, 12, 1), "month", False),
    (D(2006, 11, 30), D(2006, 12, 1), "month", False),
    (D(1992, 1, 1), D(1992, 1, 1), "year", True),
    (D(1992, 12, 31), D(1992, 1, 1), "year", True),
    (D(1993, 1, 1), D(1992, 1, 1), "year", False),
    (D(2006, 12, 1), D(2006, 12, 1), "day", False),   # a day is exact: nothing is inside it
])
def test_a_day_inside_an_imprecise_boundary(day, boundary, precision, inside):
    assert within_unit(day, boundary, precision) is inside


@pytest.mark.parametrize(("day", "precision", "iso"), [
    (D(992, 3, 4), "day", "0992-03-04"), (D(992, 3, 1), "month", "0992-03"), (D(992, 1, 1), "year", "0992"),
])
def test_iso_dates_keep_four_digit_years(day, precision, iso):
    assert iso_at(day, precision) == iso
