"""The first ten seconds: the map, its legend and the evidence heading on the first screen, and no two
marks or labels on top of each other, at the first view and zooming in (issue 18)."""

from __future__ import annotations

import itertools

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import MAP_FRAME, open_map, wait_settled

pytestmark = pytest.mark.e2e

DESKTOPS = [(1280, 800), (1440, 900), (1920, 1080)]
PHONE = (390, 844)
MAX_OVERLAP = 0.20

# Every mark and permanent label the map draws, as boxes in the map frame's own coordinates.
BOXES = """() => {
  const out = [];
  const visible = (el) => { const s = getComputedStyle(el); return s.display !== 'none' && s.visibility !== 'hidden'
                            && parseFloat(s.opacity || '1') > 0.05; };
  const box = (el, kind, name) => {
    if (!visible(el)) return;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return;
    out.push({kind, name, x: r.left, y: r.top, w: r.width, h: r.height});
  };
  const mapBox = document.getElementById('map_div').getBoundingClientRect();
  document.querySelectorAll('.leaflet-marker-icon').forEach((icon) => {
    // The box of what is drawn, not of the icon's invisible frame.
    const parts = icon.querySelectorAll('.stop, .site, .leg-arrow, .leg-km, .edge-mark');
    if (icon.classList.contains('country-label')) {
      const span = icon.querySelector('span') || icon;
      box(span, 'label', icon.textContent.trim());
    } else {
      parts.forEach((p) => box(p, p.className.split(' ')[0], (p.textContent || '').trim()));
    }
  });
  document.querySelectorAll('.edge-mark').forEach((e) => box(e, 'edge-mark', e.textContent.trim()));
  return {marks: out.filter((b) => b.x + b.w > mapBox.left && b.x < mapBox.right
                                 && b.y + b.h > mapBox.top && b.y < mapBox.bottom),
          map: {x: mapBox.left, y: mapBox.top, w: mapBox.width, h: mapBox.height}};
}"""


def _overlaps(marks):
    found = []
    for a, b in itertools.combinations(marks, 2):
        w = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
        h = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
        if w > 0 and h > 0:
            share = w * h / min(a["w"] * a["h"], b["w"] * b["h"])
            if share > MAX_OVERLAP:
                found.append((round(share, 2), a["kind"], a["name"], b["kind"], b["name"]))
    return found


def _open(browser, server, size):
    context, page, frame = open_map(browser, server, size)
    wait_settled(page)
    return context, page, frame


@pytest.mark.parametrize("size", [*DESKTOPS, PHONE], ids=lambda s: f"{s[0]}x{s[1]}")
def test_nothing_overlaps_on_the_first_view_and_zooming_in(browser, server, size):
    context, page, frame = _open(browser, server, size)
    try:
        page.screenshot(path=str(ARTIFACTS / f"first-screen-{size[0]}x{size[1]}.png"))
        start = frame.evaluate("() => map.getZoom()")
        for zoom in range(start, start + 4):
            frame.evaluate(f"() => {{ map.setZoom({zoom}, {{animate: false}}); }}")
            frame.wait_for_function("() => window.__layoutDone === true")
            boxes = frame.evaluate(BOXES)
            assert not _overlaps(boxes["marks"]), (zoom, _overlaps(boxes["marks"]))
    finally:
        context.close()


@pytest.mark.parametrize("size", DESKTOPS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_map_its_legend_and_the_evidence_heading_are_on_the_first_screen(browser, server, size):
    context, page, frame = _open(browser, server, size)
    try:
        width, height = size
        for name, box in (("map", page.locator(MAP_FRAME).bounding_box()),
                          ("legend", _in_page(page, frame, ".map-legend")),
                          ("evidence heading", page.get_by_role("heading", name="Evidence").bounding_box())):
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, (name, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (name, box)
        # Issue 23: the legend never hides the map. It starts as a button, and no mark of the first view,
        # no shaded country's label and no part of the Tajik-Afghan border lies under it or another control.
        assert not frame.evaluate("() => document.querySelector('.map-legend details').open"), "a button at first"
        controls = [c.bounding_box() for c in frame.locator(".leaflet-control").all() if c.is_visible()]
        under = frame.locator(".leaflet-marker-pane .stop, .leaflet-marker-pane .site, .country-label span").all()
        for mark in under:
            b = mark.bounding_box()
            if b and mark.is_visible():
                for c in controls:  # touching within 2 px is not under (the map's layout keeps that gap)
                    assert not (b["x"] < c["x"] + c["width"] - 2 and c["x"] < b["x"] + b["width"] - 2
                                and b["y"] < c["y"] + c["height"] - 2 and c["y"] < b["y"] + b["height"] - 2), (b, c)
        border = frame.evaluate("""() => { var out = null; window.feature_group.forEach(function (g) {
            g.eachLayer(function (l) { if (!l.getLatLng && l.options.color === '#D55E00' && l.getBounds) {
              var b = l.getBounds(), p = map.latLngToContainerPoint(b.getSouthWest()); out = p.y; } }); });
            return out; }""")
        legend_top = frame.evaluate("() => document.querySelector('.map-legend').getBoundingClientRect().top")
        assert border is not None and border < legend_top, (border, legend_top)
    finally:
        context.close()


def test_on_a_phone_the_map_and_its_legend_button_start_on_the_first_screen(browser, server):
    context, page, frame = _open(browser, server, PHONE)
    try:
        top = page.locator(MAP_FRAME).bounding_box()["y"]
        assert top < PHONE[1] - 200, f"the map starts at {top}px"
        legend = _in_page(page, frame, ".map-legend summary")
        assert legend["y"] + legend["height"] <= PHONE[1], legend
        assert not frame.evaluate("() => document.querySelector('.map-legend details').open"), "a button on a phone"
    finally:
        context.close()


@pytest.mark.parametrize("size", [*DESKTOPS, PHONE], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_first_view_frames_the_three_stops(browser, server, size):
    context, page, frame = _open(browser, server, size)
    try:
        stops = frame.evaluate("""() => [...document.querySelectorAll('.leaflet-marker-pane .stop-made')].map(s => {
            const r = s.getBoundingClientRect(); return [s.textContent.trim(), r.left + r.width / 2, r.top + r.height / 2]; })""")
        assert sorted(s[0] for s in stops) == ["1", "2", "3"]
        for (_, x1, y1), (_, x2, y2) in itertools.combinations(stops, 2):
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= 40, stops
        # Moscow is off the first view, and an edge mark says where it is.
        assert frame.locator(".edge-mark").count() == 1 or frame.evaluate(
            "() => map.getBounds().contains([55.75, 37.62])")
    finally:
        context.close()


def _in_page(page, frame, selector):
    """A box inside the map frame, in the page's coordinates (Playwright gives them so)."""
    return frame.locator(selector).first.bounding_box()
