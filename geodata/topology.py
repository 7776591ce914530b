"""TopoJSON decoding and per-arc simplification: the world's countries with shared edges kept shared.

A TopoJSON topology stores each boundary once, as an arc that both neighbours reference. Simplifying
arcs, not polygons, keeps neighbours' edges identical whatever tolerance each country gets: an arc is
simplified once, at the finest tolerance of the countries that use it, and both sides read the same
points. This is how TopoJSON's own toposimplify and mapshaper work; here it is a few plain functions on
shapely so that geodata/build.py can give the map's region 1:10m detail and the rest of the world less.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely import affinity

MERCATOR_MAX_LAT = 85.0511287798  # Web Mercator's edge: atan(sinh(pi)) in degrees


@dataclass(frozen=True)
class Unit:
    """One geometry of the topology's object: its id (ISO numeric, or None), name and polygons as arc lists."""

    id: str | None
    name: str
    polygons: tuple[tuple[tuple[int, ...], ...], ...]


def decode_arcs(topology: Mapping[str, Any]) -> list[np.ndarray]:
    """Absolute (lon, lat) coordinates of every arc: delta-decoded and un-quantised. Shapes (n, 2)."""
    transform = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        a = np.asarray(arc, dtype=float)
        if transform:
            a = np.cumsum(a, axis=0)
            a = a * np.asarray(transform["scale"]) + np.asarray(transform["translate"])
        out.append(a)
    return out


def read_units(topology: Mapping[str, Any], layer: str) -> list[Unit]:
    """The layer's geometries as Units; null geometries are skipped, other types refused (ValueError)."""
    units = []
    for g in topology["objects"][layer]["geometries"]:
        kind = g.get("type")
        if kind is None:
            continue
        if kind == "Polygon":
            polys = (g["arcs"],)
        elif kind == "MultiPolygon":
            polys = g["arcs"]
        else:
            raise ValueError(f"{layer}: geometry {g.get('id')!r} is a {kind}, expected polygons")
        name = (g.get("properties") or {}).get("name", "")
        units.append(Unit(g.get("id"), name, tuple(tuple(tuple(r) for r in p) for p in polys)))
    return units


def arc_detail(arcs: list[np.ndarray], region: tuple[float, float, float, float],
               fine: tuple[float, int], coarse: tuple[float, int],
               small_arcs: frozenset[int] = frozenset(), small: tuple[float, int] = (0.0, 4)) -> list[tuple[float, int]]:
    """Per arc, (tolerance in degrees, decimals): `small` for the arcs of a small state (so that Bahrain or
    the Vatican keep their shape), `fine` for an arc that reaches into the region box (min lon, min lat,
    max lon, max lat), `coarse` elsewhere. An arc is one shared edge, so both neighbours get the same
    detail along it."""
    x0, y0, x1, y1 = region
    out = []
    for i, a in enumerate(arcs):
        inside = (a[:, 0] >= x0) & (a[:, 0] <= x1) & (a[:, 1] >= y0) & (a[:, 1] <= y1)
        out.append(small if i in small_arcs else fine if inside.any() else coarse)
    return out


def unit_arcs(unit: Unit) -> frozenset[int]:
    """The indices of the arcs a unit uses."""
    return frozenset(i if i >= 0 else ~i for poly in unit.polygons for ring in poly for i in ring)


def _unwrap(a: np.ndarray) -> np.ndarray:
    """Longitudes made continuous along a line (a jump of more than 180 degrees is a crossing of 180)."""
    dx = np.diff(a[:, 0])
    if np.abs(dx).max(initial=0.0) <= 180.0:
        return a
    step = np.where(dx > 180.0, -360.0, np.where(dx < -180.0, 360.0, 0.0))
    out = a.copy()
    out[1:, 0] += np.cumsum(step)
    return out


def simplify_arcs(arcs: list[np.ndarray], detail: list[tuple[float, int]], end_decimals: int) -> list[np.ndarray]:
    """Douglas–Peucker on each arc at its own tolerance (degrees), its inner points rounded to its own
    decimals and its two ends (the junctions other arcs share) to `end_decimals`, so that junctions stay
    shared. A closed arc (an island's whole ring) keeps at least four points, so it stays a ring."""
    out = []
    for a, (tol, decimals) in zip(arcs, detail, strict=True):
        s = _simplify(a, tol)
        r = np.round(s, decimals) + 0.0
        r[0], r[-1] = np.round(s[0], end_decimals) + 0.0, np.round(s[-1], end_decimals) + 0.0
        out.append(_dedupe(r))
    return out


def _dedupe(a: np.ndarray) -> np.ndarray:
    """Drop a point equal to the one before it (rounding can make two)."""
    if len(a) < 2:
        return a
    keep = np.concatenate([[True], np.any(np.diff(a, axis=0) != 0, axis=1)])
    keep[-1] = True
    return a[keep]


def _simplify(a: np.ndarray, tol: float) -> np.ndarray:
    """One arc, Douglas–Peucker in continuous longitudes; both ends kept bit for bit."""
    if tol <= 0 or len(a) <= 2:
        return a
    cuts = np.nonzero(np.abs(np.diff(a[:, 0])) > 180.0)[0]
    if len(cuts):
        # Across 180: each side on its own, so the points where Natural Earth cuts the shape stay.
        pieces = np.split(a, cuts + 1)
        return np.concatenate([_simplify(p, tol) if len(p) > 2 else p for p in pieces])
    u = a
    s = np.asarray(shapely.simplify(shapely.LineString(u), tol, preserve_topology=False).coords)
    if np.allclose(u[0], u[-1]) and len(s) < 4:
        # A small island: its first point, the point farthest from it and the point farthest from that
        # chord keep it a triangle.
        far = int(np.argmax(np.hypot(*(u - u[0]).T)))
        d, v = u[far] - u[0], u - u[0]
        side = np.abs(d[0] * v[:, 1] - d[1] * v[:, 0])  # twice the triangle's area
        keep = sorted({0, far, int(np.argmax(side)), len(u) - 1})
        s = u[keep]
    # Stored as the source stores it, within -180..180; a ring is made continuous when it is assembled.
    s = s.copy()
    s[:, 0] = np.where(s[:, 0] > 180.0, s[:, 0] - 360.0, np.where(s[:, 0] < -180.0, s[:, 0] + 360.0, s[:, 0]))
    s[0], s[-1] = a[0], a[-1]
    return s


def ring_coords(ring: tuple[int, ...], arcs: list[np.ndarray]) -> np.ndarray:
    """A ring's coordinates from its arc indices (~i is arc i reversed); each arc's first point is dropped
    after the first arc, as TopoJSON's arcs share their ends. Longitudes continuous across 180."""
    parts = []
    end = None
    for k, i in enumerate(ring):
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        if end is not None:
            # An arc stored on the other side of 180 from where the ring reached: shift it whole.
            a = a + np.array([360.0 * round((end[0] - a[0, 0]) / 360.0), 0.0])
        parts.append(a if k == 0 else a[1:])
        end = parts[-1][-1] if len(parts[-1]) else end
    ring = np.concatenate(parts)
    unwrapped = _unwrap(ring)
    if abs(unwrapped[-1, 0] - unwrapped[0, 0]) < 1e-6:
        return unwrapped
    # A ring around a pole (Antarctica) does not close when unwrapped: it is closed along the edge of
    # the Web Mercator world, below the coast, so that it is one band of land and not a line across.
    edge = -MERCATOR_MAX_LAT if unwrapped[:, 1].mean() < 0 else MERCATOR_MAX_LAT
    body = unwrapped[:-1] if np.allclose(unwrapped[-1, 1], unwrapped[0, 1]) else unwrapped
    return np.concatenate([body, [[body[-1, 0], edge], [body[0, 0], edge], body[0]]])


def unit_geometry(unit: Unit, arcs: list[np.ndarray],
                  min_area: Callable[[shapely.Polygon], float] | None = None,
                  keep_arcs: frozenset[int] = frozenset()) -> shapely.Geometry:
    """A unit's (Multi)Polygon from arcs, repaired where simplification made a ring cross itself.

    `min_area(polygon)` (square degrees) drops a part smaller than it, unless it is the unit's largest or
    uses an arc in `keep_arcs` (an edge shared with another state), so that a country of small islands
    is still drawn while the thousands of islets of a long coast are not.
    """
    polys = []
    for poly in unit.polygons:
        rings = [ring_coords(r, arcs) for r in poly]
        rings = [r for r in rings if len(r) >= 4]
        if not rings:
            continue
        # A ring that crossed 180 may have been unwrapped whole to the far side: bring it back.
        shift = -360.0 * round(float(np.mean(rings[0][:, 0])) / 360.0)
        rings = [r + np.array([shift, 0.0]) for r in rings]
        uses = frozenset(i if i >= 0 else ~i for ring in poly for i in ring)
        polys.append((shapely.Polygon(rings[0], rings[1:]), bool(uses & keep_arcs)))
    if min_area is not None and len(polys) > 1:
        largest = max(polys, key=lambda p: p[0].area)[0]
        polys = [(p, k) for p, k in polys if p is largest or k or p.area >= min_area(p)]
    shapes = [p for p, _k in polys if not p.is_empty]
    geom = shapely.MultiPolygon(shapes) if len(shapes) != 1 else shapes[0]
    if not geom.is_valid:
        fixed = shapely.make_valid(geom, method="structure", keep_collapsed=False)
        parts = [p for p in shapely.get_parts(fixed) if p.geom_type == "Polygon"]
        geom = shapely.union_all(parts)
    return geom


def shift_to_mass(geom: shapely.Geometry) -> shapely.Geometry:
    """Put every part of a country on the side of 180 degrees where its largest part lies.

    Russia's Chukotka is drawn east of 180 (longitudes above 180) beside the rest of Russia, Fiji and New
    Zealand's Chatham Islands likewise; the Aleutians west of 180 go below -180, beside Alaska.
    """
    parts = list(shapely.get_parts(geom))
    if len(parts) < 2:
        return geom
    minx, _miny, maxx, _maxy = geom.bounds
    if maxx - minx >= 300.0 and geom.centroid.y < -60.0:
        return geom  # around the South Pole (Antarctica): already whole
    main = max(parts, key=lambda p: p.area)
    cx = main.centroid.x
    moved = []
    for p in parts:
        dx = 0.0
        px = p.centroid.x
        if px - cx > 180.0:
            dx = -360.0
        elif cx - px > 180.0:
            dx = 360.0
        moved.append(affinity.translate(p, dx) if dx else p)
    # Natural Earth cuts a country at 180 degrees; once its halves sit side by side they are one shape.
    return shapely.union_all(moved) if any(not shapely.equals(a, b) for a, b in zip(parts, moved)) else geom
