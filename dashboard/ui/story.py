"""st_* helpers of the Story page and its overview (issue 14): the navigation, the map, a step's words."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import escape
from dashboard.corpus.problems import CorpusError
from dashboard.corpus.records import Corpus
from dashboard.labels import DRAW_ORDER, LAYER_TITLES
from dashboard.query import link as vs
from dashboard.story.html import overview_html, step_html
from dashboard.story.model import Story
from dashboard.story.navigation import StoryEventError, nav_steps, parse_step_event
from dashboard.story.view import (
    StepView,
    explore_href,
    layers_switched_off,
    map_records,
    marks_outside,
    overview_maps,
    record_href,
    step_focus,
    step_layers,
    story_href,
)
from dashboard.ui import cached
from dashboard.ui.components import light_component, st_html
from dashboard.ui.downloads import st_downloads
from dashboard.ui.mapframe import st_map_frame, st_map_room
from dashboard.ui.notices import st_problems
from dashboard.ui.session import SESSION_TOKEN_KEY, clear_filters, note_refused

STORY_MAP_KEY = "story_map"
STORY_NAV_KEY = "story_nav"
STEP_DOWNLOADS_KEY = "step_downloads"
# The last step change this session applied: (the page's epoch, its number), so none is applied twice.
STORY_APPLIED_KEY = "_story_applied"
STORY_FILE = "story (stories/tour-2017.yaml)"
MAP_HEIGHT = 520
_STORY_NAV = light_component("story_nav", "story-nav")


def get_story_or_problems() -> Story | None:
    """The story, or None after showing its problems as the corpus's are shown (file, line, step, field)."""
    try:
        return cached.get_story()
    except CorpusError as exc:
        st_problems(exc, STORY_FILE, cannot="The story cannot be told (the rest of the dashboard works)")
        return None


def _on_story_nav() -> None:
    """Callback of the navigation: a step change, checked, becomes the step shown."""
    ss = st.session_state
    value = (ss.get(STORY_NAV_KEY) or {}).get("go")
    try:
        change = parse_step_event(value, cached.story_steps(), ss.get(STORY_APPLIED_KEY))
    except StoryEventError as exc:
        note_refused(f"A step change was ignored: {exc}")
        return
    if change is not None:
        ss[vs.P_STORY], ss[STORY_APPLIED_KEY] = change


def st_story_nav(story: Story, corpus: Corpus, number: int, today: dt.date) -> None:
    """Where the reader is, the step's heading, Previous and Next, the step list, the keys and the swipe."""
    applied = st.session_state.get(STORY_APPLIED_KEY)
    data = {"steps": nav_steps(story, corpus, today), "current": number, "param": vs.P_STORY,
            "session": st.session_state.get(SESSION_TOKEN_KEY),
            "applied": {"epoch": applied[0], "seq": applied[1]} if applied else None}
    with st.container(key="story-head"):
        _STORY_NAV(key=STORY_NAV_KEY, data=data, default={"go": None}, on_go_change=_on_story_nav)


def st_step_downloads(story: Story, corpus: Corpus, number: int, today: dt.date) -> None:
    """The step's own briefing and map image (issue 15): the step shown, on the map as flown to it."""
    st.markdown("**Take this step with you**")
    st_downloads(focus=step_focus(story, corpus, number, today), key=STEP_DOWNLOADS_KEY)


def st_story_map(corpus: Corpus, view: vs.ViewState, story: Story, shown: StepView) -> None:
    """The same map as the map page's, flown from step to step (never rebuilt).

    It draws what the filters leave and the step's marks whatever the filters; on the layers the reader
    chose and those the step's marks are on; shaded as the step says, or as the reader chose.
    """
    step = story.step(shown.number)
    records = map_records(step, corpus, list(shown.selected))
    chosen = step_layers(step, corpus, view.layers)
    active = [kind for kind in DRAW_ORDER if kind in chosen]
    record_ids = tuple(r.id for r in records)
    groups = [cached.layer_script(kind, idx, record_ids, shown.shade, shown.as_of, corpus.version)
              for idx, kind in enumerate(active)]
    groups.append(cached.story_script(len(groups)))
    frame = cached.get_map_frame(view.tiles, STORY_MAP_KEY)
    # Nothing comes back from this map (a click opens the mark's popup, nothing more), so it never reruns the page.
    # In a room of its own height from the first paint (story.css sizes the room and the map on a phone).
    with st_map_room(MAP_HEIGHT, key="story-map-room"):
        st_map_frame(frame, groups, key=STORY_MAP_KEY, height=MAP_HEIGHT, returned_objects=[])
    whose = "this step's choice" if step.map.shade or step.map.as_of else "as set in the sidebar"
    st.caption(f"Countries shaded by **{escape.markdown(corpus.organizations[shown.shade])}** membership on "
               f"**{shown.as_of:%-d %b %Y}** ({whose}). The step's marks are ringed, the others faded; hover or "
               "click a mark for its words.")


def st_step_notices(story: Story, corpus: Corpus, view: vs.ViewState, shown: StepView) -> None:
    """Say when the step's marks are outside the reader's filters or on layers the reader switched off."""
    step = story.step(shown.number)
    outside = marks_outside(step, corpus, {r.id for r in shown.selected})
    if outside:
        names = "; ".join(escape.markdown(r.title) for r in outside)
        st.info(f"{len(outside)} of this step's {len(step.marks)} marks "
                f"{'is' if len(outside) == 1 else 'are'} outside the current filters, and shown anyway: {names}.",
                icon=":material/filter_alt_off:")
        st.button("Clear all filters", key="story-clear-filters", on_click=clear_filters)
    switched_off = layers_switched_off(step, corpus, view.layers)
    if switched_off:
        names = ", ".join(LAYER_TITLES[k] for k in switched_off)
        st.info(f"This step shows layers you switched off in the sidebar, for its marks: {names}.",
                icon=":material/layers:")


def st_step_words(story: Story, corpus: Corpus, view: vs.ViewState, number: int) -> None:
    """The step's excerpts, notes and disagreements (dashboard/story/html.py)."""
    st_html(step_html(number, story.step(number), corpus, record_href(view, corpus)), css="story")


def st_overview(story: Story, corpus: Corpus, view: vs.ViewState, today: dt.date, words: bool = True) -> None:
    """Every step on one page, each with a small static map drawn here, and its words (unless not `words`)."""
    geodata = cached.get_geodata()
    svgs = overview_maps(story, corpus, geodata.countries, geodata.borders, today)
    body = overview_html(story, corpus, today, record_href(view, corpus), story_href, svgs, words)
    st_html(body, css="story")


def st_explore_link(story: Story, corpus: Corpus, view: vs.ViewState, shown: StepView) -> None:
    """A link to the map page showing the step as the story does (its place, shading and day), to explore
    from there; in a new tab, so that the story stays where it is."""
    st.markdown(f"[Explore this step on the map ↗]({explore_href(story, corpus, view, shown)})")
