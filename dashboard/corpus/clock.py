"""The reader's calendar day: 'today' is the day where the reader is, not where the server is.

A browser in Los Angeles at 20:30 on 29 November and one in Tokyo at 03:44 on 30 November
have different todays; the dashboard shows each its own. `DASHBOARD_NOW` (an ISO 8601 instant
with its offset, e.g. 2026-11-30T04:30:00+00:00) fixes the clock for tests.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

NOW_ENV = "DASHBOARD_NOW"
# The zone whose calendar is furthest ahead (UTC+14): no reader anywhere is past its today.
LATEST_ZONE = "Pacific/Kiritimati"


def now_utc() -> dt.datetime:
    """The current instant, aware, in UTC (from DASHBOARD_NOW when it is set and valid)."""
    fixed = os.environ.get(NOW_ENV)
    if fixed:
        try:
            moment = dt.datetime.fromisoformat(fixed)
            if moment.tzinfo is not None:
                return moment.astimezone(dt.UTC)
        except ValueError:
            pass
    return dt.datetime.now(dt.UTC)


def today_in(zone: str | None, now: dt.datetime | None = None) -> dt.date:
    """The calendar day in an IANA time zone ('America/Los_Angeles'); UTC's for an unknown or no zone."""
    moment = now or now_utc()
    try:
        return moment.astimezone(ZoneInfo(zone)).date() if zone else moment.astimezone(dt.UTC).date()
    except (ZoneInfoNotFoundError, ValueError):
        return moment.astimezone(dt.UTC).date()


def now_in(zone: str | None, now: dt.datetime | None = None) -> dt.datetime:
    """The current moment in an IANA time zone (aware); in UTC for an unknown or no zone."""
    moment = now or now_utc()
    try:
        return moment.astimezone(ZoneInfo(zone)) if zone else moment.astimezone(dt.UTC)
    except (ZoneInfoNotFoundError, ValueError):
        return moment.astimezone(dt.UTC)


def latest_today(now: dt.datetime | None = None) -> dt.date:
    """The latest calendar day anywhere on Earth right now (for 'no date after today' checks)."""
    return today_in(LATEST_ZONE, now)
