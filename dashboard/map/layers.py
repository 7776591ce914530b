"""Pure map building: records and GeoDataFrames -> folium Map and FeatureGroups.

Every string that reaches HTML goes through `esc` (tooltips, popups, labels,
legend), and every string that reaches JavaScript goes through `json.dumps`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import folium
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from dashboard import escape
from dashboard.corpus.dates import format_date
from dashboard.corpus.load import Corpus
from dashboard.corpus.memberships import membership_status, status_held_since, status_label
from dashboard.corpus.model import Annotation, Border, Membership, MilitarySite, VisitStop
from dashboard.map.assets import STATIC_URL
from dashboard.map.describe import mark_name
from dashboard.map.geo import geodesic_arc, geodesic_distance_km
from dashboard.query.link import P_SEL

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = {
    "blue": "#0072B2",
    "sky": "#56B4E9",
    "green": "#009E73",
    "orange": "#E69F00",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#777777",
    # Two more from Paul Tol's muted scheme, for statuses the eight above cannot all tell apart.
    "teal": "#44AA99",
    "rose": "#CC6677",
    "black": "#222222",
}
MEMBERSHIP_STYLE = {
    "member": {"fillColor": PALETTE["blue"], "fillOpacity": 0.55, "dashArray": None},
    "associate": {"fillColor": PALETTE["purple"], "fillOpacity": 0.45, "dashArray": None},
    "observer": {"fillColor": PALETTE["sky"], "fillOpacity": 0.45, "dashArray": "6 4"},
    "dialogue_partner": {"fillColor": PALETTE["yellow"], "fillOpacity": 0.45, "dashArray": "3 3"},
    "partner": {"fillColor": PALETTE["teal"], "fillOpacity": 0.45, "dashArray": "8 2"},
    "prospective": {"fillColor": PALETTE["green"], "fillOpacity": 0.40, "dashArray": "2 4"},
    "suspended": {"fillColor": PALETTE["orange"], "fillOpacity": 0.45, "dashArray": "8 3 2 3"},
    "frozen": {"fillColor": PALETTE["rose"], "fillOpacity": 0.45, "dashArray": "2 2"},
    "former": {"fillColor": PALETTE["grey"], "fillOpacity": 0.30, "dashArray": "1 5"},
}
# A fill pattern per status besides membership itself, so that statuses differ in more than colour
# (WCAG 1.4.1): on the map and in the legend alike (pattern_defs).
MEMBERSHIP_PATTERN = {
    "member": None,
    "associate": "vertical",
    "observer": "dots",
    "dialogue_partner": "horizontal",
    "partner": "grid",
    "prospective": "rising",
    "suspended": "falling",
    "frozen": "cross",
    "former": "rings",
}
# The same patterns as plotly draws them (the charts' membership timeline); plotly has no rings: larger,
# fainter dots instead.
PLOTLY_PATTERN = {
    "vertical": {"shape": "|"}, "horizontal": {"shape": "-"}, "grid": {"shape": "+"}, "rising": {"shape": "/"},
    "falling": {"shape": "\\"}, "cross": {"shape": "x"}, "dots": {"shape": "."},
    "rings": {"shape": ".", "size": 12, "solidity": 0.15},
}
_HATCH = {
    "vertical": '<path d="M4 0V8" stroke-width="1.6"/>',
    "horizontal": '<path d="M0 4H8" stroke-width="1.6"/>',
    "grid": '<path d="M4 0V8M0 4H8" stroke-width="1.1"/>',
    "rising": '<path d="M-2 2L2 -2M0 8L8 0M6 10L10 6" stroke-width="1.4"/>',
    "falling": '<path d="M-2 6L2 10M0 0L8 8M6 -2L10 2" stroke-width="1.4"/>',
    "cross": '<path d="M0 0L8 8M8 0L0 8" stroke-width="1.1"/>',
    "dots": '<circle cx="4" cy="4" r="1.4" stroke="none" fill="#222" fill-opacity="0.7"/>',
    "rings": '<circle cx="4" cy="4" r="2" stroke-width="1" fill="none"/>',
}


def pattern_defs() -> str:
    """An SVG holding one <pattern id="pat-STATUS"> per patterned status: the status colour at its opacity,
    hatched in dark grey. Map paths and legend swatches fill with url(#pat-STATUS)."""
    out = []
    for status, hatch in MEMBERSHIP_PATTERN.items():
        if hatch is None:
            continue
        style = MEMBERSHIP_STYLE[status]
        out.append(f'<pattern id="pat-{status}" width="8" height="8" patternUnits="userSpaceOnUse">'
                   f'<rect width="8" height="8" fill="{style["fillColor"]}" fill-opacity="{style["fillOpacity"]}"/>'
                   f'<g stroke="#222" stroke-opacity="0.7">{_HATCH[hatch]}</g></pattern>')
    return ('<svg class="patterns" aria-hidden="true" focusable="false" width="0" height="0" '
            f'style="position:absolute"><defs>{"".join(out)}</defs></svg>')


SITE_STYLE = {
    "active": {"color": PALETTE["vermillion"], "label": "active", "shape": "■"},
    "withdrawal_offered": {"color": PALETTE["orange"], "label": "withdrawal offered", "shape": "◆"},
    "proposed": {"color": PALETTE["purple"], "label": "proposed", "shape": "▲"},
    "closed": {"color": PALETTE["grey"], "label": "closed", "shape": "✕"},
}
STOP_STYLE = {
    "made": PALETTE["black"],
    "not_made": PALETTE["grey"],
    "phone_call": PALETTE["green"],
    "origin": PALETTE["black"],
}
BORDER_COLOR = PALETTE["vermillion"]
# Where a flag in a tooltip sends the reader (the briefing file, which has no panel, says its own).
EVIDENCE_HINT = "see the evidence panel"
ROUTE_COLOR = PALETTE["black"]
# The basemap: the sea (the map's background), a country outside the shaded grouping, and the outline a
# shaded country gets (its fill is MEMBERSHIP_STYLE's, over the sea). The map, the briefing file and the
# PNG all draw with these.
SEA_COLOR = "#cfe3ef"
LAND_STYLE = {"color": "#ffffff", "weight": 1, "fillColor": "#e8e4da", "fillOpacity": 1, "dashArray": None}
MEMBERSHIP_EDGE = {"color": "#444", "weight": 1}
# A primary border is drawn over a white halo, so that it stands out on any shading.
BORDER_HALO = {"color": "#ffffff", "weight": 9, "opacity": 0.9}
DEFAULT_CENTER = (47.0, 57.5)
DEFAULT_ZOOM = 4
# Moscow to the Tajik–Afghan border: what a first-time visitor should see.
# The first view frames the story: the three stops and the Tajik-Afghan border. Moscow, off to the
# north-west, is shown by an edge mark (static/app/map-layout.js).
TOUR_BOUNDS = [[36.4, 66.6], [44.0, 78.4]]
# The return leg (Bishkek -> Moscow) runs beside the outbound one (Moscow -> Almaty): it is bent this far
# to the other side at its middle, so that the two are told apart.
RETURN_BEND_KM = 170.0
REF_PATTERN = re.compile(r"ref: ([a-z0-9][a-z0-9-]*)")



def _ref(record_id: str) -> str:
    return f'<div class="ref">ref: {escape.template(record_id)}</div>'


def _flag(record: Annotation, corpus: Corpus) -> str:
    """A visible warning on records whose sources disagree."""
    if record.id not in corpus.disputed:
        return ""
    return f'<div class="flag">⚠ sources disagree: {EVIDENCE_HINT}</div>'


def record_id_from_tooltip(text: str | None) -> str | None:
    """The record id a clicked feature's tooltip carries, if any."""
    match = REF_PATTERN.search(text or "")
    return match.group(1) if match else None


def short_quote(record: Annotation, limit: int = 180) -> str:
    """First excerpt of a record, cut at a word boundary."""
    if not record.excerpts:
        return ""
    quote = " ".join(record.excerpts[0].quote.split())
    if len(quote) <= limit:
        return quote
    return quote[:limit].rsplit(" ", 1)[0] + " …"


def _popup(record: Annotation, corpus: Corpus, extra: str = "") -> str:
    quote = short_quote(record)
    body = f"<b>{escape.template(record.title)}</b>{extra}"
    if quote:
        source = corpus.sources[record.excerpts[0].source].label
        body += f'<blockquote>“{escape.template(quote)}”</blockquote><div class="src">— {escape.template(source)}</div>'
    elif record.references:
        body += f'<div class="src">Context: {escape.template(record.references[0].title)}</div>'
    return body + _ref(record.id)


@dataclass(frozen=True)
class Mark:
    """One thing drawn on a dynamic layer; its HTML strings are already escaped."""

    shape: str  # "marker" (a divIcon), "line" or "circle"
    points: tuple[tuple[float, float], ...]
    tooltip: str | None = None
    popup: str | None = None
    icon: str | None = None
    icon_class: str = ""
    icon_size: tuple[int, int] = (24, 24)
    icon_anchor: tuple[int, int] = (12, 12)
    style: tuple[tuple[str, object], ...] = ()
    # The accessible name (describe.mark_name, escaped as the tooltip is) of a mark that selects a record:
    # it takes focus, in tour order. A mark without one is out of the Tab order and hidden from screen readers.
    name: str | None = None

    def to_json(self) -> list:
        """Compact form read by the layer script's renderer."""
        return [self.shape, [[round(lat, 5), round(lon, 5)] for lat, lon in self.points], self.tooltip,
                self.popup, self.icon, self.icon_class, list(self.icon_size), list(self.icon_anchor),
                dict(self.style), self.name]


def _style(**kwargs) -> tuple[tuple[str, object], ...]:
    return tuple((k, v) for k, v in kwargs.items() if v is not None)


@dataclass(frozen=True)
class Leg:
    """One flight leg of the route, with its geodesic length."""

    start: VisitStop
    end: VisitStop
    km: float


def route_legs(stops: list[VisitStop]) -> list[Leg]:
    """Moscow -> stops in order -> back to Moscow, each leg measured on the WGS84 ellipsoid."""
    made = sorted((s for s in stops if s.status == "made"), key=lambda s: s.order or 0)
    origin = next((s for s in stops if s.status == "origin"), None)
    path = ([origin] if origin else []) + made + ([origin] if origin and made else [])
    return [
        Leg(a, b, geodesic_distance_km(a.location.lat, a.location.lon, b.location.lat, b.location.lon))
        for a, b in zip(path, path[1:])
    ]


def _bearing_arrow(points: list[tuple[float, float]], at: float = 0.5) -> tuple[tuple[float, float], float]:
    """A point a share `at` along a line, and the line's heading there (degrees clockwise from north)."""
    mid = min(max(int(len(points) * at), 1), len(points) - 1)
    (lat1, lon1), (lat2, lon2) = points[mid - 1], points[mid]
    return points[mid], math.degrees(math.atan2(lon2 - lon1, lat2 - lat1))


def bend(points: list[tuple[float, float]], km: float) -> list[tuple[float, float]]:
    """A line pushed sideways by up to `km` at its middle (a sine profile), its ends kept in place:
    a return leg drawn beside the outbound one instead of on top of it."""
    if len(points) < 3 or km == 0:
        return points
    (lat1, lon1), (lat2, lon2) = points[0], points[-1]
    # Perpendicular to the chord, in degrees, scaled so that one unit is ~1 km at this latitude.
    mid_lat = math.radians((lat1 + lat2) / 2)
    dx, dy = (lon2 - lon1) * math.cos(mid_lat), lat2 - lat1
    norm = math.hypot(dx, dy) or 1.0
    px, py = -dy / norm, dx / norm
    out = []
    for i, (lat, lon) in enumerate(points):
        shift = km / 111.32 * math.sin(math.pi * i / (len(points) - 1))
        out.append((lat + py * shift, lon + px * shift / max(math.cos(math.radians(lat)), 0.1)))
    return out


@dataclass(frozen=True)
class LegDrawing:
    """How one leg is drawn: its line, whether it is the way back, its day ('27 Feb'), and where its
    arrow and label sit (a point on the line and the line's heading there, degrees clockwise from north)."""

    leg: Leg
    points: tuple[tuple[float, float], ...]
    returning: bool
    when: str
    arrow_at: tuple[float, float]
    heading: float


def draw_leg(leg: Leg) -> LegDrawing:
    """A leg as the map draws it: the geodesic arc (the return leg bent beside the outbound one)."""
    points = geodesic_arc(leg.start.location.lat, leg.start.location.lon,
                          leg.end.location.lat, leg.end.location.lon, n=48)
    returning = leg.end.status == "origin"
    if returning:
        points = bend(points, RETURN_BEND_KM)
    day = leg.end.date if leg.end.date else leg.start.date
    when = format_date(day)[:-5] if day else ""  # '27 Feb'
    # The labels of the two long legs sit at different points along them, so they do not meet.
    point, angle = _bearing_arrow(points, 0.62 if returning else 0.4)
    return LegDrawing(leg, tuple(points), returning, when, point, angle)


def route_marks(stops: list[VisitStop], corpus: Corpus) -> list[Mark]:
    """Geodesic legs with their direction, day and km (the return leg bent beside the outbound one),
    numbered stops, stops not made, and the phone call."""
    marks: list[Mark] = []
    for leg in route_legs(stops):
        drawn = draw_leg(leg)
        when = drawn.when
        label = escape.template(f"{leg.start.city} → {leg.end.city}{', ' + when if when else ''}: {leg.km:,.0f} km "
                    "(geodesic, WGS84)")
        marks.append(Mark("line", drawn.points, tooltip=label,
                          style=_style(color=ROUTE_COLOR, weight=3, opacity=0.85,
                                       dashArray="8 5" if drawn.returning else None)))
        marks.append(Mark(
            "marker", (drawn.arrow_at,), tooltip=label,
            icon=f'<div class="leg-arrow" style="transform: rotate({drawn.heading - 90:.0f}deg)">➤</div>'
                 f'<div class="leg-km">{escape.template(when + " · ") if when else ""}{leg.km:,.0f} km</div>',
            icon_class="leg-label", icon_size=(90, 30), icon_anchor=(8, 8)))
    for stop in tour_order(stops):
        marks.extend(_stop_marks(stop, stops, corpus))
    return marks


_TOUR_RANK = {"origin": 0, "made": 1, "not_made": 2, "phone_call": 3}


def tour_order(stops: list[VisitStop]) -> list[VisitStop]:
    """Stops in tour order, which is also the Tab order: the start, the stops made, those not made, the call."""
    return sorted(stops, key=lambda s: (_TOUR_RANK[s.status], s.order or 0))


def _stop_marks(stop: VisitStop, stops: list[VisitStop], corpus: Corpus) -> list[Mark]:
    where = (stop.location.lat, stop.location.lon)
    leaders = ", ".join(stop.leaders)
    if stop.status == "phone_call":
        dushanbe = next((s for s in stops if s.city == "Dushanbe" and s.status == "made"), None)
        if dushanbe is None:
            return []
        tip = escape.template(f"Phone call from the Dushanbe talks: {leaders}") + _ref(stop.id)
        return [Mark("line", ((dushanbe.location.lat, dushanbe.location.lon), where), tooltip=tip,
                     popup=_popup(stop, corpus), name=escape.template(mark_name(stop, corpus)),
                     style=_style(color=STOP_STYLE["phone_call"], weight=2, dashArray="2 6"))]
    if stop.status == "origin":
        badge, cls = "M", "stop-origin"
    elif stop.status == "made":
        badge, cls = str(stop.order), "stop-made"
    else:
        badge, cls = "✕", "stop-not-made"
    if stop.id in corpus.disputed:
        cls += " flagged"
    title = {"made": f"Stop {stop.order}", "not_made": "Not visited", "origin": "Start and end"}[stop.status]
    when = format_date(stop.date, stop.date_precision) if stop.date else "no date"
    tip = (f"<b>{escape.template(title)}: {escape.template(stop.city)}</b><br>{escape.template(when)}"
           + (f"<br>{escape.template(leaders)}" if leaders else "")
           + "".join(f"<br>• {escape.template(a)}" for a in stop.agenda[:3]) + _flag(stop, corpus) + _ref(stop.id))
    return [Mark("marker", (where,), tooltip=tip, popup=_popup(stop, corpus),
                 icon=f'<div class="stop {cls}">{escape.template(badge)}</div>', icon_class="stop-icon",
                 icon_size=(26, 26), icon_anchor=(13, 13), name=escape.template(mark_name(stop, corpus)))]


def site_marks(sites: list[MilitarySite], corpus: Corpus) -> list[Mark]:
    """One marker per Russian military site, shape and colour by status."""
    marks = []
    for site in sites:
        style = SITE_STYLE[site.status]
        details = [f"status: {style['label']}"]
        if site.aircraft:
            details.append("aircraft: " + ", ".join(site.aircraft))
        if site.personnel:
            details.append("personnel: " + site.personnel)
        lines = "".join(f"<br>{escape.template(d)}" for d in details)
        flagged = " flagged" if site.id in corpus.disputed else ""
        marks.append(Mark(
            "marker", ((site.location.lat, site.location.lon),),
            tooltip=f"<b>{escape.template(site.title)}</b>{lines}" + _flag(site, corpus) + _ref(site.id),
            popup=_popup(site, corpus, extra=lines),
            icon=f'<div class="site{flagged}" data-status="{site.status}" style="color:{style["color"]}">'
                 f'{style["shape"]}</div>'
                 '<div class="site-stem"></div>',
            icon_class="site-icon", icon_size=(24, 34), icon_anchor=(1, 34), name=escape.template(mark_name(site, corpus))))
    return marks


def border_marks(borders: list[Border], borders_gdf, corpus: Corpus) -> list[Mark]:
    """The borders the articles discuss, highlighted, with their computed geodesic length."""
    by_id = {row.id: row for row in borders_gdf.itertuples()}
    # One line per border however many records discuss it: the first record speaks for it.
    firsts: dict[str, Border] = {}
    for record in borders:
        firsts.setdefault(record.geodata_id, record)
    marks = []
    for record in firsts.values():
        row = by_id.get(record.geodata_id)
        if row is None:
            continue
        tip = (f"<b>{escape.template(record.title)}</b><br>computed: {row.length_km:,.0f} km "
               f"(geodesic, {escape.template(row.resolution)})" + _flag(record, corpus) + _ref(record.id))
        primary = record.emphasis == "primary"
        name = escape.template(mark_name(record, corpus, length_km=row.length_km))
        for coords in display_lines(row.geometry.wkb):
            if primary:
                marks.append(Mark("line", coords, style=_style(**BORDER_HALO)))
            marks.append(Mark("line", coords, tooltip=tip, popup=_popup(record, corpus), style=_style(
                color=BORDER_COLOR, weight=5 if primary else 3, opacity=0.95 if primary else 0.6,
                dashArray=None if primary else "6 5"), name=name))
            name = None  # a border drawn in several pieces takes focus once
    return marks


@functools.lru_cache(maxsize=256)
def display_lines(wkb: bytes) -> tuple[tuple[tuple[float, float], ...], ...]:
    """A border as drawn: simplified (~1 km at these zooms), (lat, lon) to 4 decimals; once per geometry.

    The lengths shown beside it come from the full line.
    """
    shown = shapely.from_wkb(wkb).simplify(DISPLAY_TOLERANCE_DEG, preserve_topology=False)
    lines = shown.geoms if shown.geom_type == "MultiLineString" else [shown]
    return tuple(tuple((round(lat, 4), round(lon, 4)) for lon, lat in line.coords) for line in lines)


def membership_payload(status: dict[str, Membership], org_short: str, corpus: Corpus, on: dt.date) -> dict:
    """Style and tooltip per shaded country; the basemap applies them (no polygons per rerun)."""
    payload = {}
    periods = [r for r in corpus.records if isinstance(r, Membership)]
    for code, record in status.items():
        began = status_held_since(periods, record)
        since = format_date(began.date, began.date_precision) if began.date else "?"
        unsettled = (f'<div class="flag">⚠ unsettled: {EVIDENCE_HINT}</div>' if record.unsettled else "")
        tip = (f"<b>{escape.template(corpus.countries.get(code, code))}</b> · {escape.template(org_short)}: "
               f"{escape.template(status_label(record.status))}<br>since {escape.template(since)} (as of {escape.template(format_date(on))})"
               + unsettled + _flag(record, corpus) + _ref(record.id))
        payload[code] = {"style": {**MEMBERSHIP_STYLE[record.status.value], **MEMBERSHIP_EDGE},
                         "tooltip": tip, "status": record.status.value, "label": status_label(record.status)}
    return payload



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


def legend_html() -> str:
    """The legend's HTML, from the same style tables the layers use."""
    # data-show names what a row stands for; the map's layout script shows only the rows it draws now.
    rows = ['<div class="lg-title" data-group="status">Membership (shaded grouping)</div>']
    for status, style in MEMBERSHIP_STYLE.items():
        # The swatch is filled as the map is (colour and pattern), within a dark outline (3:1 on the legend).
        fill = f"url(#pat-{status})" if MEMBERSHIP_PATTERN[status] else style["fillColor"]
        opacity = 1 if MEMBERSHIP_PATTERN[status] else style["fillOpacity"]
        dash = ' stroke-dasharray="3 2"' if style["dashArray"] else ""
        rows.append(f'<div data-group="status" data-show="status:{status}"><svg class="sw" width="16" height="12" '
                    f'aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="15" height="11" fill="{fill}" '
                    f'fill-opacity="{opacity}" stroke="#222"{dash}/></svg>{escape.template(status_label(status))}</div>')
    rows.append('<div class="lg-note">⚠ in a tooltip: the sources disagree, or the status is unsettled</div>')
    rows.append('<div class="lg-title" data-group="tour">Tour</div>')
    rows.append('<div data-group="tour" data-show="stop:made"><span class="stop stop-made mini">1</span>stop, in order</div>')
    rows.append('<div data-group="tour" data-show="stop:not_made"><span class="stop stop-not-made mini">✕</span>'
                'announced, not made</div>')
    rows.append('<div data-group="tour" data-show="leg"><span class="ln" style="border-top:3px solid #222"></span>'
                'flight out, day and km</div>')
    rows.append('<div data-group="tour" data-show="leg"><span class="ln" style="border-top:3px dashed #222"></span>'
                'flight back</div>')
    rows.append(f'<div data-group="tour" data-show="call"><span class="ln" style="border-top:2px dotted '
                f'{STOP_STYLE["phone_call"]}"></span>phone call</div>')
    rows.append('<div class="lg-title" data-group="site">Russian military sites</div>')
    for status, style in SITE_STYLE.items():
        rows.append(f'<div data-group="site" data-show="site:{status}"><span class="sym" style="color:{style["color"]}">'
                    f'{style["shape"]}</span>{escape.template(style["label"])}</div>')
    rows.append(f'<div class="lg-title" data-group="border">Border</div><div data-group="border" data-show="border">'
                f'<span class="ln" style="border-top:4px solid {BORDER_COLOR}"></span>border the articles discuss</div>')
    return pattern_defs() + '<details><summary>Legend</summary>' + "".join(rows) + "</details>"


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


LAYER_NAMES = {"members": "Memberships", "border": "Borders", "route": "Visit route", "sites": "Russian military sites"}
LAYER_ORDER = ("members", "border", "route", "sites")
# The order a keyboard reaches each layer's marks: the stops in tour order, the sites, then the lines.
TAB_ORDER = ("route", "sites", "border", "members")


DISPLAY_TOLERANCE_DEG = 0.01
# Past this many markers a layer is drawn as counts per grid cell, so that what the
# browser receives stays bounded however large the corpus grows.
MAX_MARKERS = 150
GRID_DEG = 0.5


def layer_marks(kind: str, records: list[Annotation], corpus: Corpus, borders_gdf) -> list[Mark]:
    """The marks of one of the map's dynamic layers, from the (already filtered) records."""
    if kind == "border":
        return border_marks([r for r in records if isinstance(r, Border)], borders_gdf, corpus)
    if kind == "route":
        stops = [r for r in records if isinstance(r, VisitStop)]
        if len(stops) > MAX_MARKERS:
            return grid_marks(stops, "Visit stops")
        return route_marks(stops, corpus)
    if kind == "sites":
        sites = [r for r in records if isinstance(r, MilitarySite)]
        if len(sites) > MAX_MARKERS:
            return grid_marks(sites, "Military sites")
        return site_marks(sites, corpus)
    if kind == "members":
        return []
    raise ValueError(f"unknown layer {kind!r}")


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


def grid_cells(records: list[Annotation], deg: float = GRID_DEG) -> dict[tuple[int, int], list[Annotation]]:
    """Located records grouped by grid cell, in corpus order."""
    cells: dict[tuple[int, int], list[Annotation]] = {}
    for record in records:
        loc = getattr(record, "location", None)
        if loc is not None:
            cells.setdefault((int(loc.lat // deg), int(loc.lon // deg)), []).append(record)
    return cells


def grid_marks(records: list[Annotation], what: str) -> list[Mark]:
    """Too many markers to draw one by one: one circle per grid cell, sized by its count."""
    marks = []
    for members in grid_cells(records).values():
        lat = sum(r.location.lat for r in members) / len(members)
        lon = sum(r.location.lon for r in members) / len(members)
        names = "".join(f"<br>• {escape.template(r.title)}" for r in members[:5])
        more = f"<br>… and {len(members) - 5} more: filter to see them one by one" if len(members) > 5 else ""
        tip = f"<b>{len(members)} {escape.template(what.lower())} here</b>{names}{more}" + _ref(members[0].id)
        marks.append(Mark("circle", ((lat, lon),), tooltip=tip, style=_style(
            radius=round(min(28, 6 + 3 * len(members) ** 0.5), 1), color="#222", weight=1,
            fillColor=PALETTE["vermillion"], fillOpacity=0.6),
            name=escape.template(f"{len(members)} {what.lower()} here, the first: {members[0].title}")))
    return marks


def add_online_tiles(fmap: folium.Map, provider) -> None:
    """Optional online basemap (off by default): an xyzservices provider, under our polygons."""
    folium.TileLayer(tiles=provider.build_url(), attr=provider.html_attribution,
                     name=provider.name, max_zoom=provider.get("max_zoom", 18), opacity=0.6).add_to(fmap)
