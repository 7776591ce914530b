"""The map component's arguments built from cached parts equal what st_folium itself would send."""

from __future__ import annotations

import datetime as dt
import json
import re

import folium
import pytest
import streamlit_folium as sf
from branca.element import MacroElement
from jinja2 import Template

from dashboard.frontend import read_static
from dashboard.labels import DRAW_ORDER
from dashboard.map import leaflet, style
from dashboard.query.filters import FilterState, select
from dashboard.ui import mapframe

RETURNED = ["last_object_clicked_tooltip", "last_clicked"]


@pytest.fixture(scope="module")
def geodata():
    from dashboard.ui import cached

    return cached.get_geodata()


class _RawScript(MacroElement):
    """A prebuilt layer's script inside a feature group: how st_folium itself would be given it."""

    _template = Template("{% macro script(this, kwargs) %}\n{{ this.js }}\n{% endmacro %}")

    def __init__(self, js: str):
        super().__init__()
        self.js = js


def _group(name: str, js: str) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=name, show=False)
    group._template = Template("{% macro script(this, kwargs) %}{% endmacro %}")
    _RawScript(js).add_to(group)
    return group


def _base_map(geodata):
    from dashboard.corpus.codes import COUNTRY_NAMES
    from dashboard.map.geo import label_points

    labels = label_points(geodata.countries, COUNTRY_NAMES)
    return leaflet.build_base_map(geodata.basemap_url, labels, list(geodata.js), list(geodata.css))


@pytest.mark.parametrize(("center", "zoom"), [(None, None), ((39.5, 69.5), 6)])
def test_same_arguments_as_st_folium(corpus, geodata, monkeypatch, center, zoom):
    records = select(corpus, FilterState(countries=("TJ",)))
    groups_js = [leaflet.build_layer_js(kind, f"feature_group_feature_group_{idx}", records, corpus, geodata.borders,
                                       "org-csto", dt.date(2017, 2, 27))
                 for idx, kind in enumerate(DRAW_ORDER)]
    sent = {}
    monkeypatch.setattr(sf, "_component_func", lambda **kwargs: sent.update(kwargs))
    sf.st_folium(_base_map(geodata), key="map", height=600, use_container_width=True, returned_objects=RETURNED,
                 feature_group_to_add=[_group(k, js) for k, js in zip(DRAW_ORDER, groups_js)],
                 center=center, zoom=zoom)
    sent.pop("on_change")
    ours = mapframe.component_kwargs(mapframe.frame_args(_base_map(geodata), "map"), groups_js, key="map",
                                     height=600, returned_objects=RETURNED, center=center, zoom=zoom)
    assert ours.keys() == sent.keys()
    for name in sent:
        assert ours[name] == sent[name], name


def test_the_constant_part_is_the_map_the_reader_gets_from_the_apps_own_files(geodata):
    args = mapframe.frame_args(_base_map(geodata), "map")
    # What the browser is told to load: Leaflet and the basemap from the app itself (works offline), no CDN.
    # Leaflet, then its plugins: gesture handling (the page scrolls over the map: issue 24), full screen (issue 28).
    assert args.js_links[-3:] == ("../../app/static/generated/leaflet-1.9.4/leaflet.js",
                                  "../../app/static/generated/leaflet-gesture-handling-1.2.2/leaflet-gesture-handling.js",
                                  "../../app/static/generated/leaflet.fullscreen-5.3.3/Control.FullScreen.umd.js")
    assert args.css_links == ("../../app/static/generated/leaflet-1.9.4/leaflet.css",
                              "../../app/static/generated/leaflet-gesture-handling-1.2.2/leaflet-gesture-handling.css",
                              "../../app/static/generated/leaflet.fullscreen-5.3.3/Control.FullScreen.css")
    assert all(link.startswith("../../app/static/") for link in args.js_links + args.css_links)
    assert geodata.basemap_url in args.script and "tile.openstreetmap.org" not in args.script
    # The whole region at first sight, in the element the page's scripts look for.
    assert (args.map_id, args.zoom) == ("map_div", 4)
    # Built once per process and shared by every session: a second build gives the same arguments, and the
    # component's identity depends on its key only.
    assert mapframe.frame_args(_base_map(geodata), "map") == args
    assert mapframe.frame_args(_base_map(geodata), "other").hash_key != args.hash_key


def test_layer_script_reaches_the_page_verbatim_not_as_a_template(geodata):
    # Through branca it would be compiled as Jinja again: slow for big layers, and braces would be evaluated.
    js = "var feature_group_feature_group_0 = L.featureGroup(); var a = '{{ 7 * 7 }}{% raw %}';"
    sent = mapframe.component_kwargs(mapframe.frame_args(_base_map(geodata), "map"), [js], key="map", height=600,
                                     returned_objects=RETURNED, center=None, zoom=None)
    assert js in sent["feature_group"] and "'49" not in sent["feature_group"]


def test_the_maps_browser_code_comes_from_its_own_files_configured_by_json(geodata):
    # The map's script is static/app/'s files as they are, then one call with the map's configuration as JSON.
    args = mapframe.frame_args(_base_map(geodata), "map")
    for name in leaflet.MAP_SCRIPTS:
        assert read_static(name) in args.script, name
    call = re.search(r"window\.__mapBasemap\(map_div, (\{.*?\})\);\n", args.script)
    config = json.loads(call.group(1))
    assert config["url"] == geodata.basemap_url and config["bounds"] == style.TOUR_BOUNDS
    assert config["base"] == style.LAND_STYLE and config["selParam"] == "sel"
    assert "</" not in call.group(1)  # the legend's HTML cannot end the script it sits in
    # The styles in the page's head, the sea's colour from the style module.
    assert read_static("map.css") in args.header and f"--map-sea: {style.SEA_COLOR}" in args.header
