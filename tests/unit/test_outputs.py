"""Figure builders, exports and the article reader, against the corpus."""

from __future__ import annotations

import html

import pytest

from dashboard import charts
from dashboard.corpus import DEFAULT_GEODATA, normalise
from dashboard.export import from_csv, from_geojson, to_csv, to_geojson
from dashboard.filters import FilterState, apply_filter
from dashboard.geo import load_borders
from dashboard.model import Figure, Membership
from dashboard.reader import build_reader_html, marks_for, segments
from dashboard.state import resolve_excerpt

BUILDERS = [charts.make_membership_timeline, charts.make_tour_chart, charts.make_topic_country_heatmap,
            charts.make_numbers_chart, charts.make_coverage_chart]


@pytest.mark.parametrize("make", BUILDERS)
def test_every_figure_has_a_title_axes_and_record_ids(corpus, make):
    fig = make(list(corpus.records), corpus)
    assert fig.layout.title.text
    assert fig.data, "no traces"
    for trace in fig.data:
        assert trace.customdata is not None


@pytest.mark.parametrize("make", BUILDERS)
def test_every_figure_handles_an_empty_filter(corpus, make):
    fig = make([], corpus)
    assert any("Nothing to show" in a.text for a in fig.layout.annotations)


def test_membership_timeline_has_one_bar_per_period(corpus):
    fig = charts.make_membership_timeline(list(corpus.records), corpus)
    assert sum(len(t.y) for t in fig.data) == sum(isinstance(r, Membership) for r in corpus.records)
    names = {t.name for t in fig.data}
    assert {"member", "observer", "former", "suspended", "prospective"} <= names


def test_numbers_chart_shows_every_figure_with_its_source(corpus):
    fig = charts.make_numbers_chart(list(corpus.records), corpus)
    assert sum(len(t.x) for t in fig.data) == sum(isinstance(r, Figure) for r in corpus.records)


def test_tour_chart_has_the_three_stops(corpus):
    fig = charts.make_tour_chart(list(corpus.records), corpus)
    stops = fig.data[0]
    assert {"Almaty", "Dushanbe", "Bishkek"} <= set(stops.y)


def test_chart_selection_maps_back_to_records():
    event = {"selection": {"points": [{"customdata": ["site-kant", "x"]}, {"customdata": ["security|TJ", 3]}]}}
    assert charts.selected_record_ids(event) == ["site-kant"]


@pytest.mark.parametrize("fmt", ["csv", "geojson"])
def test_exports_round_trip(corpus, fmt):
    records = apply_filter(corpus.records, FilterState())
    if fmt == "csv":
        back = from_csv(to_csv(records, corpus))
    else:
        back = from_geojson(to_geojson(records, load_borders(DEFAULT_GEODATA)))
    assert back == records
    assert [e.start for r in back for e in r.excerpts] == [e.start for r in records for e in r.excerpts]


def test_geojson_has_points_and_the_border_line(corpus):
    import json

    data = json.loads(to_geojson(list(corpus.records), load_borders(DEFAULT_GEODATA)))
    kinds = {f["id"]: (f["geometry"] or {}).get("type") for f in data["features"]}
    assert kinds["site-kant"] == "Point"
    assert kinds["border-tj-af"] in ("LineString", "MultiLineString")


def test_every_highlight_is_exactly_its_quote(corpus):
    for source_id, seed in corpus.seeds.items():
        for mark in marks_for(corpus, source_id):
            excerpt = resolve_excerpt(mark.key, corpus)
            assert excerpt.source == source_id
            assert normalise(seed.text[mark.start:mark.end]) == normalise(excerpt.quote)


def test_reader_html_escapes_the_text_and_keeps_it_whole(corpus):
    seed = corpus.seeds["cement-2017"]
    marks = marks_for(corpus, "cement-2017")
    out = build_reader_html(seed.text, marks, "site-kant.0")
    assert 'class="hl focus"' in out
    assert "".join(piece for piece, _ in segments(seed.text, marks)) == seed.text
    hostile = build_reader_html("<script>alert(1)</script>", [], None)
    assert hostile == html.escape("<script>alert(1)</script>")


def test_the_csv_names_a_memberships_country_grouping_and_status(corpus):
    # Review of issue 11 (B5): membership rows had empty countries and organizations, and no status.
    import csv
    import io

    from dashboard.export import to_csv

    row = next(csv.DictReader(io.StringIO(to_csv([corpus.by_id["m-csto-am-2024"]], corpus))))
    assert (row["countries"], row["organizations"], row["status"]) == ("AM", "org-csto", "frozen")
    assert (row["date"], row["date_end"]) == ("2024-02-22", "")
