"""Every page is one click away at 1280x800 with the sidebar open (issue 24, "also seen": "About & sources" hid
behind "1 more")."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import expect

from tests.e2e.contexts import Tabs
from tests.e2e.helpers import MAP_FRAME, choose, facet, wait_for_map, wait_idle, wait_still

pytestmark = pytest.mark.e2e

PAGES = ["Map", "Story", "Charts", "Articles", "Compare", "Search", "Data", "About"]


def test_every_page_link_is_in_the_top_navigation_at_1280(page, server):
    page.goto(server + "/compare")
    page.get_by_role("link", name="About").first.wait_for()
    # Each page has its own name in the tab and the history (issue 28), and a page link changes it.
    expect(page).to_have_title("Compare · Putin's 2017 Central Asia tour — a sourced map")
    page.get_by_test_id("stTopNavLink").filter(has_text="About").first.click()
    expect(page).to_have_title("About · Putin's 2017 Central Asia tour — a sourced map")
    for name in PAGES:
        link = page.get_by_test_id("stTopNavLink").filter(has_text=name).first
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] + box["width"] <= 1280
    expect(page.get_by_text("more", exact=False).filter(has_text="1 more")).to_have_count(0)


@contextlib.contextmanager
def _phone(browser, server: str, touch: bool = False):
    """A 390x844 tab (a phone's screen; with `touch`, a touch screen), closed afterwards."""
    context = Tabs(browser, server, {"width": 390, "height": 844}, phone=touch)
    page = context.new_page()
    page.set_default_timeout(30000)
    try:
        yield page, context
    finally:
        context.close()


def test_on_a_phone_every_page_is_a_link_on_the_page_itself(browser, server):
    # Issue 24, "also seen": on a phone the pages were reachable only through the closed sidebar.
    with _phone(browser, server) as (page, context):
        page.goto(server + "/")
        nav = page.locator(".st-key-phone-nav")
        for name in PAGES:
            expect(nav.get_by_role("link", name=name)).to_be_visible()
        nav.get_by_role("link", name="Compare").click()
        page.wait_for_url("**/compare**")
        expect(page.get_by_role("heading", name="Compare the sources")).to_be_visible()


def test_the_article_read_does_not_follow_the_reader_to_another_page(page, server):
    # Review: ?source= carried from Articles into Compare's address, where no article is shown.
    page.goto(server + "/reader?source=gusev-2019&country=TJ")
    page.wait_for_function("() => new URLSearchParams(location.search).get('source') === 'gusev-2019'")
    page.get_by_test_id("stTopNavLink").filter(has_text="Compare").first.click()
    page.wait_for_url("**/compare**")
    expect(page.get_by_role("heading", name="Compare the sources")).to_be_visible()
    # Once the page has written its address (the filters go with the reader), the article is not in it: the
    # address is written whole, from one payload, each time. Streamlit's page link carries the query string it had,
    # country=TJ and source= together, until the page writes its own: the wait is for that address, whole (waiting
    # for country=TJ alone returned at once, before the write, on a busy machine).
    page.wait_for_function("""() => { const q = new URLSearchParams(location.search);
      return q.get('country') === 'TJ' && !q.has('source'); }""")
    expect(page.get_by_role("heading", name="Compare the sources")).to_be_visible()


@pytest.mark.parametrize("width", [700, 767])
def test_in_a_narrow_window_every_page_is_a_link_too(browser, server, width):
    # Between 601 and 767 px Streamlit had already folded its page links into the closed sidebar, and the bar of
    # links was not shown yet: no page link was on the page at all.
    context = Tabs(browser, server, {"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + "/charts")
        nav = page.locator(".st-key-phone-nav")
        for name in PAGES:
            expect(nav.get_by_role("link", name=name)).to_be_visible()
        expect(page.get_by_test_id("stTopNav")).to_have_count(0)
    finally:
        context.close()


def test_in_a_760_px_column_every_link_of_the_bar_is_whole(browser, server):
    # Issue 28's review: embedded in a 760 px column (the embed code's width="100%"), the bar cut "About" to "Abo".
    context = Tabs(browser, server, {"width": 760, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + "/?embed=true")
        links = page.locator('.st-key-phone-nav a[data-testid="stPageLink-NavLink"]')
        expect(links.last).to_be_visible()
        wait_still(links.last)
        right = page.locator(".st-key-phone-nav").evaluate("(e) => e.getBoundingClientRect().right")
        edges = links.evaluate_all("(all) => all.map((a) => a.getBoundingClientRect().right)")
        assert len(edges) == 8 and max(edges) <= right + 0.5, (edges, right)
    finally:
        context.close()


def test_at_1280_the_phone_links_are_neither_seen_nor_read(page, server):
    page.goto(server + "/")
    page.get_by_test_id("stTopNavLink").first.wait_for()
    expect(page.locator(".st-key-phone-nav")).to_be_hidden()


def test_on_a_phone_the_bar_of_page_links_is_one_thin_row_that_hides_nothing_focused(browser, server):
    # Issue 27's review: the bar along the bottom (st.bottom) took 95 px and covered what Tab had just focused.
    with _phone(browser, server) as (page, context):
        page.goto(server + "/compare")
        bar = page.get_by_test_id("stBottom")
        expect(bar.get_by_role("link", name="Map")).to_be_visible()
        box = bar.bounding_box()
        assert box["height"] <= 56, box
        assert box["y"] + box["height"] >= 843, box  # along the screen's bottom
        covered = []
        for _ in range(40):
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => { const el = document.activeElement;
              if (!el || el.closest('[data-testid="stBottom"]') || el.closest('[data-testid="stSidebar"]')) return null;
              const r = el.getBoundingClientRect(); return {name: (el.innerText || el.getAttribute('aria-label') || el.tagName).slice(0, 40),
                top: r.top, bottom: r.bottom, h: r.height}; }""")
            if focused and 0 < focused["h"] < 400:  # a control or a link, not the page's whole column
                wait_still(page.locator(":focus"))
                focused = page.evaluate("() => { const r = document.activeElement.getBoundingClientRect(); return {bottom: r.bottom}; }") | {
                    "name": focused["name"]}
                if focused["bottom"] > bar.bounding_box()["y"] + 1:
                    covered.append(focused)
        assert not covered, covered


def test_on_a_phone_each_link_of_the_bar_the_keyboard_focuses_is_whole_on_the_screen(browser, server):
    # A fresh reviewer: Tab to "Articles" left it at the screen's right edge, a sliver of its focus ring seen.
    with _phone(browser, server) as (page, context):
        page.goto(server + "/")
        links = page.locator('.st-key-phone-nav a[data-testid="stPageLink-NavLink"]')
        expect(links.last).to_be_visible()
        column = page.get_by_test_id("stMain")
        before = column.evaluate("(e) => e.scrollTop")
        links.first.focus()
        seen = []
        for _ in range(links.count()):
            wait_still(page.locator(":focus"))
            seen.append(page.evaluate("""() => { const a = document.activeElement, r = a.getBoundingClientRect();
              return [a.innerText.trim().split('\\n').pop(), Math.round(r.left), Math.round(r.right)]; }"""))
            page.keyboard.press("Tab")
        # Whole on the screen and clear of the language switch, which stays at the row's start.
        start = page.get_by_test_id("language-switch").last.bounding_box()
        start = start["x"] + start["width"]
        assert len(seen) == 8 and all(left >= start and right <= 390 for _, left, right in seen), (start, seen)
        # Tabbing along the bar leaves the page where the reader was: the page's column scrolled 426 px down when a
        # link of the bar was focused (the column's scroll-padding, which keeps what is focused in the page clear
        # of the bar, was applied to the bar's own links; seen checking the bar by keyboard).
        assert column.evaluate("(e) => e.scrollTop") == before


CURRENT_JS = """() => { const bar = document.querySelector('.st-key-phone-nav');
  if (!bar) { return []; }
  // Whole in the row, and clear of the language switch, which stays at its start.
  const room = bar.getBoundingClientRect(), start = bar.querySelector('.st-key-language_switch_phone').getBoundingClientRect().right;
  const marked = [...bar.querySelectorAll('a[aria-current="page"]')];
  return marked.map((a) => { const r = a.getBoundingClientRect();
    return [a.innerText.trim().split('\\n').pop(), r.left >= start - 0.5 && r.right <= room.right + 0.5]; }); }"""


def _current_in_bar(page, name):
    """Waits until the phone's bar marks `name` as the page shown (aria-current) and shows that link whole."""
    page.wait_for_function(f"() => ({CURRENT_JS})().length === 1 && ({CURRENT_JS})()[0][0] === {name!r}")
    wait_still(page.locator('.st-key-phone-nav a[aria-current="page"]'))
    assert page.evaluate(CURRENT_JS) == [[name, True]]


def test_on_a_phone_the_bar_marks_the_page_shown_and_keeps_its_link_in_sight(browser, server):
    # Issue 27's reviewer: reached another way than by its link (a shared link, a link in the page, Back), a page's
    # own link was out of sight in the bar, which keeps its sideways scroll; nothing told a screen reader which
    # link was the page shown (Streamlit shows it in bold only).
    with _phone(browser, server) as (page, context):
        page.goto(server + "/about?org=CSTO")  # a shared link to the last page: its link is past the screen's edge
        _current_in_bar(page, "About")
        # The links grow once the bar has been scrolled (as when their font arrives late, on a busy machine: the
        # link was out of sight again, and stayed so): the page's link is brought back into sight.
        page.evaluate("() => document.querySelectorAll('.st-key-phone-nav a').forEach((a) => { "
                      "a.style.letterSpacing = '3px'; })")
        _current_in_bar(page, "About")
        page.evaluate("() => document.querySelectorAll('.st-key-phone-nav a').forEach((a) => { "
                      "a.style.letterSpacing = ''; })")
        # "Map" leads to the map, also in a new tab: Streamlit writes its href as "", the page shown.
        home = page.locator('.st-key-phone-nav a[data-testid="stPageLink-NavLink"]').first
        expect(home).to_have_attribute("href", "/?org=CSTO")
        page.locator('.st-key-phone-nav a[data-testid="stPageLink-NavLink"]').first.click()
        page.wait_for_url(lambda url: "/about" not in url)
        _current_in_bar(page, "Map")
        page.go_back()
        page.wait_for_url("**/about?org=CSTO")
        _current_in_bar(page, "About")
        # Turned to landscape (the bar not shown: it loses its scroll) and back, twice (a fresh reviewer: only the
        # first return brought the link into sight, the bar's lost scroll taken for the reader's own).
        for _ in range(2):
            page.set_viewport_size({"width": 844, "height": 390})
            expect(page.locator(".st-key-phone-nav")).to_be_hidden()
            page.set_viewport_size({"width": 390, "height": 844})
            _current_in_bar(page, "About")
        # The reader's own scrolling of the bar is kept as the page changes (each change has the links followed).
        bar = page.locator(".st-key-phone-nav")
        bar.evaluate("(e) => { e.scrollLeft = 0; }")
        page.evaluate("() => document.body.appendChild(document.createElement('i'))")
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        assert bar.evaluate("(e) => e.scrollLeft") == 0


def test_a_sideways_swipe_on_the_phones_bar_of_page_links_does_not_turn_the_story(browser, server):
    with _phone(browser, server, touch=True) as (page, context):
        page.goto(server + "/story?story=3")
        bar = page.get_by_test_id("stBottom")
        expect(bar.get_by_role("link", name="Map")).to_be_visible()
        page.locator('[data-testid="story-step"][data-step="3"]').wait_for()
        box = bar.bounding_box()
        y = box["y"] + box["height"] - 3  # under the links, on the bar's own edge
        cdp = context.new_cdp_session(page)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": 320, "y": y}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": 200, "y": y}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        wait_idle(page)
        assert page.evaluate("() => new URLSearchParams(location.search).get('story')") == "3"
        expect(page.locator('[data-testid="story-step"][data-step="3"]')).to_be_visible()


# Issue 30: a page link opened in a new tab (a middle click, Ctrl+click, "Open link in new tab") opens its href, which
# carried neither the language nor the filters; a plain click keeps both. Each link's href follows the view.
HREFS_JS = """([selector, wanted]) => {
  const links = [...document.querySelectorAll(selector)];
  return links.length > 0 && links.every((a) => {
    const q = new URL(a.href).searchParams;
    return Object.entries(wanted).every(([k, v]) => q.get(k) === v);
  });
}"""


def _hrefs(page, selector: str) -> dict[str, str]:
    return dict(page.evaluate("""(selector) => [...document.querySelectorAll(selector)].map(
        (a) => [a.innerText.trim().split("\\n").pop(), a.href])""", selector))  # the name after the icon's


def _switch_to_russian(page, links: str, switch_in: str) -> None:
    """Once the page links are drawn, Русский chosen on the switch inside `switch_in`, as a reader would."""
    page.locator(links).first.wait_for()
    wait_idle(page)
    page.locator(switch_in).get_by_test_id("language-switch").get_by_role("button", name="Русский").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('lang') === 'ru'")
    wait_idle(page)


def test_every_page_links_href_carries_the_language_and_the_filters_as_they_change(page, server):
    page.goto(server + "/reader?source=gusev-2019")
    links = '[data-testid="stTopNav"] a[data-testid="stTopNavLink"]'
    _switch_to_russian(page, links, '[data-testid="stSidebar"]')
    choose(page, "country", "Таджикистан")
    page.wait_for_function("() => new URLSearchParams(location.search).get('country') === 'TJ'")
    page.wait_for_function(HREFS_JS, arg=[links, {"lang": "ru", "country": "TJ"}])
    hrefs = _hrefs(page, links)
    assert len(hrefs) == len(PAGES), hrefs
    # The article read goes with a link to the Articles page only, as a plain click leaves it.
    assert all(("source=gusev-2019" in href) == (name == "Статьи") for name, href in hrefs.items()), hrefs
    # A second filter: the hrefs follow.
    choose(page, "country", "Киргизия")
    page.wait_for_function("() => new URLSearchParams(location.search).get('country').split(',').length === 2")
    both = page.evaluate("() => new URLSearchParams(location.search).get('country')")
    page.wait_for_function(HREFS_JS, arg=[links, {"lang": "ru", "country": both}])
    # Opened in a new tab (a middle click; Ctrl+click), a link opens that page in Russian with the filters, and this
    # page stays as it is.
    here = page.url
    with page.context.expect_page() as opened:
        page.locator(links).filter(has_text="Данные").first.click(button="middle")
    tab = opened.value
    expect(tab.get_by_test_id("stSidebar").get_by_role("heading", name="Фильтры")).to_be_visible()
    expect(tab.locator('details[data-key="country"] summary .chosen')).to_contain_text("Таджикистан")
    tab.close()
    with page.context.expect_page() as opened:
        page.locator(links).filter(has_text="Графики").first.click(modifiers=["Control"])
    tab = opened.value
    tab.wait_for_url("**/charts?**")
    query = tab.evaluate("() => Object.fromEntries(new URLSearchParams(location.search))")
    assert query["lang"] == "ru" and query["country"] == both, query
    tab.close()
    assert page.url == here
    # A plain click stays the app's own: the page changes in place, keeping the language and the filters.
    page.locator(links).filter(has_text="Данные").first.click()
    page.wait_for_url("**/data**")
    page.wait_for_function("""(both) => { const q = new URLSearchParams(location.search);
      return q.get('lang') === 'ru' && q.get('country') === both && !q.has('source'); }""", arg=both)
    expect(page.get_by_test_id("stSidebar").get_by_role("heading", name="Фильтры")).to_be_visible()


def test_on_a_phone_the_bars_page_links_carry_the_language_and_the_filters(browser, server):
    with _phone(browser, server) as (page, context):
        # In embed mode too, which a new tab leaves (it opens the whole app).
        page.goto(server + "/compare?org=CSTO&embed=true")
        links = '.st-key-phone-nav a[data-testid="stPageLink-NavLink"]'
        _switch_to_russian(page, links, ".st-key-phone-nav")
        page.wait_for_function(HREFS_JS, arg=[links, {"lang": "ru", "org": "CSTO"}])
        hrefs = _hrefs(page, links)
        assert len(hrefs) == len(PAGES) and not any("embed" in href for href in hrefs.values()), hrefs


# One task in the page: the click on the Charts link, then a change the old page sends after it: the map's frame
# handing Streamlit a click's value (what streamlit-folium does a moment after a click), or a box ticked in the filter
# panel. Before dashboard/stale_reruns.py the server ran that change as a run of the map page after the Charts
# page's run, and the browser cleared the Charts page it had just drawn (CI of 547587d and 81fd25c, embedded).
SWITCH_THEN_CHANGE = """([link, sender, kind]) => {
  link.click();
  if (kind === 'map') {
    sender.contentWindow.Streamlit.setComponentValue(
      {last_object_clicked_count: 99, last_object_clicked_tooltip: null, last_clicked: null});
  } else {
    sender.click();
  }
}"""


@pytest.mark.parametrize("kind", ["map", "filter panel"])
def test_a_change_the_old_page_sends_just_after_a_page_link_leaves_the_new_page_whole(page, server, kind):
    page.goto(server + "/?org=CSTO")
    wait_for_map(page)
    wait_idle(page)
    link = page.get_by_test_id("stTopNavLink").filter(has_text="Charts").first.element_handle()
    if kind == "map":
        sender = page.locator(MAP_FRAME).element_handle()
    else:
        sender = facet(page, "country").locator("label.option input").first.element_handle()
        wait_idle(page)  # the facet's opening is sent too
    page.evaluate(SWITCH_THEN_CHANGE, [link, sender, kind])
    page.wait_for_function("() => location.pathname.endsWith('/charts')")
    expect(page.get_by_role("heading", name="Charts")).to_be_visible()
    # A change made on the new page goes to the server after the old page's: once it is applied, the old one has
    # been dealt with, and the Charts page is still there, its filters too.
    choose(page, "org", "SCO")
    page.wait_for_function("() => (new URLSearchParams(location.search).get('org') || '').split(',').includes('SCO')")
    wait_idle(page)
    expect(page.get_by_role("heading", name="Charts")).to_be_visible()
    assert page.locator('[data-testid="stPlotlyChart"]').count() > 0
