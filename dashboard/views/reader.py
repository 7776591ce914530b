"""Read each article with every annotated excerpt highlighted; deep links scroll to one quote."""

from __future__ import annotations

import streamlit as st

from dashboard import escape
from dashboard.corpus.records import Corpus, resolve_excerpt
from dashboard.evidence.reader import Highlight, highlights_for, reader_document
from dashboard.query import link as vs
from dashboard.ui.evidence import st_record
from dashboard.ui.page import st_live


def render(corpus: Corpus, view: vs.ViewState) -> None:
    st.header("The articles", anchor=False)
    st.caption("The five source texts, unchanged. Highlights are the excerpts the map and charts rest on.")

    ids = list(corpus.sources)
    focus = view.excerpt
    if focus and not view.source:
        excerpt = resolve_excerpt(focus, corpus)
        if excerpt is not None:
            st.session_state[vs.P_SOURCE] = excerpt.source
    if not st.session_state.get(vs.P_SOURCE):
        st.session_state[vs.P_SOURCE] = ids[0]
    source_id = st.selectbox("Article", ids, key=vs.P_SOURCE, format_func=lambda s: corpus.sources[s].label)
    source = corpus.sources[source_id]
    seed = corpus.seeds[source_id]
    marks = highlights_for(corpus, source_id)
    if focus and not any(m.key == focus for m in marks):
        focus = None
    passage = st.session_state.get(vs.P_AT)
    if passage and source_id == view.source and 0 <= passage[0] < passage[1] <= len(seed.text):
        # A search result's paragraph: highlighted and scrolled to like an excerpt.
        focus = f"@{passage[0]}-{passage[1]}"
        marks = sorted([*marks, Highlight(passage[0], passage[1], focus, "", "A passage the search found")],
                       key=lambda m: (m.start, m.end))

    meta = [("Title", source.title or "not given in the text"), ("Outlet", source.outlet or "not given"),
            ("Author", source.author or "not given"), ("Translator", source.translator or "—"),
            ("Published", source.published.isoformat() if source.published else "not given"),
            ("Language", source.language)]
    st.markdown(" · ".join(f"**{k}**: {escape.markdown(v)}" for k, v in meta))
    if source.url:
        st.markdown(f"Found online at: {escape.markdown(source.url)}")
    if source.note:
        st.caption(escape.markdown(source.note))
    st.caption(f"{len(marks)} highlighted excerpts. File {escape.markdown(source.file)}, sha256 {source.sha256[:12]}…")
    st.iframe(reader_document(seed.text, marks, focus), height=640)

    marks = [m for m in marks if m.record_id]
    if marks:
        keys = [m.key for m in marks]
        by_key = {m.key: m for m in marks}
        chosen = st.selectbox("What does an excerpt support?", keys, index=keys.index(focus) if focus in keys else 0,
                              format_func=lambda k: f"{by_key[k].record_title} ({k})", key="reader-excerpt")
        record = corpus.by_id[by_key[chosen].record_id]
        st_record(record, corpus)


st_live(render, page="reader")
