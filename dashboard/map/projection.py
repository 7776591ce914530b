"""Web Mercator as Leaflet draws it (EPSG:3857, a square world cut at about 85.05° N and S), in one place: the
downloads' frames (dashboard.downloads.snapshot), the PNG (dashboard.downloads.image) and the story's small maps
(dashboard.story.minimap) all project with these. Pure: no Streamlit.

Three units: a *share* of the world's width or height (0 to 1, from 180° W and from the top), a *world pixel*
(a world TILE_PX pixels wide at zoom 0, as Leaflet's map.project), and *metres* (EPSG:3857, through pyproj).
"""

from __future__ import annotations

import math

import numpy as np
import pyproj

# Leaflet's world: 256 px wide at zoom 0, latitudes cut where the square ends.
TILE_PX = 256
MAX_LAT = 85.0511287798
EARTH_HALF = 20037508.342789244  # the world's half-width in metres (EPSG:3857)
CRS = "EPSG:3857"  # what a GeoDataFrame is reprojected to (`to_crs(CRS)`) to be drawn as the map draws it
_TO_METRES = pyproj.Transformer.from_crs("EPSG:4326", CRS, always_xy=True)


def mercator_x(lon: float) -> float:
    """Longitude as a share of the Web Mercator world's width, 0 at 180° W."""
    return (lon + 180.0) / 360.0


def mercator_y(lat: float) -> float:
    """Latitude as a share of the Web Mercator world's height, 0 at the top (85.05° N)."""
    phi = math.radians(max(-MAX_LAT, min(MAX_LAT, lat)))
    return (1 - math.log(math.tan(phi) + 1 / math.cos(phi)) / math.pi) / 2


def inverse_mercator_x(share: float) -> float:
    """The longitude at a share of the Web Mercator world's width."""
    return share * 360 - 180


def inverse_mercator_y(share: float) -> float:
    """The latitude at a share of the Web Mercator world's height."""
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * share))))


def world_px(lat: float, lon: float, zoom: float = 0) -> tuple[float, float]:
    """(x, y) in world pixels at `zoom` from the world's top left, as Leaflet's map.project."""
    size = TILE_PX * 2 ** zoom
    return mercator_x(lon) * size, mercator_y(lat) * size


def lonlat_at_px(x: float, y: float, zoom: float = 0) -> tuple[float, float]:
    """(lon, lat) in degrees at world pixel (x, y) at `zoom`: world_px's inverse, as Leaflet's map.unproject."""
    size = TILE_PX * 2 ** zoom
    return inverse_mercator_x(x / size), inverse_mercator_y(y / size)


def zoom0_px(px: float, zoom: float) -> float:
    """A length of `px` screen pixels at `zoom`, in world pixels at zoom 0 (each level doubles the world)."""
    return px / 2 ** zoom


def ground_scale(lat: float) -> float:
    """Metres on the ground per projected metre at a latitude (Web Mercator stretches by 1 / cos(lat))."""
    return math.cos(math.radians(lat))


def to_metres(lat, lon):
    """(x, y) in EPSG:3857 metres of a point (floats) or of many (arrays of lat and of lon, degrees WGS84)."""
    return _TO_METRES.transform(lon, lat)


def line_metres(points) -> tuple[np.ndarray, np.ndarray]:
    """The x and y arrays in EPSG:3857 metres of a line given as (lat, lon) points."""
    lats, lons = np.asarray(points, dtype=float).T
    return _TO_METRES.transform(lons, lats)
