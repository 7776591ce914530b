"""The map: tour route, Russian military sites, borders and memberships, with the evidence beside it."""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard import escape, names
from dashboard.corpus.dates import format_date
from dashboard.corpus.memberships import membership_status
from dashboard.corpus.model import Border, Membership, MilitarySite, VisitStop
from dashboard.corpus.records import Corpus
from dashboard.i18n import gettext as _
from dashboard.labels import DRAW_ORDER
from dashboard.map.describe import SR_ONLY, excerpts_said, map_description, mark_name, view_figures
from dashboard.map.marks import route_legs
from dashboard.map.picking import clicked_record, marks_in_tab_order
from dashboard.query import link as vs
from dashboard.query.filters import effective_shade, select
from dashboard.ui import cached
from dashboard.ui.evidence import st_border_evidence, st_record, st_site_evidence
from dashboard.ui.excerpt_list import st_excerpt_list
from dashboard.ui.feature_table import st_feature_table
from dashboard.ui.mapframe import st_map_frame, st_map_room
from dashboard.ui.notices import st_empty
from dashboard.ui.page import st_live
from dashboard.ui.record_picker import st_record_picker
from dashboard.ui.session import (
    ON_MAP_KEY,
    VIEW_KEY,
    is_new_event,
    reader_today,
    replace_view,
    view_from_session,
)
from dashboard.ui.share import st_share
from dashboard.ui.time_strip import st_time_strip
from dashboard.ui.watchdog import st_map_watchdog

MAP_KEY = "map"
MAP_HEIGHT = 600  # px, the map's frame
PICK_KEY = "mark_pick"
SEEN_KEY = "_seen_map"  # is_new_event("map", …) keeps the last click there
# The map's view as the last full run knew it (the link the page was opened or switched to with). Only that is
# sent to the map: the reader's own moves are the map's, and a view the server heard later (a reconnect's
# address bar) is older than the map's by the time its reply arrives; sent, it would pull the map back.
START_KEY = "_map_start"


def st_mark_picker(corpus: Corpus, view: vs.ViewState, stops, sites, borders, status: dict, geodata) -> None:
    """Every mark the map draws as one list, in the map's Tab order (the stops, the sites, the borders with
    their computed length, the phone call), the countries last: the keyboard's and the screen reader's way to
    a shaded country, and to any mark without finding it on the map."""
    shown = marks_in_tab_order(corpus, view.layers, stops, sites, borders, status)
    lengths = {row.id: row.length_km for row in geodata.borders.itertuples()}
    marks = {b.id: mark_name(b, corpus, length_km=lengths.get(b.geodata_id)) for b in shown if isinstance(b, Border)}
    st_record_picker(_("Select a mark on the map"), shown, corpus, key=PICK_KEY,
                     placeholder=_("A stop, a site, a border or a country…"), names=marks,
                     help=_("Every mark the map draws, in tour order, then the shaded countries."))


def head(corpus: Corpus) -> None:
    """Drawn by the full run only: nothing here depends on the filters."""
    st.session_state[START_KEY] = view_from_session().view
    # Side by side, the share button as wide as its whole label (first-paint.css); a column below 640 px.
    with st.container(key="map-head"):
        title, share = st.columns([3, 1], vertical_alignment="bottom")
        title.title(_("Putin's Central Asia tour, 27–28 February 2017"), anchor=False)
        with share:
            st_share(corpus)


def render(corpus: Corpus, view: vs.ViewState) -> None:
    geodata = cached.get_geodata()

    records = select(corpus, view.filters)
    shade = effective_shade(view.shade, view.filters, corpus)
    org_short = corpus.organizations[shade]
    org_said = names.grouping(shade, corpus)  # the grouping's name in the language spoken ('ОДКБ')
    as_of = view.filters.as_of

    stops = [r for r in records if isinstance(r, VisitStop)]
    sites = [r for r in records if isinstance(r, MilitarySite)]
    borders = [r for r in records if isinstance(r, Border)]
    status = membership_status([r for r in records if isinstance(r, Membership)], shade, as_of)

    record_ids = tuple(r.id for r in records)
    # The members layer gets the memberships of every day: it shades `as_of`, and the time strip any other day.
    over_time = select(corpus, view.filters, over_time=True)
    over_time_ids = tuple(r.id for r in over_time)
    active = [kind for kind in DRAW_ORDER if kind in view.layers]
    groups = [cached.layer_script(kind, idx, over_time_ids if kind == "members" else record_ids, shade, as_of,
                                  corpus.version)
              for idx, kind in enumerate(active)]
    frame = cached.get_map_frame(view.tiles, MAP_KEY)

    # Drawn only once the layers are built: the page's elements then reach the browser together,
    # which redraws once for all of them rather than once for the caption and again for the rest.
    # One element: the caption, and for screen readers the map in words (the map's frame points to it).
    drawn = {kind: rows for kind, rows in (("route", stops), ("sites", sites), ("border", borders))
             if kind in view.layers}
    shaded = status if "members" in view.layers else {}
    words = map_description(corpus, drawn, shaded, shade, as_of)
    st.session_state[ON_MAP_KEY] = sum(len(rows) for rows in drawn.values()) + len(shaded)
    if "members" not in view.layers:
        caption = _("Countries not shaded: the memberships layer is off. Click a mark for the words behind it.")
    elif not status:  # the filters leave none of its memberships (a fresh reviewer: it said "shaded" of nothing)
        caption = _("No country shaded: the filters leave no <b>{org}</b> membership on <b>{day}</b>. Click a mark "
                    "for the words behind it.")
    else:
        caption = _("Countries shaded by <b>{org}</b> membership on <b>{day}</b>. Click a mark for the words behind "
                    "it.")
    caption = caption.format(org=escape.with_lang(org_said, escape.html_block),
                             day=escape.html_block(format_date(as_of)))
    # Read by screen readers: the corpus's English names in it marked so on a Russian page.
    described = escape.with_lang(words, escape.html_block)
    st.markdown(f'<p class="map-caption">{caption}</p>'
                f'<p id="map-description" class="sr-only" style="{SR_ONLY}">{described}</p>',
                unsafe_allow_html=True)
    with st.container(key="map-empty"):  # always there, so that the map after it keeps its place
        if not records:
            st_empty(corpus, view)


    map_col, panel = st.columns([7, 4], gap="medium")
    with map_col:
        start = st.session_state.get(START_KEY, view.view)
        with st_map_room(MAP_HEIGHT, key="map-room"):
            # st_folium, with the map's constant part rendered once per process (see dashboard/ui/mapframe.py).
            returned = st_map_frame(
                frame,
                groups,
                key=MAP_KEY,
                height=MAP_HEIGHT,
                # The count: the same mark clicked twice reports the same tooltip, but a new count
                # (streamlit-folium #316), so a mark can be selected again after anything else.
                returned_objects=["last_object_clicked_tooltip", "last_object_clicked_count", "last_clicked"],
                center=(start.lat, start.lon) if start else None,
                zoom=start.zoom if start else None,
            ) or {}
        st_time_strip(corpus, over_time, shade, view.filters, reader_today(), "members" in view.layers)
        st_mark_picker(corpus, view, stops, sites, borders, status, geodata)
        # Under the map, where the page is wide: a selected record's disagreements and computed tables.
        workings = st.container(key="evidence-workings")
        previous = st.session_state.get(SEEN_KEY)
        if is_new_event("map", (returned.get("last_object_clicked_count") or 0, returned.get("last_clicked"))):
            rid = clicked_record(returned, previous, geodata.countries, status, view.layers)
            if rid in corpus.by_id:
                st.session_state[vs.P_SEL] = rid
                view = replace_view(view, selected=rid)
                st.session_state[VIEW_KEY] = view

    with panel:
        selected = corpus.by_id.get(view.selected) if view.selected else None
        if selected is not None:
            computed = None
            if isinstance(selected, Border):
                computed = partial(st_border_evidence, selected, geodata, corpus)
            elif isinstance(selected, MilitarySite):
                computed = partial(st_site_evidence, selected)
            st_record(selected, corpus, computed=computed, workings=workings)
            if st.button(_("Clear selection")):
                st.session_state[vs.P_SEL] = None
                st.rerun()
        else:
            st.subheader(_("Evidence"), anchor=False)
            st.caption(_("Click a stop, a base, a border or a shaded country to see the excerpts behind it.") + " "
                       + excerpts_said(view_figures(corpus, view.filters)))
            st_excerpt_list(records, corpus)

    # A toggle, not an expander: the table's code is only fetched by readers who ask for it.
    if st.toggle(_("Show what is on the map as a table"), key="map_table",
                 help=_("Every stop, leg, site, border and shaded country, for readers who prefer rows.")):
        legs = route_legs(stops) if "route" in view.layers else []
        st_feature_table(stops, sites, borders, status, legs, geodata, corpus, org_short)


st_live(render, head=head)
# Last on the page: until the code behind st.html has loaded the element is a 40 px placeholder, then 0 px, and
# under the title it moved the whole page up as it loaded (issue 27). Its notice, if the map never comes, is laid
# over the page's top (watchdog.css), wherever the element sits.
st_map_watchdog()
