"""Search and compare as a reader uses them (issue 16): the sidebar's box filters the map, a result opens
its passage in the article, the compare table works by keyboard alone, and axe-core finds nothing serious
on either page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import axe_violations
from tests.e2e.helpers import leaflet_frame, param, tab_until, wait_for_map

pytestmark = pytest.mark.e2e

# The record ids (tooltip refs) of the marks on the map, the shaded countries aside.
REFS_ON_MAP = """() => {
  const refs = new Set();
  // Between two updates of the map, streamlit-folium has no feature groups for a moment.
  (window.feature_group || []).filter(g => window.map.hasLayer(g)).forEach(g => g.eachLayer(l => {

    const tip = l.getTooltip && l.getTooltip();
    const m = tip && String(tip.getContent() || '').match(/ref: ([a-z0-9-]+)/);
    if (m) refs.add(m[1]);
  }));
  return [...refs].sort();
}"""


def _search(page, text: str) -> None:
    box = page.get_by_role("searchbox", name="Search")
    box.fill(text)
    box.press("Enter")


def _refs(page, want: str) -> list[str]:
    """The marks on the map, once they are what `want` (JavaScript on `refs`) says: the map as the reader sees it
    after the search's run, however long a busy machine takes."""
    frame = leaflet_frame(page)
    frame.wait_for_function(f"() => {{ const refs = ({REFS_ON_MAP})(); return refs.length > 0 && ({want}); }}")
    return frame.evaluate(REFS_ON_MAP)


def test_searching_kant_in_the_sidebar_shows_its_records_on_the_map_and_clearing_restores_it(page, server):
    page.goto(server + "/")
    wait_for_map(page)
    everything = _refs(page, "refs.includes('stop-almaty')")
    _search(page, "Kant")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'Kant'")
    status = page.get_by_text(re.compile(r"^Search “Kant”: \d+ of the \d+ records the other filters leave match it\.$"))
    expect(status).to_be_visible()
    found = _refs(page, "!refs.includes('stop-almaty')")
    assert "site-kant" in found and set(found) < set(everything)
    # The view the search left is the one the link gives.
    assert param(page, "q") == "Kant"
    box = page.get_by_role("searchbox", name="Search")
    box.fill("")
    page.wait_for_function("() => !new URLSearchParams(location.search).has('q')")
    expect(status).to_have_count(0)
    assert _refs(page, "refs.includes('stop-almaty')") == everything


def test_an_alias_finds_its_place_and_a_link_with_the_search_fills_the_box(page, server):
    page.goto(server + "/?q=Alma-Ata")
    wait_for_map(page)
    expect(page.get_by_role("searchbox", name="Search")).to_have_value("Alma-Ata")
    assert "stop-almaty" in _refs(page, "refs.includes('stop-almaty') && !refs.includes('site-kant')")
    page.get_by_role("button", name="Clear search").click()
    expect(page.get_by_role("searchbox", name="Search")).to_have_value("")
    _refs(page, "refs.includes('site-kant')")


def test_a_results_passage_opens_highlighted_in_the_article(page, server):
    page.goto(server + "/search?q=Kant")
    expect(page.get_by_role("heading", name="In the articles")).to_be_visible()
    passages = page.locator("ol.sr").last
    link = passages.get_by_role("link", name=re.compile("^Read the passage")).first
    with page.context.expect_page() as opened:
        link.click()
    reader = opened.value
    reader.wait_for_load_state()
    reader.wait_for_function("() => /[?&]at=\\d+-\\d+/.test(location.search)")
    frame = _frame_with(reader, "mark.focus")
    expect(frame.locator("mark.focus").first).to_be_visible()
    # The passage may be cut into pieces where excerpts overlap it; together they are the paragraph.
    passage = " ".join(frame.locator("mark.focus").all_inner_texts())
    assert "Kant airbase" in passage

    expect(frame.locator("#info")).to_contain_text("A passage the search found")
    reader.close()


# Whether a frame of the page (at any depth; the reader's is a srcdoc frame, of the page's origin) has `selector`.
IN_A_FRAME = """(selector) => {
  const look = (doc) => [...doc.querySelectorAll('iframe')].some((f) => {
    let inner = null;
    try { inner = f.contentDocument; } catch (e) { return false; }
    return !!inner && (!!inner.querySelector(selector) || look(inner));
  });
  return look(document);
}"""


def _frame_with(page, selector: str):
    """The frame (the article reader's srcdoc iframe) that has `selector`, once it has loaded."""
    page.wait_for_function(IN_A_FRAME, arg=selector)
    return next(frame for frame in page.frames
                if frame is not page.main_frame and frame.locator(selector).count())


def test_the_compare_view_works_by_keyboard_alone(page, server):
    page.goto(server + "/compare")
    table = page.locator("table.cmp")
    expect(table).to_be_visible()
    # Disputed rows first.
    first_row = table.locator("tbody tr").first
    expect(first_row).to_contain_text("sources disagree")
    page.locator("body").focus()
    tab_until(page, "() => !!document.activeElement.closest('table.cmp td')")
    href = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert href.startswith("reader?") and "source=" in href
    with page.context.expect_page() as opened:
        page.keyboard.press("Enter")
    reader = opened.value
    reader.wait_for_load_state()
    assert "source=" in reader.url
    reader.close()


@pytest.mark.parametrize("path", ["/search?q=Kant", "/compare"])
def test_axe_finds_nothing_serious_on_search_and_compare(page, server, path):
    page.goto(server + path)
    expect(page.locator("table.cmp, ol.sr").first).to_be_visible()
    assert axe_violations(page) == []  # once the app is idle (tests/e2e/a11y.py)
