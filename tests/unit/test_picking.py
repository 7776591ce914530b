"""What the reader picks on the map (dashboard/map/picking.py): the record a click picked, and every mark in the
keyboard's order."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.corpus.load import DEFAULT_GEODATA
from dashboard.corpus.memberships import membership_status
from dashboard.corpus.model import Border, Membership, MilitarySite, VisitStop
from dashboard.map.geo import load_countries
from dashboard.map.picking import clicked_record, marks_in_tab_order
from dashboard.query.link import LAYERS

BISHKEK = {"lat": 42.87, "lng": 74.59}
SEA = {"lat": 43.0, "lng": 50.5}  # the Caspian: no country under it
KANT = "Kant air base status: active ref: site-kant"


@pytest.fixture(scope="module")
def countries():
    return load_countries(DEFAULT_GEODATA)


@pytest.fixture(scope="module")
def status(corpus):
    memberships = [r for r in corpus.records if isinstance(r, Membership)]
    return membership_status(memberships, "org-csto", dt.date(2017, 2, 27))


CLICKS = [
    # (what the map sent back, the last click seen, the layers drawn, the record picked)
    ({"last_object_clicked_count": 1, "last_object_clicked_tooltip": KANT}, None, LAYERS, "site-kant"),
    # The same mark clicked again: a new count, the same tooltip (streamlit-folium #316).
    ({"last_object_clicked_count": 2, "last_object_clicked_tooltip": KANT}, (1, None), LAYERS, "site-kant"),
    # Nothing new since the last run: nothing picked.
    ({"last_object_clicked_count": 2, "last_object_clicked_tooltip": KANT}, (2, None), LAYERS, None),
    # A click on the map itself, in a shaded country: its membership.
    ({"last_clicked": BISHKEK}, None, LAYERS, "KG"),
    ({"last_clicked": BISHKEK}, (0, BISHKEK), LAYERS, None),                 # the same point: not new
    ({"last_clicked": BISHKEK}, None, ("route", "sites"), None),             # no shading drawn, no country
    ({"last_clicked": SEA}, None, LAYERS, None),                             # no country there
    # A mark's tooltip without a ref (a country's own name) falls through to the point under the click.
    ({"last_object_clicked_count": 1, "last_object_clicked_tooltip": "Kyrgyzstan", "last_clicked": BISHKEK},
     None, LAYERS, "KG"),
    ({}, None, LAYERS, None),
]


@pytest.mark.parametrize(("returned", "previous", "layers", "picked"), CLICKS)
def test_a_click_picks_the_mark_or_the_shaded_country_under_it(countries, status, returned, previous, layers,
                                                                  picked):
    expected = status[picked].id if picked == "KG" else picked
    assert clicked_record(returned, previous, countries, status, layers) == expected


def _marks(corpus, status, layers):
    stops = [r for r in corpus.records if isinstance(r, VisitStop)]
    sites = [r for r in corpus.records if isinstance(r, MilitarySite)]
    borders = [r for r in corpus.records if isinstance(r, Border)]
    return marks_in_tab_order(corpus, layers, stops, sites, borders, status)


def test_the_marks_are_listed_in_the_maps_tab_order(corpus, status):
    ids = [r.id for r in _marks(corpus, status, LAYERS)]
    stops = ["stop-moscow", "stop-almaty", "stop-dushanbe", "stop-bishkek", "stop-ashgabat-not-made",
             "stop-tashkent-not-made"]
    assert ids[:len(stops)] == stops
    call = ids.index("call-berdymukhamedov")
    assert "site-kant" in ids[len(stops):call]                      # the sites and the borders before the call
    countries = [corpus.countries[corpus.by_id[rid].country] for rid in ids[call + 1:]]
    assert countries == sorted(countries) and len(countries) == len(status)   # the countries last, by name


def test_only_the_layers_drawn_are_listed(corpus, status):
    only_route = [r.id for r in _marks(corpus, status, ("route",))]
    assert only_route[-1] == "call-berdymukhamedov" and len(only_route) == 7
    assert all(isinstance(r, Membership) for r in _marks(corpus, status, ("members",)))
    assert _marks(corpus, status, ()) == []
