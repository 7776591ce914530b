"""What we computed beside what the sources give (dashboard/evidence/computed.py), as the panel's tables show it."""

from __future__ import annotations

import html
import re

import pytest

from dashboard.corpus.model import Border, MilitarySite
from dashboard.evidence.computed import border_length_html, site_distance_html
from dashboard.map.geo import load_borders
from tests.conftest import ROOT


def rows(table: str) -> list[list[str]]:
    body = table.split("<tbody>", 1)[1]
    return [[html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", tr)] for tr in body.split("<tr>")[1:]]


@pytest.fixture(scope="module")
def borders():
    return load_borders(ROOT / "geodata")


def test_a_sites_distance_is_ours_with_its_method_and_the_articles_give_none(corpus):
    site = next(r for r in corpus.records if isinstance(r, MilitarySite))
    table = site_distance_html(site, 1234.4)
    assert "<caption>Distance to the Afghan border</caption>" in table
    ours, articles = rows(table)
    assert ours[:2] == ["1,234 km", "computed from our geodata"] and "geodesic" in ours[2]
    assert articles == ["—", "the articles", "none of the five articles gives this distance"]


def test_a_marker_at_a_city_says_the_distance_is_approximate(corpus):
    site = next(r for r in corpus.records if isinstance(r, MilitarySite))
    at_city = site.model_copy(update={"location": site.location.model_copy(update={"place": "Dushanbe (city)"})})
    assert "so the distance is approximate" in html.unescape(site_distance_html(at_city, 10.0))


def test_a_borders_length_is_ours_beside_the_articles_and_the_references(corpus, borders):
    border = corpus.by_id["border-tj-af"]
    found = rows(border_length_html(border, borders, corpus))
    assert found[0][0].endswith(" km") and found[0][1] == "computed from our geodata"
    assert {r[2] for r in found} >= {"the article's words", "public reference"}
    assert {"1,300 km", "1,357 km"} <= {r[0] for r in found}


def test_a_border_the_geodata_lacks_has_no_table(corpus, borders):
    border = next(r for r in corpus.records if isinstance(r, Border))
    assert border_length_html(border.model_copy(update={"geodata_id": "no-such-line"}), borders, corpus) is None
