"""Our own front-end files on the page: light components (st.components.v2, no iframe) and escaped HTML with
its stylesheet, both from dashboard/static/app/ (read by dashboard.frontend)."""

from __future__ import annotations

import streamlit as st

from dashboard.frontend import read_static, read_style


def light_component(name: str, stem: str):
    """An st.components.v2 component from our own static/app/<stem>.js and .css (no iframe)."""
    return st.components.v2.component(f"dashboard.{name}", css=read_style(f"{stem}.css"), js=read_static(f"{stem}.js"))


def st_html(body: str, css: str | None = None) -> None:
    """Our own escaped HTML (built by a pure module), with its stylesheet from static/app/<css>.css."""
    style = f"<style>{read_style(f'{css}.css')}</style>" if css else ""
    st.html(style + body)
