"""A step resolved into what the Story page shows (dashboard/story/view.py, issue 14): the map's shading, layers,
records and place, and what a download holds of the step."""

from __future__ import annotations

import datetime as dt
import urllib.parse

import pytest

from dashboard.labels import LAYER_OF_KIND
from dashboard.query.filters import FilterState
from dashboard.query.link import MapView, ViewState, decode, map_href
from dashboard.story.view import (
    current_step,
    explore_href,
    layers_switched_off,
    map_records,
    marks_outside,
    overview_maps,
    record_href,
    step_focus,
    step_layers,
    step_shading,
    step_target,
    step_view,
    story_href,
)
from dashboard.story.words import date_text, place_text
from tests.unit.stories import TODAY


def test_a_steps_download_holds_the_step(story, corpus):
    # Issue 15 on the Story page: the briefing of step 4 is titled, featured and linked as step 4.
    focus = step_focus(story, corpus, 4, TODAY)
    step = story.steps[3]
    assert focus.title == ("Step 4 of 9: Dushanbe: Putin and Rahmon, and the Afghan border · "
                           f"{date_text(step, TODAY)} · {place_text(step, corpus)}")
    assert focus.records == tuple(step.marks) and "stop-dushanbe" in focus.records
    assert focus.text == " ".join(n.text for n in step.notes) and focus.text
    assert focus.link == "story?story=4"
    assert step_focus(story, corpus, 1, TODAY).title.startswith("Step 1 of 9: The tour at a glance")
    assert focus.extent is None  # the reader's frame: the map flown to the step


# --- what a step shows, and the map -----------------------------------------------------------------------


def test_a_step_goes_to_a_records_place_or_to_its_marks(story, corpus):
    from dashboard.corpus.load import DEFAULT_GEODATA
    from dashboard.map.geo import load_borders, load_countries

    countries, borders = load_countries(DEFAULT_GEODATA), load_borders(DEFAULT_GEODATA)
    almaty = corpus.by_id["stop-almaty"].location
    assert step_target(story.step(3), corpus, countries, borders) == {"center": [almaty.lat, almaty.lon], "zoom": 7}
    overview = step_target(story.step(1), corpus, countries, borders)
    (south, west), (north, east) = overview["bounds"]
    for rid in ("stop-almaty", "stop-dushanbe", "stop-bishkek"):
        where = corpus.by_id[rid].location
        assert south <= where.lat <= north and west <= where.lon <= east
    # The Tajik–Afghan border, a mark of the overview, reaches further south than any stop.
    assert south < corpus.by_id["stop-dushanbe"].location.lat - 1


def test_filters_do_not_hide_a_steps_marks_and_the_story_says_which_are_outside(story, corpus):
    step = story.step(5)
    kazakh = [r for r in corpus.records if "KZ" in getattr(r, "countries", [])]
    drawn = map_records(step, corpus, kazakh)
    assert {"stop-bishkek", "site-kant"} <= {r.id for r in drawn}
    assert [r.id for r in marks_outside(step, corpus, {r.id for r in kazakh})] == ["stop-bishkek", "site-kant"]
    assert marks_outside(step, corpus, {r.id for r in corpus.records}) == []


def test_a_step_turns_on_the_layers_its_marks_are_on(story, corpus):
    assert step_layers(story.step(5), corpus, ("members",)) == ("members", "route", "sites")
    assert step_layers(story.step(7), corpus, ()) == ("members",)
    assert set(LAYER_OF_KIND) == {"visit_stop", "military_site", "border", "membership"}


def test_a_step_shades_by_its_own_grouping_and_day_else_the_readers(story):
    reader = ("org-sco", dt.date(2010, 1, 1))
    assert step_shading(story.step(3), *reader, TODAY) == reader
    assert step_shading(story.step(8), *reader, TODAY) == ("org-eaeu", dt.date(2017, 2, 27))
    assert step_shading(story.step(9), *reader, TODAY) == ("org-eaeu", TODAY)


# --- the page's step, its links, and the overview's maps (ui/story.py draws them) ----------------------------


@pytest.mark.parametrize(("asked", "shown"), [(None, 1), (4, 4), (9, 9), (10, 1)])
def test_the_step_shown_is_the_links_else_the_first(story, asked, shown):
    assert current_step(story, ViewState(story=asked)) == shown


def test_a_step_links_to_itself_and_reads_back_as_that_step(story, corpus):
    assert story_href(4) == "story?story=4"
    state, notices = decode(urllib.parse.parse_qs(story_href(4).partition("?")[2]), corpus, steps=len(story.steps))
    assert state.story == 4 and notices == []


def test_a_note_links_to_its_record_selected_on_the_map(corpus):
    view = ViewState(filters=FilterState(countries=("KG",)), story=5, view=MapView(42.0, 74.0, 8))
    href = record_href(view, corpus)("site-kant")
    assert href == map_href(view, corpus, selected="site-kant", view=None) == "./?country=KG&sel=site-kant"


def test_a_step_is_shown_with_its_shading_day_and_what_the_filters_leave_that_day(story, corpus):
    view = ViewState(filters=FilterState(countries=("KG",)), shade="org-sco")
    shown = step_view(story, corpus, view, 8, TODAY)
    assert (shown.number, shown.shade, shown.as_of) == (8, "org-eaeu", dt.date(2017, 2, 27))
    assert shown.selected and all("KG" in corpus.facets[r.id]["countries"] for r in shown.selected)
    # A step that says nothing of the map: the reader's grouping (unless the filter leaves it out) and day.
    assert step_view(story, corpus, view, 3, TODAY).shade == "org-sco"
    kept = ViewState(filters=FilterState(orgs=("org-eaeu",)), shade="org-sco")
    assert step_view(story, corpus, kept, 3, TODAY).shade == "org-eaeu"


def test_the_story_names_the_layers_a_step_needs_that_the_reader_switched_off(story, corpus):
    assert layers_switched_off(story.step(5), corpus, ("members",)) == ["route", "sites"]
    assert layers_switched_off(story.step(5), corpus, ("route", "sites")) == []
    assert layers_switched_off(story.step(7), corpus, ("route",)) == ["members"]


def test_explore_opens_the_map_on_the_steps_place_shading_and_day(story, corpus):
    view = ViewState(selected="site-kant", story=7)
    shown = step_view(story, corpus, view, 7, TODAY)
    state, _ = decode(urllib.parse.parse_qs(explore_href(story, corpus, view, shown).partition("?")[2]), corpus)
    assert state.view == MapView(43.5, 64.0, 4) and state.shade == "org-csto"
    assert state.filters.as_of == dt.date(2017, 2, 27) and state.selected is None and state.story is None
    # A step framed by its marks' extent has no one place: the map keeps the reader's.
    overview = step_view(story, corpus, view, 1, TODAY)
    assert "lat=" not in explore_href(story, corpus, view, overview)


def test_the_overview_has_a_small_map_per_step_that_says_what_it_shows(story, corpus):
    from dashboard.corpus.load import DEFAULT_GEODATA
    from dashboard.map.geo import load_borders, load_countries

    maps = overview_maps(story, corpus, load_countries(DEFAULT_GEODATA), load_borders(DEFAULT_GEODATA), TODAY)
    assert len(maps) == len(story.steps) and all(m.startswith("<img") for m in maps)
    assert "Map of step 5 of 9: " in maps[4] and "Ringed: " in maps[4] and "Kant" in maps[4]
    assert "Countries shaded by EAEU membership on 27 Feb 2017" in maps[7]
