"""Geodata loading and geodesic helpers for the map (pure: no Streamlit imports)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyproj
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from dashboard.i18n import N_, gettext

# Marked for the catalog (N_): the About page says it in the page's language.
GEODATA_RESOLUTION: str = N_(
    "Natural Earth 1:10m admin-0 (v4.1.0, via world-atlas 2.0.2); the whole world, unclipped, every "
    "shared edge simplified once (0.009° in the region, 0.3° elsewhere), borders unsimplified"
)

COUNTRIES_FILE = "countries.geojson"
BORDERS_FILE = "borders.geojson"
COUNTRY_COLUMNS = ("iso2", "iso3", "iso_num", "name")
BORDER_COLUMNS = ("id", "a", "b", "length_km", "resolution")
BORDER_OPTIONAL = ("parts", "simplified", "length_source")

_GEOD = pyproj.Geod(ellps="WGS84")
_DENSIFY_DEG = 0.05  # ~5 km: chord error stays in the metres


class GeodataError(Exception):
    """A geodata file is missing, unreadable or lacks required columns."""


def _read(
    path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = ()
) -> gpd.GeoDataFrame:
    """Read a GeoJSON file, check its columns and return it in EPSG:4326."""
    if not path.is_file():
        raise GeodataError(gettext("geodata file not found: {path} (run geodata/build.py)").format(path=path))
    try:
        gdf = gpd.read_file(path, engine="pyogrio")
    except Exception as exc:  # pyogrio/GDAL raise several unrelated types
        raise GeodataError(gettext("cannot read geodata file {path}: {error}").format(path=path, error=exc)) from exc
    missing = [c for c in columns if c not in gdf.columns]
    if missing:
        raise GeodataError(gettext("geodata file {path} lacks columns {columns}").format(path=path, columns=missing))
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    elif gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs("EPSG:4326")
    extra = [c for c in optional if c in gdf.columns]
    return gdf[[*columns, *extra, "geometry"]]


def load_countries(geodata_dir: Path) -> gpd.GeoDataFrame:
    """Load countries.geojson: iso2, iso3, iso_num, name, geometry (EPSG:4326)."""
    gdf = _read(Path(geodata_dir) / COUNTRIES_FILE, COUNTRY_COLUMNS)
    gdf["iso_num"] = gdf["iso_num"].astype(str).str.zfill(3)
    return gdf


def polygonal(geom: BaseGeometry | None) -> BaseGeometry:
    """Only the polygons of geom: a cut along a frame's edge or a union can leave points and lines beside them
    (a GeometryCollection), which simplifiers and drawing refuse. An empty Polygon if none is left."""
    if geom is None or geom.is_empty:
        return shapely.Polygon()
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    parts = [q for p in parts for q in shapely.get_parts(p)]
    if not parts:
        return shapely.Polygon()
    return shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0]


def label_points(countries: gpd.GeoDataFrame, named: Iterable[str]) -> list[tuple[str, float, float]]:
    """(name, lat, lon) where the map writes each state's name: the states in `named` (the corpus's, as
    dashboard.corpus.codes.COUNTRY_NAMES lists them), at a point inside each. The map and the briefing file both use
    it; a world of 250 names would bury the tour's. Each name in the language spoken (names.country: Natural Earth's
    English, the CLDR's Russian)."""
    from dashboard import names
    from dashboard.corpus.codes import COUNTRY_NAMES

    shown = countries[countries["iso2"].isin(list(named))]
    points = shown.geometry.representative_point()
    # The corpus's English name means no other form: Natural Earth's name is kept, as it always was.
    spoken = {code: names.country(code) for code in shown["iso2"]}
    return [(name if spoken[code] == COUNTRY_NAMES.get(code, code) else spoken[code], float(pt.y), float(pt.x))
            for code, name, pt in zip(shown["iso2"], shown["name"], points)]


def load_borders(geodata_dir: Path) -> gpd.GeoDataFrame:
    """Load borders.geojson: id, a, b, length_km, resolution, [parts, ...], geometry."""
    gdf = _read(Path(geodata_dir) / BORDERS_FILE, BORDER_COLUMNS, BORDER_OPTIONAL)
    gdf["length_km"] = gdf["length_km"].astype(float)
    return gdf


def geodesic_length_km(geom: BaseGeometry) -> float:
    """Return the WGS84 geodesic length (polygons: perimeter) of geom in km."""
    return float(_GEOD.geometry_length(geom)) / 1000.0


def geodesic_distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the WGS84 geodesic distance between two lat/lon points in km."""
    _, _, metres = _GEOD.inv(lon1, lat1, lon2, lat2)
    return float(metres) / 1000.0


def geodesic_arc(
    lat1: float, lon1: float, lat2: float, lon2: float, n: int = 32
) -> list[tuple[float, float]]:
    """Return n (lat, lon) points along the geodesic, both endpoints included."""
    if n < 2:
        raise ValueError(f"n must be at least 2, got {n}")
    pts = _GEOD.npts(lon1, lat1, lon2, lat2, n, initial_idx=0, terminus_idx=0)
    # npts recomputes the endpoints; pin them exactly to the inputs.
    inner = [(float(lat), float(lon)) for lon, lat in pts[1:-1]]
    return [(float(lat1), float(lon1)), *inner, (float(lat2), float(lon2))]


def shared_border(
    countries_gdf: gpd.GeoDataFrame, a_iso2: str, b_iso2: str
) -> BaseGeometry:
    """Return the merged common boundary of two countries (empty if none)."""
    if a_iso2 == b_iso2:
        raise ValueError(f"need two different countries, got {a_iso2!r} twice")
    geoms = {}
    for iso2 in (a_iso2, b_iso2):
        rows = countries_gdf.loc[countries_gdf["iso2"] == iso2, "geometry"]
        if rows.empty:
            raise ValueError(f"country {iso2!r} not in the given GeoDataFrame")
        geoms[iso2] = shapely.union_all(rows.to_numpy())
    return common_lines(shapely.boundary(geoms[a_iso2]), shapely.boundary(geoms[b_iso2]))


def common_lines(a: BaseGeometry, b: BaseGeometry) -> BaseGeometry:
    """Merged line parts two linear geometries share (points where they only touch are dropped)."""
    inter = shapely.intersection(a, b)
    lines = [p for p in shapely.get_parts(inter) if p.geom_type == "LineString" and not p.is_empty]
    if not lines:
        return shapely.LineString()
    return shapely.line_merge(shapely.MultiLineString(lines))


def distance_to_geometry_km(lat: float, lon: float, geom: BaseGeometry) -> float:
    """Return the geodesic km from a point to geom's nearest point (0 if inside)."""
    if geom is None or geom.is_empty:
        raise ValueError("geometry is empty")
    # Azimuthal equidistant about the point: planar distance from the origin is
    # the geodesic one, so the planar nearest point is ~the geodesic nearest.
    # Densify first so long lon/lat segments do not become corner-cutting chords.
    geom = shapely.segmentize(geom, _DENSIFY_DEG)
    aeqd = pyproj.CRS.from_proj4(
        f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m +no_defs"
    )
    fwd = pyproj.Transformer.from_crs("EPSG:4326", aeqd, always_xy=True)
    projected = shapely.transform(
        geom, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1]))
    )
    _, nearest = nearest_points(shapely.Point(0.0, 0.0), projected)
    near_lon, near_lat = fwd.transform(nearest.x, nearest.y, direction="INVERSE")
    return geodesic_distance_km(lat, lon, near_lat, near_lon)


def country_at(countries: gpd.GeoDataFrame, lat: float, lon: float) -> str | None:
    """ISO alpha-2 code of the country polygon containing a point (degrees), if any: where a map click landed."""
    point = Point(lon, lat)
    hits = countries.sindex.query(point, predicate="within")
    return str(countries.iloc[hits[0]]["iso2"]) if len(hits) else None
