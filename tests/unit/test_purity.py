"""Pure modules never import streamlit, so they can be tested without a server.

The rule follows the layout: every module under dashboard/ is pure except app.py, serve.py and stale_reruns.py (the
server; the latter reads Streamlit's messages), views/ and ui/, so a new module is checked as soon as it exists.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
STREAMLIT_ROOMS = {"app.py", "serve.py", "stale_reruns.py", "views", "ui"}
PURE = sorted(
    str(path.relative_to(DASHBOARD)) for path in DASHBOARD.rglob("*.py")
    if path.relative_to(DASHBOARD).parts[0] not in STREAMLIT_ROOMS
)


def imported_names(path: Path) -> set[str]:
    """Top-level packages and dashboard modules a file imports."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
            names.update(a.name for a in node.names if a.name.startswith("dashboard."))
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
            if node.module.startswith("dashboard"):
                names.add(node.module)
                names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def test_the_rule_covers_every_room():
    # A sanity check on the walk itself: the pure rooms are all seen, the Streamlit ones are not.
    rooms = {Path(p).parts[0] for p in PURE}
    assert {"corpus", "query", "map", "charts", "evidence", "story", "downloads", "validate.py"} <= rooms
    assert not rooms & STREAMLIT_ROOMS


@pytest.mark.parametrize("module", PURE)
def test_pure_module_does_not_import_streamlit(module):
    names = imported_names(DASHBOARD / module)
    assert not {"streamlit", "streamlit_folium"} & names
    assert not {n for n in names if n == "dashboard.ui" or n.startswith(("dashboard.ui.", "dashboard.views"))}


def test_the_check_sees_a_streamlit_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from dashboard.ui import cached\nimport streamlit as st\n")
    assert {"streamlit", "dashboard.ui", "dashboard.ui.cached"} <= imported_names(bad)
