"""Every grouping drawn whole (issue 23): the world with no cut, the far partners shaded, and the control
that frames the whole grouping, with an edge mark for a state too far to frame with the rest."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.contexts import Tabs
from tests.e2e.helpers import shaded, wait_for_map, wait_settled

pytestmark = pytest.mark.e2e

TODAY = "2026-12-05"


def _open(browser, server, query: str, size=(1280, 800)):
    context = Tabs(browser, server, {"width": size[0], "height": size[1]})
    page = context.new_page()
    page.set_default_timeout(30000)
    page.goto(f"{server}/?{query}")
    frame = wait_for_map(page)
    frame.wait_for_function("() => window.__layoutDone === true")
    return context, page, frame


def _whole(page, frame) -> str:
    control = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').locator(".whole-grouping button")
    control.focus()
    page.keyboard.press("Enter")  # by keyboard, as by mouse
    frame.wait_for_function("() => document.querySelector('.whole-grouping button').getAttribute('aria-pressed')"
                            " === 'true'")
    frame.wait_for_function("() => window.__layoutDone === true")
    return frame.evaluate("() => document.getElementById('grouping-status').textContent")


def _in_view(frame, iso2: str) -> bool:
    return frame.evaluate("""(code) => { var found = false; window.__basemap.eachLayer(function (f) {
        if (f.feature.properties.iso2 === code) { found = map.getBounds().contains(f.getBounds().getCenter()); } });
        return found; }""", iso2)


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)], ids=["1280", "390"])
def test_the_whole_sco_today_frames_its_far_partners(browser, server, size):
    context, page, frame = _open(browser, server, f"shade=SCO&date={TODAY}", size)
    try:
        colours = shaded(frame)
        for code in ("EG", "QA", "SA", "BH", "KW", "AE", "MV", "MM", "LK", "KH", "NP", "LA", "TR", "IN", "CN"):
            assert code in colours, code
        said = _whole(page, frame)
        assert said.startswith("Framed SCO: 27 states"), said
        for code in ("EG", "MM", "KH", "LA", "MV", "RU", "CN", "IN"):
            assert _in_view(frame, code), code
        assert "Whole SCO · 27 states" in frame.evaluate("() => document.querySelector('.whole-grouping').innerText")
        page.screenshot(path=str(ARTIFACTS / f"world-sco-{size[0]}.png"))
    finally:
        context.close()


def test_the_eaeu_shows_cuba_as_an_observer_at_the_edge(browser, server):
    context, page, frame = _open(browser, server, f"shade=EAEU&date={TODAY}")
    try:
        tip = frame.evaluate("""() => { var t = null; window.__basemap.eachLayer(function (f) {
            if (f.feature.properties.iso2 === 'CU') { t = f.getTooltip().getContent(); } }); return t; }""")
        assert "Cuba" in tip and "observer" in tip, tip
        assert "CU" in shaded(frame)
        said = _whole(page, frame)
        assert said == "Framed EAEU: 8 states; Cuba marked at the edge.", said
        edge = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').locator(".far-state")
        assert edge.inner_text().replace("\n", " ").startswith("➤ Cuba · observer ·")
        # Chosen, it takes the map to Cuba.
        edge.click()
        frame.wait_for_function("() => { var c = map.getCenter(); return c.lng < -60 && c.lng > -100; }")
        assert _in_view(frame, "CU")
    finally:
        context.close()


def test_the_world_at_zoom_2_has_no_straight_cut(browser, server):
    context, page, frame = _open(browser, server, f"shade=SCO&date={TODAY}&lat=35&lon=70&z=2", (1440, 900))
    try:
        # At zoom 2, and drawn there: the SVG renderer has redrawn the paths for the map's view.
        frame.wait_for_function("() => map.getZoom() === 2")
        wait_settled(page)
        page.screenshot(path=str(ARTIFACTS / "world-zoom-2.png"))
        # As drawn on the screen: China's shape reaches Shanghai and Hainan, India's Kanyakumari, Russia's Chukotka,
        # each far beyond the old box's straight edges at 105 E and 20 N.
        drawn = frame.evaluate("""() => { var out = {}; window.__basemap.eachLayer(function (f) {
            var el = f.getElement && f.getElement(), code = f.feature.properties.iso2;
            if (el && ['CN', 'IN', 'RU'].indexOf(code) >= 0) { var r = el.getBoundingClientRect();
              out[code] = [r.left, r.top, r.right, r.bottom]; } }); return out; }""")
        for code, lat, lon in (("CN", 31.2, 121.4), ("CN", 18.3, 109.5), ("IN", 8.1, 77.5), ("RU", 66.0, 185.0)):
            x, y = frame.evaluate(f"() => {{ var p = map.latLngToContainerPoint([{lat}, {lon}]); return [p.x, p.y]; }}")
            left, top, right, bottom = drawn[code]
            assert left - 3 <= x <= right + 3 and top - 3 <= y <= bottom + 3, (code, lat, lon, drawn[code], x, y)
        # The old box cut every state at 20-105 E and 20-65 N: the drawn shapes now reach past it on every side.
        reach = frame.evaluate("""() => { var b = null; window.__basemap.eachLayer(function (f) {
            b = b ? b.extend(f.getBounds()) : L.latLngBounds(f.getBounds().getSouthWest(), f.getBounds().getNorthEast()); });
            return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }""")
        assert reach[0] < -170 and reach[2] > 185 and reach[1] < -50 and reach[3] > 80, reach
        for code, lat, lon in (("CN", 31.23, 121.0), ("CN", 39.9, 116.4), ("IN", 12.97, 77.59), ("RU", 66.5, 185.0)):
            inside = frame.evaluate("""([code, lat, lon]) => { var hit = false; window.__basemap.eachLayer(function (f) {
                if (f.feature.properties.iso2 === code && f.getBounds().contains([lat, lon])) { hit = true; } });
                return hit; }""", [code, lat, lon])
            assert inside, (code, lat, lon)
    finally:
        context.close()
