"""Benchmarks of the dashboard: page (vs a floor app), scale (generated corpora), load and hosting.

    .venv/bin/python -m bench.run [--quick] [--only page|story|strip|scale|load|hosting|briefing|lighthouse] [--strict]

Results are printed as a table and APPENDED to bench/RESULTS.md (date, machine,
commit, mode); the raw numbers go to bench/.cache/last-run.json and the scale
plot to bench/scale.png. A quick run writes only untracked files: its table goes
to bench/.cache/RESULTS-quick.md and its plot stays in bench/.cache/.

--quick is the CI smoke test: fewer repetitions, 1,000 records only, no load
part, and it never fails on timings: it exits 0 when the app works (servers
start, the map paints, filter changes update the map without remounting it).
A full run also exits 0 on missed goals unless --strict (then 2); any
functional failure exits 1.

The story part (bench/story.py, issue 14) opens a `?story=4` link and walks the Story
page's steps with the → and ← keys, beside the floor app's loads and selectbox changes.

The time strip part (bench/strip.py, issue 29; full runs and --only strip, not the quick run) times a step of the
map page's time strip to the map's repaint, and counts frames while its handle is dragged from 1991 to today.

The Lighthouse part (bench/lighthouse.py, issue 27) runs Lighthouse 12.2.3 (npm, pinned and checked) on
every page beside the floor app: score, layout shift, blocking time, paint, bytes. Quick runs: the map page
and the floor once, reported and never judged.

The load part runs 20 browser sessions twice: paced (each session waits a
think time between changes, --think, as a reader looks at the map; the goals
apply to this run) and back to back (--no-stress skips it), a stress test
reported beside it. Then the same sessions as protocol-level clients
(bench/wsload.py), which measures the server alone.

The hosting part (full runs only, bench/hosting.py) measures the cold start beside
the floor app, a server restart under 20 open pages, and --proxy-sessions
protocol-level sessions through HAProxy in front of two replicas, with one of them
killed halfway in a second run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import traceback

from bench import briefing as briefing_part
from bench import hosting as hosting_part
from bench import lighthouse as lighthouse_part
from bench import load as load_part
from bench import page as page_part
from bench import scale as scale_part
from bench import story as story_part
from bench import strip as strip_part
from bench import wsload as wsload_part
from bench.common import (
    BENCH,
    CACHE,
    LOGS,
    ServerError,
    app_fingerprint,
    fmt_bytes,
    git_commit,
    loadavg,
    log,
    machine,
    median,
)
from bench.scale import slope

RESULTS = BENCH / "RESULTS.md"


def results_target(quick: bool):
    """Where a run's table is appended: the tracked RESULTS.md for full runs only (CI runs --quick)."""
    return CACHE / "RESULTS-quick.md" if quick else RESULTS
PASS, MISS, INFO, FAIL = "pass", "MISS", "info", "FAIL"


def _ms(x: float) -> str:
    return "n/a" if x != x else f"{x:,.0f} ms"


def _verdict(ok: bool) -> str:
    return PASS if ok else MISS


def page_rows(r: dict) -> list[dict]:
    rows = []
    p, c, rr, b = r["paint"], r["change"], r["rerun"], r["bytes"]
    n = r["settings"]
    ratio = p["real"]["median_ms"] / p["floor"]["median_ms"]
    rows.append({"part": "page", "measure": f"navigation → map painted (median of {n['warm_loads']} warm loads)",
                 "goal": "real ≤ 1.3× floor",
                 "actual": f"real {_ms(p['real']['median_ms'])} vs floor {_ms(p['floor']['median_ms'])} = {ratio:.2f}×",
                 "result": _verdict(ratio <= 1.3)})
    ratio = c["real"]["median_ms"] / c["floor"]["median_ms"]
    rows.append({"part": "page", "measure": f"filter change → map updated, app idle (median of {n['changes']})",
                 "goal": "real ≤ 1.5× floor",
                 "actual": f"real {_ms(c['real']['median_ms'])} (p95 {_ms(c['real']['p95_ms'])}) vs floor "
                           f"{_ms(c['floor']['median_ms'])} = {ratio:.2f}×",
                 "result": _verdict(ratio <= 1.5)})
    if page_part.FLOOR_FILTERS in c:
        ref = c[page_part.FLOOR_FILTERS]["median_ms"]
        rows.append({"part": "page", "measure": "(reference) floor app plus seven Streamlit filter widgets "
                                                "(the app's filters before its panel), same change",
                     "goal": "(report)",
                     "actual": f"{_ms(ref)} = {ref / c['floor']['median_ms']:.2f}× floor; real = "
                               f"{c['real']['median_ms'] / ref:.2f}× this reference",
                     "result": INFO})
    remounts = c["real"]["remounted"] + c["floor"]["remounted"]
    rows.append({"part": "page", "measure": "map remounted by a filter change", "goal": "never",
                 "actual": f"{c['real']['remounted']} (real), {c['floor']['remounted']} (floor)",
                 "result": PASS if remounts == 0 else FAIL})
    real = rr["real"]
    rows.append({"part": "page", "measure": f"server rerun, AppTest at.run() (median / p95 of {real.get('runs', 0)})",
                 "goal": "≤ 50 ms",
                 "actual": f"{real['median_ms']:.0f} / {real['p95_ms']:.0f} ms (script alone "
                           f"{real.get('script_median_ms', float('nan')):.0f} ms; floor app "
                           f"{rr['floor']['median_ms']:.0f} ms)",
                 "result": _verdict(real["median_ms"] <= 50) if not real.get("error") else FAIL})
    cr, cf = c["real"], c["floor"]
    rows.append({"part": "page", "measure": "live server script run per filter change (wall / CPU / post-run GC)",
                 "goal": "(report; AppTest leaves out the GC)",
                 "actual": f"real {median(cr['server_run_ms']):.0f} / {median(cr['server_cpu_ms']):.0f} / "
                           f"{median(cr['server_gc_ms']):.0f} ms; floor {median(cf['server_run_ms']):.0f} / "
                           f"{median(cf['server_cpu_ms']):.0f} / {median(cf['server_gc_ms']):.0f} ms",
                 "result": INFO})
    rows.append({"part": "page", "measure": "bytes to the browser, one page load (fresh cache)",
                 "goal": "(report)",
                 "actual": f"real {fmt_bytes(b['real']['total'])} (ws {fmt_bytes(b['real']['ws_bytes'])}) vs floor "
                           f"{fmt_bytes(b['floor']['total'])} (ws {fmt_bytes(b['floor']['ws_bytes'])})",
                 "result": INFO})
    if "languages" in r:
        en, ru = r["languages"]["en"], r["languages"]["ru"]
        for what, key, label in (("paint", "paint_median_ms", "navigation → map painted"),
                                 ("change", "change_median_ms", "filter change → map updated, app idle")):
            ratio = ru[key] / en[key]
            rows.append({"part": "page", "measure": f"in Russian (?lang=ru) beside English, same server: {label} "
                                                    f"(median of {len(ru[what + '_ms'])} each, alternating)",
                         "goal": "ru ≤ 1.15× en",
                         "actual": f"ru {_ms(ru[key])} vs en {_ms(en[key])} = {ratio:.2f}×",
                         "result": _verdict(ratio <= 1.15)})
        rows.append({"part": "page", "measure": "map remounted by a filter change, in Russian", "goal": "never",
                     "actual": str(ru["remounted"]), "result": PASS if ru["remounted"] == 0 else FAIL})
    errors = c["real"].get("errors", []) + c["floor"].get("errors", []) + [
        e for k in rr for e in rr[k].get("errors", [])] + [
        e for lang in r.get("languages", {}).values() for e in lang.get("errors", [])]
    rows.append({"part": "page", "measure": "app errors (exceptions, page errors)", "goal": "none",
                 "actual": str(len(errors)) + (f": {errors[0][:120]}" if errors else ""),
                 "result": PASS if not errors else FAIL})
    return rows


def story_rows(r: dict) -> list[dict]:
    """The Story page's goals (issue 14): a step change within 1.5× the floor's selectbox change, the map never
    remounted; a ?story=N link painted within 1.3× the floor app."""
    link, c, m, n = r["link"], r["change"], r["motion"], r["settings"]
    ratio = link["real_median_ms"] / link["floor_median_ms"]
    opened = set(link["opened_on"])
    rows = [{"part": "story", "measure": f"?story={n['link_step']} link → map painted (median of {n['warm_loads']} "
                                         "warm loads)",
             "goal": "real ≤ 1.3× floor",
             "actual": f"real {_ms(link['real_median_ms'])} vs floor {_ms(link['floor_median_ms'])} = {ratio:.2f}×",
             "result": _verdict(ratio <= 1.3)},
            {"part": "story", "measure": f"the link's map opens on step {n['link_step']}", "goal": "always",
             "actual": f"opened on step {', '.join(sorted(str(x) for x in opened))}",
             "result": PASS if opened == {str(n["link_step"])} else FAIL}]
    ratio = c["real_median_ms"] / c["floor_median_ms"]
    rows.append({"part": "story", "measure": f"step change (→/←) → map at the step, words drawn, the server's run done (median of "
                                             f"{n['changes']}, reduced motion)",
                 "goal": "real ≤ 1.5× floor selectbox change",
                 "actual": f"real {_ms(c['real_median_ms'])} (p95 {_ms(c['real_p95_ms'])}; map {_ms(median(c['map_ms']))}, "
                           f"words {_ms(median(c['words_ms']))}) vs floor {_ms(c['floor_median_ms'])} = {ratio:.2f}×",
                 "result": _verdict(ratio <= 1.5)})
    rows.append({"part": "story", "measure": "map remounted by a step change", "goal": "never",
                 "actual": str(c["remounted"] + m["remounted"]),
                 "result": PASS if c["remounted"] + m["remounted"] == 0 else FAIL})
    rows.append({"part": "story", "measure": f"step change with motion → map arrived (median of {len(m['ms'])})",
                 "goal": "(report: a 1.2 s flight by design)", "actual": _ms(m["median_ms"]), "result": INFO})
    rows.append({"part": "story", "measure": "app errors on the Story page (exceptions, page errors)", "goal": "none",
                 "actual": str(len(c["errors"])) + (f": {c['errors'][0][:120]}" if c["errors"] else ""),
                 "result": PASS if not c["errors"] else FAIL})
    return rows


def strip_rows(r: dict) -> list[dict]:
    """The time strip's goals (issue 29): a handle step repaints the map within 50 ms; scrubbing holds 30 fps."""
    s, c, n = r["step"], r["scrub"], r["settings"]
    fps = min(c["page_fps"], c["map_fps"])
    return [
        {"part": "strip", "measure": f"handle step (→/← across 1 Jan 2015, EAEU) → map repainted (median of "
                                     f"{n['steps']})",
         "goal": "≤ 50 ms", "actual": f"{_ms(s['median_ms'])} (p95 {_ms(s['p95_ms'])})",
         "result": _verdict(s["median_ms"] <= 50)},
        {"part": "strip", "measure": f"scrub: handle dragged 1991 → today ({n['moves']} moves, {c['seconds']:.1f} s)",
         "goal": "≥ 30 fps (page and map)", "actual": f"page {c['page_fps']:.0f} fps, map {c['map_fps']:.0f} fps, "
                                                     f"{c['days_shaded']} days shaded, ended on {c['ended_on']}",
         "result": _verdict(fps >= 30)},
        {"part": "strip", "measure": "map remounted by the strip", "goal": "never", "actual": str(r["remounted"]),
         "result": PASS if not r["remounted"] else FAIL},
        {"part": "strip", "measure": "app errors on the map page (exceptions, page errors)", "goal": "none",
         "actual": str(len(r["errors"])) + (f": {r['errors'][0][:120]}" if r["errors"] else ""),
         "result": PASS if not r["errors"] else FAIL},
    ]


def briefing_rows(r: dict) -> list[dict]:
    """The downloads (issues 15, 28): build times, the files' paint beside a static Leaflet page, sizes."""
    b, p = r["build"], r["paint"]
    rows = [
        {"part": "briefing", "measure": f"briefing file built, warm (real corpus, default view; median / p90 of "
                                        f"{len(b['html']['ms'])})",
         "goal": "≤ 300 ms", "actual": f"{b['html']['median_ms']:.0f} / {b['html']['p90_ms']:.0f} ms",
         "result": _verdict(b["html"]["median_ms"] <= 300)},
        {"part": "briefing", "measure": f"map PNG drawn, warm (real corpus, default view; median / p90 of "
                                        f"{len(b['png']['ms'])})",
         "goal": "≤ 1.5 s", "actual": f"{b['png']['median_ms']:.0f} / {b['png']['p90_ms']:.0f} ms",
         "result": _verdict(b["png"]["median_ms"] <= 1500)},
        {"part": "briefing", "measure": "first build in a fresh process (imports, Leaflet checked, matplotlib)",
         "goal": "(report)",
         "actual": (f"file {b['cold']['html_ms']:.0f} ms, PNG {b['cold']['png_ms']:.0f} ms" if "html_ms" in b["cold"]
                    else f"failed: {b['cold'].get('error', '')[-120:]}"),
         "result": INFO if "html_ms" in b["cold"] else FAIL},
    ]
    ratio = p["briefing"]["median_ms"] / p["floor"]["median_ms"]
    rows.append({"part": "briefing", "measure": f"file opened from disk → map painted, headless Chromium (median of "
                                                f"{len(p['briefing']['ms'])})",
                 "goal": "≤ 2× a static Leaflet page with one marker",
                 "actual": f"{_ms(p['briefing']['median_ms'])} vs {_ms(p['floor']['median_ms'])} = {ratio:.2f}×",
                 "result": _verdict(ratio <= 2)})
    ratio = p["embed"]["median_ms"] / p["floor"]["median_ms"]
    rows.append({"part": "briefing", "measure": f"published map opened from disk → map painted, headless Chromium "
                                                f"(median of {len(p['embed']['ms'])})",
                 "goal": "≤ 1.5× a static Leaflet page with one marker",
                 "actual": f"{_ms(p['embed']['median_ms'])} vs {_ms(p['floor']['median_ms'])} = {ratio:.2f}×",
                 "result": _verdict(ratio <= 1.5)})
    rows.append({"part": "briefing", "measure": "the same loads → first contentful paint (the frame on screen, "
                                                "rastered in software): briefing, published map, floor",
                 "goal": "(report)",
                 "actual": " · ".join(f"{kind} {_ms(p[kind]['fcp_median_ms'])}" for kind in ("briefing", "embed", "floor"))
                           + f"; published map {p['embed']['fcp_median_ms'] / p['floor']['fcp_median_ms']:.2f}× the floor",
                 "result": INFO})
    rows.append({"part": "briefing", "measure": "published map, default view", "goal": "≤ 300 kB",
                 "actual": f"{r['embed_bytes']:,} bytes ({fmt_bytes(r['embed_bytes'])})",
                 "result": _verdict(r["embed_bytes"] <= 300_000)})
    asked = p["briefing"]["asked"] + p["embed"]["asked"] + p["floor"]["asked"]
    rows.append({"part": "briefing", "measure": "requests made by the files when opened (all refused)",
                 "goal": "none", "actual": str(len(asked)) + (f": {asked[0][:100]}" if asked else ""),
                 "result": PASS if not asked else FAIL})
    rows.append({"part": "briefing", "measure": "briefing file, default view", "goal": "≤ 1.5 MB",
                 "actual": f"{r['default_bytes']:,} bytes ({fmt_bytes(r['default_bytes'])})",
                 "result": _verdict(r["default_bytes"] <= 1_500_000)})
    for n, s in r["sizes"].items():
        rows.append({"part": "briefing", "measure": f"at {int(n):,} generated records ({s['records_in_view']:,} in "
                                                    "view): file, PNG",
                     "goal": "sublinear (report)",
                     "actual": f"file {s['html_bytes']:,} bytes in {s['html_ms']:.0f} ms; PNG "
                               f"{fmt_bytes(s['png_bytes'])} in {s['png_ms']:.0f} ms",
                     "result": INFO})
    return rows


def lighthouse_rows(r: dict, quick: bool) -> list[dict]:
    """Lighthouse beside the floor app (issue 27): a quick run reports and asserts nothing."""

    def verdict(ok: bool) -> str:
        return INFO if quick else _verdict(ok)

    rows = []
    for form, floor in r["floor"].items():
        rows.append({"part": "lighthouse", "measure": f"floor app, {form} (median of {floor['runs']})",
                     "goal": "(the floor)", "actual": lighthouse_part.summary_line(floor), "result": INFO})
    for name, forms in r["app"].items():
        for form, m in forms.items():
            floor = r["floor"][form]
            if not m["runs"] or not floor["runs"]:
                rows.append({"part": "lighthouse", "measure": f"{name} page, {form}", "goal": "measured",
                             "actual": lighthouse_part.summary_line(m if not m["runs"] else floor),
                             "result": verdict(False)})
                continue
            # A number Lighthouse gave no value (the charts page's blocking time) misses a goal set on it.
            lcp = m["lcp_ms"] / floor["lcp_ms"] if m["lcp_ms"] is not None and floor["lcp_ms"] else None
            goals = [m["cls"] <= 0.1]
            goal = "CLS ≤ 0.1"
            if name == "map" and form == "desktop":
                goals += [m["tbt_ms"] is not None and m["tbt_ms"] <= 50,
                          m["score"] is not None and m["score"] >= 0.9, lcp is not None and lcp <= 1.3]
                goal = "CLS ≤ 0.1, TBT ≤ 50 ms, score ≥ 0.9, LCP ≤ 1.3× the floor's"
            ratio = f"LCP {lcp:.2f}× the floor's" if lcp is not None else "LCP against the floor's: no value"
            rows.append({"part": "lighthouse", "measure": f"{name} page, {form} (median of {m['runs']})",
                         "goal": goal, "actual": f"{lighthouse_part.summary_line(m)}; {ratio}",
                         "result": verdict(all(goals))})
    return rows


def scale_rows(r: dict) -> list[dict]:
    rows = []
    base = r["rows"][0]
    for row in r["rows"]:
        n = row["load"]["records"]
        rows.append({"part": "scale", "measure": f"load + validate, load_corpus ({n:,} records, "
                                                  f"{fmt_bytes(row['load']['file_bytes'])})",
                     "goal": "(report)", "actual": f"{row['load']['median_s']:.2f} s", "result": INFO})
    for row in r["rows"]:
        n = row["load"]["records"]
        rr = row["rerun"]
        goal = n >= 10000
        rows.append({"part": "scale", "measure": f"warm rerun, AppTest ({n:,} records, median / p95)",
                     "goal": "≤ 150 ms at 10,000" if goal else "(report)",
                     "actual": f"{rr['median_ms']:.0f} / {rr['p95_ms']:.0f} ms",
                     "result": FAIL if rr.get("error") else (_verdict(rr["median_ms"] <= 150) if goal else INFO)})
    for row in r["rows"]:
        live = row.get("live_runs")
        if live and live["runs"]:
            rows.append({"part": "scale", "measure": f"live server script run per page load ({row['load']['records']:,} "
                                                      f"records; wall / CPU / post-run GC)",
                         "goal": "(report)",
                         "actual": f"{live['wall_ms']:.0f} / {live['cpu_ms']:.0f} / {live['gc_ms']:.0f} ms "
                                   f"(median of {live['runs']})",
                         "result": INFO})
    for row in r["rows"][1:]:
        n = row["load"]["records"]
        paint, ref = row["browser"]["median_ms"], base["browser"]["median_ms"]
        rows.append({"part": "scale", "measure": f"navigation → map painted ({n:,} records, median)",
                     "goal": "≤ 2× real corpus",
                     "actual": f"{_ms(paint)} vs {_ms(ref)} = {paint / ref:.2f}×",
                     "result": _verdict(paint <= 2 * ref)})
    pts = [(row["load"]["records"], row["browser"]["bytes"]["total"]) for row in r["rows"]]
    desc = ", ".join(f"{n:,}: {fmt_bytes(b)}" for n, b in pts)
    (n1, b1), (n2, b2) = pts[-2], pts[-1]
    k = slope(n1, b1, n2, b2)
    rows.append({"part": "scale", "measure": "bytes per page load vs records",
                 "goal": "sublinear (log-log slope < 1)",
                 "actual": f"{desc}; slope {k:.2f} between {n1:,} and {n2:,}",
                 "result": _verdict(k < 1)})
    return rows


def load_rows(r: dict, stress: dict | None = None) -> list[dict]:
    """The paced run carries the goals; the back-to-back stress run, if any, is reported beside it."""
    b = r["baseline"]
    pace = f"think time {r['think_s'] * 0.5:g}–{r['think_s'] * 1.5:g} s between changes"
    ratio = r["p95_ms"] / b["p95_ms"]
    rows = [
        {"part": "load", "measure": f"errors, {r['sessions']} sessions × {r['duration_s']:.0f} s "
                                    f"({r['changes']} changes; {pace})",
         "goal": "0", "actual": str(len(r["errors"])) + (f": {r['errors'][0][:120]}" if r["errors"] else ""),
         "result": PASS if not r["errors"] else FAIL},
        {"part": "load", "measure": f"filter change → map updated, p50 / p95 ({pace})",
         "goal": "p95 ≤ 2× one session",
         "actual": f"{_ms(r['p50_ms'])} / {_ms(r['p95_ms'])} under load vs {_ms(b['p50_ms'])} / {_ms(b['p95_ms'])} "
                   f"alone ({r['p50_ms'] / b['p50_ms']:.1f}× / {ratio:.1f}×)",
         "result": _verdict(ratio <= 2)},
        _cpu_row(r, "where the time went under load"),
        {"part": "load", "measure": "server memory per session (RSS after − before) / sessions",
         "goal": "(report)",
         "actual": f"{r['kib_per_session'] / 1024:.1f} MiB (RSS {r['rss_before_kib'] / 1024:.0f} → "
                   f"{r['rss_after_kib'] / 1024:.0f} MiB, peak {r['rss_peak_kib'] / 1024:.0f} MiB)",
         "result": INFO},
    ]
    runs = [r] + ([stress] if stress else [])
    leaks = [leak for x in runs for leak in x["leaks"]]
    remounts = sum(x["remounts"] for x in runs)
    if stress:
        sb = stress["baseline"]
        rows += [
            {"part": "load", "measure": f"stress: {stress['sessions']} sessions × {stress['duration_s']:.0f} s back to "
                                        f"back, no think time ({stress['changes']} changes): errors",
             "goal": "0", "actual": str(len(stress["errors"])) + (f": {stress['errors'][0][:120]}"
                                                                 if stress["errors"] else ""),
             "result": PASS if not stress["errors"] else FAIL},
            {"part": "load", "measure": "stress: filter change → map updated, p50 / p95",
             "goal": "(report)",
             "actual": f"{_ms(stress['p50_ms'])} / {_ms(stress['p95_ms'])} vs {_ms(sb['p50_ms'])} / "
                       f"{_ms(sb['p95_ms'])} alone ({stress['p50_ms'] / sb['p50_ms']:.1f}× / "
                       f"{stress['p95_ms'] / sb['p95_ms']:.1f}×)",
             "result": INFO},
            _cpu_row(stress, "stress: where the time went"),
        ]
    rows += [
        {"part": "load", "measure": "filters leaking between sessions (selection or URL not its own)",
         "goal": "0", "actual": str(len(leaks)) + (f": {leaks[0]}" if leaks else ""),
         "result": PASS if not leaks else FAIL},
        {"part": "load", "measure": "map remounted under load", "goal": "never", "actual": str(remounts),
         "result": PASS if not remounts else FAIL},
    ]
    return rows


def wsload_rows(runs: list[dict]) -> list[dict]:
    """The server alone under the same sessions, with protocol-level clients instead of browsers."""
    rows = []
    for r in runs:
        b = r["baseline"]
        pace = f"think time {r['think_s'] * 0.5:g}–{r['think_s'] * 1.5:g} s" if r["think_s"] else "back to back"
        rows.append({
            "part": "load", "measure": f"server only ({r['sessions']} WebSocket sessions × {r['duration_s']:.0f} s, "
                                       f"{pace}): rerun request → script finished, p50 / p95",
            "goal": "(report)",
            "actual": f"{_ms(r['p50_ms'])} / {_ms(r['p95_ms'])} vs {_ms(b['p50_ms'])} / {_ms(b['p95_ms'])} alone "
                      f"({r['p50_ms'] / b['p50_ms']:.1f}× / {r['p95_ms'] / b['p95_ms']:.1f}×); {r['changes']} changes, "
                      f"{len(r['errors'])} errors" + (f": {r['errors'][0][:100]}" if r["errors"] else ""),
            "result": FAIL if r["errors"] else INFO})
    return rows


def hosting_rows(r: dict) -> list[dict]:
    """Cold start beside the floor app, a restart under open pages, load through the proxy (bench/hosting.py)."""
    cold = r["cold"]
    ratio = cold["real"]["median_ms"] / cold["floor"]["median_ms"]
    rows = [{"part": "hosting", "measure": f"server start → first page's map painted (median of "
                                          f"{len(cold['real']['runs_ms'])}, fresh generated/ folder)",
             "goal": "real ≤ 1.3× floor",
             "actual": f"real {_ms(cold['real']['median_ms'])} vs floor {_ms(cold['floor']['median_ms'])} = {ratio:.2f}×",
             "result": _verdict(ratio <= 1.3)}]
    rs = r["restart"]
    rows.append({"part": "hosting", "measure": f"server restarted under {rs['sessions']} open pages: pages whose next "
                                              "change took effect, no reload",
                 "goal": f"{rs['sessions']}", "actual": f"{rs['took_effect']}"
                 + (f"; first failure: {rs['failures'][0]}"[:160] if rs["failures"] else ""),
                 "result": PASS if rs["took_effect"] == rs["sessions"] else FAIL})
    for label, p in r["proxy"].items():
        b = p["baseline"]
        pace = f"think time {p['think_s'] * 0.5:g}–{p['think_s'] * 1.5:g} s"
        ratio = p["p95_ms"] / b["p95_ms"]
        killed = label != "steady"
        rows.append({"part": "hosting", "measure": f"proxy, 2 replicas, {p['sessions']} WebSocket sessions × "
                                                  f"{p['duration_s']:.0f} s, {pace}" + (", replica 1 killed halfway" if killed else "")
                                                  + ": change p50 / p95",
                     "goal": "(report)" if killed else "p95 ≤ 2× one session alone",
                     "actual": f"{_ms(p['p50_ms'])} / {_ms(p['p95_ms'])} vs {_ms(b['p50_ms'])} / {_ms(b['p95_ms'])} "
                               f"alone ({ratio:.1f}× p95); {p['changes']} changes, {p['reconnects']} reconnects",
                     "result": INFO if killed else _verdict(ratio <= 2)})
        rows.append({"part": "hosting", "measure": f"proxy ({label}): errors / sessions lost",
                     "goal": "0 / 0", "actual": f"{len(p['errors'])} / {p['lost']}"
                     + (f": {p['errors'][0][:100]}" if p["errors"] else ""),
                     "result": PASS if not p["errors"] and not p["lost"] else FAIL})
    return rows


def _cpu_row(r: dict, measure: str) -> dict:
    return {"part": "load", "measure": measure, "goal": "(report)",
            "actual": f"opening the {r['sessions']} pages: {r['loading_cpu_s']:.0f} CPU-s in {r['loading_s']:.0f} s; "
                      f"then server {r['server_cpu_s']:.0f} CPU-s, browsers {r['browser_cpu_s']:.0f} CPU-s in "
                      f"{r['wall_s']:.0f} s on {r['cores']} cores; {r['server_runs']['runs']} script runs, median "
                      f"{r['server_runs']['wall_ms']:.0f} ms wall / {r['server_runs']['cpu_ms']:.0f} ms CPU / "
                      f"{r['server_runs']['gc_ms']:.0f} ms post-run GC",
            "result": INFO}


def table(rows: list[dict]) -> str:
    head = "| Part | Measure | Goal | Actual | Result |\n|---|---|---|---|---|\n"
    return head + "\n".join(
        f"| {r['part']} | {r['measure']} | {r['goal']} | {r['actual'].replace('|', '/')} | "
        f"{'**' + r['result'] + '**' if r['result'] in (MISS, FAIL) else r['result']} |" for r in rows)


def print_table(rows: list[dict]) -> None:
    widths = [6, 58, 24, 70, 6]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format("part", "measure", "goal", "actual", "result"))
    for r in rows:
        print(line.format(r["part"], r["measure"][:58], r["goal"][:24], r["actual"][:70], r["result"]))


def details(results: dict) -> str:
    """Markdown: what dominates, the largest downloads, the profile."""
    out = []
    page = results.get("page")
    if isinstance(page, dict) and "bytes" in page:
        for kind in ("real", "floor"):
            b = page["bytes"][kind]
            items = "; ".join(f"`{i['name']}` {fmt_bytes(i['bytes'])}" for i in b["top5"])
            out.append(f"- Page bytes, {kind}: {fmt_bytes(b['total'])} = HTTP {fmt_bytes(b['http_bytes'])} in "
                       f"{b['http_requests']} requests (on the wire {fmt_bytes(b['http_wire'])}) + WebSocket "
                       f"{fmt_bytes(b['ws_bytes'])} in {b['ws_frames']} frames. 5 largest: {items}.")
        for kind in ("real", "floor"):
            c = page["change"][kind]
            out.append(f"- Filter change, {kind} (medians from the key press): server script run "
                       f"{median(c['server_start_ms']):.0f}–"
                       f"{median([a + b for a, b in zip(c['server_start_ms'], c['server_run_ms'])]):.0f} ms "
                       f"({median(c['server_run_ms']):.0f} ms wall, {median(c['server_cpu_ms']):.0f} ms CPU, of which "
                       f"post-run gc.collect {median(c['server_gc_ms']):.0f} ms), "
                       f"first Streamlit message "
                       f"{median(c['first_ws_ms']):.0f} ms, last message before the map update "
                       f"{median(c['last_ws_ms']):.0f} ms, new feature group on the map {median(c['push_ms']):.0f} ms, "
                       f"idle {median(c['ms']):.0f} ms; all times {[round(x) for x in c['ms']]} ms.")
        p = page["paint"]
        for kind in ("real", "floor"):
            out.append(f"- Page load milestones, {kind} (median ms from navigation start): "
                       + milestones(p[kind]["milestones"]))
        out.append(f"- Paint, cold first load (discarded): real {p['real']['cold_ms']:.0f} ms, floor "
                   f"{p['floor']['cold_ms']:.0f} ms; warm loads real {[round(x) for x in p['real']['warm_ms']]}, "
                   f"floor {[round(x) for x in p['floor']['warm_ms']]} ms.")
        prof = page["rerun"]["real"].get("profile")
        if prof:
            out.append("- Rerun profile, real corpus (cProfile in the script thread, per rerun, cumulative): "
                       + _profile_line(prof))
    scale = results.get("scale")
    if isinstance(scale, dict) and "rows" in scale:
        for row in scale["rows"]:
            b = row["browser"]["bytes"]
            items = "; ".join(f"`{i['name']}` {fmt_bytes(i['bytes'])}" for i in b["top5"][:3])
            if row["browser"].get("milestones"):
                out.append(f"- Scale {row['load']['records']:,} records, page load milestones (median ms): "
                           + milestones(row["browser"]["milestones"]))
            out.append(f"- Scale {row['load']['records']:,} records: page {fmt_bytes(b['total'])} (WebSocket "
                       f"{fmt_bytes(b['ws_bytes'])}); largest: {items}; first (cold) load "
                       f"{row['browser']['cold_ms'] / 1000:.1f} s; script alone "
                       f"{row['rerun'].get('script_median_ms', float('nan')):.0f} ms per rerun; server RSS "
                       f"{row.get('rss_kib', 0) / 1024:.0f} MiB.")
            prof = row["rerun"].get("profile")
            if prof:
                out.append(f"- Rerun profile at {row['load']['records']:,} records (cProfile in the script thread, "
                       f"ms per rerun, inflated by the profiler), project code, cumulative: "
                           + _profile_line(prof))
                cum = ", ".join(f"`{x['func']}` {x['cum_ms']:.0f}" for x in prof.get("all_by_cumulative", [])[:8])
                out.append(f"  - all code, cumulative: {cum}")
                own = ", ".join(f"`{x['func']}` {x['own_ms']:.0f}" for x in prof["all_by_own_time"][:6])
                out.append(f"  - by own time: {own}")
    if results.get("errors"):
        out.append("- Part failures: " + "; ".join(f"{k}: {v.splitlines()[-1][:300]}"
                                                    for k, v in results["errors"].items()))
    return "\n".join(out)


def milestones(loads: list[dict]) -> str:
    keys = [k for k in loads[0] if k != "geojson_fetch"] if loads else []
    parts = []
    for key in keys:
        values = [x[key] for x in loads if x.get(key) is not None]
        if values:
            parts.append(f"{key.replace('_', ' ')} {median(values):.0f}")
    geo = [x["geojson_fetch"] for x in loads if x.get("geojson_fetch")]
    if geo:
        parts.append(f"countries geojson fetched {median([g[0] for g in geo]):.0f}–{median([g[1] for g in geo]):.0f}")
    return ", ".join(parts) + "."


def _profile_line(prof: dict) -> str:
    return ", ".join(f"`{x['func']}` {x['cum_ms']:.0f}" for x in prof["dashboard_by_cumulative"][:8])


def append_results(rows: list[dict], results: dict, mode: str, started: float, meta: dict, target=RESULTS) -> None:
    m = meta["machine"]
    head = "" if target.exists() else (
        "# Benchmark results\n\nAppended by `python -m bench.run` (see bench/run.py). Newest last. "
        "MISS = a goal not met; FAIL = the app did not work as measured.\n")
    section = [
        head,
        f"\n## {meta['date']} — {mode}\n",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM (from /proc); Python {m['python']}; "
        f"load average at start {m['loadavg']}, at end {loadavg()} (the machine is shared: other work may "
        f"have run at the same time)",
        f"- Commit: `{meta['commit']}` at start, `{git_commit()}` at end (`git rev-parse HEAD`); app files "
        f"fingerprint per part (start → end): "
        + ", ".join(f"{k} {v[0]}→{v[1]}" + (" **changed during the part**" if v[0] != v[1] else "")
                    for k, v in results.get("fingerprints", {}).items())
        + (" — **the app's files differ between parts: compare parts with care**"
           if len({x for v in results.get("fingerprints", {}).values() for x in v}) > 1 else ""),
        f"- Mode: {mode}; parts: {', '.join(meta['parts'])}; wall time {time.time() - started:.0f} s"
        + (f"; repeated after an outside process stopped a server: {', '.join(results['retried'])}"
           if results.get("retried") else ""),
        "",
        table(rows),
        "",
        details(results),
        "",
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as f:
        f.write("\n".join(section))


def real_row_from_page(page: dict) -> dict:
    """The real corpus's scale point, from the page part of the same run (same procedure)."""
    from bench.scale import REAL, _load_time

    return {"label": "real", "path": "annotations.yaml", "load": _load_time(REAL, 3),
            "rerun": page["rerun"]["real"],
            "browser": {"cold_ms": page["paint"]["real"]["cold_ms"], "warm_ms": page["paint"]["real"]["warm_ms"],
                        "milestones": page["paint"]["real"]["milestones"],
                        "median_ms": page["paint"]["real"]["median_ms"], "bytes": page["bytes"]["real"]},
            "rss_kib": page.get("rss_kib", {}).get("real", 0),
            "live_runs": page.get("live_runs", {}).get("real")}


def _run_part(part: str, args, results: dict) -> list[dict]:
    if part == "page":
        results["page"] = page_part.run(args.quick)
        return page_rows(results["page"])
    if part == "story":
        results["story"] = story_part.run(args.quick)
        return story_rows(results["story"])
    if part == "strip":
        results["strip"] = strip_part.run(args.quick)
        return strip_rows(results["strip"])
    if part == "scale":
        # A quick run reuses the page part's real-app numbers (time); a full run measures the real
        # corpus again beside the generated ones, so that the comparison is within minutes (the
        # repository is being edited while benchmarks run).
        real = real_row_from_page(results["page"]) if "page" in results and args.quick else None
        results["scale"] = scale_part.run(args.quick, real)
        png = scale_part.plot(results["scale"], scale_part.plot_target(args.quick))
        results["scale"]["plot"] = str(png) if png else None
        if png is None:
            log("matplotlib is not installed: no plot (pip install matplotlib; add it to requirements-dev.txt)")
        return scale_rows(results["scale"])
    if part == "briefing":
        results["briefing"] = briefing_part.run(args.quick)
        return briefing_rows(results["briefing"])
    if part == "lighthouse":
        results["lighthouse"] = lighthouse_part.run(args.quick)
        return lighthouse_rows(results["lighthouse"], args.quick)
    if part == "hosting":
        results["hosting"] = hosting_part.run(args.proxy_sessions, args.duration * 1.5, think_s=args.think)
        return hosting_rows(results["hosting"])
    results["load"] = load_part.run(args.sessions, args.duration, think_s=args.think)
    if args.stress:
        results["load_stress"] = load_part.run(args.sessions, args.duration, think_s=0.0)
    results["wsload"] = [wsload_part.run(args.sessions, args.duration, think_s=t) for t in (args.think, 0.0)]
    return load_rows(results["load"], results.get("load_stress")) + wsload_rows(results["wsload"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI smoke test (< 2 min, never fails on timings)")
    parser.add_argument("--only", choices=["page", "story", "strip", "scale", "load", "hosting", "briefing",
                                           "lighthouse"])
    parser.add_argument("--strict", action="store_true", help="exit 2 when a goal is missed (not with --quick)")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--proxy-sessions", type=int, default=100,
                        help="protocol-level sessions through the proxy (hosting part)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of filter changes per load session")
    parser.add_argument("--think", type=float, default=10.0,
                        help="mean seconds a load session waits between changes (a reader looking at the map)")
    parser.add_argument("--no-stress", dest="stress", action="store_false",
                        help="skip the second load run with no think time")
    args = parser.parse_args(argv)
    started = time.time()
    parts = [args.only] if args.only else (["page", "story", "scale", "briefing", "lighthouse"] if args.quick
                                           else ["page", "story", "strip", "scale", "briefing", "lighthouse",
                                                 "load", "hosting"])
    if args.quick and args.only in ("load", "hosting"):
        log(f"--quick skips the {args.only} part: nothing to do")
        return 0
    mode = ("quick" if args.quick else "full") + (f", --only {args.only}" if args.only else "")
    meta = {"date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"), "machine": machine(),
            "commit": git_commit(), "parts": parts}
    log(f"mode {mode}; machine {meta['machine']}; commit {meta['commit']}")
    results: dict = {"meta": meta, "errors": {}}
    for old in LOGS.glob("*") if LOGS.exists() else []:
        old.unlink()
    rows: list[dict] = []
    for part in parts:
        t = time.perf_counter()
        before = app_fingerprint()
        try:
            try:
                rows += _run_part(part, args, results)
            except ServerError as exc:
                if "from outside the benchmark" not in str(exc):
                    raise
                # Someone else's process stopped one of our servers (shared machine): one more try.
                log(f"{part}: a server was stopped from outside the benchmark; running the part again")
                results.setdefault("retried", []).append(part)
                rows += _run_part(part, args, results)
        except Exception:  # noqa: BLE001 - report the failure, go on with the other parts
            results["errors"][part] = traceback.format_exc()
            log(f"{part} part FAILED:\n{results['errors'][part]}")
            rows.append({"part": part, "measure": "part completed", "goal": "yes",
                         "actual": results["errors"][part].strip().splitlines()[-1][:200], "result": FAIL})
        after = app_fingerprint()
        results.setdefault("fingerprints", {})[part] = [before, after]
        if before != after:
            log(f"WARNING: the app's files changed while the {part} part ran ({before} -> {after})")
        log(f"{part} part took {time.perf_counter() - t:.0f} s")
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / "last-run.json").write_text(json.dumps(results, indent=1, default=str))
    print()
    print_table(rows)
    target = results_target(args.quick)
    append_results(rows, results, mode, started, meta, target)
    log(f"appended to {target.relative_to(BENCH.parent)}; total {time.time() - started:.0f} s")
    if any(r["result"] == FAIL for r in rows):
        return 1
    if args.strict and not args.quick and any(r["result"] == MISS for r in rows):
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
