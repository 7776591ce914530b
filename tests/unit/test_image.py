"""The map as a PNG: as wide as slides want, sharp at 2x, the view's frame, and the map's own colours."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from matplotlib.colors import to_rgb
from PIL import Image

from dashboard.corpus.load import load_corpus
from dashboard.downloads.image import MAX_ASPECT, MIN_ASPECT, build_map_png, pixel_of
from dashboard.downloads.snapshot import DEFAULT_EXTENT, Extent, make_snapshot, view_link
from dashboard.map.geo import load_borders, load_countries
from dashboard.map.marks import display_lines, membership_payload
from dashboard.map.projection import mercator_x, mercator_y
from dashboard.map.style import BORDER_COLOR, LAND_STYLE, SEA_COLOR, STOP_STYLE
from dashboard.query import link as vs
from dashboard.query.filters import FilterState
from tests.conftest import ROOT
from tests.hostile import PAYLOAD, make_hostile_corpus

MADE = dt.datetime(2026, 11, 29, 23, 41, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def geodata():
    return load_countries(ROOT / "geodata"), load_borders(ROOT / "geodata")


def draw(corpus, geodata, view=None, extent=None):
    view = view or vs.ViewState()
    snap = make_snapshot(corpus, view, made=MADE, link=view_link("http://127.0.0.1:8501/", view, corpus),
                         extent=extent)
    return snap, build_map_png(snap, *geodata)


@pytest.fixture(scope="module")
def default(corpus, geodata):
    snap, image = draw(corpus, geodata)
    return snap, image, Image.open(io.BytesIO(image.png)).convert("RGB")


def rgb(color: str, alpha: float = 1.0, under: str = SEA_COLOR) -> tuple[int, int, int]:
    """A colour as it shows: `alpha` of it over `under` (a shaded country's fill over the map's background)."""
    top, bottom = to_rgb(color), to_rgb(under)
    return tuple(round(255 * (alpha * t + (1 - alpha) * b)) for t, b in zip(top, bottom))


def patch_colour(pixels: Image.Image, x: int, y: int, half: int = 6) -> tuple[int, int, int]:
    """The most common colour of a small square: thin lines and labels crossing it do not change it."""
    counts = Counter(pixels.getpixel((i, j)) for i in range(x - half, x + half + 1) for j in range(y - half, y + half + 1))
    return counts.most_common(1)[0][0]


def close(a, b, tolerance: int = 3) -> bool:
    return all(abs(p - q) <= tolerance for p, q in zip(a, b))


def test_it_is_wide_enough_for_slides_at_twice_the_density(default):
    _, image, pixels = default
    assert image.width >= 1600 and pixels.size == (image.width, image.height)
    dpi = Image.open(io.BytesIO(image.png)).info["dpi"]
    assert round(dpi[0]) == 192  # 2 x 96: a 3 px line of the map is 6 pixels here


def test_it_says_what_it_shows_in_its_metadata(corpus, default):
    snap, image, _ = default
    info = Image.open(io.BytesIO(image.png)).info
    assert info["Title"] == "Putin's Central Asia tour, 27–28 February 2017"
    assert info["Source"] == snap.link
    assert "Natural Earth" in info["Copyright"] and "CC BY 4.0" in info["Copyright"]
    assert "Countries shaded by CSTO membership on 27 Feb 2017" in info["Description"]
    e = image.extent
    assert info["Frame"].startswith(f"south {e.south:.5f}, west {e.west:.5f}, north {e.north:.5f}, east {e.east:.5f}")


def test_its_frame_is_the_views(default):
    snap, image, _ = default
    assert snap.extent == DEFAULT_EXTENT
    drawn = image.extent
    # Never cut: the view's frame is inside what is drawn, about the same centre.
    assert drawn.south <= snap.extent.south + 1e-9 and drawn.north >= snap.extent.north - 1e-9
    assert drawn.west <= snap.extent.west + 1e-9 and drawn.east >= snap.extent.east - 1e-9
    assert drawn.center == pytest.approx(snap.extent.center, abs=1e-6)
    # The map's box has the frame's shape (Web Mercator, as Leaflet draws it).
    left, top, right, bottom = image.box
    shape = (mercator_y(drawn.south) - mercator_y(drawn.north)) / (mercator_x(drawn.east) - mercator_x(drawn.west))
    assert (bottom - top) / (right - left) == pytest.approx(shape, rel=1e-6)


@pytest.mark.parametrize(("frame", "wider"), [
    (Extent.around(39.0, 70.0, 6, 390, 700), "east-west"),  # a phone's tall map
    (Extent.around(39.0, 70.0, 5, 1900, 500), "north-south"),  # a very wide one
])
def test_a_frame_of_another_shape_is_widened_not_cut(corpus, geodata, frame, wider):
    _, image = draw(corpus, geodata, extent=frame)
    drawn = image.extent
    left, top, right, bottom = image.box
    assert MIN_ASPECT <= (bottom - top) / (right - left) <= MAX_ASPECT
    assert drawn.south <= frame.south + 1e-9 and drawn.north >= frame.north - 1e-9
    assert drawn.west <= frame.west + 1e-9 and drawn.east >= frame.east - 1e-9
    if wider == "east-west":
        assert drawn.east - drawn.west > frame.east - frame.west and drawn.north == pytest.approx(frame.north)
    else:
        assert drawn.north - drawn.south > frame.north - frame.south and drawn.east == pytest.approx(frame.east)


# Points well inside a country, away from the tour's marks: (code, lat, lon).
INSIDE = [("KZ", 43.3, 68.3), ("KG", 41.6, 74.8), ("TJ", 39.0, 70.6), ("UZ", 40.3, 66.9), ("CN", 39.6, 77.4),
          ("AF", 36.65, 69.2)]


def test_its_colours_are_the_maps(corpus, default):
    # What the map sends the browser for each country (its fill and opacity over the map's background),
    # against what the image shows there.
    snap, image, pixels = default
    payload = membership_payload(dict(snap.status), snap.org_short, corpus, snap.as_of)
    assert {payload[c]["status"] for c in ("KZ", "KG", "TJ")} == {"member"} and payload["UZ"]["status"] == "suspended"
    for code, lat, lon in INSIDE:
        style = payload[code]["style"] if code in payload else LAND_STYLE
        expected = rgb(style["fillColor"], style["fillOpacity"])
        shown = patch_colour(pixels, *pixel_of(image, lat, lon))
        assert close(shown, expected), (code, shown, expected)


def test_the_sea_is_the_maps_background_and_the_world_has_no_cut(corpus, geodata):
    # The image draws the same world as the map: the Arabian Sea is the background, and Sudan, south of the old
    # map box's 20° N, is land (issue 23: it was drawn as sea).
    _, image = draw(corpus, geodata, extent=Extent(10, 55, 22, 70))
    pixels = Image.open(io.BytesIO(image.png)).convert("RGB")
    assert close(patch_colour(pixels, *pixel_of(image, 15, 62)), rgb(SEA_COLOR))
    _, image = draw(corpus, geodata, extent=Extent(12, 14, 24, 30))
    pixels = Image.open(io.BytesIO(image.png)).convert("RGB")
    assert close(patch_colour(pixels, *pixel_of(image, 15, 22)), rgb(LAND_STYLE["fillColor"]))


def test_the_stops_and_the_border_are_drawn_in_their_colours(corpus, geodata, default):
    snap, image, pixels = default
    almaty = corpus.by_id["stop-almaty"].location
    x, y = pixel_of(image, almaty.lat, almaty.lon)
    assert close(pixels.getpixel((x - 14, y)), rgb(STOP_STYLE["made"]), 8)  # the badge's dark disc
    border = geodata[1].set_index("id").loc[corpus.by_id["border-tj-af"].geodata_id]
    points = [p for line in display_lines(border.geometry.wkb) for p in line[::4]]
    hits = [close(pixels.getpixel(pixel_of(image, lat, lon)), rgb(BORDER_COLOR), 12) for lat, lon in points
            if image.extent.contains(lat, lon)]
    assert len(hits) > 10 and sum(hits) / len(hits) > 0.6


def test_a_layer_turned_off_is_not_drawn(corpus, geodata):
    _, image = draw(corpus, geodata, vs.ViewState(layers=("route",)))
    pixels = Image.open(io.BytesIO(image.png)).convert("RGB")
    for code, lat, lon in INSIDE:  # no shading: every country in the land colour
        assert close(patch_colour(pixels, *pixel_of(image, lat, lon)), rgb(LAND_STYLE["fillColor"])), code
    colours = Counter(pixels.get_flattened_data())
    assert sum(n for c, n in colours.items() if close(c, rgb(BORDER_COLOR), 6)) < 200


def test_other_filters_and_dates_change_what_is_drawn(corpus, geodata):
    # Uzbekistan was a CSTO member in 2008 (the map's own test says so too).
    view = vs.ViewState(filters=FilterState(as_of=dt.date(2008, 6, 1)))
    snap, image = draw(corpus, geodata, view)
    pixels = Image.open(io.BytesIO(image.png)).convert("RGB")
    payload = membership_payload(dict(snap.status), snap.org_short, corpus, snap.as_of)
    style = payload["UZ"]["style"]
    assert close(patch_colour(pixels, *pixel_of(image, 40.3, 66.9)), rgb(style["fillColor"], style["fillOpacity"]))


def test_hostile_text_is_drawn_as_text(tmp_path, geodata):
    annotations, seeds = make_hostile_corpus(tmp_path)
    hostile = load_corpus(annotations, seeds)
    _, image = draw(hostile, geodata, vs.ViewState(selected="stop-dushanbe",
                                                   filters=FilterState(query="$a$ {{7*7}}")))
    info = Image.open(io.BytesIO(image.png)).info
    assert "$a$ {{7*7}}" in info["Description"] and image.width >= 1600
    assert PAYLOAD.split(" ")[0] in info["Description"]


def test_a_patterned_status_is_hatched_as_on_the_map(corpus, default):
    # Issue 13's patterns hold in the image: suspended Uzbekistan is its colour crossed by dark hatching;
    # members are plain.
    snap, image, pixels = default
    payload = membership_payload(dict(snap.status), snap.org_short, corpus, snap.as_of)

    def dark_share(code: str) -> float:
        lat, lon = next((lat, lon) for c, lat, lon in INSIDE if c == code)
        x, y = pixel_of(image, lat, lon)
        window = [pixels.getpixel((i, j)) for i in range(x - 12, x + 13) for j in range(y - 12, y + 13)]
        return sum(1 for p in window if sum(p) < 3 * 110) / len(window)

    assert payload["UZ"]["status"] == "suspended" and payload["KZ"]["status"] == "member"
    assert dark_share("UZ") > 0.05
    assert dark_share("KZ") == 0


def test_the_legend_lists_a_selection_only_when_it_is_drawn(corpus, geodata):
    # A selection the filters hide is not on the map (as in the app), so the legend must not promise its ring.
    _, shown = draw(corpus, geodata, vs.ViewState(selected="stop-dushanbe"))
    assert "selected" in shown.legend and "stop, in order" in shown.legend
    hidden_view = vs.ViewState(filters=FilterState(orgs=("org-sco",)), selected="stop-dushanbe")
    _, hidden = draw(corpus, geodata, hidden_view)
    assert "selected" not in hidden.legend


def test_the_legend_promises_the_disagreement_badge_only_when_one_is_drawn(corpus, geodata):
    # The '!' badge sits on stops and sites only. With neither drawn, a disputed border or membership in view
    # drew no badge, yet the legend said "the sources disagree" (it asked the records, not the map).
    _, shown = draw(corpus, geodata)
    assert "the sources disagree" in shown.legend
    _, lines_only = draw(corpus, geodata, vs.ViewState(layers=("members", "border")))
    assert "border the articles discuss" in lines_only.legend
    assert "the sources disagree" not in lines_only.legend


@pytest.mark.parametrize("words", [6, 40])
def test_a_long_title_stays_within_the_image(corpus, geodata, words):
    # A fresh reviewer: a story step's title ran off the PNG's right edge ("… 28 Feb 2017 – to").
    from dashboard.downloads.image import CSS_WIDTH, MARGIN, SCALE, _Painter
    from dashboard.downloads.snapshot import Focus

    title = " ".join(["Dushanbe"] * words)
    snap = make_snapshot(corpus, vs.ViewState(), made=MADE, focus=Focus(title=title))
    painter = _Painter(snap, *geodata)
    painter.layout()
    painter.header()
    head = painter.fig.texts[0]
    right = head.get_window_extent(painter.fig.canvas.get_renderer()).x1
    assert right <= (CSS_WIDTH - MARGIN) * SCALE + 1
    if words == 6:
        assert head.get_text() == title and head.get_fontsize() == pytest.approx(22 * 0.75)   # fits as it is
    else:
        assert head.get_text().endswith(" …") and head.get_fontsize() < 22 * 0.75


LONG_FILTERS = vs.ViewState(filters=FilterState(orgs=("org-csto", "org-eaeu"), countries=("KZ", "TJ", "KG"),
                                                kinds=("visit_stop", "military_site"), query="Dushanbe",
                                                date_from=dt.date(2017, 2, 27), date_to=dt.date(2017, 2, 28)))


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("view", [vs.ViewState(), LONG_FILTERS], ids=["no filter", "many filters"])
def test_the_filters_line_is_whole_within_the_image_and_above_the_map(corpus, geodata, lang, view):
    # In Russian the filters' words ran off the PNG's right edge, and a long line was shortened by its characters
    # (" …"): every word of the filters now reads whole, on as many lines as it takes, and the map moves down.
    from dashboard import i18n
    from dashboard.downloads.image import CSS_WIDTH, MARGIN, SCALE, _Painter

    with i18n.override(lang):
        snap = make_snapshot(corpus, view, made=MADE)
        painter = _Painter(snap, *geodata)
        painter.layout()
        painter.header()
        renderer = painter.fig.canvas.get_renderer()
        lines = painter.fig.texts[2:]
        words = " ".join(t.get_text() for t in lines)
        # Whole: nothing shortened, from the first filter to the layers, said last.
        assert "…" not in words and i18n.gettext("Layers: {layers}").split(":")[0] + ":" in words
        if view.filters.active_facets():
            assert "Dushanbe" in words
        map_top = painter.ax.get_window_extent(renderer).y1
        for above, line in zip([painter.fig.texts[1], *lines], lines):
            box = line.get_window_extent(renderer)
            assert box.x1 <= (CSS_WIDTH - MARGIN) * SCALE + 1, line.get_text()
            assert box.y0 >= map_top, f"on the map: {line.get_text()}"
            assert box.y1 <= above.get_window_extent(renderer).y0 + 1, f"on the line above: {line.get_text()}"
    if view.filters.active_facets():
        assert len(lines) > 1
