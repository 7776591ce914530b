from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture
def app(monkeypatch):
    """A fresh AppTest of the real entry point; call .run() after setting query params."""
    monkeypatch.delenv("DASHBOARD_ANNOTATIONS", raising=False)
    monkeypatch.delenv("DASHBOARD_GEODATA", raising=False)
    return AppTest.from_file(APP, default_timeout=60)
