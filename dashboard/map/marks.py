"""The map's marks from records: pure geometry and words (what each mark is, where, its tooltip and popup).

    layer_marks(kind, records, corpus, borders_gdf) -> list[Mark]

A Mark is one thing drawn on a dynamic layer, in (lat, lon) degrees (WGS84), its HTML already escaped
(`escape.template`: the same text reaches folium's Jinja templates and JavaScript). The map
(dashboard.map.leaflet), the briefing file and the PNG draw the same marks. Lengths are geodesic on the
WGS84 ellipsoid (dashboard.map.geo). Pure: no folium, no Streamlit.

The marks' words are said in the language of the run (dashboard/i18n.py): ours through the catalog, names through
dashboard/names.py; the records' own titles, quotes, leaders and agendas stay as the corpus writes them, and on a
Russian page their English is marked lang="en". Each layer's marks are built per language (ui/cached.py keys them).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import string
from dataclasses import dataclass

import shapely

from dashboard import escape, i18n, names
from dashboard.corpus.memberships import status_held_since, status_label
from dashboard.corpus.model import Annotation, Border, Membership, MilitarySite, VisitStop
from dashboard.corpus.records import Corpus
from dashboard.i18n import N_, format_number, gettext
from dashboard.labels import KIND_LABELS, LAYER_LABELS, SITE_STATUS_LABELS
from dashboard.map.describe import day_forms, mark_name, shown_date
from dashboard.map.geo import geodesic_arc, geodesic_distance_km
from dashboard.map.style import (
    BORDER_HALO,
    BORDER_MINOR,
    LINE_STYLE,
    MEMBERSHIP_EDGE,
    MEMBERSHIP_STYLE,
    PALETTE,
    SITE_STYLE,
)

# Where a flag in a tooltip sends the reader (the briefing file, which has no panel, says its own): English, as
# marked for the catalog; a tooltip says evidence_hint(), in the language of the run.
EVIDENCE_HINT = N_("see the evidence panel")
# The return leg (Bishkek -> Moscow) runs beside the outbound one (Moscow -> Almaty): it is bent this far
# to the other side at its middle, so that the two are told apart.
RETURN_BEND_KM = 170.0
# A record's id in a tooltip, where the map's scripts read it (map-marks.js, map-basemap.js, the files'): an
# attribute, so that the words a reader sees around it may be in any language.
REF_PATTERN = re.compile(r'data-ref="([a-z0-9][a-z0-9-]*)"')
# The same id as a reader sees it, "ref: <id>" in the page's language (marked for the catalog).
REF_LABEL = N_("ref: {ref}")
DISPLAY_TOLERANCE_DEG = 0.01
# Past this many markers a layer is drawn as counts per grid cell, so that what the
# browser receives stays bounded however large the corpus grows.
MAX_MARKERS = 150
GRID_DEG = 0.5


def _ref(record_id: str) -> str:
    rid = escape.template(record_id)
    return f'<div class="ref" data-ref="{rid}">{escape.template(gettext(REF_LABEL).format(ref=record_id))}</div>'


@functools.cache
def _ref_labels(langs: tuple[str, ...]) -> re.Pattern:
    # Each language's "ref: {ref}" with the id as its group: a clicked mark's tooltip comes back from st_folium as
    # its text only (textContent), in the language its map was drawn in.
    forms = []
    for lang in langs:
        with i18n.override(lang):
            forms.append(re.escape(gettext(REF_LABEL)).replace(re.escape("{ref}"), "([a-z0-9][a-z0-9-]*)"))
    return re.compile("|".join(dict.fromkeys(forms)))


def evidence_hint() -> str:
    """Where a flag in a tooltip sends the reader, in the language of the run, as a tooltip holds it (escaped)."""
    return escape.template(gettext(EVIDENCE_HINT))


def _theirs(text: object) -> str:
    """Text of the corpus (a title, a quote, a leader, a name without a Russian form) in a tooltip or a popup:
    escaped for the templates; on a Russian page its English runs are marked lang="en" (escape.with_lang)."""
    return escape.with_lang(text, escape.template) if i18n.active() == "ru" else escape.template(text)


def _said(message: str, **fields: object) -> str:
    """A message of ours (already translated) as a tooltip's HTML: its words escaped for the templates, each
    {field} put in as given (the caller escaped it)."""
    out = []
    for literal, field, _spec, _conversion in string.Formatter().parse(message):
        out.append(escape.template(literal))
        if field is not None:
            out.append(str(fields[field]))
    return "".join(out)


def _flag(record: Annotation, corpus: Corpus) -> str:
    """A visible warning on records whose sources disagree."""
    if record.id not in corpus.disputed:
        return ""
    said = _said(gettext("⚠ sources disagree: {hint}"), hint=evidence_hint())
    return f'<div class="flag">{said}</div>'


def record_id_from_tooltip(text: str | None) -> str | None:
    """The record id a clicked feature's tooltip carries, if any: its HTML's data-ref, or in its text (as st_folium
    sends it back) the label "ref: <id>" in any of the languages."""
    match = REF_PATTERN.search(text or "") or _ref_labels(i18n.languages()).search(text or "")
    return next((g for g in match.groups() if g), None) if match else None


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
    body = f"<b>{_theirs(record.title)}</b>{extra}"
    if quote:
        source = corpus.sources[record.excerpts[0].source].label
        body += f'<blockquote>“{_theirs(quote)}”</blockquote><div class="src">— {_theirs(source)}</div>'
    elif record.references:
        context = _said(gettext("Context: {title}"), title=_theirs(record.references[0].title))
        body += f'<div class="src">{context}</div>'
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


def _line_style(kind: str, **overrides) -> tuple[tuple[str, object], ...]:
    """A line's path options from style.LINE_STYLE, with its class (what the legend shows it as)."""
    return _style(**{**LINE_STYLE[kind], **overrides, "className": kind})


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
    when = day_and_month(day) if day else ""  # '27 Feb'
    # The labels of the two long legs sit at different points along them, so they do not meet.
    point, angle = _bearing_arrow(points, 0.62 if returning else 0.4)
    return LegDrawing(leg, tuple(points), returning, when, point, angle)


def day_and_month(day: dt.date) -> str:
    """A day without its year, as a leg's label says it: '27 Feb', '27 февр.'."""
    return i18n.format_day_month(day)


def route_marks(stops: list[VisitStop], corpus: Corpus) -> list[Mark]:
    """Geodesic legs with their direction, day and km (the return leg bent beside the outbound one),
    numbered stops, stops not made, and the phone call."""
    marks: list[Mark] = []
    for leg in route_legs(stops):
        drawn = draw_leg(leg)
        when = drawn.when
        fields = {"start": _theirs(names.city(leg.start.city, corpus)), "end": _theirs(names.city(leg.end.city, corpus)),
                  "day": escape.template(when), "km": escape.template(format_number(leg.km))}
        label = _said(gettext("{start} → {end}, {day}: {km} km (geodesic, WGS84)") if when
                      else gettext("{start} → {end}: {km} km (geodesic, WGS84)"), **fields)
        marks.append(Mark("line", drawn.points, tooltip=label,
                          style=_line_style("line-back" if drawn.returning else "line-out")))
        km = _said(gettext("{day} · {km} km") if when else gettext("{km} km"), **fields)
        marks.append(Mark(
            "marker", (drawn.arrow_at,), tooltip=label,
            icon=f'<div class="leg-arrow" style="transform: rotate({drawn.heading - 90:.0f}deg)">➤</div>'
                 f'<div class="leg-km">{km}</div>',
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
        tip = _said(gettext("Phone call from the {city} talks: {leaders}"),
                    city=_theirs(names.city("Dushanbe", corpus)), leaders=_theirs(leaders)) + _ref(stop.id)
        return [Mark("line", ((dushanbe.location.lat, dushanbe.location.lon), where), tooltip=tip,
                     popup=_popup(stop, corpus), name=escape.template(mark_name(stop, corpus)),
                     style=_line_style("line-call"))]
    if stop.status == "origin":
        badge, cls = "M", "stop-origin"
    elif stop.status == "made":
        badge, cls = str(stop.order), "stop-made"
    else:
        badge, cls = "✕", "stop-not-made"
    if stop.id in corpus.disputed:
        cls += " flagged"
    title = {"made": gettext("Stop {n}: {city}"), "not_made": gettext("Not visited: {city}"),
             "origin": gettext("Start and end: {city}")}[stop.status]
    when = shown_date(stop.date, stop.date_precision) if stop.date else gettext("no date")
    heading = _said(title, n=escape.template(stop.order), city=_theirs(names.city(stop.city, corpus)))
    tip = (f"<b>{heading}</b><br>{escape.template(when)}"
           + (f"<br>{_theirs(leaders)}" if leaders else "")
           + "".join(f"<br>• {_theirs(a)}" for a in stop.agenda[:3]) + _flag(stop, corpus) + _ref(stop.id))
    return [Mark("marker", (where,), tooltip=tip, popup=_popup(stop, corpus),
                 icon=f'<div class="stop {cls}">{escape.template(badge)}</div>', icon_class="stop-icon",
                 icon_size=(26, 26), icon_anchor=(13, 13), name=escape.template(mark_name(stop, corpus)))]


def site_marks(sites: list[MilitarySite], corpus: Corpus) -> list[Mark]:
    """One marker per Russian military site, shape and colour by status."""
    marks = []
    for site in sites:
        style = SITE_STYLE[site.status]
        details = [_said(gettext("status: {status}"), status=escape.template(SITE_STATUS_LABELS[site.status]))]
        if site.aircraft:
            details.append(_said(gettext("aircraft: {aircraft}"), aircraft=_theirs(", ".join(site.aircraft))))
        if site.personnel:
            details.append(_said(gettext("personnel: {personnel}"), personnel=_theirs(site.personnel)))
        lines = "".join(f"<br>{d}" for d in details)
        flagged = " flagged" if site.id in corpus.disputed else ""
        marks.append(Mark(
            "marker", ((site.location.lat, site.location.lon),),
            tooltip=f"<b>{_theirs(site.title)}</b>{lines}" + _flag(site, corpus) + _ref(site.id),
            popup=_popup(site, corpus, extra=lines),
            icon=f'<div class="site{flagged}" data-status="{site.status}" style="color:{style["color"]}">'
                 f'{style["shape"]}</div>'
                 '<div class="site-stem"></div>',
            icon_class="site-icon", icon_size=(24, 34), icon_anchor=(1, 34), name=escape.template(mark_name(site, corpus))))
    return marks


def border_lines(borders: list[Border]) -> list[Border]:
    """The records the map draws a border line for, in the records' order: one per border however many records
    discuss it, the first record speaking for it (its tooltip, popup and name)."""
    firsts: dict[str, Border] = {}
    for record in borders:
        firsts.setdefault(record.geodata_id, record)
    return list(firsts.values())


def border_marks(borders: list[Border], borders_gdf, corpus: Corpus) -> list[Mark]:
    """The borders the articles discuss, highlighted, with their computed geodesic length."""
    by_id = {row.id: row for row in borders_gdf.itertuples()}
    marks = []
    for record in border_lines(borders):
        row = by_id.get(record.geodata_id)
        if row is None:
            continue
        computed = _said(gettext("computed: {km} km (geodesic, {resolution})"),
                         km=escape.template(format_number(row.length_km)), resolution=_theirs(row.resolution))
        tip = f"<b>{_theirs(record.title)}</b><br>{computed}" + _flag(record, corpus) + _ref(record.id)
        primary = record.emphasis == "primary"
        name = escape.template(mark_name(record, corpus, length_km=row.length_km))
        for coords in display_lines(row.geometry.wkb):
            if primary:
                marks.append(Mark("line", coords, style=_style(**BORDER_HALO)))
            marks.append(Mark("line", coords, tooltip=tip, popup=_popup(record, corpus),
                              style=_line_style("line-border", **({} if primary else BORDER_MINOR)), name=name))
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


def _membership_tip(record: Membership, periods: list[Membership], org_short: str, corpus: Corpus) -> tuple[str, str]:
    """A shaded country's tooltip on both sides of its day, which goes between them: "(as of 27 Feb 2017)"."""
    began = status_held_since(periods, record)
    since = shown_date(began.date, began.date_precision) if began.date else "?"
    unsettled = _said(gettext("⚠ unsettled: {hint}"), hint=evidence_hint()) if record.unsettled else ""
    unsettled = f'<div class="flag">{unsettled}</div>' if unsettled else ""
    # The day goes between the two halves of the second line (the browser's time strip puts in any other day).
    held = _said(gettext("since {since} (as of {day})"), since=escape.template(since), day="\0")
    held_before, held_after = held.split("\0")
    before = (f"<b>{_theirs(names.country(record.country, corpus))}</b> · "
              f"{_theirs(org_short)}: {escape.template(status_label(record.status))}<br>{held_before}")
    return before, held_after + unsettled + _flag(record, corpus) + _ref(record.id)


def _membership_style(status: str) -> dict:
    return {**MEMBERSHIP_STYLE[status], **MEMBERSHIP_EDGE}


def membership_payload(status: dict[str, Membership], org_short: str, corpus: Corpus, on: dt.date) -> dict:
    """Style and tooltip per shaded country; the basemap applies them (no polygons per rerun)."""
    payload = {}
    periods = [r for r in corpus.records if isinstance(r, Membership)]
    for code, record in status.items():
        before, after = _membership_tip(record, periods, org_short, corpus)
        payload[code] = {"style": _membership_style(record.status.value),
                         "tooltip": before + escape.template(shown_date(on)) + after,
                         "status": record.status.value, "label": status_label(record.status)}
    return payload


def membership_timeline(records: list[Membership], org: str, org_short: str, corpus: Corpus) -> dict:
    """Every period of one grouping's memberships (the filtered ones), so that the browser shades any day as
    membership_payload would, without the server (static/app/map-time.js): periods as [country, first day,
    day it ended ('' while it holds), status, the tooltip before and after its day], each status's style and
    words, and how a day is written in the language of the run: its months' abbreviations and the order of its parts
    (describe.day_forms: 'monthsShort' and 'dayShort', as shown_date writes a day)."""
    periods = [r for r in corpus.records if isinstance(r, Membership)]
    rows, styles, labels = [], {}, {}
    for record in records:
        if record.organization != org:
            continue
        status = record.status.value
        before, after = _membership_tip(record, periods, org_short, corpus)
        rows.append([record.country, record.date.isoformat() if record.date else "",
                     record.date_end.isoformat() if record.date_end else "", status, before, after])
        styles[status], labels[status] = _membership_style(status), status_label(record.status)
    forms = day_forms()
    return {"periods": rows, "styles": styles, "labels": labels, "months": forms["monthsShort"],
            "day": forms["dayShort"]}


def layer_marks(kind: str, records: list[Annotation], corpus: Corpus, borders_gdf) -> list[Mark]:
    """The marks of one of the map's dynamic layers, from the (already filtered) records."""
    if kind == "border":
        return border_marks([r for r in records if isinstance(r, Border)], borders_gdf, corpus)
    if kind == "route":
        stops = [r for r in records if isinstance(r, VisitStop)]
        if len(stops) > MAX_MARKERS:
            return grid_marks(stops, KIND_LABELS["visit_stop"])
        return route_marks(stops, corpus)
    if kind == "sites":
        sites = [r for r in records if isinstance(r, MilitarySite)]
        if len(sites) > MAX_MARKERS:
            return grid_marks(sites, LAYER_LABELS["sites"])
        return site_marks(sites, corpus)
    if kind == "members":
        return []
    raise ValueError(f"unknown layer {kind!r}")



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
        titles = "".join(f"<br>• {_theirs(r.title)}" for r in members[:5])
        more = ("<br>" + _said(gettext("… and {n} more: filter to see them one by one"), n=len(members) - 5)
                if len(members) > 5 else "")
        here = _said(gettext("{n} {what} here"), n=len(members), what=escape.template(what.lower()))
        tip = f"<b>{here}</b>{titles}{more}" + _ref(members[0].id)
        marks.append(Mark("circle", ((lat, lon),), tooltip=tip, style=_style(
            radius=round(min(28, 6 + 3 * len(members) ** 0.5), 1), color=PALETTE["black"], weight=1,
            fillColor=PALETTE["vermillion"], fillOpacity=0.6),
            name=escape.template(gettext("{n} {what} here, the first: {title}").format(
                n=len(members), what=what.lower(), title=members[0].title))))
    return marks

