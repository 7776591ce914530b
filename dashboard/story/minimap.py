"""Small static maps as inline SVG, drawn on the server from our own geodata (pure: no Streamlit).

The story's overview shows one per step: the same frame the interactive map flies to, the countries as it
shades them, the route, the step's marks ringed and the others faded. Nothing is fetched when the page
loads: the SVG is part of the page. Web Mercator, as Leaflet draws, so a small map looks like the big one.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import shapely

from dashboard import escape
from dashboard.corpus.model import Annotation, Border, Membership, MilitarySite, VisitStop
from dashboard.map.geo import geodesic_arc
from dashboard.map.marks import RETURN_BEND_KM, bend, route_legs
from dashboard.map.projection import MAX_LAT, lonlat_at_px, world_px, zoom0_px
from dashboard.map.style import (
    BORDER_COLOR,
    LAND_STYLE,
    MEMBERSHIP_STYLE,
    PALETTE,
    SEA_COLOR,
    SITE_STYLE,
    STOP_STYLE,
    STORY_OUTLINE,
)

# The basemap's colours, as the interactive map's (dashboard.map.style).
WATER, LAND = SEA_COLOR, LAND_STYLE["fillColor"]
# The interactive map's size the story frames its steps for (a 1280 px wide screen): a small map shows the
# area the big one shows at the step's zoom.
FRAME_PX = (640, 520)


@dataclass(frozen=True)
class Frame:
    """What a small map shows: a Web Mercator box (in world pixels at zoom 0) and its size in px."""

    west: float
    north: float
    east: float
    south: float
    width: int
    height: int

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        """A point's place on the small map, in px from its top left corner."""
        x, y = world_px(lat, lon)
        return ((x - self.west) / (self.east - self.west) * self.width,
                (y - self.north) / (self.south - self.north) * self.height)

    def lonlat_box(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) in degrees, a little beyond the frame (what to clip the geodata to)."""
        pad_x, pad_y = (self.east - self.west) * 0.1, (self.south - self.north) * 0.1
        west, north = lonlat_at_px(self.west - pad_x, self.north - pad_y)
        east, south = lonlat_at_px(self.east + pad_x, self.south + pad_y)
        return max(west, -180.0), max(south, -MAX_LAT), min(east, 180.0), min(north, MAX_LAT)


def frame_for(target: dict, width: int, height: int) -> Frame:
    """The small map's frame for a step's target ({"center", "zoom"} or {"bounds"}: dashboard.story.view.step_target)."""
    if "bounds" in target:
        (south, west), (north, east) = target["bounds"]
        x0, y0 = world_px(north, west)
        x1, y1 = world_px(south, east)
        # At most what the big map shows at zoom 7 around them (a single place would be a point), padded.
        span = max(x1 - x0, (y1 - y0) * width / height, zoom0_px(FRAME_PX[0], 7)) * 1.7
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    else:
        # Close views one zoom level further out than the big map: a small map needs the surroundings to
        # be read (wide ones stay as they are: the geodata ends at the map's region).
        cx, cy = world_px(*target["center"])
        zoom = target["zoom"] - 1 if target["zoom"] >= 6 else target["zoom"]
        span = zoom0_px(FRAME_PX[0], zoom)
    half_w, half_h = span / 2, span * height / width / 2
    return Frame(cx - half_w, cy - half_h, cx + half_w, cy + half_h, width, height)


def _path(geometry, frame: Frame) -> str:
    """SVG path data of a polygon or line geometry, in the frame's px, to a tenth of a pixel."""
    parts = []
    for part in shapely.get_parts(geometry):
        rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
        for ring in rings:
            points = [frame.xy(lat, lon) for lon, lat in ring.coords]
            if len(points) < 2:
                continue
            closed = "Z" if part.geom_type == "Polygon" else ""
            parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + closed)
    return "".join(parts)


def _clip(geometry, frame: Frame):
    west, south, east, north = frame.lonlat_box()
    # About a pixel of the small map, in degrees: finer detail cannot be seen.
    tolerance = (east - west) / frame.width
    return shapely.clip_by_rect(geometry, west, south, east, north).simplify(tolerance)


def _label(text: str, x: float, y: float, placed: list[tuple[float, float, float, float]], frame: Frame) -> str:
    """A place's name beside its mark: right, left, above or below, wherever it is inside the map and covers
    nothing placed yet."""
    width, height = 7.2 * len(text), 14
    tries = [(x + 15, y + 4, "start"), (x - 15, y + 4, "end"), (x, y - 16, "middle"), (x, y + 24, "middle")]
    for tx, ty, anchor in tries:
        left = tx if anchor == "start" else tx - width if anchor == "end" else tx - width / 2
        box = (left, ty - height + 3, left + width, ty + 3)
        inside = box[0] >= 0 and box[2] <= frame.width and box[1] >= 0 and box[3] <= frame.height
        if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            break
    placed.append(box)
    return (f'<text x="{tx:.1f}" y="{ty:.1f}" font-size="12" font-weight="600" fill="#111" text-anchor="{anchor}" '
            f'stroke="#fff" stroke-width="3" paint-order="stroke">{escape.html(text)}</text>')


def as_img(svg: str, alt: str) -> str:
    """An SVG as an <img> whose source is the SVG itself (a data: URI): pages that allow no inline SVG (Streamlit's
    st.html) show it, and nothing is fetched."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="minimap" src="data:image/svg+xml;base64,{data}" alt="{escape.html(alt)}">'


def step_svg(frame: Frame, countries, borders, records: Iterable[Annotation], marks: set[str],
             shading: dict[str, Membership], title: str, description: str,
             city: Callable[[str], str] = str) -> str:
    """A small map: countries (shaded as `shading` has them), the route, sites, borders and stops among
    `records`; the records in `marks` ringed, the others faded, each ringed stop labelled with its city's name
    as `city` gives it (names.city: in the language spoken). Every text is escaped."""
    records = list(records)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="minimap" viewBox="0 0 {frame.width} {frame.height}" '
           f'role="img" aria-label="{escape.html(title)}">',
           f"<title>{escape.html(title)}</title><desc>{escape.html(description)}</desc>",
           f'<rect width="{frame.width}" height="{frame.height}" fill="{WATER}"/>']
    for row in countries.itertuples():
        clipped = _clip(row.geometry, frame)
        if clipped.is_empty:
            continue
        member = shading.get(row.iso2)
        style = MEMBERSHIP_STYLE[member.status.value] if member else None
        ring = member is not None and member.id in marks
        fill = (f'fill="{style["fillColor"]}" fill-opacity="{style["fillOpacity"]}"' if style
                else f'fill="{LAND}"')
        stroke = f'stroke="{STORY_OUTLINE}" stroke-width="2"' if ring else 'stroke="#fff" stroke-width="0.7"'
        out.append(f'<path d="{_path(clipped, frame)}" {fill} {stroke}/>')
    drawn_borders = {r.geodata_id: r for r in records if isinstance(r, Border)}
    for row in borders.itertuples():
        record = drawn_borders.get(row.id)
        if record is None:
            continue
        clipped = _clip(row.geometry, frame)
        if not clipped.is_empty:
            on = record.id in marks
            out.append(f'<path d="{_path(clipped, frame)}" fill="none" stroke="{BORDER_COLOR}" '
                       f'stroke-width="{3.5 if on else 2}" opacity="{1 if on or not marks else 0.35}"/>')
    stops = [r for r in records if isinstance(r, VisitStop)]
    for leg in route_legs(stops):
        points = geodesic_arc(leg.start.location.lat, leg.start.location.lon,
                              leg.end.location.lat, leg.end.location.lon, n=32)
        if leg.end.status == "origin":
            points = bend(points, RETURN_BEND_KM)
        xy = [frame.xy(lat, lon) for lat, lon in points]
        dash = ' stroke-dasharray="5 3"' if leg.end.status == "origin" else ""
        out.append('<path d="M' + "L".join(f"{x:.1f} {y:.1f}" for x, y in xy) + f'" fill="none" '
                   f'stroke="{PALETTE["black"]}" stroke-width="1.5" opacity="0.7"{dash}/>')
    made = {s.city: s for s in stops if s.status == "made"}
    for call in (s for s in stops if s.status == "phone_call" and "Dushanbe" in made):
        (x0, y0), (x1, y1) = (frame.xy(made["Dushanbe"].location.lat, made["Dushanbe"].location.lon),
                              frame.xy(call.location.lat, call.location.lon))
        on = call.id in marks
        out.append(f'<path d="M{x0:.1f} {y0:.1f}L{x1:.1f} {y1:.1f}" stroke="{STOP_STYLE["phone_call"]}" '
                   f'stroke-width="{3 if on else 2}" stroke-dasharray="2 4" opacity="{1 if on or not marks else 0.4}"/>')
    for site in (r for r in records if isinstance(r, MilitarySite)):
        x, y = frame.xy(site.location.lat, site.location.lon)
        style = SITE_STYLE[site.status]
        on = site.id in marks
        if on:
            out.append(f'<circle cx="{x:.1f}" cy="{y - 6:.1f}" r="10" fill="#fff" stroke="{STORY_OUTLINE}" stroke-width="2.5"/>')
        out.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="14" text-anchor="middle" fill="{style["color"]}" '
                   f'opacity="{1 if on or not marks else 0.4}">{escape.html(style["shape"])}</text>')
    placed: list[tuple[float, float, float, float]] = []
    labels: list[str] = []
    for stop in stops:
        if stop.status == "phone_call":
            continue
        x, y = frame.xy(stop.location.lat, stop.location.lon)
        on = stop.id in marks
        badge = {"origin": "M", "made": str(stop.order), "not_made": "✕"}[stop.status]
        fill = "#fff" if stop.status != "made" else STOP_STYLE["made"]
        ink = STOP_STYLE[stop.status]  # a stop not made in the map's grey, as on the big map and in the PNG
        text = "#fff" if stop.status == "made" else ink
        faded = "" if on or not marks else ' opacity="0.4"'
        ring = f'<circle r="12" fill="#fff" stroke="{STORY_OUTLINE}" stroke-width="2.5"/>' if on else ""
        out.append(f'<g transform="translate({x:.1f} {y:.1f})"{faded}>{ring}<circle r="8" fill="{fill}" '
                   f'stroke="{ink}" stroke-width="1"/><text y="3.5" font-size="10" font-weight="700" '
                   f'text-anchor="middle" fill="{text}">{escape.html(badge)}</text></g>')
        placed.append((x - 12, y - 12, x + 12, y + 12))
        if on:
            labels.append(_label(city(stop.city), x, y, placed, frame))
    out.extend(labels)
    out.append("</svg>")
    return "".join(out)
