"""Lighthouse part (issue 27): an independent measure, by a tool nobody here wrote, of every page beside the
floor app (bench/floor_app.py) in the same run.

Lighthouse 12.2.3 comes from the npm registry, pinned in bench/lighthouse/package.json and checked against the
sha512 integrity of every package in bench/lighthouse/package-lock.json (`npm ci`, once per checkout; the
modules stay in bench/lighthouse/node_modules, not in git). It drives Debian's chromium (CHROME_PATH), with
the desktop preset (1350x940) and the mobile one (a 412 px phone), and no throttling: the page as this machine
serves and draws it.

Per page: the performance score, Cumulative Layout Shift (all frames, as Lighthouse scores it, and the page's
own frame apart: the map is a frame), Total Blocking Time, Largest Contentful Paint and the bytes of a first
visit. Full runs: every page three times (medians), the map and the story on the mobile preset too. Quick runs
(CI's smoke test): the map page and the floor once each; they report, and assert nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.common import BENCH, Server, log, median

HOME = BENCH / "lighthouse"
CLI = HOME / "node_modules" / ".bin" / "lighthouse"
STAMP = HOME / "node_modules" / ".installed-from-lock"

PAGES = {"map": "/", "story": "/story", "charts": "/charts", "articles": "/reader", "compare": "/compare",
         "search": "/search?q=CSTO", "data": "/data", "about": "/about"}
MOBILE_PAGES = ("map", "story")
FLAGS = ["--only-categories=performance", "--throttling-method=provided", "--output=json", "--quiet",
         "--max-wait-for-load=60000",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"]


class LighthouseError(RuntimeError):
    """Lighthouse could not be installed or run."""


def ensure_installed() -> Path:
    """The pinned Lighthouse CLI, installed by `npm ci` if the lock file is newer than the install."""
    lock = HOME / "package-lock.json"
    if CLI.exists() and STAMP.exists() and STAMP.stat().st_mtime >= lock.stat().st_mtime:
        return CLI
    npm = shutil.which("npm")
    if npm is None:
        raise LighthouseError("npm is not installed (apt-get install npm): the Lighthouse part needs Node.js")
    log("installing Lighthouse from bench/lighthouse/package-lock.json (npm ci)")
    done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(HOME)], capture_output=True,
                          text=True, timeout=600)
    if done.returncode != 0 or not CLI.exists():
        raise LighthouseError(f"npm ci failed:\n{done.stdout[-1000:]}\n{done.stderr[-1000:]}")
    STAMP.touch()
    return CLI


def audit(url: str, mobile: bool = False) -> dict:
    """One Lighthouse run: {"score", "cls", "cls_main", "tbt_ms", "lcp_ms", "fcp_ms", "bytes"}."""
    chromium = shutil.which("chromium")
    if chromium is None:
        raise LighthouseError("Debian's chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        preset = [] if mobile else ["--preset=desktop"]
        done = subprocess.run([str(ensure_installed()), url, *preset, *FLAGS, f"--output-path={out}"],
                              env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, text=True,
                              timeout=300)
        if done.returncode != 0 or not out.exists():
            raise LighthouseError(f"lighthouse {url} failed ({done.returncode}):\n{done.stderr[-1500:]}")
        report = json.loads(out.read_text())
    return measures(url, report)


METRICS = {"cls": "cumulative-layout-shift", "tbt_ms": "total-blocking-time", "lcp_ms": "largest-contentful-paint",
           "fcp_ms": "first-contentful-paint", "bytes": "total-byte-weight"}


def measures(url: str, report: dict) -> dict:
    """A Lighthouse report's numbers: {"score", "cls", "cls_main", "tbt_ms", "lcp_ms", "fcp_ms", "bytes"}, and
    {"unmeasured": {key: Lighthouse's reason}} for those it gave no value (then None). Lighthouse leaves the
    blocking time and the score without a value on a page whose main thread is never quiet for five seconds (the
    charts page: NO_TTI_CPU_IDLE_PERIOD); its layout shift is still measured, and kept. LighthouseError, with
    Lighthouse's own reason, when the layout shift itself has no value: the run measured nothing this part judges."""
    audits = report["audits"]
    out: dict = {"score": report["categories"]["performance"]["score"]}
    unmeasured = {}
    if out["score"] is None:
        unmeasured["score"] = _reason((report.get("runtimeError") or {}).get("message") or "Lighthouse gave no score")
    for key, name in METRICS.items():
        found = audits.get(name, {})
        out[key] = found.get("numericValue")
        if out[key] is None:
            unmeasured[key] = _reason(found.get("errorMessage") or found.get("explanation") or "no value")
    if "cls" in unmeasured:
        raise LighthouseError(f"lighthouse {url}: no {METRICS['cls']}: {unmeasured['cls']}")
    debug = audits["cumulative-layout-shift"].get("details", {}).get("items", [{}])[0]
    return out | {"cls_main": debug.get("cumulativeLayoutShiftMainFrame", float("nan"))} | (
        {"unmeasured": unmeasured} if unmeasured else {})


def _reason(message: str) -> str:
    """Lighthouse's reason, short: its code where the message ends with one ("... (NO_TTI_CPU_IDLE_PERIOD)")."""
    code = re.search(r"\(([A-Z][A-Z0-9_]+)\)\s*$", message)
    return code.group(1) if code else message


def audits_of(url: str, mobile: bool, repeats: int) -> dict:
    """The medians of `repeats` runs that measured, with {"failed": n, "error": the last reason} when some did not;
    {"runs": 0, ...} when none did (the part goes on with the other pages)."""
    runs, failed, error = [], 0, ""
    for _ in range(repeats):
        try:
            runs.append(audit(url, mobile))
        except LighthouseError as exc:
            failed, error = failed + 1, str(exc)[:300]
            log(f"lighthouse run failed: {error}")
    medians = _medians(runs) if runs else {"runs": 0}
    return medians | ({"failed": failed, "error": error} if failed else {})


def _warm(*urls: str) -> None:
    """Open each page once in Chromium, to its map, so that each server's first run is not measured."""
    from playwright.sync_api import sync_playwright

    from bench.browser import CHROMIUM_ARGS, VIEWPORT

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            for url in urls:
                page = browser.new_page(viewport=VIEWPORT)
                page.goto(url)
                page.frame_locator('iframe[title="streamlit_folium.st_folium"]').locator(
                    ".leaflet-container").wait_for(timeout=120000)
                page.close()
        finally:
            browser.close()


def _medians(runs: list[dict]) -> dict:
    """Each number's median over the runs that measured it (None where none did); every reason a run gave for a
    number it could not measure, under "unmeasured"."""
    keys = [key for key in runs[0] if key != "unmeasured"]
    out = {key: median(values) if (values := [r[key] for r in runs if r.get(key) is not None]) else None
           for key in keys}
    unmeasured: dict = {}
    for r in runs:
        for key, why in r.get("unmeasured", {}).items():
            unmeasured.setdefault(key, [])
            if why not in unmeasured[key]:
                unmeasured[key].append(why)
    return out | {"runs": len(runs)} | ({"unmeasured": {k: "; ".join(v) for k, v in unmeasured.items()}}
                                        if unmeasured else {})


def run(quick: bool) -> dict:
    """{"app": {page: {"desktop": medians, "mobile": medians}}, "floor": {"desktop": ..., "mobile": ...}}."""
    ensure_installed()
    repeats = 1 if quick else 3
    pages = {"map": PAGES["map"]} if quick else PAGES
    out: dict = {"app": {}, "floor": {}, "repeats": repeats}
    with Server("dashboard/serve.py", "real") as app, Server("bench/floor_app.py", "floor") as floor:
        app.wait_healthy()
        floor.wait_healthy()
        # Not recorded: the first run of each process builds its caches (the corpus, the geodata, the map).
        _warm(app.url + "/", floor.url + "/")
        forms = [("desktop", False)] + ([] if quick else [("mobile", True)])
        for form, mobile in forms:
            out["floor"][form] = audits_of(floor.url + "/", mobile, repeats)
            log(f"lighthouse floor {form}: {summary_line(out['floor'][form])}")
        for name, path in pages.items():
            for form, mobile in forms:
                if mobile and name not in MOBILE_PAGES:
                    continue
                out["app"].setdefault(name, {})[form] = audits_of(app.url + path, mobile, repeats)
                log(f"lighthouse {name} {form}: {summary_line(out['app'][name][form])}")
    return out


def summary_line(m: dict) -> str:
    """One page's measures as RESULTS.md writes them; a number Lighthouse gave no value, with its reason."""
    if not m["runs"]:
        return f"not measured ({m['failed']} runs failed): {m['error']}"
    failed = f" ({m['failed']} of {m['runs'] + m['failed']} runs failed: {m['error'][:120]})" if m.get("failed") else ""

    def number(key: str, written) -> str:
        if m.get(key) is None:
            return f"no value ({m.get('unmeasured', {}).get(key, 'none given')})"
        return written(m[key])

    return (f"score {number('score', '{:.2f}'.format)}, CLS {m['cls']:.3f} (page's own frame {m['cls_main']:.3f}), "
            f"TBT {number('tbt_ms', '{:.0f} ms'.format)}, LCP {number('lcp_ms', '{:.0f} ms'.format)}, "
            f"{number('bytes', lambda b: f'{b / 1024:,.0f} KiB')}{failed}")
