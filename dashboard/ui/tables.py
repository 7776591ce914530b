"""A table (st.dataframe) that holds its room from the first paint.

Streamlit loads the table's code lazily and draws a 40 px placeholder until it has; with its default height
("auto") the table then grows to its rows and pushes everything under it down (issue 27: 0.09 of layout shift on
the Data page). Given a height in pixels, the placeholder takes it at once. `auto_height` is that height, the
one Streamlit's "auto" gives (measured on Streamlit 1.67 with its default row height: 72 px for none or one
row, then 35 px a row, at most 400 px, where the table scrolls).
"""

from __future__ import annotations

import streamlit as st

ROW_PX = 35  # Streamlit's default row height, the header's too
BORDER_PX = 2
MAX_PX = 400  # "auto" shows at most ten rows and a half


def auto_height(rows: int) -> int:
    """The height in px that Streamlit's height="auto" gives a table of `rows` rows (0 or more)."""
    return min(MAX_PX, ROW_PX * (max(rows, 1) + 1) + BORDER_PX)


def st_table(rows: list[dict], **kwargs) -> None:
    """st.dataframe of `rows` (a list of dicts), its index hidden, the width of its column, its height fixed."""
    st.dataframe(rows, hide_index=True, width="stretch", height=auto_height(len(rows)), **kwargs)
