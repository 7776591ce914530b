"""What is said above a page's body, or instead of it: the link's notices and refused changes, a search's
status, the empty state, and the problems of a broken corpus, geodata or story (never a traceback)."""

from __future__ import annotations

import streamlit as st

from dashboard import escape
from dashboard.corpus.problems import CorpusError, Problem
from dashboard.corpus.records import Corpus
from dashboard.map.describe import filter_name, search_said, view_figures
from dashboard.query import link as vs
from dashboard.query.filters import emptied_by
from dashboard.ui.session import NOTICES_KEY, REFUSED_KEY, clear_facet
from dashboard.ui.tables import st_table


def st_problems(exc: CorpusError | Exception, what: str, cannot: str = "The dashboard cannot start") -> None:
    """Show every problem of a broken corpus, geodata or story readably, never a traceback."""
    st.error(f"{cannot}: the {what} has problems. Fix them and reload the page.")
    problems = exc.problems if isinstance(exc, CorpusError) else [Problem(what, None, None, None, str(exc))]
    st_table([{"file": p.file, "line": p.line, "record": p.record, "field": p.field, "problem": p.message}
              for p in problems])
    st.caption("The same list comes from `python -m dashboard.validate` on the command line.")


def st_notices() -> None:
    """Show what was dropped from the link, and what change made on the page was not applied, escaped: each
    under words that say which it is."""
    notices = st.session_state.get(NOTICES_KEY) or []
    if notices:
        st.warning("Some link parameters were ignored or read otherwise:\n\n" + "\n".join(f"- {escape.markdown(n)}" for n in notices))
    refused = st.session_state.get(REFUSED_KEY) or []
    if refused:
        st.warning("A change was not applied:\n\n" + "\n".join(f"- {escape.markdown(n)}" for n in refused))


def st_search_status(corpus: Corpus, view: vs.ViewState) -> None:
    """While a search is on: what it is, how many records it and the filters leave, a way to all its results
    (the articles' passages too) and a way to clear it. Nothing without a search."""
    query = view.filters.query
    if not query:
        return
    figures = view_figures(corpus, view.filters)
    with st.container(horizontal=True, vertical_alignment="center", key="search-status"):
        # HTML: a search in Russian says so (lang="ru").
        st.markdown(search_said(f"<strong>“{escape.with_lang(query, escape.html_line)}”</strong>", figures),
                    unsafe_allow_html=True)
        st.page_link("views/search.py", label="All results", icon=":material/search:")
        st.button("Clear search", key="clear-search", icon=":material/close:", on_click=clear_facet, args=("query",))


def st_empty(corpus: Corpus, view: vs.ViewState) -> None:
    """Say plainly that nothing matches, and offer to clear what emptied it."""
    st.info("No record matches these filters.")
    for facet in emptied_by(corpus, view.filters) or view.filters.active_facets():
        st.button(f"Clear the {filter_name(facet)} filter", key=f"clear-{facet}",
                  on_click=clear_facet, args=(facet,))
