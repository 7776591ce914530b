"""st_* helpers of the Story page and its overview (issue 14): the navigation, the map, a step's words."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import escape, i18n
from dashboard.corpus.model import Membership
from dashboard.corpus.problems import CorpusError
from dashboard.corpus.records import Corpus
from dashboard.i18n import N_, format_number, ngettext
from dashboard.i18n import gettext as _
from dashboard.labels import DRAW_ORDER, LAYER_TITLES, tab_title
from dashboard.map.time_strip import strip_data
from dashboard.query import link as vs
from dashboard.query.filters import RANGE_START, effective_shade, select
from dashboard.story.html import overview_html
from dashboard.story.model import Story
from dashboard.story.navigation import StoryEventError, nav_steps, nav_words, parse_step_event
from dashboard.story.view import (
    StepView,
    caption_words,
    current_step,
    layers_switched_off,
    map_records,
    marks_outside,
    overview_maps,
    record_href,
    server_drawn,
    step_caption_html,
    step_focus,
    step_layers,
    step_shading,
    step_view,
    story_href,
)
from dashboard.ui import cached
from dashboard.ui.components import light_component, st_html
from dashboard.ui.downloads import st_downloads
from dashboard.ui.mapframe import st_map_frame, st_map_room
from dashboard.ui.notices import st_problems
from dashboard.ui.session import (
    SESSION_TOKEN_KEY,
    clear_filters,
    note_refused,
    reader_language,
    view_from_session,
)
from dashboard.ui.time_strip import TIME_STRIP_COMPONENT, narrows

STORY_MAP_KEY = "story_map"
STORY_NAV_KEY = "story_nav"
STEP_DOWNLOADS_KEY = "step_downloads"
# The last step change this session applied: (the page's epoch, its number), so none is applied twice.
STORY_APPLIED_KEY = "_story_applied"
STORY_FILE = N_("story (stories/tour-2017.yaml)")
MAP_HEIGHT = 520
_STORY_NAV = light_component("story_nav", "story-nav")
STORY_WORDS_KEY = "story_words"
STORY_CAPTION_KEY = "story_caption"
STORY_STRIP_KEY = "story_strip"
STORY_STRIP_HEIGHT = 196  # px: the strip without its brush, held from the first paint as the map page's is
# What the page's last run drew of its step beyond what the browser switches (view.server_drawn).
STORY_DRAWN_KEY = "_story_drawn"
# Every step's HTML, for the browser to show the step's own at a step change (the page draws the step shown).
_STORY_STEP_HTML = light_component("story_words", "story-words", css="story", isolate=False)


def get_story_or_problems() -> Story | None:
    """The story, or None after showing its problems as the corpus's are shown (file, line, step, field)."""
    try:
        return cached.get_story()
    except CorpusError as exc:
        st_problems(exc, _(STORY_FILE), cannot=_("The story cannot be told (the rest of the dashboard works)"))
        return None


def _on_story_nav() -> None:
    """Callback of the navigation: a step change, checked, becomes the step shown."""
    ss = st.session_state
    value = (ss.get(STORY_NAV_KEY) or {}).get("go")
    try:
        change = parse_step_event(value, cached.story_steps(), ss.get(STORY_APPLIED_KEY))
    except StoryEventError as exc:
        note_refused(_("A step change was ignored: {reason}").format(reason=exc))
        return
    if change is not None:
        ss[vs.P_STORY], ss[STORY_APPLIED_KEY] = change


@st.fragment
def st_story_nav(story: Story, corpus: Corpus, today: dt.date) -> None:
    """Where the reader is, the step's heading, Previous and Next, the step list, the keys and the swipe; and the
    tab's title.

    In a fragment of its own: a step change reruns it alone, since the browser has already switched the step's
    words, caption, place and shading (sent with the page). Only a step that needs more of the server than the
    step drawn (server_drawn: other layers, marks outside the filters, its notices) reruns the page.
    """
    # A fragment's own run starts in a thread of its own, where app.py's activate has not run: it would speak
    # the default language (i18n's context variable), and the step list would turn English at a step change.
    i18n.activate(reader_language())
    view = view_from_session()
    number = current_step(story, view)
    st.set_page_config(page_title=tab_title(_("Story"), number, len(story.steps)))
    applied = st.session_state.get(STORY_APPLIED_KEY)
    data = {"steps": nav_steps(story, corpus, today), "words": nav_words(), "current": number, "param": vs.P_STORY,
            "session": st.session_state.get(SESSION_TOKEN_KEY),
            "applied": {"epoch": applied[0], "seq": applied[1]} if applied else None}
    with st.container(key="story-head"):
        _STORY_NAV(key=STORY_NAV_KEY, data=data, default={"go": None}, on_go_change=_on_story_nav)
    drawn = st.session_state.get(STORY_DRAWN_KEY)
    if drawn is not None and drawn != drawn_of_step(story, corpus, view, number, today):
        st.rerun()


def drawn_of_step(story: Story, corpus: Corpus, view: vs.ViewState, number: int, today: dt.date) -> tuple:
    """What the page's run draws of step `number` beyond what the browser switches (story.view.server_drawn)."""
    return server_drawn(story.step(number), corpus, view, step_view(story, corpus, view, number, today),
                        {r.id for r in select(corpus, view.filters, over_time=True)})


def st_step_downloads(story: Story, corpus: Corpus, today: dt.date) -> None:
    """The step's own briefing and map image (issue 15): the step shown at the click (the browser may have switched
    it since the page's run), on the map as flown to it."""
    st.markdown("**" + _("Take this step with you") + "**")
    st_downloads(focus=lambda: step_focus(story, corpus, current_step(story, view_from_session()), today),
                 key=STEP_DOWNLOADS_KEY)


def st_story_map(corpus: Corpus, view: vs.ViewState, story: Story, shown: StepView, today: dt.date) -> None:
    """The same map as the map page's, flown from step to step (never rebuilt).

    It draws what the filters leave on any day and the step's marks whatever the filters; on the layers the reader
    chose and those the step's marks are on; shaded as the step says, or as the reader chose. The browser shades
    every other step from the memberships it holds (static/app/map-story.js), and writes the caption under the map.
    """
    step = story.step(shown.number)
    records = map_records(step, corpus, select(corpus, view.filters, over_time=True))
    chosen = step_layers(step, corpus, view.layers)
    active = [kind for kind in DRAW_ORDER if kind in chosen]
    record_ids = tuple(r.id for r in records)
    groups = [cached.layer_script(kind, idx, record_ids, shown.shade, shown.as_of, corpus.version)
              for idx, kind in enumerate(active)]
    member_ids = tuple(r.id for r in records if isinstance(r, Membership))
    groups.append(cached.story_script(len(groups), view, member_ids, "members" in active, today))
    frame = cached.get_map_frame(view.tiles, STORY_MAP_KEY)
    # Nothing comes back from this map (a click opens the mark's popup, nothing more), so it never reruns the page.
    # In a room of its own height from the first paint (story.css sizes the room and the map on a phone).
    with st_map_room(MAP_HEIGHT, key="story-map-room"):
        st_map_frame(frame, groups, key=STORY_MAP_KEY, height=MAP_HEIGHT, returned_objects=[])
    shade = effective_shade(view.shade, view.filters, corpus)
    shading = [step_shading(s, shade, view.filters.as_of, today) for s in story.steps]
    captions = [step_caption_html(corpus, s, *shaded, "members" in step_layers(s, corpus, view.layers))
                for s, shaded in zip(story.steps, shading, strict=True)]
    _st_per_step(STORY_CAPTION_KEY, "story-caption-now", shown.number, captions)
    _st_story_strip(story, corpus, view, records, shading, "members" in active, shown.number, today)


def _st_story_strip(story: Story, corpus: Corpus, view: vs.ViewState, records: list, shading: list, shaded: bool,
                    number: int, today: dt.date) -> None:
    """The time strip under the story map (static/app/time-strip.js): each step's grouping and day, whose changes
    among the memberships the map holds are its ticks; the reader looks around in time from there, and the step
    keeps its own day (nothing is sent)."""
    between = (view.filters.date_from, view.filters.date_to)
    variants = {org: strip_data(records, org, corpus, day, RANGE_START, today, shaded, between, narrows(view.filters))
                for org, day in dict(reversed(shading)).items()}
    steps = [{"org": org, "value": day.isoformat(), "own": bool(s.map.shade or s.map.as_of)}
             for s, (org, day) in zip(story.steps, shading, strict=True)]
    with st.container(height=STORY_STRIP_HEIGHT, border=False, key="story-strip-room"):
        TIME_STRIP_COMPONENT(key=STORY_STRIP_KEY, data={"variants": variants, "story": {"steps": steps, "current": number}})


def st_step_notices(story: Story, corpus: Corpus, view: vs.ViewState, shown: StepView) -> None:
    """Say when the step's marks are outside the reader's filters or on layers the reader switched off."""
    step = story.step(shown.number)
    outside = marks_outside(step, corpus, {r.id for r in shown.selected})
    if outside:
        titles = "; ".join(escape.markdown(r.title) for r in outside)
        st.info(ngettext("{n} of this step's {total} marks is outside the current filters, and shown anyway: {records}.",
                         "{n} of this step's {total} marks are outside the current filters, and shown anyway: "
                         "{records}.", len(outside)).format(
                    n=format_number(len(outside)), total=format_number(len(step.marks)), records=titles),
                icon=":material/filter_alt_off:")
        st.button(_("Clear all filters"), key="story-clear-filters", on_click=clear_filters)
    switched_off = layers_switched_off(step, corpus, view.layers)
    if switched_off:
        layers = ", ".join(LAYER_TITLES[k] for k in switched_off)
        st.info(_("This step shows layers you switched off in the sidebar, for its marks: {layers}.").format(
            layers=layers), icon=":material/layers:")


def st_step_words(story: Story, corpus: Corpus, view: vs.ViewState, number: int, today: dt.date) -> None:
    """The step's excerpts, notes and disagreements (dashboard/story/html.py), and the link to explore it on the map:
    every step's, sent with the page, so that a step change shows its words in the browser at once
    (static/app/story-words.js)."""
    _st_per_step(STORY_WORDS_KEY, "story-words-now", number, cached.story_words(view, today))


def _st_per_step(key: str, target: str, number: int, html: list[str]) -> None:
    """Step `number`'s HTML of `html` (one per step, our own escaped HTML) drawn with the page, in an element of
    class `target`; the others sent with it, for the browser to show at each step change (story-words.js)."""
    # In a room of its own (first-paint.css: the line under the map takes none on a phone, where the strip says it).
    with st.container(key=f"{target}-room"):
        st_html(f'<div class="{target}">{html[number - 1]}</div>', css="story")
        _STORY_STEP_HTML(key=key, data={"current": number, "words": html, "target": target, "say": caption_words()})


def st_overview(story: Story, corpus: Corpus, view: vs.ViewState, today: dt.date, words: bool = True) -> None:
    """Every step on one page, each with a small static map drawn here, and its words (unless not `words`)."""
    geodata = cached.get_geodata()
    svgs = overview_maps(story, corpus, geodata.countries, geodata.borders, today)
    body = overview_html(story, corpus, today, record_href(view, corpus), story_href, svgs, words)
    st_html(body, css="story")


