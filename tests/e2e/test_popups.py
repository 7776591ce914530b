"""What the map opens lies whole inside the map and on top of every badge and control (issue 24, part 3): the
cases a first-time reader met (stop 3's tooltip cut at the left, its popup cut at the right, the Kant popup under
the "M Moscow" badge), then every popup and focus tooltip of the default view, on a desktop and a phone."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import ANIMATIONS_DONE_JS, MAP_FRAME, NEXT_FRAME_JS, STILL_JS, open_map, wait_settled

pytestmark = pytest.mark.e2e

SIZES = {"1280x800": (1280, 800), "390x844": (390, 844)}

# Where an opened element lies, and whether anything else is drawn over it: a grid of points across it, each of
# which must show the element itself (not a control, not a badge, not the page outside the frame).
COVERED = """(el) => {
  const map = document.getElementById('map_div').getBoundingClientRect();
  const part = el.querySelector('.leaflet-popup-content-wrapper') || el;
  const r = part.getBoundingClientRect(), covered = [];
  // A tooltip lets the pointer through (Leaflet's CSS): for this look it is hit as what it draws.
  const through = el.style.pointerEvents;
  el.style.pointerEvents = 'auto';
  for (let i = 0; i <= 6; i++) for (let j = 0; j <= 6; j++) {
    const x = r.left + 2 + (r.width - 4) * i / 6, y = r.top + 2 + (r.height - 4) * j / 6;
    const top = document.elementFromPoint(x, y);
    if (!top || !el.contains(top)) {
      covered.push([Math.round(x), Math.round(y), top ? String(top.className.baseVal ?? top.className) : 'outside']);
    }
  }
  el.style.pointerEvents = through;
  return {inside: r.left >= map.left && r.top >= map.top && r.right <= map.right && r.bottom <= map.bottom,
          box: [r.left, r.top, r.right, r.bottom].map(Math.round), map: [map.right, map.bottom].map(Math.round),
          covered: covered.slice(0, 5), text: part.textContent.trim().slice(0, 60),
          cls: el.className.slice(40), shifted: el.style.translate, at: (() => { const a = document.activeElement.getBoundingClientRect(); return [a.left, a.top].map(Math.round); })()};
}"""


def _open(browser, server, size):
    width, height = SIZES[size]
    context, page, frame = open_map(browser, server, (width, height), phone=width < 500)
    wait_settled(page)
    return context, page, frame


def _tab_to(page, frame, prefix: str) -> None:
    """Tab, as a keyboard user does, until the map's focused mark is named `prefix`…"""
    for _ in range(200):
        page.keyboard.press("Tab")
        name = frame.evaluate("() => document.activeElement && document.activeElement.getAttribute('aria-label')")
        if name and name.startswith(prefix):
            return
    raise AssertionError(f"Tab never reached {prefix!r}")


def _whole(frame, selector: str) -> dict:
    """Where the newest open `selector` lies, once it has settled (a map panned to it, badges stepped back)."""
    # The newest: one just closed may still be fading out before it.
    look = (f"() => {{ const el = [...document.querySelectorAll({selector!r})].pop(); "
            f"return el && ({COVERED})(el); }}")
    # Until it is open and at rest: Leaflet's pan over, the popup's fade done, the badges stepped back.
    frame.wait_for_function(f"() => !!([...document.querySelectorAll({selector!r})].pop())")
    # The map's own timers (it scrolls a focused mark into view 0 and 350 ms after it took focus) have run: a timer
    # of 350 ms set now fires after them, however late a busy machine runs them; then the refit after the pan.
    frame.evaluate("() => new Promise((done) => setTimeout(done, 350))")
    frame.wait_for_function("() => !window.__fitPending")
    frame.locator(selector).last.evaluate(STILL_JS)
    frame.evaluate(ANIMATIONS_DONE_JS)
    frame.evaluate(NEXT_FRAME_JS)
    found = frame.evaluate(look)
    assert found is not None, f"no {selector} open"
    return found


def _assert_whole(found: dict, what: str) -> None:
    assert found["inside"], f"{what} is cut by the map's edge: {found}"
    assert not found["covered"], f"{what} lies under something: {found}"


@pytest.mark.parametrize("size", SIZES)
def test_stop_3s_tooltip_on_focus_and_its_popup_after_enter_lie_whole_inside_the_map(browser, server, size):
    # Issue 24: the tooltip of stop 3 was cut at the left ("shkek"), its popup at the right.
    context, page, frame = _open(browser, server, size)
    try:
        _tab_to(page, frame, "Stop 3")
        tip = _whole(frame, ".leaflet-tooltip")
        assert "Bishkek" in tip["text"], tip
        page.screenshot(path=str(ARTIFACTS / f"popups-stop3-tooltip-{size}.png"))
        _assert_whole(tip, "stop 3's tooltip")
        page.keyboard.press("Enter")
        popup = _whole(frame, ".leaflet-popup")
        page.screenshot(path=str(ARTIFACTS / f"popups-stop3-popup-{size}.png"))
        assert "Putin" in popup["text"] or "Bishkek" in popup["text"], popup
        _assert_whole(popup, "stop 3's popup")
        # Escape closes it, the focus on the mark still (a fresh reviewer: the popup stayed).
        page.keyboard.press("Escape")
        frame.wait_for_function("() => !document.querySelector('.leaflet-popup')")
        assert frame.evaluate("() => document.activeElement.getAttribute('aria-label')").startswith("Stop 3")
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_kant_popup_lies_above_the_start_of_the_route_badge(browser, server, size):
    # Issue 24: on Kant, the "M Moscow 2,704 km" badge lay on top of the popup's text.
    context, page, frame = _open(browser, server, size)
    try:
        _tab_to(page, frame, "Kant air base")
        page.keyboard.press("Enter")
        popup = _whole(frame, ".leaflet-popup")
        page.screenshot(path=str(ARTIFACTS / f"popups-kant-{size}.png"))
        assert "Kant" in popup["text"], popup
        _assert_whole(popup, "the Kant popup")
        assert frame.locator(".edge-mark").count() == 1, "the badge is still drawn"
        frame.evaluate("() => { map.closePopup(); }")
        frame.wait_for_function("() => !document.querySelector('.edge-mark.under-opened')")
    finally:
        context.close()


# Every mark of the default view that opens a popup, by its record (the tooltip's ref), in the map's own order.
POPUP_REFS = """() => { const out = [];
  window.feature_group.forEach(g => g.eachLayer(l => {
    const tip = l.getTooltip && l.getTooltip(), m = tip && String(tip.getContent()).match(/ref: ([a-z0-9-]+)/);
    if (m && l.getPopup && l.getPopup() && !out.includes(m[1])) out.push(m[1]);
  }));
  return out; }"""
OPEN_POPUP = """(ref) => { let done = false; map.closePopup();
  window.feature_group.forEach(g => g.eachLayer(l => {
    const tip = l.getTooltip && l.getTooltip();
    if (!done && tip && String(tip.getContent()).includes('ref: ' + ref) && l.getPopup && l.getPopup()) {
      l.openPopup(); done = true; }
  }));
  return done; }"""


@pytest.mark.parametrize("size", SIZES)
def test_every_popup_and_focus_tooltip_of_the_default_view_lies_whole_and_on_top(browser, server, size):
    context, page, frame = _open(browser, server, size)
    try:
        refs = frame.evaluate(POPUP_REFS)
        assert len(refs) >= 8, refs  # the stops, the sites, the border, the call
        bad = []
        for ref in refs:
            assert frame.evaluate(OPEN_POPUP, ref)
            found = _whole(frame, ".leaflet-popup")
            if not found["inside"] or found["covered"]:
                bad.append((ref, found))
        frame.evaluate("() => { map.closePopup(); }")
        names = frame.evaluate("() => [...document.querySelectorAll('[data-rank][role=button]')]"
                               ".map(el => el.getAttribute('aria-label'))")
        assert len(names) >= 8, names
        for i, name in enumerate(names):
            frame.evaluate("(i) => document.querySelectorAll('[data-rank][role=button]')[i].focus()", i)
            found = _whole(frame, ".leaflet-tooltip")
            if not found["inside"] or found["covered"]:
                bad.append((name, found))
        assert not bad, "\n".join(f"{what}: {found}" for what, found in bad)
    finally:
        context.close()


def test_a_hovered_countrys_tooltip_near_the_maps_edges_lies_whole_inside_it(browser, server):
    # A country's tooltip follows the pointer (sticky): at the map's right edge, left edge and top, under the
    # zoom buttons, it still lies whole inside the map and on top.
    context, page, frame = _open(browser, server, "1280x800")
    try:
        box = page.locator(MAP_FRAME).bounding_box()
        for fx, fy in [(0.97, 0.3), (0.03, 0.45), (0.6, 0.03)]:
            x, y = box["x"] + box["width"] * fx, box["y"] + box["height"] * fy
            page.mouse.move(x, y)
            page.mouse.move(x + 2, y + 1)
            found = _whole(frame, ".leaflet-tooltip")
            _assert_whole(found, f"the tooltip hovered at {fx:.0%}, {fy:.0%} of the map")
    finally:
        context.close()


def test_a_focused_line_off_the_map_is_panned_in_at_the_readers_zoom(browser, server):
    # A fresh reviewer: Tab through the marks from a close view over Dushanbe, and the Kazakh-Russian border's turn
    # zoomed the map out to the whole continent (the reader's view lost before they reached the full-screen button).
    context, page, frame = open_map(browser, server, (1280, 800))
    try:
        frame.evaluate("() => { map.setView([38.56, 68.78], 7, {animate: false}); }")
        line = frame.locator('[aria-label^="The Kazakh–Russian border"]').first
        line.focus()
        frame.evaluate(NEXT_FRAME_JS)
        assert frame.evaluate("() => map.getZoom()") == 7
        drawn, box = line.bounding_box(), frame.locator("#map_div").bounding_box()
        assert drawn and drawn["width"] + drawn["height"] > 0
        assert (drawn["x"] < box["x"] + box["width"] and drawn["x"] + drawn["width"] > box["x"]
                and drawn["y"] < box["y"] + box["height"] and drawn["y"] + drawn["height"] > box["y"]), (drawn, box)
    finally:
        context.close()
