"""Briefing part (issue 15): the downloads beside their floors, in one run.

- build: the briefing file and the map PNG made in-process from the real corpus and the default view, as a
  click on the map page makes them (without the websocket): the median of warm builds, after warm-ups; the
  first build of a fresh process (imports, Leaflet read and checked, matplotlib loaded) apart;
- paint: the briefing file opened from disk in headless Chromium, navigation start to map painted (every layer
  on the map, the frame after its first animation frame), beside a minimal static Leaflet page with one marker
  (Leaflet inline too, so that both are one file on disk), alternating which goes first, each load in a fresh
  context; every request but the file is refused and counted;
- size: the default view's file, and the file and PNG at 1,000 and (full runs) 10,000 generated records
  (bench/generate.py), with their build times;
- the published map (issue 28): its size for the default view, and its paint opened the same way, beside the same
  one-marker page;
- beside each paint (painted: the frame's animation frame), the first contentful paint: when that frame is on the
  screen, after it is rastered (reported, not held to a goal).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import time

from playwright.sync_api import sync_playwright

from bench.browser import CHROMIUM_ARGS, VIEWPORT
from bench.common import CACHE, ROOT, log, median, quantile

FLOOR_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>floor: Leaflet and one marker</title>
<style>{css}</style><style>html, body, #map {{ height: 100%; margin: 0; }}
.floor-mark {{ background: #222; border-radius: 50%; }}</style></head>
<body><div id="map"></div><script>{js}</script><script>
var map = L.map("map").setView([38.56, 68.77], 6);
L.marker([38.56, 68.77], {{icon: L.divIcon({{className: "floor-mark", iconSize: [16, 16]}})}}).addTo(map);
requestAnimationFrame(function () {{ window.__paintedAt = performance.now(); }});
</script></body></html>
"""
MADE = dt.datetime(2017, 2, 27, 12, 0, tzinfo=dt.UTC)  # fixed: the same bytes in every run
LINK = "http://127.0.0.1:8501/"

# The first build of a fresh process (what a server's first click pays), printed in ms as JSON.
COLD = """
import datetime as dt, json, time
from dashboard.query import link as vs
from dashboard.corpus.load import load_corpus
from dashboard.map.geo import load_borders, load_countries
from dashboard.downloads.snapshot import make_snapshot
corpus, countries, borders = load_corpus(), load_countries("geodata"), load_borders("geodata")
snap = make_snapshot(corpus, vs.ViewState(), made=dt.datetime.now(dt.UTC))
t = time.perf_counter()
from dashboard.downloads.briefing import build_briefing
build_briefing(snap, countries, borders)
html = (time.perf_counter() - t) * 1000
t = time.perf_counter()
from dashboard.downloads.image import build_map_png
build_map_png(snap, countries, borders)
print(json.dumps({"html_ms": html, "png_ms": (time.perf_counter() - t) * 1000}))
"""


def _geodata():
    from dashboard.map.geo import load_borders, load_countries

    return load_countries(ROOT / "geodata"), load_borders(ROOT / "geodata")


def _snapshot(corpus):
    from dashboard.downloads.snapshot import make_snapshot, view_link
    from dashboard.query import link as vs

    view = vs.ViewState()
    return make_snapshot(corpus, view, made=MADE, link=view_link(LINK, view, corpus))


def _timed(build, runs: int, warmups: int) -> dict:
    for _ in range(warmups):
        build()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        build()
        times.append((time.perf_counter() - t) * 1000)
    return {"median_ms": median(times), "p90_ms": quantile(times, 0.9), "ms": times}


def build_times(quick: bool) -> dict:
    """Warm build times on the real corpus, and the cold first build in a fresh process."""
    from dashboard.corpus.load import load_corpus
    from dashboard.downloads.briefing import build_briefing
    from dashboard.downloads.image import build_map_png

    corpus = load_corpus()
    countries, borders = _geodata()
    snap = _snapshot(corpus)
    html = _timed(lambda: build_briefing(snap, countries, borders), 5 if quick else 25, 2)
    png = _timed(lambda: build_map_png(snap, countries, borders), 2 if quick else 9, 1)
    done = subprocess.run([sys.executable, "-c", COLD], cwd=ROOT, capture_output=True, text=True, timeout=300)
    cold = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else {"error": done.stderr[-500:]}
    log(f"briefing: build warm html {html['median_ms']:.0f} ms, png {png['median_ms']:.0f} ms; cold {cold}")
    return {"html": html, "png": png, "cold": cold}


def write_files() -> dict:
    """The default view's briefing and published map, and the floor page, written under bench/.cache/briefing/."""
    from dashboard.corpus.load import load_corpus
    from dashboard.downloads.briefing import build_briefing, leaflet_assets
    from dashboard.downloads.embed import build_embed

    folder = CACHE / "briefing"
    folder.mkdir(parents=True, exist_ok=True)
    countries, borders = _geodata()
    snap = _snapshot(load_corpus())
    briefing = folder / "briefing-default.html"
    briefing.write_text(build_briefing(snap, countries, borders), encoding="utf-8")
    embed = folder / "published-map-default.html"
    embed.write_text(build_embed(snap, countries, borders), encoding="utf-8")
    js, css, _ = leaflet_assets()
    floor = folder / "floor-leaflet-one-marker.html"
    floor.write_text(FLOOR_HTML.format(css=css, js=js), encoding="utf-8")
    return {"briefing": briefing, "embed": embed, "floor": floor}


def offline(browser, path, viewport: dict) -> tuple[object, list[str]]:
    """A browser context in which every request but the file at `path` is refused; the refused URLs are kept
    in the list returned with it (tests/e2e/test_briefing.py opens the file the same way)."""
    context = browser.new_context(viewport=viewport)
    asked: list[str] = []

    def refuse(route):
        if route.request.url == path.as_uri():
            route.continue_()
        else:
            asked.append(route.request.url)
            route.abort()

    context.route("**/*", refuse)
    return context, asked


# The first frame on screen: Chromium's first contentful paint, its presentation time (the map's frame: nothing is
# painted before the file's scripts have drawn it). The rAF mark above is when that frame begins; rastering it (in
# software: --disable-gpu) and showing it comes after.
FCP = "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime"


def _load(browser, path) -> tuple[float, float, list[str]]:
    """One load of a file in a fresh context: ms from navigation start to painted, and to the first contentful
    paint, and what it asked for."""
    context, asked = offline(browser, path, VIEWPORT)
    page = context.new_page()
    try:
        page.goto(path.as_uri())
        page.wait_for_function("() => window.__paintedAt !== undefined", timeout=60000)
        page.wait_for_function(f"() => ({FCP})() !== undefined", timeout=60000)
        return page.evaluate("() => window.__paintedAt"), page.evaluate(FCP), asked
    finally:
        context.close()


def paint_times(files: dict, quick: bool) -> dict:
    """Navigation → painted for the briefing file, the published map and the floor page, in turn (the order
    rotating), a fresh context each load."""
    loads = 3 if quick else 15
    out = {kind: {"ms": [], "fcp_ms": [], "asked": []} for kind in ("briefing", "embed", "floor")}
    with sync_playwright() as pw:
        # The same Chromium and flags as the other parts.
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            for kind in out:  # a first, discarded load of each
                _load(browser, files[kind])
            kinds = list(out)
            for i in range(loads):
                for kind in kinds[i % len(kinds):] + kinds[:i % len(kinds)]:
                    ms, fcp, asked = _load(browser, files[kind])
                    out[kind]["ms"].append(ms)
                    out[kind]["fcp_ms"].append(fcp)
                    out[kind]["asked"] += asked
        finally:
            browser.close()
    for kind, r in out.items():
        r["median_ms"], r["fcp_median_ms"] = median(r["ms"]), median(r["fcp_ms"])
        log(f"briefing: paint {kind}: median {r['median_ms']:.0f} ms of {[round(x) for x in r['ms']]}; first "
            f"contentful paint {r['fcp_median_ms']:.0f} ms")
    return out


def sizes(quick: bool) -> dict:
    """The file and the PNG for generated corpora: bytes, build times and records in view."""
    from bench.generate import write
    from dashboard.corpus.load import load_corpus
    from dashboard.downloads.briefing import build_briefing
    from dashboard.downloads.image import build_map_png

    countries, borders = _geodata()
    out = {}
    for n in (1000,) if quick else (1000, 10000):
        corpus = load_corpus(write(n))
        snap = _snapshot(corpus)
        t = time.perf_counter()
        html = build_briefing(snap, countries, borders)
        html_ms = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        png = build_map_png(snap, countries, borders)
        png_ms = (time.perf_counter() - t) * 1000
        out[n] = {"records_in_view": len(snap.records), "html_bytes": len(html.encode("utf-8")), "html_ms": html_ms,
                  "png_bytes": len(png.png), "png_ms": png_ms}
        log(f"briefing: {n:,} records: {out[n]}")
    return out


def run(quick: bool) -> dict:
    files = write_files()
    result = {"default_bytes": files["briefing"].stat().st_size, "embed_bytes": files["embed"].stat().st_size,
              "build": build_times(quick),
              "paint": paint_times(files, quick), "sizes": sizes(quick),
              "files": {k: str(v.relative_to(ROOT)) for k, v in files.items()}}
    return result
