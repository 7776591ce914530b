"""URL encode/decode: round trips (hypothesis) and hostile input dropped with a notice."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.filters import FilterState
from dashboard.model import KINDS, TOPICS
from dashboard.state import LAYERS, MapView, ViewState, decode, encode


def as_params(encoded: dict[str, str]) -> dict[str, list[str]]:
    return {k: [v] for k, v in encoded.items()}


@st.composite
def views(draw, corpus):
    ids = sorted(corpus.by_id)
    filters = FilterState(
        orgs=tuple(draw(st.lists(st.sampled_from(sorted(corpus.organizations)), max_size=3, unique=True))),
        countries=tuple(draw(st.lists(st.sampled_from(sorted(corpus.countries)), max_size=3, unique=True))),
        topics=tuple(draw(st.lists(st.sampled_from(TOPICS), max_size=3, unique=True))),
        sources=tuple(draw(st.lists(st.sampled_from(sorted(corpus.sources)), max_size=2, unique=True))),
        kinds=tuple(draw(st.lists(st.sampled_from(KINDS), max_size=2, unique=True))),
        as_of=draw(st.dates(dt.date(1991, 1, 1), dt.date(2026, 1, 1))),
        date_from=draw(st.none() | st.dates(dt.date(1991, 1, 1), dt.date(2010, 1, 1))),
        date_to=draw(st.none() | st.dates(dt.date(2010, 1, 2), dt.date(2026, 1, 1))),
    )
    view = draw(st.none() | st.builds(MapView, st.floats(-89, 89).map(lambda x: round(x, 3)),
                                      st.floats(-179, 179).map(lambda x: round(x, 3)), st.integers(1, 18)))
    return ViewState(
        filters=filters,
        shade=draw(st.sampled_from(sorted(corpus.shadable))),  # what the panel offers (a link may not shade by BRI)
        selected=draw(st.none() | st.sampled_from(ids)),
        layers=tuple(x for x in LAYERS if x in draw(st.sets(st.sampled_from(LAYERS)))),
        tiles=draw(st.booleans()),
        view=view,
    )


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_round_trip(corpus, data):
    state = data.draw(views(corpus))
    decoded, notices = decode(as_params(encode(state, corpus)), corpus)
    assert notices == []
    assert decoded == state


def test_default_view_has_an_empty_query(corpus):
    assert encode(ViewState(), corpus) == {}


def test_links_are_short_and_readable(corpus):
    state = ViewState(filters=FilterState(orgs=("org-csto",), countries=("TJ", "KG"), as_of=dt.date(2017, 2, 28)))
    assert encode(state, corpus) == {"org": "CSTO", "country": "TJ,KG", "date": "2017-02-28"}


def test_codes_are_case_insensitive(corpus):
    state, notices = decode({"org": ["csto"], "country": ["tj,Kg"]}, corpus)
    assert state.filters.orgs == ("org-csto",) and state.filters.countries == ("TJ", "KG") and not notices


@settings(max_examples=300, deadline=None)
@given(params=st.dictionaries(st.text(max_size=20), st.lists(st.text(max_size=600), max_size=3), max_size=6))
def test_garbage_never_raises(corpus, params):
    state, notices = decode(params, corpus)
    assert isinstance(state, ViewState)
    for notice in notices:
        assert len(notice) < 200


HOSTILE = [
    ({"country": ["<script>alert(1)</script>"]}, "not a known value"),
    ({"sel": ["'><svg onload=alert(1)>"]}, "not a known value"),
    ({"date": ["2017-13-01"]}, "not a date"),
    ({"lat": ["1e999"], "lon": ["0"], "z": ["4"]}, "not a number"),
    ({"layers": ["route,<b>"]}, "not a known value"),
    ({"org": [",".join(["CSTO"] * 60)]}, "kept the first"),
]


@pytest.mark.parametrize(("params", "words"), HOSTILE)
def test_hostile_values_are_dropped_with_a_notice(corpus, params, words):
    state, notices = decode(params, corpus)
    assert any(words in n for n in notices), notices


def test_a_link_may_not_ask_for_a_day_after_the_readers_today(corpus):
    # Review of issue 11 (C1): ?date=2099-12-31 was accepted while the date field stops at today.
    today = dt.date(2026, 11, 30)
    state, notices = decode({"date": ["2026-12-01"], "to": ["2026-11-30"]}, corpus, today)
    assert state.filters.as_of == dt.date(2017, 2, 27) and state.filters.date_to == today
    assert notices == ["Ignored date='2026-12-01': outside 1991-01-01..2026-11-30 (today)."]
