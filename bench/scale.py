"""Scale part: synthetic corpora of 1,000 and 10,000 records against the real one."""

from __future__ import annotations

import asyncio
import math
import time
from pathlib import Path

from playwright.async_api import async_playwright

from bench import browser as bw
from bench import generate
from bench.common import BENCH, CACHE, ROOT, Server, log, median, run_rerun

REAL = ROOT / "annotations.yaml"


def _load_time(path: Path, repeats: int) -> dict:
    """load_corpus (parse + validate + quote lookup), in this process, best and median of `repeats`."""
    from dashboard.corpus.load import load_corpus

    times = []
    n = 0
    for _ in range(repeats):
        t = time.perf_counter()
        corpus = load_corpus(path)
        times.append(time.perf_counter() - t)
        n = len(corpus.records)
    return {"records": n, "median_s": median(times), "min_s": min(times), "runs": repeats,
            "file_bytes": path.stat().st_size}


def _validated(path: Path) -> dict:
    """The project's CLI validator on a generated file, once per file (a stamp remembers it)."""
    stamp = path.with_suffix(".validated")
    if stamp.exists():
        return {"ok": True, "cached": True, "output": stamp.read_text()}
    t = time.perf_counter()
    result = generate.validate(path)
    wall = time.perf_counter() - t
    out = (result.stdout + result.stderr).strip()
    if result.returncode == 0:
        stamp.write_text(out)
    return {"ok": result.returncode == 0, "cached": False, "output": out[-3000:], "wall_s": wall}


async def _browser(server: Server, loads: int, cold_timeout: float) -> dict:
    async with async_playwright() as pw:
        browser = await bw.launch(pw)
        try:
            cold = (await bw.load_paint(browser, server.url + "/", "real", timeout=cold_timeout))["ms"]
            loaded = [await bw.load_paint(browser, server.url + "/", "real", timeout=cold_timeout)
                      for _ in range(loads)]
            warm = [x["ms"] for x in loaded]
            nbytes = await bw.page_bytes(browser, server.url + "/", "real", timeout=cold_timeout)
        finally:
            await browser.close()
    return {"cold_ms": cold, "warm_ms": warm, "median_ms": median(warm), "bytes": nbytes,
            "milestones": [x["milestones"] for x in loaded]}


def summarize_runs(runs: list[tuple[float, float, float, float]]) -> dict:
    """Median wall, CPU and post-run GC time (ms) of the live server's script runs."""
    return {"runs": len(runs),
            "wall_ms": median([(r[1] - r[0]) * 1000 for r in runs]),
            "cpu_ms": median([r[2] * 1000 for r in runs]),
            "gc_ms": median([r[3] * 1000 for r in runs])}


def measure_size(label: str, path: Path, loads: int, reruns: int, profile: bool, repeats: int = 3) -> dict:
    n_hint = label
    log(f"scale[{n_hint}]: load_corpus")
    big = path.stat().st_size > 3_000_000
    row: dict = {"label": label, "path": str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)}
    row["load"] = _load_time(path, 1 if big else repeats)
    log(f"scale[{n_hint}]: {row['load']['records']} records, load_corpus {row['load']['median_s']:.2f} s; "
        f"AppTest reruns")
    row["rerun"] = run_rerun("dashboard/app.py", reruns, annotations=path if path != REAL else None,
                             profile=profile)
    log(f"scale[{n_hint}]: rerun median {row['rerun']['median_ms']:.0f} ms; browser")
    env = {"DASHBOARD_ANNOTATIONS": str(path)} if path != REAL else {}
    with Server("dashboard/serve.py", f"scale-{label}", env=env) as server:
        server.wait_healthy()
        row["browser"] = asyncio.run(_browser(server, loads, cold_timeout=600 if big else 180))
        server.check_alive()
        row["rss_kib"] = server.rss_kib()
        row["live_runs"] = summarize_runs(server.script_runs()[1:])  # the first run is the cold one
    b = row["browser"]
    log(f"scale[{n_hint}]: paint median {b['median_ms']:.0f} ms (cold {b['cold_ms']:.0f}); "
        f"bytes {b['bytes']['total']:,}")
    return row


def run(quick: bool, real_row: dict | None = None) -> dict:
    """Real corpus (reused from the page part when given), then each generated size."""
    sizes = [1000] if quick else [1000, 10000]
    loads, reruns = (2, 5) if quick else (5, 10)
    out: dict = {"sizes": sizes, "rows": [], "validation": {}, "settings": {"warm_loads": loads, "reruns": reruns}}
    files = {}
    for n in sizes:
        t = time.perf_counter()
        path = generate.write(n)
        files[n] = path
        log(f"scale: corpus of {n} at {path.relative_to(ROOT)} ({time.perf_counter() - t:.1f} s)")
        if quick:
            # load_corpus below is the validator's own check (it raises CorpusError on any problem);
            # the CLI run is left to full runs to keep the smoke test short.
            out["validation"][n] = {"ok": True, "cached": False, "output": "checked by load_corpus"}
        else:
            out["validation"][n] = _validated(path)
        if not out["validation"][n]["ok"]:
            raise RuntimeError(f"generated corpus of {n} does not validate:\n{out['validation'][n]['output']}")
    repeats = 1 if quick else 3
    out["rows"].append(real_row or measure_size("real", REAL, loads, reruns, profile=False, repeats=repeats))
    for n in sizes:
        out["rows"].append(measure_size(str(n), files[n], loads, reruns, profile=(n == max(sizes)),
                                        repeats=repeats))
    return out


def slope(x1: float, y1: float, x2: float, y2: float) -> float:
    """log-log slope between two points (1 = linear growth)."""
    if min(x1, y1, x2, y2) <= 0 or x1 == x2:
        return float("nan")
    return math.log(y2 / y1) / math.log(x2 / x1)


def plot(result: dict, target: Path) -> Path | None:
    """Each measure against corpus size (log-log), with the goals drawn in."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    rows = result["rows"]
    n = [r["load"]["records"] for r in rows]
    panels = [
        ("load + validate (load_corpus)", [r["load"]["median_s"] for r in rows], "s", None),
        ("warm rerun (AppTest, median)", [r["rerun"]["median_ms"] for r in rows], "ms", (150, "goal at 10k: 150 ms")),
        ("bytes to the browser per page load", [r["browser"]["bytes"]["total"] / 1024 / 1024 for r in rows], "MiB",
         None),
        ("navigation -> map painted (median)", [r["browser"]["median_ms"] for r in rows], "ms",
         (2 * rows[0]["browser"]["median_ms"], "goal: 2x real corpus")),
    ]
    fig, axes = plt.subplots(2, 2, figsize=(10, 7.5))
    for ax, (title, ys, unit, goal) in zip(axes.flat, panels):
        ax.plot(n, ys, "o-", color="#0072B2", label="total" if title.startswith("bytes") else None)
        for x, y in zip(n, ys):
            ax.annotate(f"{y:,.0f}" if y >= 100 else f"{y:.3g}", (x, y), textcoords="offset points",
                        xytext=(4, 6), fontsize=8)
        if title.startswith("bytes") and len(n) >= 2:
            ws = [r["browser"]["bytes"]["ws_bytes"] / 1024 / 1024 for r in rows]
            ax.plot(n, ws, "s--", color="#009E73", label="WebSocket (Streamlit messages)")
            ax.plot(n, [ys[0] * x / n[0] for x in n], ":", color="#777777", label="linear from real corpus")
            ax.legend(fontsize=8)
        if goal:
            ax.axhline(goal[0], color="#D55E00", ls="--", lw=1, label=goal[1])
            ax.legend(fontsize=8)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("records")
        ax.set_ylabel(unit)
        ax.grid(True, which="both", alpha=0.3)
    fig.suptitle(f"Scale: real corpus ({n[0]} records) and generated corpora", fontsize=11)
    fig.tight_layout()
    target.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(target, dpi=110)
    plt.close(fig)
    return target


def plot_target(quick: bool) -> Path:
    """The committed plot only from a full run; a quick run's plot stays in the cache."""
    return CACHE / "scale-quick.png" if quick else BENCH / "scale.png"
