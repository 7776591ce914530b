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
