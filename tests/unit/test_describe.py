"""The view in words (issue 13): each mark's accessible name, the map's description, the filters in words,
the live region's sentence, and each chart's words and table, which must hold the chart's own figures."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.charts import figures as charts
from dashboard.charts.text import chart_text
from dashboard.corpus.memberships import membership_status
from dashboard.corpus.model import Membership
from dashboard.map.describe import announcement, filters_in_words, map_description, mark_name, selection_said
from dashboard.query.filters import FilterState, select

TODAY = dt.date(2026, 11, 29)


@pytest.mark.parametrize(("rid", "name"), [
    ("stop-moscow", "Moscow: start and end of the tour"),
    ("stop-almaty", "Stop 1: Almaty, 27 Feb 2017, talks with Nursultan Nazarbayev"),
    ("stop-dushanbe", "Stop 2: Dushanbe, 27 Feb 2017, talks with Emomali Rahmon "
                      "(sources disagree: Talks in Dushanbe: 27 or 28 February?)"),
    ("stop-bishkek", "Stop 3: Bishkek, 28 Feb 2017, talks with Almazbek Atambayev"),
    ("stop-tashkent-not-made", "Not visited: Tashkent (Uzbekistan)"),
    ("call-berdymukhamedov", "Phone call from the Dushanbe talks: Emomali Rahmon and Gurbanguly Berdymukhamedov"),
    ("site-kant", "Kant air base (Kyrgyzstan): Russian military site, withdrawal offered "
                  "(sources disagree: Kant air base: 49 more years, or 15?)"),
    ("site-201st", "201st military base (Tajikistan): Russian military site, active"),
    ("m-csto-kg-1992", "Kyrgyzstan in the CSTO: member since 15 May 1992"),
])
def test_a_mark_is_named_in_words(corpus, rid, name):
    assert mark_name(corpus.by_id[rid], corpus) == name


def test_a_border_is_named_with_its_computed_length_and_its_disagreement(corpus):
    assert mark_name(corpus.by_id["border-tj-af"], corpus, length_km=1171.6) == (
        "The Tajik–Afghan border, 1,172 km (computed, geodesic) (sources disagree: How long is the Tajik–Afghan "
        "border?)")


def test_a_site_outside_its_title_names_its_host(corpus):
    aini = corpus.by_id["site-aini"]
    assert "Tajikistan" not in aini.title
    assert mark_name(aini, corpus).startswith(aini.title + ", Tajikistan: Russian military site, proposed")


@pytest.mark.parametrize(("state", "words"), [
    (FilterState(), "no filters"),
    (FilterState(orgs=("org-csto",)), "CSTO"),
    (FilterState(orgs=("org-csto", "org-eaeu"), countries=("TJ",)), "CSTO, EAEU · Tajikistan"),
    (FilterState(topics=("labour-migration",), kinds=("military_site",)), "topics labour migration · military sites"),
    (FilterState(date_from=dt.date(2016, 1, 1)), "dated 1 Jan 2016 to today"),
    (FilterState(date_to=dt.date(2017, 3, 1)), "dated the start to 1 Mar 2017"),
    (FilterState(as_of=dt.date(2012, 5, 5)), "memberships as of 5 May 2012"),
    (FilterState(query="Kant"), "search “Kant”"),
])
def test_the_filters_in_words(corpus, state, words):
    assert filters_in_words(corpus, state) == words


def test_the_live_region_says_the_filters_and_the_counts(corpus):
    state = FilterState(orgs=("org-csto",))
    assert announcement(corpus, state, 41, 6) == "Filters: CSTO · 41 records, 6 on the map"
    assert announcement(corpus, state, 1) == "Filters: CSTO · 1 record"
    assert announcement(corpus, FilterState(), 0, 0) == "Filters: no filters · 0 records, 0 on the map"


def test_the_map_in_words(corpus):
    records = select(corpus, FilterState())
    status = membership_status([r for r in records if isinstance(r, Membership)], "org-csto", dt.date(2017, 2, 27))
    shown = {"route": [r for r in records if r.kind == "visit_stop"],
             "sites": [r for r in records if r.kind == "military_site"],
             "border": [r for r in records if r.kind == "border"]}
    words = map_description(corpus, shown, status, "org-csto", dt.date(2017, 2, 27))
    assert words.startswith("The route: Moscow → Almaty (27 Feb 2017) → Dushanbe (27 Feb 2017) → Bishkek (28 Feb 2017)"
                            " → Moscow. Announced but not visited: Ashgabat, Tashkent. 3 Russian military sites: ")
    assert "Borders the articles discuss: The Tajik–Afghan border" in words
    assert "Countries shaded by CSTO status on 27 Feb 2017: member: Armenia, Belarus, Kazakhstan, Kyrgyzstan, " \
           "Russia, Tajikistan" in words
    assert "suspended: Uzbekistan" in words
    assert map_description(corpus, {}, {}, "org-csto", TODAY) == "Nothing is drawn with these filters."


def _bars(figure) -> int:
    return sum(len(t.x) for t in figure.data if t.type == "bar")


def test_the_timeline_table_is_its_bars(corpus):
    text = chart_text("membership", corpus.records, corpus, TODAY)
    figure = charts.make_membership_timeline(corpus.records, corpus, today=TODAY)
    assert len(text.rows) == _bars(figure) == len(text.records)
    assert {r.id for r in text.records} == {c[0] for t in figure.data for c in t.customdata}
    kg = next(row for row in text.rows if row[:3] == ("CSTO", "Kyrgyzstan", "member"))
    assert kg[3:5] == ("15 May 1992", "today")
    periods = sum(1 for r in corpus.records if r.kind == "membership")  # 124 since issue 23 (the SCO whole)
    assert text.summary.startswith(f"{periods} periods of ") and "from 1991 to 29 Nov 2026" in text.summary


def test_the_heatmap_table_is_its_cells(corpus):
    text = chart_text("topics", corpus.records, corpus, TODAY)
    figure = charts.make_topic_country_heatmap(corpus.records, corpus)
    heat = figure.data[0]
    cells = {(y, x): z for y, row in zip(heat.y, heat.z) for x, z in zip(heat.x, row) if z}
    assert {(t, c): int(n) for t, c, n, _ in text.rows} == cells
    assert text.records == []  # a cell is a count, not a record


def test_the_tour_and_numbers_tables_list_their_points(corpus):
    tour = chart_text("tour", corpus.records, corpus, TODAY)
    assert [row[1] for row in tour.rows[:3]] == ["Almaty", "Dushanbe", "Bishkek"]
    # The phone call from the Dushanbe talks is dated since issue 23, so the tour names it too.
    assert tour.summary.startswith("Almaty on 27 Feb, Dushanbe on 27 Feb, Bishkek on 28 Feb, Ashgabat on 27 Feb.")
    numbers = chart_text("numbers", corpus.records, corpus, TODAY)
    figure = charts.make_numbers_chart(corpus.records, corpus)
    assert len(numbers.rows) == _bars(figure) == len(numbers.records)
    assert ("distance", "Length of the Tajik–Afghan border, as the Spotlight article gives it", "1,300", "km") in \
        [row[:4] for row in numbers.rows]


def test_the_coverage_table_and_an_empty_chart(corpus):
    coverage = chart_text("coverage", corpus.records, corpus, TODAY)
    figure = charts.make_coverage_chart(corpus.records, corpus)
    heat = figure.data[0]
    # The chart wraps each article's name to lines (figures.wrapped); the table says it on one.
    cells = {(y.replace("<br>", " "), x): z for y, row in zip(heat.y, heat.z) for x, z in zip(heat.x, row) if z}
    labels = {s.label: s.label for s in corpus.sources.values()}
    assert {(labels[a], t): int(n) for a, t, n, _ in coverage.rows} == cells
    for key in ("membership", "tour", "topics", "numbers", "coverage"):
        empty = chart_text(key, [], corpus, TODAY)
        assert empty.rows == [] and empty.summary.startswith("No ")
    with pytest.raises(ValueError, match="unknown chart 'pie'"):
        chart_text("pie", [], corpus, TODAY)


def test_the_live_region_names_the_selection_as_its_mark_is_named(corpus):
    assert selection_said(corpus, "site-kant") == f"Selected: {mark_name(corpus.by_id['site-kant'], corpus)}"
    assert selection_said(corpus, "site-kant").startswith("Selected: Kant air base (Kyrgyzstan)")
    assert selection_said(corpus, None) == "No record selected"
    assert selection_said(corpus, "no-such-record") == "No record selected"


def test_the_two_filters_in_words_name_each_choice_alike(corpus):
    # One builder (filter_parts) behind the live region's line and the downloads' list (issue 26).
    from dashboard.downloads.snapshot import list_filters
    from dashboard.map.describe import filter_parts
    from dashboard.query import link as vs
    f = FilterState(orgs=("org-eaeu",), countries=("KZ",), topics=("labour-migration",), kinds=("border",),
                    date_to=dt.date(2017, 3, 1))
    assert [(p.key, p.label, p.names) for p in filter_parts(corpus, f)] == [
        ("orgs", "Organization", ("EAEU",)), ("countries", "Country", ("Kazakhstan",)),
        ("topics", "Topic", ("labour migration",)), ("kinds", "Record kind", ("Borders",)),
        ("dates", "Dated records between", ("", "1 Mar 2017"))]
    assert filters_in_words(corpus, f) == ("EAEU · Kazakhstan · topics labour migration · borders · "
                                           "dated the start to 1 Mar 2017")
    words = dict(list_filters(corpus, vs.ViewState(filters=f)))
    assert (words["Organization"], words["Topic"], words["Record kind"]) == ("EAEU", "labour migration", "Borders")
    assert words["Dated records between"] == "1 Jan 1991 and 1 Mar 2017 (undated records are kept)"
    assert words["Other filters"] == "none: every source article"
