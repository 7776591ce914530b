"""The legend, once (dashboard/map/legend.py): the map's, the briefing's and the PNG's rows are the same rows, and
each says what the map draws, in the map's own colours and dashes."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dashboard.downloads.image import build_map_png
from dashboard.downloads.snapshot import make_snapshot
from dashboard.map.geo import load_borders, load_countries
from dashboard.map.legend import legend_entries, legend_html
from dashboard.map.marks import layer_marks
from dashboard.map.style import LINE_STYLE
from dashboard.query import link as vs
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def geodata():
    return load_countries(ROOT / "geodata"), load_borders(ROOT / "geodata")


def _row_words(html: str) -> list[str]:
    # A row is its swatch (an element) and then its words.
    return [row.rsplit(">", 1)[-1] for row in re.findall(r'<div data-group="[^"]+" data-show="[^"]+">(.*?)</div>', html)]


def test_the_maps_legend_shows_every_row_meant_for_it_in_the_tables_order():
    html = legend_html()
    rows = [e for e in legend_entries() if "map" in e.where and e.swatch != "note"]
    assert _row_words(html) == [e.words for e in rows]
    assert re.findall(r'data-show="([^"]+)"', html) == [e.show for e in rows]


def test_every_line_row_is_a_line_the_map_draws_in_its_colour_and_dash(corpus, geodata):
    # The map's layout script and the PNG show a line's row by the line's class (marks.py), never by its colour.
    drawn = {}
    for kind in ("route", "border"):
        for mark in layer_marks(kind, list(corpus.records), corpus, geodata[1]):
            style = dict(mark.style)
            if "className" in style:
                drawn.setdefault(style["className"], style)
    lines = [e for e in legend_entries() if e.swatch == "line"]
    assert {e.show for e in lines} == set(drawn) == set(LINE_STYLE)
    for entry in lines:
        assert entry.color == drawn[entry.show]["color"]
        assert entry.dash == drawn[entry.show].get("dashArray")
    assert 'stroke-dasharray="8 5"' in legend_html()  # the flight back, dashed as on the map (was CSS "dashed")


def test_the_pngs_legend_is_the_same_rows_in_the_same_order(corpus, geodata):
    snap = make_snapshot(corpus, vs.ViewState(selected="stop-dushanbe"), made=dt.datetime(2026, 12, 6, tzinfo=dt.UTC))
    image = build_map_png(snap, *geodata)
    order = [e.words for e in legend_entries() if "image" in e.where]
    assert list(image.legend) == [words for words in order if words in image.legend]
    # Every row the map's legend may show that the default view draws, the PNG shows too.
    for words in ("stop, in order", "flight out, day and km", "flight back", "phone call",
                  "border the articles discuss", "not in the grouping", "selected"):
        assert words in image.legend
