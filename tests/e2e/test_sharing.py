"""Links: a shared URL reproduces the view, hostile ones do nothing, a base path still works."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from dashboard.map.style import MEMBERSHIP_STYLE
from tests.e2e.helpers import choose, layer_counts, map_frame, request_host, shaded, wait_for_map, wait_still

MEMBER = MEMBERSHIP_STYLE["member"]["fillColor"]


def test_a_shared_url_reproduces_the_filtered_map_and_excerpts(page, server):
    page.goto(server + "/?country=TJ&sel=site-201st&lat=38.700&lon=69.000&z=7")
    frame = wait_for_map(page)
    expect(page.get_by_text("201st military base (Tajikistan)").first).to_be_visible()
    expect(page.get_by_text("the largest ground troops").first).to_be_visible()
    assert frame.evaluate("() => window.map.getZoom()") == 7
    expect(map_frame(page).locator(".stop-icon .stop-made")).to_have_count(1)
    assert layer_counts(frame)[2] > 0


def test_ticking_a_grouping_redraws_the_map_for_it_and_puts_it_in_the_url(page, server):
    page.goto(server + "/")
    frame = wait_for_map(page)
    assert shaded(frame)["TJ"] == MEMBER  # the CSTO on the tour's day
    choose(page, "org", "EAEU")
    page.wait_for_function("() => new URLSearchParams(location.search).get('org') === 'EAEU'")
    # The map now shades by the EAEU: its five members on 27 Feb 2017, and Tajikistan is not one.
    frame.wait_for_function("() => !('TJ' in (window.__membership || {}))")
    assert shaded(frame) == {code: MEMBER for code in ("AM", "BY", "KG", "KZ", "RU")}
    expect(page.get_by_text("shaded by EAEU membership")).to_be_visible()
    # No Russian base is an EAEU record; the three stops of the tour are, with the four legs between them.
    expect(map_frame(page).locator(".site")).to_have_count(0)
    expect(map_frame(page).locator(".stop-icon .stop-made")).to_have_count(3)
    expect(map_frame(page).locator(".stop-icon .stop-not-made")).to_have_count(0)
    assert layer_counts(frame) == [0, 0, 7, 0]  # members (shading only), border, route, sites


def test_a_map_position_the_link_had_wrong_leaves_the_address_and_what_is_shared(page, server):
    # A fresh reviewer: the notice said lat, lon and z were ignored, yet they stayed in the address bar and in the
    # share box's link, citation and embed code.
    page.goto(server + "/?country=TJ&lat=NaN&lon=Infinity&z=999&embed=true")
    wait_for_map(page)
    expect(page.get_by_text("Some link parameters were ignored").first).to_be_visible()
    # The address holds the map's own position once it has one, or none; never the link's.
    page.wait_for_function("() => new URLSearchParams(location.search).get('country') === 'TJ'"
                           " && !/NaN|Infinity|z=999/.test(location.search)")
    assert "embed=true" in page.url  # the rest of the address as it was
    page.get_by_role("button", name="Share this view").click()
    box = page.frame_locator('[data-testid="stPopoverBody"] iframe')
    expect(box.locator("#link")).to_have_value(re.compile("country=TJ"))
    for part in ("#link", "#cite", "#embed"):
        shared = box.locator(part).input_value()
        assert "country=TJ" in shared and not re.search(r"NaN|Infinity|z=999", shared), (part, shared)


def test_a_hostile_url_runs_no_script(page, server):
    page.goto(server + '/?country=<script>alert(1)</script>&sel="><img src=x onerror=alert(2)>'
              '&"><svg onload=alert(3)>=1&topic=' + "x" * 2000)
    wait_for_map(page)
    expect(page.get_by_text("Some link parameters were ignored").first).to_be_visible()
    assert page.dialogs == []
    assert page.locator("img[src=x], svg[onload]").count() == 0
    assert map_frame(page).locator("img[src=x], svg[onload], script:text('alert')").count() == 0


def test_the_app_works_behind_a_base_url_path(page, server_with_base_path):
    hosts = set()
    page.on("request", lambda r: hosts.add(request_host(r.url)))
    page.goto(server_with_base_path + "/?country=KG")
    frame = wait_for_map(page)
    assert frame.evaluate("() => typeof L") == "object"
    assert hosts <= {urlparse(server_with_base_path).netloc}, hosts
    page.wait_for_function("() => location.pathname.startsWith('/dash') && location.search.includes('country=KG')")


@pytest.mark.parametrize(("lang", "label"), [("en", "Share this view"), ("ru", "Поделиться видом")])
def test_the_share_button_shows_its_whole_label_at_every_width(page, server, lang, label):
    # Issue 12: at 1280x800 it was cut to "Share th…"; a fresh reviewer (issue 28): "Sha…" in a 900 px frame.
    page.goto(server + f"/?lang={lang}")
    button = page.get_by_role("button", name=label)
    button.wait_for()
    for width in (1280, 1024, 900, 800, 700, 641, 390):
        page.set_viewport_size({"width": width, "height": 800})
        wait_still(button)
        assert label in button.inner_text()
        # Streamlit cuts a long label with an ellipsis in this element: its content must fit it.
        clipped = button.locator(".stMarkdownEllipsis").evaluate_all(
            "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).length")
        assert clipped == 0, f"the label is cut short at {width} px"


def _focused(page) -> str:
    """What has the focus, through the share box's frame and the downloads' shadow root: its id or its text."""
    return page.evaluate("""() => {
      let a = document.activeElement;
      if (a.tagName === 'IFRAME') { a = a.contentDocument.activeElement; return '#' + a.id; }
      while (a.shadowRoot && a.shadowRoot.activeElement) { a = a.shadowRoot.activeElement; }
      return a.getAttribute('data-testid') || a.textContent.trim(); }""")


def test_the_keyboard_opens_the_share_box_goes_through_it_and_leaves_it_with_escape(page, server):
    # Issue 28: Streamlit's popover left the focus on its button and its content came last in the page, 35 Tab
    # stops later: the embed code and the downloads were out of a keyboard reader's reach.
    page.goto(server + "/?sel=stop-dushanbe")
    wait_for_map(page)
    button = page.get_by_role("button", name="Share this view")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => { const f = document.querySelector('[data-testid=\"stPopoverBody\"] iframe');"
                           " const a = f && f.contentDocument && f.contentDocument.activeElement; return !!a && a.id === 'link'; }")
    order = []
    for _ in range(7):
        page.keyboard.press("Tab")
        order.append(_focused(page))
    assert order == ["#copy", "#cite", "#embed", "#copy-embed", "download-briefing", "download-embed", "download-png"]
    page.keyboard.press("Escape")  # from the downloads (Streamlit's own)
    expect(button).to_have_attribute("aria-expanded", "false")
    assert _focused(page) == "stPopoverButton"
    page.keyboard.press("Enter")
    page.wait_for_function("() => { const f = document.querySelector('[data-testid=\"stPopoverBody\"] iframe');"
                           " const a = f && f.contentDocument && f.contentDocument.activeElement; return !!a && a.id === 'link'; }")
    page.keyboard.press("Escape")  # from inside the box's own frame, where Streamlit never hears it
    expect(button).to_have_attribute("aria-expanded", "false")
    assert _focused(page) == "stPopoverButton"
