"""The published map (issue 28), made by the share box's "Publish this view (HTML)": it opens from disk and from a
plain static server with every other request refused, draws the view the reader had, opens a mark's quotes on a
click or a key, fills the frame a host page gives it from a phone to a column, and its link back reopens the view
on the dashboard. Screenshots are kept in tests/e2e/artifacts/."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import threading

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import OFF_CONTROLS, param, shading, tab_until, wait_for_map
from tests.e2e.test_briefing import CSP_WATCH, download, made_at_dushanbe, popup_shown

pytestmark = pytest.mark.e2e

HOST = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A newsroom's article</title>
<style>body {{ margin: 0; }} iframe {{ display: block; border: 0; }}</style></head>
<body><iframe id="map" src="{src}" title="Map of the tour" width="{width}" height="{height}"></iframe></body></html>"""


@contextlib.contextmanager
def static_server(folder):
    """A plain static server of `folder` (Python's, as any static host), on a port of its own: its URL."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="module")
def published(browser, server, tmp_path_factory):
    """The published map made on the map page with Dushanbe selected and the map moved there; and the map's
    frame and shading in the app at that moment."""
    return made_at_dushanbe(browser, server, tmp_path_factory.mktemp("published"), {"path": "download-embed"},
                            "published-share-box.png")


def open_file(browser, url: str, allowed: str, width: int = 1280, height: int = 800):
    """`url` opened in a context where every request but `allowed` is refused: (context, page, asked, errors)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    asked: list[str] = []

    def refuse(route):
        if route.request.url == allowed:
            route.continue_()
        else:
            asked.append(route.request.url)
            route.abort()

    context.route("**/*", refuse)
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector('#map[data-painted="1"][data-basemap="ready"]')
    page.wait_for_function("() => window.__layoutDone === true")
    return context, page, asked, errors


@pytest.mark.parametrize("way", ["disk", "static server"])
def test_it_opens_from_disk_and_from_a_static_server_asking_for_nothing(browser, published, way):
    path = published["path"]
    with contextlib.ExitStack() as stack:
        url = path.as_uri() if way == "disk" else stack.enter_context(static_server(path.parent)) + path.name
        context, page, asked, errors = open_file(browser, url, url)
        stack.callback(context.close)
        page.screenshot(path=str(ARTIFACTS / f"published-{way.replace(' ', '-')}.png"))
        assert asked == [] and errors == [] and page.evaluate("() => window.__csp") == []
        # The view as the reader had it: its shading, its layers, Dushanbe selected, the frame they left.
        assert shading(page.main_frame) == published["shading"]
        groups = page.evaluate("() => window.feature_group.map(g => g.getLayers().length)")
        assert len(groups) == 3 and all(n > 0 for n in groups), groups
        assert page.locator(".leaflet-marker-icon.is-selected .stop").count() == 1
        (south, west), (north, east) = published["frame"]["bounds"]
        shown = page.evaluate("() => { const b = map.getBounds(); return [b.getSouth(), b.getWest(), b.getNorth(),"
                              " b.getEast()]; }")
        assert shown[0] <= south + 0.05 and shown[1] <= west + 0.05 and shown[2] >= north - 0.05
        assert shown[3] >= east - 0.05
        # The map fills the window under its bar and the time strip (issue 29).
        box, strip = page.locator("#map").bounding_box(), page.locator(".file-strip").bounding_box()
        assert strip["y"] == pytest.approx(41, abs=1) and 24 <= strip["height"] <= 40
        assert box["y"] == pytest.approx(41 + strip["height"], abs=1)
        assert box["height"] == pytest.approx(800 - 41 - strip["height"], abs=1)


def test_a_click_opens_the_quotes_and_their_links_lead_to_the_dashboard(browser, server, published, corpus):
    url = published["path"].as_uri()
    context, page, asked, _ = open_file(browser, url, url)
    try:
        page.locator(".leaflet-marker-pane .stop-made", has_text="2").click()
        popup = popup_shown(page)
        page.screenshot(path=str(ARTIFACTS / "published-popup.png"))
        text = " ".join(popup.inner_text().split())
        stop = corpus.by_id["stop-dushanbe"]
        assert text.startswith(stop.title)
        for i, excerpt in enumerate(stop.excerpts):
            assert " ".join(excerpt.quote.split()) in text
            link = popup.locator(".excerpt").nth(i).get_by_role("link", name="Read in the article ↗")
            assert link.get_attribute("href") == (f"{server}/reader?source={excerpt.source}&excerpt=stop-dushanbe.{i}")
            assert corpus.sources[excerpt.source].label in popup.locator(".excerpt").nth(i).inner_text()
        # Where the sources disagree (the meeting's date), both versions are in the popup.
        dis = corpus.disputes["stop-dushanbe"][0]
        assert dis.title in text and all(" ".join(v.says.split()) in text for v in dis.versions)
        assert "Public records: context, not from the articles" in text
        record = popup.get_by_role("link", name="This record on the dashboard ↗").get_attribute("href")
        assert record.startswith(server + "/?") and "sel=stop-dushanbe" in record
        # The tooltip gave way to the popup.
        assert page.locator(".leaflet-tooltip").count() == 0
        live = page.get_by_role("link", name="Open the live view ↗").get_attribute("href")
        assert asked == []
    finally:
        context.close()
    # The link back reopens the view on the dashboard: its record, its map, its filters.
    assert live.startswith(server + "/?") and "sel=stop-dushanbe" in live and "z=7" in live
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(live)
        frame = wait_for_map(page)
        assert param(page, "sel") == "stop-dushanbe"
        assert frame.evaluate("() => map.getZoom()") == 7
        assert page.get_by_text(stop.title).first.is_visible()
    finally:
        context.close()


# The time strip's years that are shown and touch another, as [year, year] pairs (none: []).
YEARS_TOUCHING = """() => { const shown = [...document.querySelectorAll('.fs-axis span')].filter((s) => s.offsetWidth);
  const out = [];
  shown.forEach((a, i) => { const b = shown[i + 1], r = a.getBoundingClientRect();
    if (b && r.right + 2 > b.getBoundingClientRect().left) { out.push([a.textContent, b.textContent]); } });
  return out; }"""


@pytest.mark.parametrize(("width", "height"), [(320, 200), (320, 400), (360, 480), (390, 520), (480, 400)])
def test_in_a_phones_frame_no_badge_lies_on_a_control_and_no_year_on_another(browser, published, width, height):
    # A fresh reviewer (issue 28): at 320x200 the start's badge lay on the zoom buttons; from 320 to 390 px the time
    # strip's years ran into each other.
    path = published["path"]
    context, page, asked, errors = open_file(browser, path.as_uri(), path.as_uri(), width, height)
    try:
        page.screenshot(path=str(ARTIFACTS / f"published-{width}x{height}.png"))
        assert page.locator(".edge-mark").is_visible(), "the route's start is off this map: its badge is shown"
        assert page.evaluate(OFF_CONTROLS) == [], "the badge lies on a control"
        assert page.evaluate(YEARS_TOUCHING) == []
        if height >= 300:  # a shorter frame leaves the strip out
            years = page.locator(".fs-axis span").evaluate_all("s => s.filter((e) => e.offsetWidth).map((e) => e.textContent)")
            assert years[0] == "1991" and re.fullmatch(r"20\d\d", years[-1]) and len(years) >= 2
        assert asked == [] and errors == []
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), [(390, 520), (1100, 640)])
def test_it_fills_a_host_pages_frame_from_a_phone_to_a_column(browser, published, width, height):
    path = published["path"]
    host = HOST.format(src=path.name, width=width, height=height)
    (path.parent / "host.html").write_text(host, encoding="utf-8")
    with static_server(path.parent) as base:
        context = browser.new_context(viewport={"width": width, "height": height})
        context.add_init_script(CSP_WATCH)
        try:
            page = context.new_page()
            page.goto(base + "host.html")
            inner = page.frame_locator("#map")
            inner.locator('#map[data-painted="1"][data-basemap="ready"]').wait_for()
            frame = next(f for f in page.frames if f.parent_frame is page.main_frame)
            frame.wait_for_function("() => window.__layoutDone === true")
            page.screenshot(path=str(ARTIFACTS / f"published-host-{width}.png"))
            box = frame.evaluate("() => { const r = document.getElementById('map').getBoundingClientRect();"
                                 " return [r.width, r.height, document.documentElement.scrollWidth]; }")
            # Under the bar, the time strip (issue 29): the day shown on its line, whole, in the frame's width.
            strip = frame.locator(".file-strip").bounding_box()
            assert strip["width"] == width and 24 <= strip["height"] <= 40, strip
            day = frame.locator(".fs-day").bounding_box()
            assert day["x"] > 0 and day["x"] + day["width"] < width
            assert box[0] == width and box[1] == pytest.approx(height - 41 - strip["height"], abs=1) and box[2] <= width
            # A phone's frame: the legend is a button; a column's: a strip along the map's foot.
            assert frame.locator(".map-legend details[open]").count() == (0 if width < 700 else 1)
            assert frame.evaluate("() => window.__csp") == []
            # The host narrows (or widens) the frame: the legend changes form with it, once.
            page.evaluate(f"() => {{ const f = document.getElementById('map'); f.width = {1100 if width < 700 else 390}; }}")
            frame.wait_for_function(f"() => document.querySelectorAll('.map-legend.strip').length === {1 if width < 700 else 0}")
            assert frame.locator(".map-legend").count() == 1
        finally:
            context.close()


VIEW_JS = "() => [map.getCenter().lat.toFixed(3), map.getCenter().lng.toFixed(3), map.getZoom()]"


def test_the_keyboard_takes_the_file_to_full_screen_and_back_its_view_kept(browser, published):
    # A fresh reviewer (issue 28): the live map had a full-screen button, the published file none.
    url = published["path"].as_uri()
    context, page, asked, errors = open_file(browser, url, url, width=390, height=700)
    try:
        button = page.get_by_role("button", name="Full screen (Esc leaves)")
        expect(button).to_have_attribute("aria-pressed", "false")
        tab_until(page, "() => document.activeElement.classList.contains('full-screen')")
        # The reader's own view (Tab through the marks before the button brought lines off the map into view).
        page.evaluate("() => { map.setView([38.6, 68.8], 8, {animate: false}); }")
        before = page.evaluate(VIEW_JS)
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.fullscreenElement === document.documentElement")
        expect(button).to_have_attribute("aria-pressed", "true")
        expect(button).to_have_attribute("title", "Leave full screen")
        page.wait_for_function("() => map.getSize().x === window.innerWidth")
        assert page.evaluate(VIEW_JS) == before
        page.keyboard.press(" ")  # Space presses it too, as a button
        page.wait_for_function("() => !document.fullscreenElement")
        expect(button).to_have_attribute("aria-pressed", "false")
        assert page.evaluate(VIEW_JS) == before
        assert page.evaluate(OFF_CONTROLS) == []
        assert asked == [] and errors == []
    finally:
        context.close()


def test_a_host_on_another_origin_that_forbids_full_screen_gets_no_button(browser, published):
    # Its frame without allow="fullscreen" (a frame of the host's own origin may go full screen, by default).
    path = published["path"]
    with static_server(path.parent) as base:
        (path.parent / "host-no-fullscreen.html").write_text(
            HOST.format(src=base + path.name, width=390, height=600), encoding="utf-8")
        context = browser.new_context(viewport={"width": 390, "height": 600})
        try:
            page = context.new_page()
            page.goto(base.replace("127.0.0.1", "localhost") + "host-no-fullscreen.html")
            inner = page.frame_locator("#map")
            inner.locator('#map[data-painted="1"]').wait_for()
            expect(inner.locator(".leaflet-control-zoom-in")).to_have_count(1)
            expect(inner.locator(".full-screen")).to_have_count(0)
        finally:
            context.close()


def test_the_keyboard_opens_a_mark_and_the_about_box(browser, published, corpus):
    url = published["path"].as_uri()
    context, page, _, _ = open_file(browser, url, url, width=390, height=700)
    try:
        tab_until(page, "() => document.activeElement.textContent.trim() === 'About'")
        page.keyboard.press("Enter")
        panel = page.locator(".about-panel")
        panel.wait_for()
        page.wait_for_function("() => document.activeElement.classList.contains('about-panel')")
        assert "Corpus version" in panel.inner_text()
        # Over the time strip under the bar, its first lines too (a fresh reviewer: the strip hid them).
        first = panel.locator("dt").first.bounding_box()
        assert page.evaluate("([x, y]) => !!document.elementFromPoint(x, y).closest('.about-panel')",
                             [first["x"] + 4, first["y"] + first["height"] / 2])
        page.keyboard.press("Escape")
        assert panel.is_hidden() and page.evaluate("() => document.activeElement.tagName") == "SUMMARY"
        # The time strip's ticks in words (issue 29), by the keyboard: the strip itself is read-only.
        tab_until(page, "() => document.activeElement.textContent.startsWith('Ticks')")
        page.keyboard.press("Enter")
        ticks = page.locator(".fs-list ol")
        expect(ticks).to_contain_text("15 May 1992: CSTO: member: Russia, Kazakhstan")
        assert ticks.bounding_box()["width"] <= 390
        # Over the map's controls, not under them (a fresh reviewer saw + and − drawn over its first lines).
        zoom = page.locator(".leaflet-control-zoom-in").bounding_box()
        assert page.evaluate("([x, y]) => !!document.elementFromPoint(x, y).closest('.fs-list')",
                             [zoom["x"] + zoom["width"] / 2, zoom["y"] + zoom["height"] / 2])
        page.keyboard.press("Escape")
        assert ticks.is_hidden()
        assert page.evaluate("() => document.activeElement.innerText.trim()") == "Ticks"   # its count is hidden here
        # The legend's button (a narrow frame): Escape closes it too, the focus back on it (a fresh reviewer).
        legend = page.locator(".map-legend > details")
        legend.locator(":scope > summary").focus()
        page.keyboard.press("Enter")
        expect(legend).to_have_attribute("open", "")
        page.keyboard.press("Escape")
        expect(legend).not_to_have_attribute("open", "")
        assert page.evaluate("() => document.activeElement.tagName === 'SUMMARY' && "
                             "!!document.activeElement.closest('.map-legend')")
        page.locator("details.fs-list > summary").focus()  # where the reader was
        # On to the map's marks: a stop takes the focus, Enter opens its quotes.
        tab_until(page, "() => document.activeElement.classList.contains('leaflet-marker-icon') && "
                        "!!document.activeElement.querySelector('.stop-made')")
        stop = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
        page.keyboard.press("Enter")
        popup = popup_shown(page)
        assert "“" in popup.inner_text()
        # The popup has the focus: its links come next, not every other mark first; Escape gives the focus back.
        assert page.evaluate("() => !!document.activeElement.closest('.leaflet-popup')")
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.closest('.leaflet-popup') && "
                             "document.activeElement.tagName") == "A"
        assert axe_violations(page) == []
        page.keyboard.press("Escape")
        page.wait_for_function("() => !document.querySelector('.leaflet-popup')")
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == stop
        # A shaded country is named in words, its lines apart: "Kazakhstan · CSTO: member, since 15 May 1992 …".
        names = page.eval_on_selector_all(".leaflet-overlay-pane path[role=button]",
                                          "els => els.map(e => e.getAttribute('aria-label'))")
        assert any(re.search(r"^Kazakhstan · CSTO: member, since \d+ \w+ 1992", n) for n in names), names
    finally:
        context.close()


def test_a_hostile_corpus_yields_a_published_map_that_runs_only_its_own_scripts(browser, hostile_server, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    page.goto(hostile_server + "/?sel=stop-dushanbe")
    wait_for_map(page)
    path = download(page, "download-embed", tmp_path)
    context.close()
    url = path.as_uri()
    context, page, asked, errors = open_file(browser, url, url)
    try:
        page.locator(".leaflet-marker-pane .stop-made", has_text="2").click()
        popup_shown(page)
        page.locator("details.about > summary").click()
        page.screenshot(path=str(ARTIFACTS / "published-hostile.png"))
        assert page.evaluate("() => window.__pwned === undefined")
        assert page.locator("img[src='x']").count() == 0 and page.locator("script").count() == 3
        assert re.search(r"<img src=x onerror=window.__pwned=1>", page.locator("body").inner_text())
        assert asked == [] and errors == [] and page.evaluate("() => window.__csp") == []
    finally:
        context.close()


def test_a_file_asked_for_while_the_map_glides_is_of_the_frame_it_stops_on(browser, server, tmp_path):
    # A fresh reviewer dragged the map and pressed Publish within 300 ms: the file held the frame before the drag.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(server + "/")
        frame = wait_for_map(page)
        page.get_by_role("button", name="Share this view").click()
        button = page.get_by_test_id("download-embed")
        button.wait_for()
        moving = frame.evaluate("() => { map.panBy([-400, 0], {duration: 2}); return window.parent.__mapMoving; }")
        assert moving is True  # a glide of 2 s to the east, under way
        with page.expect_download(timeout=90000) as info:
            button.click()
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        ended = frame.evaluate("() => map.getBounds().getEast()")
        (_, _), (_, east) = json.loads(re.search(r'"extent":(\[\[.*?\]\])', path.read_text()).group(1))
        assert east == pytest.approx(ended, abs=0.05)
        assert page.evaluate("() => window.__mapMoving") is False
        # And the map stays where the reader took it (it was pulled back to where the drag began).
        page.get_by_test_id("download-status").filter(has_text="Saved").wait_for()
        assert frame.evaluate("() => map.getBounds().getEast()") == pytest.approx(ended, abs=0.05)
        assert "lon=" in page.evaluate("() => location.search")
    finally:
        context.close()
