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

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import ANIMATIONS_DONE_JS, wait_idle, wait_still

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


# The pages that hold the goal today. Not yet (issue 27 stays open; README, "Steady as it loads"): inside the
# map's own frame (now and then 1.0 inside the frame as Leaflet first lays out its panes; written to the
# artifacts, not judged here yet), and the story on a phone (0.07-0.09 in English, near the goal; 0.2-0.3 in
# Russian, whose head row of links wraps to two rows once the page link is drawn).
PAGES = ["/", "/story", "/charts", "/reader", "/compare", "/search?q=CSTO", "/data", "/about"]
PHONE_PAGES = ["/", "/charts", "/data", "/about"]


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
