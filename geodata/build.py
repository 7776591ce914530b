"""Build the dashboard's country polygons and shared borders from Natural Earth 1:10m.

Run from the repo root: ``.venv/bin/python geodata/build.py``. The input is the npm
package world-atlas@2.0.2 (Natural Earth 4.1.0 admin-0 as TopoJSON), fetched with
``npm pack`` into geodata/.cache/ and checked against its pinned npm integrity.
Outputs: countries.geojson, borders.geojson, SOURCES.json, SOURCES.md.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import hashlib
import json
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pyogrio
import pyproj
import shapely
from shapely.geometry import box, mapping

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import topology as topology_mod  # noqa: E402  (geodata/topology.py, beside this file)

from dashboard.map.geo import common_lines, polygonal  # noqa: E402  (one definition of each)

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = HERE / ".cache"

PACKAGE = "world-atlas"
VERSION = "2.0.2"
NATURAL_EARTH_VERSION = "4.1.0"
TARBALL = f"{PACKAGE}-{VERSION}.tgz"
INTEGRITY = (
    "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/"
    "MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
)
MEMBER = "package/countries-10m.json"
LAYER = "countries"

# The whole world, every Natural Earth unit, unclipped. Detail per shared edge (TopoJSON arc, see
# geodata/topology.py): (Douglas-Peucker tolerance in degrees, decimals kept).
# Fine inside the region the tour crossed (min lon, min lat, max lon, max lat): the map's first view
# and where it zooms in; coarse elsewhere, for the world at zoom 2-5.
DETAIL_REGION = (46.0, 29.0, 88.0, 56.0)
DETAIL_FINE = (0.009, 3)  # ~1 km, ~110 m
DETAIL_COARSE = (0.3, 2)  # ~33 km, ~1.1 km: a few pixels at zoom 4
# A state smaller than this (square degrees) keeps its shape: Bahrain, Qatar, Singapore, the Maldives.
SMALL_STATE_AREA = 1.0
DETAIL_SMALL = (0.01, 3)
TINY_STATE_AREA = 0.01  # ... and one smaller than this keeps every point the source has
DETAIL_TINY = (0.0, 4)
# An arc that would cross its neighbour's once simplified gets the next of these, pass after pass.
DETAIL_STEPS = ((0.08, 2), DETAIL_FINE, (0.002, 4))
# An island smaller than this (square degrees) is left out unless it is its state's largest part or
# shares an edge with another state: the islets of Canada's or Norway's coasts, not Bahrain.
ISLAND_MIN_AREA_REGION = 0.002
ISLAND_MIN_AREA = 0.5
COUNTRY_DECIMALS = 4  # the grid every junction lies on
# The browser downloads the file before the map's first paint: no more than the 18-country box took.
COUNTRIES_MAX_BYTES = 433_000
# Natural Earth units without an ISO 3166-1 number that are drawn as land with no code of their own
# (so no grouping shades them): de facto states and disputed or uninhabited territories.
UNCODED_UNITS = (
    "Somaliland", "Kosovo", "N. Cyprus", "Cyprus U.N. Buffer Zone", "Siachen Glacier", "Dhekelia",
    "Akrotiri", "Indian Ocean Ter.", "Coral Sea Is.", "Spratly Is.", "Clipperton I.", "Bajo Nuevo Bank",
    "Serranilla Bank", "Scarborough Reef",
)
# Units whose 1:10m outline is degenerate once quantised (a ring of three collinear points): not drawn.
DEGENERATE_UNITS = ("Vatican",)
BORDER_DECIMALS = 5  # ~1 m; the source grid is 0.0036 x 0.0017 degrees
# Above this the border file would be stored simplified for display.
BORDER_MAX_BYTES = 400_000

RESOLUTION = f"Natural Earth 1:10m (world-atlas {VERSION}), unsimplified"

# The region's countries: their ids and names are checked against the source, and their shared borders
# measured. iso2, iso3, ISO 3166-1 numeric (= world-atlas id), English short name (= NE name).
COUNTRIES: list[tuple[str, str, str, str]] = [
    ("KZ", "KAZ", "398", "Kazakhstan"),
    ("KG", "KGZ", "417", "Kyrgyzstan"),
    ("TJ", "TJK", "762", "Tajikistan"),
    ("UZ", "UZB", "860", "Uzbekistan"),
    ("TM", "TKM", "795", "Turkmenistan"),
    ("AF", "AFG", "004", "Afghanistan"),
    ("CN", "CHN", "156", "China"),
    ("IR", "IRN", "364", "Iran"),
    ("PK", "PAK", "586", "Pakistan"),
    ("IN", "IND", "356", "India"),
    ("MN", "MNG", "496", "Mongolia"),
    ("RU", "RUS", "643", "Russia"),
    ("AM", "ARM", "051", "Armenia"),
    ("BY", "BLR", "112", "Belarus"),
    ("AZ", "AZE", "031", "Azerbaijan"),
    ("GE", "GEO", "268", "Georgia"),
    ("MD", "MDA", "498", "Moldova"),
    ("UA", "UKR", "804", "Ukraine"),
]

# NE units without an ISO id (ISO_N3 = -99) that we fold into a country: the
# Baikonur lease area is Kazakh territory, otherwise it is a hole in Kazakhstan; the Guantanamo Bay
# naval base is leased Cuban territory likewise.
MERGE_UNNUMBERED = {"Baikonur": "KZ", "USNB Guantanamo Bay": "CU"}

BORDER_PAIRS: list[tuple[str, str]] = [
    ("TJ", "AF"),
    ("UZ", "AF"),
    ("TM", "AF"),
    ("KG", "TJ"),
    ("KG", "KZ"),
    ("KG", "UZ"),
    ("TJ", "UZ"),
    ("KZ", "RU"),
    ("KZ", "UZ"),
    ("KZ", "TM"),
    ("KZ", "CN"),
    ("TJ", "CN"),
    ("KG", "CN"),
    ("AF", "PK"),
]

OUTPUT_FILES = ("countries.geojson", "borders.geojson")


class BuildError(RuntimeError):
    """A check in the build failed."""


# --------------------------------------------------------------------------- input


def sri_sha512(data: bytes) -> str:
    """Return the npm/SRI form ``sha512-<base64>`` of data."""
    digest = hashlib.sha512(data).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def fetch_tarball(cache_dir: Path) -> bytes:
    """Return the verified world-atlas tarball, running ``npm pack`` if not cached."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / TARBALL
    if not path.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise BuildError("npm not found on PATH; it is needed to fetch world-atlas")
        cmd = [
            npm,
            "pack",
            f"{PACKAGE}@{VERSION}",
            "--pack-destination",
            str(cache_dir),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0 or not path.exists():
            raise BuildError(
                f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}"
            )
    data = path.read_bytes()
    got = sri_sha512(data)
    if got != INTEGRITY:
        raise BuildError(
            f"INTEGRITY MISMATCH for {path}:\n"
            f"  expected {INTEGRITY}\n  got      {got}\n"
            "Refusing to build. If it is a bad download, delete it and rerun."
        )
    return data


def extract_member(tarball: Path, dest: Path) -> bytes:
    """Extract countries-10m.json from the tarball to dest and return its bytes."""
    with tarfile.open(tarball, "r:gz") as tar:
        fh = tar.extractfile(MEMBER)
        if fh is None:
            raise BuildError(f"{MEMBER} missing from {tarball}")
        data = fh.read()
    dest.write_bytes(data)
    return data


# ---------------------------------------------------------------------- geometry


def unwrap_ring(coords: np.ndarray) -> np.ndarray:
    """Make a ring's longitudes continuous across the antimeridian (adds exact 360s)."""
    dx = np.diff(coords[:, 0])
    if np.abs(dx).max(initial=0.0) <= 180.0:
        return coords
    step = np.where(dx > 180.0, -360.0, np.where(dx < -180.0, 360.0, 0.0))
    offset = np.concatenate([[0.0], np.cumsum(step)])
    offset -= offset.min()
    out = coords.copy()
    # Leave untouched vertices bit-identical so shared arcs still match neighbours.
    out[:, 0] = np.where(offset != 0.0, coords[:, 0] + offset, coords[:, 0])
    return out


def unwrap_antimeridian(geom: shapely.Geometry) -> shapely.Geometry:
    """Return geom with every ring unwrapped (only Russia's Chukotka/Wrangel change)."""
    polys = []
    for poly in shapely.get_parts(geom):
        shell = unwrap_ring(np.asarray(poly.exterior.coords))
        holes = [unwrap_ring(np.asarray(r.coords)) for r in poly.interiors]
        polys.append(shapely.Polygon(shell, holes))
    return shapely.MultiPolygon(polys) if len(polys) > 1 else polys[0]


def make_valid_polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Repair quantisation self-intersections, keeping a polygonal result."""
    if geom.is_valid:
        return geom
    return polygonal(shapely.make_valid(geom, method="structure", keep_collapsed=False))


def rings(geom: shapely.Geometry) -> shapely.MultiLineString:
    """All rings of a (possibly invalid) polygonal geometry as linework."""
    out = []
    for poly in shapely.get_parts(geom):
        out.append(shapely.LineString(poly.exterior.coords))
        out.extend(shapely.LineString(r.coords) for r in poly.interiors)
    return shapely.MultiLineString(out)


def shared_lines(a: shapely.Geometry, b: shapely.Geometry) -> shapely.Geometry:
    """Return the merged common linework of two polygons' rings (no tripoints)."""
    return common_lines(rings(a), rings(b))


def round_coords(obj: Any, ndigits: int) -> Any:
    """Round every number in a GeoJSON coordinates structure."""
    if isinstance(obj, (list, tuple)):
        return [round_coords(x, ndigits) for x in obj]
    value = round(float(obj), ndigits)
    return 0.0 if value == 0 else value  # avoid "-0.0"


def geometry_json(geom: shapely.Geometry, ndigits: int) -> dict[str, Any]:
    """GeoJSON geometry dict with rounded coordinates."""
    m = mapping(geom)
    return {"type": m["type"], "coordinates": round_coords(m["coordinates"], ndigits)}


def feature_collection_text(features: list[dict[str, Any]]) -> str:
    """Serialise features one per line so rebuilds diff well and hash stably."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


# -------------------------------------------------------------------------- build


def load_source(path: Path) -> dict[str, shapely.Geometry]:
    """Decode the TopoJSON with GDAL and return full-resolution geometry per iso2."""
    gdf = gpd.read_file(path, layer=LAYER, engine="pyogrio")
    if "id" not in gdf.columns or "name" not in gdf.columns:
        raise BuildError(
            f"{path}: layer {LAYER!r} lacks id/name columns: {list(gdf.columns)}"
        )
    ids = gdf["id"].astype("string")
    full: dict[str, shapely.Geometry] = {}
    for iso2, _iso3, num, name in COUNTRIES:
        rows = gdf[ids == num]
        if len(rows) != 1:
            raise BuildError(
                f"{path}: expected one feature with id {num} ({iso2}), got {len(rows)}"
            )
        if rows["name"].iloc[0] != name:
            raise BuildError(
                f"{path}: id {num} is {rows['name'].iloc[0]!r}, expected {name!r}"
            )
        full[iso2] = unwrap_antimeridian(rows.geometry.iloc[0])
    for unit, iso2 in MERGE_UNNUMBERED.items():
        if iso2 not in full:
            continue  # borders are measured for the region's countries only
        rows = gdf[(gdf["name"] == unit) & ids.isna()]
        if len(rows) != 1:
            raise BuildError(
                f"{path}: expected one id-less feature named {unit!r}, got {len(rows)}"
            )
        merged = shapely.union(make_valid_polygonal(full[iso2]), rows.geometry.iloc[0])
        full[iso2] = polygonal(merged)
    return full


def world_units(topology: dict[str, Any]) -> list[dict[str, Any]]:
    """Every drawn unit of the topology: iso2, iso3, iso_num, name and its Units (one or more).

    ISO codes come from pycountry (the ISO 3166-1 tables) by the source's numeric id; a unit listed in
    MERGE_UNNUMBERED joins its country, one in UNCODED_UNITS is drawn with empty codes, and any other
    id-less unit stops the build, so that nothing is dropped unseen.
    """
    import pycountry  # build-time only (dev dependency)

    from dashboard.corpus.codes import COUNTRY_NAMES

    by_key: dict[str, dict[str, Any]] = {}
    uncoded = set(UNCODED_UNITS)
    merges = []
    for unit in topology_mod.read_units(topology, LAYER):
        if unit.name in DEGENERATE_UNITS:
            continue
        if unit.id is None:
            if unit.name in MERGE_UNNUMBERED:
                merges.append(unit)
                continue
            if unit.name not in uncoded:
                raise BuildError(f"id-less unit {unit.name!r} is neither merged nor listed in UNCODED_UNITS")
            uncoded.discard(unit.name)
            by_key[unit.name] = {"iso2": "", "iso3": "", "iso_num": "", "name": unit.name, "units": [unit]}
            continue
        country = pycountry.countries.get(numeric=unit.id)
        if country is None:
            raise BuildError(f"ISO 3166-1 numeric {unit.id} ({unit.name}) is unknown to pycountry")
        iso2 = country.alpha_2
        if iso2 in by_key:  # Australia and the Ashmore and Cartier Islands share 036
            by_key[iso2]["units"].append(unit)
            continue
        by_key[iso2] = {"iso2": iso2, "iso3": country.alpha_3, "iso_num": unit.id,
                        "name": COUNTRY_NAMES.get(iso2, unit.name), "units": [unit]}
    for unit in merges:
        key = MERGE_UNNUMBERED[unit.name]
        if key not in by_key:
            raise BuildError(f"{unit.name} is to join {key}, which the source lacks")
        by_key[key]["units"].append(unit)
    if uncoded:
        raise BuildError(f"units listed in UNCODED_UNITS are missing from the source: {sorted(uncoded)}")
    for iso2, _iso3, num, name in COUNTRIES:
        entry = by_key.get(iso2)
        if entry is None or entry["iso_num"] != num or entry["units"][0].name != name:
            raise BuildError(f"{iso2}: expected id {num} named {name!r} in the source")
    return list(by_key.values())


def _base_detail(entries: list[dict[str, Any]], arcs: list[np.ndarray]) -> list[tuple[float, int]]:
    """Each arc's detail before any pass makes it finer: by region, and by the size of the states using it."""
    area = {id(e): sum(topology_mod.unit_geometry(u, arcs).area for u in e["units"]) for e in entries}

    def arcs_of(limit: float) -> frozenset[int]:
        return frozenset().union(*[topology_mod.unit_arcs(u) for e in entries if area[id(e)] < limit
                                   for u in e["units"]])

    tiny = arcs_of(TINY_STATE_AREA)
    detail = topology_mod.arc_detail(arcs, DETAIL_REGION, DETAIL_FINE, DETAIL_COARSE, arcs_of(SMALL_STATE_AREA),
                                     DETAIL_SMALL)
    return [DETAIL_TINY if i in tiny else d for i, d in enumerate(detail)]


def _finer(base: list[tuple[float, int]], finer: dict[int, int]) -> list[tuple[float, int]]:
    """The base detail, with each arc a pass found crossing its neighbour taken `finer[i]` steps finer."""
    return [min(d, DETAIL_STEPS[min(finer[i], len(DETAIL_STEPS)) - 1]) if i in finer and d != DETAIL_TINY else d
            for i, d in enumerate(base)]


def _shared_arcs(entries: list[dict[str, Any]]) -> frozenset[int]:
    """Arcs used by two or more states: a polygon holding one is never dropped as an islet."""
    seen: dict[int, int] = {}
    for k, e in enumerate(entries):
        for u in e["units"]:
            for i in topology_mod.unit_arcs(u):
                seen.setdefault(i, k)
                if seen[i] != k:
                    seen[i] = -1
    return frozenset(i for i, k in seen.items() if k == -1)


def _on_grid(geom: shapely.Geometry) -> shapely.Geometry:
    """Coordinates on the COUNTRY_DECIMALS grid (undoes float noise from moves by 360 degrees)."""
    return shapely.transform(geom, lambda c: np.round(c, COUNTRY_DECIMALS) + 0.0)


def world_geometries(topology: dict[str, Any]) -> tuple[list[dict[str, Any]], list[shapely.Geometry]]:
    """Each drawn state and its simplified geometry: shared edges identical, a valid coverage."""
    entries = world_units(topology)
    arcs = topology_mod.decode_arcs(topology)
    shared = _shared_arcs(entries)
    region = box(*DETAIL_REGION)

    def min_area(poly: shapely.Polygon) -> float:
        return ISLAND_MIN_AREA_REGION if poly.intersects(region) else ISLAND_MIN_AREA

    base = _base_detail(entries, arcs)  # once: the states' areas do not change between passes
    finer: dict[int, int] = {}
    for _attempt in range(len(DETAIL_STEPS) + 1):
        simplified = topology_mod.simplify_arcs(arcs, _finer(base, finer), COUNTRY_DECIMALS)
        geoms = []
        for e in entries:
            parts = [topology_mod.unit_geometry(u, simplified, min_area, keep_arcs=shared) for u in e["units"]]
            geom = shapely.union_all(parts) if len(parts) > 1 else parts[0]
            geoms.append(_on_grid(topology_mod.shift_to_mass(geom)))
        edges = shapely.coverage_invalid_edges(np.array(geoms))
        bad = [k for k, edge in enumerate(edges) if not edge.is_empty]
        if not bad:
            return entries, geoms
        # Douglas-Peucker can make a coarse edge cross its neighbour's: the arcs along each bad edge get
        # the fine detail, and the pass is made again.
        step = set()
        for k in bad:
            near = edges[k].buffer(0.05)
            for u in entries[k]["units"]:
                for i in topology_mod.unit_arcs(u):
                    line = simplified[i]
                    shape = shapely.LineString(line) if len(line) > 1 else shapely.Point(line[0])
                    if shapely.intersects(shape, near):
                        step.add(i)
        for i in step:
            finer[i] = finer.get(i, 0) + 1
    names = ", ".join(entries[k]["name"] for k in bad)
    raise BuildError(f"the world's countries are not a valid coverage (edges that do not match): {names}")


def build_countries(topology: dict[str, Any]) -> str:
    """The world's countries, simplified per shared edge, rounded and serialised (one feature a line)."""
    entries, geoms = world_geometries(topology)
    features = []
    for e, geom in zip(entries, geoms, strict=True):
        if geom.is_empty or not geom.is_valid:
            raise BuildError(f"{e['name']} is empty or invalid after simplification")
        geom = shapely.orient_polygons(geom, exterior_cw=False)  # RFC 7946 winding
        features.append(
            {
                "type": "Feature",
                "properties": {k: e[k] for k in ("iso2", "iso3", "iso_num", "name")},
                "geometry": geometry_json(geom, COUNTRY_DECIMALS),
            }
        )
    return feature_collection_text(features)


def build_borders(full: dict[str, shapely.Geometry]) -> tuple[str, dict[str, float]]:
    """Shared borders from the unsimplified, unclipped polygons, with lengths."""
    geod = pyproj.Geod(ellps="WGS84")
    merged = {}
    for a, b in BORDER_PAIRS:
        line = shared_lines(full[a], full[b])
        if line.is_empty:
            raise BuildError(f"no shared border found for {a}-{b}")
        merged[f"{a}-{b}"] = line

    def features(simplify: float | None) -> list[dict[str, Any]]:
        out = []
        for (a, b), (bid, line) in zip(BORDER_PAIRS, merged.items(), strict=True):
            shown = line if simplify is None else shapely.simplify(line, simplify)
            out.append(
                {
                    "type": "Feature",
                    "properties": {
                        "id": bid,
                        "a": a,
                        "b": b,
                        "length_km": round(geod.geometry_length(line) / 1000.0, 3),
                        "parts": int(shapely.get_num_geometries(line)),
                        "resolution": RESOLUTION,
                        "simplified": simplify is not None,
                        "length_source": "full-resolution geometry",
                    },
                    "geometry": geometry_json(shown, BORDER_DECIMALS),
                }
            )
        return out

    text = feature_collection_text(features(None))
    if len(text.encode()) > BORDER_MAX_BYTES:
        text = feature_collection_text(features(0.002))
    lengths = {
        bid: round(geod.geometry_length(g) / 1000.0, 3) for bid, g in merged.items()
    }
    return text, lengths


def check_countries(path: Path) -> None:
    """Re-read the written countries and check presence, validity, extent and size."""
    gdf = gpd.read_file(path)
    missing = {c[0] for c in COUNTRIES} - set(gdf["iso2"])
    if missing:
        raise BuildError(f"{path}: missing countries {sorted(missing)}")
    bad = gdf.loc[~gdf.geometry.is_valid, "name"].tolist()
    if bad:
        raise BuildError(f"{path}: invalid geometry after rounding: {bad}")
    minx, _miny, maxx, _maxy = gdf.total_bounds
    if minx < -200 or maxx > 200:
        raise BuildError(f"{path}: longitudes {minx:.1f}..{maxx:.1f} stray beyond 180 by more than the Aleutians "
                         "and Chukotka do")
    size = path.stat().st_size
    if size > COUNTRIES_MAX_BYTES:
        raise BuildError(f"{path}: {size:,} bytes, over the first paint's budget of {COUNTRIES_MAX_BYTES:,}")


def sha256(data: bytes) -> str:
    """Hex sha256 of data."""
    return hashlib.sha256(data).hexdigest()


def toolchain() -> dict[str, str]:
    """Versions that determine the exact output bytes."""
    return {
        "python": platform.python_version(),
        "geopandas": gpd.__version__,
        "shapely": shapely.__version__,
        "geos": shapely.geos_version_string,
        "pyproj": pyproj.__version__,
        "proj": pyproj.proj_version_str,
        "pyogrio": pyogrio.__version__,
        "gdal": pyogrio.__gdal_version_string__,
        "numpy": np.__version__,
    }


def render_sources_md(meta: dict[str, Any]) -> str:
    """Human-readable provenance record, rendered from the SOURCES.json data."""
    src, proc, outs = meta["source"], meta["processing"], meta["outputs"]
    x0, y0, x1, y1 = proc["detail_region"]
    out_rows = "\n".join(
        f"| `{name}` | {o['bytes']:,} | {o['features']} | `{o['sha256']}` |"
        for name, o in outs.items()
    )
    len_rows = "\n".join(
        f"| {bid} | {km:,.1f} |" for bid, km in meta["border_lengths_km"].items()
    )
    tools = ", ".join(f"{k} {v}" for k, v in meta["toolchain"].items())
    return f"""# Geodata sources

Generated by `geodata/build.py` on {meta["built"]}; do not edit the outputs by
hand (the unit tests compare their sha256 with `SOURCES.json`).

## Producer and licence

- Data: [Natural Earth](https://www.naturalearthdata.com/)
  {src["natural_earth_version"]}, Admin 0 - Countries, 1:10m.
  Licence: public domain (Natural Earth terms of use).
- Packaging: Mike Bostock's `world-atlas` npm package, version {src["version"]}
  (TopoJSON quantised to a 1e5 grid, not simplified; ids are ISO 3166-1
  numeric codes, property `name`). Licence: ISC, (c) 2013-2019 Michael Bostock.

## Input

| item | value |
| --- | --- |
| package | `{src["package"]}@{src["version"]}` |
| tarball | `{src["tarball"]}` ({src["tarball_bytes"]:,} bytes) |
| tarball npm integrity (pinned) | `{src["tarball_integrity"]}` |
| tarball sha512 (hex) | `{src["tarball_sha512"]}` |
| tarball sha256 | `{src["tarball_sha256"]}` |
| member | `{src["member"]}` ({src["member_bytes"]:,} bytes) |
| member sha512 | `{src["member_sha512"]}` |
| member sha256 | `{src["member_sha256"]}` |

## Outputs

| file | bytes | features | sha256 |
| --- | --- | --- | --- |
{out_rows}

## Processing

1. `npm pack {src["package"]}@{src["version"]}` into `geodata/.cache/`; the
   tarball's sha512 must equal the pinned npm integrity or the build stops.
2. Extract `{src["member"]}`; decode the TopoJSON with GDAL's TopoJSON
   driver (pyogrio).
3. Every unit of the layer is drawn, the whole world, unclipped: {len(meta["drawn"])} states by
   ISO 3166-1 numeric id (alpha-2 and alpha-3 codes from pycountry's ISO tables; names as
   `dashboard/corpus/codes.py` gives them, else Natural Earth's). The region's {len(meta["countries"])}
   ({", ".join(meta["countries"])}) are checked by id and name.
4. Id-less Natural Earth units: Baikonur (Kazakh territory leased to Russia) is merged into
   Kazakhstan and the Guantanamo Bay naval base (Cuban territory leased to the United States) into
   Cuba. {", ".join(proc["uncoded_units"])} are drawn as land with no code, so no grouping shades
   them. {", ".join(proc["degenerate_units"])} is not drawn: its outline is three collinear points
   once quantised.
5. Simplified per TopoJSON arc (`geodata/topology.py`): each shared edge is one arc, simplified once
   (Douglas-Peucker) and read by both neighbours, so shared edges stay identical. An arc that reaches
   into lon {x0:g}..{x1:g}, lat {y0:g}..{y1:g} gets tolerance {proc["detail_fine"][0]} deg and
   {proc["detail_fine"][1]} decimals; elsewhere {proc["detail_coarse"][0]} deg and
   {proc["detail_coarse"][1]} decimals; a state under {proc["detail_small_state"][0]} square degrees
   {proc["detail_small_state"][1]} deg and {proc["detail_small_state"][2]} decimals, one under
   {proc["detail_tiny_state"][0]} every source point. Junctions lie on a 1e-{proc["country_decimals"]}
   grid. Islets under {proc["island_min_area"][0]} (region) or {proc["island_min_area"][1]} square
   degrees are left out unless they are their state's largest part or share an edge with another state.
6. Antimeridian: every part of a state is put on the side of 180 deg where its largest part lies, and
   the halves Natural Earth cuts at 180 are joined: Russia's Chukotka is drawn east of 180 (longitudes
   above 180) beside the rest of Russia, Fiji and New Zealand's Chatham Islands likewise, the
   Aleutians west of 180 below -180 beside Alaska.
7. Self-intersections from simplification repaired with `shapely.make_valid(method="structure")`.
8. Checks: the result is a valid polygon coverage (`shapely.coverage_invalid_edges` finds nothing;
   a state whose edge would cross its neighbour's gets the fine detail instead), every geometry is
   valid, and the file is at most {COUNTRIES_MAX_BYTES:,} bytes (the first paint's budget).
9. Borders: for each pair, intersect the rings of the unsimplified, unclipped
   polygons, keep the line parts and `line_merge` them. Closed rings in KG-TJ,
   KG-UZ and TJ-UZ are enclave boundaries (e.g. Vorukh, Sokh, Shakhimardan)
   and count towards the length. `length_km` is the geodesic length on WGS84
   (`pyproj.Geod(ellps="WGS84").geometry_length`) of the full-resolution
   line. Stored geometry: {proc["border_geometry"]}; coordinates rounded to
   {proc["border_decimals"]} decimals.

## Border lengths (km, geodesic, Natural Earth 1:10m)

Borders are measured on the unsimplified 1:10m polygons (not the drawn ones).
Generalised 1:10m lines are shorter than official figures (the CIA World
Factbook gives 1,357 km for Tajikistan-Afghanistan and 7,644 km for
Kazakhstan-Russia); expect 80-95 % of them.

| border | length_km |
| --- | --- |
{len_rows}

## Caveats

- Natural Earth 4.1.0 draws Crimea inside the Russia polygon (de facto
  control), not Ukraine. The dashboard must decide how to present this.
- Output bytes depend on the toolchain: {tools}.

## Rebuild

```sh
.venv/bin/python geodata/build.py   # needs npm; caches in geodata/.cache/
.venv/bin/python -m pytest tests/unit/test_geodata_sources.py -q
```

A rebuild with the same toolchain reproduces the same sha256 values; the build
date above is kept when the outputs do not change.
"""


def build(out_dir: Path = HERE, cache_dir: Path = DEFAULT_CACHE) -> dict[str, Any]:
    """Run the pipeline, write the outputs to out_dir and return the SOURCES data."""
    tar_bytes = fetch_tarball(cache_dir)
    member_path = cache_dir / Path(MEMBER).name
    member_bytes = extract_member(cache_dir / TARBALL, member_path)
    full = load_source(member_path)

    out_dir.mkdir(parents=True, exist_ok=True)
    countries_text = build_countries(json.loads(member_bytes))
    borders_text, lengths = build_borders(full)
    texts = {"countries.geojson": countries_text, "borders.geojson": borders_text}
    for name, text in texts.items():
        (out_dir / name).write_text(text, encoding="utf-8", newline="\n")
    check_countries(out_dir / "countries.geojson")

    outputs = {
        name: {
            "sha256": sha256(text.encode("utf-8")),
            "bytes": len(text.encode("utf-8")),
            "features": text.count('"type":"Feature"'),
        }
        for name, text in texts.items()
    }
    simplified = '"simplified":true' in borders_text
    built = dt.datetime.now(dt.UTC).date().isoformat()
    previous = out_dir / "SOURCES.json"
    if previous.exists():
        try:
            old = json.loads(previous.read_text(encoding="utf-8"))
            if old.get("outputs") == outputs:
                built = old.get("built", built)
        except (OSError, ValueError):
            pass
    meta: dict[str, Any] = {
        "schema": 1,
        "built": built,
        "source": {
            "producer": "Natural Earth, via Mike Bostock's world-atlas npm package",
            "natural_earth_version": NATURAL_EARTH_VERSION,
            "licence": {"natural_earth": "public domain", "world-atlas": "ISC"},
            "package": PACKAGE,
            "version": VERSION,
            "tarball": TARBALL,
            "tarball_bytes": len(tar_bytes),
            "tarball_integrity": INTEGRITY,
            "tarball_sha512": hashlib.sha512(tar_bytes).hexdigest(),
            "tarball_sha256": sha256(tar_bytes),
            "member": MEMBER,
            "member_bytes": len(member_bytes),
            "member_sha512": hashlib.sha512(member_bytes).hexdigest(),
            "member_sha256": sha256(member_bytes),
        },
        "processing": {
            "extent": "the whole world, unclipped",
            "simplify_method": "Douglas-Peucker per TopoJSON arc (geodata/topology.py), shared edges kept shared",
            "detail_region": list(DETAIL_REGION),
            "detail_fine": list(DETAIL_FINE),
            "detail_coarse": list(DETAIL_COARSE),
            "detail_small_state": [SMALL_STATE_AREA, *DETAIL_SMALL],
            "detail_tiny_state": [TINY_STATE_AREA, *DETAIL_TINY],
            "island_min_area": [ISLAND_MIN_AREA_REGION, ISLAND_MIN_AREA],
            "uncoded_units": list(UNCODED_UNITS),
            "degenerate_units": list(DEGENERATE_UNITS),
            "country_decimals": COUNTRY_DECIMALS,
            "border_decimals": BORDER_DECIMALS,
            "border_geometry": "lightly simplified (0.002 deg) for display"
            if simplified
            else "unsimplified",
            "merged_units": MERGE_UNNUMBERED,
        },
        "countries": [c[0] for c in COUNTRIES],
        "drawn": sorted(f["properties"]["iso2"] for f in json.loads(countries_text)["features"]
                        if f["properties"]["iso2"]),
        "border_lengths_km": lengths,
        "toolchain": toolchain(),
        "outputs": outputs,
    }
    (out_dir / "SOURCES.json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
        newline="\n",
    )
    (out_dir / "SOURCES.md").write_text(
        render_sources_md(meta), encoding="utf-8", newline="\n"
    )
    return meta


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output directory")
    parser.add_argument(
        "--cache", type=Path, default=DEFAULT_CACHE, help="tarball cache"
    )
    args = parser.parse_args(argv)
    try:
        meta = build(args.out, args.cache)
    except BuildError as exc:
        print(f"geodata build FAILED: {exc}", file=sys.stderr)
        return 1
    for name, o in meta["outputs"].items():
        print(f"{name}: {o['bytes']:,} bytes, {o['features']} features")
        print(f"  sha256 {o['sha256']}")
    for bid, km in meta["border_lengths_km"].items():
        print(f"  {bid}: {km:,.1f} km")
    return 0


if __name__ == "__main__":
    sys.exit(main())
