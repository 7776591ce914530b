"""Every figure about the view is computed in one place and says what it counts (issue 24, case 6).

For the unfiltered view the map page said "1–8 of 133" (excerpts, unnamed), the briefing "137 records in view",
a search "0 of 174 records" (the whole corpus): three numbers for one view, two of them unlabelled.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dashboard.downloads.snapshot import make_snapshot
from dashboard.map.describe import announcement, counted, excerpts_said, search_said, view_figures
from dashboard.query.filters import FilterState, select
from dashboard.query.link import ViewState

MADE = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.UTC)

VIEWS = [
    FilterState(),                                        # the unfiltered view of the issue
    FilterState(orgs=("org-csto",)),
    FilterState(countries=("TJ", "KG")),
    FilterState(query="Kant"),
    FilterState(query="zzzzqqq"),                         # a search that finds nothing
    FilterState(as_of=dt.date(2012, 5, 5)),
]


@pytest.mark.parametrize("f", VIEWS)
def test_the_records_in_view_are_one_number_everywhere(corpus, f):
    figures = view_figures(corpus, f)
    records = select(corpus, f)
    assert figures.records == len(records)
    assert figures.excerpts == sum(len(r.excerpts) for r in records)
    # The live region, the briefing (its records in view) and the PNG's snapshot count the same records.
    assert f"· {counted(figures.records, 'record')}" in announcement(corpus, f, figures.records)
    snapshot = make_snapshot(corpus, ViewState(filters=f), made=MADE)
    assert len(snapshot.records) == figures.records
    if f.query:
        assert figures.without_query == len(select(corpus, FilterState(**{**f.__dict__, "query": ""})))
        said = search_said("“q”", figures)
        assert f"{figures.records:,} of the {counted(figures.without_query, 'record')}" in said
        assert str(figures.corpus) not in said.replace(str(figures.without_query), "")


def test_the_search_is_counted_against_the_records_in_view_not_the_corpus(corpus):
    # Issue 24, case 6: "0 of 174 records" for a search in a view of 136 records.
    figures = view_figures(corpus, FilterState(query="zzzzqqq"))
    assert figures.records == 0 and figures.without_query == len(select(corpus, FilterState()))
    said = search_said("“zzzzqqq”", figures)
    assert said == f"Search “zzzzqqq”: 0 of the {figures.without_query} records the other filters leave match it."
    assert str(len(corpus.records)) not in said


def test_the_excerpt_list_says_what_it_counts(corpus):
    figures = view_figures(corpus, FilterState())
    said = excerpts_said(figures)
    assert f"{figures.records} records in view" in said and f"{figures.excerpts} excerpts" in said
    assert re.search(rf"from the {figures.quoting} that quote an article", said)


@pytest.mark.parametrize("f", [FilterState(), FilterState(query="Kant")])
def test_the_briefing_says_the_same_number_of_records_in_view(corpus, f):
    from pathlib import Path

    from dashboard.downloads.briefing import build_briefing
    from dashboard.map.geo import load_borders, load_countries

    root = Path(__file__).resolve().parents[2] / "geodata"
    text = build_briefing(make_snapshot(corpus, ViewState(filters=f), made=MADE), load_countries(root),
                          load_borders(root))
    n = view_figures(corpus, f).records
    assert f"{counted(n, 'record')} in view" in text
    assert re.search(rf"<dt>Records in view</dt><dd>{n:,}\b", text)


def test_no_filter_key_reaches_a_reader():
    # Issue 24, case 6 ("no id, key or field name reaches a reader"): "Clear the query filter", "Clear the as of
    # filter" named the filters by their keys.
    from dashboard.map.describe import filter_name

    for key in ("orgs", "countries", "topics", "sources", "kinds", "dates", "as_of", "query"):
        name = filter_name(key)
        assert name != key and "_" not in name
    assert filter_name("query") == "search"


def test_what_a_reference_backs_is_said_in_words():
    from dashboard.evidence.facts import supports_text

    assert supports_text("date_end") == "the end date" and supports_text("location") == "the place"
    assert "_" not in supports_text("some_new_field")


def test_an_empty_view_says_so_without_zeros(corpus):
    said = excerpts_said(view_figures(corpus, FilterState(query="zzzzqqq")))
    assert "0" not in said


def test_the_pngs_badge_says_what_the_maps_says(corpus, monkeypatch):
    # Issue 24, case 6: the PNG measured from its own centre on the WGS84 ellipsoid (3,125 km) while the map
    # measured on Leaflet's sphere (3,119 km), and neither said from where.
    from pathlib import Path

    import matplotlib.axes

    from dashboard.downloads.image import build_map_png, edge_distance_km, edge_label
    from dashboard.downloads.snapshot import Extent
    from dashboard.map.geo import load_borders, load_countries

    drawn: list[str] = []
    original = matplotlib.axes.Axes.annotate
    monkeypatch.setattr(matplotlib.axes.Axes, "annotate",
                        lambda self, text, *a, **k: drawn.append(text) or original(self, text, *a, **k))
    extent = Extent(36.0, 66.0, 45.0, 78.0)
    root = Path(__file__).resolve().parents[2] / "geodata"
    build_map_png(make_snapshot(corpus, ViewState(), made=MADE, extent=extent), load_countries(root), load_borders(root))
    moscow = corpus.by_id["stop-moscow"].location
    lat, lon = extent.center
    expected = edge_label("Moscow", edge_distance_km(lat, lon, moscow.lat, moscow.lon))
    assert expected in drawn and expected.endswith("km from the map's centre")
    # Leaflet's measure (L.CRS.Earth.distance, haversine on R = 6,371,000 m), checked on a known pair.
    assert edge_distance_km(0, 0, 0, 1) == pytest.approx(6371.0 * 3.141592653589793 / 180, rel=1e-9)
