"""Page part: the floor app and the real app side by side, in the same run, in headless Chromium."""

from __future__ import annotations

import asyncio

from playwright.async_api import async_playwright

from bench import browser as bw
from bench.common import Server, log, median, quantile, run_rerun
from bench.floor_app import CITIES, ensure_static_link
from bench.scale import summarize_runs

FLOOR_FILTERS = "floor+filters"

# Countries picked one after another in the real app (each pick timed, each removal not); every pick
# of a series is a new filter, so the server builds its map layers (no cache hit).
PICKS = ["Tajikistan", "Kyrgyzstan", "Kazakhstan", "Uzbekistan", "Turkmenistan", "Russia", "Afghanistan",
         "China", "Iran", "India", "Armenia", "Belarus"]
# The untimed first change of each app, as the paint series times warm loads only.
WARMUP_PICK = "Georgia"


async def _paint_series(browser, servers: dict[str, Server], loads: int) -> dict:
    """One cold load per app (discarded), then `loads` warm loads, alternating which app goes first."""
    out: dict[str, dict] = {kind: {"cold_ms": None, "warm_ms": [], "milestones": []} for kind in servers}
    # The cold loads are discarded, so both run at once.
    colds = await asyncio.gather(*(bw.load_paint(browser, s.url + "/", kind, timeout=180)
                                   for kind, s in servers.items()))
    for kind, cold in zip(servers, colds):
        out[kind]["cold_ms"] = cold["ms"]
        log(f"page: cold load {kind}: {cold['ms']:.0f} ms (discarded)")
    kinds = list(servers)
    for i in range(loads):
        for kind in kinds if i % 2 == 0 else kinds[::-1]:
            servers[kind].check_alive()
            load = await bw.load_paint(browser, servers[kind].url + "/", kind)
            out[kind]["warm_ms"].append(load["ms"])
            out[kind]["milestones"].append(load["milestones"])
    for kind in kinds:
        warm = out[kind]["warm_ms"]
        out[kind]["median_ms"] = median(warm)
        log(f"page: warm paint {kind}: median {median(warm):.0f} ms of {[round(x) for x in warm]}")
    return out


async def _change_series(browser, servers: dict[str, Server], changes: int) -> dict:
    """`changes` timed filter changes per app, interleaved: a Country pick (real), a City pick (floor).

    Each app first makes one untimed change and back: the first change after a page load also
    loads code the page had not needed yet, in either app.
    """
    opened = await asyncio.gather(*(bw.open_painted(browser, s.url + "/", "real" if kind == "real" else "floor")
                                    for kind, s in servers.items()))
    tabs = dict(zip(servers, opened))
    out: dict[str, dict] = {kind: {"ms": [], "push_ms": [], "first_ws_ms": [], "last_ws_ms": [], "idle_ms": [], "remounted": 0,
                                   "pushes": [], "server_start_ms": [], "server_run_ms": [], "server_cpu_ms": [],
                                   "server_gc_ms": []}
                            for kind in servers}
    cities = list(CITIES)
    try:
        for kind in servers:
            page = tabs[kind].page
            if kind == "real":
                for _ in range(2):
                    await bw.timed_change(page, lambda p=page: bw.panel_toggle(p, "country", WARMUP_PICK))
            else:
                await bw.timed_change(page, lambda p=page: bw.selectbox_pick(p, "City", cities[-1]))
        for i in range(changes):
            for kind in servers:
                page = tabs[kind].page
                if kind == "real":
                    name = PICKS[i % len(PICKS)]
                    change = await bw.timed_change(page, lambda p=page, n=name: bw.panel_toggle(p, "country", n))
                else:
                    city = cities[(i + 1) % len(cities)]
                    change = await bw.timed_change(page, lambda p=page, c=city: bw.selectbox_pick(p, "City", c))
                out[kind]["ms"].append(change.ms)
                out[kind]["push_ms"].append(change.push_ms)
                out[kind]["idle_ms"].append(change.idle_ms)
                out[kind]["first_ws_ms"].append(change.first_ws_ms)
                # The live server's own script run for this change (bench/serve.py logs every run).
                run = next((r for r in servers[kind].script_runs()
                            if change.t0_epoch_ms <= r[0] * 1000 <= change.t0_epoch_ms + change.ms), None)
                if run:
                    out[kind]["server_start_ms"].append(run[0] * 1000 - change.t0_epoch_ms)
                    out[kind]["server_run_ms"].append((run[1] - run[0]) * 1000)
                    out[kind]["server_cpu_ms"].append(run[2] * 1000)
                    out[kind]["server_gc_ms"].append(run[3] * 1000)
                out[kind]["last_ws_ms"].append(change.last_ws_ms)
                out[kind]["pushes"].append(change.pushes)
                out[kind]["remounted"] += int(change.remounted)
                if kind == "real" and i < changes - 1:
                    # Untimed: take the country out again so that every timed change is "pick one country".
                    back = await bw.timed_change(page, lambda p=page, n=name: bw.panel_toggle(p, "country", n))
                    out[kind]["remounted"] += int(back.remounted)
        for kind in servers:
            out[kind]["errors"] = tabs[kind].errors + await bw.exceptions_on_page(tabs[kind].page)
            out[kind]["median_ms"] = median(out[kind]["ms"])
            out[kind]["p95_ms"] = quantile(out[kind]["ms"], 0.95)
            log(f"page: filter change {kind}: median {out[kind]['median_ms']:.0f} ms of "
                f"{[round(x) for x in out[kind]['ms']]}; remounted {out[kind]['remounted']}")
    finally:
        for tab in tabs.values():
            await tab.close()
    return out


def _russian_name(english: str) -> str:
    """A country's name as the Russian page's filter panel shows it (names.country: CLDR's Russian)."""
    from dashboard import i18n, names
    from dashboard.corpus.codes import COUNTRY_NAMES

    code = next(c for c, n in COUNTRY_NAMES.items() if n == english)
    with i18n.override("ru"):
        return names.country(code)


async def _language_series(browser, server: Server, loads: int, changes: int) -> dict:
    """Issue 30: the same app in English and in Russian (`?lang=ru`), alternately: warm paints, then filter
    changes (the same countries, picked by their shown names). Both on one server, in the same run."""
    paths = {"en": "/", "ru": "/?lang=ru"}
    out: dict[str, dict] = {lang: {"paint_ms": [], "change_ms": [], "remounted": 0} for lang in paths}
    for path in paths.values():  # untimed: the first Russian run loads its catalog
        await bw.load_paint(browser, server.url + path, "real")
    for i in range(loads):
        for lang in (paths if i % 2 == 0 else list(paths)[::-1]):
            server.check_alive()
            out[lang]["paint_ms"].append((await bw.load_paint(browser, server.url + paths[lang], "real"))["ms"])
    tabs = {lang: await bw.open_painted(browser, server.url + path, "real") for lang, path in paths.items()}
    try:
        for lang, tab in tabs.items():
            warm = WARMUP_PICK if lang == "en" else _russian_name(WARMUP_PICK)
            for _ in range(2):
                await bw.timed_change(tab.page, lambda p=tab.page, n=warm: bw.panel_toggle(p, "country", n))
        for i in range(changes):
            for lang in (paths if i % 2 == 0 else list(paths)[::-1]):
                page = tabs[lang].page
                name = PICKS[i % len(PICKS)] if lang == "en" else _russian_name(PICKS[i % len(PICKS)])
                change = await bw.timed_change(page, lambda p=page, n=name: bw.panel_toggle(p, "country", n))
                out[lang]["change_ms"].append(change.ms)
                out[lang]["remounted"] += int(change.remounted)
                back = await bw.timed_change(page, lambda p=page, n=name: bw.panel_toggle(p, "country", n))
                out[lang]["remounted"] += int(back.remounted)
        for lang, tab in tabs.items():
            out[lang]["errors"] = tab.errors + await bw.exceptions_on_page(tab.page)
    finally:
        for tab in tabs.values():
            await tab.close()
    for lang in paths:
        out[lang]["paint_median_ms"] = median(out[lang]["paint_ms"])
        out[lang]["change_median_ms"] = median(out[lang]["change_ms"])
        log(f"page: {lang}: paint median {out[lang]['paint_median_ms']:.0f} ms of "
            f"{[round(x) for x in out[lang]['paint_ms']]}, filter change median "
            f"{out[lang]['change_median_ms']:.0f} ms of {[round(x) for x in out[lang]['change_ms']]}")
    return out


async def _browser_part(servers: dict[str, Server], loads: int, changes: int, reference: Server,
                        language_rounds: tuple[int, int]) -> dict:
    async with async_playwright() as pw:
        browser = await bw.launch(pw)
        try:
            paint = await _paint_series(browser, servers, loads)
            for kind, server in servers.items():
                # Script runs of the page loads alone (the first one is the cold load).
                paint[kind]["live_runs"] = summarize_runs(server.script_runs()[1:])
                paint[kind]["runs_seen"] = len(server.script_runs())
            # The floor app with seven Streamlit filter widgets only takes part in the filter changes.
            change = await _change_series(browser, {**servers, FLOOR_FILTERS: reference}, changes)
            languages = await _language_series(browser, servers["real"], *language_rounds)
            nbytes = {}
            for kind, server in servers.items():
                nbytes[kind] = await bw.page_bytes(browser, server.url + "/", kind)
                log(f"page: bytes {kind}: {nbytes[kind]['total']:,} (http {nbytes[kind]['http_bytes']:,}, "
                    f"ws {nbytes[kind]['ws_bytes']:,})")
        finally:
            await browser.close()
    return {"paint": paint, "change": change, "bytes": nbytes, "languages": languages}


def run(quick: bool) -> dict:
    """Both apps on two free ports at once; then the AppTest reruns with the servers stopped."""
    ensure_static_link()
    # The quick run is a smoke test of the part (CI): one warm load and one change of each app, five reruns.
    loads, changes, reruns = (1, 1, 5) if quick else (7, 11, 20)
    servers = {"floor": Server("bench/floor_app.py", "floor"), "real": Server("dashboard/serve.py", "real")}
    reference = Server("bench/floor_app.py", "floor-filters", env={"BENCH_FLOOR_FILTERS": "1"})
    everything = [*servers.values(), reference]
    for s in everything:
        s.start()
    try:
        for s in everything:
            s.wait_healthy()
        log(f"page: floor on {servers['floor'].url}, real on {servers['real'].url}")
        # The quick run (CI's smoke test) times each language once: its 3 and 3 took 36 s of CI's 20 minutes.
        result = asyncio.run(_browser_part(servers, loads, changes, reference, (1, 1) if quick else (loads, changes)))
        for s in everything:
            s.check_alive()
        result["rss_kib"] = {k: s.rss_kib() for k, s in servers.items()}
        result["live_runs"] = {k: result["paint"][k]["live_runs"] for k in servers}
    finally:
        for s in everything:
            s.stop()
    log(f"page: AppTest reruns ({reruns} each)")
    result["rerun"] = {
        "real": run_rerun("dashboard/app.py", reruns, profile=not quick),
        "floor": run_rerun("bench/floor_app.py", reruns),
    }
    for kind, r in result["rerun"].items():
        log(f"page: rerun {kind}: median {r['median_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, cold {r['cold_s']:.2f} s")
    result["settings"] = {"warm_loads": loads, "changes": changes, "reruns": reruns}
    return result
