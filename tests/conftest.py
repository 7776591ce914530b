from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.corpus import Corpus, load_corpus

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus()
