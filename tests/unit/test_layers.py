"""Layer builders without a server: feature counts, styles per status, and escaping."""

from __future__ import annotations

import datetime as dt

import folium
import pytest
from streamlit_folium import _get_feature_group_string

from dashboard.corpus import DEFAULT_GEODATA
from dashboard.filters import FilterState, apply_filter
from dashboard.geo import load_borders
from dashboard.layers import (
    MEMBERSHIP_STYLE,
    SITE_STYLE,
    build_border_layer,
    build_membership_layer,
    build_route_layer,
    build_sites_layer,
    esc,
    membership_status,
    record_id_from_tooltip,
    route_legs,
)
from dashboard.model import Border, Excerpt, Membership, MilitarySite, VisitStop


def of(corpus, cls):
    return [r for r in apply_filter(corpus.records, FilterState()) if isinstance(r, cls)]


def js(group) -> str:
    return _get_feature_group_string(group, folium.Map(), 0)


def test_route_goes_from_moscow_through_the_stops_and_back(corpus):
    legs = route_legs(of(corpus, VisitStop))
    assert [(leg.start.city, leg.end.city) for leg in legs] == [
        ("Moscow", "Almaty"), ("Almaty", "Dushanbe"), ("Dushanbe", "Bishkek"), ("Bishkek", "Moscow")]
    # Geodesic lengths on WGS84; Moscow–Almaty is about 3,100 km great-circle.
    assert 3000 < legs[0].km < 3200
    assert 800 < legs[1].km < 900  # Almaty–Dushanbe
    assert all(leg.km > 0 for leg in legs)


def test_route_layer_counts(corpus):
    group = build_route_layer(of(corpus, VisitStop), corpus)
    children = list(group._children.values())
    lines = [c for c in children if isinstance(c, folium.PolyLine)]
    markers = [c for c in children if isinstance(c, folium.Marker)]
    assert len(lines) == 4 + 1  # four legs and the phone call
    assert len(markers) == 4 + 1 + 3 + 2  # a km label per leg, origin, three stops, two not made


@pytest.mark.parametrize("status", list(SITE_STYLE))
def test_every_site_status_has_its_own_colour_and_shape(status):
    others = [s for k, s in SITE_STYLE.items() if k != status]
    assert all((SITE_STYLE[status]["color"], SITE_STYLE[status]["shape"]) != (o["color"], o["shape"]) for o in others)


def test_sites_are_styled_by_status(corpus):
    sites = of(corpus, MilitarySite)
    text = js(build_sites_layer(sites, corpus))
    for site in sites:
        assert SITE_STYLE[site.status]["color"] in text
    assert {s.status for s in sites} == {"active", "proposed", "withdrawal_offered"}


def test_membership_styles_differ_by_status():
    fills = {(s["fillColor"], s["dashArray"]) for s in MEMBERSHIP_STYLE.values()}
    assert len(fills) == len(MEMBERSHIP_STYLE)


def test_csto_on_the_tour_date(corpus):
    status = membership_status(of(corpus, Membership), "org-csto", dt.date(2017, 2, 27))
    assert {c for c, r in status.items() if r.status.value == "member"} == {"RU", "KZ", "KG", "TJ", "AM", "BY"}
    assert status["UZ"].status.value == "former"


def test_uzbekistan_was_a_csto_member_in_2008(corpus):
    everything = [r for r in corpus.records if isinstance(r, Membership)]
    status = membership_status(everything, "org-csto", dt.date(2008, 1, 1))
    assert status["UZ"].status.value == "member"


def test_border_layer_draws_the_tajik_afghan_line(corpus):
    borders = of(corpus, Border)
    text = js(build_border_layer(borders, load_borders(DEFAULT_GEODATA), corpus))
    assert "The Tajik–Afghan border" in text and "geodesic" in text


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
    out = js(build_sites_layer([evil], corpus))
    assert "<script>" not in out
    assert "${" not in out and "`$" not in out
    assert " onmouseover=\"" not in out
    assert "49 jinja" not in out and "{{" not in out
    assert esc(text) in out or text.isprintable() and not any(c in text for c in "<>\"`$\\")


def test_cyrillic_and_typographic_quotes_survive_escaping():
    assert esc("Назарбаев’s “partner”") == "Назарбаев’s “partner”"


def test_membership_tooltip_payload_cannot_close_the_script(corpus):
    records = of(corpus, Membership)
    status = membership_status(records, "org-csto", dt.date(2017, 2, 27))
    group = build_membership_layer(status, "CSTO</script><script>alert(1)", corpus, dt.date(2017, 2, 27))
    out = js(group)
    assert "</script>" not in out


def test_clicked_tooltips_lead_back_to_their_record():
    assert record_id_from_tooltip("Kant air base status: active ref: site-kant") == "site-kant"
    assert record_id_from_tooltip("Tajikistan") is None
    assert record_id_from_tooltip(None) is None


def test_disputed_records_are_flagged_on_the_map(corpus):
    text = js(build_sites_layer(of(corpus, MilitarySite), corpus))
    assert "sources disagree" in text and "site flagged" in text
    stops = js(build_route_layer(of(corpus, VisitStop), corpus))
    assert "stop stop-made flagged" in stops  # the Dushanbe date


def test_a_huge_layer_is_drawn_as_bounded_grid_counts(corpus):
    site = of(corpus, MilitarySite)[0]
    many = [site.model_copy(update={"id": f"site-{i}", "location": site.location.model_copy(
        update={"lat": 38 + (i % 40) * 0.1, "lon": 68 + (i // 40) * 0.1})}) for i in range(2000)]
    from dashboard.layers import MAX_MARKERS, build_layer

    group = build_layer("sites", many, corpus, None, "org-csto", dt.date(2017, 2, 27))
    circles = [c for c in group._children.values() if isinstance(c, folium.CircleMarker)]
    assert 0 < len(circles) < MAX_MARKERS
    tips = [child.text for c in circles for child in c._children.values() if isinstance(child, folium.Tooltip)]
    assert sum(int(t.split("<b>")[1].split(" ")[0]) for t in tips) == 2000


def test_a_border_is_drawn_once_however_many_records_discuss_it(corpus):
    border = of(corpus, Border)[0]
    copies = [border.model_copy(update={"id": f"border-{i}"}) for i in range(50)]
    one = js(build_border_layer([border], load_borders(DEFAULT_GEODATA), corpus))
    fifty = js(build_border_layer(copies, load_borders(DEFAULT_GEODATA), corpus))
    assert abs(len(fifty) - len(one)) < 200
