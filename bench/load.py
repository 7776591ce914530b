"""Load part: many concurrent browser sessions making filter changes against one server.

Each session opens the app, then toggles its own country in the filter panel's
Country list (tick it, untick it, tick it again ...) for `duration` seconds,
timing every change to "map updated and app idle". Every session uses a
different country; after each change it checks that its Country selection and
its URL's `country` parameter are exactly its own (or empty after a removal),
which is what a leak of widget state between sessions would break.

Every session first opens the app (20 page loads cost far more browser CPU than the
server ever uses); the timed changes begin once every page is up. Between changes a
session waits a "think time", as a reader looks at the map before the next
change: uniform in [0.5, 1.5] × `think_s`, from a random generator seeded per session (the
same waits in every run). With `think_s` = 0 the sessions change filters back to back, a
stress test in which, on a small machine, the browsers themselves take most of the CPU.

A single session does the same, alone, first: its times are the baseline.
The server's RSS (from /proc) is read with no session connected and again with
all sessions connected, to give memory per session.
"""

from __future__ import annotations

import asyncio
import os
import random
import time

from playwright.async_api import async_playwright

from bench import browser as bw
from bench.common import Server, cpu_by_tree, log, median, quantile
from bench.scale import summarize_runs

# Times are taken in the browser; coarse polling from 20 sessions keeps the CDP traffic (and the
# CPU it takes from the server on a small machine) down without changing what is measured.
POLL = 0.2


def session_countries() -> list[tuple[str, str]]:
    """(code, name) of every country the filter panel offers (countries used by records)."""
    from dashboard.corpus.load import load_corpus
    from dashboard.corpus.records import record_countries

    corpus = load_corpus()
    codes = sorted({c for r in corpus.records for c in record_countries(r)}, key=corpus.countries.get)
    return [(c, corpus.countries[c]) for c in codes]


async def _settled_url_country(page, expected: str | None, timeout: float = 5.0) -> str | None:
    """The URL is rewritten by the app's URL-sync iframe just after a rerun; give it a moment."""
    deadline = time.monotonic() + timeout
    seen = await bw.query_param(page, "country")
    while seen != expected and time.monotonic() < deadline:
        await asyncio.sleep(POLL)
        seen = await bw.query_param(page, "country")
    return seen


class Start:
    """All sessions load their page first; the timed changes begin together once every page is up."""

    def __init__(self, sessions: int):
        self.waiting = sessions
        self.go = asyncio.Event()

    def arrived(self) -> None:
        self.waiting -= 1
        if self.waiting <= 0:
            self.go.set()


async def session(browser, url: str, code: str, name: str, duration: float, stats: dict,
                  start_delay: float = 0.0, think_s: float = 0.0, seed: int = 0, start: Start | None = None) -> None:
    """One user: open the app, then toggle its own country until `duration` has passed."""
    rng = random.Random(seed)
    await asyncio.sleep(start_delay)
    stats.update({"code": code, "times": [], "errors": [], "leaks": [], "remounts": 0, "changes": 0})
    tab = None
    try:
        try:
            tab = await bw.new_tab(browser, timeout_ms=180_000)
            await tab.page.goto(url, wait_until="commit")
            stats["paint_ms"] = await bw.wait_painted(tab.page, "real", timeout=300, poll=POLL)
            await bw.wait_idle(tab.page, timeout=300, poll=POLL)
        finally:
            if start is not None:
                start.arrived()
        if start is not None:
            await start.go.wait()
        if think_s:
            # Readers do not all act at the same instant.
            await asyncio.sleep(rng.uniform(0, think_s))
        selected = False
        end = time.monotonic() + duration
        while time.monotonic() < end:
            page = tab.page
            try:
                change = await bw.timed_change(page, lambda p=page: bw.panel_toggle(p, "country", name),
                                              timeout=180, poll=POLL)
            except Exception as exc:  # noqa: BLE001 - counted, the session goes on
                stats["errors"].append(f"{type(exc).__name__}: {exc}"[:300])
                await asyncio.sleep(1)
                # Resynchronise with whatever the page now shows.
                selected = bool(await bw.panel_values(page, "country"))
                continue
            selected = not selected
            stats["changes"] += 1
            stats["times"].append(change.ms)
            stats["remounts"] += int(change.remounted)
            want = [name] if selected else []
            shown = await bw.panel_values(page, "country")
            in_url = await _settled_url_country(page, code if selected else None)
            if shown != want or in_url != (code if selected else None):
                stats["leaks"].append({"expected": want, "selection": shown, "url_country": in_url})
            if think_s:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * think_s)
        stats["errors"] += tab.errors + await bw.exceptions_on_page(tab.page)
    except Exception as exc:  # noqa: BLE001
        stats["errors"].append(f"session failed: {type(exc).__name__}: {exc}"[:300])
    finally:
        stats["done_at"] = time.monotonic()
        stats["tab"] = tab


async def _run(server: Server, sessions: int, duration: float, baseline_s: float, think_s: float) -> dict:
    countries = session_countries()
    if len(countries) < sessions:
        log(f"load: only {len(countries)} distinct countries in the corpus; using {len(countries)} sessions")
        sessions = len(countries)
    url = server.url + "/"
    async with async_playwright() as pw:
        browser = await bw.launch(pw)
        try:
            await bw.load_paint(browser, url, "real", timeout=180)  # cold load, discarded
            log(f"load: single-session baseline for {baseline_s:.0f} s")
            base: dict = {}
            # Pacing does not change one session's times; a short think time gives more samples.
            await session(browser, url, *countries[0], baseline_s, base, think_s=min(think_s, 1.0))
            if base.get("tab"):
                await base["tab"].close()
            await asyncio.sleep(3)
            rss_before = server.rss_kib()
            log(f"load: {sessions} concurrent sessions for {duration:.0f} s each (RSS before {rss_before / 1024:.0f} MiB)")
            stats = [{} for _ in range(sessions)]
            peak = {"rss": rss_before}

            async def sample():
                while True:
                    peak["rss"] = max(peak["rss"], server.rss_kib())
                    await asyncio.sleep(1)

            sampler = asyncio.ensure_future(sample())
            start = Start(sessions)
            window: dict = {}

            async def mark_start():
                cpu_loading = cpu_by_tree(os.getpid())
                t_loading = time.monotonic()
                await start.go.wait()
                window.update(cpu_loading=cpu_loading, t_loading=t_loading, cpu_before=cpu_by_tree(os.getpid()),
                              t0=time.monotonic(), runs_before=len(server.script_runs()))
                log(f"load: all {sessions} pages up after {window['t0'] - t_loading:.0f} s; changes begin")

            marker = asyncio.ensure_future(mark_start())
            await asyncio.gather(*(session(browser, url, code, name, duration, s, start_delay=i * 0.5,
                                           think_s=think_s, seed=i, start=start)
                                   for i, ((code, name), s) in enumerate(zip(countries, stats))))
            await marker
            cpu_before, t0, runs_before = window["cpu_before"], window["t0"], window["runs_before"]
            wall = time.monotonic() - t0
            rss_after = server.rss_kib()  # every session still connected
            cpu_after = cpu_by_tree(os.getpid())
            live = server.script_runs()[runs_before:]
            sampler.cancel()
            for s in stats:
                if s.get("tab"):
                    await s["tab"].close()
        finally:
            await browser.close()
    server.check_alive()
    times = [t for s in stats for t in s["times"]]
    spent = {pid: cpu_after[pid] - cpu_before.get(pid, 0.0) for pid in cpu_after}
    server_cpu = sum(v for pid, v in spent.items() if pid == server.proc.pid)
    others = sum(v for pid, v in spent.items() if pid not in (server.proc.pid, os.getpid()))
    loading = {pid: cpu_before.get(pid, 0.0) - window["cpu_loading"].get(pid, 0.0) for pid in cpu_before}
    return {
        "sessions": sessions,
        "duration_s": duration,
        "think_s": think_s,
        "wall_s": wall,
        "baseline": {"changes": len(base["times"]), "p50_ms": median(base["times"]),
                     "p95_ms": quantile(base["times"], 0.95), "errors": base["errors"], "leaks": base["leaks"]},
        "changes": len(times),
        "p50_ms": median(times),
        "p95_ms": quantile(times, 0.95),
        "errors": [e for s in stats for e in s["errors"]],
        "leaks": [dict(leak, session=s["code"]) for s in stats for leak in s["leaks"]],
        "remounts": sum(s["remounts"] for s in stats),
        "per_session_changes": {s["code"]: s["changes"] for s in stats},
        "paint_ms_p50": median([s["paint_ms"] for s in stats if s.get("paint_ms")]),
        "rss_before_kib": rss_before,
        "rss_after_kib": rss_after,
        "rss_peak_kib": peak["rss"],
        "kib_per_session": (rss_after - rss_before) / sessions,
        "server_runs": summarize_runs(live),
        "loading_s": t0 - window["t_loading"],
        "loading_cpu_s": sum(v for pid, v in loading.items() if pid != os.getpid()),
        "server_cpu_s": server_cpu,
        "browser_cpu_s": others,
        "cores": os.cpu_count(),
    }


def run(sessions: int = 20, duration: float = 60.0, baseline_s: float = 20.0, think_s: float = 0.0) -> dict:
    with Server("dashboard/serve.py", "load") as server:
        server.wait_healthy()
        result = asyncio.run(_run(server, sessions, duration, baseline_s, think_s))
    log(f"load (think time {think_s:g} s): {result['changes']} changes, p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms "
        f"(single session p50 {result['baseline']['p50_ms']:.0f}, p95 {result['baseline']['p95_ms']:.0f}); "
        f"errors {len(result['errors'])}, leaks {len(result['leaks'])}")
    return result
