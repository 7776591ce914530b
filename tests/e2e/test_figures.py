"""One view, one figure (issue 24, case 6): the "M Moscow … km" badge read 3,119 km in the app, 3,434 km in the
briefing and 3,125 km in the PNG, and nowhere said that it measures from the map's centre. Now it says so, and
the app, the briefing file (downloaded through the app's button, opened from disk) and the PNG give one figure
for one frame. The records in view agree across the app's words and the briefing too."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from dashboard.downloads.image import edge_distance_km, edge_label
from dashboard.downloads.snapshot import Extent
from tests.e2e.contexts import Tabs
from tests.e2e.helpers import wait_for_map
from tests.e2e.test_briefing import download, open_offline

pytestmark = pytest.mark.e2e

@pytest.fixture(scope="module")
def one_view(browser, server, tmp_path_factory):
    context = Tabs(browser, server, {"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30000)
    page.goto(server + "/")
    frame = wait_for_map(page)
    frame.evaluate("() => { map.setView([40.5, 71.5], 6, {animate: false}); }")
    page.wait_for_function("() => window.__mapFrame && window.__mapFrame.zoom === 6")
    frame.wait_for_function("() => { const e = document.querySelector('.edge-mark'); return e && e.offsetParent; }")
    seen = {"badge": frame.evaluate("() => document.querySelector('.edge-mark span:last-child').textContent"),
            "live": page.locator('[data-testid="filter-panel"]').evaluate(
                "p => (p.getRootNode().querySelector('[role=status]') || {}).textContent || ''"),
            "caption": page.get_by_text(re.compile(r"every excerpt of the \d+ records in view")).inner_text()}
    folder = tmp_path_factory.mktemp("figures")
    seen["html"] = download(page, "download-briefing", folder)
    seen["png"] = download(page, "download-png", folder)
    context.close()
    return seen


def test_the_badge_says_what_it_measures_and_from_where(one_view):
    assert re.fullmatch(r"M Moscow [\d,]+ km from the map's centre", one_view["badge"]), one_view["badge"]


def test_the_app_the_briefing_and_the_png_give_one_figure(browser, one_view, corpus):
    context, page, _, _ = open_offline(browser, one_view["html"])
    try:
        page.wait_for_function("() => { const e = document.querySelector('.edge-mark'); return e && e.offsetParent; }")
        in_file = page.evaluate("() => document.querySelector('.edge-mark span:last-child').textContent")
    finally:
        context.close()
    image = Image.open(io.BytesIO(one_view["png"].read_bytes()))
    south, west, north, east = (float(v) for v in re.findall(r"-?\d+\.\d+", image.info["View"])[:4])
    lat, lon = Extent(south, west, north, east).center
    moscow = corpus.by_id["stop-moscow"].location
    in_png = edge_label("Moscow", edge_distance_km(lat, lon, moscow.lat, moscow.lon))
    assert one_view["badge"] == in_file == in_png


def test_the_records_in_view_are_one_number_in_the_app_and_the_briefing(one_view):
    records = re.search(r"every excerpt of the (\d+) records in view", one_view["caption"])[1]
    text = one_view["html"].read_text(encoding="utf-8")
    assert f"{records} records in view" in text
