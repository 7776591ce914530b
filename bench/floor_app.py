"""The floor app: the least a Streamlit page with a local-Leaflet st_folium map can cost.

One selectbox and one map holding a single marker. Leaflet and jQuery come from
the app's own static files exactly as in the real app (dashboard/map/assets.py:
`folium.Map(tiles=None)` with `default_js`/`default_css` from `asset_links()`),
and a selectbox change moves the marker through `feature_group_to_add`, so the
map is updated in place, never remounted.

Run from the repository root (so that .streamlit/config.toml applies):

    .venv/bin/streamlit run bench/floor_app.py --server.port 8502

Streamlit serves static files from `static/` beside the main script; bench/static
is a symlink to dashboard/static (created by `ensure_static_link`, which
bench.run calls before starting the server).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# `streamlit run bench/floor_app.py` puts bench/ on sys.path, not the repo root.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CITIES = {
    "Dushanbe": (38.56, 68.77),
    "Bishkek": (42.87, 74.59),
    "Astana": (51.17, 71.45),
    "Tashkent": (41.30, 69.24),
    "Ashgabat": (37.95, 58.38),
    "Moscow": (55.76, 37.62),
}
# With BENCH_FLOOR_FILTERS=1 the floor app also draws seven Streamlit filter widgets (five
# multiselects whose option labels carry counts that change with every pick, two date inputs), as
# the real app did before its filter panel: a reference that shows what those widgets alone cost
# a filter change.
FILTER_OPTIONS = {"Organization": 8, "Country": 20, "Topic": 12, "Source article": 5, "Record kind": 8}
CENTER = (47.0, 57.5)
ZOOM = 4


def ensure_static_link() -> Path:
    """bench/static -> ../dashboard/static, so /app/static/ serves the same vendored Leaflet."""
    link = HERE / "static"
    if not link.exists():
        if link.is_symlink():
            link.unlink()
        os.symlink(os.path.join("..", "dashboard", "static"), link)
    return link


def main() -> None:
    import folium
    import streamlit as st
    from streamlit_folium import st_folium

    from dashboard.map.assets import asset_links

    st.set_page_config(page_title="bench: floor app", layout="wide")
    city = st.selectbox("City", list(CITIES), key="city")
    if os.environ.get("BENCH_FLOOR_FILTERS"):
        _filters(len(city))

    js, css = asset_links()
    fmap = folium.Map(location=CENTER, zoom_start=ZOOM, tiles=None)
    fmap.default_js = js
    fmap.default_css = css

    group = folium.FeatureGroup(name="marker")
    # A DivIcon like the real app's markers: Leaflet's default PNG icon would be looked up
    # under a path its CSS sniffing gets wrong (two 404s per load).
    folium.Marker(
        CITIES[city],
        tooltip=city,
        icon=folium.DivIcon(html='<div style="width:20px;height:20px;border-radius:50%;background:#222;'
                                 'border:2px solid #fff"></div>', icon_size=(24, 24), icon_anchor=(12, 12)),
    ).add_to(group)
    st_folium(
        fmap,
        key="map",
        height=600,
        use_container_width=True,
        feature_group_to_add=group,
        returned_objects=[],
        center=CENTER,
        zoom=ZOOM,
    )


def _filters(seed: int) -> None:
    import datetime as dt

    import streamlit as st

    with st.sidebar:
        for label, n in FILTER_OPTIONS.items():
            st.multiselect(label, list(range(n)), key=f"filter-{label}", placeholder="All",
                           format_func=lambda i, label=label: f"{label} {i} ({(i * 7 + seed) % 23})")
        st.date_input("Memberships as of", value=dt.date(2017, 2, 27), key="as-of")
        st.date_input("Dated records between", value=(dt.date(1991, 1, 1), dt.date(2026, 12, 31)), key="range")


if __name__ == "__main__":
    ensure_static_link()
    main()
