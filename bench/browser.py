"""Headless Chromium helpers (Playwright async API): paint time, filter changes, bytes.

All times are taken inside the browser, as epoch milliseconds
(`performance.timeOrigin + performance.now()`, comparable between the page and
its iframes), by an init script that every page and frame gets:

* top page: `t0` when Enter or Backspace goes down (a selectbox change in the floor
  app) or a checkbox is clicked (a filter change in the app's filter panel), and the
  last time the app became idle: `stApp[data-test-script-state="notRunning"]`
  and no `[data-testid="stStatusWidgetRunningIcon"]` (Streamlit only shows that
  status widget after 500 ms of running, so the script-run state is what makes
  short reruns visible);
* st_folium iframe: when `#map_div` got `data-basemap="ready"`, when a
  `.leaflet-marker-icon` first appeared, and the time of every push onto
  `window.feature_group` (streamlit-folium pushes each new feature group there).

Python only polls, coarsely, for those facts; the numbers do not depend on how
fast it polls.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import time
import urllib.parse
from dataclasses import dataclass, field

from bench.common import check_servers

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
VIEWPORT = {"width": 1400, "height": 900}

INIT_JS = r"""
(() => {
  // Per document, not per window: an iframe's initial about:blank hands its window on to the real page.
  if (document.__benchInit) { return; }
  document.__benchInit = true;
  const now = () => performance.timeOrigin + performance.now();
  const B = window.__bench = {t0: null, idleAt: null, busyAt: null, readyAt: null, markerAt: null, fgPushes: []};
  if (window.top === window) {
    // Arrival time of every Streamlit WebSocket message (last 400 kept).
    B.wsAt = [];
    const NativeWS = window.WebSocket;
    const BenchWS = function (...args) {
      const ws = new NativeWS(...args);
      ws.addEventListener("message", () => { B.wsAt.push(now()); if (B.wsAt.length > 400) { B.wsAt.shift(); } });
      return ws;
    };
    BenchWS.prototype = NativeWS.prototype;
    ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach((k) => { BenchWS[k] = NativeWS[k]; });
    window.WebSocket = BenchWS;
    document.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === "Backspace") { B.t0 = now(); }
    }, true);
    // The filter panel lives in a shadow root: the click's real target is first in its composed path.
    document.addEventListener("click", (e) => {
      const target = e.composedPath()[0];
      if (target && target.matches && target.matches('input[type="checkbox"]')) { B.t0 = now(); }
    }, true);
    B.isIdle = () => {
      const app = document.querySelector('[data-testid="stApp"]');
      return !!app && app.getAttribute("data-test-script-state") === "notRunning"
        && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]');
    };
    let was = false;
    const check = () => {
      const idle = B.isIdle();
      if (idle && !was) { B.idleAt = now(); }
      if (!idle && was) { B.busyAt = now(); }
      was = idle;
    };
    const start = () => new MutationObserver(check).observe(document.documentElement, {
      subtree: true, childList: true, attributes: true, attributeFilter: ["data-test-script-state"]});
    if (document.documentElement) { start(); } else { document.addEventListener("DOMContentLoaded", start); }
  } else if (location.pathname.indexOf("streamlit_folium") >= 0) {
    let groups;
    const wrap = (arr) => {
      if (arr && !arr.__benchWrapped) {
        const push = arr.push;
        arr.push = function () { B.fgPushes.push(now()); return push.apply(this, arguments); };
        Object.defineProperty(arr, "__benchWrapped", {value: true});
      }
      return arr;
    };
    Object.defineProperty(window, "feature_group", {
      configurable: true,
      get() { return groups; },
      set(v) { groups = wrap(v); },
    });
    const look = () => {
      if (!B.readyAt) {
        const m = document.getElementById("map_div");
        if (m && m.getAttribute("data-basemap") === "ready") { B.readyAt = now(); }
      }
      if (!B.markerAt && document.querySelector(".leaflet-marker-icon")) { B.markerAt = now(); }
    };
    const start = () => new MutationObserver(look).observe(document.documentElement, {
      subtree: true, childList: true, attributes: true, attributeFilter: ["data-basemap"]});
    if (document.documentElement) { start(); } else { document.addEventListener("DOMContentLoaded", start); }
  }
})();
"""


class BenchError(RuntimeError):
    """The app did not do what the measurement needs (not a timing miss)."""


async def launch(pw):
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise BenchError("chromium not found on PATH (apt-get install chromium)")
    return await pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)


@dataclass
class Tab:
    """One browser context with one page, instrumented; collects page errors."""

    context: object
    page: object
    errors: list[str] = field(default_factory=list)

    async def close(self) -> None:
        with contextlib.suppress(Exception):  # closing is best effort
            await self.context.close()


MAP_DOCUMENT = "**/component/streamlit_folium.st_folium/index.html*"


async def _inject_into_map_document(route) -> None:
    """Playwright's init scripts do not reach the component iframe's document (it replaces the
    iframe's initial about:blank), so the same script is put at the top of its <head> instead."""
    response = await route.fetch()
    body = await response.text()
    await route.fulfill(response=response, body=body.replace("<head>", f"<head><script>{INIT_JS}</script>", 1))


async def new_tab(browser, timeout_ms: float = 120_000, instrument: bool = True) -> Tab:
    context = await browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(timeout_ms)
    await context.add_init_script(INIT_JS)
    if instrument:
        await context.route(MAP_DOCUMENT, _inject_into_map_document)
    page = await context.new_page()
    tab = Tab(context, page)
    page.on("pageerror", lambda exc: tab.errors.append(f"pageerror: {exc}"[:300]))
    return tab


def map_frame(page):
    for frame in page.frames:
        if "streamlit_folium" in (frame.url or "") and not frame.is_detached():
            return frame
    return None


async def _frame_state(page):
    frame = map_frame(page)
    if frame is None:
        return None, None
    try:
        return frame, await frame.evaluate(
            "window.__bench ? {readyAt: __bench.readyAt, markerAt: __bench.markerAt,"
            " pushes: __bench.fgPushes.slice(), probe: window.__probe === 1} : null")
    except Exception:  # noqa: BLE001 - frame navigating or detached: poll again
        return None, None


async def exceptions_on_page(page) -> list[str]:
    """Streamlit's own error boxes (st.exception / uncaught script errors)."""
    try:
        return await page.eval_on_selector_all(
            '[data-testid="stException"]', "els => els.map(e => e.innerText.slice(0, 300))")
    except Exception:  # noqa: BLE001
        return []


async def wait_painted(page, kind: str, timeout: float = 120.0, poll: float = 0.05) -> float:
    """Milliseconds from navigation start to the map painted.

    real: `data-basemap="ready"` and at least one feature group pushed;
    floor: a `.leaflet-marker-icon` in the iframe.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _frame, st = await _frame_state(page)
        if st:
            if kind == "floor" and st["markerAt"]:
                end = st["markerAt"]
                break
            if kind == "real" and st["readyAt"] and st["pushes"]:
                end = max(st["readyAt"], st["pushes"][0])
                break
        check_servers()
        errs = await exceptions_on_page(page)
        if errs:
            raise BenchError(f"app shows an exception while loading: {errs[0]}")
        await asyncio.sleep(poll)
    else:
        raise BenchError(f"map not painted within {timeout:.0f} s ({kind})")
    origin = await page.evaluate("performance.timeOrigin")
    return end - origin


async def paint_milestones(page) -> dict:
    """Where a page load's time went, in ms from navigation start (after wait_painted)."""
    top = await page.evaluate("""() => {
      const nav = performance.getEntriesByType("navigation")[0];
      return {origin: performance.timeOrigin, html: nav ? nav.responseEnd : null,
              ws: (window.__bench && __bench.wsAt) || [],
              scripts: performance.getEntriesByType("resource").filter(r => r.initiatorType === "script")
                .reduce((m, r) => Math.max(m, r.responseEnd), 0)};
    }""")
    frame = map_frame(page)
    inner = await frame.evaluate("""() => {
      const res = performance.getEntriesByType("resource");
      const leaflet = res.find(r => r.name.indexOf("leaflet.js") >= 0);
      const geo = res.find(r => r.name.indexOf(".geojson") >= 0);
      return {origin: performance.timeOrigin, leaflet: leaflet ? leaflet.responseEnd : null,
              geoStart: geo ? geo.startTime : null, geoEnd: geo ? geo.responseEnd : null,
              ready: __bench.readyAt, marker: __bench.markerAt, push: __bench.fgPushes[0] || null};
    }""")
    o, fo = top["origin"], inner["origin"]

    def rel(v, base):
        return None if v is None else round(v + base - o)

    return {
        "html": rel(top["html"], o),
        "main_scripts_loaded": rel(top["scripts"], o) if top["scripts"] else None,
        "first_ws_message": round(top["ws"][0] - o) if top["ws"] else None,
        "map_iframe_start": round(fo - o),
        "leaflet_loaded": rel(inner["leaflet"], fo),
        "first_feature_group": round(inner["push"] - o) if inner["push"] else None,
        "marker": round(inner["marker"] - o) if inner["marker"] else None,
        "geojson_fetch": [rel(inner["geoStart"], fo), rel(inner["geoEnd"], fo)] if inner["geoStart"] else None,
        "basemap_ready": round(inner["ready"] - o) if inner["ready"] else None,
    }


async def wait_idle(page, timeout: float = 120.0, poll: float = 0.05) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await page.evaluate("window.__bench && __bench.isIdle()"):
            return await page.evaluate("__bench.idleAt")
        check_servers()
        await asyncio.sleep(poll)
    raise BenchError(f"app not idle within {timeout:.0f} s")


async def load_paint(browser, url: str, kind: str, timeout: float = 120.0) -> dict:
    """One page load in a fresh context (empty cache): ms from navigation to map painted, and milestones."""
    tab = await new_tab(browser)
    try:
        await tab.page.goto(url, wait_until="commit")
        ms = await wait_painted(tab.page, kind, timeout)
        return {"ms": ms, "milestones": await paint_milestones(tab.page)}
    finally:
        await tab.close()


async def open_painted(browser, url: str, kind: str, timeout: float = 120.0) -> Tab:
    tab = await new_tab(browser)
    await tab.page.goto(url, wait_until="commit")
    await wait_painted(tab.page, kind, timeout)
    await wait_idle(tab.page, timeout)
    return tab


@dataclass
class Change:
    ms: float
    remounted: bool
    pushes: int
    push_ms: float
    idle_ms: float
    t0_epoch_ms: float = float("nan")
    first_ws_ms: float = float("nan")  # first Streamlit message after the change: the rerun has begun
    last_ws_ms: float = float("nan")  # last message before the new feature group: the rerun's output is in


async def timed_change(page, action, timeout: float = 120.0, poll: float = 0.04) -> Change:
    """Run `action` (it must press Enter or Backspace, or click a checkbox) and time it until the map is
    updated and the app idle.

    Updated = a new feature group pushed onto window.feature_group in the same
    iframe; idle = see the module doc. Remounted = the iframe's `window.__probe`
    (set before the change) is gone, or the iframe was replaced.
    """
    original = map_frame(page)
    if original is None:
        raise BenchError("no map iframe before the change")
    before = await original.evaluate("(window.__probe = 1, __bench.fgPushes.length)")
    await page.evaluate("__bench.t0 = null")
    await action()
    deadline = time.monotonic() + timeout
    while True:
        if time.monotonic() > deadline:
            raise BenchError(f"map not updated within {timeout:.0f} s of the change")
        current, st = await _frame_state(page)
        if st:
            remounted = current is not original or not st["probe"]
            # A remounted iframe has a fresh __bench: any push there is the update.
            new = st["pushes"] if remounted else st["pushes"][before:]
            if new:
                top = await page.evaluate(
                    "({idle: __bench.isIdle(), idleAt: __bench.idleAt, t0: __bench.t0, ws: __bench.wsAt.slice(-200)})")
                if top["idle"]:
                    break
        check_servers()
        await asyncio.sleep(poll)
    if top["t0"] is None:
        raise BenchError("the change did not press Enter/Backspace or click a checkbox in the page")
    push = max(new)
    idle_at = top["idleAt"] or 0
    end = max(push, idle_at)
    ws = [t for t in top["ws"] if top["t0"] < t <= push]
    return Change(ms=end - top["t0"], remounted=remounted, pushes=len(new),
                  push_ms=push - top["t0"], idle_ms=idle_at - top["t0"], t0_epoch_ms=top["t0"],
                  first_ws_ms=(ws[0] - top["t0"]) if ws else float("nan"),
                  last_ws_ms=(ws[-1] - top["t0"]) if ws else float("nan"))


async def selectbox_pick(page, label: str, text: str) -> None:
    """Pick an option of a Streamlit selectbox (found by its input's aria-label) by typing and Enter."""
    select = page.locator('[data-testid="stSelectbox"]').filter(has=page.locator(f'input[aria-label="{label}"]'))
    field_ = select.locator("input")
    await field_.click()
    await field_.fill(text)
    await page.locator('[role="option"]', has_text=text).first.wait_for(state="visible")
    await page.keyboard.press("Enter")


def _panel_option(page, key: str, name: str):
    """A checkbox of the app's filter panel by its facet key and option name ("country", "Tajikistan")."""
    return page.locator(f'[data-testid="filter-panel"] details[data-key="{key}"] label.option',
                        has=page.locator("span.name", has_text=name)).locator("input")


async def _open_facet(page, key: str) -> None:
    box = page.locator(f'[data-testid="filter-panel"] details[data-key="{key}"]')
    if not await box.evaluate("d => d.open"):
        await box.locator("summary").click()


async def panel_toggle(page, key: str, name: str) -> None:
    """Tick or untick one option of the filter panel, as a reader does (opening its list first)."""
    await _open_facet(page, key)
    await _panel_option(page, key, name).click()


async def panel_values(page, key: str) -> list[str]:
    """Names of the ticked options of one facet."""
    rows = page.locator(f'[data-testid="filter-panel"] details[data-key="{key}"] label.option')
    return await rows.evaluate_all(
        "rows => rows.filter(r => r.querySelector('input').checked).map(r => r.querySelector('.name').textContent)")


async def query_param(page, key: str) -> str | None:
    href = await page.evaluate("location.href")
    values = urllib.parse.parse_qs(urllib.parse.urlparse(href).query).get(key)
    return values[0] if values else None


# --- bytes --------------------------------------------------------------------


def _describe_ws(payload: bytes) -> str:
    """Name a websocket frame by the Streamlit message it carries."""
    try:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = ForwardMsg.FromString(payload)
        kind = msg.WhichOneof("type")
        if kind == "delta":
            dkind = msg.delta.WhichOneof("type")
            if dkind == "new_element":
                el = msg.delta.new_element
                etype = el.WhichOneof("type")
                if etype == "component_instance":
                    return f"ws delta: component {el.component_instance.component_name}"
                if etype == "iframe":
                    return "ws delta: st.iframe (URL sync)"
                return f"ws delta: {etype}"
            return f"ws delta: {dkind}"
        return f"ws {kind}"
    except Exception:  # noqa: BLE001 - unknown framing
        return "ws frame"


async def page_bytes(browser, url: str, kind: str, timeout: float = 120.0, settle: float = 0.75) -> dict:
    """Everything one page load (fresh context, empty cache) sends to the browser.

    HTTP: decoded body length (`response.body()`) and, where Chromium reports it,
    the encoded size on the wire (`request.sizes()["responseBodySize"]`).
    WebSocket: the payload length of every frame received (Streamlit's
    protobuf messages; decompressed if the socket is compressed).
    """
    tab = await new_tab(browser)
    items: list[dict] = []
    tasks: list[asyncio.Task] = []

    async def on_finished(request):
        row = {"name": request.url, "type": "http", "bytes": 0, "wire": None}
        try:
            sizes = await request.sizes()
            row["wire"] = sizes.get("responseBodySize")
        except Exception:  # noqa: BLE001
            pass
        try:
            response = await request.response()
            if response is not None:
                row["bytes"] = len(await response.body())
        except Exception:  # noqa: BLE001 - redirects and some iframes have no body
            if row["wire"]:
                row["bytes"] = row["wire"]
        if "/component/streamlit_folium.st_folium/index.html" in request.url and row["bytes"]:
            # Not the app's bytes: the instrumentation put into this document (see new_tab).
            row["bytes"] -= len(f"<script>{INIT_JS}</script>".encode())
            row["wire"] = None
        items.append(row)

    def on_ws(ws):
        def frame(payload):
            data = payload if isinstance(payload, bytes) else payload.encode()
            items.append({"name": _describe_ws(data), "type": "ws", "bytes": len(data), "wire": None})
        ws.on("framereceived", frame)

    tab.context.on("requestfinished", lambda req: tasks.append(asyncio.ensure_future(on_finished(req))))
    tab.page.on("websocket", on_ws)
    try:
        await tab.page.goto(url, wait_until="commit")
        paint = await wait_painted(tab.page, kind, timeout)
        await wait_idle(tab.page, timeout)
        await asyncio.sleep(settle)
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        await tab.close()
    http = [i for i in items if i["type"] == "http"]
    ws = [i for i in items if i["type"] == "ws"]
    total = sum(i["bytes"] for i in items)
    top = sorted(items, key=lambda i: -i["bytes"])[:5]
    for row in top:
        if row["type"] == "http":
            parsed = urllib.parse.urlparse(row["name"])
            row["name"] = parsed.path
    return {
        "total": total,
        "http_bytes": sum(i["bytes"] for i in http),
        "http_wire": sum(i["wire"] or 0 for i in http),
        "http_requests": len(http),
        "ws_bytes": sum(i["bytes"] for i in ws),
        "ws_frames": len(ws),
        "top5": top,
        "paint_ms": paint,
    }
