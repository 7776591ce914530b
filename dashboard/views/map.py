"""The map: tour route, Russian military sites, borders and memberships, with the evidence beside it."""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard import cached, ui
from dashboard import state as vs
from dashboard.corpus import Corpus
from dashboard.filters import select
from dashboard.layers import LAYER_ORDER, record_id_from_tooltip, route_legs
from dashboard.mapframe import st_map_frame
from dashboard.memberships import membership_status
from dashboard.model import Border, Membership, MilitarySite, VisitStop
from dashboard.selection import country_at

MAP_KEY = "map"


def head(corpus: Corpus) -> None:
    """Drawn by the full run only: nothing here depends on the filters."""
    title, share = st.columns([5, 1], vertical_alignment="bottom")
    title.header("Putin's Central Asia tour, 27–28 February 2017", anchor=False)
    with share:
        ui.st_share(corpus)
    ui.st_map_watchdog()


def render(corpus: Corpus, view: vs.ViewState) -> None:
    geodata = cached.get_geodata()

    records = select(corpus, view.filters)
    shade = vs.effective_shade(view, corpus)
    org_short = corpus.organizations[shade]
    as_of = view.filters.as_of

    stops = [r for r in records if isinstance(r, VisitStop)]
    sites = [r for r in records if isinstance(r, MilitarySite)]
    borders = [r for r in records if isinstance(r, Border)]
    status = membership_status([r for r in records if isinstance(r, Membership)], shade, as_of)

    record_ids = tuple(r.id for r in records)
    active = [kind for kind in LAYER_ORDER if kind in view.layers]
    groups = [cached.layer_script(kind, idx, record_ids, shade, as_of, corpus.version)
              for idx, kind in enumerate(active)]
    frame = cached.get_map_frame(view.tiles, MAP_KEY)

    # Drawn only once the layers are built: the page's elements then reach the browser together,
    # which redraws once for all of them rather than once for the caption and again for the rest.
    st.caption(
        f"Route, Russian military sites and the Tajik–Afghan border; countries shaded by **{ui.md(org_short)}** "
        f"membership on **{as_of:%-d %b %Y}**. Every mark opens onto the article excerpts and public records behind it."
    )
    if not records:
        ui.st_empty(corpus, view)

    map_col, panel = st.columns([7, 4], gap="medium")
    with map_col:
        start = view.view
        # st_folium, with the map's constant part rendered once per process (see dashboard/mapframe.py).
        returned = st_map_frame(
            frame,
            groups,
            key=MAP_KEY,
            height=600,
            # The count tells a second click on the same mark (after "Clear selection") from no click.
            returned_objects=["last_object_clicked_tooltip", "last_clicked", "last_object_clicked_count"],
            center=(start.lat, start.lon) if start else None,
            zoom=start.zoom if start else None,
        ) or {}
        clicked_tip = returned.get("last_object_clicked_tooltip")
        clicked_at = returned.get("last_clicked")
        clicks = returned.get("last_object_clicked_count")
        previous = st.session_state.get("_seen_map", (None, None, None))
        if ui.is_new_event("map", (clicked_tip, clicked_at, clicks)):
            rid = record_id_from_tooltip(clicked_tip) if clicks != previous[2] else None
            if rid is None and clicked_at and clicked_at != previous[1] and "members" in view.layers:
                code = country_at(geodata.countries, clicked_at["lat"], clicked_at["lng"])
                rid = status[code].id if code in status else None
            if rid in corpus.by_id:
                st.session_state[vs.P_SEL] = rid
                view = ui.replace_view(view, selected=rid)
                st.session_state[ui.VIEW_KEY] = view

    with panel:
        selected = corpus.by_id.get(view.selected) if view.selected else None
        if selected is not None:
            computed = None
            if isinstance(selected, Border):
                computed = partial(ui.st_border_evidence, selected, geodata, corpus)
            elif isinstance(selected, MilitarySite):
                computed = partial(ui.st_site_evidence, selected)
            ui.st_record(selected, corpus, ui.disputes_by_record(corpus), computed=computed)
            if st.button("Clear selection"):
                st.session_state[vs.P_SEL] = None
                st.rerun()
        else:
            st.subheader("Evidence", anchor=False)
            st.caption("Click a stop, a base, a border or a shaded country to see the excerpts behind it. "
                       "Meanwhile, the excerpts of everything the filters leave:")
            ui.st_excerpt_list(records, corpus)

    # A toggle, not an expander: the table's code is only fetched by readers who ask for it.
    if st.toggle("Show what is on the map as a table", key="map_table",
                 help="Every stop, leg, site, border and shaded country, for readers who prefer rows."):
        legs = route_legs(stops) if "route" in view.layers else []
        ui.st_feature_table(stops, sites, borders, status, legs, geodata, corpus, org_short)


ui.st_live(render, head=head)
