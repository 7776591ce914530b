"""What the address bar should hold (dashboard/query/address_bar.py): the server's parameters, the map's own kept."""

from __future__ import annotations

from dataclasses import replace

from dashboard.query import link as vs
from dashboard.query.address_bar import link_payload
from dashboard.query.filters import FilterState


def test_the_default_view_wants_nothing_and_keeps_the_maps_position(corpus):
    assert link_payload(vs.ViewState(), corpus) == {"want": {}, "keep": ["lat", "lon", "z"],
                                                    "view": {"lat": None, "lon": None, "z": None},
                                                    "carry": ["embed", "embed_options"],
                                                    "options": list(vs.EMBED_TAKEN),
                                                    "own": ["at", "excerpt", "source", "story"]}


def test_filters_and_selection_are_wanted_and_the_maps_position_is_left_to_the_map(corpus):
    view = replace(vs.ViewState(filters=FilterState(countries=("TJ", "KG"))), selected="stop-dushanbe",
                   view=vs.MapView(39.5, 69.5, 6))
    payload = link_payload(view, corpus)
    # The same parameters a shared link carries, but never lat/lon/z: the browser's map reports those itself.
    assert payload["want"] == {k: v for k, v in vs.encode(view, corpus).items() if k not in ("lat", "lon", "z")}
    assert payload["want"]["sel"] == "stop-dushanbe" and payload["want"]["country"] == "TJ,KG"
    assert not {"lat", "lon", "z"} & set(payload["want"])
    # The position the server read, for the address until the map reports its own.
    assert payload["view"] == {"lat": "39.500", "lon": "69.500", "z": "6"}


def test_a_link_whose_map_position_was_ignored_gives_the_address_none(corpus):
    # A fresh reviewer: ?lat=NaN&lon=Infinity&z=999 was ignored with a notice but kept in the address, and the share
    # box's link, citation and embed code handed it on.
    state, notices = vs.decode({"lat": ["NaN"], "lon": ["Infinity"], "z": ["999"]}, corpus)
    assert state.view is None and len(notices) == 3
    assert link_payload(state, corpus)["view"] == {"lat": None, "lon": None, "z": None}


def test_a_pages_own_parameters_are_in_its_address_only(corpus):
    # Review: the article read on the Articles page followed the reader to Compare (?source=… there).
    view = replace(vs.ViewState(filters=FilterState(countries=("TJ",))), source="cement-2017",
                   excerpt="site-kant.0", passage=(1, 9), story=4)
    assert link_payload(view, corpus, "reader")["want"] == {
        "country": "TJ", "source": "cement-2017", "excerpt": "site-kant.0", "at": "1-9"}
    # The story's step is its navigation's to write (a fresh reviewer: a run begun before the latest quick step
    # change put the step before it back in the address).
    story = link_payload(view, corpus, "story")
    assert story["want"] == {"country": "TJ"} and story["keep"] == ["lat", "lon", "z", "story"]
    assert link_payload(view, corpus)["want"] == {"country": "TJ"}        # the map, Compare, Charts, …
