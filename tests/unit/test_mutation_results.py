"""The mutation report reads every mutated module's results, wherever the module sits under dashboard/."""

from __future__ import annotations

import json

from mutation import run


def test_results_come_from_modules_in_subpackages_too(tmp_path, monkeypatch):
    # Since issue 26 the modules sit in subpackages (dashboard/query/filters.py): a glob of dashboard/*.py.meta
    # saw none of them, and every mutant was reported "not checked".
    for rel, codes in (("dashboard/escape.py.meta", {"dashboard.escape.x_markdown__mutmut_1": 1}),
                       ("dashboard/query/filters.py.meta", {"dashboard.query.filters.x_select__mutmut_1": 0})):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(json.dumps({"exit_code_by_key": codes}), encoding="utf-8")
    monkeypatch.setattr(run, "MUTANTS", tmp_path)
    assert run.results() == {"dashboard.escape.x_markdown__mutmut_1": 1, "dashboard.query.filters.x_select__mutmut_1": 0}


def test_a_run_counts_only_what_it_checked_itself(tmp_path, monkeypatch):
    # A run whose clean test run failed in mutmut's stale copy checked nothing, and the report was written from
    # the verdicts of earlier runs: the targets' kept verdicts are cleared before a run, the others kept.
    meta = tmp_path / "dashboard/query/link.py.meta"
    meta.parent.mkdir(parents=True)
    meta.write_text(json.dumps({"exit_code_by_key": {"dashboard.query.link.x_decode__mutmut_1": 1,
                                                     "dashboard.query.link.x_decode__mutmut_2": None,
                                                     "dashboard.query.link.x_encode__mutmut_1": 0},
                                "other": "kept"}), encoding="utf-8")
    monkeypatch.setattr(run, "MUTANTS", tmp_path)
    assert run.forget(["dashboard.query.link.x_decode__mutmut_*"]) == 1
    assert run.results() == {"dashboard.query.link.x_decode__mutmut_1": None, "dashboard.query.link.x_decode__mutmut_2": None,
                             "dashboard.query.link.x_encode__mutmut_1": 0}
    assert json.loads(meta.read_text(encoding="utf-8"))["other"] == "kept"


def test_the_quick_run_keeps_only_its_own_tests_of_the_fast_set():
    # CI's quick run spent 6 of its 7 minutes in mutmut's two runs of every fast test: it now runs only those
    # written for its functions, each of which exists (a renamed file would silently leave the run no test).
    ignored = {opt.removeprefix("--ignore=") for opt in run.left_out(run.QUICK_TESTS)}
    fast = {str(p.relative_to(run.ROOT)) for d in ("tests/unit", "tests/app") for p in (run.ROOT / d).glob("test_*.py")}
    assert set(run.QUICK_TESTS) <= fast
    assert ignored == fast - set(run.QUICK_TESTS)
    assert "tests/app/test_story.py" in ignored and "tests/unit/test_filters.py" not in ignored
