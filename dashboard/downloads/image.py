"""The map of a view as a PNG for slides and articles (issue 15), drawn by geopandas and matplotlib from our
own geodata: no browser, no screenshot. Pure: no Streamlit.

    build_map_png(snapshot, countries, borders) -> MapImage

`snapshot` is the view (dashboard.downloads.snapshot.make_snapshot); `countries` and `borders` are the geodata
(dashboard.map.geo, EPSG:4326). The image is WIDTH_PX (1920) pixels wide, drawn at SCALE (2) device pixels per
CSS pixel, so that a line the map draws 3 px wide is 6 pixels here: sharp on a high-DPI screen or a
projector. It holds the title, what is shaded on which day, the filters, the map, its legend (only what is
drawn), a scale bar, the attribution, when it was made from which corpus, and the dashboard link.

It matches the map: Web Mercator as Leaflet draws it; the same marks (dashboard.map.marks: the lines with their
styles, the legs' arcs and labels, the stops and sites by the same style tables, marks grouped per grid cell
past marks.MAX_MARKERS); the same colours (dashboard.map.style: nothing is restated here);
the reader's frame. The frame is kept whole: where its shape differs from the image's map area (between
MIN_ASPECT and MAX_ASPECT, height over width), it is widened on the short side about its centre, never cut.

Text from the corpus is drawn as plain text (matplotlib's math parsing is off for every string).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import geopandas as gpd
import matplotlib
import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Rectangle

from dashboard import names
from dashboard.corpus.model import MilitarySite, VisitStop
from dashboard.downloads.licences import ATTRIBUTION
from dashboard.downloads.snapshot import Extent, Snapshot, country_name, format_day, number, sentence
from dashboard.i18n import gettext
from dashboard.i18n import gettext as _
from dashboard.labels import LEGEND_SECTIONS, LEGEND_TITLE
from dashboard.map.geo import polygonal
from dashboard.map.legend import Entry, legend_entries
from dashboard.map.marks import MAX_MARKERS, draw_leg, layer_marks, route_legs
from dashboard.map.projection import (
    CRS,
    ground_scale,
    inverse_mercator_x,
    inverse_mercator_y,
    line_metres,
    mercator_x,
    mercator_y,
    to_metres,
)
from dashboard.map.style import (
    INK,
    LAND_STYLE,
    MEMBERSHIP_EDGE,
    MEMBERSHIP_PATTERN,
    MEMBERSHIP_STYLE,
    PALETTE,
    ROUTE_COLOR,
    SEA_COLOR,
    SITE_STYLE,
    STOP_STYLE,
)
from dashboard.query.filter_panel import DATE_LABEL

WIDTH_PX = 1920
SCALE = 2  # device pixels per CSS pixel
CSS_WIDTH = WIDTH_PX // SCALE  # the layout below is in CSS pixels
PT = 0.75  # one CSS pixel in points (96 CSS px to the inch)
LEAFLET_EARTH_KM = 6371.0  # L.CRS.Earth.R, the sphere Leaflet's map.distance measures on
# The map's fill patterns (style.MEMBERSHIP_PATTERN) as matplotlib hatches, drawn in the map's dark grey.
MPL_HATCH = {"vertical": "||", "horizontal": "--", "grid": "++", "rising": "//", "falling": "\\\\", "cross": "xx",
             "dots": "..", "rings": "oo"}
HATCH_COLOR = to_rgba(PALETTE["black"], 0.7)  # the map's hatching: style.pattern_defs
MIN_ASPECT, MAX_ASPECT = 0.55, 1.0
MARGIN = 20
HEADER = 92  # with one line of filters; each further line adds FILTER_LINE
FILTER_LINE = 15
FILTER_SIZE = 11.5 * PT
MAX_FILTER_LINES = 4
FOOTER = 66
MAP_WIDTH = 664
LEGEND_LEFT = MARGIN + MAP_WIDTH + 20
SELECTED_RING = PALETTE["vermillion"]
SITE_MARKERS = {"■": "s", "◆": "D", "▲": "^", "✕": "X"}
FONT = "DejaVu Sans"


@dataclass(frozen=True)
class MapImage:
    """The PNG, and where its map is: `box` in image pixels (left, top, right, bottom), `extent` the frame
    drawn in it (the view's, widened to the box's shape)."""

    png: bytes
    width: int
    height: int
    box: tuple[float, float, float, float]
    extent: Extent
    legend: tuple[str, ...] = ()  # the legend's rows, in order, as written


def fitted_extent(extent: Extent, aspect: float) -> Extent:
    """The frame widened about its centre (in Web Mercator) to height/width = aspect; never narrowed."""
    x0, x1 = mercator_x(extent.west), mercator_x(extent.east)
    y0, y1 = mercator_y(extent.north), mercator_y(extent.south)  # y grows southward
    width, height = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if height / width < aspect:
        height = width * aspect
    else:
        width = height / aspect
    return Extent(inverse_mercator_y(min(1.0, cy + height / 2)), max(-180.0, inverse_mercator_x(cx - width / 2)),
                  inverse_mercator_y(max(0.0, cy - height / 2)), min(180.0, inverse_mercator_x(cx + width / 2)))


def _dashes(pattern: str | None, width_pt: float):
    """A Leaflet dashArray ('6 4', CSS px) as matplotlib's linestyle (its dashes are in line widths)."""
    if not pattern:
        return "solid"
    return (0, tuple(float(v) * PT / max(width_pt, 0.1) for v in pattern.split()))


class _Painter:
    """Draws one snapshot on one figure, in CSS pixels laid out from the top left."""

    def __init__(self, snapshot: Snapshot, countries, borders):
        self.s = snapshot
        self.countries = countries
        self.borders = borders
        self.shown: set[str] = set()  # what is drawn, as the legend's rows name it (legend.Entry.show)
        self.obstacles: list = []  # display boxes of marks and labels drawn (country names keep off them)
        self.placed: list[tuple[float, float, float]] = []  # (x, y, radius) in display pixels: stops and sites

    # --- layout ---------------------------------------------------------------------------------------------
    def layout(self) -> None:
        e = self.s.extent
        aspect = (mercator_y(e.south) - mercator_y(e.north)) / (mercator_x(e.east) - mercator_x(e.west))
        self.aspect = min(MAX_ASPECT, max(MIN_ASPECT, aspect))
        self.extent = fitted_extent(e, self.aspect)
        self.map_h = MAP_WIDTH * self.aspect
        self.filter_lines = wrap_words(self._filters_line(), (CSS_WIDTH - 2 * MARGIN) * SCALE, _measure(FILTER_SIZE),
                                       MAX_FILTER_LINES)
        self.top = HEADER + FILTER_LINE * (len(self.filter_lines) - 1)  # the map's top edge
        self.css_h = math.ceil(self.top + self.map_h + FOOTER)
        self.fig = Figure(figsize=(CSS_WIDTH / 96, self.css_h / 96), dpi=96 * SCALE, facecolor="white")
        FigureCanvasAgg(self.fig)
        top = self.top / self.css_h
        self.ax = self.fig.add_axes((MARGIN / CSS_WIDTH, 1 - top - self.map_h / self.css_h,
                                     MAP_WIDTH / CSS_WIDTH, self.map_h / self.css_h))
        x0, y0 = to_metres(self.extent.south, self.extent.west)
        x1, y1 = to_metres(self.extent.north, self.extent.east)
        self.ax.set_xlim(x0, x1)
        self.ax.set_ylim(y0, y1)
        self.ax.set_facecolor(SEA_COLOR)
        self.ax.set_xticks([])
        self.ax.set_yticks([])
        for spine in self.ax.spines.values():
            spine.set_edgecolor(INK["frame"])
            spine.set_linewidth(PT)
        self.metres_per_px = (x1 - x0) / MAP_WIDTH

    def text(self, x: float, y: float, value: str, **kwargs):
        """Figure text at CSS pixel (x, y) from the top left; never parsed as math."""
        kwargs.setdefault("family", FONT)
        return self.fig.text(x / CSS_WIDTH, 1 - y / self.css_h, value, parse_math=False, **kwargs)

    def fit(self, artist, smallest: float = 0.6) -> None:
        """A line of the header within the image's width: its font made smaller (down to `smallest` of its size),
        then its words cut with "…" (a story step's long title ran off the image's edge)."""
        room = (CSS_WIDTH - 2 * MARGIN) * SCALE  # device pixels
        renderer = self.fig.canvas.get_renderer()
        size = artist.get_fontsize()
        while artist.get_window_extent(renderer).width > room and artist.get_fontsize() > size * smallest:
            artist.set_fontsize(artist.get_fontsize() * 0.95)
        text = artist.get_text()
        while artist.get_window_extent(renderer).width > room and len(text) > 10:
            text = text[: int(len(text) * 0.95)].rstrip()
            artist.set_text(text + " …")

    def map_text(self, lat: float, lon: float, value: str, **kwargs):
        kwargs.setdefault("family", FONT)
        x, y = to_metres(lat, lon)
        return self.ax.text(x, y, value, parse_math=False, clip_on=True, **kwargs)

    # --- the map ---------------------------------------------------------------------------------------------
    def basemap(self) -> None:
        padded = self.extent.padded(0.1)
        frame = shapely.box(padded.west, padded.south, padded.east, padded.north)
        # Polygons only: a state cut along the frame's edge can leave a point or a line beside its shape.
        geoms = np.array([polygonal(g) for g in shapely.intersection(self.countries.geometry.to_numpy(), frame)])
        # About half an image pixel at this frame: finer detail would not show.
        tolerance = max(0.0, (padded.east - padded.west) / (MAP_WIDTH * SCALE) / 2)
        if tolerance > 0.01:
            geoms = shapely.coverage_simplify(geoms, tolerance)
        shapes = gpd.GeoDataFrame({"iso2": self.countries["iso2"].to_numpy()}, geometry=geoms, crs="EPSG:4326")
        shapes = shapes[~shapes.geometry.is_empty].to_crs(CRS)
        status = self.s.status if "members" in self.s.layers else {}
        land = shapes[~shapes["iso2"].isin(list(status))]
        if len(land):
            land.plot(ax=self.ax, facecolor=LAND_STYLE["fillColor"], edgecolor=LAND_STYLE["color"],
                      linewidth=LAND_STYLE["weight"] * PT, zorder=1)
        by_status: dict[str, list[str]] = {}
        for code, record in status.items():
            by_status.setdefault(record.status.value, []).append(code)
        for value, codes in by_status.items():
            style = MEMBERSHIP_STYLE[value]
            part = shapes[shapes["iso2"].isin(codes)]
            if not len(part):
                continue
            self.shown |= {f"status:{value}", "status:outside"}
            width = MEMBERSHIP_EDGE["weight"] * PT
            part.plot(ax=self.ax, facecolor=to_rgba(style["fillColor"], style["fillOpacity"]),
                      edgecolor=MEMBERSHIP_EDGE["color"], linewidth=width,
                      linestyle=_dashes(style["dashArray"], width), zorder=2)
            if MEMBERSHIP_PATTERN[value]:
                part.plot(ax=self.ax, facecolor="none", edgecolor=HATCH_COLOR, linewidth=0,
                          hatch=MPL_HATCH[MEMBERSHIP_PATTERN[value]], zorder=2)

    def labels(self) -> None:
        """Country names (drawn last-but-one: a name that would cover a mark or a label is left out, as on the map)."""
        self.ax.set_xlabel("")
        self.ax.set_ylabel("")
        inner = self.extent.padded(-0.04)
        frame = shapely.box(inner.west, inner.south, inner.east, inner.north)
        halo = [patheffects.withStroke(linewidth=3 * PT, foreground="white")]
        renderer = self.fig.canvas.get_renderer()
        for iso2, name, shape in zip(self.countries["iso2"], self.countries["name"], self.countries.geometry):
            name = country_name(iso2, name)
            # The map names a country at its middle; where that is off the frame or taken, the image names the
            # part it shows, if that part is large enough to carry a name.
            seen = shapely.intersection(shape, frame)
            if seen.is_empty or seen.area < 0.03 * frame.area:
                continue
            for point in (shape.representative_point(), seen.representative_point(), seen.centroid):
                if not inner.contains(point.y, point.x) or not seen.contains(point):
                    continue
                label = self.map_text(point.y, point.x, name, fontsize=11 * PT, color=INK["label"], ha="center",
                                      va="center", zorder=3, path_effects=halo)
                box = label.get_window_extent(renderer)
                if not any(box.overlaps(other) for other in self.obstacles):
                    self.obstacles.append(box)
                    break
                label.remove()

    def lines(self, marks) -> None:
        """The layer's lines (and grid circles) as the map draws them, from their own styles."""
        for mark in marks:
            style = dict(mark.style)
            if mark.shape == "line":
                width = float(style.get("weight", 3)) * PT
                xs, ys = line_metres(mark.points)
                self.ax.plot(xs, ys, color=style.get("color", ROUTE_COLOR), alpha=float(style.get("opacity", 1.0)),
                             linewidth=width, linestyle=_dashes(style.get("dashArray"), width),
                             solid_capstyle="round", zorder=4)
                if style.get("className"):  # what the line is (marks.py): its legend row
                    self.shown.add(str(style["className"]))
            elif mark.shape == "circle":
                x, y = to_metres(*mark.points[0])
                radius = float(style.get("radius", 8)) * self.metres_per_px
                self.ax.add_patch(Circle((x, y), radius, facecolor=to_rgba(style.get("fillColor"),
                                                                          style.get("fillOpacity", 0.6)),
                                         edgecolor=style.get("color", PALETTE["black"]), linewidth=style.get("weight", 1) * PT,
                                         zorder=6))
                self.shown.add("grid")

    def route(self, records) -> None:
        stops = [r for r in records if isinstance(r, VisitStop)]
        marks = layer_marks("route", records, self.s.corpus, self.borders)
        self.lines([m for m in marks if m.shape in ("line", "circle")])
        if len(stops) > MAX_MARKERS:
            return
        renderer = self.fig.canvas.get_renderer()
        for leg in route_legs(stops):
            drawn = draw_leg(leg)
            at = drawn.points.index(drawn.arrow_at)
            tail, tip = to_metres(*drawn.points[max(at - 1, 0)]), to_metres(*drawn.points[at])
            self.ax.annotate("", xy=tip, xytext=tail, annotation_clip=True, zorder=5,
                             arrowprops={"arrowstyle": "-|>", "color": ROUTE_COLOR, "mutation_scale": 30 * PT,
                                         "lw": 0, "shrinkA": 0, "shrinkB": 0})
            label = (_("{when} · {km} km").format(when=drawn.when, km=number(leg.km)) if drawn.when
                     else _("{km} km").format(km=number(leg.km)))
            text = self.ax.annotate(label, tip, xytext=(10, -6), textcoords="offset points", fontsize=11 * PT,
                                    family=FONT, color=PALETTE["black"], zorder=5, annotation_clip=True, parse_math=False,
                                    bbox={"boxstyle": "round,pad=0.2", "facecolor": (1, 1, 1, 0.85),
                                          "edgecolor": "none"})
            if text.get_visible():
                self.obstacles.append(text.get_window_extent(renderer))
        for stop in stops:
            self.stop(stop)
        self.edge_mark(stops)

    def _ring(self, x: float, y: float, radius_px: float) -> None:
        self.shown.add("selected")
        self.ax.add_patch(Circle((x, y), radius_px * self.metres_per_px, facecolor="none", edgecolor=SELECTED_RING,
                                 linewidth=3 * PT, zorder=9))

    def _flag(self, x: float, y: float) -> None:
        """The '!' badge of a record whose sources disagree (as the map's .flagged)."""
        self.shown.add("flag")
        dx = 11 * self.metres_per_px
        self.ax.add_patch(Circle((x + dx, y + dx), 6 * self.metres_per_px, facecolor=PALETTE["orange"],
                                 edgecolor="white", linewidth=PT, zorder=9))
        self.ax.text(x + dx, y + dx, "!", fontsize=9 * PT, fontweight="bold", ha="center", va="center",
                     family=FONT, zorder=10, parse_math=False)

    def stop(self, stop: VisitStop) -> None:
        if stop.status == "phone_call":
            return
        x, y = to_metres(stop.location.lat, stop.location.lon)
        if not self.extent.contains(stop.location.lat, stop.location.lon):
            return
        made = stop.status == "made"
        face, ink = (STOP_STYLE["made"], "white") if made else ("white", STOP_STYLE[stop.status])
        badge = {"made": str(stop.order), "origin": "M"}.get(stop.status, "✕")
        self.shown.add(f"stop:{stop.status}")
        r = 12 * self.metres_per_px
        self.ax.add_patch(Circle((x, y), r, facecolor=face, edgecolor="white", linewidth=2 * PT, zorder=7))
        self.ax.add_patch(Circle((x, y), r + 1.5 * self.metres_per_px, facecolor="none", edgecolor=STOP_STYLE[
            stop.status], linewidth=PT, linestyle="solid" if stop.status != "not_made" else (0, (3, 2)), zorder=7))
        self.ax.text(x, y, badge, fontsize=13 * PT, fontweight="bold", color=ink, ha="center", va="center_baseline",
                     family=FONT, zorder=8, parse_math=False)
        if stop.id in self.s.corpus.disputed:
            self._flag(x, y)
        if stop.id in self.highlight:
            self._ring(x, y, 17)
        self._occupy(x, y, 14)

    def _display(self, x: float, y: float) -> tuple[float, float]:
        return tuple(self.ax.transData.transform((x, y)))

    def _occupy(self, x: float, y: float, radius_px: float) -> None:
        """A mark of radius_px (CSS) at map metres (x, y): later marks and names keep off it."""
        from matplotlib.transforms import Bbox

        dx, dy = self._display(x, y)
        r = radius_px * SCALE
        self.placed.append((dx, dy, r))
        self.obstacles.append(Bbox([[dx - r, dy - r], [dx + r, dy + r]]))

    def _free_spot(self, x: float, y: float, radius_px: float) -> tuple[float, float]:
        """Where a mark at (x, y) can go without covering a placed one: there, or moved aside (map metres)."""
        dx, dy = self._display(x, y)
        r = radius_px * SCALE

        def clear(px: float, py: float) -> bool:
            return all(math.hypot(px - qx, py - qy) >= r + qr for qx, qy, qr in self.placed)

        if clear(dx, dy):
            return x, y
        for angle in (45, 135, -45, -135, 90, -90, 0, 180):
            for reach in (2.4, 3.4):
                px = dx + reach * r * math.cos(math.radians(angle))
                py = dy + reach * r * math.sin(math.radians(angle))
                if clear(px, py):
                    return tuple(self.ax.transData.inverted().transform((px, py)))
        return x, y

    def edge_mark(self, stops: list[VisitStop]) -> None:
        """The route's start, when it is off the frame: a badge on the edge toward it, with its distance."""
        origin = next((s for s in stops if s.status == "origin"), None)
        if origin is None or self.extent.contains(origin.location.lat, origin.location.lon):
            return
        (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
        ox, oy = to_metres(origin.location.lat, origin.location.lon)
        # In the map's own fractions (0..1): toward the start from the middle, to just inside the edge.
        fx, fy = (ox - x0) / (x1 - x0) - 0.5, (oy - y0) / (y1 - y0) - 0.5
        t = min(0.46 / abs(fx or 1e-9), 0.46 / abs(fy or 1e-9))
        ex, ey = 0.5 + fx * t, 0.5 + fy * t
        lat, lon = self.s.extent.center
        km = edge_distance_km(lat, lon, origin.location.lat, origin.location.lon)
        ha = "left" if ex < 0.3 else "right" if ex > 0.7 else "center"
        va = "bottom" if ey < 0.3 else "top" if ey > 0.7 else "center"
        badge = self.ax.annotate(
            edge_label(names.city(origin.city, self.s.corpus), km), xy=(0.5 + fx * t * 1.08, 0.5 + fy * t * 1.08), xycoords="axes fraction",
            xytext=(ex, ey), textcoords="axes fraction", ha=ha, va=va, fontsize=12 * PT, fontweight="bold",
            family=FONT, parse_math=False, zorder=10, annotation_clip=False,
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": PALETTE["black"]},
            arrowprops={"arrowstyle": "-|>", "color": PALETTE["black"], "lw": 1.5 * PT})
        self.obstacles.append(badge.get_window_extent(self.fig.canvas.get_renderer()))

    def sites(self, records) -> None:
        sites = [r for r in records if isinstance(r, MilitarySite)]
        if len(sites) > MAX_MARKERS:
            self.lines(layer_marks("sites", records, self.s.corpus, self.borders))
            return
        for site in sites:
            if not self.extent.contains(site.location.lat, site.location.lon):
                continue
            style = SITE_STYLE[site.status]
            self.shown.add(f"site:{site.status}")
            x0, y0 = to_metres(site.location.lat, site.location.lon)
            x, y = self._free_spot(x0, y0, 10)
            if (x, y) != (x0, y0):
                # Moved aside, as the map does: a short leader line to where it is.
                self.ax.plot([x0, x], [y0, y], color=INK["leader"], linewidth=1.5 * PT, zorder=6)
                self.ax.plot([x0], [y0], marker="o", markersize=4 * PT, color=INK["leader"], zorder=6)
            self.ax.plot([x], [y], marker=SITE_MARKERS[style["shape"]], markersize=15 * PT, color=style["color"],
                         markeredgecolor="white", markeredgewidth=1.5 * PT, zorder=7)
            if site.id in self.s.corpus.disputed:
                self._flag(x, y)
            if site.id in self.highlight:
                self._ring(x, y, 14)
            self._occupy(x, y, 10)

    def scale_bar(self) -> None:
        """A bar of a round number of km at the frame's middle latitude, at the map's foot."""
        lat = self.s.extent.center[0]
        km_per_px = self.metres_per_px * ground_scale(lat) / 1000
        target = km_per_px * 120
        step = 10 ** math.floor(math.log10(target))
        km = max(s for s in (step, 2 * step, 5 * step) if s <= target)
        px = km / km_per_px
        left, bottom = MARGIN + 12, self.top + self.map_h - 14
        self.fig.add_artist(Rectangle((left / CSS_WIDTH, 1 - bottom / self.css_h), px / CSS_WIDTH, 4 / self.css_h,
                                      facecolor=PALETTE["black"], edgecolor="white", linewidth=PT, zorder=20))
        self.text(left, bottom - 8, _("{km} km").format(km=number(km)), fontsize=11 * PT, color=PALETTE["black"],
                  path_effects=[patheffects.withStroke(linewidth=3 * PT, foreground="white")], zorder=20)

    # --- around the map --------------------------------------------------------------------------------------
    def _filters_line(self) -> str:
        """The filters' rows as list_filters names them, in the language spoken: those the header leaves out."""
        s = self.s
        said = {_(DATE_LABEL), _("Countries shaded by"), _("Other filters"), _("Layers")}
        chosen = [f"{k}: {v}" for k, v in s.filters if k not in said]
        layers = dict(s.filters).get(_("Layers"), "")
        return " · ".join([*(chosen or [_("No filter: every record of the corpus")]),
                           _("Layers: {layers}").format(layers=layers)])

    def header(self) -> None:
        s = self.s
        self.fit(self.text(MARGIN, 16, s.title, fontsize=22 * PT, fontweight="bold", va="top", color=INK["text"]))
        self.fit(self.text(MARGIN, 46, s.subtitle, fontsize=14 * PT, va="top", color=INK["text"]))
        for k, line in enumerate(self.filter_lines):
            self.text(MARGIN, 68 + k * FILTER_LINE, line, fontsize=FILTER_SIZE, va="top", color=INK["muted"])

    def legend(self) -> None:
        """The legend's rows (dashboard.map.legend) for what this image draws, in the legend's order."""
        x, y = LEGEND_LEFT, self.top
        self.text(x, y, gettext(LEGEND_TITLE), fontsize=14 * PT, fontweight="bold", va="top")
        y += 26
        section = None
        for entry in legend_entries():
            if "image" not in entry.where or entry.show not in self.shown:
                continue
            if entry.section != section:
                if section is not None:
                    y += 6
                section = entry.section
                if section in LEGEND_SECTIONS:
                    # The image knows the grouping and the day it shades (the map's legend shows any).
                    title = (_("{org} membership, {day}").format(org=self.s.org_short, day=format_day(self.s.as_of))
                             if section == "status" else LEGEND_SECTIONS[section])
                    self.text(x, y, title, fontsize=11.5 * PT, fontweight="bold", va="top")
                    y += 19
            self.legend_rows.append(entry.words)
            self._swatch(entry, x, y + 7)
            self.text(x + 30, y, entry.words, fontsize=11.5 * PT, va="top")
            y += 19

    def _swatch(self, entry: Entry, px: float, py: float) -> None:
        """A legend row's swatch at CSS pixel (px, py): its left edge and its middle."""
        if entry.swatch == "fill":
            where = ((px / CSS_WIDTH, 1 - (py + 6) / self.css_h), 18 / CSS_WIDTH, 12 / self.css_h)
            self.fig.add_artist(Rectangle(*where, facecolor=to_rgba(entry.color, entry.opacity),
                                          edgecolor=PALETTE["black"], linewidth=PT, linestyle=_dashes(entry.dash, PT)))
            if entry.pattern:
                self.fig.add_artist(Rectangle(*where, facecolor="none", edgecolor=HATCH_COLOR, linewidth=0,
                                              hatch=MPL_HATCH[entry.pattern]))
        elif entry.swatch == "line":
            self.fig.add_artist(Line2D([px / CSS_WIDTH, (px + 22) / CSS_WIDTH], [1 - py / self.css_h] * 2,
                                       color=entry.color, linewidth=entry.width * PT,
                                       linestyle=_dashes(entry.dash, entry.width * PT)))
        else:
            shape = SITE_MARKERS[entry.symbol] if entry.swatch == "site" else "o"
            face = "white" if entry.show == "stop:not_made" else entry.face or entry.color
            self.fig.add_artist(Line2D([(px + 10) / CSS_WIDTH], [1 - py / self.css_h], marker=shape,
                                       markersize=entry.size * PT, color=entry.color, markerfacecolor=face,
                                       linestyle="none"))

    def footer(self) -> None:
        s = self.s
        top = self.top + self.map_h + 10
        self.text(MARGIN, top, _("Made {made} from the dashboard's corpus version {version}; drawn with geopandas and "
                                 "matplotlib.").format(made=s.made_text, version=s.corpus.version),
                  fontsize=10.5 * PT, va="top", color=INK["muted"])
        self.text(MARGIN, top + 17, _(ATTRIBUTION) + ".", fontsize=10.5 * PT, va="top", color=INK["muted"])
        if s.link:
            link = s.link if len(s.link) <= 140 else s.link[:137] + "…"
            self.text(MARGIN, top + 35, link, fontsize=10.5 * PT, va="top", color=INK["link"], family="DejaVu Sans Mono")

    def paint(self) -> MapImage:
        self.layout()
        s = self.s
        self.highlight = {*([s.view.selected] if s.selected else []), *s.featured}
        self.legend_rows: list[str] = []
        records = list(s.records)
        self.basemap()
        if "border" in s.layers:
            self.lines(layer_marks("border", records, s.corpus, self.borders))
        if "route" in s.layers:
            self.route(records)
        if "sites" in s.layers:
            self.sites(records)
        self.labels()
        self.scale_bar()
        self.header()
        self.legend()
        self.footer()
        out = io.BytesIO()
        metadata = {"Title": s.title, "Description": sentence(s.subtitle) + " " + "; ".join(f"{k}: {v}" for k, v in s.filters),
                    "Copyright": _(ATTRIBUTION), "Software": f"matplotlib {matplotlib.__version__}, geopandas",
                    "Source": s.link or "", "Creation Time": s.made.isoformat(),
                    # Where the map is, for whoever places the image: the frame drawn, and the reader's within it.
                    "Frame": _frame_text(self.extent), "View": _frame_text(s.extent)}
        self.fig.savefig(out, format="png", dpi=96 * SCALE, metadata=metadata)
        width, height = round(CSS_WIDTH * SCALE), round(self.css_h * SCALE)
        box = (MARGIN * SCALE, self.top * SCALE, (MARGIN + MAP_WIDTH) * SCALE, (self.top + self.map_h) * SCALE)
        return MapImage(out.getvalue(), width, height, box, self.extent, tuple(self.legend_rows))


def _measure(size: float):
    """The width of a line of the header's font at `size` points, in the image's device pixels."""
    renderer = RendererAgg(1, 1, 96 * SCALE)
    font = FontProperties(family=FONT, size=size)
    return lambda text: renderer.get_text_width_height_descent(text, font, ismath=False)[0]


def wrap_words(text: str, room: float, measure, most: int) -> list[str]:
    """`text` in lines no wider than `room` by `measure`, broken between words (Russian's filters ran off the image's
    edge in one line); past `most` lines the last ends with "…"."""
    lines: list[str] = []
    for word in text.replace(" · ", "\u00a0· ").split(" "):  # a line ends with its "·", the next starts with a word
        word = word.replace("\u00a0", " ")
        if lines and measure(lines[-1] + " " + word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        last = " ".join(lines[most - 1:])
        while len(last) > 1 and measure(last + " …") > room:
            last = last[:-1].rstrip()
        lines = [*lines[:most - 1], last + " …"]
    return lines


def edge_distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The edge badge's distance, measured as the dashboard's map measures it (Leaflet's `map.distance`:
    a great circle on a sphere of 6,371 km), so that the PNG, the map and the briefing say the same km."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * LEAFLET_EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def edge_label(city: str, km: float) -> str:
    """The edge badge's words, as static/app/map-layout.js writes them (its two lines, by the map's words: leaflet.py
    map_words' "edge" and "edgeFrom"): what it measures, and from where (`city` as the caller names it: names.city)."""
    badge = _("M {city} {km} km").format(city=city, km=number(math.floor(km + 0.5)))  # rounded as Math.round does
    return badge + " " + _("from the map's centre")


def _frame_text(extent: Extent) -> str:
    return (f"south {extent.south:.5f}, west {extent.west:.5f}, north {extent.north:.5f}, east {extent.east:.5f} "
            "(degrees, WGS84; drawn in Web Mercator)")


def build_map_png(snapshot: Snapshot, countries, borders) -> MapImage:
    """The view as a PNG (WIDTH_PX wide, at SCALE×), with its title, legend, date, attribution and link."""
    return _Painter(snapshot, countries, borders).paint()


def pixel_of(image: MapImage, lat: float, lon: float) -> tuple[int, int]:
    """Where a point falls in the image (x, y pixels from the top left), by the frame it was drawn with."""
    left, top, right, bottom = image.box
    e = image.extent
    fx = (mercator_x(lon) - mercator_x(e.west)) / (mercator_x(e.east) - mercator_x(e.west))
    fy = (mercator_y(lat) - mercator_y(e.north)) / (mercator_y(e.south) - mercator_y(e.north))
    return round(left + fx * (right - left)), round(top + fy * (bottom - top))
