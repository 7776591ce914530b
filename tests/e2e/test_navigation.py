"""Every page is one click away at 1280x800 with the sidebar open (issue 24, "also seen": "About & sources" hid
behind "1 more")."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PAGES = ["Map", "Story", "Charts", "Articles", "Compare", "Search", "Data", "About"]


def test_every_page_link_is_in_the_top_navigation_at_1280(page, server):
    page.goto(server + "/compare")
    page.get_by_role("link", name="About").first.wait_for()
    for name in PAGES:
        link = page.get_by_test_id("stTopNavLink").filter(has_text=name).first
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] + box["width"] <= 1280
    expect(page.get_by_text("more", exact=False).filter(has_text="1 more")).to_have_count(0)


def test_on_a_phone_every_page_is_a_link_on_the_page_itself(browser, server):
    # Issue 24, "also seen": on a phone the pages were reachable only through the closed sidebar.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(30000)
    try:
        page.goto(server + "/")
        nav = page.locator(".st-key-phone-nav")
        for name in PAGES:
            expect(nav.get_by_role("link", name=name)).to_be_visible()
        nav.get_by_role("link", name="Compare").click()
        page.wait_for_url("**/compare**")
        expect(page.get_by_role("heading", name="Compare the sources")).to_be_visible()
    finally:
        context.close()


def test_at_1280_the_phone_links_are_neither_seen_nor_read(page, server):
    page.goto(server + "/")
    page.get_by_test_id("stTopNavLink").first.wait_for()
    expect(page.locator(".st-key-phone-nav")).to_be_hidden()
