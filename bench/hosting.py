"""Hosting part: cold start beside the floor app, a restart under 20 open pages, and protocol-level load
through HAProxy in front of two replicas, with one of them killed halfway.

* Cold start (issue #17): from the server process's start to the first page's map painted, in a fresh
  browser context, for the real app and the floor app in turn. The real app starts with an empty
  `dashboard/static/generated/` (a fresh container: Leaflet's files are checked and copied, the basemap
  published). Goal: real ≤ 1.3× floor.
* Restart (issue #20): 20 browser pages open, the server restarted under them (SIGTERM, same port); then
  each page ticks its own country once. Counted: the pages whose change took effect (the panel, the
  address bar and the map all show it), with no reload. Goal: all 20.
* Proxy load (issue #17): `sessions` protocol-level sessions (bench/wsload.py's client) through
  deploy/haproxy.cfg in front of 2 replicas, each toggling its own country with a think time of
  0.5–1.5 × `think_s`; the baseline is one session alone through the same proxy. Goals: 0 errors,
  p95 ≤ 2× the baseline's. Then the same with replica 1 killed (SIGKILL) halfway: its sessions
  reconnect through the proxy as the page does (a full run, then the panel's restore of the address
  bar, README "After a reconnect"); counted: sessions lost, and the p95.
"""

from __future__ import annotations

import asyncio
import random
import shutil
import signal
import sys
import time

import websockets
from playwright.async_api import async_playwright

from bench import browser as bw
from bench.common import LOGS, Server, log, median, quantile
from bench.load import Start, session_countries
from bench.wsload import Client
from dashboard.map import assets
from deploy.replicas import Replicas, free_port
from tests.e2e.helpers import BACK_JS, WATCH_JS

FLOOR = "bench/floor_app.py"
REAL = "dashboard/serve.py"


# --- cold start -----------------------------------------------------------------------------------

async def _cold_once(browser, script: str, kind: str) -> float:
    if kind == "real":
        shutil.rmtree(assets.GENERATED_DIR, ignore_errors=True)
    t0 = time.time()
    server = Server(script, f"cold-{kind}").start()
    try:
        server.wait_healthy()
        tab = await bw.new_tab(browser)
        try:
            await tab.page.goto(server.url + "/", wait_until="commit")
            ms = await bw.wait_painted(tab.page, kind, timeout=180)
            origin = await tab.page.evaluate("performance.timeOrigin")
        finally:
            await tab.close()
        return origin + ms - t0 * 1000
    finally:
        server.stop()


async def _cold_series(runs: int) -> dict:
    out: dict[str, list[float]] = {"real": [], "floor": []}
    async with async_playwright() as pw:
        browser = await bw.launch(pw)
        try:
            for i in range(runs):
                for kind in ("real", "floor") if i % 2 == 0 else ("floor", "real"):
                    ms = await _cold_once(browser, REAL if kind == "real" else FLOOR, kind)
                    out[kind].append(ms)
                    log(f"hosting: cold start {kind}: {ms:.0f} ms")
        finally:
            await browser.close()
    return {kind: {"runs_ms": v, "median_ms": median(v)} for kind, v in out.items()}


# --- a restart under 20 open pages ---------------------------------------------------------------------

async def _restart_series(sessions: int) -> dict:
    countries = session_countries()[:sessions]
    server = Server(REAL, "restart").start()
    server.wait_healthy()
    results: list[dict] = []
    async with async_playwright() as pw:
        browser = await bw.launch(pw)
        try:
            tabs = []
            for _ in countries:  # one at a time: 20 page loads at once take minutes on 2 cores
                tab = await bw.new_tab(browser, timeout_ms=180_000)
                await tab.page.goto(server.url + "/", wait_until="commit")
                await bw.wait_painted(tab.page, "real", timeout=300)
                await bw.wait_idle(tab.page, timeout=300)
                await tab.page.evaluate(WATCH_JS)
                tabs.append(tab)
            log(f"hosting: {len(tabs)} pages open; restarting the server")
            server.stop()
            time.sleep(1)
            server.start()
            server.wait_healthy()
            t_up = time.monotonic()

            async def one(tab, code: str, name: str) -> dict:
                page = tab.page
                row = {"code": code}
                try:
                    await page.wait_for_function(BACK_JS, timeout=120_000, polling=200)
                    row["back_s"] = time.monotonic() - t_up
                    change = await bw.timed_change(page, lambda: bw.panel_toggle(page, "country", name), timeout=60)
                    shown = await bw.panel_values(page, "country")
                    url = await bw.query_param(page, "country")
                    row.update(ms=change.ms, remounted=change.remounted, ok=shown == [name] and url == code,
                               shown=shown, url=url)
                except Exception as exc:  # noqa: BLE001 - counted
                    row.update(ok=False, error=f"{type(exc).__name__}: {exc}"[:200])
                return row

            results = await asyncio.gather(*(one(t, c, n) for t, (c, n) in zip(tabs, countries)))
            for tab in tabs:
                await tab.close()
        finally:
            await browser.close()
            server.stop()
    ok = [r for r in results if r.get("ok")]
    log(f"hosting: after the restart, {len(ok)} of {len(results)} pages' next change took effect")
    return {"sessions": len(results), "took_effect": len(ok), "change_ms": [r["ms"] for r in ok],
            "failures": [r for r in results if not r.get("ok")][:5]}


# --- protocol-level load through the proxy --------------------------------------------------------------

class ProxyClient(Client):
    """A protocol-level session that reconnects through the proxy as the page does."""

    async def restore(self, query: str) -> float:
        """After a reconnect: the full run the page asks for, then the panel's restore of its address bar."""
        await self.rerun()
        return await self.rerun(restore=query)


async def _proxy_session(url: str, name: str, duration: float, think_s: float, seed: int, stats: dict,
                         start: Start | None = None) -> None:
    rng = random.Random(seed)
    stats.update({"times": [], "errors": [], "changes": 0, "reconnects": 0, "lost": False})
    client = ProxyClient(url)
    try:
        await client.join(start)
        code = client.countries[name]
        selected = False
        await asyncio.sleep(rng.uniform(0, think_s))
        end = time.monotonic() + duration
        while time.monotonic() < end:
            want = [] if selected else [code]
            try:
                ms = await client.rerun(want)
            except (TimeoutError, websockets.ConnectionClosed, OSError):
                # The replica went away mid-change: reconnect through the proxy, restore, change again.
                stats["reconnects"] += 1
                await asyncio.sleep(1)
                await client.connect()
                await client.restore(f"?country={code}" if selected else "")
                if client.chosen != ([code] if selected else []):
                    stats["errors"].append(f"after the reconnect the panel showed {client.chosen}")
                    stats["lost"] = True
                    return
                ms = await client.rerun(want)
            if client.chosen != want:
                stats["errors"].append(f"the panel came back with {client.chosen}, not {want}")
            selected = not selected
            stats["times"].append(ms)
            stats["changes"] += 1
            await asyncio.sleep(rng.uniform(0.5, 1.5) * think_s)
        await client.ws.close()
    except Exception as exc:  # noqa: BLE001 - counted
        stats["errors"].append(f"{type(exc).__name__}: {exc}"[:300])
        stats["lost"] = True


async def _proxy_run(url: str, sessions: int, duration: float, think_s: float, baseline_s: float,
                     kill=None) -> dict:
    countries = session_countries()
    base: dict = {}
    await _proxy_session(url, countries[0][1], baseline_s, min(think_s, 1.0), 0, base)
    start = Start(sessions)
    stats = [{} for _ in range(sessions)]
    tasks = [_proxy_session(url, countries[i % len(countries)][1], duration, think_s, i, s, start)
             for i, s in enumerate(stats)]

    async def killer():
        await start.go.wait()
        await asyncio.sleep(duration / 2)
        kill()
        log("hosting: replica 1 killed")

    t0 = time.monotonic()
    await asyncio.gather(*tasks, *([killer()] if kill else []))
    times = [t for s in stats for t in s["times"]]
    return {"sessions": sessions, "duration_s": duration, "think_s": think_s, "wall_s": time.monotonic() - t0,
            "baseline": {"changes": len(base["times"]), "p50_ms": median(base["times"]),
                         "p95_ms": quantile(base["times"], 0.95), "errors": base["errors"]},
            "changes": len(times), "p50_ms": median(times), "p95_ms": quantile(times, 0.95),
            "errors": [e for s in stats for e in s["errors"]] + base["errors"],
            "lost": sum(1 for s in stats if s["lost"]), "reconnects": sum(s["reconnects"] for s in stats)}


def _proxy_series(sessions: int, duration: float, think_s: float, baseline_s: float) -> dict:
    out = {}
    for label, killing in (("steady", False), ("replica killed", True)):
        LOGS.mkdir(parents=True, exist_ok=True)
        replicas = Replicas(2, free_port(), LOGS,
                            command=lambda port: [sys.executable, "-m", "bench.serve", REAL, "--server.port",
                                                  str(port), "--server.address", "127.0.0.1",
                                                  "--server.headless", "true", "--browser.gatherUsageStats", "false"])
        replicas.start()
        try:
            kill = (lambda r=replicas: r.kill(0, signal.SIGKILL)) if killing else None
            out[label] = asyncio.run(_proxy_run(replicas.url, sessions, duration, think_s, baseline_s, kill))
        finally:
            replicas.stop()
        r = out[label]
        log(f"hosting: proxy ({label}): {r['changes']} changes, p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms "
            f"(alone p95 {r['baseline']['p95_ms']:.0f}); errors {len(r['errors'])}, lost {r['lost']}, "
            f"reconnects {r['reconnects']}")
    return out


def run(sessions: int = 100, duration: float = 90.0, think_s: float = 10.0, baseline_s: float = 20.0,
        cold_runs: int = 3, restart_sessions: int = 20) -> dict:
    """The three measurements above, one after the other."""
    return {"cold": asyncio.run(_cold_series(cold_runs)),
            "restart": asyncio.run(_restart_series(restart_sessions)),
            "proxy": _proxy_series(sessions, duration, think_s, baseline_s)}
