"""Layer builders without a server: marks per layer, styles per status, escaping, bounded size."""

from __future__ import annotations

import ast
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from dashboard import escape
from dashboard.corpus.load import DEFAULT_GEODATA
from dashboard.corpus.memberships import membership_status
from dashboard.corpus.model import Border, Excerpt, Membership, MilitarySite, VisitStop
from dashboard.map.geo import load_borders
from dashboard.map.leaflet import build_layer_js, layer_js
from dashboard.map.marks import (
    MAX_MARKERS,
    border_lines,
    border_marks,
    layer_marks,
    membership_payload,
    record_id_from_tooltip,
    route_legs,
    route_marks,
    site_marks,
)
from dashboard.map.style import MEMBERSHIP_STYLE, SITE_STYLE
from dashboard.query.filters import FilterState, apply_filter
from tests.ci import need

TOUR = dt.date(2017, 2, 27)


def of(corpus, cls):
    return [r for r in apply_filter(corpus.records, FilterState()) if isinstance(r, cls)]


@pytest.fixture(scope="module")
def borders():
    return load_borders(DEFAULT_GEODATA)


def test_route_goes_from_moscow_through_the_stops_and_back(corpus):
    legs = route_legs(of(corpus, VisitStop))
    assert [(leg.start.city, leg.end.city) for leg in legs] == [
        ("Moscow", "Almaty"), ("Almaty", "Dushanbe"), ("Dushanbe", "Bishkek"), ("Bishkek", "Moscow")]
    # Geodesic lengths on WGS84; Moscow–Almaty is about 3,100 km great-circle.
    assert 3000 < legs[0].km < 3200
    assert 800 < legs[1].km < 900  # Almaty–Dushanbe


def test_route_layer_counts(corpus):
    marks = route_marks(of(corpus, VisitStop), corpus)
    lines = [m for m in marks if m.shape == "line"]
    markers = [m for m in marks if m.shape == "marker"]
    assert len(lines) == 4 + 1  # four legs and the phone call
    assert len(markers) == 4 + 1 + 3 + 2  # a km label per leg, origin, three stops, two not made
    assert sum("stop-made" in m.icon for m in markers) == 3


@pytest.mark.parametrize("status", list(SITE_STYLE))
def test_every_site_status_has_its_own_colour_and_shape(status):
    others = [s for k, s in SITE_STYLE.items() if k != status]
    assert all((SITE_STYLE[status]["color"], SITE_STYLE[status]["shape"]) != (o["color"], o["shape"]) for o in others)


def test_sites_are_styled_by_status(corpus):
    sites = of(corpus, MilitarySite)
    marks = site_marks(sites, corpus)
    for site, mark in zip(sites, marks):
        assert SITE_STYLE[site.status]["color"] in mark.icon
    assert {s.status for s in sites} == {"active", "proposed", "withdrawal_offered"}


def test_membership_styles_differ_by_status():
    fills = {(s["fillColor"], s["dashArray"]) for s in MEMBERSHIP_STYLE.values()}
    assert len(fills) == len(MEMBERSHIP_STYLE)


def test_csto_on_the_tour_date(corpus):
    status = membership_status(of(corpus, Membership), "org-csto", TOUR)
    assert {c for c, r in status.items() if r.status.value == "member"} == {"RU", "KZ", "KG", "TJ", "AM", "BY"}
    # Suspended by the CSTO on 19 Dec 2012 at its own request (issue 11, case 3); it was "former" here before.
    assert status["UZ"].status.value == "suspended"


def test_uzbekistan_was_a_csto_member_in_2008(corpus):
    everything = [r for r in corpus.records if isinstance(r, Membership)]
    status = membership_status(everything, "org-csto", dt.date(2008, 1, 1))
    assert status["UZ"].status.value == "member"


def test_border_layer_draws_the_tajik_afghan_line(corpus, borders):
    marks = border_marks(of(corpus, Border), borders, corpus)
    assert any("The Tajik–Afghan border" in (m.tooltip or "") and "geodesic" in m.tooltip for m in marks)


HOSTILE = [
    "<script>alert(1)</script>",
    "`${alert(1)}`",
    "Putin’s “key partner” — Назарбаев's",
    "\\u0041 \\x41 </script><script>",
    "\" onmouseover=\"alert(1)",
    "{{ 7*7 }} {% if 1 %}jinja{% endif %}",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_titles_and_quotes_are_escaped_in_tooltips_and_popups(corpus, text):
    site = of(corpus, MilitarySite)[0]
    evil = site.model_copy(update={"title": text, "personnel": text,
                                   "excerpts": [Excerpt(source="cement-2017", quote=text + " padding text")]})
    out = layer_js(site_marks([evil], corpus), "feature_group_feature_group_0")
    assert "<script>" not in out and "</script" not in out
    assert "${" not in out and "`" not in out
    assert " onmouseover=\"" not in out
    assert "{{" not in out
    mark = site_marks([evil], corpus)[0]
    assert escape.template(text) in mark.tooltip and escape.template(text) in mark.popup


def test_cyrillic_and_typographic_quotes_survive_escaping():
    assert escape.template("Назарбаев’s “partner”") == "Назарбаев’s “partner”"


def test_membership_tooltip_payload_cannot_close_the_script(corpus):
    status = membership_status(of(corpus, Membership), "org-csto", TOUR)
    payload = membership_payload(status, "CSTO</script><script>alert(1)", corpus, TOUR)
    out = layer_js([], "feature_group_feature_group_0", payload)
    assert "</script>" not in out


def test_layer_script_is_valid_javascript(corpus, borders, tmp_path):
    need(shutil.which("node") is not None, "node is not installed (apt-get install npm brings it)")
    for idx, kind in enumerate(("members", "border", "route", "sites")):
        js = build_layer_js(kind, f"feature_group_feature_group_{idx}", list(corpus.records), corpus,
                            borders, "org-csto", TOUR)
        path = tmp_path / f"{kind}.js"
        path.write_text(js)
        assert subprocess.run(["node", "--check", str(path)], capture_output=True).returncode == 0, kind


def test_clicked_tooltips_lead_back_to_their_record():
    assert record_id_from_tooltip("Kant air base status: active ref: site-kant") == "site-kant"
    assert record_id_from_tooltip("Tajikistan") is None
    assert record_id_from_tooltip(None) is None


def test_disputed_records_are_flagged_on_the_map(corpus):
    sites = site_marks(of(corpus, MilitarySite), corpus)
    assert any("sources disagree" in m.tooltip and "site flagged" in m.icon for m in sites)
    stops = route_marks(of(corpus, VisitStop), corpus)
    assert any(m.icon and "stop stop-made flagged" in m.icon for m in stops)  # the Dushanbe date


def test_a_huge_layer_is_drawn_as_bounded_grid_counts(corpus):
    site = of(corpus, MilitarySite)[0]
    many = [site.model_copy(update={"id": f"site-{i}", "location": site.location.model_copy(
        update={"lat": 38 + (i % 40) * 0.1, "lon": 68 + (i // 40) * 0.1})}) for i in range(2000)]
    circles = layer_marks("sites", many, corpus, None)
    assert 0 < len(circles) < MAX_MARKERS
    assert all(m.shape == "circle" for m in circles)
    assert sum(int(m.tooltip.split("<b>")[1].split(" ")[0]) for m in circles) == 2000


def test_a_border_is_drawn_once_however_many_records_discuss_it(corpus, borders):
    border = of(corpus, Border)[0]
    copies = [border.model_copy(update={"id": f"border-{i}"}) for i in range(50)]
    assert len(border_marks(copies, borders, corpus)) == len(border_marks([border], borders, corpus))



def test_a_border_with_two_records_is_named_by_the_first_on_the_map_and_in_the_mark_list(corpus, borders):
    # The mark list under the map (views/map.py) and the map's line name the same record: the first one.
    border = of(corpus, Border)[0]
    second = border.model_copy(update={"id": "border-second", "title": "A second record on the same border"})
    other = next(b for b in of(corpus, Border) if b.geodata_id != border.geodata_id)
    assert border_lines([border, other, second]) == [border, other]
    tips = " ".join(m.tooltip or "" for m in border_marks([border, second], borders, corpus))
    assert f"ref: {border.id}" in tips and "border-second" not in tips and "A second record" not in tips

def test_marks_travel_as_compact_json(corpus):
    marks = site_marks(of(corpus, MilitarySite), corpus)
    data = json.loads(json.dumps([m.to_json() for m in marks]))
    assert data[0][0] == "marker" and len(data[0][1][0]) == 2


def test_the_map_the_charts_the_png_and_the_small_maps_draw_with_one_palette():
    # One style module (dashboard/map/style.py): a colour changed there changes everywhere it is drawn, and
    # the charts get it without building a map.
    from dashboard.charts import figures
    from dashboard.downloads import image
    from dashboard.map import style
    from dashboard.story import minimap

    for module in (figures, image, minimap):
        assert module.PALETTE is style.PALETTE and module.MEMBERSHIP_STYLE is style.MEMBERSHIP_STYLE, module
    assert (style.SEA_COLOR, style.LAND_STYLE["fillColor"]) == (minimap.WATER, minimap.LAND)
    assert image.SEA_COLOR is style.SEA_COLOR and image.LAND_STYLE is style.LAND_STYLE
    imported = {node.module for node in ast.walk(ast.parse(Path(figures.__file__).read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom)}
    assert "dashboard.map.style" in imported and "dashboard.map.leaflet" not in imported
