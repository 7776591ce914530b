"""The evidence panel is readable where it matters most: a disagreement's versions and the computed tables
(issue 24, case 2). At 1280x800 the evidence column was ~280 px and its versions "side by side" became
70 px columns with words broken ("Tajikist|an"), the length table was cut ("metho…"), and the space under
the map was empty. Now the versions and tables sit under the map; versions share a row only where each has
room for a readable line (~30 characters), no word is broken, and no table is cut.
"""

from __future__ import annotations

import pytest

from tests.e2e.contexts import Tabs
from tests.e2e.helpers import wait_for_map, wait_settled

pytestmark = pytest.mark.e2e

WIDTHS = {"1280": (1280, 800), "390": (390, 844)}
# The longest disagreement (4 versions, the most words), a border's length table, a base's distance table.
SELECTIONS = ["org-eaeu", "dis-tj-eaeu", "border-tj-af", "border-kz-ru", "site-kant"]

MEASURE_JS = """() => {
  const out = {narrow: [], broken: [], cut: [], boxes: 0, tables: 0};
  for (const list of document.querySelectorAll('.ev-dis .versions')) {
    const items = [...list.children];
    out.boxes += items.length;
    const probe = document.createElement('span');
    probe.style.cssText = 'display:inline-block;width:30ch;visibility:hidden;position:absolute';
    items[0].append(probe);
    const line = probe.getBoundingClientRect().width;
    probe.remove();
    for (const item of items) {
      const top = item.getBoundingClientRect().top;
      const sharing = items.filter((o) => Math.abs(o.getBoundingClientRect().top - top) < 2).length > 1;
      const style = getComputedStyle(item);
      const inner = item.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (sharing && inner < line - 0.5) { out.narrow.push([item.textContent.slice(0, 40), inner, line]); }
    }
  }
  const roots = document.querySelectorAll('.ev-dis, .ev-table');
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // A word: letters between spaces; a line may end after a hyphen or a dash ("Tajik–|Afghan"), as print does.
      const re = /[^\\s\\-–—]+[\\-–—]?/g;
      let m;
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rows = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (rows.size > 1) { out.broken.push(m[0]); }
      }
    }
  }
  for (const box of document.querySelectorAll('.ev-table')) {
    out.tables += 1;
    const table = box.querySelector('table');
    if (table.scrollWidth > box.clientWidth + 1) { out.cut.push(['table wider than its box', table.scrollWidth, box.clientWidth]); }
    for (const cell of table.querySelectorAll('th, td')) {
      if (cell.scrollWidth > cell.clientWidth + 1) { out.cut.push(cell.textContent.slice(0, 40)); }
    }
  }
  return out;
}"""


@pytest.mark.parametrize("width", list(WIDTHS), ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize("sel", SELECTIONS)
def test_versions_and_tables_are_readable(browser, server, sel, width):
    w, h = WIDTHS[width]
    context = Tabs(browser, server, {"width": w, "height": h})
    page = context.new_page()
    page.set_default_timeout(30000)
    try:
        page.goto(f"{server}/?sel={sel}")
        wait_for_map(page)
        page.wait_for_selector(".ev-dis, .ev-table")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        wait_settled(page)  # fonts loaded, the run done, nothing sliding
        found = page.evaluate(MEASURE_JS)
        assert found["boxes"] or found["tables"], found
        assert found["narrow"] == [], f"versions side by side without room for a line: {found['narrow']}"
        assert found["broken"] == [], f"words broken across lines: {found['broken']}"
        assert found["cut"] == [], f"tables cut: {found['cut']}"
    finally:
        context.close()


def test_the_versions_use_the_space_under_the_map(page, server):
    page.goto(f"{server}/?sel=org-eaeu")
    wait_for_map(page)
    versions = page.locator(".st-key-evidence-workings .ev-dis .versions").first
    versions.wait_for()
    frame = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    box = versions.bounding_box()
    assert box["y"] > frame["y"] + frame["height"], "under the map"
    assert box["width"] > 0.8 * frame["width"], "as wide as the map's column"
    # The evidence column says where they are.
    assert page.get_by_text("Every version, and what we computed, is shown with the map, under it.").is_visible()


COMPARE_JS = """() => {
  const table = document.querySelector('table.cmp'), box = table.parentElement, out = [];
  if (table.scrollWidth > box.clientWidth + 1 || table.getBoundingClientRect().right > box.getBoundingClientRect().right + 1) {
    out.push(['table wider than its column', table.scrollWidth, box.clientWidth]);
  }
  for (const cell of table.querySelectorAll('th, td')) {
    if (cell.offsetWidth && cell.scrollWidth > cell.clientWidth + 1) { out.push(cell.textContent.slice(0, 40)); }
  }
  if (document.documentElement.scrollWidth > innerWidth) { out.push(['page wider than the screen', innerWidth]); }
  return out;
}"""


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("width", list(WIDTHS), ids=[f"{w}px" for w in WIDTHS])
def test_the_compare_table_fits_its_column(browser, server, width, lang):
    # In Russian the table was 59 px wider than its column at 1280x800: "противопоставлены", in every article's
    # column, set its least width.
    w, h = WIDTHS[width]
    context = Tabs(browser, server, {"width": w, "height": h}, phone=w < 600)
    page = context.new_page()
    page.set_default_timeout(30000)
    try:
        page.goto(f"{server}/compare?lang={lang}")
        page.wait_for_selector("table.cmp")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        wait_settled(page)
        assert page.evaluate(COMPARE_JS) == []
    finally:
        context.close()
