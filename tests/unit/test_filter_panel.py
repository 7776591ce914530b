"""The filter panel's data and the changes it may send back (dashboard/query/filter_panel.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.query import link as vs
from dashboard.query.filter_panel import (
    FACETS,
    RANGE_KEY,
    Applied,
    PanelEventError,
    build_panel_data,
    parse_panel_event,
    pending_changes,
)
from dashboard.query.filters import FilterState, select

TODAY = dt.date(2026, 11, 22)
DATE_HELP = "Which memberships are shown; by default the first day of the tour, 27 Feb 2017."


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
    assert search == {"key": "q", "label": "Search", "value": "Kant", "max": vs.MAX_QUERY_LENGTH,
                      "help": "Titles, summaries, quotes, references and the articles' full text. Press Enter to "
                              "search; other spellings count (Alma-Ata finds Almaty).",
                      "placeholder": "Kant, remittances, Alma-Ata…"}
    assert build_panel_data(corpus, vs.ViewState(), TODAY)["search"]["value"] == ""


def test_the_map_controls_show_the_view(corpus):
    view = vs.ViewState(shade="org-eaeu", layers=("route", "sites"), tiles=True)
    controls = build_panel_data(corpus, view, TODAY)["map"]
    assert controls == {
        "shade": {"key": "shade", "label": "Shade countries by",
                  "help": "Membership status in this grouping, on the 'as of' date.", "value": "org-eaeu",
                  "options": [{"value": o, "name": corpus.organizations[o]} for o in corpus.shadable]},
        "layers": {"key": "layers", "label": "Layers", "value": ["route", "sites"],
                   "options": [{"value": "members", "name": "Memberships"}, {"value": "route", "name": "Visit route"},
                               {"value": "sites", "name": "Military sites"}, {"value": "border", "name": "Borders"}]},
        "tiles": {"key": "tiles", "label": "Online tile layer (needs internet)",
                  "help": "Off by default: the basemap is drawn from the app's own geodata and works offline.",
                  "value": True},
    }
    assert {"CSTO", "EAEU", "SCO"} <= {o["name"] for o in controls["shade"]["options"]}


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


# Each row: what a forged or garbled message could carry, and the reason given (a notice on the page, escaped
# there). None of it may reach Session State.
BAD = [
    (None, "not a filter change"),
    ("country=TJ", "not a filter change"),
    ({"value": ["TJ"]}, "not a filter change"),
    ({"key": 7, "value": ["TJ"]}, "not a filter change"),
    ({"key": "__proto__", "value": ["TJ"]}, "unknown filter '__proto__'"),
    ({"key": "x" * 60}, f"unknown filter {'x' * 40!r}"),
    ({"key": "country", "value": "TJ"}, "Country: not a list of choices"),
    ({"key": "country", "value": ["<script>alert(1)</script>"]}, "Country: unknown '<script>alert(1)</script>'"),
    ({"key": "country", "value": [["TJ"]]}, "Country: not a list of choices"),
    ({"key": "country", "value": ["TJ", 7]}, "Country: not a list of choices"),
    ({"key": "country", "value": ["TJ"] * 41}, "Country: not a list of choices"),
    ({"key": "org", "value": ["NATO"]}, "Organization: unknown 'NATO'"),
    ({"key": "org", "value": ["org-csto", "NATO", "x" * 50, "y", "z"]},
     f"Organization: unknown 'NATO', {'x' * 40!r}, 'y'"),
    ({"key": "topic", "value": ["sports"]}, "Topic: unknown 'sports'"),
    ({"key": "article", "value": ["pravda-2017"]}, "Source article: unknown 'pravda-2017'"),
    ({"key": "kind", "value": ["spaceship"]}, "Record kind: unknown 'spaceship'"),
    ({"key": "date", "value": "2017-02-30"}, "not a date: '2017-02-30'"),
    ({"key": "date", "value": "1990-12-31"}, "date out of range: 1990-12-31"),   # before the range the panel offers
    ({"key": "date", "value": 20170227}, "not a date: '20170227'"),
    ({"key": "date", "value": 10 ** 50}, f"not a date: {str(10 ** 50)[:40]!r}"),  # cut at 40 characters
    ({"key": "date", "value": "2017-2-27"}, "not a date: '2017-2-27'"),
    ({"key": "date", "value": "2017-02-277"}, "not a date: '2017-02-277'"),
    ({"key": "range", "value": ["2016-01-01"]}, "dated records between: not a pair of dates"),
    ({"key": "range", "value": "2016-01-01"}, "dated records between: not a pair of dates"),
    ({"key": "range", "value": ["2016-01-01", "2016-01-01", "2016-01-01"]}, "dated records between: not a pair of dates"),
    ({"key": "range", "value": ["2016-01-01", "1900-01-01"]}, "date out of range: 1900-01-01"),
    ({"key": "_view_state", "value": []}, "unknown filter '_view_state'"),
    ({"key": "shade", "value": "org-nato"}, "shade: unknown grouping 'org-nato'"),
    ({"key": "shade", "value": "y" * 50}, f"shade: unknown grouping {'y' * 40!r}"),
    ({"key": "layers", "value": ["route", "<img src=x>"]}, "layers: not a list of known layers"),
    ({"key": "layers", "value": "route"}, "layers: not a list of known layers"),
    ({"key": "tiles", "value": "yes"}, "online tiles: not true or false"),
    ({"key": "tiles", "value": 1}, "online tiles: not true or false"),
    ({"key": "q", "value": "x" * 201}, "search: longer than 200 characters"),
    ({"key": "q", "value": ["Kant"]}, "search: not text"),
    ({"key": "q", "value": None}, "search: not text"),
]


@pytest.mark.parametrize(("payload", "reason"), BAD, ids=[repr(b[0])[:40] for b in BAD])
def test_anything_else_is_refused_with_a_reason(corpus, payload, reason):
    with pytest.raises(PanelEventError) as err:
        parse_panel_event(payload, corpus, TODAY)
    assert str(err.value) == reason


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


# Each row: a message the panel cannot have sent, and the reason the page gives ("A filter change was ignored: …").
REFUSED = [
    (None, "not a filter change"),
    ("epoch=e1", "not a filter change"),
    ({"key": "kind", "value": []}, "not a filter change"),
    ({"epoch": "", "changes": []}, "not a filter change"),
    ({"epoch": 7, "changes": []}, "not a filter change"),
    ({"epoch": "e1", "changes": "x"}, "not a filter change"),
    ({"epoch": "x" * 41, "changes": []}, "not a filter change"),
    ({"epoch": "e1", "changes": [{"key": "kind", "value": []}]}, "a change without its number"),
    ({"epoch": "e1", "changes": [{"key": "kind", "value": [], "n": True}]}, "a change without its number"),
    ({"epoch": "e1", "changes": [{"key": "kind", "value": [], "n": 0}]}, "a change without its number"),
    ({"epoch": "e1", "changes": [{"key": "kind", "value": [], "n": "1"}]}, "a change without its number"),
    ({"epoch": "e1", "changes": ["kind"]}, "a change without its number"),
    ({"epoch": "e1", "changes": [["kind", 1]]}, "a change without its number"),
    (_message(*range(1, 52)), "too many changes at once"),
]


@pytest.mark.parametrize(("payload", "reason"), REFUSED, ids=[repr(r[0])[:40] for r in REFUSED])
def test_a_message_the_panel_cannot_have_sent_is_refused_with_its_reason(payload, reason):
    with pytest.raises(PanelEventError) as err:
        pending_changes(payload, None)
    assert str(err.value) == reason


@pytest.mark.parametrize("payload", [_message(1, epoch="e"), _message(1, epoch="x" * 40), _message(*range(1, 51))],
                         ids=["a one-character epoch", "a 40-character epoch", "50 changes"])
def test_the_edges_of_a_message_are_accepted(payload):
    changes, mark = pending_changes(payload, None)
    assert [c["n"] for c in changes] == list(range(1, len(payload["changes"]) + 1))
    assert mark == Applied(payload["epoch"], len(payload["changes"]))


def test_a_message_with_no_changes_keeps_the_mark_it_had():
    assert pending_changes({"epoch": "e1", "changes": []}, None) == ([], None)
    assert pending_changes({"epoch": "e2", "changes": []}, Applied("e1", 3)) == ([], Applied("e1", 3))



EDGES = [
    # The ends of what the panel offers are accepted.
    ({"key": "date", "value": "1991-01-01"}, ("date", dt.date(1991, 1, 1))),
    ({"key": "date", "value": TODAY.isoformat()}, ("date", TODAY)),
    ({"key": "range", "value": ["1991-01-01", TODAY.isoformat()]}, ("range", (dt.date(1991, 1, 1), TODAY))),
    ({"key": "range", "value": ["2016-01-01", "2016-01-01"]}, ("range", (dt.date(2016, 1, 1), dt.date(2016, 1, 1)))),
    ({"key": "country", "value": ["TJ"] * 40}, ("country", ["TJ"])),
    ({"key": "org", "value": ["org-eaeu", "org-csto"]}, ("org", ["org-eaeu", "org-csto"])),  # in the order ticked
    ({"key": "topic", "value": ["migration"]}, ("topic", ["migration"])),
    ({"key": "article", "value": ["gusev-2019"]}, ("article", ["gusev-2019"])),
    ({"key": "kind", "value": ["event", "figure"]}, ("kind", ["event", "figure"])),
    ({"key": "layers", "value": ["border", "members", "sites", "route"]}, ("layers", ["members", "route", "sites", "border"])),
    ({"key": "tiles", "value": False}, ("tiles", False)),
]


@pytest.mark.parametrize(("payload", "expected"), EDGES)
def test_the_edges_of_what_the_panel_offers_are_accepted(corpus, payload, expected):
    assert parse_panel_event(payload, corpus, TODAY) == expected


def test_each_facet_offers_its_values_by_name_in_the_panels_order(corpus):
    from dashboard.labels import KIND_LABELS
    from dashboard.query.filter_panel import option_names

    assert option_names(corpus, "orgs") == corpus.organizations
    countries = option_names(corpus, "countries")
    assert list(countries.values()) == sorted(countries.values()) and countries["TJ"] == "Tajikistan"
    assert option_names(corpus, "topics")["domestic-politics"] == "domestic politics"
    assert option_names(corpus, "sources") == {k: v.label for k, v in corpus.sources.items()}
    assert option_names(corpus, "kinds") == KIND_LABELS


def test_the_panel_shows_each_option_with_its_count_and_the_date_fields_their_limits(corpus):
    view = vs.ViewState(filters=FilterState(kinds=("military_site",)))
    data = build_panel_data(corpus, view, TODAY)
    kinds = next(f for f in data["facets"] if f["key"] == vs.P_KIND)
    assert (kinds["label"], kinds["chosen"]) == ("Record kind", ["military_site"])
    counts = {o["value"]: o["count"] for o in kinds["options"]}
    assert counts == {k: len(select(corpus, FilterState(kinds=(k,)))) for k in counts}
    countries = next(f for f in data["facets"] if f["key"] == vs.P_COUNTRY)
    shown = {o["value"]: o["count"] for o in countries["options"]}
    assert shown["TJ"] == len(select(corpus, FilterState(kinds=("military_site",), countries=("TJ",))))
    assert shown["MD"] == 0                                    # offered, though it would leave nothing
    lo, hi = "1991-01-01", TODAY.isoformat()
    assert data["dates"] == [
        {"key": "date", "label": "Memberships as of", "help": DATE_HELP, "today": True, "note": "",
         "ends": [{"name": "on", "label": "Memberships as of", "value": "2017-02-27", "min": lo, "max": hi}]},
        {"key": "range", "label": "Dated records between", "help": "Records without a date are always kept.",
         "note": "",
         "ends": [{"name": "from", "label": "Dated records from", "value": lo, "min": lo, "max": hi},
                  {"name": "to", "label": "Dated records to", "value": hi, "min": lo, "max": hi}]},
    ]
    assert data["open"] == [vs.P_KIND]
    assert [(f["label"], f["help"]) for f in data["facets"]] == [(f.label, f.help) for f in FACETS]

    layers = data["map"]["layers"]
    assert [(o["value"], o["name"]) for o in layers["options"]] == [
        ("members", "Memberships"), ("route", "Visit route"), ("sites", "Military sites"), ("border", "Borders")]


# Issue 24, case 5: a day past the reader's today (midnight passed between the panel and the server) is read as
# today, and the panel says so beside the field; "from" after "to" is swapped, and said. Nothing changes silently.
AFTER_TODAY = [
    # (the change sent, the value read, the note said beside the field: "" when it is read as sent)
    ({"key": "date", "value": TODAY.isoformat()}, TODAY, ""),
    ({"key": "date", "value": "2026-11-23"}, TODAY,
     "Memberships as of: 23 Nov 2026 has not begun where you are, read as today: 22 Nov 2026."),
    ({"key": "date", "value": "2090-01-01"}, TODAY,
     "Memberships as of: 1 Jan 2090 has not begun where you are, read as today: 22 Nov 2026."),
    ({"key": "range", "value": ["2016-01-01", "2090-01-01"]}, (dt.date(2016, 1, 1), TODAY),
     "Dated records between: 1 Jan 2090 has not begun where you are, read as today: 1 Jan 2016 to 22 Nov 2026."),
    ({"key": "range", "value": ["2020-01-01", "2010-01-01"]}, (dt.date(2010, 1, 1), dt.date(2020, 1, 1)),
     "Dated records between: “from” was after “to”, the two are swapped: 1 Jan 2010 to 1 Jan 2020."),
    ({"key": "range", "value": ["2010-01-01", "2020-01-01"]}, (dt.date(2010, 1, 1), dt.date(2020, 1, 1)), ""),
    # Both days past today: both said, in the plural.
    ({"key": "range", "value": ["2090-01-01", "2091-01-01"]}, (TODAY, TODAY),
     "Dated records between: 1 Jan 2090 and 1 Jan 2091 have not begun where you are, read as today: "
     "22 Nov 2026 to 22 Nov 2026."),
    # Swapped and past today at once: both said, in the order they were read.
    ({"key": "range", "value": ["2090-01-01", "2010-01-01"]}, (dt.date(2010, 1, 1), TODAY),
     "Dated records between: 1 Jan 2090 has not begun where you are, read as today; “from” was after “to”, the "
     "two are swapped: 1 Jan 2010 to 22 Nov 2026."),
]


@pytest.mark.parametrize(("payload", "value", "note"), AFTER_TODAY)
def test_a_date_read_otherwise_than_sent_is_said_beside_its_field(corpus, payload, value, note):
    # The whole note, as the reader sees it beside the field (issue 24, case 5).
    from dashboard.query.filter_panel import date_note

    key, read = parse_panel_event(payload, corpus, TODAY)
    assert read == value
    assert date_note(key, payload["value"], read) == note


def test_the_as_of_date_has_a_today_shortcut_and_a_place_for_its_note(corpus):
    from dashboard.query.link import ViewState

    data = build_panel_data(corpus, ViewState(), TODAY, {"date": "said"})
    as_of = next(d for d in data["dates"] if d["key"] == "date")
    assert as_of["today"] is True and as_of["note"] == "said" and as_of["ends"][0]["max"] == TODAY.isoformat()
    between = next(d for d in data["dates"] if d["key"] == "range")
    assert between["note"] == ""
    data = build_panel_data(corpus, ViewState(), TODAY, {"range": "swapped"})
    assert [d["note"] for d in data["dates"]] == ["", "swapped"]
