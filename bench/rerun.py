"""Server-side script time per warm rerun, without a browser (streamlit.testing AppTest).

    .venv/bin/python -m bench.rerun [--app dashboard/app.py] [--runs 10] [--profile] [--json]

Run in its own process: dashboard.corpus.load reads DASHBOARD_ANNOTATIONS when it is
imported and the Streamlit caches live for the process, so each corpus gets a
fresh interpreter (bench.run sets the variable in the child's environment
before the AppTest is created). One cold run, then `--runs` timed reruns, each
after changing a filter (the Country value the filter panel sets in Session State for
the real app, the selectbox for the floor app). The time is `at.run()` wall time: the script run
plus AppTest's own bookkeeping of the element tree (the floor app shows how
much of that is fixed cost).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _changes(at, app: str):
    """An endless cycle of widget changes for this app."""
    if app.endswith("floor_app.py"):
        box = at.selectbox[0]
        options = list(box.options)
        i = 0
        while True:
            i += 1
            yield lambda i=i: at.selectbox[0].set_value(options[i % len(options)])
    else:
        codes = _country_codes(at)
        cycle = [[codes[0]], [codes[1]], [], [codes[2], codes[3]], []]
        i = 0
        while True:
            value = cycle[i % len(cycle)]
            i += 1
            # What the filter panel's callback does with a tick (AppTest cannot click inside a v2 component).
            yield lambda value=value: at.session_state.__setitem__("country", value)


def _country_codes(at) -> list[str]:
    """Country codes the filter panel offers, the tour's countries first."""
    panel = next(e for e in at.sidebar if getattr(e, "type", "") == "bidi_component"
                 and e.proto.component_name == "dashboard.filter_panel")  # not the language switch above it
    facets = json.loads(panel.proto.json)["facets"]
    present = [o["value"] for f in facets if f["key"] == "country" for o in f["options"]]
    preferred = ["TJ", "KG", "KZ", "UZ"]
    return [c for c in preferred if c in present] + [c for c in present if c not in preferred]


class _Hooks:
    """Script-thread instrumentation for AppTest's LocalScriptRunner.

    * `script_ms`: SCRIPT_STARTED -> SCRIPT_STOPPED_* events of each run, i.e. the
      script alone, without AppTest's thread start-up and element-tree parsing;
    * profiling: each run executes in a new thread, which cProfile (per thread)
      would not see; `threading.setprofile` enables the profiler in it.
    """

    def __init__(self) -> None:
        from streamlit.runtime.scriptrunner import ScriptRunnerEvent
        from streamlit.testing.v1 import local_script_runner as lsr

        self.events: list[tuple[str, float]] = []
        self.profiler: cProfile.Profile | None = None
        hooks = self
        original = lsr.LocalScriptRunner.__init__

        def init(runner, *args, **kwargs):
            original(runner, *args, **kwargs)

            def on_event(_sender, event, **_kw):
                if event in (ScriptRunnerEvent.SCRIPT_STARTED, ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS,
                             ScriptRunnerEvent.SCRIPT_STOPPED_WITH_COMPILE_ERROR):
                    hooks.events.append((event.name, time.perf_counter()))

            runner.on_event.connect(on_event, weak=False)

        lsr.LocalScriptRunner.__init__ = init

    def last_script_ms(self) -> float:
        start = next((t for name, t in reversed(self.events) if name == "SCRIPT_STARTED"), None)
        stop = next((t for name, t in reversed(self.events) if name.startswith("SCRIPT_STOPPED")), None)
        return (stop - start) * 1000 if start is not None and stop is not None and stop >= start else float("nan")

    def profile_threads(self, profiler: cProfile.Profile | None) -> None:
        def starter(*_args):
            sys.setprofile(None)
            profiler.enable()

        threading.setprofile(starter if profiler else None)


def measure(app: str, runs: int, profile: bool, timeout: float, profile_runs: int = 5) -> dict:
    from streamlit.testing.v1 import AppTest

    hooks = _Hooks()

    script = str((ROOT / app).resolve())
    t = time.perf_counter()
    at = AppTest.from_file(script, default_timeout=timeout)
    at.run()
    cold = time.perf_counter() - t
    errors = [str(e.value)[:300] for e in at.exception]
    changes = _changes(at, app)
    # One untimed change: the first rerun after the cold run still warms some caches.
    next(changes)()
    at.run()
    times = []
    script = []
    for _ in range(runs):
        next(changes)()
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
        script.append(hooks.last_script_ms())
        errors += [str(e.value)[:300] for e in at.exception]
    profiler = None
    if profile:
        # Separate, profiled reruns after the timed ones: cProfile's overhead stays out of the timings.
        profiler = cProfile.Profile()
        hooks.profile_threads(profiler)
        for _ in range(profile_runs):
            next(changes)()
            at.run()
        hooks.profile_threads(None)
        profiler.disable()
    out = {
        "app": app,
        "annotations": os.environ.get("DASHBOARD_ANNOTATIONS"),
        "cold_s": cold,
        "runs": len(times),
        "times_ms": [x * 1000 for x in times],
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": _quantile(times, 0.95) * 1000,
        "script_median_ms": statistics.median(script),
        "script_p95_ms": _quantile(script, 0.95),
        "errors": errors,
    }
    if profiler:
        out["profile"] = _top(profiler, profile_runs)
    return out


def _top(profiler: cProfile.Profile, runs: int, limit: int = 12) -> dict:
    """Per-rerun cumulative and own time of the heaviest functions (the project's own first)."""
    stats = pstats.Stats(profiler)
    rows = []
    for (file, line, name), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():
        short = file.replace(str(ROOT) + "/", "")
        if "site-packages/" in short:
            short = short.split("site-packages/", 1)[1]
        rows.append({"func": f"{short}:{line}({name})", "calls": calls / runs,
                     "own_ms": tottime / runs * 1000, "cum_ms": cumtime / runs * 1000,
                     "own_code": short.startswith(("dashboard/", "bench/"))})
    # Module-level frames of exec'd scripts are double-counted by cProfile; runner plumbing says nothing.
    plumbing = ("(<module>)", "streamlit/runtime/scriptrunner", "streamlit/testing/", "streamlit/navigation/page.py",
                "threading.py", "builtins.exec", "cache_utils.py", "metrics_util.py")
    rows = [r for r in rows if not any(p in r["func"] for p in plumbing)]
    own = sorted((r for r in rows if r["own_code"]), key=lambda r: -r["cum_ms"])[:limit]
    by_cum = sorted(rows, key=lambda r: -r["cum_ms"])[:limit]
    by_self = sorted(rows, key=lambda r: -r["own_ms"])[:limit]
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(25)
    return {"dashboard_by_cumulative": own, "all_by_cumulative": by_cum, "all_by_own_time": by_self,
            "text": text.getvalue()[-6000:]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rerun")
    parser.add_argument("--app", default="dashboard/app.py")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--json", action="store_true", help="print one JSON object on the last line")
    args = parser.parse_args(argv)
    result = measure(args.app, args.runs, args.profile, args.timeout)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{args.app}: cold {result['cold_s']:.2f} s, warm rerun median {result['median_ms']:.1f} ms, "
              f"p95 {result['p95_ms']:.1f} ms over {result['runs']} runs; errors: {len(result['errors'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
