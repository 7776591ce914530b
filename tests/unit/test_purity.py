"""Pure modules never import streamlit, so they can be tested without a server."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
PURE = ["model", "corpus", "geo", "filters", "layers", "charts", "state", "selection", "codes", "validate",
        "schema", "assets", "export", "reader", "panel", "story", "story_html", "minimap", "evidence", "licences",
        "snapshot", "briefing", "briefing_png"]


@pytest.mark.parametrize("module", PURE)
def test_pure_module_does_not_import_streamlit(module):
    path = DASHBOARD / f"{module}.py"
    if not path.exists():
        pytest.fail(f"{path} is missing")
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
            if node.module == "dashboard":
                names.update(f"dashboard.{a.name}" for a in node.names)
    assert "streamlit" not in names and "streamlit_folium" not in names
    assert not {"dashboard.cached", "dashboard.ui"} & names
