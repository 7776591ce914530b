"""The time strip under the map (static/app/time-strip.js, data from dashboard/map/time_strip.py)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard.corpus.model import Annotation
from dashboard.corpus.records import Corpus
from dashboard.map.time_strip import strip_data
from dashboard.query.filters import RANGE_START, FilterState
from dashboard.ui.components import light_component

# The strip's room, held from the first paint (as the map's is, mapframe.st_map_room): the component is drawn
# 0 px, then Streamlit's placeholder, then its own height, and what is under the map would move each time.
STRIP_HEIGHT = 244  # px
STRIP_KEY = "time_strip"
TIME_STRIP_COMPONENT = light_component("time_strip", "time-strip")  # the map page's strip, and the story's


def narrows(filters: FilterState) -> bool:
    """Whether the filters leave out some memberships on every day (not only by their day or the records' dates)."""
    return any(f not in ("as_of", "dates") for f in filters.active_facets())


def st_time_strip(corpus: Corpus, records: list[Annotation], shade: str, filters: FilterState, today: dt.date,
                  shaded: bool) -> None:
    """The strip for the filters' day, from 1991 to the reader's `today`, with the changes of `shade` among
    `records` (the memberships of every day the filters keep) and the tour's days, and the brush of the filters'
    dated records; `shaded`: the members layer is on."""
    data = strip_data(records, shade, corpus, filters.as_of, RANGE_START, today, shaded,
                      (filters.date_from, filters.date_to), narrows(filters))
    with st.container(height=STRIP_HEIGHT, border=False, key="time-strip-room"):
        TIME_STRIP_COMPONENT(key=STRIP_KEY, data=data)
