"""Our own front-end files on the page: light components (st.components.v2, no iframe) and escaped HTML with
its stylesheet, both from dashboard/static/app/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

_STATIC_APP = Path(__file__).resolve().parents[1] / "static" / "app"


def light_component(name: str, stem: str):
    """An st.components.v2 component from our own static/app/<stem>.js and .css (no iframe)."""
    return st.components.v2.component(
        f"dashboard.{name}",
        css=(_STATIC_APP / f"{stem}.css").read_text(encoding="utf-8"),
        js=(_STATIC_APP / f"{stem}.js").read_text(encoding="utf-8"),
    )


def st_html(body: str, css: str | None = None) -> None:
    """Our own escaped HTML (built by a pure module), with its stylesheet from static/app/<css>.css."""
    style = f"<style>{(_STATIC_APP / f'{css}.css').read_text(encoding='utf-8')}</style>" if css else ""
    st.html(style + body)
