"""The benchmark's quick mode (CI's smoke test) leaves the tracked files as they are."""

from __future__ import annotations

import pytest

from bench import lighthouse as lighthouse_part
from bench import run
from bench.common import CACHE
from bench.run import RESULTS, results_target
from bench.scale import plot_target
from tests.conftest import ROOT


def test_bench_cache_is_ignored_by_git():
    assert "bench/.cache/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_a_quick_run_writes_its_table_and_plot_in_the_ignored_cache():
    assert results_target(quick=True).parent == CACHE
    assert plot_target(quick=True).parent == CACHE


def test_a_full_run_appends_to_the_tracked_results():
    assert results_target(quick=False) == RESULTS == ROOT / "bench" / "RESULTS.md"


def test_a_generated_corpus_passes_the_validator(tmp_path):
    # bench-quick (CI) loads a generated corpus: it must pass the same checks as annotations.yaml.
    from collections import Counter

    from bench.generate import write
    from dashboard.corpus.load import load_corpus

    real = load_corpus()
    corpus = load_corpus(write(len(real.records) + 300, tmp_path / "corpus.yaml"))
    assert len(corpus.records) == len(real.records) + 300
    clones = Counter(r.kind for r in corpus.records if "[synthetic " in r.title)
    assert sum(clones.values()) == 300
    assert set(clones) == {"visit_stop", "military_site", "border", "figure", "event", "disagreement"}


def _story_result(link_real, link_floor, step, floor, remounted=0, opened="4"):
    return {"link": {"real_median_ms": link_real, "floor_median_ms": link_floor, "opened_on": [opened]},
            "change": {"real_median_ms": step, "real_p95_ms": step, "map_ms": [step / 2], "words_ms": [step],
                       "floor_median_ms": floor, "remounted": remounted, "errors": []},
            "motion": {"ms": [1250.0], "median_ms": 1250.0, "remounted": 0},
            "settings": {"warm_loads": 7, "changes": 16, "steps": 9, "link_step": 4}}


def test_the_story_rows_hold_the_story_to_the_issues_goals():
    # Issue 14: a ?story=N link painted within 1.3x the floor app, a step change within 1.5x its selectbox change,
    # the map never remounted, and the link opens on its step.
    from bench.run import FAIL, MISS, PASS, story_rows

    def results(rows):
        return [r["result"] for r in rows if r["result"] in (PASS, MISS, FAIL)]

    assert results(story_rows(_story_result(1300, 1000, 150, 100))) == [PASS] * 5
    assert results(story_rows(_story_result(1310, 1000, 151, 100))) == [MISS, PASS, MISS, PASS, PASS]
    assert results(story_rows(_story_result(1000, 1000, 100, 100, remounted=1, opened="1")))[1::2] == [FAIL, FAIL]


def _report(**missing):
    audits = {name: {"numericValue": 1.0} for name in lighthouse_part.METRICS.values()}
    audits["cumulative-layout-shift"]["details"] = {"items": [{"cumulativeLayoutShiftMainFrame": 0.5}]}
    for name, why in missing.items():
        audits[name.replace("_", "-")] = {"errorMessage": why}
    return {"audits": audits, "categories": {"performance": {"score": 0.9}}}


def test_a_lighthouse_report_is_read_into_its_numbers():
    m = lighthouse_part.measures("u", _report())
    assert m == {"score": 0.9, "cls": 1.0, "tbt_ms": 1.0, "lcp_ms": 1.0, "fcp_ms": 1.0, "bytes": 1.0, "cls_main": 0.5}


def test_a_layout_shift_lighthouse_could_not_measure_is_an_error_with_its_reason():
    with pytest.raises(lighthouse_part.LighthouseError, match="cumulative-layout-shift: trace unreadable"):
        lighthouse_part.measures("u", _report(cumulative_layout_shift="trace unreadable"))


NO_TTI = ("Your page took too long to load. Please follow the opportunities in the report to reduce your page load "
          "time, and then try re-running Lighthouse. (NO_TTI_CPU_IDLE_PERIOD)")


def _charts_report():
    # The charts page, as Lighthouse 12.2.3 reported it: its main thread never quiet for five seconds, so no
    # blocking time and no score, while its layout shift was measured.
    report = _report(total_blocking_time=NO_TTI)
    report["categories"]["performance"]["score"] = None
    return report


def test_a_page_without_a_blocking_time_keeps_its_layout_shift_and_says_why():
    m = lighthouse_part.measures("u", _charts_report())
    assert (m["cls"], m["lcp_ms"], m["tbt_ms"], m["score"]) == (1.0, 1.0, None, None)
    assert m["unmeasured"] == {"score": "Lighthouse gave no score", "tbt_ms": "NO_TTI_CPU_IDLE_PERIOD"}
    line = lighthouse_part.summary_line(lighthouse_part._medians([m]))
    assert line.startswith("score no value (Lighthouse gave no score), CLS 1.000 (page's own frame 0.500), "
                           "TBT no value (NO_TTI_CPU_IDLE_PERIOD), LCP 1 ms, ")


def test_the_medians_are_of_the_runs_that_measured_each_number():
    measured = lighthouse_part.measures("u", _report()) | {"tbt_ms": 30.0}
    unmeasured = lighthouse_part.measures("u", _charts_report())
    m = lighthouse_part._medians([unmeasured, measured, unmeasured | {"cls": 0.2}])
    assert (m["runs"], m["tbt_ms"], m["cls"], m["score"]) == (3, 30.0, 1.0, 0.9)
    assert m["unmeasured"] == {"score": "Lighthouse gave no score", "tbt_ms": "NO_TTI_CPU_IDLE_PERIOD"}
    none = lighthouse_part._medians([unmeasured])
    assert none["tbt_ms"] is None and "unmeasured" in none


def test_the_charts_page_is_judged_on_its_layout_shift_and_the_map_page_misses_without_a_blocking_time():
    floor = {"score": 1.0, "cls": 0.0, "tbt_ms": 0.0, "lcp_ms": 900.0, "fcp_ms": 1.0, "bytes": 1.0, "cls_main": 0.0,
             "runs": 3}
    page = {"score": None, "cls": 0.05, "tbt_ms": None, "lcp_ms": 1000.0, "fcp_ms": 1.0, "bytes": 1.0,
            "cls_main": 0.05, "runs": 3, "unmeasured": {"tbt_ms": "NO_TTI_CPU_IDLE_PERIOD"}}
    rows = run.lighthouse_rows({"floor": {"desktop": floor}, "app": {"charts": {"desktop": page},
                                                                     "map": {"desktop": page}}}, quick=False)
    charts, map_page = rows[1], rows[2]
    assert (charts["goal"], charts["result"]) == ("CLS ≤ 0.1", run.PASS)
    assert "TBT no value (NO_TTI_CPU_IDLE_PERIOD)" in charts["actual"] and "LCP 1.11× the floor's" in charts["actual"]
    assert map_page["result"] == run.MISS
    assert run.lighthouse_rows({"floor": {"desktop": floor}, "app": {"charts": {"desktop": page | {"cls": 0.11}}}},
                               quick=False)[1]["result"] == run.MISS


def test_a_failed_run_is_counted_and_the_others_kept(monkeypatch):
    results = iter([lighthouse_part.LighthouseError("no trace"), {"score": 1.0, "cls": 0.0, "tbt_ms": 10.0,
                    "lcp_ms": 900.0, "fcp_ms": 500.0, "bytes": 2048.0, "cls_main": 0.0}])

    def fake(url, mobile):
        got = next(results)
        if isinstance(got, Exception):
            raise got
        return got

    monkeypatch.setattr(lighthouse_part, "audit", fake)
    m = lighthouse_part.audits_of("u", False, 2)
    assert (m["runs"], m["failed"], m["error"], m["tbt_ms"]) == (1, 1, "no trace", 10.0)
    assert lighthouse_part.summary_line(m).endswith("(1 of 2 runs failed: no trace)")


def test_a_page_no_run_measured_is_a_failed_row_not_a_stop():
    floor = {"score": 1.0, "cls": 0.0, "tbt_ms": 0.0, "lcp_ms": 900.0, "fcp_ms": 1.0, "bytes": 1.0, "cls_main": 0.0,
             "runs": 3}
    rows = run.lighthouse_rows({"floor": {"desktop": floor}, "app": {"charts": {"desktop": {
        "runs": 0, "failed": 3, "error": "no trace"}}}}, quick=False)
    assert rows[-1]["actual"] == "not measured (3 runs failed): no trace" and rows[-1]["result"] != run.INFO


def test_a_report_without_a_score_keeps_its_numbers_and_says_why():
    report = _report()
    report["categories"]["performance"]["score"] = None
    report["runtimeError"] = {"message": "Something went wrong (PAGE_HUNG)"}
    m = lighthouse_part.measures("u", report)
    assert m["score"] is None and m["unmeasured"] == {"score": "PAGE_HUNG"} and m["cls"] == 1.0
