"""The page always scrolls over the map (issue 24, part 4): the wheel scrolls the page on a desktop and one finger
on a phone; Ctrl and the wheel zoom the map, two fingers move it, and a hint says so when a reader tries
otherwise (leaflet-gesture-handling, pinned in dashboard/map/assets.py). On a phone the Story page's step starts on
the first screen."""

from __future__ import annotations

import pytest

from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import MAP_FRAME, NEXT_FRAME_JS, OFF_CONTROLS, open_map, wait_settled

pytestmark = pytest.mark.e2e

DESKTOP, PHONE = (1280, 800), (390, 844)
# How far the page is scrolled: Streamlit scrolls its main block, not the window.
SCROLLED = """() => Math.max(window.scrollY,
  ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')].map(e => e.scrollTop))"""
HINT = """() => { const c = map.getContainer(), after = getComputedStyle(c, '::after');
  return {shown: /gesture-handling-(scroll|touch)-warning/.test(c.className),
          says: after.content.replace(/^"|"$/g, '')}; }"""
VIEW = "() => [map.getCenter().lat, map.getCenter().lng, map.getZoom()]"


def _map_middle(page, dy: float = 0.5) -> tuple[float, float]:
    box = page.locator(MAP_FRAME).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] * dy


def _drag(cdp, page, points_from: list[tuple[float, float]], dy: float, steps: int = 10) -> None:
    """A finger drag (or two fingers side by side), upward by dy, as a phone's touch screen sends it."""
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart",
                                          "touchPoints": [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points_from)]})
    for k in range(1, steps + 1):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [
            {"x": x, "y": y - dy * k / steps, "id": i} for i, (x, y) in enumerate(points_from)]})
        page.evaluate(NEXT_FRAME_JS)  # one move a frame, as a finger's events come


def test_the_wheel_over_the_map_scrolls_the_page_and_ctrl_and_the_wheel_zoom_the_map(browser, server):
    # Issue 24: on a desktop, the mouse wheel over the map zoomed it out instead of scrolling the page.
    context, page, frame = open_map(browser, server, DESKTOP)
    try:
        frame.evaluate("() => { window.__sameMap = true; }")
        before = frame.evaluate(VIEW)
        page.mouse.move(*_map_middle(page, 0.4))
        page.mouse.wheel(0, 300)
        page.wait_for_function(f"() => ({SCROLLED})() > 100")
        frame.wait_for_function(f"() => ({HINT})().shown")  # the plugin has seen the wheel and answered it
        wait_settled(page)
        assert frame.evaluate(VIEW) == before, "the wheel alone leaves the map as it was"
        hint = frame.evaluate(HINT)
        page.screenshot(path=str(ARTIFACTS / "gestures-wheel-hint.png"))
        assert hint == {"shown": True, "says": "Use Ctrl + scroll to zoom the map"}, hint
        assert axe_violations(page) == [], "the hint over the map"
        scrolled = page.evaluate(SCROLLED)
        page.mouse.move(*_map_middle(page, 0.4))
        page.keyboard.down("Control")
        page.mouse.wheel(0, -240)
        page.keyboard.up("Control")
        frame.wait_for_function(f"() => map.getZoom() > {before[2]}")
        assert page.evaluate(SCROLLED) == scrolled, "Ctrl and the wheel zoom the map, not the page"
        assert frame.evaluate("() => window.__sameMap === true"), "the map was never remounted"
    finally:
        context.close()


def test_on_a_phone_one_finger_scrolls_the_page_and_two_fingers_move_the_map(browser, server):
    # Issue 24: on a phone, a finger drag over the map panned it instead of scrolling the page.
    context, page, frame = open_map(browser, server, PHONE, phone=True)
    try:
        cdp = context.new_cdp_session(page)
        before = frame.evaluate(VIEW)
        x, y = _map_middle(page, 0.6)
        _drag(cdp, page, [(x, y)], 200)
        hint = frame.evaluate(HINT)
        page.screenshot(path=str(ARTIFACTS / "gestures-touch-hint.png"))
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        wait_settled(page)
        assert hint == {"shown": True, "says": "Use two fingers to move the map"}, hint
        assert page.evaluate(SCROLLED) > 100, "one finger scrolls the page"
        assert frame.evaluate(VIEW) == before, "one finger leaves the map as it was"
        scrolled = page.evaluate(SCROLLED)
        x, y = _map_middle(page, 0.5)
        _drag(cdp, page, [(x - 40, y), (x + 40, y)], 120)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        frame.wait_for_function(f"() => Math.abs(map.getCenter().lat - {before[0]}) > 0.1")
        assert abs(page.evaluate(SCROLLED) - scrolled) < 5, "two fingers move the map, not the page"
    finally:
        context.close()


def test_on_a_phone_the_story_steps_words_start_on_the_first_screen_and_a_finger_scrolls_to_them(browser, server):
    # Issue 24: the Story page's map was a screen high on a phone, and every step's quotes below the fold.
    context, page, frame = open_map(browser, server, PHONE, path="/story?story=3", phone=True)
    try:
        frame.wait_for_function("() => document.getElementById('map_div').dataset.storyArrived === '3'")
        words = page.get_by_test_id("story-step").bounding_box()
        page.screenshot(path=str(ARTIFACTS / "gestures-story-phone.png"))
        assert words["y"] + 60 <= PHONE[1], f"the step's words start at {words['y']}px"
        assert axe_violations(page) == [], "the Story page on a phone"
        # The map fills its (shorter) frame: its foot, the scale, shows (both boxes in the page's coordinates).
        scale = frame.locator(".leaflet-control-scale").bounding_box()
        box = page.locator(MAP_FRAME).bounding_box()
        assert scale["y"] + scale["height"] <= box["y"] + box["height"], (scale, box)
        before = frame.evaluate(VIEW)
        cdp = context.new_cdp_session(page)
        x, y = _map_middle(page, 0.5)
        _drag(cdp, page, [(x, y)], 150)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        wait_settled(page)
        assert page.evaluate(SCROLLED) > 80
        assert frame.evaluate(VIEW) == before
        # On the shorter map, step 4's edge mark ("M Moscow …") keeps off the zoom buttons.
        frame.evaluate("() => window.__storyGo(4, false)")
        frame.wait_for_function("() => document.getElementById('map_div').dataset.storyArrived === '4' && "
                                "window.__layoutDone === true")
        wait_settled(page)
        assert frame.evaluate(OFF_CONTROLS) == [], "the edge mark lies on a control"
    finally:
        context.close()


def test_a_mouse_drags_the_map(browser, server):
    # The review of issue 28: the plugin lets a mouse drag the map once Leaflet says the mouse is over the map,
    # which it never said when the mouse came in over a country (every part of the map is one).
    context, page, frame = open_map(browser, server, DESKTOP)
    try:
        before = frame.evaluate(VIEW)
        x, y = _map_middle(page, 0.6)
        page.mouse.move(x, y)
        page.mouse.down()
        for k in range(1, 11):
            page.mouse.move(x - 12 * k, y - 6 * k)
        page.mouse.up()
        frame.wait_for_function(f"(b) => ({VIEW})()[1] > b[1] + 1", arg=before)   # dragged west: the map looks east
        assert frame.evaluate(VIEW)[2] == before[2], "a drag pans, it does not zoom"
    finally:
        context.close()
