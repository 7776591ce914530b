"""Time strip part (issue 29): the map page's time strip in headless Chromium, the EAEU shaded.

- A handle step: a key (→ or ←) on the strip's handle, across the EAEU treaty's day (31 Dec 2014 ↔ 1 Jan 2015), to
  the map's frame having drawn that day's shading in the browser (map-time.js's `__previewDay` done, and the frame's
  next animation frame: the repaint). Goal: within 50 ms. Nothing waits for the server (it is told once the handle
  rests); the map's frame must stay the same one.
- Scrubbing: the handle dragged by the mouse from 1991 to today, one move after another, while the page and the
  map's frame count their animation frames. Goal: at least 30 frames a second in both, and every day the handle
  went to shaded by the frame.
"""

from __future__ import annotations

import asyncio
import time

from playwright.async_api import async_playwright

from bench import browser as bw
from bench.common import Server, log, median, quantile

LINK = "/?shade=EAEU&date=2014-12-31"
HANDLE = '[data-testid="time-handle"]'
# The key's moment, in the top page (the handle is in a shadow root: its key reaches the document's capture first).
KEY_JS = r"""
document.addEventListener("keydown", (e) => {
  if (window.top === window && /^Arrow(Left|Right)$/.test(e.key)) {
    window.__stripT0 = performance.timeOrigin + performance.now();
  }
}, true);
"""
# In the map's frame: when each day's shading was drawn, and the animation frame after it (the repaint).
WATCH_FRAME_JS = r"""() => {
  const draw = window.__previewDay;
  window.__stripShaded = []; window.__stripPainted = null; window.__probe = 1;
  window.__previewDay = function (iso) {
    const done = draw(iso);
    window.__stripShaded.push(iso);
    requestAnimationFrame(() => { window.__stripPainted = performance.timeOrigin + performance.now(); });
    return done;
  };
}"""
# Animation frames counted in a document from now until asked (window.__frames()).
COUNT_FRAMES_JS = r"""() => {
  let n = 0, on = true; const t0 = performance.now();
  const tick = () => { if (on) { n += 1; requestAnimationFrame(tick); } };
  requestAnimationFrame(tick);
  window.__frames = () => { on = false; return {frames: n, ms: performance.now() - t0}; };
}"""


async def _steps(page, frame, steps: int, timeout: float = 30.0) -> dict:
    """`steps` key presses on the handle, alternating → and ← across 1 Jan 2015; each timed to the repaint."""
    handle = page.locator(HANDLE)
    await handle.focus()
    out = []
    for i in range(steps):
        key, day = ("ArrowRight", "2015-01-01") if i % 2 == 0 else ("ArrowLeft", "2014-12-31")
        await frame.evaluate("() => { window.__stripPainted = null; }")
        await page.evaluate("() => { window.__stripT0 = null; }")
        await page.keyboard.press(key)
        deadline = time.monotonic() + timeout
        while True:
            state = await frame.evaluate("() => ({painted: window.__stripPainted, last: window.__stripShaded.at(-1),"
                                         " probe: window.__probe === 1})")
            if state["painted"] and state["last"] == day:
                break
            if time.monotonic() > deadline:
                raise bw.BenchError(f"the map did not shade {day} within {timeout:.0f} s of the key")
            await asyncio.sleep(0.01)
        t0 = await page.evaluate("() => window.__stripT0")
        if t0 is None:
            raise bw.BenchError("the key press was not seen by the page")
        out.append(state["painted"] - t0)
        # The day reaches the server once the handle has rested (the address then holds it); the next step waits for
        # that run to end, so that each step is timed on its own (the server's run is not the step's).
        await page.wait_for_function(f"() => new URLSearchParams(location.search).get('date') === '{day}'")
        await bw.wait_idle(page)
    return {"ms": out, "median_ms": median(out), "p95_ms": quantile(out, 0.95)}


async def _scrub(page, frame, moves: int) -> dict:
    """The handle dragged by the mouse from 1991 to today in `moves` moves; frames counted in the page and the map."""
    rail = await page.locator(".rail").bounding_box()
    y = rail["y"] + rail["height"] / 2
    await frame.evaluate("() => { window.__stripShaded = []; }")
    await page.mouse.move(rail["x"], y)
    await page.mouse.down()
    await page.evaluate(COUNT_FRAMES_JS)
    await frame.evaluate(COUNT_FRAMES_JS)
    t0 = time.perf_counter()
    for i in range(1, moves + 1):
        await page.mouse.move(rail["x"] + rail["width"] * i / moves, y)
    top = await page.evaluate("() => window.__frames()")
    inner = await frame.evaluate("() => window.__frames()")
    await page.mouse.up()
    seconds = time.perf_counter() - t0
    shaded = await frame.evaluate("() => window.__stripShaded.length")
    last = await frame.evaluate("() => window.__stripShaded.at(-1)")
    today = await page.locator(HANDLE).get_attribute("aria-valuetext")
    return {"moves": moves, "seconds": seconds, "page_fps": top["frames"] / top["ms"] * 1000,
            "map_fps": inner["frames"] / inner["ms"] * 1000, "days_shaded": shaded, "last_shaded": last,
            "ended_on": today}


async def _browser_part(real: Server, steps: int, moves: int) -> dict:
    async with async_playwright() as pw:
        browser = await bw.launch(pw)
        tab = await bw.new_tab(browser)
        try:
            await tab.context.add_init_script(KEY_JS)
            await tab.page.goto(real.url + LINK, wait_until="commit")
            await bw.wait_painted(tab.page, "real")
            await bw.wait_idle(tab.page)
            await tab.page.locator(HANDLE).scroll_into_view_if_needed()
            frame = bw.map_frame(tab.page)
            await frame.wait_for_function("() => !!window.__membershipTimeline && !!window.__previewDay")
            await frame.evaluate(WATCH_FRAME_JS)
            await _steps(tab.page, frame, 2)  # untimed: the first steps load what the page had not needed yet
            step = await _steps(tab.page, frame, steps)
            scrub = await _scrub(tab.page, frame, moves)
            remounted = bw.map_frame(tab.page) is not frame or not await frame.evaluate("() => window.__probe === 1")
            errors = tab.errors + await bw.exceptions_on_page(tab.page)
        finally:
            await tab.close()
            await browser.close()
    log(f"strip: handle step → map repainted: median {step['median_ms']:.0f} ms of {[round(x) for x in step['ms']]}; "
        f"scrub: page {scrub['page_fps']:.0f} fps, map {scrub['map_fps']:.0f} fps over {scrub['seconds']:.1f} s, "
        f"{scrub['days_shaded']} days shaded; remounted {remounted}")
    return {"step": step, "scrub": scrub, "remounted": remounted, "errors": errors}


def run(quick: bool) -> dict:
    """The real app on a free port; the strip's steps and a scrub."""
    steps, moves = (6, 120) if quick else (20, 400)
    real = Server("dashboard/serve.py", "real").start()
    try:
        real.wait_healthy()
        result = asyncio.run(_browser_part(real, steps, moves))
        real.check_alive()
    finally:
        real.stop()
    result["settings"] = {"steps": steps, "moves": moves}
    return result
