"""A table (st.dataframe) that holds its room from the first paint, its column headers in the language spoken.

Streamlit loads the table's code lazily and draws a 40 px placeholder until it has; with its default height
("auto") the table then grows to its rows and pushes everything under it down (issue 27: 0.09 of layout shift on
the Data page). Given a height in pixels, the placeholder takes it at once. `auto_height` is that height, the
one Streamlit's "auto" gives (measured on Streamlit 1.67 with its default row height: 72 px for none or one
row, then 35 px a row, at most 400 px, where the table scrolls).

A row's keys stay English (what the code and the tests read: `table["ref"]`); the header a reader sees is the key's
word in HEADERS, translated when read (a column's label in column_config; a caller's own label wins).
"""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import N_, Words

ROW_PX = 35  # Streamlit's default row height, the header's too
BORDER_PX = 2
MAX_PX = 400  # "auto" shows at most ten rows and a half

# Every column a table of the app shows, by its key: the Data page's records and excerpts, the About page's
# articles, the map's features (map/feature_table.py) and a broken corpus's problems (ui/notices.py).
HEADERS = Words({
    "ref": N_("ref"), "id": N_("id"), "kind": N_("kind"), "title": N_("title"), "date": N_("date"),
    "status": N_("status"), "countries": N_("countries"), "groupings": N_("groupings"), "excerpts": N_("excerpts"),
    "references": N_("references"), "sources disagree": N_("sources disagree"), "record": N_("record"),
    "source": N_("source"), "quote": N_("quote"), "characters": N_("characters"), "link": N_("link"),
    "outlet": N_("outlet"), "author": N_("author"), "published": N_("published"), "url": N_("url"),
    "layer": N_("layer"), "feature": N_("feature"), "detail": N_("detail"),
    "file": N_("file"), "line": N_("line"), "field": N_("field"), "problem": N_("problem"),
})


def auto_height(rows: int) -> int:
    """The height in px that Streamlit's height="auto" gives a table of `rows` rows (0 or more)."""
    return min(MAX_PX, ROW_PX * (max(rows, 1) + 1) + BORDER_PX)


def headers(rows: list[dict]) -> dict[str, str]:
    """Each of the rows' keys that HEADERS names and whose word in the language spoken is not the key itself
    (in English none: the key is the header)."""
    keys = dict.fromkeys(key for row in rows for key in row)
    return {key: HEADERS[key] for key in keys if key in HEADERS and HEADERS[key] != key}


def st_table(rows: list[dict], column_config: dict | None = None, **kwargs) -> None:
    """st.dataframe of `rows` (a list of dicts), its index hidden, the width of its column, its height fixed, its
    headers in the language spoken."""
    config = {key: st.column_config.Column(label) for key, label in headers(rows).items()} | (column_config or {})
    st.dataframe(rows, hide_index=True, width="stretch", height=auto_height(len(rows)),
                 column_config=config or None, **kwargs)
