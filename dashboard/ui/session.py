"""The session's state: its keys, seeding from the link, restoring from the address bar, the view read from
it, the clear callbacks, refused changes, click de-duplication, and the reader's today."""

from __future__ import annotations

import datetime as dt
import secrets
import urllib.parse
from dataclasses import replace

import streamlit as st

from dashboard import i18n
from dashboard.corpus import clock
from dashboard.corpus.records import Corpus
from dashboard.query import link as vs
from dashboard.query.filter_panel import RANGE_KEY
from dashboard.query.filters import RANGE_START, TOUR_START, FilterState
from dashboard.ui import cached

VIEW_KEY = "_view_state"
NOTICES_KEY = "_notices"  # what a link asked for that was not used as given
REFUSED_KEY = "_refused"  # a change made on the page (the sidebar, a step, a download) that was not applied
SEEDED_KEY = "_seeded"
SESSION_TOKEN_KEY = "_session_token"
# How many records the map page draws (set while it draws), for the live region's words.
ON_MAP_KEY = "_on_map"


def _reader_zone() -> str | None:
    """The browser's time zone (IANA name), or None."""
    try:
        return st.context.timezone
    except Exception:  # noqa: BLE001 -- outside a session (bare mode) there is no browser to ask
        return None


def reader_today() -> dt.date:
    """Today where the reader is (the browser's time zone), not where the server is."""
    return clock.today_in(_reader_zone())


def reader_now() -> dt.datetime:
    """Now, in the reader's time zone (the browser's), for what a download says it was made."""
    return clock.now_in(_reader_zone())


def browser_language() -> str:
    """The first of the browser's preferred languages the dashboard speaks (navigator.language, then the
    Accept-Language header's list); i18n.DEFAULT if none or outside a session."""
    try:
        preferred = [st.context.locale or "", *i18n.accept_language(st.context.headers.get("Accept-Language"))]
    except Exception:  # noqa: BLE001 -- outside a session (bare mode) there is no browser to ask
        return i18n.DEFAULT
    return i18n.negotiate(tag for tag in preferred if tag)


def reader_language() -> str:
    """The language this run speaks: the one chosen (the switch, or the link on the session's first run), else
    the browser's. A link's unknown language is dropped here and said by the link's notices (vs.decode)."""
    if st.session_state.get(SEEDED_KEY):
        chosen = st.session_state.get(vs.P_LANG)
    else:
        # As the link's decoding reads it (vs.language_code): 'ru-RU' drew the navigation in English on the first
        # run and the rest in Russian.
        chosen = next((vs.language_code(v) for v in st.query_params.get_all(vs.P_LANG)[:1]), None)
    return chosen if chosen in i18n.languages() else browser_language()


def _query_lists() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def seed_from_url(corpus: Corpus) -> None:
    """On a session's first run, set the widgets from the link it was opened with."""
    state, notices = vs.decode(_query_lists(), corpus, reader_today(), cached.story_steps())
    if state.lang is None and browser_language() != i18n.DEFAULT:
        # The browser chose: the address bar and every link then carry it, so that a link the reader sends
        # opens in the language they read.
        state = replace(state, lang=browser_language())
    _set_view(state)
    st.session_state["_initial_view"] = state.view
    st.session_state[NOTICES_KEY] = notices
    st.session_state[SESSION_TOKEN_KEY] = secrets.token_hex(8)
    st.session_state[SEEDED_KEY] = True


def _set_view(state: vs.ViewState) -> None:
    f = state.filters
    ss = st.session_state
    ss[vs.P_ORG], ss[vs.P_COUNTRY], ss[vs.P_TOPIC] = list(f.orgs), list(f.countries), list(f.topics)
    ss[vs.P_ARTICLE], ss[vs.P_KIND] = list(f.sources), list(f.kinds)
    ss[vs.P_DATE] = f.as_of
    ss[RANGE_KEY] = (f.date_from, f.date_to)  # None: open (from 1991, up to the reader's today)
    ss[vs.P_SHADE], ss[vs.P_LAYERS], ss[vs.P_TILES] = state.shade, list(state.layers), state.tiles
    ss[vs.P_SEL], ss[vs.P_SOURCE], ss[vs.P_EXCERPT] = state.selected, state.source, state.excerpt
    ss[vs.P_QUERY] = f.query
    ss[vs.P_AT] = state.passage
    ss[vs.P_STORY] = state.story
    ss[vs.P_LANG] = state.lang


# Longer than any address bar the panel writes; a longer `restore` is not the panel's.
MAX_RESTORE = 4000


def restore_from_address_bar(query: object, corpus: Corpus) -> None:
    """The view from the address bar the panel sent after a reconnect landed on this new session.

    Streamlit's page sends, with every rerun, the query string it had when the page was loaded (or last
    set with `st.query_params`), not the address bar the panel and the map keep in step: this session
    was seeded with the link the reader opened, not the view they had.
    """
    if not isinstance(query, str) or len(query) > MAX_RESTORE:
        return
    params = urllib.parse.parse_qs(query.removeprefix("?"), keep_blank_values=True)
    state, _ = vs.decode(params, corpus, reader_today(), cached.story_steps())
    _set_view(replace(state, source=st.session_state.get(vs.P_SOURCE), excerpt=st.session_state.get(vs.P_EXCERPT)))


def clear_filters() -> None:
    """Callback of 'Clear all': every filter back to its default, the selection too."""
    ss = st.session_state
    for key in (vs.P_ORG, vs.P_COUNTRY, vs.P_TOPIC, vs.P_ARTICLE, vs.P_KIND):
        ss[key] = []
    ss[vs.P_DATE] = TOUR_START
    ss[RANGE_KEY] = (None, None)
    ss[vs.P_SEL] = None
    ss[vs.P_QUERY] = ""
    ss[NOTICES_KEY] = []
    ss[REFUSED_KEY] = []


def clear_facet(facet: str) -> None:
    """Callback that clears the one filter that emptied the result."""
    ss = st.session_state
    key = {"orgs": vs.P_ORG, "countries": vs.P_COUNTRY, "topics": vs.P_TOPIC, "sources": vs.P_ARTICLE,
           "kinds": vs.P_KIND}.get(facet)
    if key:
        ss[key] = []
    elif facet == "dates":
        ss[RANGE_KEY] = (None, None)
    elif facet == "as_of":
        ss[vs.P_DATE] = TOUR_START
    elif facet == "query":
        ss[vs.P_QUERY] = ""


def _filters_from_session() -> FilterState:
    ss = st.session_state
    start, end = (tuple(ss.get(RANGE_KEY) or ()) + (None, None))[:2]
    return FilterState(
        orgs=tuple(ss.get(vs.P_ORG) or ()),
        countries=tuple(ss.get(vs.P_COUNTRY) or ()),
        topics=tuple(ss.get(vs.P_TOPIC) or ()),
        sources=tuple(ss.get(vs.P_ARTICLE) or ()),
        kinds=tuple(ss.get(vs.P_KIND) or ()),
        as_of=ss.get(vs.P_DATE) or TOUR_START,
        date_from=start if start and start != RANGE_START else None,
        # An end at or after the reader's today is no end (it stays 'today' as days pass).
        date_to=end if end and end < reader_today() else None,
        query=ss.get(vs.P_QUERY) or "",
    )


def view_from_session() -> vs.ViewState:
    """The whole view state, from the values the panel and the link set in Session State; stored under VIEW_KEY."""
    ss = st.session_state
    view = vs.ViewState(
        filters=_filters_from_session(),
        shade=ss.get(vs.P_SHADE) or vs.DEFAULT_ORG,
        selected=ss.get(vs.P_SEL),
        layers=tuple(lay for lay in vs.LAYERS if lay in (ss.get(vs.P_LAYERS) or [])),
        tiles=bool(ss.get(vs.P_TILES)),
        view=_current_view(),
        source=ss.get(vs.P_SOURCE),
        excerpt=ss.get(vs.P_EXCERPT),
        passage=ss.get(vs.P_AT),
        story=ss.get(vs.P_STORY),
        lang=ss.get(vs.P_LANG),
    )
    ss[VIEW_KEY] = view
    return view


def _current_view() -> vs.MapView | None:
    """The map view the browser last reported through the URL (written by the map itself), read by the
    same decoder as the link on the first run; the link's own view until the map has written one."""
    return vs.decode_view(_query_lists()) or st.session_state.get("_initial_view")


def replace_view(view: vs.ViewState, **changes) -> vs.ViewState:
    """A copy of the view state with some fields changed."""
    return replace(view, **changes)


def is_new_event(name: str, value: object) -> bool:
    """Whether a click-like value a component reports (a map click, a chart selection) is new to this session.

    The first value a session sees is taken as seen: after a reconnect that lands on a new session (a
    restarted server, another replica) the browser reports the last click again, which the link already
    holds; applying it again would undo whatever the reader did since (a cleared selection).
    """
    key = f"_seen_{name}"
    ss = st.session_state
    first = key not in ss
    new = not first and ss[key] != value
    ss[key] = value
    return new


def note_link(notices: list[str]) -> None:
    """Say, above the page, more of what the link asked for and was not used as given (with its other notices)."""
    if notices:
        st.session_state[NOTICES_KEY] = [*(st.session_state.get(NOTICES_KEY) or []), *notices]


def note_refused(text: str) -> None:
    """Say, above the page, that a change made on the page was not applied (and why)."""
    st.session_state[REFUSED_KEY] = [*(st.session_state.get(REFUSED_KEY) or []), text]
