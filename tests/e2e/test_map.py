"""The map as a user meets it in Chromium: layers, clicks, filters, offline assets."""

from __future__ import annotations

from urllib.parse import urlparse

from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import choose, layer_counts, map_frame, request_host, wait_for_map, wait_idle


def test_map_paints_every_layer(page, server):
    page.goto(server + "/")
    frame = wait_for_map(page)
    counts = layer_counts(frame)
    assert len(counts) == 4 and all(n > 0 for n in counts[1:]), counts
    shaded = frame.evaluate("() => Object.keys(window.__membership || {}).length")
    assert shaded >= 5
    expect(map_frame(page).locator(".stop-icon .stop-made")).to_have_count(3)
    expect(map_frame(page).locator(".stop-icon .stop-not-made")).to_have_count(2)
    expect(map_frame(page).locator(".site")).to_have_count(3)
    expect(map_frame(page).locator(".map-legend")).to_be_visible()
    expect(page.locator("#map-watchdog")).to_be_hidden()  # a drawn map: the watchdog says nothing
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map.png"), full_page=True)


def test_clicking_a_base_marker_shows_its_excerpt(page, server):
    page.goto(server + "/?lat=42.6&lon=74.2&z=8")
    wait_for_map(page)
    map_frame(page).locator(".site", has_text="◆").click()
    expect(page.get_by_text("Kant air base (Kyrgyzstan)").first).to_be_visible()
    expect(page.get_by_text("Su-25 combat planes").first).to_be_visible()
    page.wait_for_function("() => location.search.includes('sel=site-kant')")


def test_a_filter_change_keeps_the_map_and_its_zoom(page, server):
    page.goto(server + "/")
    frame = wait_for_map(page)
    frame.evaluate("() => { window.__probe = 'same map'; window.map.setView([39.5, 69.5], 6, {animate: false}); }")
    before = layer_counts(frame)
    choose(page, "country", "Tajikistan")
    page.wait_for_function("() => location.search.includes('country=TJ')")
    frame.wait_for_function(f"() => JSON.stringify(window.feature_group.filter(g => window.map.hasLayer(g))"
                            f".map(g => g.getLayers().length)) !== '{before}'.replace(/ /g, '')")
    assert frame.evaluate("() => window.__probe") == "same map"
    assert frame.evaluate("() => window.map.getZoom()") == 6
    center = frame.evaluate("() => window.map.getCenter()")
    assert abs(center["lat"] - 39.5) < 0.01 and abs(center["lng"] - 69.5) < 0.01
    assert "lat=39.500" in page.url and "z=6" in page.url


def test_a_rerun_that_carries_an_older_view_never_moves_the_map(page, server):
    # Each rerun sends the address bar as it was when the rerun was asked for; under load its reply can arrive
    # after the reader moved the map (CI runs of issue 25: the map jumped back to the first view, zoom 5).
    # The server must not send that older view back to the map: here the address bar is made to hold one.
    page.goto(server + "/")
    frame = wait_for_map(page)
    frame.evaluate("() => { window.map.setView([39.5, 69.5], 6, {animate: false}); }")
    page.wait_for_function("() => location.search.includes('z=6')")
    page.evaluate("() => { const u = new URL(location.href); u.searchParams.set('lat', '48.000');"
                  " u.searchParams.set('lon', '60.000'); u.searchParams.set('z', '3');"
                  " history.replaceState(history.state, '', u); }")
    choose(page, "country", "Tajikistan")
    page.wait_for_function("() => location.search.includes('country=TJ')")
    wait_idle(page)
    assert frame.evaluate("() => window.map.getZoom()") == 6
    center = frame.evaluate("() => window.map.getCenter()")
    assert abs(center["lat"] - 39.5) < 0.01 and abs(center["lng"] - 69.5) < 0.01


def test_what_appears_above_the_map_never_remounts_it(page, server):
    # A notice, a search's status line or the "nothing matches" box coming or going above the map must
    # not move the map's element: Streamlit would then draw a new map, losing the reader's zoom.
    page.goto(server + "/?lat=39.5&lon=69.5&z=6&org=NOPE")
    frame = wait_for_map(page)
    expect(page.get_by_text("Some link parameters were ignored")).to_be_visible()
    frame.evaluate("() => { window.__probe = 'same map'; }")
    box = page.get_by_role("searchbox", name="Search")
    steps = [("Kant", "Search “Kant”"), ("zzqxv", "No record matches these filters."), ("", None)]
    for query, shown in steps:
        box.fill(query)
        box.press("Enter")
        page.wait_for_function(f"() => (new URLSearchParams(location.search).get('q') || '') === {query!r}")
        if shown:
            expect(page.get_by_text(shown).first).to_be_visible()
        else:
            expect(page.get_by_text("Search “")).to_have_count(0)
        assert wait_for_map(page).evaluate("() => window.__probe") == "same map", f"remounted after q={query!r}"
    page.get_by_test_id("filter-clear").click()  # "Clear all" clears the link's notices too
    expect(page.get_by_text("Some link parameters were ignored")).to_have_count(0)

    assert wait_for_map(page).evaluate("() => window.__probe") == "same map", "remounted when the notice went"
    assert wait_for_map(page).evaluate("() => window.map.getZoom()") == 6


def test_no_request_leaves_the_app(page, server):

    hosts = set()
    page.on("request", lambda r: hosts.add(request_host(r.url)))
    page.goto(server + "/")
    wait_for_map(page)
    page.get_by_role("link", name="Charts", exact=True).click()
    page.locator(".js-plotly-plot").first.wait_for()
    assert hosts <= {urlparse(server).netloc}, hosts


def test_the_map_fits_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(server + "/")
    wait_for_map(page)
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    assert box["width"] <= 390 and box["width"] > 300
    page.screenshot(path=str(ARTIFACTS / "map-phone.png"), full_page=False)
    context.close()


def test_a_map_script_that_fails_to_load_is_reported_on_the_page(page, server):
    page.route("**/leaflet.js", lambda route: route.abort())
    page.goto(server + "/")
    expect(page.get_by_role("alert").filter(has_text="The map could not be drawn")).to_be_visible()
    # Said as the script failed, not 20 s later when the watchdog gives up waiting for a map.
    expect(page.locator("#map-watchdog")).to_have_attribute("data-cause", "script")
    expect(page.get_by_text("Evidence").first).to_be_visible()


def test_clicking_a_shaded_country_shows_its_membership(page, server):
    # Central Kazakhstan, away from every marker: the click lands on the country's polygon.
    page.goto(server + "/?lat=48&lon=67&z=5")
    frame = wait_for_map(page)
    x, y = (frame.evaluate("() => { const p = window.map.latLngToContainerPoint([48.5, 66.5]); return [p.x, p.y]; }"))
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    expect(page.get_by_text("Kazakhstan in the CSTO: member").first).to_be_visible()
    page.wait_for_function("() => /sel=[^&]*kz[^&]*csto|sel=[^&]*csto[^&]*kz/i.test(location.search)")


FULLSCREEN_BUTTON = ".leaflet-control-zoom-fullscreen"
IN_FRAME_FOCUS = """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  const a = f && f.contentDocument && f.contentDocument.activeElement;
  return !!a && a.classList.contains('leaflet-control-zoom-fullscreen'); }"""


def test_the_full_screen_button_shows_the_map_alone_and_back_at_the_same_view_by_keyboard(browser, server):
    # Issue 28: a full-screen control on the map, reachable by keyboard, that keeps the view.
    from tests.e2e.helpers import open_map, tab_until

    context, page, frame = open_map(browser, server, (1280, 800), "/?lat=41.3&lon=69.2&z=6")
    try:
        frame.evaluate("() => { window.__sameMap = true; }")
        view = "() => [map.getCenter().lat, map.getCenter().lng, map.getZoom()]"
        button = map_frame(page).locator(FULLSCREEN_BUTTON)
        expect(button).to_have_attribute("aria-label", "Full screen (Esc leaves)")
        expect(button).to_have_attribute("aria-pressed", "false")
        tab_until(page, IN_FRAME_FOCUS)          # after the marks, as the zoom buttons are
        frame.wait_for_timeout(400)               # the map's pan to the last mark focused has ended
        before = frame.evaluate(view)             # the marks focused on the way moved the map to each
        page.keyboard.press("Space")
        frame.wait_for_function("() => document.fullscreenElement && document.fullscreenElement.id === 'map_div'")
        expect(button).to_have_attribute("aria-pressed", "true")
        # A toggle keeps its name (aria-pressed says the state); the tooltip says what a press does now.
        expect(button).to_have_attribute("aria-label", "Full screen (Esc leaves)")
        expect(button).to_have_attribute("title", "Leave full screen")
        map_frame(page).locator('#map_div[data-fullscreen="on"]').wait_for()   # the switch has settled
        assert frame.evaluate("() => [map.getSize().x, map.getSize().y]") == [1280, 800]
        page.screenshot(path=str(ARTIFACTS / "map-fullscreen.png"))
        assert frame.evaluate(view) == before, "the view the reader had, on the whole screen"
        assert page.evaluate(IN_FRAME_FOCUS), "focus stays on the button"
        page.keyboard.press("Enter")
        frame.wait_for_function("() => !document.fullscreenElement")
        expect(button).to_have_attribute("aria-pressed", "false")
        map_frame(page).locator('#map_div[data-fullscreen="off"]').wait_for()
        assert frame.evaluate("() => map.getSize().x") < 1280
        assert frame.evaluate(view) == before, "and the same view back in the page"
        assert frame.evaluate("() => window.__sameMap === true"), "the map was not drawn again"
    finally:
        context.close()
