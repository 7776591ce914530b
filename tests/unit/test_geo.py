"""Unit tests for dashboard.map.geo and the committed geodata files."""

from __future__ import annotations

import importlib.util
import itertools
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from dashboard.map import geo

ROOT = Path(__file__).resolve().parents[2]
GEODATA = ROOT / "geodata"

def _build_module():
    spec = importlib.util.spec_from_file_location("geodata_build_table", GEODATA / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The build's own table of the region's countries (iso2, iso3, ISO numeric, name): checked by name.
BUILD = _build_module()
COUNTRIES = BUILD.COUNTRIES

# Published lengths (CIA World Factbook, km). Generalised 1:10m lines come out shorter
# (rivers and ridges lose their wiggles), so expect a ratio well below 1.
PUBLISHED_KM = {
    "TJ-AF": 1357,
    "UZ-AF": 144,
    "TM-AF": 804,
    "KG-TJ": 984,
    "KG-KZ": 1212,
    "KG-UZ": 1314,
    "TJ-UZ": 1312,
    "KZ-RU": 7644,
    "KZ-UZ": 2330,
    "KZ-TM": 413,
    "KZ-CN": 1765,
    "TJ-CN": 477,
    "KG-CN": 1063,
    "AF-PK": 2670,
}

MOSCOW = (55.7558, 37.6173)
ALMATY = (43.2220, 76.8512)
DUSHANBE = (38.5598, 68.7870)
KULOB = (37.9146, 69.7845)


@pytest.fixture(scope="module")
def countries() -> gpd.GeoDataFrame:
    return geo.load_countries(GEODATA)


@pytest.fixture(scope="module")
def borders() -> gpd.GeoDataFrame:
    return geo.load_borders(GEODATA)


def _border(borders: gpd.GeoDataFrame, bid: str):
    return borders.set_index("id").loc[bid]


# ------------------------------------------------------------------ countries


def test_countries_columns_and_crs(countries: gpd.GeoDataFrame) -> None:
    assert list(countries.columns) == ["iso2", "iso3", "iso_num", "name", "geometry"]
    assert countries.crs is not None
    assert countries.crs.to_epsg() == 4326
    coded = countries.loc[countries["iso2"] != "", "iso2"]
    assert coded.is_unique
    # The whole world: every ISO state Natural Earth draws (the Vatican's outline is degenerate).
    assert len(coded) >= 235
    assert {c[0] for c in COUNTRIES} <= set(coded)


@pytest.mark.parametrize(("iso2", "iso3", "iso_num", "name"), COUNTRIES)
def test_region_country_present_valid_and_coded(
    countries: gpd.GeoDataFrame, iso2: str, iso3: str, iso_num: str, name: str
) -> None:
    row = countries.set_index("iso2").loc[iso2]
    assert (row["iso3"], row["iso_num"], row["name"]) == (iso3, iso_num, name)
    geom = row["geometry"]
    assert geom.geom_type in ("Polygon", "MultiPolygon")
    assert geom.is_valid
    assert not geom.is_empty


def test_every_state_the_corpus_names_is_drawn(countries: gpd.GeoDataFrame) -> None:
    from dashboard.corpus.codes import COUNTRY_NAMES

    drawn = countries.set_index("iso2")
    missing = sorted(set(COUNTRY_NAMES) - set(drawn.index))
    assert not missing
    for iso2, name in COUNTRY_NAMES.items():
        assert drawn.loc[iso2, "name"] == name


def test_countries_do_not_overlap(countries: gpd.GeoDataFrame) -> None:
    # Per-arc simplification keeps shared edges identical: a valid coverage, no gaps or overlaps.
    assert shapely.coverage_is_valid(countries.geometry.to_numpy())


# Cities at the far edges of the states the old 20-105 E, 20-65 N box cut, each inside its state's drawn
# shape. A port on a coast drawn at the coarse detail may lie off it by up to that detail's tolerance
# (geodata/build.py DETAIL_COARSE, in degrees of latitude: 0.3 deg is 33 km), never more.
INLAND, PORT = "inland", "port"
FAR_CITIES = [
    ("RU", "Kaliningrad", 54.71, 20.51, INLAND),
    ("RU", "Murmansk", 68.97, 33.08, INLAND),
    ("RU", "Norilsk", 69.35, 88.20, INLAND),
    ("RU", "Yakutsk", 62.03, 129.73, INLAND),
    ("RU", "Khabarovsk", 48.48, 135.08, INLAND),
    ("RU", "Bilibino (Chukotka)", 68.06, 166.44, INLAND),
    ("RU", "Chukotka east of 180, drawn beside Russia", 66.5, 185.0, INLAND),
    ("RU", "Vladivostok", 43.12, 131.89, PORT),
    ("RU", "Petropavlovsk-Kamchatsky", 53.02, 158.65, PORT),
    ("RU", "Anadyr", 64.73, 177.51, PORT),
    ("CN", "Beijing", 39.90, 116.40, INLAND),
    ("CN", "Harbin", 45.80, 126.53, INLAND),
    ("CN", "Nanning (south of 25 N)", 22.82, 108.32, INLAND),
    ("CN", "Wuzhishan (Hainan, south of 20 N)", 18.78, 109.52, INLAND),
    ("CN", "Shanghai", 31.23, 121.47, PORT),
    ("IN", "Bengaluru (south of 20 N)", 12.97, 77.59, INLAND),
    ("IN", "Kolkata", 22.57, 88.36, INLAND),
    ("IN", "Itanagar (east of the old box)", 27.08, 93.61, INLAND),
    ("IN", "Chennai", 13.08, 80.27, PORT),
    ("IN", "Kanyakumari", 8.09, 77.54, PORT),
    ("EG", "Cairo", 30.04, 31.24, INLAND),
    ("US", "Washington", 38.91, -77.04, INLAND),
    ("NP", "Kathmandu", 27.72, 85.32, INLAND),
    ("KH", "Phnom Penh", 11.56, 104.92, INLAND),
    ("QA", "Doha", 25.29, 51.53, INLAND),
    ("BH", "Manama", 26.23, 50.59, INLAND),
    ("MV", "Malé", 4.18, 73.51, INLAND),
    ("CU", "Havana", 23.11, -82.37, PORT),
]


@pytest.mark.parametrize(("iso2", "city", "lat", "lon", "where"), FAR_CITIES, ids=[c[1] for c in FAR_CITIES])
def test_far_cities_lie_in_their_states(countries: gpd.GeoDataFrame, iso2: str, city: str,
                                        lat: float, lon: float, where: str) -> None:
    shape = countries.set_index("iso2").loc[iso2, "geometry"]
    if where == INLAND:
        assert shape.contains(shapely.Point(lon, lat)), city
    else:
        assert geo.distance_to_geometry_km(lat, lon, shape) <= BUILD.DETAIL_COARSE[0] * 111.0, city


def test_chukotka_is_drawn_beside_russia(countries: gpd.GeoDataFrame) -> None:
    # Not at the far left of the map: the part of Russia east of 180 has longitudes above 180.
    ru = countries.set_index("iso2").loc["RU", "geometry"]
    minx, _miny, maxx, _maxy = ru.bounds
    assert 19.0 < minx < 21.0 and 189.0 < maxx < 192.0
    assert ru.contains(shapely.Point(185.0, 66.5))  # Chukotka's east, drawn beside Anadyr
    us = countries.set_index("iso2").loc["US", "geometry"]
    assert us.bounds[2] < -60.0  # no piece of the United States is drawn east of 180


def test_basemap_within_first_paint_budget() -> None:
    # The browser downloads this file before the map's first paint; the 18-country box took 433 kB.
    assert (GEODATA / "countries.geojson").stat().st_size <= BUILD.COUNTRIES_MAX_BYTES <= 433_000


def test_baikonur_is_part_of_kazakhstan(countries: gpd.GeoDataFrame) -> None:
    kz = countries.set_index("iso2").loc["KZ", "geometry"]
    assert kz.contains(shapely.Point(63.31, 45.96))


# -------------------------------------------------------------------- borders


def test_borders_columns(borders: gpd.GeoDataFrame) -> None:
    assert set(borders["id"]) == set(PUBLISHED_KM)
    assert borders.crs is not None
    assert borders.crs.to_epsg() == 4326
    assert (borders["id"] == borders["a"] + "-" + borders["b"]).all()


def test_tj_af_length_plausible(borders: gpd.GeoDataFrame) -> None:
    # Published: 1,206 km (Tajik sources) to 1,357 km (CIA); the 1:10m line of the
    # Panj is generalised and measures ~1,172 km, hence the lower bound of 1,100.
    assert 1100.0 < _border(borders, "TJ-AF")["length_km"] < 1400.0


@pytest.mark.parametrize("bid", sorted(PUBLISHED_KM))
def test_stored_length_matches_recomputed(borders: gpd.GeoDataFrame, bid: str) -> None:
    row = _border(borders, bid)
    assert not bool(row["simplified"])  # so the stored geometry is the measured one
    assert geo.geodesic_length_km(row["geometry"]) == pytest.approx(
        row["length_km"], abs=0.5
    )


@pytest.mark.parametrize(("bid", "published"), sorted(PUBLISHED_KM.items()))
def test_length_near_published(
    borders: gpd.GeoDataFrame, bid: str, published: int
) -> None:
    ratio = _border(borders, bid)["length_km"] / published
    assert 0.75 < ratio < 1.02, f"{bid}: {ratio:.2f} of the published {published} km"


@pytest.mark.parametrize("bid", sorted(PUBLISHED_KM))
def test_border_matches_simplified_polygons(
    borders: gpd.GeoDataFrame, countries: gpd.GeoDataFrame, bid: str
) -> None:
    row = _border(borders, bid)
    assert row["geometry"].geom_type in ("LineString", "MultiLineString")
    # The map's polygons share the same edge, displaced by at most ~the tolerance.
    simplified = geo.shared_border(countries, row["a"], row["b"])
    assert simplified.hausdorff_distance(row["geometry"]) < 0.02
    assert geo.geodesic_length_km(simplified) == pytest.approx(
        row["length_km"], rel=0.02
    )


def test_resolution_strings(borders: gpd.GeoDataFrame) -> None:
    assert set(borders["resolution"]) == {
        "Natural Earth 1:10m (world-atlas 2.0.2), unsimplified"
    }
    sources = json.loads((GEODATA / "SOURCES.json").read_text(encoding="utf-8"))
    proc = sources["processing"]
    assert f"{proc['detail_fine'][0]}° in the region" in geo.GEODATA_RESOLUTION
    assert f"{proc['detail_coarse'][0]}° elsewhere" in geo.GEODATA_RESOLUTION
    assert "world-atlas 2.0.2" in geo.GEODATA_RESOLUTION


# ----------------------------------------------------------------- shared_border


def test_shared_border_is_symmetric(countries: gpd.GeoDataFrame) -> None:
    ab = geo.shared_border(countries, "TJ", "AF")
    ba = geo.shared_border(countries, "AF", "TJ")
    assert geo.geodesic_length_km(ab) == pytest.approx(geo.geodesic_length_km(ba))


def test_shared_border_non_neighbours_is_empty(countries: gpd.GeoDataFrame) -> None:
    assert geo.shared_border(countries, "KZ", "AF").is_empty


def test_shared_border_unknown_country(countries: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValueError, match="XX"):
        geo.shared_border(countries, "XX", "AF")


# ------------------------------------------------------------------- geodesics


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088  # mean Earth radius
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


def test_moscow_almaty_distance() -> None:
    km = geo.geodesic_distance_km(*MOSCOW, *ALMATY)
    assert km == pytest.approx(3110.0, abs=30.0)  # commonly quoted ~3,100 km
    # Sphere vs ellipsoid differ by well under 0.5 %.
    assert km == pytest.approx(_haversine_km(*MOSCOW, *ALMATY), rel=0.005)
    assert geo.geodesic_distance_km(*ALMATY, *MOSCOW) == pytest.approx(km)


@pytest.mark.parametrize(
    ("lat1", "lon1", "lat2", "lon2", "km"),
    [
        (0.0, 0.0, 0.0, 1.0, 111.3195),  # one degree of longitude on the equator
        (0.0, 0.0, 1.0, 0.0, 110.5743),  # one degree of latitude at the equator
        (*DUSHANBE, *DUSHANBE, 0.0),
    ],
)
def test_geodesic_distance_table(
    lat1: float, lon1: float, lat2: float, lon2: float, km: float
) -> None:
    assert geo.geodesic_distance_km(lat1, lon1, lat2, lon2) == pytest.approx(
        km, abs=1e-3
    )


@pytest.mark.parametrize("n", [2, 3, 32, 100])
def test_geodesic_arc(n: int) -> None:
    arc = geo.geodesic_arc(*MOSCOW, *ALMATY, n=n)
    assert len(arc) == n
    assert arc[0] == MOSCOW
    assert arc[-1] == ALMATY
    hops = sum(geo.geodesic_distance_km(*p, *q) for p, q in itertools.pairwise(arc))
    assert hops == pytest.approx(geo.geodesic_distance_km(*MOSCOW, *ALMATY), rel=1e-6)


def test_geodesic_arc_default_and_invalid_n() -> None:
    assert len(geo.geodesic_arc(*MOSCOW, *ALMATY)) == 32
    with pytest.raises(ValueError, match="at least 2"):
        geo.geodesic_arc(*MOSCOW, *ALMATY, n=1)


def test_geodesic_length_km_line() -> None:
    line = shapely.LineString([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)])
    assert geo.geodesic_length_km(line) == pytest.approx(111.3195 + 110.5743, abs=0.01)


# ------------------------------------------------------- distance to geometry


def test_distance_to_meridian_segment() -> None:
    meridian = shapely.LineString([(0.0, -1.0), (0.0, 1.0)])
    assert geo.distance_to_geometry_km(0.0, 1.0, meridian) == pytest.approx(
        111.3195, abs=0.01
    )


def test_distance_inside_polygon_is_zero(countries: gpd.GeoDataFrame) -> None:
    tj = countries.set_index("iso2").loc["TJ", "geometry"]
    assert geo.distance_to_geometry_km(*DUSHANBE, tj) == 0.0


@pytest.mark.parametrize(
    ("place", "low", "high"), [(DUSHANBE, 100, 160), (KULOB, 20, 50)]
)
def test_distance_to_afghan_border(
    borders: gpd.GeoDataFrame, place: tuple[float, float], low: float, high: float
) -> None:
    line = _border(borders, "TJ-AF")["geometry"]
    km = geo.distance_to_geometry_km(*place, line)
    assert low < km < high
    # The nearest point cannot be farther than any vertex of the line.
    nearest_vertex = min(geo.geodesic_distance_km(*place, y, x) for x, y in line.coords)
    assert km <= nearest_vertex + 1e-6


def test_distance_to_empty_geometry_raises() -> None:
    with pytest.raises(ValueError, match="empty"):
        geo.distance_to_geometry_km(0.0, 0.0, shapely.LineString())


# ----------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("loader", "filename"),
    [(geo.load_countries, "countries.geojson"), (geo.load_borders, "borders.geojson")],
)
def test_missing_geodata_dir_raises(tmp_path: Path, loader, filename: str) -> None:
    with pytest.raises(geo.GeodataError, match=filename):
        loader(tmp_path / "no-such-dir")


@pytest.mark.parametrize(
    ("loader", "filename"),
    [(geo.load_countries, "countries.geojson"), (geo.load_borders, "borders.geojson")],
)
def test_unreadable_file_raises(tmp_path: Path, loader, filename: str) -> None:
    (tmp_path / filename).write_text("{not json", encoding="utf-8")
    with pytest.raises(geo.GeodataError, match=filename):
        loader(tmp_path)


@pytest.mark.parametrize(
    ("loader", "filename", "column"),
    [
        (geo.load_countries, "countries.geojson", "iso3"),
        (geo.load_borders, "borders.geojson", "length_km"),
    ],
)
def test_missing_column_raises(
    tmp_path: Path, loader, filename: str, column: str
) -> None:
    shutil.copy(GEODATA / filename, tmp_path / filename)
    gdf = gpd.read_file(tmp_path / filename).drop(columns=[column])
    gdf.to_file(tmp_path / filename, driver="GeoJSON")
    with pytest.raises(geo.GeodataError, match=rf"{filename}.*{column}"):
        loader(tmp_path)


def test_geo_does_not_import_streamlit() -> None:
    code = "import sys, dashboard.map.geo; sys.exit('streamlit' in sys.modules)"
    assert (
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode
        == 0
    )


# ------------------------------------------- what the loaders and helpers give, called directly (issue 19)


def test_loaded_countries_carry_three_digit_numeric_codes() -> None:
    countries = geo.load_countries(GEODATA).set_index("iso2")
    assert countries.loc["AF", "iso_num"] == "004" and countries.loc["KZ", "iso_num"] == "398"
    assert countries.crs.to_epsg() == 4326


def test_loaded_borders_carry_lengths_as_numbers() -> None:
    borders = geo.load_borders(GEODATA).set_index("id")
    assert borders["length_km"].dtype == float
    assert 1100 < borders.loc["TJ-AF", "length_km"] < 1400


def test_a_border_with_itself_is_refused_by_name(countries: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValueError, match="^need two different countries, got 'TJ' twice$"):
        geo.shared_border(countries, "TJ", "TJ")
    with pytest.raises(ValueError, match="^country 'XX' not in the given GeoDataFrame$"):
        geo.shared_border(countries, "TJ", "XX")


@pytest.mark.parametrize("geom", [None, shapely.LineString(), shapely.Polygon()])
def test_distance_to_nothing_is_refused(geom) -> None:
    with pytest.raises(ValueError, match="^geometry is empty$"):
        geo.distance_to_geometry_km(38.5, 68.8, geom)


def test_an_arc_starts_and_ends_exactly_at_its_stops() -> None:
    arc = geo.geodesic_arc(55.7558, 37.6173, 43.2389, 76.8897, n=3)
    assert arc[0] == (55.7558, 37.6173) and arc[-1] == (43.2389, 76.8897) and len(arc) == 3
    with pytest.raises(ValueError, match="^n must be at least 2, got 1$"):
        geo.geodesic_arc(0, 0, 1, 1, n=1)


def test_a_projected_file_is_read_back_in_degrees(tmp_path: Path) -> None:
    # GeoJSON with a named CRS (GDAL writes one for a projected frame): the loader reprojects to WGS84.
    original = geo.load_countries(GEODATA)
    original.to_crs("EPSG:3857").to_file(tmp_path / "countries.geojson", driver="GeoJSON")
    again = geo.load_countries(tmp_path)
    assert again.crs.to_epsg() == 4326
    kz, kz_again = (g.set_index("iso2").loc["KZ", "geometry"] for g in (original, again))
    assert kz_again.bounds == pytest.approx(kz.bounds, abs=1e-6)


def test_loaded_borders_keep_their_optional_columns() -> None:
    borders = geo.load_borders(GEODATA)
    assert list(borders.columns) == [*geo.BORDER_COLUMNS, *geo.BORDER_OPTIONAL, "geometry"]
    assert borders.set_index("id").loc["TJ-AF", "length_source"]


def test_an_arcs_points_are_equally_spaced_along_the_geodesic() -> None:
    arc = geo.geodesic_arc(55.7558, 37.6173, 43.2389, 76.8897, n=5)
    total = geo.geodesic_distance_km(55.7558, 37.6173, 43.2389, 76.8897)
    steps = [geo.geodesic_distance_km(*a, *b) for a, b in zip(arc, arc[1:])]
    assert steps == pytest.approx([total / 4] * 4, rel=1e-6)


def test_a_click_finds_the_country_under_it(countries):
    # Where a map click lands (views/map.py): inside a state, in the sea, and on a far partner.
    assert geo.country_at(countries, 38.56, 68.78) == "TJ"  # Dushanbe
    assert geo.country_at(countries, 43.24, 76.95) == "KZ"  # Almaty
    assert geo.country_at(countries, 23.0, 62.0) is None  # the Arabian Sea
    assert geo.country_at(countries, 7.29, 80.63) == "LK"  # Kandy (the coast is coarse so far from the tour)


POLYGON = shapely.box(0, 0, 1, 1)
OTHER = shapely.box(2, 0, 3, 1)
POLYGONAL = [
    # (a geometry, what is left of it: its polygons, as one Polygon or a MultiPolygon of them, or an empty Polygon)
    (None, shapely.Polygon()),
    (shapely.GeometryCollection(), shapely.Polygon()),
    (shapely.LineString([(0, 0), (1, 1)]), shapely.Polygon()),
    (shapely.GeometryCollection([shapely.Point(0, 0), shapely.LineString([(0, 0), (1, 1)])]), shapely.Polygon()),
    (POLYGON, POLYGON),
    (shapely.MultiPolygon([POLYGON, OTHER]), shapely.MultiPolygon([POLYGON, OTHER])),
    # A cut along a frame's edge: a polygon with a line and a point beside it.
    (shapely.GeometryCollection([POLYGON, shapely.LineString([(5, 5), (6, 6)]), shapely.Point(9, 9)]), POLYGON),
    (shapely.GeometryCollection([POLYGON, shapely.Point(9, 9), OTHER]), shapely.MultiPolygon([POLYGON, OTHER])),
    # A MultiPolygon inside a collection: its polygons, one level.
    (shapely.GeometryCollection([shapely.MultiPolygon([POLYGON, OTHER]), shapely.Point(9, 9)]),
     shapely.MultiPolygon([POLYGON, OTHER])),
]


@pytest.mark.parametrize(("geom", "left"), POLYGONAL, ids=[str(g and g.geom_type) for g, _ in POLYGONAL])
def test_only_the_polygons_of_a_geometry_are_kept(geom, left):
    from dashboard.map.geo import polygonal

    kept = polygonal(geom)
    assert kept.geom_type == left.geom_type
    assert kept.equals(left) if not left.is_empty else kept.is_empty
    if geom is not None and geom.geom_type in ("Polygon", "MultiPolygon"):
        assert kept is geom  # a polygonal geometry as it is, not a copy
