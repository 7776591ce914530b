"""The articles are unchanged: each file's bytes have the sha256 that seeds/sources.yaml records."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def _listed() -> list[dict]:
    return yaml.safe_load((SEEDS / "sources.yaml").read_text(encoding="utf-8"))["sources"]


def test_five_articles_are_listed(corpus):
    assert len(corpus.sources) == 5
    assert sorted(s.file for s in corpus.sources.values()) == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_every_article_file_has_the_hash_recorded_for_it():
    listed = _listed()
    assert sorted(s["file"] for s in listed) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for source in listed:
        assert hashlib.sha256((SEEDS / source["file"]).read_bytes()).hexdigest() == source["sha256"], source["file"]


def test_fields_the_text_does_not_give_are_null(corpus):
    untitled = corpus.sources["cement-2017"]
    assert untitled.title is None and untitled.author is None and untitled.published is None
