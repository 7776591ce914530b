"""After the server restarts, the page that stayed open works as before, with no reload (issue #20).

Streamlit's page reconnects by itself and lands on a new server session; each test restarts the
server under an open page and then uses the controls a reader would.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.helpers import choose, layer_counts, map_frame, param, start_watching, wait_back, wait_for_map


def stop(page, server) -> None:
    """The server stopped under the page, which has seen it go: the page is watched from the moment the server is
    told to stop, not after its process has exited."""
    start_watching(page)
    server.proc.terminate()  # SIGTERM, as a host stopping a container; start() waits for the process to exit
    page.wait_for_function("() => window.__appStates.some((s) => !s.startsWith('CONNECTED '))")
    expect(page.get_by_test_id("stStatusWidget").get_by_text("Connecting")).to_be_visible()


@contextmanager
def pings_held(page):
    """Streamlit's page lays its own "Connection error" dialog over everything at its sixth failed ping (the
    connection manager's showRetryError; the pings wait 100 ms, then twice as long each time). From a server
    that refuses connections, that is 2-3 s after the page saw it go, and a reader can then click nothing: a
    test's clicks "while the page reconnects" raced that timer and lost on a busy machine. A server out of
    reach (pings unanswered, not refused) leaves the page usable for longer; the test makes its server so, its
    pings held until it has clicked, then refused as a stopped server refuses them."""
    held, released = [], []
    pings = re.compile(r"/_stcore/(health|host-config)$")
    page.route(pings, lambda route: route.abort("connectionrefused") if released else held.append(route))
    try:
        yield
    finally:
        released.append(True)
        for route in held:
            route.abort("connectionrefused")
        page.unroute(pings)


def start(page, server) -> None:
    server.proc.wait(timeout=20)
    server.start()
    wait_back(page)


def restart(page, server) -> None:
    stop(page, server)
    start(page, server)


def marks_for(browser, url: str) -> list[int]:
    """What a reader opening this link in a new tab sees on the map."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    fresh = context.new_page()
    fresh.goto(url)
    counts = layer_counts(wait_for_map(fresh))
    context.close()
    return counts


def test_after_a_restart_the_filters_work_and_the_view_is_kept(page, browser, restartable_server):
    # The steps of issue #20: a link, a filter and a map move made on the page, then a restart.
    page.goto(restartable_server.url + "/?org=CSTO")
    frame = wait_for_map(page)
    choose(page, "country", "Tajikistan")
    page.wait_for_function("() => new URLSearchParams(location.search).get('country') === 'TJ'")
    frame.evaluate("() => { window.__probe = 'same map'; window.map.setView([39.5, 69.5], 6, {animate: false}); }")
    page.wait_for_function("() => new URLSearchParams(location.search).get('lat') === '39.500'")
    before = layer_counts(frame)

    restart(page, restartable_server)

    # The new session's first run draws the link the page was opened with; the panel then sends it the
    # address bar and the map comes back to the reader's view by itself (README, "After a reconnect").
    frame.wait_for_function(f"() => JSON.stringify(window.feature_group.filter(g => window.map.hasLayer(g))"
                            f".map(g => g.getLayers().length)) === '{before}'.replace(/ /g, '')")
    expect(page.locator('details[data-key="country"] summary .chosen')).to_have_text("Tajikistan")
    choose(page, "kind", "Visit stops")
    page.wait_for_function("() => new URLSearchParams(location.search).get('kind') === 'visit_stop'")
    # The new session has the view the reader had, not the link the page was opened with.
    assert (param(page, "org"), param(page, "country")) == ("CSTO", "TJ")
    expected = marks_for(browser, page.url)
    assert expected != before
    frame.wait_for_function(f"() => JSON.stringify(window.feature_group.filter(g => window.map.hasLayer(g))"
                            f".map(g => g.getLayers().length)) === '{expected}'.replace(/ /g, '')")
    choose(page, "kind", "Military sites")
    page.wait_for_function("() => new URLSearchParams(location.search).get('kind') === 'visit_stop,military_site'")
    expect(page.locator('details[data-key="kind"] summary .chosen')).to_have_text("Visit stops, Military sites")
    expect(page.locator('details[data-key="country"] summary .chosen')).to_have_text("Tajikistan")
    # The same map, where the reader left it: not remounted, not moved.
    assert frame.evaluate("() => window.__probe") == "same map"
    assert frame.evaluate("() => window.map.getZoom()") == 6
    assert (param(page, "lat"), param(page, "lon"), param(page, "z")) == ("39.500", "69.500", "6")
    # The share box gives the view as it is now.
    page.get_by_role("button", name="Share this view").click()
    link = page.frame_locator('iframe[srcdoc*="Copy link"]').locator("#link")
    expect(link).to_have_value(re.compile(r"org=CSTO.*country=TJ.*kind=visit_stop,military_site.*z=6"))


def test_after_a_restart_map_clicks_select_and_a_cleared_selection_stays_cleared(page, restartable_server):
    page.goto(restartable_server.url + "/?lat=42.6&lon=74.2&z=8")
    wait_for_map(page)
    map_frame(page).locator(".site", has_text="◆").click()
    clear = page.get_by_role("button", name="Clear selection")
    expect(clear).to_be_visible()
    clear.click()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('sel')")

    restart(page, restartable_server)

    # The new session hears the map's last click again; the reader had cleared it since.
    choose(page, "country", "Kyrgyzstan")
    page.wait_for_function("() => new URLSearchParams(location.search).get('country') === 'KG'")
    expect(clear).to_have_count(0)
    assert param(page, "sel") is None
    map_frame(page).locator(".site", has_text="◆").click()
    expect(clear).to_be_visible()
    expect(page.get_by_text("Su-25 combat planes").first).to_be_visible()
    page.wait_for_function("() => new URLSearchParams(location.search).get('sel') === 'site-kant'")


def test_clicks_made_while_the_page_reconnects_are_applied_once_it_is_back(page, browser, restartable_server):
    page.goto(restartable_server.url + "/?lat=42.6&lon=74.2&z=8")
    frame = wait_for_map(page)
    with pings_held(page):
        stop(page, restartable_server)
        choose(page, "kind", "Military sites")
        map_frame(page).locator(".site", has_text="◆").click()
        # Both were made while the page had no server.
        expect(page.get_by_test_id("stStatusWidget").get_by_text("Connecting")).to_be_visible()
        assert page.evaluate("() => window.__appStates.at(-1)").startswith("PINGING_SERVER ")
    start(page, restartable_server)

    page.wait_for_function("() => new URLSearchParams(location.search).get('kind') === 'military_site'")
    expect(page.get_by_role("button", name="Clear selection")).to_be_visible()
    expect(page.get_by_text("Su-25 combat planes").first).to_be_visible()
    assert param(page, "sel") == "site-kant"
    expect(page.locator('details[data-key="kind"] summary .chosen')).to_have_text("Military sites")
    expected = marks_for(browser, page.url)
    frame.wait_for_function(f"() => JSON.stringify(window.feature_group.filter(g => window.map.hasLayer(g))"
                            f".map(g => g.getLayers().length)) === '{expected}'.replace(/ /g, '')")


def test_after_a_restart_downloads_navigation_and_charts_work(page, restartable_server):
    page.goto(restartable_server.url + "/data?country=KG")
    download = page.get_by_role("button", name="Download CSV")
    expect(download).to_be_visible()

    restart(page, restartable_server)

    with page.expect_download() as done:
        download.click()
    text = Path(done.value.path()).read_text(encoding="utf-8")
    assert "record_json" in text.splitlines()[0]
    assert "site-kant" in text and "site-201st" not in text  # the filter (Kyrgyzstan) holds
    page.get_by_role("link", name="Charts", exact=True).click()
    page.wait_for_url("**/charts**")
    chart = page.locator(".st-key-chart-membership .js-plotly-plot")
    chart.wait_for()
    chart.locator("g.point path").first.click(force=True)
    page.wait_for_function("() => location.search.includes('sel=m-')")
    assert param(page, "country") == "KG"
