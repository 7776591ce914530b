"""The map page's list of every excerpt of the filtered records, a page at a time (static/app/excerpt-list.js;
its data: dashboard/evidence/excerpts.py)."""

from __future__ import annotations

import streamlit as st

from dashboard.corpus.model import Annotation
from dashboard.corpus.records import Corpus
from dashboard.evidence.excerpts import excerpt_list_data
from dashboard.i18n import gettext as _
from dashboard.ui.components import light_component

EXCERPT_PAGE_KEY = "excerpt_page"
EXCERPT_LIST_KEY = "excerpt_list"
_EXCERPT_LIST = light_component("excerpt_list", "excerpt-list")


def st_excerpt_list(records: list[Annotation], corpus: Corpus) -> None:
    """Every excerpt of the filtered records, a page at a time, in one light element.

    A new set of records starts again at page 1; the reader's page is kept across reruns otherwise.
    """
    if not any(r.excerpts for r in records):
        st.caption(_("No excerpts for these filters."))
        return
    signature = hash(tuple(r.id for r in records))
    kept = st.session_state.get(EXCERPT_PAGE_KEY)
    page = kept[1] if isinstance(kept, tuple) and kept[0] == signature else 1
    data = excerpt_list_data(records, corpus, page)
    st.session_state[EXCERPT_PAGE_KEY] = (signature, data["page"])
    _EXCERPT_LIST(key=EXCERPT_LIST_KEY, data=data, default={"page": None},
                  on_page_change=lambda: _on_excerpt_page(signature))


def _on_excerpt_page(signature: int) -> None:
    """Callback of the pager: a page number, checked (the list clamps it to the pages there are)."""
    wanted = (st.session_state.get(EXCERPT_LIST_KEY) or {}).get("page")
    number = wanted.get("page") if isinstance(wanted, dict) else None
    if isinstance(number, int) and not isinstance(number, bool) and 1 <= number <= 100_000:
        st.session_state[EXCERPT_PAGE_KEY] = (signature, number)
