"""The map's folium and branca glue: the base map (the basemap's and the legend's elements, the map's script
and styles), each dynamic layer's script, the story's layer, the online tiles.

    build_base_map(basemap_url, labels, js, css) -> folium.Map
    build_layer_js(kind, var, records, corpus, borders_gdf, shade, on) -> str

What the browser runs lives in static/app/ (the map's scripts and styles, read here as text); Python passes
them their configuration as JSON. Every string that reaches HTML is escaped (dashboard.escape), every value
that reaches JavaScript is JSON. Pure: no Streamlit.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from dashboard import escape
from dashboard.corpus.load import Corpus
from dashboard.corpus.memberships import membership_status
from dashboard.corpus.model import Annotation, Membership
from dashboard.map.assets import STATIC_URL
from dashboard.map.legend import legend_html
from dashboard.map.marks import REF_PATTERN, Mark, layer_marks, membership_payload
from dashboard.map.style import (
    DEFAULT_CENTER,
    DEFAULT_ZOOM,
    LAND_STYLE,
    MEMBERSHIP_PATTERN,
    SEA_COLOR,
    TAB_ORDER,
    TOUR_BOUNDS,
)
from dashboard.query.link import P_SEL

# Builds the Leaflet layers from the compact marks; one copy per layer, a few hundred bytes. A mark's
# name (m[9]) is its accessible name; __markReady (the basemap's script) makes it take focus. The briefing
# file draws its layers with it too.
RENDER_JS = """function(g,d,b){d.forEach(function(m,i){var l,s=m[8]||{};
if(m[0]==="marker"){l=L.marker(m[1][0],{keyboard:!!m[9],icon:L.divIcon({html:m[4],className:m[5],iconSize:m[6],iconAnchor:m[7]})});}
else if(m[0]==="circle"){l=L.circleMarker(m[1][0],s);}else{l=L.polyline(m[1],s);}
l.__name=m[9];l.__rank=(b||0)+i;if(m[2]){l.bindTooltip(m[2]);}if(m[3]){l.bindPopup(m[3],{maxWidth:320});
if(m[2]){l.on("popupopen",function(){l.closeTooltip();});}}l.addTo(g);
if(window.__markReady){window.__markReady(l);}});}"""


def _static_text(name: str) -> str:
    """One of the map's front-end files (static/app/), as text to put into the map's own script or style."""
    return (Path(__file__).resolve().parents[1] / "static" / "app" / name).read_text(encoding="utf-8")


_STORY_JS = (Path(__file__).resolve().parents[1] / "static" / "app" / "map-story.js").read_text(encoding="utf-8")


def story_layer_js(payload: dict, var: str) -> str:
    """Leaflet JavaScript that declares `var` as an empty featureGroup and hands the map a story's steps
    (their marks and where the map goes, from dashboard.story.steps.map_payload): static/app/map-story.js."""
    return (f"var {var} = L.featureGroup();\n{_STORY_JS}\n"
            f"window.__storyInit(window.map, {escape.script_json(payload)});")


def layer_js(marks: list[Mark], var: str, membership: dict | None = None, tab_base: int = 0,
             group: str = "") -> str:
    """Leaflet JavaScript that declares `var` as a featureGroup holding the marks; `tab_base` places its
    named marks in the Tab order (the layer's rank in TAB_ORDER times 100,000, then the marks' order);
    `membership` shades the countries, and `group` names the grouping shaded (the "whole grouping" control)."""
    js = (f"var {var} = L.featureGroup();\n({RENDER_JS})({var}, {escape.script_json([m.to_json() for m in marks])}, "
          f"{tab_base});")
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
    """Country polygons from our own geodata, fetched once from the app's static files."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function() {
          var map = {{ this._parent.get_name() }};
          var labels = {{ this.labels }};
          if (map.keyboard) {
            // Leaflet focuses the map on mousedown, which scrolls a partly hidden map
            // into view between press and release, so the click lands elsewhere.
            map.keyboard.disable();
            map.keyboard._onMouseDown = function () {
              if (!this._focused) { this._map._container.focus({preventScroll: true}); }
            };
            map.keyboard.enable();
          }
          var base = {{ this.base }};
          // A status other than membership is also told by its fill pattern (MEMBERSHIP_PATTERN), drawn
          // over the fill colour that Leaflet's options keep.
          var patterned = {{ this.patterned }};
          function paint(f) {
            if (f._path && f.__status && patterned.indexOf(f.__status) >= 0) {
              f._path.setAttribute("fill", "url(#pat-" + f.__status + ")");
              f._path.setAttribute("fill-opacity", "1");
            }
          }
          window.__baseStyle = base;
          window.__applyMembership = function() {
            var layer = window.__basemap, status = window.__membership || {};
            if (!layer) { return; }
            layer.eachLayer(function(f) {
              var s = status[f.feature.properties.iso2], style = s ? s.style : base, o = f.options;
              var name = f.feature.properties.name;
              var tip = s ? s.tooltip : "<b>" + name + "</b><br>not in the selected grouping";
              // The world has 250 states and a change of filter restyles few: one drawn as it should be is left.
              if (f.__tip === tip && o.fillColor === style.fillColor && o.fillOpacity === style.fillOpacity &&
                  o.color === style.color && o.weight === style.weight && o.dashArray === style.dashArray) {
                return;
              }
              f.__status = s ? s.status : null;
              f.setStyle(style);
              paint(f);
              delete f.__beforeSelection;
              f.__tip = tip;
              f.setTooltipContent(tip);
            });
            window.__applySelection(true);
            if (window.__groupingRefresh) { window.__groupingRefresh(); }
          };
          // The selected record's mark is highlighted. The selection is the page's `sel` parameter,
          // which the app keeps in step with its state whichever way it was made (a click here, a
          // chart, a link, Clear selection), so the map follows it rather than being told.
          var shownSelection;
          function refOf(layer) {
            var tip = layer.getTooltip && layer.getTooltip(), content = tip && tip.getContent();
            var match = typeof content === "string" && content.match(/ref: ([a-z0-9][a-z0-9-]*)/);
            return match ? match[1] : null;
          }
          window.__refOf = refOf;
          function highlight(layer, on) {
            if (layer._icon) {
              layer._icon.classList.toggle("is-selected", on);
              layer.setZIndexOffset(on ? 1000 : 0);
            } else if (layer.setStyle) {
              if (on && !layer.__beforeSelection) {
                layer.__beforeSelection = {color: layer.options.color, weight: layer.options.weight};
                layer.setStyle({color: "#000000", weight: (layer.options.weight || 2) + 3});
                if (layer.bringToFront && !layer.feature) { layer.bringToFront(); }
              } else if (!on && layer.__beforeSelection) {
                layer.setStyle(layer.__beforeSelection);
                delete layer.__beforeSelection;
              }
              if (layer.feature) { paint(layer); }
            }
          }
          window.__applySelection = function(force) {
            // On the Story page the step's marks are highlighted instead (static/app/map-story.js).
            if (window.__storyApply) { window.__storyApply(); return; }
            var sel = null;
            try { sel = new URL(window.parent.location.href).searchParams.get("sel"); } catch (e) { return; }
            if (sel === shownSelection && !force) { return; }
            shownSelection = sel;
            (window.feature_group || []).forEach(function(g) {
              g.eachLayer(function(l) { highlight(l, sel !== null && refOf(l) === sel); });
            });
            if (window.__basemap) {
              window.__basemap.eachLayer(function(f) { highlight(f, sel !== null && refOf(f) === sel); });
            }
          };
          setInterval(window.__applySelection, 250);
          // A mark that selects a record takes focus, is named in words (describe.mark_name) and is
          // selected by Enter or Space as by a click (Leaflet alone only opens its popup). Any other mark
          // (a leg's label, a border's white underlay) stays out of the Tab order and the reading.
          window.__markReady = function(layer) {
            if (layer.__name && layer instanceof L.Marker) {
              layer.off("keypress", layer._onKeyPress, layer);
              layer.on("keypress", function(e) {
                var key = e.originalEvent.key;
                if (key === "Enter" || key === " ") { L.DomEvent.preventDefault(e.originalEvent); select(layer, e.originalEvent); }
              });
            }
            // A mark gets its element when its layer reaches the map (a new one after a layer update).
            layer.on("add", function() { decorate(layer); });
            if (layer._map) { decorate(layer); }
          };
          function select(layer, original) {
            var at = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
            layer.fire("click", {latlng: at, originalEvent: original});
          }
          function decorate(layer) {
            var el = layer._icon || layer._path;
            if (!el || el.__decorated) { return; }
            el.__decorated = true;
            if (!layer.__name) {
              el.setAttribute("tabindex", "-1");
              el.setAttribute("aria-hidden", "true");
              return;
            }
            var text = document.createElement("textarea");  // decodes the escaped name, runs nothing
            text.innerHTML = layer.__name;
            el.setAttribute("tabindex", "0");
            el.setAttribute("role", "button");
            el.setAttribute("aria-label", text.value);
            el.setAttribute("data-rank", String(layer.__rank || 0));
            el.__layer = layer;
            if (!(layer instanceof L.Marker)) {
              L.DomEvent.on(el, "keydown", function(e) {
                if (e.key === "Enter" || e.key === " ") { L.DomEvent.preventDefault(e); select(layer, e); }
              });
              // A focused line is brought into view (Leaflet draws nothing of a line off the map) and shows
              // its tooltip, as a hovered one does.
              L.DomEvent.on(el, "focus", function() {
                var r = el.getBoundingClientRect(), box = map.getContainer().getBoundingClientRect();
                var drawn = r.width + r.height > 0 && r.right > box.left && r.left < box.right && r.bottom > box.top &&
                  r.top < box.bottom;
                if (!drawn) {
                  var pad = window.__clearOfControls();
                  map.fitBounds(layer.getBounds(), {animate: false, paddingTopLeft: pad[0], paddingBottomRight: pad[1]});
                }
                if (layer.openTooltip) { layer.openTooltip(); }
              });
              L.DomEvent.on(el, "blur", function() { if (layer.closeTooltip) { layer.closeTooltip(); } });
            }
          }
          // Tab order: the stops in tour order, then the sites, then the lines (border, phone call), however
          // the layers were added or updated. Lines live in the overlay pane: it goes after the marker pane
          // in the document (the panes' z-index keeps what is drawn on top).
          // The frame's own name and description (the sentences above the map, views/map.py).
          try {
            // Not its title: Streamlit and our watchdog find the frame by it.
            window.frameElement.setAttribute("aria-label", "Map of the tour: Tab reaches each stop, site and border");
            window.frameElement.setAttribute("aria-describedby", "map-description");
          } catch (e) { /* a cross-origin host page */ }
          // A mark that takes focus is scrolled into the page's view, as any focused element is: the
          // browser scrolls only within this frame (whose map does not scroll), not the page around it.
          function reveal(el) {
            try {
              var frame = window.frameElement, w = window.parent;
              // Focus may have moved on (a quick Tab): scrolling back to this mark would leave it off screen.
              if (!frame || !el.getBoundingClientRect || document.activeElement !== el ||
                  w.document.activeElement !== frame) { return; }
              var r = el.getBoundingClientRect(), f = frame.getBoundingClientRect(), margin = 48;
              var top = f.top + r.top, bottom = f.top + r.bottom, height = w.innerHeight;
              var header = w.document.querySelector('[data-testid="stHeader"]');  // fixed over the page's top
              var topMargin = Math.max(margin, header ? header.getBoundingClientRect().bottom + 12 : 0);
              var box = frame.parentElement;
              while (box && !/(auto|scroll)/.test(w.getComputedStyle(box).overflowY)) { box = box.parentElement; }
              box = box || w.document.scrollingElement;
              if (top < topMargin) { box.scrollTop -= topMargin - top; }
              else if (bottom > height - margin) { box.scrollTop += bottom - (height - margin); }
            } catch (e) { /* a cross-origin host page */ }
          }
          {{ this.popups }}
          window.__mapPopups(map);  // sets window.__clearOfControls
          {{ this.gestures }}
          window.__mapGestures(map);
          map.getContainer().addEventListener("focusin", function(e) {
            var layer = e.target.__layer;
            if (layer && layer.getLatLng) {
              var pad = window.__clearOfControls();
              map.panInside(layer.getLatLng(), {paddingTopLeft: pad[0], paddingBottomRight: pad[1], animate: false});
            }
            setTimeout(function() { reveal(e.target); }, 0);
            setTimeout(function() { reveal(e.target); }, 350);  // after Leaflet's pan to a marker
          });
          map.getContainer().setAttribute("role", "region");
          map.getContainer().setAttribute("aria-label", "Map: arrow keys pan it, plus and minus zoom");
          var panes = map.getPane("mapPane");
          panes.appendChild(map.getPane("overlayPane"));
          window.__tabOrder = function() {
            var pane = map.getPane("markerPane");
            var icons = Array.prototype.slice.call(pane.querySelectorAll(".leaflet-marker-icon[data-rank]"));
            var sorted = icons.slice().sort(function(a, b) { return a.dataset.rank - b.dataset.rank; });
            if (sorted.some(function(el, i) { return el !== icons[i]; })) {
              sorted.forEach(function(el) { pane.appendChild(el); });
            }
          };
          function draw(data) {
            window.__basemap = L.geoJSON(data, {
              style: function() { return base; },
              onEachFeature: function(f, layer) { layer.bindTooltip(f.properties.name, {sticky: true}); }
            }).addTo(map);
            // Countries are reached by keyboard from the list under the map, not one by one here.
            window.__basemap.eachLayer(function(f) {
              if (f._path) { f._path.setAttribute("tabindex", "-1"); f._path.setAttribute("aria-hidden", "true"); }
            });
            window.__basemap.bringToBack();
            window.__applyMembership();
            document.getElementById("map_div").setAttribute("data-basemap", "ready");
          }
          (window.__basemapData || fetch({{ this.url }}).then(function(r) {
            if (!r.ok) { throw new Error("HTTP " + r.status); }
            return r.json();
          })).then(draw).catch(function(err) {
            console.error("basemap: could not load country polygons", err);
            document.getElementById("map_div").setAttribute("data-basemap", "failed");
            var note = L.control({position: "bottomleft"});
            note.onAdd = function() {
              var d = L.DomUtil.create("div", "map-note");
              d.textContent = "Country outlines could not be loaded; markers and lines are still shown.";
              return d;
            };
            note.addTo(map);
          });
          labels.forEach(function(l) {
            L.marker([l[1], l[2]], {interactive: false, keyboard: false, icon: L.divIcon({
              className: "country-label", html: "<span>" + l[0] + "</span>", iconSize: [120, 16],
              iconAnchor: [60, 8]})}).addTo(map);
          });
          function zoomClass() {
            var c = map.getContainer();
            c.classList.toggle("zoom-low", map.getZoom() < 5);
          }
          map.on("zoomend", zoomClass);
          window.__wideScreen = function() {
            try { return window.parent.innerWidth >= 1000; } catch (e) { return window.innerWidth >= 1000; }
          };
          // The first view frames the story (the three stops and the border) clear of the map's controls:
          // the legend's open strip at the map's foot on a wide screen, the zoom buttons, the scale. Fitted
          // again once the legend is on the map (its height depends on the width), so nothing of the first
          // view lies under it.
          window.__firstFit = function() {
            var pad = window.__clearOfControls();
            var fit = {animate: false, paddingTopLeft: [0, pad[0][1] - 28], paddingBottomRight: [0, pad[1][1] - 28]};
            try {
              // A link with a map view opens on it instead.
              if (new URL(window.parent.location.href).searchParams.has("lat")) { return; }
            } catch (e) { /* a cross-origin host page: the story's frame */ }
            map.fitBounds({{ this.bounds }}, fit);
          };
          window.__firstFit();
          zoomClass();
          {{ this.layout }}
          window.__mapLayout(map);
          {{ this.grouping }}
          window.__groupingControl(map);
          // What the reader sees, for the downloads (a briefing file, a PNG): the map's bounds and size on
          // the page, kept on the page's window as the map moves (static/app/downloads.js reads them).
          function reportFrame() {
            try {
              var b = map.getBounds(), size = map.getSize();
              window.parent.__mapFrame = {bounds: [[b.getSouth(), b.getWest()], [b.getNorth(), b.getEast()]],
                                          size: [size.x, size.y], zoom: map.getZoom()};
            } catch (e) { /* a cross-origin host page */ }
          }
          reportFrame();
          map.on("moveend resize", reportFrame);
          map.on("moveend", function() {
            try {
              var c = map.getCenter(), w = window.parent;
              w.__mapView = {lat: c.lat.toFixed(3), lon: c.lng.toFixed(3), z: String(map.getZoom())};
              var url = new URL(w.location.href);
              url.searchParams.set("lat", c.lat.toFixed(3));
              url.searchParams.set("lon", c.lng.toFixed(3));
              url.searchParams.set("z", String(map.getZoom()));
              w.history.replaceState(w.history.state, "", url.toString());
            } catch (e) { /* a cross-origin host page: the view just is not shared */ }
          });
          // A click on a mark or a shaded country names its record in the address bar at once, as the
          // server's reply will: a click made while the page reconnects is then in the link the new
          // session starts from (see README, "After a reconnect").
          map.on("layeradd", function(e) {
            var layer = e.layer;
            if (!layer.getTooltip || layer.__selects) { return; }
            layer.__selects = true;
            layer.on("click", function() {
              var tip = layer.getTooltip(), ref = tip && {{ this.ref_pattern }}.exec(String(tip.getContent()));
              if (!ref || window.__storyApply) { return; }
              try {
                var w = window.parent, url = new URL(w.location.href);
                url.searchParams.set({{ this.sel_param }}, ref[1]);
                w.history.replaceState(w.history.state, "", url.toString());
              } catch (err) { /* a cross-origin host page */ }
            });
          });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, url: str, labels: list[tuple[str, float, float]], css: str):
        super().__init__()
        self._name = "Basemap"
        self.bounds = json.dumps(TOUR_BOUNDS)
        self.base = json.dumps(LAND_STYLE)
        self.url = json.dumps(url)
        self.ref_pattern = f"/{REF_PATTERN.pattern}/"
        self.patterned = json.dumps([status for status, hatch in MEMBERSHIP_PATTERN.items() if hatch])
        self.sel_param = json.dumps(P_SEL)
        self.labels = escape.script_json([(escape.template(n), lat, lon) for n, lat, lon in labels])
        self.layout = (Path(__file__).resolve().parents[1] / "static" / "app" / "map-layout.js").read_text(encoding="utf-8")
        self.popups = _static_text("map-popups.js")
        self.gestures = _static_text("map-gestures.js")
        self.css = css + _static_text("map-popups.css") + _static_text("map-gestures.css")
        self.grouping = _static_text("map-grouping.js")


MAP_CSS = """
.leaflet-container { background: __SEA__; font: 13px/1.35 system-ui, sans-serif; }
.country-label { color: #4a4a4a; font-size: 11px; text-align: center; white-space: nowrap;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff; pointer-events: none; }
.country-label span { display: inline-block; background: rgba(255,255,255,.82); color: #333; padding: 0 3px;
  border-radius: 3px; text-shadow: none; }
.laid-hidden { visibility: hidden; }
.leader { position: absolute; height: 0; border-top: 1.5px solid #333; transform-origin: 0 0; pointer-events: none; }
/* Leaflet stacks icons by latitude, so a site at a stop's place could cover the stop's number with its stem,
   and a mark laid aside with its leader line: both go under the stops (unless selected). */
.leaflet-marker-icon.site-icon:not(.is-selected), .leaflet-marker-icon.laid-aside:not(.is-selected) {
  z-index: -100000 !important; }
.laid-aside .site-stem { visibility: hidden; }
.edge-mark { position: absolute; z-index: 800; transform: translate(-50%, -50%); display: flex; align-items: center;
  gap: 4px; background: #fff; border: 1px solid #222; border-radius: 12px; padding: 2px 8px 2px 4px;
  font: 600 12px/16px system-ui, sans-serif; color: #222; cursor: pointer; box-shadow: 0 1px 3px rgba(0,0,0,.3); }
.edge-mark .edge-arrow { display: inline-block; }
.whole-grouping button { display: block; background: #fff; border: 0; border-radius: 4px; padding: 4px 8px;
  font: 600 12px/18px system-ui, sans-serif; color: #222; cursor: pointer; white-space: nowrap; }
.whole-grouping button:hover { background: #f0f0f0; }
.whole-grouping button[aria-pressed="true"] { background: #e8f1f8; }
.whole-grouping button:focus-visible { outline: 3px solid #000; box-shadow: 0 0 0 5px #fff; }
.whole-grouping .sr-only, .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.edge-mark:focus-visible { outline: 3px solid #D55E00; outline-offset: 2px; }
.stop { width: 24px; height: 24px; border-radius: 50%; display: flex; align-items: center;
  justify-content: center; font-weight: 700; font-size: 13px; border: 2px solid #fff;
  box-shadow: 0 0 0 1px #222; }
.stop-made { background: #222; color: #fff; }
.is-selected .stop, .is-selected .site { outline: 3px solid #D55E00; outline-offset: 2px; border-radius: 50%; }
.stop-origin { background: #fff; color: #222; }
.stop-not-made { background: #fff; color: #5f5f5f; border-style: dashed; box-shadow: 0 0 0 1px #5f5f5f; }
.site-stem { width: 0; height: 12px; border-left: 2px solid #444; }
.zoom-low .leg-km { display: none; }
.site { font-size: 22px; line-height: 22px; text-align: left; margin-left: -4px; text-shadow: 0 0 2px #fff, 0 0 2px #fff; }
.leg-arrow { font-size: 16px; color: #222; width: 16px; text-align: center; text-shadow: 0 0 2px #fff; }
.leg-km { font-size: 11px; color: #222; white-space: nowrap; background: rgba(255,255,255,.8);
  padding: 0 3px; border-radius: 3px; display: inline-block; }
.leaflet-tooltip .ref, .leaflet-popup .ref { color: #555; font-size: 11px; margin-top: 3px; }
.leaflet-popup blockquote { margin: 6px 0; padding-left: 8px; border-left: 3px solid #0072B2; }
.leaflet-popup .src { color: #555; font-size: 11px; }
.map-legend { background: rgba(255,255,255,.93); padding: 5px 7px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); font-size: 11.5px; line-height: 16px; max-width: 200px; }
.map-legend summary { font-weight: 700; cursor: pointer; }
.map-legend .lg-title { font-weight: 600; margin-top: 4px; }
.map-legend .lg-note { font-size: 11px; color: #333; max-width: 190px; }
.map-legend .sw { display: inline-block; width: 16px; height: 12px; margin-right: 6px; vertical-align: middle; }
.map-legend .ln { display: inline-block; width: 22px; margin-right: 6px; vertical-align: middle; }
.map-legend .sym { display: inline-block; width: 16px; margin-right: 6px; text-align: center; font-size: 14px; }
.map-legend .mini { display: inline-flex; width: 14px; height: 14px; font-size: 9px; margin-right: 6px;
  vertical-align: middle; border-width: 1px; }
@media (max-width: 500px) { .map-legend { font-size: 11px; line-height: 15px; max-width: 160px; } }
.leaflet-bottom.leaflet-left { right: 90px; }
.map-legend.strip { max-width: none; line-height: 15px; padding: 3px 8px; margin-bottom: 6px; }
.map-legend.strip summary { display: inline; margin-right: 6px; }
.map-legend.strip > details > div { display: inline-block; margin: 0 8px 0 0; white-space: nowrap; }
.map-legend.strip .lg-title { margin-top: 0; }
.map-legend.strip .lg-title::after { content: ":"; }
.map-legend.strip .lg-note { display: block; max-width: none; white-space: normal; }
.map-legend.strip [hidden] { display: none !important; }
.leaflet-tooltip .flag, .leaflet-popup .flag { color: #8a4b00; font-weight: 600; margin-top: 3px; }
.stop.flagged, .site.flagged { position: relative; }
.stop.flagged::after, .site.flagged::after { content: "!"; position: absolute; top: -7px; right: -7px;
  background: #E69F00; color: #000; border-radius: 50%; width: 12px; height: 12px; font: 700 10px/12px sans-serif;
  text-align: center; box-shadow: 0 0 0 1px #fff; }
/* Focus: a black ring inside a white one, 3:1 against any fill or basemap colour. */
.leaflet-container:focus-visible { outline: 3px solid #000; outline-offset: -3px; }
.leaflet-marker-icon:focus { outline: none; }
.leaflet-marker-icon:focus-visible { outline: 3px solid #000; outline-offset: 2px; box-shadow: 0 0 0 5px #fff;
  border-radius: 4px; }
path.leaflet-interactive:focus { outline: none; }
path.leaflet-interactive:focus-visible { stroke: #000; stroke-width: 8px; stroke-opacity: 1; }
.map-legend summary:focus-visible, .leaflet-bar a:focus-visible, .leaflet-popup-close-button:focus-visible {
  outline: 3px solid #000; outline-offset: 1px; box-shadow: 0 0 0 5px #fff; }
.map-note { background: #fff3cd; padding: 4px 8px; border: 1px solid #e0c36a; max-width: 240px; }
.story-dim { opacity: .35; }
.in-story .stop, .in-story .site { box-shadow: 0 0 0 2px #fff, 0 0 0 5px #111; border-radius: 50%; }
""".replace("__SEA__", SEA_COLOR)


class _Legend(_VerbatimMacro):
    """A fixed legend inside the map; only constant, escaped text."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
          // A button that opens a strip along the map's foot on a wide screen, and a box at the top right
          // on a phone, where the map's foot is below the first screen. Closed at first: open, it would
          // cover a fifth of the map (issue 23); the shading is also named above the map and in each tooltip.
          var wide = window.__wideScreen();
          var legend = L.control({position: wide ? "bottomleft" : "topright"});
          legend.onAdd = function() {
            var d = L.DomUtil.create("div", "map-legend" + (wide ? " strip" : ""));
            d.setAttribute("role", "note");
            d.setAttribute("aria-label", "Map legend");
            d.innerHTML = {{ this.html }};
            d.querySelector("details").open = false;
            L.DomEvent.disableClickPropagation(d);
            return d;
          };
          legend.addTo({{ this._parent.get_name() }});
          if (window.__firstFit) { window.__firstFit(); }
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "Legend"
        self.html = json.dumps(legend_html())


def build_base_map(
    basemap_url: str,
    labels: list[tuple[str, float, float]],
    js: list[tuple[str, str]],
    css: list[tuple[str, str]],
) -> folium.Map:
    """The static part of the map; it never changes between reruns, so it is never remounted."""
    fmap = folium.Map(location=DEFAULT_CENTER, zoom_start=DEFAULT_ZOOM, tiles=None,
                      min_zoom=2, max_zoom=10, control_scale=True, prefer_canvas=False)
    # First, so that the polygons download while Leaflet loads (see static/app/basemap-prefetch.js).
    prefetch = f"{STATIC_URL}/app/basemap-prefetch.js?" + urllib.parse.urlencode({"geojson": basemap_url})
    fmap.default_js = [("basemap_prefetch", prefetch), *js]
    fmap.default_css = css
    _Basemap(basemap_url, labels, MAP_CSS).add_to(fmap)
    _Legend().add_to(fmap)
    return fmap



def build_layer_js(kind: str, var: str, records: list[Annotation], corpus: Corpus, borders_gdf,
                   shade: str, on: dt.date) -> str:
    """The JavaScript of one dynamic layer (what the map page caches per filter)."""
    membership, group = None, ""
    if kind == "members":
        status = membership_status([r for r in records if isinstance(r, Membership)], shade, on)
        group = corpus.organizations[shade]
        membership = membership_payload(status, group, corpus, on)
    return layer_js(layer_marks(kind, records, corpus, borders_gdf), var, membership,
                    tab_base=TAB_ORDER.index(kind) * 100_000, group=group)



def add_online_tiles(fmap: folium.Map, provider) -> None:
    """Optional online basemap (off by default): an xyzservices provider, under our polygons."""
    folium.TileLayer(tiles=provider.build_url(), attr=provider.html_attribution,
                     name=provider.name, max_zoom=provider.get("max_zoom", 18), opacity=0.6).add_to(fmap)
