"""The tour as a story: step by step, each step's place on the same map, its words from the articles."""

from __future__ import annotations

import streamlit as st

from dashboard.corpus.records import Corpus
from dashboard.i18n import gettext as _
from dashboard.query import link as vs
from dashboard.story.extract import own
from dashboard.story.view import current_step, step_view
from dashboard.ui import story as story_ui
from dashboard.ui.page import st_live
from dashboard.ui.session import reader_today
from dashboard.ui.share import st_share


def head(corpus: Corpus) -> None:
    """Drawn by the full run only: the title, the way to the overview, and the link to the step shown."""
    story = story_ui.get_story_or_problems()
    title, actions = st.columns([5, 4], vertical_alignment="bottom")
    title.title(own(story.title) if story else _("The tour, step by step"), anchor=False)
    with actions, st.container(key="story-actions", horizontal=True, horizontal_alignment="right",
                               vertical_alignment="center"):
        st.page_link("views/story_overview.py", label=_("All steps on one page"), icon=":material/view_module:",
                     help=_("Every step with a small map and its excerpts: for printing or a slide."))
        # The address bar holds the step (?story=N), and the box gives the address bar: a teacher can send step 4.
        st_share(corpus, caption=_("This link opens the story on the step shown, with the filters set in the "
                                   "sidebar. The step's briefing and map image are below its words."),
                 downloads=False)



def render(corpus: Corpus, view: vs.ViewState) -> None:
    story = story_ui.get_story_or_problems()
    if story is None:
        return
    today = reader_today()
    number = current_step(story, view)
    shown = step_view(story, corpus, view, number, today)
    # What this run draws of the step; a step change that needs more reruns the page (story_ui.st_story_nav).
    st.session_state[story_ui.STORY_DRAWN_KEY] = story_ui.drawn_of_step(story, corpus, view, number, today)
    story_ui.st_story_nav(story, corpus, today)
    map_col, words = st.columns([7, 5], gap="medium")
    with map_col:
        story_ui.st_story_map(corpus, view, story, shown, today)
    with words, st.container(height=story_ui.MAP_HEIGHT, border=False, key="story-words"):
        st.caption(_("Quotes are verbatim from the five articles; the dashboard's own words are marked as such, "
                     "with the records they rest on."))
        story_ui.st_step_notices(story, corpus, view, shown)
        story_ui.st_step_words(story, corpus, view, number, today)
        story_ui.st_step_downloads(story, corpus, today)


st_live(render, head=head, page="story")
