"""The map page's list of every excerpt of the filtered records, a page at a time (static/app/excerpt-list.js),
and the same excerpts as flat rows for the Data page's table."""

from __future__ import annotations

import itertools

import streamlit as st

from dashboard.corpus.load import Corpus, all_excerpts
from dashboard.corpus.model import Annotation
from dashboard.evidence.facts import source_citation
from dashboard.query import link as vs
from dashboard.ui.components import light_component
from dashboard.ui.evidence import reader_link


def excerpt_rows(records: list[Annotation], corpus: Corpus) -> list[dict]:
    """Flat rows of every excerpt of some records (for lists and exports)."""
    rows = []
    for record in records:
        keyed = [(e, vs.excerpt_key(record.id, i)) for i, e in enumerate(record.excerpts)]
        # Statements inside a disagreement are quoted too, but have no deep-link key of their own.
        keyed += [(e, None) for e in all_excerpts(record)[len(record.excerpts):]]
        for excerpt, key in keyed:
            rows.append({"record": record.id, "title": record.title, "source": corpus.sources[excerpt.source].label,
                         "quote": " ".join(excerpt.quote.split()), "characters": f"{excerpt.start}–{excerpt.end}",
                         "link": reader_link(excerpt, key) if key else None})
    return rows


EXCERPT_PAGE_KEY = "excerpt_page"
EXCERPT_LIST_KEY = "excerpt_list"
_EXCERPT_LIST = light_component("excerpt_list", "excerpt-list")


def excerpt_list_data(records: list[Annotation], corpus: Corpus, page: int, page_size: int = 8) -> dict:
    """One page of the filtered records' excerpts as plain data (the list sets it as text, never as HTML)."""
    total = sum(len(r.excerpts) for r in records)
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    # Only the page's excerpts are visited (at 10,000 records a full list costs more than the rest of a rerun).
    rows = ((r, i, e) for r in records for i, e in enumerate(r.excerpts))
    cards = []
    for record, i, excerpt in itertools.islice(rows, (page - 1) * page_size, page * page_size):
        source = corpus.sources[excerpt.source]
        cards.append({
            "title": record.title, "disputed": record.id in corpus.disputed,
            "quote": " ".join(excerpt.quote.split()), "label": source.label, "cite": source_citation(source),
            "link": reader_link(excerpt, vs.excerpt_key(record.id, i)), "start": excerpt.start, "end": excerpt.end,
        })
    return {"cards": cards, "page": page, "pages": pages, "size": page_size, "total": total}


def st_excerpt_list(records: list[Annotation], corpus: Corpus) -> None:
    """Every excerpt of the filtered records, a page at a time, in one light element.

    A new set of records starts again at page 1; the reader's page is kept across reruns otherwise.
    """
    if not any(r.excerpts for r in records):
        st.caption("No excerpts for these filters.")
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
