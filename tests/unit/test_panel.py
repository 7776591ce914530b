"""The filter panel's data and the changes it may send back (dashboard/panel.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import state as vs
from dashboard.filters import FilterState, select
from dashboard.panel import (
    FACETS,
    RANGE_KEY,
    Applied,
    PanelEventError,
    build_panel_data,
    parse_panel_event,
    pending_changes,
)

TODAY = dt.date(2026, 11, 22)


def test_every_facet_lists_its_options_with_the_records_each_leaves(corpus):
    data = build_panel_data(corpus, vs.ViewState(), TODAY)
    assert [f["key"] for f in data["facets"]] == [f.key for f in FACETS]
    countries = next(f for f in data["facets"] if f["key"] == vs.P_COUNTRY)
    tj = next(o for o in countries["options"] if o["value"] == "TJ")
    assert tj["name"] == "Tajikistan"
    assert tj["count"] == len(select(corpus, FilterState(countries=("TJ",))))


def test_chosen_values_and_dates_are_what_the_state_holds(corpus):
    state = FilterState(countries=("TJ", "KG"), as_of=dt.date(2015, 6, 1), date_from=dt.date(2016, 1, 1))
    data = build_panel_data(corpus, vs.ViewState(filters=state), TODAY)
    assert next(f for f in data["facets"] if f["key"] == vs.P_COUNTRY)["chosen"] == ["TJ", "KG"]
    assert data["open"] == [vs.P_COUNTRY]
    dates = {d["key"]: [e["value"] for e in d["ends"]] for d in data["dates"]}
    assert dates == {vs.P_DATE: ["2015-06-01"], RANGE_KEY: ["2016-01-01", TODAY.isoformat()]}


def test_the_search_box_shows_the_search(corpus):
    search = build_panel_data(corpus, vs.ViewState(filters=FilterState(query="Kant")), TODAY)["search"]
    assert (search["key"], search["value"], search["max"]) == ("q", "Kant", vs.MAX_QUERY_LENGTH)
    assert build_panel_data(corpus, vs.ViewState(), TODAY)["search"]["value"] == ""


def test_the_map_controls_show_the_view(corpus):
    view = vs.ViewState(shade="org-eaeu", layers=("route", "sites"), tiles=True)
    controls = build_panel_data(corpus, view, TODAY)["map"]
    assert controls["shade"]["value"] == "org-eaeu"
    assert [o["value"] for o in controls["shade"]["options"]] == list(corpus.shadable)
    assert controls["layers"]["value"] == ["route", "sites"] and controls["tiles"]["value"] is True


GOOD = [
    ({"key": "country", "value": ["TJ", "KG"]}, ("country", ["TJ", "KG"])),
    ({"key": "country", "value": []}, ("country", [])),
    ({"key": "country", "value": ["TJ", "TJ"]}, ("country", ["TJ"])),  # a double click sent twice
    ({"key": "date", "value": "2012-05-05"}, ("date", dt.date(2012, 5, 5))),
    # The range's ends in either order (two date fields, filled in any order).
    ({"key": "range", "value": ["2017-12-31", "2016-01-01"]}, ("range", (dt.date(2016, 1, 1), dt.date(2017, 12, 31)))),
    ({"key": "shade", "value": "org-eaeu"}, ("shade", "org-eaeu")),
    ({"key": "layers", "value": ["sites", "route"]}, ("layers", ["route", "sites"])),  # the map's own order
    ({"key": "layers", "value": []}, ("layers", [])),
    ({"key": "tiles", "value": True}, ("tiles", True)),
    ({"key": "clear", "value": None}, ("clear", None)),
    ({"key": "q", "value": "Kant"}, ("q", "Kant")),
    ({"key": "q", "value": "  Alma-Ata \t\n base\u0000 "}, ("q", "Alma-Ata base")),  # tidied as a link's ?q=
    ({"key": "q", "value": ""}, ("q", "")),  # an emptied box clears the search
    ({"key": "q", "value": "<script>alert(1)</script>"}, ("q", "<script>alert(1)</script>")),  # text; escaped where shown
    ({"key": "q", "value": "x" * 200}, ("q", "x" * 200)),
]


@pytest.mark.parametrize(("payload", "expected"), GOOD)
def test_changes_the_panel_sends_become_session_values(corpus, payload, expected):
    assert parse_panel_event(payload, corpus, TODAY) == expected


# Each row: what a forged or garbled message could carry. None of it may reach Session State.
BAD = [
    None,
    "country=TJ",
    {"value": ["TJ"]},
    {"key": "__proto__", "value": ["TJ"]},
    {"key": "country", "value": "TJ"},
    {"key": "country", "value": ["<script>alert(1)</script>"]},
    {"key": "country", "value": [["TJ"]]},
    {"key": "country", "value": ["TJ"] * 41},
    {"key": "org", "value": ["NATO"]},
    {"key": "date", "value": "2017-02-30"},
    {"key": "date", "value": "1900-01-01"},  # before the range the panel offers
    {"key": "date", "value": "2999-01-01"},
    {"key": "date", "value": 20170227},
    {"key": "range", "value": ["2016-01-01"]},
    {"key": "_view_state", "value": []},
    {"key": "shade", "value": "org-nato"},
    {"key": "shade", "value": ["org-csto"]},
    {"key": "layers", "value": ["route", "<img src=x>"]},
    {"key": "layers", "value": "route"},
    {"key": "tiles", "value": "yes"},
    {"key": "q", "value": "x" * 201},
    {"key": "q", "value": ["Kant"]},
    {"key": "q", "value": None},
]


@pytest.mark.parametrize("payload", BAD)
def test_anything_else_is_refused_with_a_reason(corpus, payload):
    with pytest.raises(PanelEventError) as err:
        parse_panel_event(payload, corpus, TODAY)
    # The reason becomes a notice on the page (escaped there): short, whatever was sent.
    assert 0 < len(str(err.value)) < 200


def _message(*numbers: int, epoch: str = "e1") -> dict:
    return {"epoch": epoch, "changes": [{"key": "kind", "value": [], "n": n} for n in numbers], "sent": 1}


# Each row: the changes a panel sends, what the session had applied, what it applies now, its new mark.
PENDING = [
    (_message(1), None, [1], Applied("e1", 1)),
    # Two quick changes that reached the server as one rerun: both, in order.
    (_message(1, 2), None, [1, 2], Applied("e1", 2)),
    # The reply to change 1 had not come back when change 2 went: 1 is not applied twice.
    (_message(1, 2), Applied("e1", 1), [2], Applied("e1", 2)),
    # A message that arrives late, after a newer one was applied: nothing (a newer change must not be undone).
    (_message(2), Applied("e1", 3), [], Applied("e1", 3)),
    # A reconnect landed on a new session: it has applied nothing, so everything the panel resends.
    (_message(4, 5), None, [4, 5], Applied("e1", 5)),
    # Another panel (a reload of the page): its numbers start again.
    (_message(1, epoch="e2"), Applied("e1", 7), [1], Applied("e2", 1)),
]


@pytest.mark.parametrize(("payload", "applied", "todo", "mark"), PENDING)
def test_each_change_is_applied_once_and_in_order(payload, applied, todo, mark):
    changes, new_mark = pending_changes(payload, applied)
    assert [c["n"] for c in changes] == todo
    assert new_mark == mark


@pytest.mark.parametrize("payload", [
    None, {"key": "kind", "value": []}, {"epoch": "", "changes": []}, {"epoch": "e1", "changes": "x"},
    {"epoch": "e1", "changes": [{"key": "kind", "value": []}]},  # no number
    {"epoch": "e1", "changes": [{"key": "kind", "value": [], "n": True}]},
    {"epoch": "x" * 41, "changes": []},
    _message(*range(1, 52)),
])
def test_a_message_the_panel_cannot_have_sent_is_refused(payload):
    with pytest.raises(PanelEventError):
        pending_changes(payload, None)
