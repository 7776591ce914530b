"""The frame every page shares: the pages' stylesheet, the phone's navigation, the sidebar's frame, the page
runner (`st_live`: notices, the page body and the filter panel in one fragment) and the reconnect rerun."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard import first_paint, i18n
from dashboard.corpus.records import Corpus
from dashboard.frontend import read_style
from dashboard.i18n import gettext as _
from dashboard.map.assets import AssetError
from dashboard.map.geo import GeodataError
from dashboard.query import link as vs
from dashboard.query.address_bar import link_payload
from dashboard.ui import cached
from dashboard.ui.filter_panel import FILTER_SLOT_KEY, st_filters
from dashboard.ui.language import PHONE_SWITCH_KEY, st_language_switch
from dashboard.ui.notices import st_notices, st_problems, st_search_status
from dashboard.ui.session import (
    ON_MAP_KEY,
    SEEDED_KEY,
    VIEW_KEY,
    reader_language,
    seed_from_url,
    view_from_session,
)


def st_page_style() -> None:
    """The pages' own rules (static/app/page.css, and evidence.css for the evidence panel's wide parts), once per
    full run. The first-paint sheets come first, unless the server (serve.py) puts them in the page's <head>
    (first_paint.in_head): a server without it (`streamlit run dashboard/app.py`) gets their rules here, late, whole
    and never switched off (their :has() rules then cost every layout); a second copy beside the head's would. Drawn last in the sidebar (st_sidebar): the element is Streamlit's 40 px placeholder until the code
    behind st.html has loaded, then 0 px; above the page's title it moved the whole page up by 40 px as it loaded,
    and much more on a busy machine (issue 27). Last in the sidebar nothing follows it, and a <style> applies to
    the whole page wherever it sits, the closed sidebar of a phone included."""
    css = read_style(*first_paint.app_sheets(), "page.css", "evidence.css")
    st.html(f"<style>{css}</style>")


def st_phone_nav(pages) -> None:
    """The pages as a row of links along the bottom of the screen (`st.bottom`), shown on a phone only (page.css):
    there Streamlit folds its top navigation into the closed sidebar, a page away from every page.

    At the bottom, not above the title, and drawn after the page: page.css, which hides the row on a desktop,
    reaches the browser after the first elements, and a row above the title, drawn and then hidden, moved the
    whole page up (issue 27). In `st.bottom` the row takes no room from the page on either screen.
    """
    with st.bottom, st.container(horizontal=True, key="phone-nav", gap="small"):
        # The language first: on a phone the sidebar, where the switch is, is shut.
        st_language_switch(PHONE_SWITCH_KEY)
        for page in pages:
            if getattr(page, "visibility", "visible") != "hidden":
                st.page_link(page, label=page.title, icon=page.icon)


def st_sidebar(corpus: Corpus) -> None:
    """The sidebar's frame, once per full run: the heading and a place for the panel.

    The panel itself (filters, Clear all, the map's controls) is drawn by `st_live`, inside the
    page's fragment: one light element instead of a dozen Streamlit widgets, whose code the page
    would otherwise load before the map.
    """
    if not st.session_state.get(SEEDED_KEY):
        seed_from_url(corpus)
    with st.sidebar:
        st_language_switch()
        st.header(_("Filters"))
        st.caption(_("Beside each choice: how many records it leaves, with the other filters as set."))
        st.session_state[FILTER_SLOT_KEY] = st.container()
        st_page_style()
    _st_rerun_after_reconnect()


# Streamlit's page asks the server for a full run after a reconnect only if its last run was cut off,
# was a fragment's run, or the app has a fragment that reruns itself on a timer. After a full run that
# finished (a page loaded, a page switched) it asks for nothing; if the reconnect landed on a new session
# (the server restarted, another replica took over), that session has never run the app, knows none of
# its fragments, and drops every change the page sends (they all rerun `st_live`'s fragment): the page
# looks alive but is dead until reloaded (issue #20; Streamlit PR 11890 covers only the fragment-run case).
# This fragment reruns itself hourly, which costs nothing, so that the page always asks for a full run
# after a reconnect; the panel then sends the new session the address bar (`restore_from_address_bar`).
RECONNECT_RERUN_S = 3600


@st.fragment(run_every=RECONNECT_RERUN_S)
def _st_rerun_after_reconnect() -> None:
    """Draws nothing (see the comment above)."""


def st_live(render: Callable[[Corpus, vs.ViewState], None], head: Callable[[Corpus], None] | None = None,
            search_status: bool = True, page: str | None = None) -> None:
    """Run a page: the sidebar panel, the link's notices and the page body in one fragment.

    A change in the panel then reruns only the page and the panel (which also keeps the
    address bar in step); the sidebar's heading and the navigation stay as they are.
    Every page calls this, so the panel is on every page.
    `head`, if given, draws the top of the page that does not depend on the filters, in full runs only.
    `search_status`: whether a search (?q=) is announced above the page, with its count (the search page
    says it its own way). `page`: "reader" or "story" on those pages, whose own parameters the address holds
    (vs.PAGE_PARAMS).
    """
    corpus = cached.get_corpus()
    if head is not None:
        head(corpus)

    @st.fragment
    def live() -> None:
        # A fragment's own rerun (a filter change, a click on the map) runs this alone, not app.py, which says the
        # language first: without this the page's words fell back to English after the first change.
        i18n.activate(reader_language())
        # The page first (the filters' values are in Session State already): the map's element then
        # reaches the browser ahead of the filter panel.
        view = view_from_session()
        st.session_state.pop(ON_MAP_KEY, None)  # the map page counts its marks while it draws
        # One element, filled or empty: notices and a search's status come and go, and were they elements
        # of their own, the page's elements after them would move and be drawn anew (the map remounted).
        with st.container(key="page-notes"):
            st_notices()
            if search_status:
                st_search_status(corpus, view)

        try:
            render(corpus, view)
        except (GeodataError, AssetError) as exc:
            st_problems(exc, _("map (geodata or Leaflet's files)"))
        st_filters(corpus, st.session_state[VIEW_KEY], link_payload(st.session_state[VIEW_KEY], corpus, page))

    live()
