"""The map's watchdog: a visible notice when Leaflet or the map never arrives in the browser
(static/app/watchdog.html, .css and .js)."""

from __future__ import annotations

import streamlit as st

from dashboard.frontend import static_page
from dashboard.i18n import gettext


def watchdog_message() -> str:
    """What the watchdog says when the map's scripts did not load, in the language of the run."""
    return gettext("The map could not be drawn: its scripts did not load. The filters, evidence, charts and articles "
                   "still work. Reload the page; if it persists, the server's map assets are missing "
                   "(pip install --require-hashes -r requirements.txt).")


def st_map_watchdog(delay_ms: int = 20000) -> None:
    """A visible notice in the browser as soon as one of the map frame's scripts fails to load, or if there is still
    no map after `delay_ms` milliseconds (static/app/watchdog.js)."""
    st.html(static_page("watchdog", {"delay": int(delay_ms), "message": watchdog_message()}),
            unsafe_allow_javascript=True)
