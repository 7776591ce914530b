"""Small waits that look at what a user would see, rather than sleeping."""

from __future__ import annotations

import contextlib
from urllib.parse import urlparse

from playwright.sync_api import Error as PlaywrightError

from tests.e2e.contexts import Tabs

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def request_host(url: str) -> str:
    """The host a request goes to. A blob: URL is made in the page itself (Streamlit loads the filter
    panel's module from one), so it belongs to the origin it names: blob:http://host/uuid -> host."""
    if url.startswith("blob:"):
        url = url[len("blob:"):]
    return urlparse(url).netloc


def map_frame(page):
    return page.frame_locator(MAP_FRAME)


IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testConnectionState === 'CONNECTED' && app.dataset.testScriptState === 'notRunning' &&
    !document.querySelector('[data-stale="true"]');
}"""


def wait_idle(page, timeout: int | None = None) -> None:
    """Until the app says it is idle: connected, its script run finished (not merely not yet started: the
    state before the first run is 'initial'), and no element faded as stale."""
    page.wait_for_function(IDLE_JS, timeout=timeout)


# Resolves once the element's box is the same in two animation frames running: nothing moves it any more
# (Leaflet's pan, a smooth scroll). A state of the page, however long the busy machine takes to get there.
STILL_JS = """(el) => new Promise((done) => {
  let last = null;
  const look = () => {
    const r = el.getBoundingClientRect(), now = [r.left, r.top, r.width, r.height].join();
    if (now === last) { done(true); } else { last = now; requestAnimationFrame(look); }
  };
  requestAnimationFrame(look);
})"""


def wait_still(locator) -> None:
    """Until the element has stopped moving."""
    locator.evaluate(STILL_JS)


# Resolves once every finite animation and transition in the document has finished (a popup's fade, a
# panel sliding open); a spinner's endless one is not waited for.
ANIMATIONS_DONE_JS = """() => Promise.all(document.getAnimations()
  .filter((a) => a.playState === 'running' && Number.isFinite(a.effect?.getComputedTiming().endTime))
  .map((a) => a.finished.catch(() => null))).then(() => true)"""

# Resolves at the next animation frame: what was just changed has been laid out and painted.
NEXT_FRAME_JS = "() => new Promise((done) => requestAnimationFrame(() => done(true)))"


# What a page shows and whether it still renders, for a failure's message: a wait that timed out on a map that never
# arrived says whether the page's frames stopped (no animation frame within 2 s: then neither Leaflet's flight nor
# Playwright's screenshot can finish), whether the map was rebuilt, and where it is. Each read is a wait with a
# timeout, polled on a timer, not an evaluation: a page whose scripts are stuck is said to be, not waited on for good.
RENDER_STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]'), box = document.getElementById('map_div');
  const state = {url: location.href, visibility: document.visibilityState, focus: document.hasFocus(),
    connection: app ? app.dataset.testConnectionState : undefined, script: app ? app.dataset.testScriptState : undefined,
    stale: document.querySelectorAll('[data-stale="true"]').length};
  if (box) {
    state.story = box.getAttribute('data-story');
    state.arrived = box.getAttribute('data-story-arrived');
    state.probe = window.__probe;
    if (window.map) {
      const c = window.map.getCenter();
      state.view = [c.lat, c.lng, window.map.getZoom(), !!window.map._flyToFrame, window.map.getSize().toString()];
    }
  }
  return state;
}"""
FRAME_ASKED_JS = """() => { if (window.__stateFrame === undefined) { window.__stateFrame = performance.now();
  requestAnimationFrame(() => { window.__stateFrame = true; }); } return true; }"""


def render_state(page) -> dict:
    """RENDER_STATE_JS in the page and in each of its frames, by frame URL, with `frame`: whether an animation frame
    came within 2 s (a note in place of a frame that could not answer within 5 s)."""
    out = {}
    for frame in page.frames:
        key = "page" if frame is page.main_frame else frame.url.split("?")[0][-40:]
        try:
            state = frame.wait_for_function(RENDER_STATE_JS, polling=100, timeout=5000).json_value()
            frame.wait_for_function(FRAME_ASKED_JS, polling=100, timeout=5000)
            try:
                frame.wait_for_function("() => window.__stateFrame === true", polling=100, timeout=2000)
                state["frame"] = "drawn"
            except PlaywrightError:
                state["frame"] = "none within 2 s"
            out[key] = state
        except PlaywrightError as exc:
            out[key] = f"no answer: {str(exc).splitlines()[0]}"
    return out


def wait_settled(page) -> None:
    """Until the app is idle and nothing on the page or in its frames is still fading or sliding: what a reader
    looking at the page sees, and what axe should judge."""
    wait_idle(page)
    for frame in page.frames:
        with contextlib.suppress(PlaywrightError):  # a frame a rerun replaced while we looked
            frame.evaluate(ANIMATIONS_DONE_JS)
    page.evaluate(NEXT_FRAME_JS)


def wait_for_map(page, timeout: int | None = None):
    """Until the basemap is painted and the dynamic layers are on the map."""
    map_frame(page).locator('#map_div[data-basemap="ready"]').wait_for(timeout=timeout)
    frame = leaflet_frame(page)
    frame.wait_for_function("() => window.feature_group && window.feature_group.length > 0", timeout=timeout)
    return frame


def open_map(browser, server, size: tuple[int, int], path: str = "/", phone: bool = False):
    """A browser tab of `size` (a phone's touch screen if `phone`) on `path`, once the map is laid out: (its
    context, whose `close()` closes it, the page, the map's frame). The tab is the worker's warm context's
    (contexts.Tabs): the map's first load there is what the tests look at, not a first visit's."""
    context = Tabs(browser, server, {"width": size[0], "height": size[1]}, phone=phone)
    page = context.new_page()
    page.set_default_timeout(30000)
    page.goto(server + path)
    frame = wait_for_map(page)
    frame.wait_for_function("() => window.__layoutDone === true")
    return context, page, frame


def leaflet_frame(page):
    return next(f for f in page.frames if "st_folium" in f.url)


def layer_counts(frame) -> list[int]:
    """Layers in each feature group currently on the map."""
    return frame.evaluate(
        "() => window.feature_group.filter(g => window.map.hasLayer(g)).map(g => g.getLayers().length)")


def facet(page, key: str):
    """One facet of the sidebar's filter panel ("org", "country", ...), opened as a reader would."""
    box = page.locator(f'[data-testid="filter-panel"] details[data-key="{key}"]')
    if not box.evaluate("d => d.open"):
        box.locator("summary").click()
    return box


def choose(page, key: str, name: str):
    """Tick one option of the filter panel by its shown name."""
    option = facet(page, key).locator("label.option").filter(has=page.locator("span.name", has_text=name))
    option.locator("input").click()


def tab_until(page, condition_js: str, limit: int = 200) -> None:
    """Press Tab until `condition_js` (a function of nothing, run in the page) holds, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition_js):
            return
    raise AssertionError(f"Tab never reached {condition_js}")


def param(page, key: str) -> str | None:
    """One parameter of the address bar."""
    return page.evaluate(f"() => new URLSearchParams(location.search).get({key!r})")


WATCH_JS = """() => {
  // Every (connection, script run) state the app goes through, from now on.
  const app = document.querySelector('[data-testid="stApp"]');
  const seen = window.__appStates = [];
  const note = () => seen.push(app.dataset.testConnectionState + " " + app.dataset.testScriptState);
  new MutationObserver(note).observe(app, {attributes: true});
  note();
}"""
BACK_JS = """() => {
  const seen = window.__appStates, last = seen.length - 1;
  const lost = seen.findIndex((s) => !s.startsWith("CONNECTED "));
  const ran = lost >= 0 && seen.slice(lost).some((s) => s === "CONNECTED running");
  return ran && seen[last] === "CONNECTED notRunning";
}"""


def start_watching(page) -> None:
    """Record the page's connection and run states from now on (before a server goes away)."""
    page.evaluate(WATCH_JS)


def wait_back(page, timeout: int = 90000) -> None:
    """Until the page lost its connection, is connected again, and a run has gone through since (the
    first of the new session's)."""
    page.wait_for_function(BACK_JS, timeout=timeout)


def shading(frame) -> dict[str, str]:
    """Each country's fill colour on the basemap as drawn (not what was sent): {iso2: colour}."""
    return frame.evaluate("""() => { var out = {};
        window.__basemap.eachLayer(function (f) { out[f.feature.properties.iso2] = f.options.fillColor; });
        return out; }""")


def shaded(frame) -> dict[str, str]:
    """The countries drawn in a grouping's colours, with their fill (the rest keep the base colour)."""
    return {code: colour for code, colour in shading(frame).items() if colour != BASE_FILL}


BASE_FILL = "#e8e4da"  # a country outside the chosen grouping (dashboard/map/style.py)


# The map's controls the route's edge badge lies on, as [left, top, right, bottom] (none: []).
OFF_CONTROLS = """() => { const e = document.querySelector('.edge-mark'), r = e && e.getBoundingClientRect();
  if (!r || !r.width) return [];
  return [...document.querySelectorAll('.leaflet-control')].map(c => c.getBoundingClientRect())
    .filter(c => c.width && r.left < c.right && c.left < r.right && r.top < c.bottom && c.top < r.bottom)
    .map(c => [c.left, c.top, c.right, c.bottom]); }"""


# The story step's marks off the map, or that a map control or an edge badge covers (the marks' icons, as ringed for the step), as
# [what covers it, its words, the mark's classes] each (none: []).
ON_MARKS = """() => { const box = (e) => e.getBoundingClientRect();
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const over = [...document.querySelectorAll('.leaflet-control, .edge-mark')].filter((c) => c.offsetWidth);
  const out = [], map = box(document.getElementById('map_div'));
  document.querySelectorAll('.leaflet-marker-icon.in-story').forEach((m) => {
    const r = box(m);
    if (r.left < map.left || r.right > map.right || r.top < map.top || r.bottom > map.bottom) {
      out.push(['off the map', '', m.className]);
    }
    over.forEach((c) => { if (hit(r, box(c))) { out.push([c.className, c.textContent.slice(0, 40), m.className]); } });
  });
  return out; }"""


# Every element under `root` (open shadow roots included) that shows text and whose content is wider than its box:
# words cut with an ellipsis or running out of their column. [its words, content width, box width] each.
CUT_WORDS_JS = """(root) => {
  const out = [];
  const walk = (node) => {
    for (const e of node.children) {
      if (e.shadowRoot) { walk(e.shadowRoot); }
      const style = getComputedStyle(e);
      const text = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      // Clipped away on purpose (a name kept for a screen reader alone) is not cut.
      const shown = e.clientWidth > 0 && style.visibility !== 'hidden' && style.clip === 'auto';
      if (text && shown && e.scrollWidth > e.clientWidth + 1) {
        out.push([e.textContent.trim().slice(0, 60), e.scrollWidth, e.clientWidth]);
      }
      walk(e);
    }
  };
  walk(root.shadowRoot || root);
  return out;
}"""


def cut_words(locator) -> list:
    """The words cut or running out of their box under `locator` (CUT_WORDS_JS); [] when everything reads whole."""
    return locator.evaluate(CUT_WORDS_JS)
