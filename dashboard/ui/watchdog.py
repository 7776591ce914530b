"""The map's watchdog: a visible notice when Leaflet or the map never arrives in the browser
(static/app/watchdog.html, .css and .js)."""

from __future__ import annotations

import streamlit as st

from dashboard.frontend import static_page


def st_map_watchdog(delay_ms: int = 20000) -> None:
    """A visible notice if the map's scripts fail to load in the browser within `delay_ms` milliseconds."""
    st.html(static_page("watchdog", {"delay": int(delay_ms)}), unsafe_allow_javascript=True)
