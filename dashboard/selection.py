"""Pure: which feature a click on the map landed on."""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import Point


def country_at(countries: gpd.GeoDataFrame, lat: float, lon: float) -> str | None:
    """ISO alpha-2 code of the country polygon containing a point, if any."""
    point = Point(lon, lat)
    hits = countries.sindex.query(point, predicate="within")
    return str(countries.iloc[hits[0]]["iso2"]) if len(hits) else None
