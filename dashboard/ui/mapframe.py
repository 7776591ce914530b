"""The map's streamlit-folium component, drawn from parts built once instead of on every rerun.

`st_folium` renders the whole folium map again on every rerun (its templates, its header, its
script, a hash of it) to produce arguments that never change here: only the feature groups do.
That is ~10 ms of every filter change on the server. `frame_args` computes those constant
arguments once with streamlit-folium's own helpers, in the same way `st_folium` does (a unit
test compares the two on the same map); `st_map_frame` then mounts the component with them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from textwrap import dedent
from typing import Any

import branca
import folium
import streamlit as st
import streamlit_folium as sf


@dataclass(frozen=True)
class FrameArgs:
    """What st_folium derives from the map itself (not from the feature groups)."""

    script: str
    header: str
    html: str
    map_id: str
    hash_key: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    zoom: int | None
    bounds: dict


def frame_args(fmap: folium.Map, key: str, return_on_hover: bool = False) -> FrameArgs:
    """st_folium's map-derived arguments (streamlit-folium 0.27: the body of `st_folium`)."""
    fmap.get_root().render()
    fmap.render()
    html = sf._get_html(fmap)
    header = sf._get_header(fmap)
    leaflet = sf._get_map_string(fmap)
    southwest, northeast = fmap.get_bounds()
    bounds = {"_southWest": {"lat": southwest[0], "lng": southwest[1]},
              "_northEast": {"lat": northeast[0], "lng": northeast[1]}}
    css: list[str] = []
    js: list[str] = []
    for element in _walk(fmap):
        css.extend(href for _, href in getattr(element, "default_css", []))
        js.extend(src for _, src in getattr(element, "default_js", []))
    return FrameArgs(script=leaflet, header=header, html=html, map_id=sf.get_full_id(fmap),
                     hash_key=sf.generate_js_hash(leaflet, key, return_on_hover),
                     css_links=tuple(dict.fromkeys(css)), js_links=tuple(dict.fromkeys(js)),
                     zoom=fmap.options.get("zoom"), bounds=bounds)


def _walk(element):
    if isinstance(element, branca.colormap.ColorMap):
        raise ValueError("colormaps need d3 from a CDN; the map does not use them")
    if isinstance(element, folium.elements.JSCSSMixin):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def group_script(js: str, idx: int) -> str:
    """st_folium's script for one feature group whose JavaScript declares `feature_group_feature_group_<idx>`."""
    # The blank lines are what branca's template around a prebuilt group leaves (the unit test compares).
    return f"\n\n{js}\n" + dedent(
        f"""
        map_div.addLayer(feature_group_feature_group_{idx});
        window.feature_group = window.feature_group || [];
        window.feature_group.push(feature_group_feature_group_{idx});
        """
    )


_DEFAULTS = ("last_clicked", "last_object_clicked", "last_object_clicked_count", "last_object_clicked_tooltip",
             "last_object_clicked_popup", "all_drawings", "last_active_drawing", "bounds", "zoom",
             "last_circle_radius", "last_circle_polygon", "selected_layers", "selected_tags", "last_geocoder_result")


def component_kwargs(frame: FrameArgs, groups_js: Sequence[str], *, key: str, height: int,
                     returned_objects: Sequence[str], center: tuple[float, float] | None,
                     zoom: int | None) -> dict[str, Any]:
    """The component's arguments, exactly as st_folium passes them (width=None: the container's width)."""
    everything = {name: None for name in _DEFAULTS} | {"bounds": frame.bounds, "zoom": frame.zoom}
    return {
        "script": frame.script, "header": frame.header, "html": frame.html, "id": frame.map_id,
        "key": frame.hash_key, "height": height, "width": None, "returned_objects": list(returned_objects),
        "default": {k: v for k, v in everything.items() if k in returned_objects},
        "zoom": zoom, "center": center,
        "feature_group": "".join(group_script(js, idx) for idx, js in enumerate(groups_js)),
        "return_on_hover": False, "layer_control": None, "pixelated": False,
        "css_links": list(frame.css_links), "js_links": list(frame.js_links), "wrap_longitude": False,
    }


# A component's frame is inline: its line box adds a few px under it (607.6 px for a 600 px frame).
FRAME_SLACK_PX = 8


def st_map_room(height: int, key: str):
    """A container `height` px tall (the map's frame, and its line box) that holds the map's room from the first
    paint: Streamlit draws a component's frame 0 px tall until its script has loaded, and what is under the map
    would jump as it grew (issue 27). Draw the map inside it (`with st_map_room(...):`)."""
    return st.container(height=height + FRAME_SLACK_PX, border=False, key=key)


def st_map_frame(frame: FrameArgs, groups_js: Sequence[str], *, key: str, height: int,
                 returned_objects: Sequence[str], center: tuple[float, float] | None = None,
                 zoom: int | None = None, on_change: Callable[[], None] | None = None) -> dict | None:
    """Mount (or update in place) the map; returns what the browser last reported, like st_folium."""
    kwargs = component_kwargs(frame, groups_js, key=key, height=height, returned_objects=returned_objects,
                              center=center, zoom=zoom)

    def _on_change() -> None:
        st.session_state[key] = st.session_state.get(frame.hash_key, {})
        if on_change is not None:
            on_change()

    return sf._component_func(**kwargs, on_change=_on_change)
