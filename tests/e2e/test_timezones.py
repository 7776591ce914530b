"""Dates are calendar dates in every time zone, and 'today' is the reader's (issue 12, cases 4 and 5).

Each case runs the server and the browser on the same fixed instant near midnight, in a browser
time zone where the reader's day differs from UTC's (or from the server's).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import _serve
from tests.e2e.helpers import wait_for_map

pytestmark = pytest.mark.e2e

CASES = [
    # (browser time zone, instant, the reader's date)
    ("America/Los_Angeles", "2026-11-30T04:30:00+00:00", "2026-11-29"),   # 20:30 on 29 Nov; UTC is on the 30th
    ("Asia/Tokyo", "2026-11-29T18:44:00+00:00", "2026-11-30"),            # 03:44 on 30 Nov; UTC is on the 29th
    ("Pacific/Kiritimati", "2026-11-29T10:05:00+00:00", "2026-11-30"),    # UTC+14, five minutes after midnight
    ("Pacific/Pago_Pago", "2026-11-30T10:55:00+00:00", "2026-11-29"),     # UTC-11, five minutes before midnight
]


@pytest.fixture(scope="module", params=CASES, ids=[c[0] for c in CASES])
def clocked_server(request):
    """A server whose clock stands at the case's instant, shared by the case's tests (pytest runs a module's
    tests case by case: one server start per case, not per test)."""
    zone, instant, day = request.param
    proc, url = _serve(env={"DASHBOARD_NOW": instant})
    yield zone, instant, day, url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture
def clocked(clocked_server, browser):
    zone, instant, day, url = clocked_server
    context = browser.new_context(viewport={"width": 1280, "height": 800}, timezone_id=zone)
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(instant))
    yield page, url, day
    context.close()


def test_the_citation_and_the_date_fields_use_the_readers_today(clocked):
    page, url, day = clocked
    page.goto(url + "/")
    wait_for_map(page)
    assert page.evaluate("() => new Date().getDate()") == int(day[-2:]), "the browser's clock is the fixed one"
    panel = page.get_by_test_id("filter-panel")
    assert panel.get_by_test_id("filter-range-to").input_value() == day
    assert panel.get_by_test_id("filter-date-on").get_attribute("max") == day
    page.get_by_role("button", name="Share this view").click()
    share = page.frame_locator("iframe[title^='Share this view']").last
    citation = share.locator("#cite")
    # A calendar date as the app writes it (dates.format_date), not ISO: the citation is read by people.
    said = dt.date.fromisoformat(day)
    expect(citation).to_have_value(re.compile(f"view of {said.day} {said:%b} {said.year} "))


def test_the_tour_line_is_on_the_tours_day(clocked):
    page, url, _ = clocked
    page.goto(url + "/charts")
    chart = page.locator(".stPlotlyChart").first
    chart.wait_for()
    page.wait_for_function("() => document.querySelector('.stPlotlyChart .js-plotly-plot')?._fullLayout?.shapes?.length")
    x0, shown = page.evaluate("""() => {
        const gd = document.querySelector('.stPlotlyChart .js-plotly-plot');
        const shape = gd._fullLayout.shapes[0], ax = gd._fullLayout.xaxis;
        return [shape.x0, ax.c2d(ax.d2c(shape.x0))];
    }""")
    assert x0 == "2017-02-27" and shown.startswith("2017-02-27") and shown[10:].strip(" 0:") == ""
