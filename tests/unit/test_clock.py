"""'Today' is the reader's calendar day (issue 12, cases 4 and 5)."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.corpus.clock import latest_today, now_in, now_utc, today_in

UTC = dt.UTC


@pytest.mark.parametrize(("instant", "zone", "day"), [
    # Los Angeles, 20:30 on 29 Nov: already 30 Nov in UTC.
    ("2026-11-30T04:30:00+00:00", "America/Los_Angeles", dt.date(2026, 11, 29)),
    # Tokyo, 03:44 on 30 Nov: still 29 Nov in UTC.
    ("2026-11-29T18:44:00+00:00", "Asia/Tokyo", dt.date(2026, 11, 30)),
    # The extremes: UTC-11 and UTC+14, a minute either side of midnight.
    ("2026-11-30T10:59:00+00:00", "Pacific/Pago_Pago", dt.date(2026, 11, 29)),
    ("2026-11-30T11:00:00+00:00", "Pacific/Pago_Pago", dt.date(2026, 11, 30)),
    ("2026-11-29T09:59:00+00:00", "Pacific/Kiritimati", dt.date(2026, 11, 29)),
    ("2026-11-29T10:00:00+00:00", "Pacific/Kiritimati", dt.date(2026, 11, 30)),
    # No zone or an unknown one: UTC's day.
    ("2026-11-30T04:30:00+00:00", None, dt.date(2026, 11, 30)),
    ("2026-11-30T04:30:00+00:00", "Mars/Olympus_Mons", dt.date(2026, 11, 30)),
])
def test_today_is_the_readers_calendar_day(instant, zone, day):
    assert today_in(zone, dt.datetime.fromisoformat(instant)) == day


def test_the_latest_today_is_kiribatis():
    assert latest_today(dt.datetime(2026, 11, 29, 10, 0, tzinfo=UTC)) == dt.date(2026, 11, 30)


def test_the_clock_can_be_fixed_for_tests_and_ignores_garbage(monkeypatch):
    monkeypatch.setenv("DASHBOARD_NOW", "2026-11-30T04:30:00-08:00")
    assert now_utc() == dt.datetime(2026, 11, 30, 12, 30, tzinfo=UTC)
    for bad in ("yesterday", "2026-11-30T04:30:00"):  # not an instant, or without its offset
        monkeypatch.setenv("DASHBOARD_NOW", bad)
        assert abs((now_utc() - dt.datetime.now(UTC)).total_seconds()) < 5


@pytest.mark.parametrize(("zone", "shown"), [
    ("Asia/Dushanbe", "2026-11-30T09:30:00+05:00"),
    ("America/Los_Angeles", "2026-11-29T20:30:00-08:00"),
    (None, "2026-11-30T04:30:00+00:00"),
    ("Mars/Olympus_Mons", "2026-11-30T04:30:00+00:00"),
])
def test_now_is_given_in_the_readers_zone(zone, shown):
    # What a download says it was made: the reader's clock, with its offset.
    assert now_in(zone, dt.datetime(2026, 11, 30, 4, 30, tzinfo=UTC)).isoformat() == shown
