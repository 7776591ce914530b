"""A step resolved into what the Story page shows (dashboard/story/view.py, issue 14): the map's shading, layers,
records and place, and what a download holds of the step."""

from __future__ import annotations

import datetime as dt

from dashboard.labels import LAYER_OF_KIND
from dashboard.story.view import (
    map_records,
    marks_outside,
    step_focus,
    step_layers,
    step_shading,
    step_target,
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
