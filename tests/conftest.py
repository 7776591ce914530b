from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.corpus.load import load_corpus
from dashboard.corpus.records import Corpus

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus()


def pytest_sessionfinish(session, exitstatus):
    """Under CI (CI=true) nothing skips: a skipped test fails the run, whatever skipped it (tests/ci.py)."""
    from tests.ci import IN_CI

    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if IN_CI and skipped and session.exitstatus == 0:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; nothing may skip under CI=true", red=True)
        session.exitstatus = 1
