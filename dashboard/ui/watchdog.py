"""The map's watchdog: a visible notice when Leaflet or the map never arrives in the browser."""

from __future__ import annotations

import streamlit as st

_MAP_WATCHDOG = """<div id="map-watchdog" role="alert" style="display:none;padding:8px 12px;border:1px solid #e0a800;
background:#fff3cd;color:#5c4400;border-radius:6px;font:14px system-ui"></div>
<script>
(function () {
  // If Leaflet or the map never arrives (a blocked or missing asset), say so instead of a blank box.
  setTimeout(function () {
    var box = document.getElementById("map-watchdog");
    var frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    var ok = false;
    try { ok = !!(frame && frame.contentWindow.L && frame.contentWindow.map); } catch (e) { ok = true; }
    if (!ok && box) {
      box.textContent = "The map could not be drawn: its scripts did not load. The filters, evidence, charts "
        + "and articles still work. Reload the page; if it persists, the server's map assets are missing "
        + "(pip install --require-hashes -r requirements.txt).";
      box.style.display = "block";
    }
  }, __DELAY__);
})();
</script>"""


def st_map_watchdog(delay_ms: int = 20000) -> None:
    """A visible notice if the map's scripts fail to load in the browser."""
    st.html(_MAP_WATCHDOG.replace("__DELAY__", str(int(delay_ms))), unsafe_allow_javascript=True)
