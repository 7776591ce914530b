"""Story part (issue 14): the Story page beside the floor app, in the same run, in headless Chromium.

- A `?story=4` link, opened in a fresh browser: navigation -> map painted (the page part's definition), warm
  loads alternating with the floor app's; the map must open on step 4.
- A step change (the → key) -> the map at the step's place (its `moveend`), the step's words drawn, and the
  server's run that the change asked for done (the navigation drawn again with the step acknowledged, the app
  idle), against the floor app's selectbox change (map updated, app idle). The map's frame must stay the same
  one throughout: flown, never remounted.

Step changes are timed with reduced motion (the map goes to the step at once). With motion the map flies for
1.2 s, a chosen duration rather than work: those arrivals are reported beside it, not held to the goal.
"""

from __future__ import annotations

import asyncio
import time

from playwright.async_api import async_playwright

from bench import browser as bw
from bench.common import Server, log, median, quantile
from bench.floor_app import CITIES, ensure_static_link

LINK_STEP = 4
# Time a step change from the key going down (the page part times Enter, Backspace and checkbox clicks).
KEY_JS = r"""
document.addEventListener("keydown", (e) => {
  if (window.top === window && window.__bench && /^Arrow(Left|Right)$/.test(e.key)) {
    window.__bench.t0 = performance.timeOrigin + performance.now();
  }
}, true);
"""
# Before a step change: when the step's words (top page) and the map's arrival (map frame) happen.
WATCH_WORDS_JS = r"""(n) => {
  const B = window.__bench, now = () => performance.timeOrigin + performance.now();
  B.t0 = null; B.wordsAt = null; B.syncedAt = null;
  document.addEventListener("dashboard:story-synced", (e) => {
    if (e.detail.step === n && B.t0 && !B.syncedAt) { B.syncedAt = now(); }
  });
  const found = () => document.querySelector(`[data-testid="story-step"][data-step="${n}"]`);
  const obs = new MutationObserver(() => { if (found()) { B.wordsAt = now(); obs.disconnect(); } });
  obs.observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ["data-step"]});
}"""
WATCH_MAP_JS = r"""(n) => {
  const B = window.__bench, now = () => performance.timeOrigin + performance.now();
  window.__probe = 1; B.arrivedAt = null;
  const box = document.getElementById("map_div");
  const obs = new MutationObserver(() => {
    if (box.getAttribute("data-story-arrived") === String(n)) { B.arrivedAt = now(); obs.disconnect(); }
  });
  obs.observe(box, {attributes: true, attributeFilter: ["data-story-arrived"]});
}"""


async def _story_tab(browser, url: str, motion: bool = False) -> bw.Tab:
    """A fresh, instrumented browser context on the Story page, painted and idle."""
    context = await browser.new_context(viewport=bw.VIEWPORT, reduced_motion="no-preference" if motion else "reduce")
    context.set_default_timeout(120_000)
    await context.add_init_script(bw.INIT_JS)
    await context.add_init_script(KEY_JS)
    await context.route(bw.MAP_DOCUMENT, bw._inject_into_map_document)
    page = await context.new_page()
    tab = bw.Tab(context, page)
    page.on("pageerror", lambda exc: tab.errors.append(f"pageerror: {exc}"[:300]))
    await page.goto(url, wait_until="commit")
    await bw.wait_painted(page, "real")
    await bw.wait_idle(page)
    return tab


async def step_change(page, key: str, n: int, timeout: float = 60.0, poll: float = 0.03) -> dict:
    """Press `key` (→ or ←) to go to step n; time it until the map is at the step, its words drawn, the app idle."""
    frame = bw.map_frame(page)
    await page.evaluate(WATCH_WORDS_JS, n)
    await frame.evaluate(WATCH_MAP_JS, n)
    await page.keyboard.press(key)
    deadline = time.monotonic() + timeout
    while True:
        if time.monotonic() > deadline:
            raise bw.BenchError(f"step {n} not shown within {timeout:.0f} s of the key")
        current = bw.map_frame(page)
        inner = await current.evaluate("({arrivedAt: __bench.arrivedAt || null, probe: window.__probe === 1})") \
            if current is not None else None
        top = await page.evaluate("({t0: __bench.t0, wordsAt: __bench.wordsAt, idle: __bench.isIdle(),"
                                  " idleAt: __bench.idleAt, syncedAt: __bench.syncedAt})")
        remounted = current is not frame or not (inner and inner["probe"])
        if remounted:
            break
        # Done once the server has the step too (the navigation drawn again by the run the change asked for: the
        # tab's title, and the page's run when the step needs more than the browser switches) and the app is idle.
        # The words and the map are the browser's alone, and are drawn before that run has begun.
        if inner["arrivedAt"] and top["wordsAt"] and top["syncedAt"] and top["idle"]:
            break
        await asyncio.sleep(poll)
    if top["t0"] is None:
        raise bw.BenchError("the key press was not seen by the page")
    if remounted:
        return {"ms": float("nan"), "remounted": True}
    t0 = top["t0"]
    idle_at = max(top["syncedAt"], top["idleAt"] or 0)
    return {"ms": max(inner["arrivedAt"], top["wordsAt"], idle_at) - t0, "remounted": False,
            "map_ms": inner["arrivedAt"] - t0, "words_ms": top["wordsAt"] - t0, "idle_ms": idle_at - t0}


async def _link_series(browser, floor: Server, real: Server, loads: int) -> dict:
    """Warm loads of a ?story=N link and of the floor app, alternating (one cold load each, discarded)."""
    link = f"{real.url}/story?story={LINK_STEP}"
    out = {"floor": [], "real": [], "opened_on": []}

    async def real_load() -> float:
        tab = await bw.new_tab(browser)
        try:
            await tab.page.goto(link, wait_until="commit")
            ms = await bw.wait_painted(tab.page, "real")
            frame = bw.map_frame(tab.page)
            out["opened_on"].append(await frame.evaluate("document.getElementById('map_div').getAttribute('data-story')"))
            return ms
        finally:
            await tab.close()

    await asyncio.gather(bw.load_paint(browser, floor.url + "/", "floor", timeout=180), real_load())
    out["opened_on"].clear()
    for i in range(loads):
        for kind in ("floor", "real") if i % 2 == 0 else ("real", "floor"):
            ms = await real_load() if kind == "real" else (await bw.load_paint(browser, floor.url + "/", "floor"))["ms"]
            out[kind].append(ms)
    for kind in ("floor", "real"):
        out[f"{kind}_median_ms"] = median(out[kind])
        log(f"story: {'?story=4 link' if kind == 'real' else 'floor'} painted: median {median(out[kind]):.0f} ms "
            f"of {[round(x) for x in out[kind]]}")
    return out


async def _change_series(browser, floor: Server, real: Server, changes: int, steps: int) -> dict:
    """`changes` timed step changes (→ through the story, then ← back) interleaved with floor selectbox changes."""
    story = await _story_tab(browser, f"{real.url}/story?story=1")
    floor_tab = await bw.open_painted(browser, floor.url + "/", "floor")
    cities = list(CITIES)
    out = {"real": [], "map_ms": [], "words_ms": [], "idle_ms": [], "floor": [], "remounted": 0, "errors": []}
    try:
        # Untimed: the first change after a load also loads code the page had not needed yet, in either app.
        await step_change(story.page, "ArrowRight", 2)
        await step_change(story.page, "ArrowLeft", 1)
        await bw.timed_change(floor_tab.page, lambda: bw.selectbox_pick(floor_tab.page, "City", cities[-1]))
        shown, forward = 1, True
        for i in range(changes):
            if shown == steps:
                forward = False
            elif shown == 1:
                forward = True
            shown += 1 if forward else -1
            change = await step_change(story.page, "ArrowRight" if forward else "ArrowLeft", shown)
            out["remounted"] += int(change["remounted"])
            if not change["remounted"]:
                out["real"].append(change["ms"])
                out["map_ms"].append(change["map_ms"])
                out["words_ms"].append(change["words_ms"])
                out["idle_ms"].append(change["idle_ms"])
            city = cities[(i + 1) % len(cities)]
            floor_change = await bw.timed_change(floor_tab.page, lambda c=city: bw.selectbox_pick(floor_tab.page, "City", c))
            out["floor"].append(floor_change.ms)
        out["errors"] = story.errors + floor_tab.errors + await bw.exceptions_on_page(story.page)
    finally:
        await story.close()
        await floor_tab.close()
    for kind in ("real", "floor"):
        out[f"{kind}_median_ms"] = median(out[kind]) if out[kind] else float("nan")
        out[f"{kind}_p95_ms"] = quantile(out[kind], 0.95) if out[kind] else float("nan")
    log(f"story: step change: median {out['real_median_ms']:.0f} ms of {[round(x) for x in out['real']]} "
        f"(map {median(out['map_ms']) if out['map_ms'] else float('nan'):.0f}, words "
        f"{median(out['words_ms']) if out['words_ms'] else float('nan'):.0f}, app idle "
        f"{median(out['idle_ms']) if out['idle_ms'] else float('nan'):.0f}); floor selectbox change: median "
        f"{out['floor_median_ms']:.0f} ms; remounted {out['remounted']}")
    return out


async def _motion_series(browser, real: Server, changes: int) -> dict:
    """Step changes with motion: the map flies (1.2 s by design); reported, not held to the goal."""
    story = await _story_tab(browser, f"{real.url}/story?story=1", motion=True)
    out = {"ms": [], "remounted": 0}
    try:
        for n in range(2, 2 + changes):
            change = await step_change(story.page, "ArrowRight", n)
            out["remounted"] += int(change["remounted"])
            if not change["remounted"]:
                out["ms"].append(change["ms"])
    finally:
        await story.close()
    out["median_ms"] = median(out["ms"]) if out["ms"] else float("nan")
    log(f"story: step change with motion: median {out['median_ms']:.0f} ms of {[round(x) for x in out['ms']]}")
    return out


async def _browser_part(floor: Server, real: Server, loads: int, changes: int, steps: int) -> dict:
    async with async_playwright() as pw:
        browser = await bw.launch(pw)
        try:
            link = await _link_series(browser, floor, real, loads)
            change = await _change_series(browser, floor, real, changes, steps)
            motion = await _motion_series(browser, real, min(3, steps - 1))
        finally:
            await browser.close()
    return {"link": link, "change": change, "motion": motion}


def run(quick: bool) -> dict:
    """The floor app and the real app on two free ports at once."""
    from dashboard.corpus.load import load_corpus
    from dashboard.story.load import load_story, story_path

    steps = len(load_story(story_path(), load_corpus()).steps)
    ensure_static_link()
    loads, changes = (1, 2) if quick else (7, 16)
    floor, real = Server("bench/floor_app.py", "floor"), Server("dashboard/serve.py", "real")
    for s in (floor, real):
        s.start()
    try:
        for s in (floor, real):
            s.wait_healthy()
        log(f"story: floor on {floor.url}, real on {real.url}")
        result = asyncio.run(_browser_part(floor, real, loads, changes, steps))
        for s in (floor, real):
            s.check_alive()
    finally:
        for s in (floor, real):
            s.stop()
    result["settings"] = {"warm_loads": loads, "changes": changes, "steps": steps, "link_step": LINK_STEP}
    return result
