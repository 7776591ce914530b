"""Our own front-end files on the page: light components (st.components.v2, no iframe) and escaped HTML with
its stylesheet, both from dashboard/static/app/ (read by dashboard.frontend)."""

from __future__ import annotations

import streamlit as st

from dashboard.frontend import read_static, read_style


def light_component(name: str, stem: str, css: str | None = None, isolate: bool = True):
    """An st.components.v2 component from our own static/app/<stem>.js and .css (no iframe); `css`: another
    stylesheet of static/app/ instead; not `isolate`: in the page's own DOM (no shadow root), where the page's
    tests, focus and hit-testing reach its content as they reach the page's."""
    return st.components.v2.component(f"dashboard.{name}", css=read_style(f"{css or stem}.css"),
                                      js=read_static(f"{stem}.js"), isolate_styles=isolate)


def st_html(body: str, css: str | None = None) -> None:
    """Our own escaped HTML (built by a pure module), with its stylesheet from static/app/<css>.css."""
    style = f"<style>{read_style(f'{css}.css')}</style>" if css else ""
    st.html(style + body)
