"""A table's height is the one Streamlit's "auto" gives, so that its room is held from the first paint
(issue 27). The heights were measured in Chromium on Streamlit 1.67: a table of 0, 1, 3, 9, 10 and 11 rows."""

from __future__ import annotations

import pytest

from dashboard.ui.tables import auto_height


@pytest.mark.parametrize(("rows", "px"), [(0, 72), (1, 72), (3, 142), (9, 352), (10, 387), (11, 400), (202, 400)])
def test_the_height_is_streamlits_auto_height(rows, px):
    assert auto_height(rows) == px
