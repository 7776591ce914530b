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


# Issue 29: a step change is the browser's. What it switches (the words, the caption, the place, the shading) comes
# with the page; what it cannot (other layers, marks outside the filters, notices) reruns the page.

def _members(corpus, view=None):
    from dashboard.corpus.model import Membership
    from dashboard.query.filters import select

    return [r for r in select(corpus, (view or ViewState()).filters, over_time=True) if isinstance(r, Membership)]


def test_each_step_is_shaded_by_its_own_grouping_and_day_or_the_readers(story, corpus):
    from dashboard.story.view import shading_payload

    payload = shading_payload(story, corpus, ViewState(), _members(corpus), True, TODAY)
    tour = {"shade": "org-csto", "day": "2017-02-27"}
    assert payload["steps"] == [tour] * 6 + [{"shade": "org-csto", "day": "2017-02-27"},
                                             {"shade": "org-eaeu", "day": "2017-02-27"},
                                             {"shade": "org-eaeu", "day": TODAY.isoformat()}]
    assert set(payload["timelines"]) == {"org-csto", "org-eaeu"} and payload["shaded"] is True
    assert payload["groups"] == {"org-csto": "CSTO", "org-eaeu": "EAEU"}
    # The reader's grouping and day stand for the steps that have none of their own.
    mine = shading_payload(story, corpus, ViewState(shade="org-sco", filters=FilterState(as_of=dt.date(2001, 6, 15))),
                           _members(corpus), False, TODAY)
    assert mine["steps"][1] == {"shade": "org-sco", "day": "2001-06-15"} and mine["steps"][8]["shade"] == "org-eaeu"
    assert set(mine["timelines"]) == {"org-sco", "org-csto", "org-eaeu"} and mine["shaded"] is False


# static/app/map-time.js's day picker, run in node on the story's timelines, as map-story.js runs it.
NODE = """
const window = {}; %s
const payload = %s;
process.stdout.write(JSON.stringify(payload.steps.map((s) => window.__statusOn(payload.timelines[s.shade], s.day))));
"""


@pytest.mark.parametrize("view", [ViewState(), ViewState(filters=FilterState(countries=("KZ", "UZ")))],
                         ids=["default", "two countries"])
def test_the_browser_shades_every_step_as_the_page_would(story, corpus, view):
    import json
    import shutil
    import subprocess

    from dashboard.corpus.memberships import membership_status
    from dashboard.frontend import read_static
    from dashboard.map.marks import membership_payload
    from dashboard.story.view import shading_payload
    from tests.ci import need

    need(shutil.which("node") is not None, "node is not installed (apt-get install npm brings it)")
    members = _members(corpus, view)
    payload = shading_payload(story, corpus, view, members, True, TODAY)
    script = NODE % (read_static("map-time.js"), json.dumps(payload))
    shown = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    for number, (step, browser) in enumerate(zip(payload["steps"], shown, strict=True), start=1):
        day = dt.date.fromisoformat(step["day"])
        server = membership_payload(membership_status(members, step["shade"], day),
                                    corpus.organizations[step["shade"]], corpus, day)
        assert browser == server, number
    if view.filters.countries:
        assert set(shown[6]) == {"KZ", "UZ"}   # only what the filters keep is shaded


def _drawn(story, corpus, view, number):
    from dashboard.query.filters import select
    from dashboard.story.view import server_drawn

    return server_drawn(story.step(number), corpus, view, step_view(story, corpus, view, number, TODAY),
                        {r.id for r in select(corpus, view.filters, over_time=True)})


def test_with_the_default_view_every_step_switches_in_the_browser(story, corpus):
    drawn = {_drawn(story, corpus, ViewState(), n) for n in range(1, len(story.steps) + 1)}
    assert drawn == {(("members", "route", "sites", "border"), (), (), 0, ())}


def test_a_step_that_needs_more_of_the_server_is_told_apart(story, corpus):
    kz = ViewState(filters=FilterState(countries=("KZ",)))
    # Step 5's marks (Bishkek, Kant) are outside the filters: drawn, and said, on step 5 alone.
    assert _drawn(story, corpus, kz, 5)[1:] == (("stop-bishkek", "site-kant"), ("stop-bishkek", "site-kant"), 2, ())
    assert _drawn(story, corpus, kz, 3) != _drawn(story, corpus, kz, 5) != _drawn(story, corpus, kz, 6)
    # Layers the reader switched off, which a step's marks are on: drawn, and said, on that step.
    members_only = ViewState(layers=("members",))
    assert _drawn(story, corpus, members_only, 5)[0] == ("members", "route", "sites")
    assert _drawn(story, corpus, members_only, 5)[4] == ("route", "sites")
    assert _drawn(story, corpus, members_only, 7) == (("members",), (), (), 0, ())
    assert _drawn(story, corpus, members_only, 7) == _drawn(story, corpus, members_only, 8)


def test_the_caption_and_the_link_under_a_step_are_escaped(story, corpus):
    from dashboard.story.view import explore_html, step_caption_html

    assert step_caption_html(corpus, story.step(9), "org-eaeu", dt.date(2026, 12, 6)) == (
        '<p class="story-caption">Countries shaded by <strong>EAEU</strong> membership on <strong class="story-day">6 Dec '
        '2026</strong> <span class="story-whose">(this step\'s choice)</span>. The step\'s marks are ringed, the others '
        "faded; hover or click a mark for its words.</p>")
    assert "(as set in the sidebar)" in step_caption_html(corpus, story.step(2), "org-csto", dt.date(2017, 2, 27))
    # The memberships layer off (a fresh reviewer: the line said "Countries shaded by CSTO" over an unshaded map).
    off = step_caption_html(corpus, story.step(2), "org-csto", dt.date(2017, 2, 27), shaded=False)
    assert off.startswith('<p class="story-caption">No country is shaded: the memberships layer is off in the '
                          'sidebar (memberships as of <strong class="story-day">27 Feb 2017</strong>')
    assert "Countries shaded" not in off
    assert explore_html('./?sel="><script>') == (
        '<p class="explore"><a href="./?sel=&quot;&gt;&lt;script&gt;" target="_blank" rel="noopener">'
        "Explore this step on the map ↗</a></p>")


def test_a_steps_download_shades_as_the_step_does(story, corpus):
    # A fresh reviewer: step 9's briefing said "Countries shaded by CSTO membership on 27 Feb 2017" where the step
    # shades the EAEU today; step 8's the CSTO where it shades the EAEU.
    import datetime as dt_

    from dashboard.downloads.snapshot import make_snapshot

    made = dt_.datetime(2026, 12, 6, 9, 30, tzinfo=dt_.UTC)
    focus = step_focus(story, corpus, 9, TODAY)
    assert (focus.shade, focus.as_of) == ("org-eaeu", TODAY)
    snap = make_snapshot(corpus, ViewState(), made=made, focus=focus)
    assert snap.subtitle == f"Countries shaded by EAEU membership on {TODAY:%-d %b %Y}"
    assert snap.status["UZ"].status.value == "observer"
    eight = make_snapshot(corpus, ViewState(), made=made, focus=step_focus(story, corpus, 8, TODAY))
    assert eight.subtitle == "Countries shaded by EAEU membership on 27 Feb 2017" and "UZ" not in eight.status
    # A step without its own shades as the reader chose; the layers its marks are on are drawn even if switched off.
    two = make_snapshot(corpus, ViewState(shade="org-sco", layers=("members",)), made=made,
                        focus=step_focus(story, corpus, 2, TODAY))
    assert two.subtitle == "Countries shaded by SCO membership on 27 Feb 2017"
    assert two.layers == ("members", "route")
    # Whatever the organization filter: the step's grouping is shaded, as on the story map.
    filtered = make_snapshot(corpus, ViewState(filters=FilterState(orgs=("org-csto",))), made=made, focus=focus)
    assert filtered.shade == "org-eaeu"


def test_a_steps_own_grouping_or_own_day_alone_is_the_steps_choice(story, corpus):
    from dashboard.story.view import step_caption_html

    step = story.step(7)
    day_only = step.model_copy(update={"map": step.map.model_copy(update={"shade": None})})
    shade_only = step.model_copy(update={"map": step.map.model_copy(update={"as_of": None})})
    for one in (day_only, shade_only):
        assert "(this step's choice)" in step_caption_html(corpus, one, "org-csto", dt.date(2017, 2, 27))
    assert step_caption_html(corpus, story.step(2), "org-csto", dt.date(2017, 2, 27), shaded=False) == (
        '<p class="story-caption">No country is shaded: the memberships layer is off in the sidebar (memberships as '
        'of <strong class="story-day">27 Feb 2017</strong> <span class="story-whose">(as set in the sidebar)</span>). '
        "The step's marks are ringed, the others faded; hover or click a mark for its words.</p>")


def test_the_steps_shading_follows_the_organization_filter_where_the_step_has_none(story, corpus):
    from dashboard.story.view import shading_payload

    view = ViewState(shade="org-sco", filters=FilterState(orgs=("org-csto",)))
    payload = shading_payload(story, corpus, view, _members(corpus, view), True, TODAY)
    assert payload["steps"][1]["shade"] == "org-csto"   # the SCO is filtered out: the CSTO is shaded, as on the map


def test_a_steps_download_holds_all_its_notes(story, corpus):
    nine = step_focus(story, corpus, 9, TODAY)
    notes = story.step(9).notes
    assert len(notes) == 4 and nine.text == " ".join(n.text for n in notes)
