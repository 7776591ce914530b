"""Every step of the story on one page, each with a small static map and its words: for printing or a slide."""

from __future__ import annotations

import streamlit as st

from dashboard.corpus.records import Corpus
from dashboard.i18n import gettext as _
from dashboard.query import link as vs
from dashboard.story.extract import own
from dashboard.ui import story as story_ui
from dashboard.ui.page import st_live
from dashboard.ui.session import reader_today


def render(corpus: Corpus, view: vs.ViewState) -> None:
    story = story_ui.get_story_or_problems()
    if story is None:
        return
    st.title(_("{title}: all steps").format(title=own(story.title)), anchor=False)
    with st.container(key="story-noprint", horizontal=True, vertical_alignment="center"):
        st.page_link("views/story.py", label=_("Back to the story"), icon=":material/arrow_back:")
        slide = st.toggle(_("Maps and headings only, for a slide"), key="story-slide")
    st.caption(_("For printing (a step is not split across pages) or a slide. The small maps show each step as the "
                 "story tells it, whatever the filters; the excerpts link to their place in the articles."))
    story_ui.st_overview(story, corpus, view, reader_today(), words=not slide)


st_live(render)
