"""The one filter function, its facet counts, and the agreement of every view that uses it."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.charts import make_topic_country_heatmap, topic_country_counts
from dashboard.export import from_csv, to_csv
from dashboard.filters import FilterState, apply_filter, emptied_by, facet_counts, matches, select
from dashboard.model import TOPICS

# (case, filter, a record that must pass, a record that must not)
CASES = [
    ("country", FilterState(countries=("TJ",)), "site-201st", "site-kant"),
    ("organization", FilterState(orgs=("org-eaeu",)), "m-eaeu-kz-2015", "m-csto-kz-1992"),
    ("topic", FilterState(topics=("migration",)), "ev-tj-migrants", "site-kant"),
    ("article", FilterState(sources=("gusev-2019",)), "fig-tj-students", "fig-kant-personnel"),
    ("kind", FilterState(kinds=("military_site",)), "site-aini", "stop-almaty"),
    ("dates", FilterState(date_from=dt.date(2017, 2, 28), date_to=dt.date(2017, 2, 28)), "stop-bishkek", "stop-almaty"),
    # memberships follow the 'as of' date: Uzbekistan was a CSTO member in 2008, not in 2017
    ("as of 2008", FilterState(as_of=dt.date(2008, 1, 1)), "m-csto-uz-2006", "m-csto-uz-2012"),
    ("as of tour", FilterState(), "m-csto-uz-2012", "m-csto-uz-2006"),
]


@pytest.mark.parametrize(("case", "state", "yes", "no"), CASES, ids=[c[0] for c in CASES])
def test_filter_table(corpus, case, state, yes, no):
    assert matches(corpus.by_id[yes], state)
    assert not matches(corpus.by_id[no], state)


def test_undated_records_are_kept_by_a_date_range(corpus):
    state = FilterState(date_from=dt.date(2017, 2, 27), date_to=dt.date(2017, 2, 28))
    assert matches(corpus.by_id["site-kant"], state)


def test_facet_counts_are_what_choosing_would_leave(corpus):
    state = FilterState(topics=("security",))
    counts = facet_counts(corpus, state, "countries")
    for code in ("TJ", "KG", "UZ"):
        chosen = FilterState(topics=("security",), countries=(code,))
        assert counts[code] == len(apply_filter(corpus.records, chosen))


def test_an_empty_result_names_the_filter_that_emptied_it(corpus):
    state = FilterState(countries=("MD",), kinds=("military_site",))
    assert apply_filter(corpus.records, state) == []
    assert set(emptied_by(corpus, state)) == {"countries", "kinds"}


states = st.builds(
    FilterState,
    countries=st.lists(st.sampled_from(["TJ", "KG", "KZ", "UZ", "RU", "AF"]), max_size=2, unique=True).map(tuple),
    topics=st.lists(st.sampled_from(TOPICS), max_size=2, unique=True).map(tuple),
    kinds=st.lists(st.sampled_from(["membership", "figure", "event", "visit_stop"]), max_size=2, unique=True).map(tuple),
    as_of=st.dates(dt.date(1992, 1, 1), dt.date(2024, 1, 1)),
)


@settings(max_examples=40, deadline=None)
@given(state=states)
def test_the_chart_the_table_and_the_export_agree(corpus, state):
    records = apply_filter(corpus.records, state)
    assert [r.id for r in from_csv(to_csv(records, corpus))] == [r.id for r in records]
    rec, _ = topic_country_counts(records)
    assert sum(rec.values()) == sum(len(r.topics) * len(_countries(r)) for r in records)
    fig = make_topic_country_heatmap(records, corpus)
    total = sum(sum(row) for row in fig.data[0].z) if records and fig.data else 0
    assert total == sum(rec.values())


def _countries(record):
    from dashboard.corpus import record_countries

    return record_countries(record)


@settings(max_examples=80, deadline=None)
@given(state=states, start=st.none() | st.dates(dt.date(1991, 1, 1), dt.date(2017, 1, 1)),
       end=st.none() | st.dates(dt.date(2017, 1, 1), dt.date(2026, 1, 1)), over_time=st.booleans())
def test_the_fast_selection_is_the_filter_function(corpus, state, start, end, over_time):
    from dataclasses import replace

    state = replace(state, date_from=start, date_to=end)
    slow = apply_filter(corpus.records, state, over_time=over_time)
    assert select(corpus, state, over_time=over_time) == slow
    for facet in ("countries", "topics", "kinds", "orgs", "sources"):
        expected = {}
        for record in corpus.records:
            if matches(record, state, skip=facet):
                for value in corpus.facets[record.id][facet]:
                    expected[value] = expected.get(value, 0) + 1
        assert dict(facet_counts(corpus, state, facet)) == expected
