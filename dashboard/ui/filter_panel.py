"""The sidebar's filter panel (static/app/filter-panel.js): its component, the data it is drawn from, the
address bar it keeps in step, and its callback, which checks each change before applying it."""

from __future__ import annotations

import streamlit as st

from dashboard.corpus.records import Corpus
from dashboard.i18n import N_
from dashboard.map.describe import announcement, selection_said
from dashboard.query import link as vs
from dashboard.query.filter_panel import (
    CLEAR,
    RANGE_KEY,
    PanelEventError,
    build_panel_data,
    date_note,
    parse_panel_event,
    pending_changes,
)
from dashboard.query.filters import select
from dashboard.ui import cached
from dashboard.ui.components import light_component
from dashboard.ui.session import (
    ON_MAP_KEY,
    SESSION_TOKEN_KEY,
    clear_filters,
    note_link,
    note_refused,
    reader_today,
    restore_from_address_bar,
)

DATE_NOTES_KEY = "_date_notes"  # what the panel says beside a date field the server read otherwise
# The sidebar container the filter panel goes into (made by a full run, written by the page fragment).
FILTER_SLOT_KEY = "_filter_slot"
# The filter panel's widget key (its values live in plain Session State keys, vs.P_ORG ... RANGE_KEY).
PANEL_KEY = "filter_panel"
# The last panel change this session applied (panel.Applied), and the session's own token: the panel resends
# its unapplied changes when the token changes (a reconnect that landed on a new session).
PANEL_APPLIED_KEY = "_panel_applied"
_FILTER_PANEL = light_component("filter_panel", "filter-panel")


def st_filters(corpus: Corpus, view: vs.ViewState, link: dict) -> None:
    """The sidebar panel: the filters (each option with how many records it would leave), the two
    dates, Clear all, and the map's controls (shading, layers, online tiles).

    It also keeps the address bar in step with the view (`link`, see link_payload), and says what a
    change did in a polite live region (`announce`): it is redrawn on every change anyway, so no other
    element has to be.
    """
    applied = st.session_state.get(PANEL_APPLIED_KEY)
    said = announcement(corpus, view.filters, len(select(corpus, view.filters)), st.session_state.get(ON_MAP_KEY))
    data = build_panel_data(corpus, view, reader_today(), st.session_state.get(DATE_NOTES_KEY)) | {
        "link": link, "session": st.session_state.get(SESSION_TOKEN_KEY),
        "applied": {"epoch": applied.epoch, "n": applied.number} if applied else None,
        "announce": said,
        "announce_selection": selection_said(corpus, view.selected),
    }
    with st.session_state[FILTER_SLOT_KEY]:
        # A state value, not a trigger: the browser sends it with every rerun request, so the callback
        # always finds it (a trigger is missing from Session State until the browser first sends one).
        _FILTER_PANEL(key=PANEL_KEY, data=data, default={"change": None}, on_change_change=_on_filter_change)


def _ignored(exc: PanelEventError) -> vs.Notice:
    """'A filter change was ignored: <why>', said again in the language the page is shown in."""
    return vs.Notice(N_("A filter change was ignored: {reason}"), reason=exc.args[0] if exc.args else "")


def _on_filter_change() -> None:
    """Callback of the panel: check each change it sent that this session has not applied, then set that
    filter's or control's Session State key."""
    ss = st.session_state
    payload = (ss.get(PANEL_KEY) or {}).get("change")
    try:
        todo, applied = pending_changes(payload, ss.get(PANEL_APPLIED_KEY))
    except PanelEventError as exc:
        note_refused(_ignored(exc))
        return
    if "restore" in payload:
        restore_from_address_bar(payload["restore"], cached.get_corpus())
    if "embed" in payload:
        note_link(vs.embed_notices(payload["embed"]))
    for change in todo:
        try:
            key, value = parse_panel_event(change, cached.get_corpus(), reader_today())
        except PanelEventError as exc:
            note_refused(_ignored(exc))
            continue
        if key == CLEAR:
            clear_filters()
        else:
            ss[key] = value
        if key in (vs.P_DATE, RANGE_KEY, CLEAR):
            # Said beside the field until the reader next changes it.
            ss[DATE_NOTES_KEY] = {**(ss.get(DATE_NOTES_KEY) or {}),
                                  **({k: "" for k in (vs.P_DATE, RANGE_KEY)} if key == CLEAR else
                                     {key: date_note(key, change.get("value"), value)})}
    ss[PANEL_APPLIED_KEY] = applied
