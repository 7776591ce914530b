"""The one filter function, its facet counts, and the agreement of every view that uses it."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.charts.figures import make_topic_country_heatmap, topic_country_counts
from dashboard.corpus.model import KINDS, TOPICS
from dashboard.downloads.export import from_csv, to_csv
from dashboard.query.filters import (
    FilterState,
    apply_filter,
    effective_shade,
    emptied_by,
    facet_counts,
    facet_values,
    matches,
    record_span,
    select,
)
from tests.unit.tiny import D, tiny_corpus

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


def _boundary_days(corpus) -> list[dt.date]:
    """Every day a record starts or ends on, at its precision, and the days either side."""
    days = set()
    for record in corpus.records:
        covered = record_span(record)
        for day in (record.date, record.date_end, *(covered or ())):
            # An open end (a grouping that still exists) is date.max: it has no day after it.
            if day is not None and dt.date.min < day < dt.date.max:
                days.update((day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)))
    return sorted(days)


@st.composite
def states(draw, corpus):
    """Any choice a reader can make: every facet, and dates drawn half the time from the records' boundaries."""
    boundaries = _boundary_days(corpus)

    def day(low: dt.date, high: dt.date):
        near = [d for d in boundaries if low <= d <= high]
        return (st.sampled_from(near) | st.dates(low, high)) if near else st.dates(low, high)

    def some(values):
        # Half the time a facet is left alone, or the result would nearly always be empty.
        return st.just(()) | st.lists(st.sampled_from(sorted(values)), min_size=1, max_size=2, unique=True).map(tuple)

    start = draw(st.none() | day(dt.date(1991, 1, 1), dt.date(2026, 12, 31)))
    end = draw(st.none() | day(start or dt.date(1991, 1, 1), dt.date(2026, 12, 31)))
    return FilterState(
        orgs=draw(some(corpus.organizations)),
        countries=draw(some(facet_values(corpus, "countries"))),
        topics=draw(some(TOPICS)),
        sources=draw(some(corpus.sources)),
        kinds=draw(some(KINDS)),
        as_of=draw(day(dt.date(1991, 1, 1), dt.date(2026, 12, 31))),
        date_from=start, date_to=end,
    )


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_the_chart_the_table_and_the_export_agree(corpus, data):
    state = data.draw(states(corpus))
    records = apply_filter(corpus.records, state)
    assert [r.id for r in from_csv(to_csv(records, corpus))] == [r.id for r in records]
    rec, _ = topic_country_counts(records)
    assert sum(rec.values()) == sum(len(r.topics) * len(_countries(r)) for r in records)
    fig = make_topic_country_heatmap(records, corpus)
    total = sum(sum(row) for row in fig.data[0].z) if records and fig.data else 0
    assert total == sum(rec.values())


def _countries(record):
    from dashboard.corpus.records import record_countries

    return record_countries(record)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), over_time=st.booleans())
def test_the_fast_selection_is_the_filter_function(corpus, data, over_time):
    state = data.draw(states(corpus))
    slow = apply_filter(corpus.records, state, over_time=over_time)
    assert select(corpus, state, over_time=over_time) == slow
    for facet in ("countries", "topics", "kinds", "orgs", "sources"):
        expected = {}
        for record in corpus.records:
            if matches(record, state, skip=facet):
                for value in corpus.facets[record.id][facet]:
                    expected[value] = expected.get(value, 0) + 1
        assert dict(facet_counts(corpus, state, facet)) == expected


@pytest.mark.parametrize("query", ["Kant", "Dushanbe base", "CSTO", "remittances", "nothing-like-this", "ОДКБ"])
@pytest.mark.parametrize("kinds", [(), ("event",), ("membership", "military_site")])
def test_the_fast_selection_of_a_search_is_the_filter_function(corpus, query, kinds):
    # The search's records as bits at their places in the corpus, ANDed with the filters' (issue 25).
    from dashboard.query.search import index_for

    state = FilterState(query=query, kinds=kinds)
    found = index_for(corpus).matching_ids(query)
    slow = apply_filter(corpus.records, state, found=found)
    assert select(corpus, state) == slow
    # What the filters alone keep, of what the search found: no more, no fewer.
    assert [r.id for r in slow] == [r.id for r in apply_filter(corpus.records, state.without("query")) if r.id in found]
    counts = facet_counts(corpus, state, "countries")
    assert sum(counts.values()) == sum(len(corpus.facets[r.id]["countries"]) for r in slow)


# --- Fixed tables on a corpus built in code (tests/unit/tiny.py): every record each choice leaves. ----------
TOUR_DAY = ("org-a", "org-b", "m-kz-a", "m-tj-b", "ev-tj", "ev-kg-week", "ev-jul", "site-kg", "fig-tj", "dis-tj")
SELECT = [
    # (case, filter, the records select() gives, in corpus order)
    ("nothing chosen: memberships of the tour's day, every other record", FilterState(), TOUR_DAY),
    # Issue 19: a select() that ignored the organization facet left every record here.
    ("organization A", FilterState(orgs=("org-a",)), ("org-a", "m-kz-a")),
    ("organization B: its record, a membership, an event naming it", FilterState(orgs=("org-b",)),
     ("org-b", "m-tj-b", "ev-jul")),
    ("either organization", FilterState(orgs=("org-a", "org-b")), ("org-a", "org-b", "m-kz-a", "m-tj-b", "ev-jul")),
    ("country KG, the host of a base", FilterState(countries=("KG",)), ("ev-kg-week", "site-kg")),
    ("country RU, the operator of a base", FilterState(countries=("RU",)), ("site-kg",)),
    ("country TJ", FilterState(countries=("TJ",)), ("m-tj-b", "ev-tj", "fig-tj", "dis-tj")),
    ("country KZ: its membership of the day, not the later one", FilterState(countries=("KZ",)), ("m-kz-a", "ev-jul")),
    ("topic", FilterState(topics=("migration",)), ("ev-tj",)),
    ("either topic", FilterState(topics=("security", "economy")), ("org-a", "org-b", "m-tj-b", "ev-kg-week")),
    ("article s1, a disagreement's version included", FilterState(sources=("s1",)),
     ("org-a", "ev-kg-week", "site-kg", "dis-tj")),
    ("article s2", FilterState(sources=("s2",)), ("ev-tj", "ev-kg-week", "ev-jul", "fig-tj")),
    ("article s3, quoted only in a version", FilterState(sources=("s3",)), ("dis-tj",)),
    ("kind", FilterState(kinds=("membership",)), ("m-kz-a", "m-tj-b")),
    ("two kinds", FilterState(kinds=("event", "figure")), ("ev-tj", "ev-kg-week", "ev-jul", "fig-tj")),
    ("organization and country together", FilterState(orgs=("org-b",), countries=("KZ",)), ("ev-jul",)),
    # A country the map knows but no record names (a link may choose it): it adds nothing.
    ("a country no record names", FilterState(countries=("CN",)), ()),
    ("that country beside another", FilterState(countries=("CN", "RU")), ("site-kg",)),
    ("country and kind together", FilterState(countries=("TJ",), kinds=("event",)), ("ev-tj",)),
    # Memberships on the 'as of' day: a period holds from its first day up to, not including, date_end.
    ("as of a start day", FilterState(kinds=("membership",), as_of=D(2015, 1, 1)), ("m-kz-a", "m-tj-b")),
    ("as of the day before", FilterState(kinds=("membership",), as_of=D(2014, 12, 31)), ("m-tj-b",)),
    ("as of the last day of a period", FilterState(kinds=("membership",), as_of=D(2019, 12, 31)), ("m-kz-a", "m-tj-b")),
    ("as of its end day: the next status", FilterState(kinds=("membership",), as_of=D(2020, 1, 1)),
     ("m-kz-a-2020", "m-tj-b")),
    ("as of the day after the end", FilterState(kinds=("membership",), as_of=D(2020, 1, 2)), ("m-kz-a-2020", "m-tj-b")),
    ("as of a month's first day ('December 2006')", FilterState(kinds=("membership",), as_of=D(2006, 12, 1)),
     ("m-uz-b",)),
    ("as of the day before that month", FilterState(kinds=("membership",), as_of=D(2006, 11, 30)), ()),
    ("as of the day before an end", FilterState(kinds=("membership",), as_of=D(2012, 12, 18)), ("m-uz-b", "m-tj-b")),
    ("as of that end day", FilterState(kinds=("membership",), as_of=D(2012, 12, 19)), ("m-tj-b",)),
    ("as of the day before a start", FilterState(kinds=("membership",), as_of=D(2010, 2, 28)), ("m-uz-b",)),
    # Dated records between two days: a record is kept if any day it covers is in the range.
    ("one day: an event that day and a week that ends on it", FilterState(kinds=("event", "figure"),
     date_from=D(2017, 2, 27), date_to=D(2017, 2, 27)), ("ev-tj", "ev-kg-week")),
    ("from the day after the week ends", FilterState(kinds=("event", "figure"), date_from=D(2017, 2, 28)),
     ("ev-jul", "fig-tj")),
    ("up to the week's first day", FilterState(kinds=("event", "figure"), date_to=D(2017, 2, 20)), ("ev-kg-week",)),
    ("up to the day before it", FilterState(kinds=("event", "figure"), date_to=D(2017, 2, 19)), ()),
    ("from a month's last day", FilterState(kinds=("event",), date_from=D(2019, 7, 31), date_to=D(2019, 8, 31)),
     ("ev-jul",)),
    ("from the day after the month", FilterState(kinds=("event",), date_from=D(2019, 8, 1)), ()),
    ("up to a month's first day", FilterState(kinds=("event",), date_from=D(2019, 6, 1), date_to=D(2019, 7, 1)),
     ("ev-jul",)),
    ("up to the day before the month", FilterState(kinds=("event",), date_from=D(2019, 6, 1), date_to=D(2019, 6, 30)),
     ()),
    ("a founding day in the range", FilterState(kinds=("organization",), date_from=D(2001, 6, 15),
     date_to=D(2001, 6, 15)), ("org-a", "org-b")),
    ("a range before the founding; an undated record stays", FilterState(kinds=("organization",),
     date_to=D(2001, 6, 14)), ("org-b",)),
    ("a range after the founding: the grouping still exists", FilterState(kinds=("organization",),
     date_from=D(2001, 6, 16), date_to=D(2001, 6, 16)), ("org-a", "org-b")),
    ("undated records stay in any range", FilterState(kinds=("military_site", "disagreement"),
     date_from=D(2030, 1, 1), date_to=D(2030, 1, 1)), ("site-kg", "dis-tj")),
    ("memberships follow 'as of', not the range", FilterState(kinds=("membership",), date_from=D(1995, 1, 1),
     date_to=D(1995, 1, 1)), ("m-kz-a", "m-tj-b")),
]


@pytest.fixture(scope="module")
def tiny():
    return tiny_corpus()


@pytest.mark.parametrize(("case", "state", "expected"), SELECT, ids=[c[0] for c in SELECT])
def test_select_table(tiny, case, state, expected):
    assert [r.id for r in select(tiny, state)] == list(expected)
    assert [r.id for r in apply_filter(tiny.records, state)] == list(expected)


def test_over_time_keeps_every_membership_period_and_still_filters_the_rest(tiny):
    state = FilterState(kinds=("membership", "figure"), date_from=D(2018, 1, 1))
    expected = ["m-kz-a", "m-kz-a-2020", "m-uz-b", "m-tj-b"]
    assert [r.id for r in select(tiny, state, over_time=True)] == expected
    assert [r.id for r in apply_filter(tiny.records, state, over_time=True)] == expected


COUNTS = [
    # (filter, facet, {value: records choosing it would leave}); values that would leave none are absent
    (FilterState(countries=("TJ",)), "kinds", {"membership": 1, "event": 1, "figure": 1, "disagreement": 1}),
    (FilterState(countries=("TJ",)), "countries", {"KZ": 2, "TJ": 4, "KG": 2, "RU": 1}),
    (FilterState(countries=("TJ",)), "orgs", {"org-b": 1}),
    (FilterState(countries=("TJ",)), "sources", {"s1": 1, "s2": 2, "s3": 1}),
    (FilterState(orgs=("org-a",)), "topics", {"security": 1, "integration": 1}),
    (FilterState(kinds=("membership",), as_of=D(2020, 1, 1)), "countries", {"KZ": 1, "TJ": 1}),
    (FilterState(kinds=("event",), date_from=D(2017, 2, 28)), "countries", {"KZ": 1}),
]


@pytest.mark.parametrize(("state", "facet", "expected"), COUNTS)
def test_facet_counts_table(tiny, state, facet, expected):
    assert dict(facet_counts(tiny, state, facet)) == expected


def test_facet_values_are_every_value_in_the_corpus(tiny):
    assert sorted(facet_values(tiny, "countries")) == ["KG", "KZ", "RU", "TJ", "UZ"]
    assert sorted(facet_values(tiny, "sources")) == ["s1", "s2", "s3"]
    assert sorted(facet_values(tiny, "orgs")) == ["org-a", "org-b"]


EMPTIED = [
    # (filter that leaves nothing, the facets whose clearing alone would leave something)
    (FilterState(countries=("KG",), kinds=("membership",)), ["countries", "kinds"]),
    # UZ's only record ended in 2012: moving 'as of' back to the tour's day does not bring it back.
    (FilterState(countries=("UZ",), as_of=D(2016, 1, 1)), ["countries"]),
    (FilterState(countries=("KZ",), kinds=("membership",), as_of=D(2014, 6, 1)), ["countries", "kinds", "as_of"]),
    (FilterState(kinds=("figure",), date_from=D(2018, 1, 1)), ["kinds", "dates"]),
]


@pytest.mark.parametrize(("state", "expected"), EMPTIED)
def test_an_empty_result_names_each_filter_that_emptied_it(tiny, state, expected):
    assert select(tiny, state) == []
    assert emptied_by(tiny, state) == expected


def test_the_filter_state_names_what_it_restricts():
    state = FilterState(orgs=("org-a",), kinds=("event",), date_to=D(2017, 1, 1), as_of=D(2010, 1, 1))
    assert state.active_facets() == ["orgs", "kinds", "dates", "as_of"]
    assert FilterState(date_from=D(2017, 1, 1)).active_facets() == ["dates"]
    assert FilterState().active_facets() == [] and FilterState().is_default()
    assert not FilterState(as_of=D(2010, 1, 1)).is_default()
    assert state.without("dates") == FilterState(orgs=("org-a",), kinds=("event",), as_of=D(2010, 1, 1))
    assert state.without("as_of") == FilterState(orgs=("org-a",), kinds=("event",), date_to=D(2017, 1, 1))
    assert state.without("orgs") == FilterState(kinds=("event",), date_to=D(2017, 1, 1), as_of=D(2010, 1, 1))
    assert FilterState(query="Kant", kinds=("event",)).without("query") == FilterState(kinds=("event",))


SEARCHED = [
    # (the search, the ids it found (None: not searched), the records kept)
    ("Kant", None, ["m-kz-a", "m-kz-a-2020", "m-uz-b"]),            # no search run: the query is not applied
    ("Kant", frozenset({"m-uz-b", "ev-tj"}), ["m-uz-b"]),           # found, and kept by the filters
    ("Kant", frozenset(), []),                                      # a search that found nothing keeps nothing
    ("   ", frozenset({"m-uz-b"}), ["m-kz-a", "m-kz-a-2020", "m-uz-b"]),  # a blank search is no search
    ("", frozenset({"m-uz-b"}), ["m-kz-a", "m-kz-a-2020", "m-uz-b"]),
]


@pytest.mark.parametrize(("query", "found", "expected"), SEARCHED)
def test_a_search_keeps_the_records_it_found_among_those_the_filters_keep(tiny, query, found, expected):
    state = FilterState(kinds=("membership",), countries=("KZ", "UZ"), query=query)
    kept = apply_filter(tiny.records, state, over_time=True, found=found)
    assert [r.id for r in kept] == expected


def test_a_period_known_to_the_year_covers_its_whole_last_year():
    # "From 2015 until 2016": the record may cover any day up to 31 Dec 2016.
    from dashboard.corpus.model import Event
    from dashboard.corpus.records import Corpus

    record = Event(id="ev-years", kind="event", title="Two years", countries=["KZ"], topics=["economy"],
                   date=D(2015, 1, 1), date_precision="year", date_end=D(2016, 1, 1), date_end_precision="year")
    assert record_span(record) == (D(2015, 1, 1), D(2016, 12, 31))
    corpus = Corpus(sources={}, seeds={}, records=(record,), organizations={}, countries={}, version="years")
    assert select(corpus, FilterState(date_from=D(2016, 12, 31))) == [record]
    assert select(corpus, FilterState(date_from=D(2017, 1, 1))) == []
    assert matches(record, FilterState(date_from=D(2016, 12, 31))) and not matches(record, FilterState(
        date_from=D(2017, 1, 1)))


def test_a_record_outside_the_range_matches_when_the_range_is_ignored(tiny):
    state = FilterState(date_from=D(2018, 1, 1))
    assert not matches(tiny.by_id["fig-tj"], state)
    assert matches(tiny.by_id["fig-tj"], state, skip="dates")
    assert not matches(tiny.by_id["m-kz-a-2020"], state)           # memberships follow 'as of' ...
    assert matches(tiny.by_id["m-kz-a-2020"], state, skip="as_of")  # ... unless it is ignored


@pytest.mark.parametrize(("orgs", "shade", "expected"), [
    ((), "org-csto", "org-csto"),
    (("org-eaeu",), "org-csto", "org-eaeu"),               # the filter excludes the chosen grouping
    (("org-csto", "org-eaeu"), "org-eaeu", "org-eaeu"),
    (("org-eaeu", "org-csto"), "org-sco", "org-eaeu"),      # the first chosen one the map can shade by
    (("org-bri",), "org-sco", "org-sco"),                    # none it can shade by: the chosen grouping stays
])
def test_the_map_shades_by_a_grouping_the_filter_keeps(corpus, orgs, shade, expected):
    assert effective_shade(shade, FilterState(orgs=orgs), corpus) == expected
