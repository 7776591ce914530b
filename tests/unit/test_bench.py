"""The benchmark's quick mode (CI's smoke test) leaves the tracked files as they are."""

from __future__ import annotations

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
