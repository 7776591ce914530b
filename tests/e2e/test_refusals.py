"""Refused and changed inputs say so where the reader is looking (issue 24, case 5).

A day typed past the reader's today is read as today, beside the field; a link's day past the reader's today
(made in UTC+14, opened in UTC-10) is read as today with a notice, not replaced by the tour's day; "Today"
sits beside the date. The field never shows a day the map is not using.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from dashboard.map.style import MEMBERSHIP_STYLE as STYLE
from tests.e2e.conftest import _serve
from tests.e2e.helpers import param, shaded, wait_for_map

pytestmark = pytest.mark.e2e

# 20:00 UTC on 5 Dec 2026: 10:00 on 6 Dec in Kiritimati (UTC+14), 10:00 on 5 Dec in Adak (UTC-10).
INSTANT = "2026-12-05T20:00:00+00:00"


def _browser_today(page) -> str:
    return page.evaluate("() => { const d = new Date(); return d.getFullYear() + '-' + "
                         "String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); }")


def _date_field(page):
    return page.get_by_test_id("filter-panel").get_by_test_id("filter-date-on")


@pytest.mark.parametrize("leave", ["Tab", "Enter"])
def test_a_day_typed_after_today_is_read_as_today_and_said_beside_the_field(page, server, leave):
    page.goto(server + "/")
    wait_for_map(page)
    field = _date_field(page)
    field.click()
    page.keyboard.type("01012090")  # 01/01/2090, digit by digit, as a reader types it
    page.keyboard.press(leave)
    today = _browser_today(page)
    note = page.get_by_test_id("filter-panel").get_by_test_id("filter-date-note")
    expect(note).to_contain_text("1 Jan 2090 is after today, read as today")
    expect(field).to_have_value(today)
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('date') === {today!r}")
    assert param(page, "date") == today  # the map's day is the field's day
    expect(page.get_by_text(f"membership on {dt.date.fromisoformat(today):%-d %b %Y}")).to_be_visible()
    expect(note).to_contain_text("1 Jan 2090 is after today")  # still said once the map has its day


def test_a_year_typed_before_the_record_starts_is_read_as_its_first_day_on_enter(page, server):
    page.goto(server + "/")
    wait_for_map(page)
    field = _date_field(page)
    field.click()
    page.keyboard.type("06011985")
    expect(field).to_have_value("1985-06-01")  # still being typed: nothing read yet, nothing said
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("filter-panel").get_by_test_id("filter-date-note")).to_contain_text(
        "1 Jun 1985 is before the record starts, read as 1 Jan 1991")
    expect(field).to_have_value("1991-01-01")
    page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '1991-01-01'")


def test_today_sits_beside_the_date_and_works_by_keyboard(page, server):
    page.goto(server + "/")
    frame = wait_for_map(page)
    today_button = page.get_by_test_id("filter-panel").get_by_role("button", name="Today")
    today_button.focus()
    page.keyboard.press("Enter")
    today = _browser_today(page)
    expect(_date_field(page)).to_have_value(today)
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('date') === {today!r}")
    frame.wait_for_function("() => (window.__membership.AM || {}).tooltip")
    assert shaded(frame)["AM"] == STYLE["frozen"]["fillColor"]  # Armenia froze its CSTO participation


@pytest.fixture
def adak(browser):
    proc, url = _serve(env={"DASHBOARD_NOW": INSTANT})
    context = browser.new_context(viewport={"width": 1280, "height": 800}, timezone_id="America/Adak")
    pg = context.new_page()
    pg.set_default_timeout(30000)
    pg.clock.set_fixed_time(dt.datetime.fromisoformat(INSTANT))
    yield pg, url
    context.close()
    proc.terminate()
    proc.wait(timeout=20)


def test_a_link_made_in_utc_plus_14_today_opens_on_the_readers_today_with_a_notice(adak):
    page, url = adak
    page.goto(url + "/?date=2026-12-06")
    frame = wait_for_map(page)
    expect(page.get_by_text("Read date='2026-12-06' as today, 5 Dec 2026")).to_be_visible()
    expect(_date_field(page)).to_have_value("2026-12-05")
    frame.wait_for_function("() => (window.__membership.AM || {}).tooltip")
    # Not the tour's day (Armenia a member then): the reader's today, on which Armenia's participation is frozen.
    assert shaded(frame)["AM"] == STYLE["frozen"]["fillColor"]
