"""Search results: the records and the articles' paragraphs the query finds, with the filters applied."""

from __future__ import annotations

import streamlit as st

from dashboard import escape
from dashboard.corpus.records import Corpus
from dashboard.query import link as vs
from dashboard.query.filters import select
from dashboard.query.results import results_html
from dashboard.ui import cached
from dashboard.ui.components import st_html
from dashboard.ui.notices import st_empty
from dashboard.ui.page import st_live


def render(corpus: Corpus, view: vs.ViewState) -> None:
    st.header("Search", anchor=False)
    query = view.filters.query
    if not query:
        st.caption("Type a name, a place or a word in the search box at the top of the sidebar. Spellings "
                   "and other names count: Alma-Ata finds Almaty, EEU the EAEU, Duschanbe Dushanbe.")
        return
    records = select(corpus, view.filters)
    allowed = {r.id for r in records}
    chosen = set(view.filters.sources)
    hits = [h for h in cached.search(query) if (h.record_id in allowed)
            or (h.source_id is not None and (not chosen or h.source_id in chosen))]
    found = sum(h.record_id is not None for h in hits)
    passages = len(hits) - found
    # HTML: a search in Russian says so (lang="ru").
    st.caption(f"“{escape.with_lang(query, escape.html_line)}”: {found} record{'s' if found != 1 else ''} with these "
               f"filters, {passages} passage{'s' if passages != 1 else ''} in the articles, best first. "
               "The map, the charts and the lists show the same records.", unsafe_allow_html=True)
    if not hits:
        st_empty(corpus, view)
        return
    st_html(results_html(hits, corpus, lambda rid: vs.map_href(view, corpus, selected=rid, view=None)),
            css="search")


st_live(render, search_status=False)
