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
