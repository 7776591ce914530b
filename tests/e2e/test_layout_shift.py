"""Steady as it loads (issue 27): nothing moves once it is drawn, at 1280x800 and on a phone, on the pages named
in PAGES and PHONE_PAGES (the others are not there yet: see the comment above them).

Every layout shift the browser records while a page loads (the Layout Instability API, in the page and in
every frame in it, the map's included) is summed, Streamlit's start-up included: before the app's first script
run Streamlit draws an empty frame (its header and a centred, sidebar-less main column), which the server's
first-paint styles (dashboard/first_paint.py) lay out as the run will leave it. Without them the frame moved
sideways as a whole when the sidebar docked (0.23 at 1280 px).

The page's shifts must stay under Google's "good" threshold, 0.1, summed over the whole load (a sum is never
less than Lighthouse's session windows). The shifts inside the page's frames (the map's) are written to
tests/e2e/artifacts/layout-shift-*.json beside them, not judged yet.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import ANIMATIONS_DONE_JS, NEXT_FRAME_JS, wait_idle, wait_still

pytestmark = pytest.mark.e2e

GOOD_CLS = 0.1

OBSERVE = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    window.__shifts.push({t: e.startTime, value: e.value, input: e.hadRecentInput, sources: (e.sources || []).map((s) => {
      const n = s.node, el = n && n.nodeType === 1 ? n : null;
      return {testid: el ? el.getAttribute('data-testid') || '' : '', tag: n ? n.nodeName : '',
              has_header: !!(el && el.querySelector(':scope > header')),
              text: (n && n.textContent || '').replace(/\\s+/g, ' ').slice(0, 60),
              before: [s.previousRect.x, s.previousRect.y, s.previousRect.width, s.previousRect.height],
              after: [s.currentRect.x, s.currentRect.y, s.currentRect.width, s.currentRect.height]};
    })});
  }
}).observe({type: 'layout-shift', buffered: true});
"""

def _load(browser, server: str, path: str, size: tuple[int, int]) -> tuple[list[dict], list[dict]]:
    """Load `path` in a new browser context and wait until it is idle: (the page's shifts, the shifts inside the
    page's frames), none of them after an input."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    context.add_init_script(OBSERVE)
    page = context.new_page()
    page.set_default_timeout(60000)
    try:
        page.goto(server + path)
        wait_idle(page)
        # Every late part drawn (a lazily loaded element shows a placeholder until its code has come), and the
        # page's column no longer moving: whatever was going to shift has shifted.
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')")
        wait_still(page.locator('[data-testid="stMainBlockContainer"]'))
        page.evaluate(ANIMATIONS_DONE_JS)
        entries = []
        for frame in page.frames:
            for entry in frame.evaluate("window.__shifts || []"):
                entry["frame"] = "page" if frame is page.main_frame else frame.url.split("?")[0][-60:]
                entries.append(entry)
    finally:
        context.close()
    return ([e for e in entries if not e["input"] and e["frame"] == "page"],
            [e for e in entries if not e["input"] and e["frame"] != "page"])


# The pages that hold the goal today, the story in both languages (a Russian label is wider: its head's row of
# links wrapped once drawn, and its step navigation's lines), and the story's overview and the Articles page on a
# phone (a fresh reviewer's: 0.34-0.39 and 0.10-0.54 there), in Russian too (0.08-0.095 until what follows its
# first lines waited for them: test_nothing_after_a_markdown_placeholder_is_shown_until_it_is_drawn). Not yet (issue 27 stays open; README, "Steady as it
# loads"): inside the map's own frame (now and then 1.0 inside the frame as Leaflet first lays out its panes;
# written to the artifacts, not judged here yet).
PAGES = ["/", "/story", "/story?lang=ru", "/story-overview", "/charts", "/reader", "/compare", "/search?q=CSTO", "/data",
         "/about"]
PHONE_PAGES = ["/", "/story", "/story?lang=ru", "/story-overview", "/charts", "/reader", "/reader?lang=ru", "/data",
               "/about"]


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)], ids=["1280x800", "phone"])
def test_nothing_moves_while_a_page_loads(browser, server, size):
    report, failures = {}, []
    for path in PAGES if size[0] > 600 else PHONE_PAGES:
        ours, frames = _load(browser, server, path, size)
        total = round(sum(e["value"] for e in ours), 4)
        report[path] = {"page": total, "in_frames": round(sum(e["value"] for e in frames), 4),
                        "shifts": ours + frames}
        if total > GOOD_CLS:
            failures.append(f"{path}: {total} > {GOOD_CLS}; "
                            + "; ".join(f"{round(e['value'], 3)} in {e['frame']}: "
                                        + ", ".join(f"{s['testid'] or s['tag']} '{s['text'][:30]}' "
                                                    f"{s['before']}->{s['after']}" for s in e["sources"])
                                        for e in ours if e["value"] > 0.005))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"layout-shift-{size[0]}.json").write_text(json.dumps(report, indent=1))
    assert not failures, "\n".join(failures)


# The room first-paint.css keeps for the story's step navigation, against the height the navigation takes, at
# widths from a small phone to a desktop (with the sidebar, the story's column is narrower at 1024 than at 700).
NAV_WIDTHS = [320, 390, 430, 480, 560, 640, 700, 1024]
NAV_HEIGHTS_JS = """() => {
  const host = document.querySelector('.st-key-story-head').firstElementChild;
  const free = document.getElementById('nav-room-free');
  free.disabled = false;
  const drawn = host.getBoundingClientRect().height;
  free.disabled = true;
  return {width: Math.round(document.querySelector('.st-key-story-head').getBoundingClientRect().width),
          drawn: Math.round(drawn), room: parseFloat(getComputedStyle(host).minHeight)};
}"""


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_story_navigations_room_holds_every_step_at_every_width(browser, server, lang):
    """Every step's navigation fits the room kept for it from the first paint: neither the load nor a step change
    moves the map under it. A step is changed in the browser (the list's buttons), as a reader does."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60000)
    too_small = []
    try:
        page.goto(f"{server}/story?lang={lang}")
        steps = page.locator(".steps-list button[data-n]")
        steps.first.wait_for()
        wait_idle(page)
        # Takes the room away, to see the height the navigation takes by itself (enabled only while measuring).
        page.evaluate("""() => { const s = document.createElement('style'); s.id = 'nav-room-free';
          s.textContent = ':root .st-key-story-head > * { min-height: 0 !important; }';
          document.head.append(s); s.disabled = true; }""")
        assert page.evaluate("document.documentElement.lang") == lang
        for n in range(1, steps.count() + 1):
            page.locator(f'.steps-list button[data-n="{n}"]').click()
            expect(page.locator('.steps-list button[aria-current="step"]')).to_have_attribute("data-n", str(n))
            for width in NAV_WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                page.evaluate(NEXT_FRAME_JS)
                got = page.evaluate(NAV_HEIGHTS_JS)
                if got["drawn"] > got["room"]:
                    too_small.append(f"step {n} at {width} px (the navigation {got['width']} px wide): "
                                     f"{got['drawn']} px drawn in {got['room']:.0f} px of room")
            page.set_viewport_size({"width": 1280, "height": 900})
    finally:
        context.close()
    assert not too_small, "\n".join(too_small)


# What Streamlit draws while its HTML renderer for markdown loads (first-paint.css): a markdown element, then a
# caption, holding its one-line placeholder; Streamlit's own rule marking an inner part visible; a block after the
# block it is in; a select's placeholder (an element's, not markdown's: first-paint.css keeps its room instead).
PLACEHOLDERS = """
<!-- What Streamlit marks visible itself: a markdown's inner box, a widget's label (seen in 1.67's styles). -->
<style>.marked-visible { visibility: visible; }</style>
<div data-testid="stLayoutWrapper" id="block">
  <div data-testid="stElementContainer" id="title"><h1>Статьи</h1></div>
  <div data-testid="stElementContainer" id="select"><div data-testid="stSkeleton"></div></div>
  <div data-testid="stElementContainer" id="after-select"><p>Под выбором</p></div>
  <div data-testid="stElementContainer" id="meta"><div data-testid="stMarkdown"><div class="marked-visible">
    <div data-testid="stMarkdownContainer"><div data-testid="stSkeleton" id="meta-placeholder"></div></div></div></div></div>
  <div data-testid="stElementContainer" id="note"><div data-testid="stMarkdown"><div class="marked-visible">
    <div data-testid="stCaptionContainer"><p id="note-words">English translation</p></div></div></div></div>
  <div data-testid="stElementContainer" id="reader"><div data-testid="stMarkdown"><div class="marked-visible">
    <p id="reader-words">Текст</p></div></div></div>
  <div data-testid="stElementContainer" id="pick"><div data-testid="stSelectbox">
    <label data-testid="stWidgetLabel" class="marked-visible" id="pick-label">Выбор</label></div></div>
</div>
<div data-testid="stLayoutWrapper" id="next-block"><div data-testid="stElementContainer"><p id="next-words">Ниже</p>
</div></div>
"""
SHOWN_JS = """(ids) => Object.fromEntries(ids.map((id) => [id, getComputedStyle(document.getElementById(id)).visibility]))"""


def test_nothing_after_a_markdown_placeholder_is_shown_until_it_is_drawn(browser):
    # The Articles page on a phone moved 0.08-0.095 in both languages: its first lines (markdown with HTML) were a
    # one-line placeholder until Streamlit's renderer came, then four lines, and what followed moved down.
    from dashboard.frontend import read_static

    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.set_content(f"<style>{read_static('first-paint-markdown.css')}</style>{PLACEHOLDERS}")
        ids = ["title", "after-select", "meta-placeholder", "note-words", "reader-words", "pick-label", "next-words"]
        assert page.evaluate(SHOWN_JS, ids) == {
            "title": "visible", "after-select": "visible", "meta-placeholder": "visible",
            "note-words": "hidden", "reader-words": "hidden", "pick-label": "hidden", "next-words": "hidden"}
        # The first lines drawn, the caption still waiting: only what follows the caption waits with it.
        page.evaluate("""() => { document.getElementById('meta-placeholder').replaceWith(
            Object.assign(document.createElement('p'), {textContent: 'Издание: Kremlin'}));
          document.getElementById('note-words').replaceWith(
            Object.assign(document.createElement('div'), {id: 'note-words', textContent: ''}));
          document.getElementById('note-words').setAttribute('data-testid', 'stSkeleton'); }""")
        assert page.evaluate(SHOWN_JS, ["note-words", "reader-words", "pick-label", "next-words"]) == {
            "note-words": "visible", "reader-words": "hidden", "pick-label": "hidden", "next-words": "hidden"}
        page.evaluate("() => document.getElementById('note-words').removeAttribute('data-testid')")
        assert set(page.evaluate(SHOWN_JS, ["reader-words", "pick-label", "next-words"]).values()) == {"visible"}
    finally:
        page.close()


# The sheets that wait on a placeholder (first_paint.UNTIL_DRAWN) as first-paint.js finds them, and the app's root as
# Streamlit marks its run: one sheet's placeholder comes and goes, the other's never comes.
UNTIL_DRAWN_HEAD = """
<style id="waits" data-until-drawn="[data-testid=stSkeleton]">#words { visibility: hidden; }</style>
<style id="never" data-until-drawn=".never-drawn">#words { color: rgb(1, 2, 3); }</style>
"""
UNTIL_DRAWN_BODY = '<div data-testid="stApp" data-test-script-state="initial"><p id="words">Words</p></div>'
SHEETS_ON_JS = "() => ({waits: !document.getElementById('waits').disabled, never: !document.getElementById('never').disabled})"


def test_a_sheet_that_waits_on_a_placeholder_is_switched_off_once_one_is_drawn_over_with_the_run_finished(browser):
    # Its :has() rules cost every layout after them: ~6 ms a forced layout on the Charts page, against ~0.4 ms.
    from dashboard.first_paint import script_element
    from dashboard.frontend import read_static

    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        script = script_element(read_static("first-paint.js")).decode()
        page.set_content(f"<html><head>{UNTIL_DRAWN_HEAD}{script}</head><body>{UNTIL_DRAWN_BODY}</body></html>")
        on = {"waits": True, "never": True}
        app = "document.querySelector('[data-testid=stApp]')"
        page.evaluate(f"() => {app}.setAttribute('data-test-script-state', 'notRunning')")
        page.evaluate(NEXT_FRAME_JS)
        assert page.evaluate(SHEETS_ON_JS) == on, "no placeholder came yet: nothing is known to be drawn"
        # A placeholder that goes with its page (a page switched before the code came) proves nothing.
        page.evaluate(f"""() => {{ {app}.setAttribute('data-test-script-state', 'running');
          {app}.insertAdjacentHTML('beforeend', '<div id="left-page"><div data-testid="stSkeleton"></div></div>'); }}""")
        page.evaluate(NEXT_FRAME_JS)
        page.evaluate(f"() => {{ document.getElementById('left-page').remove(); "
                      f"{app}.setAttribute('data-test-script-state', 'notRunning'); }}")
        page.evaluate(NEXT_FRAME_JS)
        assert page.evaluate(SHEETS_ON_JS) == on, "its placeholder left with its page: not drawn over"
        page.evaluate(f"""() => {{ {app}.setAttribute('data-test-script-state', 'running');
          {app}.insertAdjacentHTML('beforeend', '<div id="holder"><div id="ph" data-testid="stSkeleton"></div></div>'); }}""")
        page.evaluate(NEXT_FRAME_JS)
        assert page.evaluate(SHEETS_ON_JS) == on
        page.evaluate("() => document.getElementById('ph').replaceWith(document.createTextNode('drawn'))")
        page.evaluate(NEXT_FRAME_JS)
        assert page.evaluate(SHEETS_ON_JS) == on, "gone while the run goes on: the run may bring another"
        page.evaluate(f"() => {app}.setAttribute('data-test-script-state', 'notRunning')")
        page.wait_for_function("() => document.getElementById('waits').disabled")
        assert page.evaluate(SHEETS_ON_JS) == {"waits": False, "never": True}
        assert page.evaluate("() => getComputedStyle(document.getElementById('words')).visibility") == "visible"
    finally:
        page.close()


SWITCHED_OFF_JS = """() => { const waits = [...document.querySelectorAll('style[data-until-drawn]')];
  const copies = [...document.querySelectorAll('style:not([data-until-drawn])')]
    .filter((s) => s.textContent.includes('stMetricLabel') || s.textContent.includes('.st-key-phone-nav:has('));
  return waits.length === 2 && waits.every((s) => s.disabled) && copies.length === 0; }"""


@pytest.mark.parametrize("phone", [False, True], ids=["1280", "phone"])
def test_once_the_charts_page_is_drawn_its_sheets_that_waited_on_placeholders_are_off_and_not_copied(browser, server,
                                                                                                    phone):
    from tests.e2e.contexts import Tabs

    size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 800}
    tabs = Tabs(browser, server, size, phone=phone)
    try:
        page = tabs.new_page()
        page.goto(server + "/charts")
        wait_idle(page)
        expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
        page.wait_for_function(SWITCHED_OFF_JS)
    finally:
        tabs.close()


# The phone's bar of page links (ui/page.py, st_phone_nav) as Streamlit draws it: the language switch (a component,
# nothing in it yet), then the links, one of them still its placeholder.
PHONE_BAR = """
<div data-testid="stBottom"><div data-testid="stBottomBlockContainer">
<div class="st-key-phone-nav" style="display: flex">
  <div class="st-key-language_switch_phone" id="switch"></div>
  <div data-testid="stElementContainer" id="map-link"><a href="/">Карта</a></div>
  <div data-testid="stElementContainer" id="story-link"><div data-testid="stSkeleton"></div></div>
</div></div></div>
"""


def test_the_phones_bar_of_links_is_shown_once_whole_beside_the_switchs_room(browser):
    # Each link moved right as those before it were drawn, and all of them as the switch came (0.004-0.023).
    from dashboard.frontend import read_static

    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.set_content(f"<style>{read_static('first-paint.css')}{read_static('first-paint-phone-nav.css')}</style>"
                         f"{PHONE_BAR}")
        assert page.evaluate(SHOWN_JS, ["map-link", "switch"]) == {"map-link": "hidden", "switch": "hidden"}
        assert page.evaluate("() => document.getElementById('map-link').getBoundingClientRect().left") >= 139
        page.evaluate("() => document.querySelector('#story-link > [data-testid=stSkeleton]').remove()")
        assert page.evaluate(SHOWN_JS, ["map-link", "switch"]) == {"map-link": "visible", "switch": "visible"}
    finally:
        page.close()


# The Story page's column under its map and its words as Streamlit draws them before the components' code has come:
# each step's line or words (an st.html element) and the component that swaps them (40 px placeholders both).
STORY_ROOMS = """
<div data-testid="stVerticalBlock" style="display: flex; flex-direction: column; gap: 16px">
  <div data-testid="stVerticalBlock" class="st-key-story-caption-now-room" id="caption-room">
    <div data-testid="stElementContainer" id="caption"><div data-testid="stSkeleton" style="height: 40px"></div></div>
    <div data-testid="stElementContainer" class="st-key-story_caption" id="caption-swap">
      <div data-testid="stSkeleton" style="height: 40px"></div></div>
  </div>
  <div data-testid="stVerticalBlock" class="st-key-story-words-now-room" id="words-room">
    <div data-testid="stElementContainer" id="words"><div class="story-words-now">Step 4</div></div>
    <div data-testid="stElementContainer" class="st-key-story_words" id="words-swap">
      <div data-testid="stSkeleton" style="height: 40px"></div></div>
  </div>
  <div class="st-key-story-strip-room" id="strip"></div>
</div>
"""
DISPLAYS_JS = "(ids) => Object.fromEntries(ids.map((id) => [id, getComputedStyle(document.getElementById(id)).display]))"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_storys_swapping_components_and_on_a_phone_its_map_line_take_no_room_from_the_first_paint(browser, width):
    # A fresh reviewer: on a phone the time strip moved up 112 px in half the loads, as the line under the map (hidden
    # there once drawn) and its component went from their 40 px placeholders to nothing.
    from dashboard.frontend import read_static

    page = browser.new_page(viewport={"width": width, "height": 844})
    try:
        page.set_content(f"<style>{read_static('first-paint.css')}</style>{STORY_ROOMS}")
        shown = page.evaluate(DISPLAYS_JS, ["caption-room", "caption-swap", "words-room", "words", "words-swap"])
        assert shown == {"caption-room": "none" if width < 640 else "block", "caption-swap": "none",
                         "words-room": "block", "words": "block", "words-swap": "none"}
    finally:
        page.close()


def test_the_map_is_not_shown_before_leafletss_stylesheet_and_nothing_in_it_moves_when_it_comes(browser, server):
    # A fresh reviewer: on a slow link (400 ms, 200 kB/s) the map's frame moved whole (1.0) in every load, Leaflet's
    # stylesheet coming after the map was drawn. Here it is held back until the map exists, then let through.
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(OBSERVE)
    held = {"on": True}
    context.route("**/leaflet.css", lambda route: route.abort() if held["on"] else route.continue_())
    page = context.new_page()
    page.set_default_timeout(60000)
    try:
        page.goto(server + "/")
        frame_el = page.locator('iframe[title="streamlit_folium.st_folium"]')
        frame_el.wait_for()
        frame = frame_el.element_handle().content_frame()
        frame.locator("#map_div .leaflet-marker-icon").first.wait_for(state="attached")
        assert frame.locator("#map_div").evaluate("e => getComputedStyle(e).visibility") == "hidden"
        held["on"] = False
        released = frame.evaluate("() => performance.now()")
        frame.locator("html").evaluate("""() => { const l = document.createElement('link'); l.rel = 'stylesheet';
          l.href = document.querySelector('link[href*="leaflet.css"]').href; document.head.append(l); }""")
        frame.locator("#map_div").evaluate("e => new Promise((done) => { const check = () => "
                                           "getComputedStyle(e).visibility === 'visible' ? done() : "
                                           "requestAnimationFrame(check); check(); })")
        page.evaluate(NEXT_FRAME_JS)
        shifts = [s for s in frame.evaluate("window.__shifts || []") if s["t"] >= released]
        assert shifts == []
    finally:
        context.close()
