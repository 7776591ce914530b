"""Web Mercator in one place (dashboard/map/projection.py): the downloads' frames, the PNG and the story's small
maps put a place where Leaflet draws it."""

from __future__ import annotations

import pytest

from dashboard.map import projection
from dashboard.map.projection import (
    EARTH_HALF,
    MAX_LAT,
    TILE_PX,
    line_metres,
    lonlat_at_px,
    mercator_x,
    mercator_y,
    to_metres,
    world_px,
)

PLACES = [
    (55.7558, 37.6173),   # Moscow, where the tour began
    (38.5598, 68.7870),   # Dushanbe
    (-33.87, 151.21),     # far south and east: a grouping's member may be anywhere
    (0.0, 0.0),
    (64.0, -22.0),        # far north and west
]


def test_the_world_is_a_square_of_256_pixels_at_zoom_0_centred_on_0_0():
    assert world_px(0.0, 0.0) == (TILE_PX / 2, TILE_PX / 2)
    assert world_px(MAX_LAT, -180.0) == pytest.approx((0.0, 0.0), abs=1e-6)
    assert world_px(-MAX_LAT, 180.0) == pytest.approx((TILE_PX, TILE_PX), abs=1e-6)
    # Beyond the square's edge a latitude is cut, as Leaflet cuts it.
    assert world_px(89.0, 0.0) == world_px(MAX_LAT, 0.0)


@pytest.mark.parametrize(("lat", "lon"), PLACES)
@pytest.mark.parametrize("zoom", [0, 4, 7.5])
def test_a_place_comes_back_from_its_pixel(lat, lon, zoom):
    x, y = world_px(lat, lon, zoom)
    assert lonlat_at_px(x, y, zoom) == pytest.approx((lon, lat), abs=1e-9)


@pytest.mark.parametrize(("lat", "lon"), PLACES)
def test_metres_and_shares_are_the_same_projection(lat, lon):
    # pyproj's EPSG:3857 and the closed form Leaflet uses put every place at the same point.
    x, y = to_metres(lat, lon)
    assert x == pytest.approx((mercator_x(lon) - 0.5) * 2 * EARTH_HALF, abs=0.01)
    assert y == pytest.approx((0.5 - mercator_y(lat)) * 2 * EARTH_HALF, abs=0.01)


def test_a_line_is_projected_point_by_point():
    xs, ys = line_metres(PLACES[:2])
    for x, y, place in zip(xs, ys, PLACES[:2]):
        assert (float(x), float(y)) == pytest.approx(to_metres(*place))


def test_north_is_up():
    assert world_px(55.0, 37.0)[1] < world_px(38.0, 37.0)[1]
    assert to_metres(55.0, 37.0)[1] > to_metres(38.0, 37.0)[1]


def test_a_screen_length_halves_in_world_pixels_per_zoom_level():
    # The story's small maps size their frame as the big map shows FRAME_PX at a zoom (story/minimap.py).
    assert projection.zoom0_px(640, 0) == 640
    assert projection.zoom0_px(640, 7) == 5
    assert projection.zoom0_px(640, 1) * 2 == 640


def test_a_projected_metre_is_shorter_on_the_ground_toward_the_poles():
    # The PNG's scale bar measures at the frame's middle latitude (downloads/image.py).
    assert projection.ground_scale(0) == 1
    assert abs(projection.ground_scale(60) - 0.5) < 1e-12
