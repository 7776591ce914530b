"""The map's folium and branca glue: the base map (the basemap's and the legend's elements, the map's script
and styles), each dynamic layer's script, the story's layer, the online tiles.

    build_base_map(basemap_url, labels, js, css) -> folium.Map
    build_layer_js(kind, var, records, corpus, borders_gdf, shade, on) -> str

What the browser runs lives in static/app/ (the map's scripts and styles, read here as text); Python passes
them their configuration as JSON. Every string that reaches HTML is escaped (dashboard.escape), every value
that reaches JavaScript is JSON. Pure: no Streamlit.

The map's own words (its controls, notes and names for screen readers; `map_words`) and the countries' names go to
the browser in the language of the run: the frame and each layer's script are built per language (ui/cached.py).
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse

import folium
from babel import Locale
from branca.element import Element, MacroElement
from jinja2 import Template

from dashboard import escape, i18n, names
from dashboard.corpus.memberships import membership_status
from dashboard.corpus.model import Annotation, Membership
from dashboard.corpus.records import Corpus
from dashboard.frontend import read_static, read_style
from dashboard.i18n import gettext, ngettext
from dashboard.labels import TAB_ORDER
from dashboard.map.assets import STATIC_URL
from dashboard.map.describe import page_lang
from dashboard.map.legend import legend_html
from dashboard.map.marks import REF_PATTERN, Mark, layer_marks, membership_payload, membership_timeline
from dashboard.map.style import (
    DEFAULT_CENTER,
    DEFAULT_ZOOM,
    LAND_STYLE,
    MEMBERSHIP_PATTERN,
    TOUR_BOUNDS,
)
from dashboard.query.link import P_SEL

# The map's own scripts, in the order the map's script holds them: the marks' helpers (shared with the briefing
# file), then what map-basemap.js calls; map-basemap.js last.
MAP_SCRIPTS = ("map-marks.js", "map-popups.js", "map-gestures.js", "map-fullscreen.js", "map-layout.js",
               "map-grouping.js", "map-time.js", "map-basemap.js")
MAP_STYLES = ("map.css", "map-controls.css", "map-popups.css", "map-gestures.css")


def map_words() -> dict:
    """The words of the map's own scripts (static/app/map-*.js: its controls, notes, badges and names for screen
    readers), in the language of the run, with {fields} the browser fills in; counted ones as forms by plural
    category (i18n.plural_forms). The dashboard's map and a file's map (map-file.js) both read them."""
    return {
        "legend": gettext("Map legend"),
        "zoomIn": gettext("Zoom in"), "zoomOut": gettext("Zoom out"),
        # Translators: the map's scale bar, after a number of kilometres, then of metres ("500 km", "300 m").
        "km": gettext("km"), "m": gettext("m"),
        "popupScrolls": gettext("The mark's words (scrolls)"),
        "gestureTouch": gettext("Use two fingers to move the map"),
        "gestureScroll": gettext("Use Ctrl + scroll to zoom the map"),
        "gestureScrollMac": gettext("Use ⌘ + scroll to zoom the map"),
        "fullscreen": gettext("Full screen (Esc leaves)"),
        "fullscreenLeave": gettext("Leave full screen"),
        "outside": gettext("not in the selected grouping"),
        "frame": gettext("Map of the tour: Tab reaches each stop, site and border"),
        "region": gettext("Map: arrow keys pan it, plus and minus zoom"),
        "noOutlines": gettext("Country outlines could not be loaded; markers and lines are still shown."),
        "start": gettext("Start"),
        "edge": gettext("M {city} {km} km"),
        "edgeFrom": gettext("from the map's centre"),
        "edgeLabel": gettext("{badge}: where the tour began and ended, off the map. Show the whole route."),
        "far": gettext("{name} · {status} · {km} km"),
        "farLabel": gettext("{badge} from the map's centre, outside the map. Show it."),
        "framed": i18n.plural_forms(lambda n: ngettext("Framed {group}: {n} state.", "Framed {group}: {n} states.", n)),
        "framedFar": i18n.plural_forms(lambda n: ngettext("Framed {group}: {n} state; {far} marked at the edge.",
                                                     "Framed {group}: {n} states; {far} marked at the edge.", n)),
        "theGrouping": gettext("the grouping"),
        "grouping": gettext("grouping"),
        "whole": i18n.plural_forms(lambda n: ngettext("Whole {group} · {n} state", "Whole {group} · {n} states", n)),
        "wholeLabel": gettext("{badge}: frame every state the {group} gives a status on the chosen day"),
        # Not a word: how the page's language writes a whole number's digits (map-marks.js __mapNumber).
        "digits": i18n.digit_grouping(),
    }


def country_names() -> dict[str, str]:
    """Every country's name by its ISO code in the language of the run, escaped as a tooltip holds it, for the
    basemap's countries (whose GeoJSON names them in English); {} in English: the GeoJSON's names are said."""
    lang = i18n.active()
    if lang in (i18n.DEFAULT, i18n.PSEUDO):
        return {}
    return {code: escape.template(name) for code, name in Locale.parse(lang).territories.items()
            if re.fullmatch(r"[A-Z]{2}", code)}


def map_css() -> str:
    """The map's styles (static/app/map.css), after the palette's custom properties they read (--map-sea, ...)."""
    return read_style("map.css")


_STORY_JS = read_static("map-story.js")


def story_layer_js(payload: dict, var: str) -> str:
    """Leaflet JavaScript that declares `var` as an empty featureGroup and hands the map a story's steps
    (their marks and where the map goes, from dashboard.story.view.map_payload): static/app/map-story.js."""
    return (f"var {var} = L.featureGroup();\n{_STORY_JS}\n"
            f"window.__storyInit(window.map, {escape.script_json(payload)});")


def layer_js(marks: list[Mark], var: str, membership: dict | None = None, tab_base: int = 0,
             group: str = "", timeline: dict | None = None) -> str:
    """Leaflet JavaScript that declares `var` as a featureGroup holding the marks; `tab_base` places its
    named marks in the Tab order (the layer's rank in TAB_ORDER times 100,000, then the marks' order);
    `membership` shades the countries, and `group` names the grouping shaded (the "whole grouping" control);
    `timeline` (marks.membership_timeline) lets the time strip shade any other day in the browser."""
    js = (f"var {var} = L.featureGroup();\nwindow.__renderMarks({var}, "
          f"{escape.script_json([m.to_json() for m in marks])}, {tab_base});")
    if timeline is not None:
        js += f"\nwindow.__membershipTimeline = {escape.script_json(timeline)};"
    if membership is not None:
        js += (f"\nwindow.__membershipGroup = {escape.script_json(group)};"
               f"\nwindow.__membership = {escape.script_json(membership)};"
               "\nif (window.__applyMembership) { window.__applyMembership(); }")
    # New marks: show the current selection on them too, and lay them out.
    js += "\nif (window.__applySelection) { window.__applySelection(true); }"
    js += "\nif (window.__layout) { window.__layout(); }"
    js += "\nif (window.__tabOrder) { window.__tabOrder(); }"
    return js


class _Verbatim(Element):
    """Text that goes into the page as it is.

    branca wraps each rendered macro in a new Element, which compiles that text as a
    Jinja template again: slow for a layer of tens of kilobytes, and braces in data
    would be evaluated. This element is rendered by returning its text.
    """

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class _VerbatimMacro(MacroElement):
    """A MacroElement whose rendered header, html and script reach the figure verbatim."""

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            if part in macros:
                getattr(figure, part).add_child(_Verbatim(macros[part](self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class _Basemap(_VerbatimMacro):
    """The map's own script and styles (static/app/map-*.js, map.css): country polygons from our own geodata,
    fetched once from the app's static files, the labels, the legend, the first view; configured by JSON."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.code }}
        window.__mapBasemap({{ this._parent.get_name() }}, {{ this.config }});
        {% endmacro %}
        """
    )

    def __init__(self, url: str, labels: list[tuple[str, float, float]]):
        super().__init__()
        self._name = "Basemap"
        self.config = escape.script_json({
            "url": url,
            "labels": [(escape.template(n), lat, lon) for n, lat, lon in labels],  # named in the run's language
            "base": LAND_STYLE,
            "patterned": [status for status, hatch in MEMBERSHIP_PATTERN.items() if hatch],
            "bounds": TOUR_BOUNDS,
            "legend": legend_html(),
            "refPattern": REF_PATTERN.pattern,
            "selParam": P_SEL,
            "words": map_words(),
            "lang": page_lang(),
            "countryNames": country_names(),
        })
        self.code = "\n".join(read_static(name) for name in MAP_SCRIPTS)
        self.css = read_style(*MAP_STYLES)


def build_base_map(
    basemap_url: str,
    labels: list[tuple[str, float, float]],
    js: list[tuple[str, str]],
    css: list[tuple[str, str]],
) -> folium.Map:
    """The static part of the map; it never changes between reruns, so it is never remounted."""
    fmap = folium.Map(location=DEFAULT_CENTER, zoom_start=DEFAULT_ZOOM, tiles=None,
                      min_zoom=2, max_zoom=10, control_scale=True, prefer_canvas=False)
    # First, so that the polygons and the stylesheets download while Leaflet loads (static/app/basemap-prefetch.js).
    prefetch = f"{STATIC_URL}/app/basemap-prefetch.js?" + urllib.parse.urlencode(
        [("geojson", basemap_url), *(("css", href) for _, href in css)])
    fmap.default_js = [("basemap_prefetch", prefetch), *js]
    fmap.default_css = css
    _Basemap(basemap_url, labels).add_to(fmap)
    return fmap



def build_layer_js(kind: str, var: str, records: list[Annotation], corpus: Corpus, borders_gdf,
                   shade: str, on: dt.date) -> str:
    """The JavaScript of one dynamic layer (what the map page caches per filter). The members layer's records are
    the memberships of every day (filters.select(..., over_time=True)): it shades `on`, and hands the browser the
    whole timeline for the time strip."""
    membership, group, timeline = None, "", None
    if kind == "members":
        periods = [r for r in records if isinstance(r, Membership)]
        status = membership_status(periods, shade, on)
        group = names.grouping(shade, corpus)
        membership = membership_payload(status, group, corpus, on)
        timeline = membership_timeline(periods, shade, group, corpus)
    return layer_js(layer_marks(kind, records, corpus, borders_gdf), var, membership,
                    tab_base=TAB_ORDER.index(kind) * 100_000, group=group, timeline=timeline)



def add_online_tiles(fmap: folium.Map, provider) -> None:
    """Optional online basemap (off by default): an xyzservices provider, under our polygons."""
    folium.TileLayer(tiles=provider.build_url(), attr=provider.html_attribution,
                     name=provider.name, max_zoom=provider.get("max_zoom", 18), opacity=0.6).add_to(fmap)
