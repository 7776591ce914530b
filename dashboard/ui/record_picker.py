"""A list of records to select one from: the keyboard's and the screen reader's way to what a map or a
chart shows."""

from __future__ import annotations

import streamlit as st

from dashboard.corpus.model import Annotation
from dashboard.corpus.records import Corpus
from dashboard.map.describe import mark_name
from dashboard.query import link as vs


def _pick_record(key: str) -> None:
    """Callback of a record list: select the chosen record, then empty the list for the next choice."""
    ss = st.session_state
    if ss.get(key):
        ss[vs.P_SEL] = ss[key]
        ss[key] = None


def st_record_picker(label: str, records: list[Annotation], corpus: Corpus, key: str, placeholder: str,
                     help: str | None = None, names: dict[str, str] | None = None) -> None:
    """A list of records to select one from, each named as its mark is (describe.mark_name, or `names` by
    record id where the caller knows more, such as a border's computed length): the keyboard's and the screen
    reader's way to what a map or a chart shows. Nothing if there is nothing to choose."""
    names = {r.id: (names or {}).get(r.id) or mark_name(r, corpus) for r in records}
    if not names:
        return
    st.selectbox(label, options=list(names), format_func=names.get, index=None, key=key,
                 on_change=_pick_record, args=(key,), placeholder=placeholder, help=help)
