"""Search results: the records and the articles' paragraphs the query finds, with the filters applied."""

from __future__ import annotations

import streamlit as st

from dashboard import escape
from dashboard.corpus.records import Corpus
from dashboard.i18n import gettext as _
from dashboard.map.describe import filter_name
from dashboard.query import link as vs
from dashboard.query.filters import emptied_by, select
from dashboard.query.results import found_said, nothing_found_said, results_html
from dashboard.ui import cached
from dashboard.ui.components import st_html
from dashboard.ui.page import st_live
from dashboard.ui.session import clear_facet


def render(corpus: Corpus, view: vs.ViewState) -> None:
    st.header(_("Search"), anchor=False)
    query = view.filters.query
    if not query:
        st.caption(_("Type a name, a place or a word in the search box at the top of the sidebar (on a phone, "
                     "» at the top left opens it). Spellings and other names count: Alma-Ata finds Almaty, EEU the "
                     "EAEU, Duschanbe Dushanbe."))
        return
    records = select(corpus, view.filters)
    allowed = {r.id for r in records}
    chosen = set(view.filters.sources)
    hits = [h for h in cached.search(query) if (h.record_id in allowed)
            or (h.source_id is not None and (not chosen or h.source_id in chosen))]
    found = sum(h.record_id is not None for h in hits)
    # HTML: a search in Russian says so (lang="ru"), and one in English on a Russian page (lang="en").
    st.caption(found_said(escape.with_lang(query, escape.html_line), found, len(hits) - found, view.filters),
               unsafe_allow_html=True)
    if not hits:
        st_nothing_found(corpus, view)
        return
    st_html(results_html(hits, corpus, lambda rid: vs.map_href(view, corpus, selected=rid, view=None)),
            css="search")


def st_nothing_found(corpus: Corpus, view: vs.ViewState) -> None:
    """Say what found nothing (the search, or the search with the filters) and offer to clear what emptied it."""
    st.info(nothing_found_said(view.filters))
    for facet in emptied_by(corpus, view.filters) or view.filters.active_facets():
        label = _("Clear search") if facet == "query" else _("Clear the {filter} filter").format(filter=filter_name(facet))
        st.button(label, key=f"clear-{facet}", on_click=clear_facet, args=(facet,))


st_live(render, search_status=False)
