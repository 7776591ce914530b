"""What is said above a page's body, or instead of it: the link's notices and refused changes, a search's
status, the empty state, and the problems of a broken corpus, geodata or story (never a traceback)."""

from __future__ import annotations

import streamlit as st

from dashboard import escape
from dashboard.corpus.problems import CorpusError, Problem
from dashboard.corpus.records import Corpus
from dashboard.i18n import gettext as _
from dashboard.map.describe import filter_name, search_said, view_figures
from dashboard.query import link as vs
from dashboard.query.filters import emptied_by
from dashboard.ui.session import NOTICES_KEY, REFUSED_KEY, clear_facet
from dashboard.ui.tables import st_table


def st_problems(exc: CorpusError | Exception, what: str, cannot: str | None = None) -> None:
    """Show every problem of a broken corpus, geodata or story readably, never a traceback. `what` and `cannot`
    in the language spoken (the caller's words)."""
    cannot = cannot or _("The dashboard cannot start")
    st.error(_("{cannot}: the {what} has problems. Fix them and reload the page.").format(cannot=cannot, what=what))
    problems = exc.problems if isinstance(exc, CorpusError) else [Problem(what, None, None, None, str(exc))]
    # The columns' names in the language spoken; the problems themselves as the checks word them.
    columns = (_("file"), _("line"), _("record"), _("field"), _("problem"))
    st_table([dict(zip(columns, (p.file, p.line, p.record, p.field, p.message), strict=True)) for p in problems])
    st.caption(_("The same list comes from `python -m dashboard.validate` on the command line."))


def st_notices() -> None:
    """Show what was dropped from the link, and what change made on the page was not applied, escaped: each
    under words that say which it is, in the language the page is shown in (a notice made in another is said
    again: vs.said_now)."""
    notices = st.session_state.get(NOTICES_KEY) or []
    if notices:
        st.warning(_("Some link parameters were ignored or read otherwise:") + "\n\n"
                   + "\n".join(f"- {escape.markdown(vs.said_now(n))}" for n in notices))
    refused = st.session_state.get(REFUSED_KEY) or []
    if refused:
        st.warning(_("A change was not applied:") + "\n\n"
                   + "\n".join(f"- {escape.markdown(vs.said_now(n))}" for n in refused))


def st_search_status(corpus: Corpus, view: vs.ViewState) -> None:
    """While a search is on: what it is, how many records it and the filters leave, a way to all its results
    (the articles' passages too) and a way to clear it. Nothing without a search."""
    query = view.filters.query
    if not query:
        return
    figures = view_figures(corpus, view.filters)
    with st.container(horizontal=True, vertical_alignment="center", key="search-status"):
        # HTML: a search in Russian says so (lang="ru").
        # The quotation marks the language uses («…» in Russian) around the query as typed.
        quoted = _("“{text}”").format(text=escape.with_lang(query, escape.html_line))
        st.markdown(search_said(f"<strong>{quoted}</strong>", figures), unsafe_allow_html=True)
        st.page_link("views/search.py", label=_("All results"), icon=":material/search:")
        st.button(_("Clear search"), key="clear-search", icon=":material/close:", on_click=clear_facet, args=("query",))


def st_empty(corpus: Corpus, view: vs.ViewState) -> None:
    """Say plainly that nothing matches, and offer to clear what emptied it."""
    st.info(_("No record matches these filters."))
    for facet in emptied_by(corpus, view.filters) or view.filters.active_facets():
        st.button(_("Clear the {filter} filter").format(filter=filter_name(facet)), key=f"clear-{facet}",
                  on_click=clear_facet, args=(facet,))
