"""The articles are the shared ones, unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "seeds"


def test_five_articles_are_listed(corpus):
    assert len(corpus.sources) == 5
    assert sorted(s.file for s in corpus.sources.values()) == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/seeds is not beside this clone")
def test_seeds_are_byte_identical_to_shared():
    for path in sorted(SHARED.glob("*.txt")):
        assert (ROOT / "seeds" / path.name).read_bytes() == path.read_bytes(), path.name


def test_fields_the_text_does_not_give_are_null(corpus):
    untitled = corpus.sources["cement-2017"]
    assert untitled.title is None and untitled.author is None and untitled.published is None
