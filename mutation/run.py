"""Mutation testing of the modules that decide what a reader sees: `make mutation`.

    .venv/bin/python -m mutation.run [--jobs N] [--quick] [--report-only] [PATTERN ...]

Runs mutmut (configured in pyproject.toml: which files, which tests) on TARGETS with
the fast tests (unit + AppTest), then writes mutation/REPORT.md: the tool and its
version, the date, the run time, killed/total per module, and every survivor with
its diff and the reason given for it in mutation/survivors.yaml. A survivor without
a reason, or a score under GOAL, makes the run exit 1.

--quick is CI's subset: the hand-written mutants of mutation/named.py (the four the
issue named) and mutmut on QUICK with QUICK_TESTS; its report goes to mutants/, not to the tracked one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from importlib.metadata import version
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
REPORT = ROOT / "mutation" / "REPORT.md"
QUICK_REPORT = MUTANTS / "QUICK-REPORT.md"
REASONS = ROOT / "mutation" / "survivors.yaml"
TIMING = MUTANTS / "mutation-run.json"
MUTMUT = Path(sys.executable).parent / "mutmut"
GOAL = 0.90

# What users see: filters, membership status, URL state decoding, escaping (escape.markdown and the reader),
# quote verification, exports, the reader's spans, the panel's event parsing, geodesy, dates, reference
# labels, the published map's quotes, the page's language (its words, dates, numbers, lang marks) and the
# places' names in it, the page's HTML as the server sends it (its language, its first-paint styles), and the
# reruns it drops (a page left blank). corpus/quotes.py, corpus/load.py and escape.py: only the quote-checking functions and markdown() are targets.
TARGETS = {
    "filters": ["dashboard.query.filters.*"],
    "memberships": ["dashboard.corpus.memberships.*"],
    "dates": ["dashboard.corpus.dates.*"],
    "state": ["dashboard.query.link.*", "dashboard.corpus.records.x_excerpt_key__*", "dashboard.corpus.records.x_version_key__*",
              "dashboard.corpus.records.x_resolve_excerpt__*"],
    "export": ["dashboard.downloads.export.*"],
    "reader": ["dashboard.evidence.reader.*"],
    "panel": ["dashboard.query.filter_panel.*"],
    "geo": ["dashboard.map.geo.*"],
    "support": ["dashboard.corpus.support.*"],
    "corpus (quote check)": ["dashboard.corpus.quotes.x_normalise__mutmut_*", "dashboard.corpus.quotes.x_normalise_with_offsets__*",
                             "dashboard.corpus.quotes.xǁSeedǁfind__*", "dashboard.corpus.load.xǁ_Checksǁ_locate__*"],
    "markdown escaping": ["dashboard.escape.x_markdown__*"],
    "published map": ["dashboard.downloads.embed.*"],
    "language": ["dashboard.i18n.*", "dashboard.escape.x_with_lang__*"],
    "names": ["dashboard.names.*"],
    "first paint (the page's language and styles in its HTML)": ["dashboard.first_paint.*"],
    "a left page's late reruns (a page that stays drawn)": ["dashboard.stale_reruns.*"],
}
QUICK = ["dashboard.corpus.memberships.*", "dashboard.query.filters.x__mask__*", "dashboard.query.filters.x_select__*",
         "dashboard.corpus.quotes.xǁSeedǁfind__*"]
# The quick run's tests: those written for the QUICK functions. mutmut runs its selection twice in one process before
# any mutant (a clean run, then one that maps tests to functions), so the whole fast set costs minutes there.
QUICK_TESTS = ["tests/unit/test_memberships.py", "tests/unit/test_filters.py", "tests/unit/test_quotes.py"]
KILLED = {1, 3}  # mutmut's exit codes for "a test failed" (3: pytest's internal error)
TIMEOUTS = {36, 24, -24, 152, 255}  # the tests ran far longer than without the mutant: detected, counted as killed
STATUS = {0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", 36: "timeout", 24: "timeout",
          -24: "timeout", 152: "timeout", 255: "timeout", None: "not checked", -9: "segfault", -11: "segfault"}


def log(msg: str) -> None:
    print(f"[mutation] {msg}", flush=True)


def results() -> dict[str, int | None]:
    """Every generated mutant's exit code, from mutmut's .meta files."""
    out: dict[str, int | None] = {}
    # mutmut keeps a .meta beside each mutated file, in the same folders as the source (dashboard/query/…).
    for meta in MUTANTS.glob("dashboard/**/*.py.meta"):
        out.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return out


def module_of(name: str, targets: dict[str, list[str]]) -> str | None:
    """Which target a mutant belongs to, or None if it is not one (the rest of corpus/quotes.py, corpus/load.py and escape.py)."""
    for module, patterns in targets.items():
        if any(_match(name, p) for p in patterns):
            return module
    return None


def _match(name: str, pattern: str) -> bool:
    return re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), name) is not None


def diff(name: str) -> str:
    """The mutant's change, as mutmut shows it (the lines that differ)."""
    shown = subprocess.run([str(MUTMUT), "show", name], cwd=ROOT, capture_output=True, text=True).stdout
    lines = [ln for ln in shown.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    return "\n".join(lines)


def write_report(target: Path, patterns: dict[str, list[str]], named: list[dict] | None,
                 named_seconds: float = 0.0) -> bool:
    """The report: score per module, every survivor with its diff and reason. True if it meets the goal."""
    codes = results()
    reasons = yaml.safe_load(REASONS.read_text(encoding="utf-8")) or {} if REASONS.exists() else {}
    timing = json.loads(TIMING.read_text(encoding="utf-8")) if TIMING.exists() else {}
    per: dict[str, Counter] = {m: Counter() for m in patterns}
    survivors: list[tuple[str, str, int | None]] = []
    for name in sorted(codes, key=_natural):
        module = module_of(name, patterns)
        if module is None:
            continue
        code = codes[name]
        per[module]["total"] += 1
        if code in KILLED or code in TIMEOUTS:
            per[module]["killed"] += 1
            per[module]["timeouts"] += code in TIMEOUTS
        else:
            survivors.append((module, name, code))
    killed = sum(c["killed"] for c in per.values())
    total = sum(c["total"] for c in per.values())
    score = killed / total if total else 0.0
    unexplained = [n for _, n, _ in survivors if n not in reasons]
    lines = [
        "# Mutation testing: what the tests notice",
        "",
        f"- Tool: mutmut {version('mutmut')} ({_workers(timing.get('jobs', 1))}: "
        f"`--max-children {timing.get('jobs', 1)}`), "
        f"Python {sys.version.split()[0]}",
        f"- Date: {timing.get('finished', '?')}; dashboard/ and tests/ as at commit {timing.get('commit', '?')}",
        f"- Run time: {timing.get('seconds', 0) / 60:.1f} min for mutmut's {timing.get('checked', total)} mutants, "
        f"{named_seconds / 60:.1f} min for the {len(named or [])} named ones (on a 2-core machine shared with "
        f"other work)",
        "- Tests: tests/unit and tests/app (unit + AppTest); the browser tests are not run per mutant.",
        f"- Score: **{killed}/{total} killed ({score:.1%})**; goal {GOAL:.0%}. Killed includes "
        f"{sum(c['timeouts'] for c in per.values())} timeouts (the tests hung or ran 15 times longer).",
        "",
        "| module | killed | total | score |",
        "| --- | ---: | ---: | ---: |",
    ]
    for module, c in per.items():
        lines.append(f"| {module} | {c['killed']} | {c['total']} | {c['killed'] / c['total']:.1%} |"
                     if c["total"] else f"| {module} | 0 | 0 | - |")
    if named is not None:
        lines += ["", "## The mutants the issue named (mutation/named.py)", "",
                  "| mutant | fate | failing tests |", "| --- | --- | --- |"]
        lines += [f"| {m['name']} | {m['fate']} | {m['test']} |" for m in named]
    lines += ["", f"## Survivors ({len(survivors)})", "",
              "Each with mutmut's diff and why it is left: *equivalent* (no input can tell it from the original) "
              "or *left* (a reason a test for it is not worth its cost).", ""]
    for _module, name, code in survivors:
        why = reasons.get(name, "**NO REASON GIVEN**")
        lines += [f"### {name} ({STATUS.get(code, code)})", "", "```diff", diff(name), "```", "", str(why).strip(), ""]
    stale = sorted(set(reasons) - {n for _, n, _ in survivors})
    if stale:
        lines += ["## Reasons for mutants that no longer survive", "", *[f"- {n}" for n in stale], ""]
    target.write_text("\n".join(lines), encoding="utf-8")
    log(f"{killed}/{total} killed ({score:.1%}); {len(survivors)} survivors, {len(unexplained)} without a reason; "
        f"report: {target.relative_to(ROOT)}")
    for name in unexplained:
        log(f"  no reason: {name}")
    return score >= GOAL and not unexplained and all(m["fate"] == "killed" for m in named or [])


def _workers(n: int) -> str:
    return "one worker" if n == 1 else f"{n} workers"


def _natural(name: str):
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)]


def forget(patterns: list[str]) -> int:
    """Clear mutmut's kept verdicts for these mutants, so that what is counted afterwards is this run's alone (a run
    that stops early, say on a failing clean run, then shows as mutants not checked, not as an old report)."""
    cleared = 0
    for meta in MUTANTS.glob("dashboard/**/*.py.meta"):
        data = json.loads(meta.read_text(encoding="utf-8"))
        codes = data.get("exit_code_by_key", {})
        for name in codes:
            if codes[name] is not None and any(_match(name, p) for p in patterns):
                codes[name] = None
                cleared += 1
        meta.write_text(json.dumps(data), encoding="utf-8")
    return cleared


def left_out(tests: list[str]) -> list[str]:
    """pytest's --ignore options that leave only `tests` of mutmut's selection (tests/unit and tests/app)."""
    kept = {Path(t) for t in tests}
    from mutation.named import FAST

    files = sorted(p.relative_to(ROOT) for d in FAST for p in (ROOT / d).glob("test_*.py"))
    return [f"--ignore={f}" for f in files if f not in kept]


def run_mutmut(patterns: list[str], jobs: int, tests: list[str] | None = None) -> None:
    """mutmut on `patterns`, with its whole selection of tests or only `tests` (pytest reads PYTEST_ADDOPTS in
    mutmut's own runs as in its workers)."""
    started = time.monotonic()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    if tests:
        env["PYTEST_ADDOPTS"] = " ".join([env.get("PYTEST_ADDOPTS", ""), *left_out(tests)]).strip()
    forget(patterns)
    proc = subprocess.run([str(MUTMUT), "run", "--max-children", str(jobs), *patterns], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    codes = {n: c for n, c in results().items() if any(_match(n, p) for p in patterns)}
    checked = sum(1 for c in codes.values() if c is not None)
    # mutmut exits 0 even when the clean run of the tests fails in its copy (say, a folder not in
    # also_copy, or a copy older than the tests): then it checks no mutant, or not all of them.
    if proc.returncode not in (0, 1) or not checked or "Failed to run clean test" in proc.stdout + proc.stderr:
        tail = "\n".join((proc.stdout + proc.stderr).replace("\r", "\n").splitlines()[-30:])
        sys.exit(f"mutmut run failed (exit {proc.returncode}, {checked} mutants checked):\n{tail}")

    TIMING.write_text(json.dumps({"seconds": round(time.monotonic() - started), "jobs": jobs, "checked": checked,
                                  "finished": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
                                  "commit": commit.strip()}), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("MUTATION_JOBS", "1")),
                        help="mutmut worker processes (default 1: the machine is shared)")
    parser.add_argument("--quick", action="store_true", help="CI's subset (named mutants + a few functions)")
    parser.add_argument("--report-only", action="store_true",
                        help="run the named mutants again and write the report from mutmut's last run")
    parser.add_argument("patterns", nargs="*", help="only these mutants (mutmut names, * wildcards)")
    args = parser.parse_args(argv)
    from mutation import named as named_mutants

    started = time.monotonic()
    named = named_mutants.run_all(args.jobs, quick=args.quick) if not args.patterns else None
    named_seconds = time.monotonic() - started
    if args.quick:
        if not args.report_only:
            run_mutmut(QUICK, args.jobs, QUICK_TESTS)
        return 0 if write_report(QUICK_REPORT, {"quick subset": QUICK}, named, named_seconds) else 1
    if not args.report_only:
        if not args.patterns:
            # The whole run from a fresh copy: mutmut copies the code and tests once and keeps them, so a copy
            # from an earlier run can be older than the tests it runs.
            shutil.rmtree(MUTANTS, ignore_errors=True)
        run_mutmut(args.patterns or [p for ps in TARGETS.values() for p in ps], args.jobs)
    return 0 if write_report(REPORT, TARGETS, named, named_seconds) else 1


if __name__ == "__main__":
    sys.exit(main())
