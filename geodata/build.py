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
from dashboard.geo import common_lines  # noqa: E402  (one definition of "shared line")

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

# (min lon, min lat, max lon, max lat): Belarus/Ukraine/Moldova in the west, all
# of Xinjiang and western Mongolia in the east; as REGION_BOUNDS in dashboard/codes.py.
CLIP_BOX = (20.0, 20.0, 105.0, 65.0)
# GEOS coverage simplification (Visvalingam-Whyatt); keeps shared edges identical.
SIMPLIFY_TOLERANCE_DEG = 0.01
COUNTRY_DECIMALS = 4  # ~11 m; well below the simplification tolerance
BORDER_DECIMALS = 5  # ~1 m; the source grid is 0.0036 x 0.0017 degrees
# Above this the border file would be stored simplified for display.
BORDER_MAX_BYTES = 400_000

RESOLUTION = f"Natural Earth 1:10m (world-atlas {VERSION}), unsimplified"

# iso2, iso3, ISO 3166-1 numeric (= world-atlas id), English short name (= NE name).
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
# Baikonur lease area is Kazakh territory, otherwise it is a hole in Kazakhstan.
MERGE_UNNUMBERED = {"Baikonur": "KZ"}

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


def polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Keep only the polygon parts of geom (clipping can leave lines and points)."""
    parts = [
        p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")
    ]
    parts = [q for p in parts for q in shapely.get_parts(p)]
    if not parts:
        return shapely.Polygon()
    return shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0]


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
        rows = gdf[(gdf["name"] == unit) & ids.isna()]
        if len(rows) != 1:
            raise BuildError(
                f"{path}: expected one id-less feature named {unit!r}, got {len(rows)}"
            )
        merged = shapely.union(make_valid_polygonal(full[iso2]), rows.geometry.iloc[0])
        full[iso2] = polygonal(merged)
    return full


def build_countries(full: dict[str, shapely.Geometry]) -> str:
    """Clip, coverage-simplify, round and serialise the country polygons."""
    clip = box(*CLIP_BOX)
    valid = [make_valid_polygonal(full[c[0]]) for c in COUNTRIES]
    clipped = np.array([polygonal(shapely.intersection(g, clip)) for g in valid])
    if not shapely.coverage_is_valid(clipped):
        raise BuildError(
            "clipped countries are not a valid coverage (overlaps or unmatched edges)"
        )
    simplified = shapely.coverage_simplify(clipped, SIMPLIFY_TOLERANCE_DEG)
    # Same grid for all countries, so shared vertices stay identical after rounding.
    snapped = shapely.set_precision(simplified, 10.0**-COUNTRY_DECIMALS)
    features = []
    for (iso2, iso3, num, name), geom in zip(COUNTRIES, snapped, strict=True):
        geom = make_valid_polygonal(geom)
        if geom.is_empty:
            raise BuildError(f"{iso2} is empty after clipping/simplification")
        geom = shapely.orient_polygons(geom, exterior_cw=False)  # RFC 7946 winding
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "iso2": iso2,
                    "iso3": iso3,
                    "iso_num": num,
                    "name": name,
                },
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
    """Re-read the written countries and check presence, validity and extent."""
    gdf = gpd.read_file(path)
    missing = {c[0] for c in COUNTRIES} - set(gdf["iso2"])
    if missing:
        raise BuildError(f"{path}: missing countries {sorted(missing)}")
    bad = gdf.loc[~gdf.geometry.is_valid, "iso2"].tolist()
    if bad:
        raise BuildError(f"{path}: invalid geometry after rounding: {bad}")
    minx, miny, maxx, maxy = gdf.total_bounds
    x0, y0, x1, y1 = CLIP_BOX
    if minx < x0 or miny < y0 or maxx > x1 or maxy > y1:
        raise BuildError(
            f"{path}: bounds {gdf.total_bounds} exceed clip box {CLIP_BOX}"
        )


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
    x0, y0, x1, y1 = proc["clip_box"]
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
3. Keep {len(meta["countries"])} countries by ISO numeric id:
   {", ".join(meta["countries"])}. Their names are checked too.
4. Antimeridian: Russia's rings that cross 180 deg (Chukotka, Wrangel Island)
   are unwrapped to continuous longitudes (> 180) by adding exact multiples of
   360; all other vertices are left bit-identical.
5. Id-less Natural Earth units: Baikonur (Kazakh territory leased to Russia) is
   merged into Kazakhstan. Siachen Glacier (id-less, disputed) is left out, so
   it is a small gap between India, Pakistan and China.
6. Quantisation self-intersections repaired with
   `shapely.make_valid(method="structure")`.
7. Clip to lon {x0:g}..{x1:g}, lat {y0:g}..{y1:g}; check that the result is a
   valid polygon coverage (no overlaps, matching shared edges).
8. Simplify with `shapely.coverage_simplify` (GEOS coverage simplifier,
   Visvalingam-Whyatt), tolerance {proc["simplify_tolerance_deg"]} deg (roughly
   the square root of the largest removed triangle's area, in degrees); shared
   edges stay identical, so neighbours have no gaps or overlaps. Then snap to a
   1e-{proc["country_decimals"]} deg grid, orient exteriors counter-clockwise
   (RFC 7946) and re-check validity.
9. Borders: for each pair, intersect the rings of the unsimplified, unclipped
   polygons, keep the line parts and `line_merge` them. Closed rings in KG-TJ,
   KG-UZ and TJ-UZ are enclave boundaries (e.g. Vorukh, Sokh, Shakhimardan)
   and count towards the length. `length_km` is the geodesic length on WGS84
   (`pyproj.Geod(ellps="WGS84").geometry_length`) of the full-resolution
   line. Stored geometry: {proc["border_geometry"]}; coordinates rounded to
   {proc["border_decimals"]} decimals.

## Border lengths (km, geodesic, Natural Earth 1:10m)

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
    countries_text = build_countries(full)
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
            "clip_box": list(CLIP_BOX),
            "simplify_method": "shapely.coverage_simplify (GEOS, Visvalingam-Whyatt)",
            "simplify_tolerance_deg": SIMPLIFY_TOLERANCE_DEG,
            "country_decimals": COUNTRY_DECIMALS,
            "border_decimals": BORDER_DECIMALS,
            "border_geometry": "lightly simplified (0.002 deg) for display"
            if simplified
            else "unsimplified",
            "merged_units": MERGE_UNNUMBERED,
        },
        "countries": [c[0] for c in COUNTRIES],
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
