"""The map's features as table rows (dashboard/map/feature_table.py): what the table view under the map lists."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from dashboard.corpus.memberships import membership_status
from dashboard.corpus.model import Border, Membership, MilitarySite, VisitStop
from dashboard.map.feature_table import feature_rows
from dashboard.map.geo import load_borders, load_countries
from dashboard.map.marks import route_legs
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def rows(corpus):
    stops = [r for r in corpus.records if isinstance(r, VisitStop)]
    sites = [r for r in corpus.records if isinstance(r, MilitarySite)]
    borders = [r for r in corpus.records if isinstance(r, Border)]
    memberships = [r for r in corpus.records if isinstance(r, Membership)]
    status = membership_status(memberships, "org-csto", dt.date(2017, 2, 27))
    geodata = SimpleNamespace(countries=load_countries(ROOT / "geodata"), borders=load_borders(ROOT / "geodata"))
    distances = {s.id: 1000.0 + i for i, s in enumerate(sites)}
    return feature_rows(stops, sites, borders, status, route_legs(stops), geodata, corpus, "CSTO", distances), sites


def test_every_stop_site_border_and_membership_has_a_row(rows, corpus):
    table, sites = rows
    layers = {row["layer"] for row in table}
    assert layers == {"Visit route", "Military sites", "Borders", "Memberships (CSTO)"}
    assert {row["ref"] for row in table if row["layer"] == "Military sites"} == {s.id for s in sites}
    # A border's length is computed from the geodata (the Tajik–Afghan border's is the one the map labels).
    assert any(row["detail"].endswith(" km computed") for row in table if row["layer"] == "Borders")


def test_a_site_says_its_status_and_its_distance_to_afghanistan(rows):
    table, sites = rows
    first = next(row for row in table if row["ref"] == sites[0].id and row["layer"] == "Military sites")
    assert first["detail"].endswith("; 1,000 km from Afghanistan")
    assert "_" not in first["detail"]  # withdrawal_offered is written as words


def test_a_leg_gives_its_geodesic_length_and_a_membership_its_status_in_words(rows):
    table, _ = rows
    legs = [row for row in table if row["feature"].startswith("Leg ")]
    assert legs and all(row["detail"].endswith(" km (geodesic, WGS84)") for row in legs)
    assert "Leg Moscow → Almaty" in {row["feature"] for row in legs}
    tajikistan = next(row for row in table if row["layer"] == "Memberships (CSTO)" and row["feature"] == "Tajikistan")
    assert tajikistan["detail"] == "member"
