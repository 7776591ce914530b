"""Figure builders, exports and the article reader, against the corpus."""

from __future__ import annotations

import html

import pytest

from dashboard.charts import figures as charts
from dashboard.corpus.load import DEFAULT_GEODATA
from dashboard.corpus.model import Figure, Membership
from dashboard.corpus.quotes import normalise
from dashboard.corpus.records import resolve_excerpt
from dashboard.downloads.export import from_csv, from_geojson, to_csv, to_geojson
from dashboard.evidence.reader import build_reader_html, highlights_for, segments
from dashboard.map.geo import load_borders
from dashboard.query.filters import FilterState, apply_filter

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
        for mark in highlights_for(corpus, source_id):
            excerpt = resolve_excerpt(mark.key, corpus)
            assert excerpt.source == source_id
            assert normalise(seed.text[mark.start:mark.end]) == normalise(excerpt.quote)


def test_reader_html_escapes_the_text_and_keeps_it_whole(corpus):
    seed = corpus.seeds["cement-2017"]
    marks = highlights_for(corpus, "cement-2017")
    out = build_reader_html(seed.text, marks, "site-kant.0")
    assert 'class="hl focus"' in out
    assert "".join(piece for piece, _ in segments(seed.text, marks)) == seed.text
    hostile = build_reader_html("<script>alert(1)</script>", [], None)
    assert hostile == html.escape("<script>alert(1)</script>")


def test_the_csv_names_a_memberships_country_grouping_and_status(corpus):
    # Review of issue 11 (B5): membership rows had empty countries and organizations, and no status.
    import csv
    import io

    from dashboard.downloads.export import to_csv

    row = next(csv.DictReader(io.StringIO(to_csv([corpus.by_id["m-csto-am-2024"]], corpus))))
    assert (row["countries"], row["organizations"], row["status"]) == ("AM", "org-csto", "frozen")
    assert (row["date"], row["date_end"]) == ("2024-02-22", "")
# --- The CSV's readable columns, as a spreadsheet shows them (issue 19: not only record_json). ---------------
def _csv_rows(records, corpus) -> list[dict[str, str]]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(to_csv(records, corpus))))


def test_the_csv_has_every_readable_column_in_order():
    import csv
    import io

    from tests.unit.tiny import tiny_corpus

    header = next(csv.reader(io.StringIO(to_csv([], tiny_corpus()))))
    assert header == ["id", "kind", "title", "status", "date", "date_end", "countries", "organizations", "topics", "lat",
                      "lon", "sources", "quotes", "spans", "references", "record_json"]


def test_the_csv_readable_columns_say_what_the_record_says():
    from dashboard.corpus.model import Event, Excerpt, Location, Reference
    from tests.unit.tiny import D, tiny_corpus

    record = Event(
        id="ev-x", kind="event", title='The "Kant" talks, part 1', countries=["KG", "RU"], organizations=["org-a"],
        topics=["security", "military"], date=D(2019, 7, 1), date_precision="month", date_end=D(2019, 8, 18),
        location=Location(lat=42.85, lon=74.85),
        excerpts=[Excerpt(source="s1", quote="Russia flies Su-25 combat planes,\n  and Mi-8 helicopters", start=120,
                          end=176),
                  Excerpt(source="s2", quote="the base's \"lease\" runs | for 49 years", start=7, end=45)],
        references=[Reference(supports="location", title="Kant (air base)", url="https://example.org/kant")],
    )
    [row] = _csv_rows([record], tiny_corpus())
    del row["record_json"]
    assert row == {
        "id": "ev-x", "kind": "event", "title": 'The "Kant" talks, part 1', "status": "",
        "date": "2019-07", "date_end": "2019-08-18",
        "countries": "KG;RU", "organizations": "org-a", "topics": "security;military",
        "lat": "42.85", "lon": "74.85",
        "sources": "Article s1;Article s2",
        "quotes": "Russia flies Su-25 combat planes, and Mi-8 helicopters | the base's \"lease\" runs | for 49 years",
        "spans": "s1:120-176;s2:7-45",
        "references": "location: Kant (air base) <https://example.org/kant>",
    }


def test_a_record_without_place_dates_or_excerpts_leaves_those_columns_empty():
    from tests.unit.tiny import tiny_corpus

    corpus = tiny_corpus()
    [row] = _csv_rows([corpus.by_id["org-b"]], corpus)
    assert {k: row[k] for k in ("date", "date_end", "countries", "lat", "lon", "sources", "quotes", "spans")} == {
        k: "" for k in ("date", "date_end", "countries", "lat", "lon", "sources", "quotes", "spans")}
    assert row["organizations"] == "org-b" and row["references"] == "date: A public record <https://example.org/record>"


def test_the_real_csv_quotes_every_excerpt_readably(corpus):
    records = list(corpus.records)
    for record, row in zip(records, _csv_rows(records, corpus), strict=True):
        assert row["id"] == record.id and row["title"] == record.title
        assert row["quotes"] == " | ".join(normalise(e.quote) for e in record.excerpts), record.id
        assert row["sources"] == ";".join(corpus.sources[e.source].label for e in record.excerpts), record.id


def test_geojson_gives_each_feature_its_place_and_dates_at_their_precision():
    import json

    from tests.unit.tiny import tiny_corpus

    corpus = tiny_corpus()
    features = {f["id"]: f for f in json.loads(to_geojson(list(corpus.records)))["features"]}
    assert features["site-kg"]["geometry"] == {"type": "Point", "coordinates": [74.85, 42.85]}
    assert features["ev-tj"]["geometry"] is None and features["ev-tj"]["properties"]["when"] == "2017-02-27"
    assert features["ev-kg-week"]["properties"]["when"] == "2017-02-20/2017-02-27"
    assert features["m-uz-b"]["properties"]["when"] == "2006-12/2012-12-19"
    assert features["ev-jul"]["properties"]["when"] == "2019-07"
    assert "when" not in features["site-kg"]["properties"]
    assert features["ev-tj"]["properties"]["title"] == "Talks in Dushanbe"
    assert from_geojson(to_geojson(list(corpus.records))) == list(corpus.records)


def test_a_round_trip_keeps_the_spans_of_a_disagreements_quoted_versions(corpus):
    disputes = [r for r in corpus.records if r.kind == "disagreement" and any(v.excerpt for v in r.versions)]
    for back in (from_csv(to_csv(disputes, corpus)), from_geojson(to_geojson(disputes))):
        assert [(v.excerpt.start, v.excerpt.end) for r in back for v in r.versions if v.excerpt] == [
            (v.excerpt.start, v.excerpt.end) for r in disputes for v in r.versions if v.excerpt]
        assert all(v.excerpt.start is not None for r in back for v in r.versions if v.excerpt)


def test_a_record_exported_without_spans_loads_with_none():
    # A hand-made or older file: the record's JSON has no start/end for its excerpts.
    from dashboard.downloads.export import dict_to_record, record_to_dict
    from tests.unit.tiny import tiny_corpus

    corpus = tiny_corpus()
    for rid in ("ev-kg-week", "dis-tj"):
        data = record_to_dict(corpus.by_id[rid])
        for excerpt in data.get("excerpts", []):
            del excerpt["start"], excerpt["end"]
        for version in data.get("versions", []):
            del version["excerpt"]["start"], version["excerpt"]["end"]
        back = dict_to_record(data)
        assert back == corpus.by_id[rid]
        assert all(e.start is None and e.end is None for e in back.excerpts)


def test_a_record_without_excerpts_in_its_json_loads():
    from dashboard.downloads.export import dict_to_record, record_to_dict
    from tests.unit.tiny import tiny_corpus

    record = tiny_corpus().by_id["org-b"]
    data = record_to_dict(record)
    del data["excerpts"]
    assert dict_to_record(data) == record


def test_the_csv_lists_every_organization_and_reference_and_end_dates_at_their_precision():
    from dashboard.corpus.model import Event, Reference
    from tests.unit.tiny import D, tiny_corpus

    record = Event(id="ev-y", kind="event", title="Привет, «Душанбе»", countries=["TJ"], topics=["security"],
                   organizations=["org-a", "org-b"], date=D(2016, 1, 1), date_precision="year", date_end=D(2018, 1, 1),
                   date_end_precision="year",
                   references=[Reference(supports="date", title="First", url="https://example.org/1"),
                               Reference(supports="date_end", title="Second", url="https://example.org/2")])
    [row] = _csv_rows([record], tiny_corpus())
    assert (row["date"], row["date_end"]) == ("2016", "2018")
    assert row["organizations"] == "org-a;org-b"
    assert row["references"] == "date: First <https://example.org/1> | date_end: Second <https://example.org/2>"
    # The JSON column is readable too: letters as they are, keys in a fixed order (exports diff cleanly).
    assert "Привет, «Душанбе»" in row["record_json"]
    import json

    keys = list(json.loads(row["record_json"]))
    assert keys == sorted(keys)


def test_the_geojson_is_a_feature_collection_with_readable_letters():
    import json

    from dashboard.corpus.model import Event
    from tests.unit.tiny import D

    record = Event(id="ev-z", kind="event", title="«Душанбе»", countries=["TJ"], topics=["security"],
                   date=D(2016, 1, 1), date_end=D(2018, 1, 1), date_end_precision="year")
    text = to_geojson([record])
    assert "«Душанбе»" in text
    data = json.loads(text)
    assert data["type"] == "FeatureCollection" and [f["type"] for f in data["features"]] == ["Feature"]
    assert data["features"][0]["properties"]["when"] == "2016-01-01/2018"


def test_a_border_without_its_line_is_exported_without_geometry(corpus):
    import json

    border = corpus.by_id["border-tj-af"]
    [feature] = json.loads(to_geojson([border]))["features"]
    assert feature["geometry"] is None and feature["id"] == "border-tj-af"
    [feature] = json.loads(to_geojson([border], load_borders(DEFAULT_GEODATA)))["features"]
    assert feature["geometry"]["type"] in ("LineString", "MultiLineString")


def test_names_are_wrapped_between_words_escaped_and_a_long_word_keeps_its_line():
    assert charts.lines("Kant air base: a further 49 years", 12) == ["Kant air", "base: a", "further 49", "years"]
    assert charts.lines("Berdymukhamedov's-long-name x", 5) == ["Berdymukhamedov's-long-name", "x"]
    assert charts.lines("", 10) == [""]
    assert charts.wrapped("Russia <b>& Kyrgyzstan</b> gas network", 14) == \
        "Russia &lt;b&gt;&amp;<br>Kyrgyzstan&lt;/b&gt;<br>gas network"


def test_a_rows_height_holds_its_longest_names_lines():
    assert charts.row_px(["short"]) == 34                                   # one line in a bar's own 34 px
    assert charts.row_px(["short", "a name of some length that runs to three lines here"]) == 3 * charts.TICK_LINE_PX + 6


@pytest.mark.parametrize("make", BUILDERS)
def test_every_figures_title_is_wrapped_to_a_phones_width_under_the_toolbars_strip(corpus, make):
    fig = make(list(corpus.records), corpus)
    title_lines = fig.layout.title.text.split("<br>")
    assert all(len(line) <= charts.TITLE_LINE for line in title_lines)
    assert " ".join(title_lines) == charts.lines(" ".join(title_lines), 10_000)[0]    # nothing lost between lines
    # The first line's baseline a line under the toolbar's strip, from the figure's top; the plot under the last.
    baseline = (1 - fig.layout.title.y) * fig.layout.height
    assert baseline == pytest.approx(charts.TOOLBAR_PX + charts.TITLE_SIZE + 2)
    assert fig.layout.margin.t >= baseline + charts.TITLE_LINE_PX * (len(title_lines) - 1) + charts.TITLE_SIZE / 2
    assert fig.layout.title.yref == "container" and fig.layout.title.x == 0


def test_the_numbers_and_coverage_charts_names_are_wrapped_and_their_rows_hold_them(corpus):
    records = list(corpus.records)
    numbers = charts.make_numbers_chart(records, corpus)
    names = [name for trace in numbers.data for name in trace.y]
    assert all(len(line) <= charts.TICK_LINE for n in names for line in n.split("<br>") if " " in line)
    assert any("<br>" in n for n in names)
    figures = [r for r in records if isinstance(r, Figure)]
    assert numbers.layout.height >= sum(charts.row_px([f.title]) for f in figures)
    coverage = charts.make_coverage_chart(records, corpus)
    assert all(len(line) <= charts.TICK_LINE for n in coverage.data[0].y for line in n.split("<br>") if " " in line)
    assert coverage.layout.height >= len(corpus.sources) * charts.row_px([s.label for s in corpus.sources.values()])


def test_the_tour_charts_labels_are_two_lines_not_clipped_at_the_plots_edge(corpus):
    stops = charts.make_tour_chart(list(corpus.records), corpus).data[0]
    assert all(t.count("<br>") <= 1 for t in stops.text)
    assert stops.cliponaxis is False and stops.textposition == "top center"


def test_the_numbers_charts_first_panel_title_has_its_room_between_the_title_and_the_plot(corpus):
    # A fresh reviewer, on a phone: "Count (years of age)" ran into "grouped by what they measure" (5 px over).
    fig = charts.make_numbers_chart(list(corpus.records), corpus)
    title_lines = fig.layout.title.text.count("<br>") + 1
    first = fig.layout.annotations[0].text.count("<br>") + 1
    plain = charts.TOOLBAR_PX + charts.TITLE_LINE_PX * title_lines + 16
    assert fig.layout.margin.t == plain + charts.SUBPLOT_TITLE_PX * first
