"""The view a download shows: its frame, its records, its words, its link, and the request a click sends."""

from __future__ import annotations

import datetime as dt
import math
import urllib.parse

import pytest

from dashboard.downloads.snapshot import (
    DEFAULT_EXTENT,
    Extent,
    Focus,
    app_link,
    list_filters,
    make_snapshot,
    parse_download_request,
    view_link,
)
from dashboard.map.style import TOUR_BOUNDS
from dashboard.query import link as vs
from dashboard.query.filters import FilterState

MADE = dt.datetime(2026, 11, 29, 23, 41, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def test_the_extent_around_a_centre_is_what_leaflet_shows():
    # Leaflet at zoom 6, 800 x 600 px, centred on Dushanbe: 800 px is 800 / (256 * 64) of 360 degrees.
    frame = Extent.around(38.56, 68.77, 6, 800, 600)
    assert frame.east - frame.west == pytest.approx(800 / (256 * 2 ** 6) * 360)
    assert frame.center[0] == pytest.approx(38.56, abs=1e-6)
    assert frame.center[1] == pytest.approx(68.77)
    # Web Mercator stretches the north: the upper half spans fewer degrees than the lower one.
    assert frame.north - 38.56 < 38.56 - frame.south


@pytest.mark.parametrize("values", [
    (40, 70, 40, 75),  # no height
    (40, 75, 45, 70),  # west past east
    (-91, 70, 40, 75),  # off the world
    (math.nan, 70, 40, 75),
    (40, 70, math.inf, 75),
])
def test_a_broken_extent_is_refused(values):
    with pytest.raises(ValueError):
        Extent(*values)


def test_the_default_frame_is_the_tour():
    assert DEFAULT_EXTENT.as_bounds() == [list(TOUR_BOUNDS[0]), list(TOUR_BOUNDS[1])]


def test_a_snapshot_holds_what_the_filters_leave_and_the_status_on_the_day(corpus):
    view = vs.ViewState(filters=FilterState(countries=("TJ",)), selected="stop-dushanbe")
    snap = make_snapshot(corpus, view, made=MADE)
    assert snap.records and all("TJ" in corpus.facets[r.id]["countries"] for r in snap.records)
    assert snap.selected is corpus.by_id["stop-dushanbe"]
    assert snap.status["TJ"].status.value == "member" and snap.org_short == "CSTO"
    assert snap.subtitle == "Countries shaded by CSTO membership on 27 Feb 2017"
    assert snap.made_text == "29 Nov 2026, 23:41 UTC+01:00"
    assert snap.extent == DEFAULT_EXTENT


def test_a_focus_shows_its_records_even_where_the_filters_hide_them(corpus):
    view = vs.ViewState(filters=FilterState(kinds=("military_site",)))
    focus = Focus("Step 4 of 8: Dushanbe", extent=Extent(37, 67, 40, 71), records=("stop-dushanbe", "no-such-id"))
    snap = make_snapshot(corpus, view, made=MADE, extent=Extent(30, 30, 60, 90), focus=focus)
    assert "stop-dushanbe" in {r.id for r in snap.records}
    assert snap.featured == ("stop-dushanbe",)
    assert snap.extent == focus.extent  # the step's frame, not the reader's
    assert snap.title == "Step 4 of 8: Dushanbe"


def test_a_made_time_without_its_zone_is_refused(corpus):
    with pytest.raises(ValueError):
        make_snapshot(corpus, vs.ViewState(), made=dt.datetime(2026, 11, 29, 12, 0))


def test_the_filters_listed(corpus):
    view = vs.ViewState(filters=FilterState(orgs=("org-csto",), countries=("TJ", "KG"), query="Kant",
                                            date_from=dt.date(2016, 1, 1)), layers=("route", "sites"))
    words = dict(list_filters(corpus, view))
    assert words["Search"] == "“Kant”"
    assert words["Organization"] == "CSTO"
    assert words["Country"] == "Tajikistan, Kyrgyzstan"
    assert words["Dated records between"].startswith("1 Jan 2016 and today")
    assert words["Other filters"] == "none: every topic, source article, record kind"
    assert words["Layers"] == "Visit route, Military sites"
    assert dict(list_filters(corpus, vs.ViewState()))["Other filters"].startswith("none: every organization")


def test_the_link_reproduces_the_view(corpus):
    view = vs.ViewState(filters=FilterState(countries=("TJ",)), selected="site-kant",
                        view=vs.MapView(39.5, 69.5, 6))
    link = view_link("http://example.org:8501/dash", view, corpus)
    parts = urllib.parse.urlsplit(link)
    assert parts.path == "/dash/"
    again, notices = vs.decode(urllib.parse.parse_qs(parts.query), corpus)
    assert again == view and not notices
    # The app's pages are relative to it, also under a path prefix.
    assert app_link(link, "reader?source=x") == "http://example.org:8501/dash/reader?source=x"


@pytest.mark.parametrize("base", [None, "", "javascript:alert(1)", "file:///etc/passwd", "http://"])
def test_no_link_without_an_http_address(corpus, base):
    assert view_link(base, vs.ViewState(), corpus) is None


FRAME = {"bounds": [[36.4, 66.6], [44.0, 78.4]], "size": [700, 600], "zoom": 6}


def test_a_request_carries_the_frame_and_the_address_bars_view():
    request = parse_download_request({"kind": "png", "n": 3, "search": "?sel=x&lat=39.5&lon=69.5&z=6",
                                      "frame": FRAME})
    assert request.kind == "png" and request.number == 3
    assert request.extent == Extent(36.4, 66.6, 44.0, 78.4)
    assert request.map_view == vs.MapView(39.5, 69.5, 6)


def test_a_request_without_a_frame_takes_the_address_bars_view_or_none():
    request = parse_download_request({"kind": "html", "n": 1, "search": "?lat=39.5&lon=69.5&z=6", "frame": None})
    assert request.extent is not None and request.extent.center[1] == pytest.approx(69.5)
    assert parse_download_request({"kind": "html", "n": 1}).extent is None


def test_a_map_panned_past_the_antimeridian_is_clamped_to_the_world():
    request = parse_download_request({"kind": "html", "n": 1, "frame": {"bounds": [[-89, -250], [89, 250]]}})
    assert request.extent.west == -180 and request.extent.east == 180 and request.extent.north < 85.1


# Each row: what a forged or garbled message may carry (the buttons send none of these).
@pytest.mark.parametrize("payload", [
    None,
    "html",
    {"kind": "exe", "n": 1},
    {"kind": "html"},  # no number
    {"kind": "html", "n": True},
    {"kind": "html", "n": -1},
    {"kind": "html", "n": 1, "search": "?" + "x" * 5000},
    {"kind": "html", "n": 1, "search": ["?lat=1"]},
    {"kind": "html", "n": 1, "frame": {"bounds": "everywhere"}},
    {"kind": "html", "n": 1, "frame": {"bounds": [[1, 2], [3]]}},
    {"kind": "html", "n": 1, "frame": {"bounds": [["NaN", 2], [3, 4]]}},
    {"kind": "html", "n": 1, "frame": {"bounds": [[40, 70], [40, 75]]}},  # no height
])
def test_a_garbled_request_is_refused(payload):
    with pytest.raises(ValueError):
        parse_download_request(payload)


def test_with_the_memberships_layer_off_the_filters_say_nothing_is_shaded(corpus):
    # A fresh reviewer's published map said "Countries shaded by: CSTO" in its About, "not shaded" in its bar.
    rows = dict(list_filters(corpus, vs.ViewState(layers=("sites",))))
    assert rows["Countries shaded by"] == "none: the memberships layer is off (CSTO would be)"
    assert dict(list_filters(corpus, vs.ViewState()))["Countries shaded by"] == "CSTO"


def test_a_view_whose_filters_leave_no_membership_says_nothing_is_shaded(corpus):
    # A fresh reviewer (issue 28): "Countries shaded by CSTO membership" over a map where nothing was shaded.
    view = vs.ViewState(filters=FilterState(kinds=("visit_stop",)))
    snap = make_snapshot(corpus, view, made=MADE)
    assert not snap.status
    assert snap.subtitle == "No country shaded: the filters leave no CSTO membership on 27 Feb 2017"
