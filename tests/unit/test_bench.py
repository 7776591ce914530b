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


def test_a_generated_corpus_passes_the_validator(tmp_path):
    # bench-quick (CI) loads a generated corpus: it must pass the same checks as annotations.yaml.
    from collections import Counter

    from bench.generate import write
    from dashboard.corpus import load_corpus

    real = load_corpus()
    corpus = load_corpus(write(len(real.records) + 300, tmp_path / "corpus.yaml"))
    assert len(corpus.records) == len(real.records) + 300
    clones = Counter(r.kind for r in corpus.records if "[synthetic " in r.title)
    assert sum(clones.values()) == 300
    assert set(clones) == {"visit_stop", "military_site", "border", "figure", "event", "disagreement"}
