"""URL encode/decode: round trips (hypothesis) and hostile input dropped with a notice."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.corpus.model import KINDS, TOPICS
from dashboard.query.filters import FilterState
from dashboard.query.link import EMBED_OPTIONS, EMBED_TAKEN, LAYERS, MapView, ViewState, decode, encode

STEPS = 9  # the story's steps, as the app passes them to decode


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
        story=draw(st.none() | st.integers(1, STEPS)),
        passage=draw(st.none() | st.integers(0, 9_999_998).flatmap(
            lambda start: st.tuples(st.just(start), st.integers(start + 1, 9_999_999)))),
    )


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_round_trip(corpus, data):
    state = data.draw(views(corpus))
    decoded, notices = decode(as_params(encode(state, corpus)), corpus, steps=STEPS)
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
    # Issue 24, case 5: such a day is read as the reader's today, with a notice (it was dropped, and the map
    # fell back to the tour's date without a word about it).
    today = dt.date(2026, 11, 30)
    state, notices = decode({"date": ["2026-12-01"], "to": ["2026-11-30"]}, corpus, today)
    assert state.filters.as_of == today and state.filters.date_to == today
    assert notices == ["Read date='2026-12-01' as today, 30 Nov 2026: that day has not begun where you are."]


# Issue 24, case 5: a link made in UTC+14 on its today (6 Dec), opened in America/Adak where it is still 5 Dec.
# Every date parameter past the reader's today is read as today and says so; one before 1991 is dropped and
# says so; none falls back to the tour's day without a word.
PAST_TODAY = [
    # (parameters, the filters' dates kept (as_of, from, to), the words of each notice)
    ({"date": ["2026-12-06"]}, (dt.date(2026, 12, 5), None, None), ["Read date='2026-12-06' as today, 5 Dec 2026"]),
    ({"date": ["2090-01-01"]}, (dt.date(2026, 12, 5), None, None), ["Read date='2090-01-01' as today"]),
    ({"from": ["2026-12-06"]}, (dt.date(2017, 2, 27), dt.date(2026, 12, 5), None), ["Read from='2026-12-06' as today"]),
    ({"to": ["2026-12-06"]}, (dt.date(2017, 2, 27), None, dt.date(2026, 12, 5)), ["Read to='2026-12-06' as today"]),
    ({"from": ["2026-12-06"], "to": ["2026-12-07"]}, (dt.date(2017, 2, 27), dt.date(2026, 12, 5), dt.date(2026, 12, 5)),
     ["Read from='2026-12-06' as today", "Read to='2026-12-07' as today"]),
    ({"date": ["1990-12-31"]}, (dt.date(2017, 2, 27), None, None), ["Ignored date='1990-12-31': outside 1991-01-01"]),
    ({"date": ["2026-12-05"]}, (dt.date(2026, 12, 5), None, None), []),
]


def test_the_first_day_of_1991_is_a_today_like_any_other(corpus):
    # Days past it are read as today; one before 1991 is outside the map's range, said with its today.
    today = dt.date(1991, 1, 1)
    assert decode({"date": ["1991-01-02"]}, corpus, today) == (
        ViewState(filters=FilterState(as_of=today)),
        ["Read date='1991-01-02' as today, 1 Jan 1991: that day has not begun where you are."])
    assert decode({"date": ["1990-12-31"]}, corpus, dt.date(2026, 12, 5)) == (
        ViewState(), ["Ignored date='1990-12-31': outside 1991-01-01..2026-12-05 (today)."])


def test_a_clock_before_1991_does_not_read_every_link_as_that_day(corpus):
    # A machine whose clock is wrong: its "today" is not a day the map has, so links are not snapped to it.
    assert decode({"date": ["2017-02-28"]}, corpus, dt.date(1980, 1, 1)) == (
        ViewState(), ["Ignored date='2017-02-28': outside 1991-01-01..1980-01-01 (today)."])


@pytest.mark.parametrize(("params", "kept", "words"), PAST_TODAY)
def test_a_day_past_the_readers_today_is_read_as_today_with_a_notice(corpus, params, kept, words):
    state, notices = decode(params, corpus, dt.date(2026, 12, 5))
    assert (state.filters.as_of, state.filters.date_from, state.filters.date_to) == kept
    assert len(notices) == len(words) and all(n.startswith(w) for n, w in zip(notices, words)), notices
# --- Map views and dates at and past the edges (issue 19), with the notice a reader sees, word for word. -----
TOGETHER = "Ignored the map view: lat, lon and z go together."
VIEWS = [
    # (lat, lon, z) as given, the view kept (None: dropped), the notice about the value (then TOGETHER)
    (("39.5", "69.5", "6"), MapView(39.5, 69.5, 6), None),
    (("90", "180", "18"), MapView(90.0, 180.0, 18), None),
    (("-90", "-180", "1"), MapView(-90.0, -180.0, 1), None),
    (("39.12345", "69.98765", "6.9"), MapView(39.123, 69.988, 6), None),      # rounded; a zoom is whole
    (("90.001", "69.5", "6"), None, "Ignored lat='90.001': not a number between -90 and 90."),
    (("-90.5", "69.5", "6"), None, "Ignored lat='-90.5': not a number between -90 and 90."),
    (("39.5", "180.5", "6"), None, "Ignored lon='180.5': not a number between -180 and 180."),
    (("39.5", "-181", "6"), None, "Ignored lon='-181': not a number between -180 and 180."),
    (("39.5", "69.5", "0"), None, "Ignored z='0': not a number between 1 and 18."),
    (("39.5", "69.5", "19"), None, "Ignored z='19': not a number between 1 and 18."),
    (("nan", "69.5", "6"), None, "Ignored lat='nan': not a number between -90 and 90."),
    (("39.5", "inf", "6"), None, "Ignored lon='inf': not a number between -180 and 180."),
    (("39.5", "east", "6"), None, "Ignored lon='east': not a number between -180 and 180."),
    (("39.5", None, None), None, ""),
    ((None, None, "6"), None, ""),
]


@pytest.mark.parametrize(("given", "view", "notice"), VIEWS, ids=[",".join(map(str, v[0])) for v in VIEWS])
def test_a_map_view_is_kept_only_inside_the_world(corpus, given, view, notice):
    params = {k: [v] for k, v in zip(("lat", "lon", "z"), given) if v is not None}
    state, said = decode(params, corpus)
    assert state.view == view
    assert said == ([] if notice is None else [notice, TOGETHER] if notice else [TOGETHER])


DAYS = [
    # (date=..., the 'as of' day kept, the notices)
    ("1991-01-01", dt.date(1991, 1, 1), []),
    ("2100-01-01", dt.date(2100, 1, 1), []),
    ("1990-12-31", dt.date(2017, 2, 27), ["Ignored date='1990-12-31': outside 1991-01-01..2100-01-01."]),
    ("2100-01-02", dt.date(2017, 2, 27), ["Ignored date='2100-01-02': outside 1991-01-01..2100-01-01."]),
    ("2017-02-30", dt.date(2017, 2, 27), ["Ignored date='2017-02-30': not a date (use YYYY-MM-DD)."]),
    ("2017-2-3", dt.date(2017, 2, 27), ["Ignored date='2017-2-3': not a date (use YYYY-MM-DD)."]),
    ("20170227", dt.date(2017, 2, 27), ["Ignored date='20170227': not a date (use YYYY-MM-DD)."]),
]


@pytest.mark.parametrize(("given", "as_of", "notices"), DAYS)
def test_a_date_is_kept_only_in_the_range_the_map_covers(corpus, given, as_of, notices):
    state, said = decode({"date": [given]}, corpus)
    assert state.filters.as_of == as_of
    assert said == notices


NOTICES = [
    # (params, what the filters become, the notices word for word)
    ({"country": ["TJ,XX"]}, FilterState(countries=("TJ",)), ["Ignored country='XX': not a known value."]),
    ({"country": ["tj, TJ ,kg"]}, FilterState(countries=("TJ", "KG")), []),
    ({"org": ["sco"], "article": ["GUSEV-2019"], "kind": ["Event"], "topic": ["MIGRATION"]},
     FilterState(orgs=("org-sco",), sources=("gusev-2019",), kinds=("event",), topics=("migration",)), []),
    ({"from": ["2018-01-01"], "to": ["2017-01-01"]}, FilterState(), ["Ignored from/to: 'to' is before 'from'."]),
    ({"from": ["2017-01-01"], "to": ["2017-01-01"]},
     FilterState(date_from=dt.date(2017, 1, 1), date_to=dt.date(2017, 1, 1)), []),
    ({"date": ["2016-01-01", "2017-01-01"]}, FilterState(as_of=dt.date(2016, 1, 1)),
     ["Parameter date was given 2 times; used the first."]),
    ({"country": ["x" * 401]}, FilterState(), [f"Ignored country={'x' * 37 + '...'!r}: longer than 400 characters."]),
    ({"country": ["x" * 400]}, FilterState(), [f"Ignored country={'x' * 37 + '...'!r}: not a known value."]),
    ({"country": [",".join(["TJ"] * 41)]}, FilterState(countries=("TJ",)),
     ["Parameter country had 41 values; kept the first 40."]),
    ({"country": [",".join(["TJ"] * 40)]}, FilterState(countries=("TJ",)), []),
    ({"colour": ["red"]}, FilterState(), ["Ignored unknown parameter 'colour'."]),
]


@pytest.mark.parametrize(("params", "filters", "notices"), NOTICES)
def test_link_filters_and_their_notices(corpus, params, filters, notices):
    state, said = decode(params, corpus)
    assert state.filters == filters
    assert said == notices


OTHERS = [
    # (params, the view they give, the notices)
    ({"shade": ["EAEU"]}, ViewState(shade="org-eaeu"), []),
    ({"shade": ["NATO"]}, ViewState(), ["Ignored shade='NATO': not a known value."]),
    ({"sel": ["SITE-KANT"]}, ViewState(selected="site-kant"), []),
    ({"layers": [""]}, ViewState(layers=()), []),
    ({"layers": ["sites,route"]}, ViewState(layers=("route", "sites")), []),
    ({"tiles": ["1"]}, ViewState(tiles=True), []),
    ({"tiles": ["0"]}, ViewState(tiles=False), []),
    ({"tiles": ["yes"]}, ViewState(), ["Ignored tiles='yes': use 0 or 1."]),
    ({"source": ["cement-2017"], "excerpt": ["site-kant.0"]}, ViewState(source="cement-2017", excerpt="site-kant.0"),
     []),
    ({"excerpt": ["site-kant.9"]}, ViewState(), ["Ignored excerpt='site-kant.9': no such excerpt."]),
    ({"excerpt": ["site-kant.x"]}, ViewState(), ["Ignored excerpt='site-kant.x': no such excerpt."]),
    ({"excerpt": ["nowhere.0"]}, ViewState(), ["Ignored excerpt='nowhere.0': no such excerpt."]),
    # A grouping without members cannot shade countries: said, once, however often it is given.
    ({"shade": ["BRI"]}, ViewState(), ["Ignored shade='BRI': that grouping has no members to shade countries by."]),
    ({"shade": ["bri", "EAEU"]}, ViewState(),
     ["Parameter shade was given 2 times; used the first.",
      "Ignored shade='bri': that grouping has no members to shade countries by."]),
    # One value for a one-value parameter: the rest are not even read (so not said to be unknown).
    ({"shade": ["EAEU,NATO"]}, ViewState(shade="org-eaeu"), ["Parameter shade takes one value; used the first of 2."]),
    # Layers none of which exists are ignored, as any garbage is: the map keeps its layers. An empty list is
    # what the panel writes for every layer off.
    ({"layers": ["<b>"]}, ViewState(), ["Ignored layers='<b>': not a known value."]),
    ({"layers": ["x" * 401]}, ViewState(), [f"Ignored layers={'x' * 37 + '...'!r}: longer than 400 characters."]),
    ({"layers": ["route", "x" * 401]}, ViewState(layers=("route",)),
     [f"Ignored layers={'x' * 37 + '...'!r}: longer than 400 characters."]),
    # A passage of an article, in characters: start before end, at most seven digits each.
    ({"source": ["cement-2017"], "at": ["12-40"]}, ViewState(source="cement-2017", passage=(12, 40)), []),
    ({"at": ["0-9999999"]}, ViewState(passage=(0, 9999999)), []),
    ({"at": ["40-12"]}, ViewState(), ["Ignored at='40-12': not a passage (start-end, in characters)."]),
    ({"at": ["12-12"]}, ViewState(), ["Ignored at='12-12': not a passage (start-end, in characters)."]),
    ({"at": ["0-12345678"]}, ViewState(), ["Ignored at='0-12345678': not a passage (start-end, in characters)."]),
    ({"at": ["12-40-50"]}, ViewState(), ["Ignored at='12-40-50': not a passage (start-end, in characters)."]),
    ({"at": ["twelve"]}, ViewState(), ["Ignored at='twelve': not a passage (start-end, in characters)."]),
    ({"at": ["1-2", "3-4"]}, ViewState(passage=(1, 2)), ["Parameter at was given 2 times; used the first."]),
    # A search: at most 200 characters once tidied.
    ({"q": ["k" * 200]}, ViewState(filters=FilterState(query="k" * 200)), []),
    ({"q": ["  Kant\x00  base "]}, ViewState(filters=FilterState(query="Kant base")), []),
    ({"q": ["k" * 201]}, ViewState(), [f"Ignored q={'k' * 37 + '...'!r}: a search is at most 200 characters."]),
]


@pytest.mark.parametrize(("params", "view", "notices"), OTHERS)
def test_link_view_parameters_and_their_notices(corpus, params, view, notices):
    assert decode(params, corpus) == (view, notices)


def test_an_excerpt_link_names_one_that_exists(corpus):
    last = len(corpus.by_id["site-kant"].excerpts) - 1
    assert decode({"excerpt": [f"site-kant.{last}"]}, corpus) == (ViewState(excerpt=f"site-kant.{last}"), [])
    assert decode({"excerpt": [f"site-kant.{last + 1}"]}, corpus)[1] == [
        f"Ignored excerpt='site-kant.{last + 1}': no such excerpt."]


def test_a_long_value_is_cut_in_its_notice(corpus):
    _, said = decode({"sel": ["a" * 41]}, corpus)
    assert said == [f"Ignored sel={'a' * 37 + '...'!r}: not a known value."]
    _, said = decode({"sel": ["a" * 40]}, corpus)
    assert said == [f"Ignored sel={'a' * 40!r}: not a known value."]


def test_every_part_of_the_view_is_written_into_the_link(corpus):
    state = ViewState(
        filters=FilterState(orgs=("org-csto", "org-eaeu"), countries=("TJ",), topics=("security",),
                            sources=("gusev-2019",), kinds=("event", "figure"), as_of=dt.date(2015, 6, 1),
                            date_from=dt.date(2016, 1, 1), date_to=dt.date(2017, 12, 31)),
        shade="org-sco", selected="site-kant", layers=("route",), tiles=True, view=MapView(39.5, -69.25, 6),
        source="cement-2017", excerpt="site-kant.0")
    assert encode(state, corpus) == {
        "org": "CSTO,EAEU", "country": "TJ", "topic": "security", "article": "gusev-2019", "kind": "event,figure",
        "date": "2015-06-01", "from": "2016-01-01", "to": "2017-12-31", "shade": "SCO", "sel": "site-kant",
        "layers": "route", "tiles": "1", "lat": "39.500", "lon": "-69.250", "z": "6", "source": "cement-2017",
        "excerpt": "site-kant.0"}


# ?story= (issue 14): a step the story has, else the link's step is ignored with a notice, word for word.
STORY_LINKS = [
    ({"story": ["4"]}, 4, []),
    ({"story": ["9"]}, 9, []),
    ({"story": ["-1"]}, None, ["Ignored story='-1': not a step number (use 1 to 9)."]),
    ({"story": ["999"]}, None, ["Ignored story='999': the story has steps 1 to 9."]),
    ({"story": ["0"]}, None, ["Ignored story='0': the story has steps 1 to 9."]),
    ({"story": ["<script>alert(1)</script>"]}, None,
     ["Ignored story='<script>alert(1)</script>': not a step number (use 1 to 9)."]),
    ({"story": ["3.5"]}, None, ["Ignored story='3.5': not a step number (use 1 to 9)."]),
    ({"story": [""]}, None, ["Ignored story='': not a step number (use 1 to 9)."]),
    ({"story": ["9" * 30]}, None, [f"Ignored story={'9' * 30!r}: not a step number (use 1 to 9)."]),
    ({"story": ["2", "5"]}, 2, ["Parameter story was given 2 times; used the first."]),
]


@pytest.mark.parametrize(("params", "step", "notices"), STORY_LINKS)
def test_a_link_opens_a_step_the_story_has(corpus, params, step, notices):
    state, said = decode(params, corpus, steps=STEPS)
    assert state.story == step
    assert said == notices


def test_a_step_in_a_link_is_dropped_when_no_story_is_loaded(corpus):
    state, said = decode({"story": ["4"]}, corpus)
    assert state.story is None and said == ["Ignored story='4': no story is loaded."]


def test_the_step_is_written_into_the_link_but_not_into_links_to_the_map(corpus):
    from dashboard.query.link import map_href

    assert encode(ViewState(story=4), corpus) == {"story": "4"}
    assert map_href(ViewState(story=4, selected="site-kant"), corpus) == "./?sel=site-kant"
    assert map_href(ViewState(story=4, source="cement-2017", excerpt="site-kant.0", passage=(1, 9)), corpus) == "./"


def test_a_reader_link_names_the_article_and_the_excerpt_or_passage_to_scroll_to():
    from dashboard.query.link import reader_href

    assert reader_href("cement-2017") == "reader?source=cement-2017"
    assert reader_href("cement-2017", "site-kant.0") == "reader?source=cement-2017&excerpt=site-kant.0"
    assert reader_href("cement-2017", passage=(1089, 1245)) == "reader?source=cement-2017&at=1089-1245"
    assert reader_href("a b&c") == "reader?source=a+b%26c"


# Streamlit's embed parameters: the panel sends those of the address (the server never sees them), and a link whose
# embed mode Streamlit does not take is told why, not shown whole in silence (a fresh reviewer, issue 28).
def _said(pairs) -> list[str]:
    from dashboard.query.link import embed_notices

    return [str(n) for n in embed_notices(pairs)]


def test_an_embed_mode_streamlit_takes_is_said_nothing_of():
    assert _said([["embed", "true"]]) == []
    # Streamlit reads names and values in any case.
    assert _said([["EMBED", "True"], ["Embed_Options", "SHOW_TOOLBAR"], ["embed_options", "light_theme"]]) == []
    # A second embed value beside embed=true changes nothing.
    assert _said([["embed", "1"], ["embed", "true"]]) == []


@pytest.mark.parametrize("value", ["1", "yes", "", "TRUE "])
def test_an_embed_value_other_than_true_is_said_to_show_the_page_whole(value):
    assert _said([["embed", value], ["embed_options", "show_toolbar"]]) == [
        f"Ignored embed={value!r}: Streamlit's embed mode is embed=true, so the page is shown whole.",
        "Ignored embed_options='show_toolbar': embed options apply with embed=true only."]


def test_embed_options_without_embed_mode_or_unknown_are_said():
    assert _said([["embed_options", "light_theme"]]) == [
        "Ignored embed_options='light_theme': embed options apply with embed=true only."]
    assert _said([["embed", "true"], ["EMBED_OPTIONS", "show_sidebar"], ["embed_options", "<b>x</b>" * 20]]) == [
        "Ignored EMBED_OPTIONS='show_sidebar': not one of Streamlit's embed options (show_toolbar, show_padding, "
        "disable_scrolling, light_theme, hide_loading_screen, show_loading_screen_v1, show_loading_screen_v2).",
        "Ignored embed_options='<b>x</b><b>x</b><b>x</b><b>x</b><b>x<...': not one of Streamlit's embed options "
        "(show_toolbar, show_padding, disable_scrolling, light_theme, hide_loading_screen, show_loading_screen_v1, "
        "show_loading_screen_v2)."]


def test_a_dark_theme_is_said_to_be_the_dashboards_own_light_one():
    # Issue 28's review: embed_options=dark_theme left the page light (its theme is set in .streamlit/config.toml,
    # which Streamlit keeps) while the notice of unknown options listed dark_theme as taken; and the share box's
    # code carried it.
    assert "dark_theme" in EMBED_OPTIONS and "dark_theme" not in EMBED_TAKEN
    assert _said([["embed", "true"], ["Embed_Options", "Dark_Theme"]]) == [
        "Ignored Embed_Options='Dark_Theme': the dashboard keeps its own light theme, for which its map's and charts' "
        "colours are chosen."]


@pytest.mark.parametrize("pairs", [None, "embed=1", {"embed": "1"}, [["embed"]], [["embed", 1]], [("embed", "1")],
                                   [["embed", "1"]] * 21])
def test_what_the_panel_cannot_have_sent_gives_no_notice(pairs):
    assert _said(pairs) == []


def test_the_embed_options_are_streamlits_own():
    # The names Streamlit's page reads from embed_options (its frontend's utilities, in the installed version).
    import pathlib

    import streamlit

    from dashboard.query.link import EMBED_OPTIONS

    js = pathlib.Path(streamlit.__file__).parent / "static" / "static" / "js"
    bundle = next(p.read_text() for p in js.glob("utils.*.js") if "embed_options" in p.read_text())
    assert all(f"`{name}`" in bundle for name in EMBED_OPTIONS)


def test_as_many_embed_parameters_as_the_panel_may_send_are_each_said():
    from dashboard.query.link import MAX_EMBED_PAIRS

    assert len(_said([["embed", str(i)] for i in range(MAX_EMBED_PAIRS)])) == MAX_EMBED_PAIRS == 20
