"""The committed JSON Schema is the one the models generate (run `make schema` after a model change)."""

from __future__ import annotations

import json
from pathlib import Path

from dashboard.corpus.schema import make_schema

ROOT = Path(__file__).resolve().parents[2]


def test_committed_schema_is_up_to_date():
    assert json.loads((ROOT / "annotations.schema.json").read_text()) == make_schema()


def test_annotations_file_points_editors_at_the_schema():
    first = (ROOT / "annotations.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=annotations.schema.json"
