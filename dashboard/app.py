"""Entry point: page config, the sidebar's frame every page shares, and navigation. Nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the repo root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import i18n  # noqa: E402
from dashboard.corpus.problems import CorpusError  # noqa: E402
from dashboard.i18n import gettext as _  # noqa: E402
from dashboard.labels import SITE_TITLE, tab_title  # noqa: E402
from dashboard.ui import cached  # noqa: E402
from dashboard.ui.notices import st_problems  # noqa: E402
from dashboard.ui.page import st_phone_nav, st_sidebar  # noqa: E402
from dashboard.ui.session import reader_language  # noqa: E402

# Not "pages/": Streamlit would treat that folder as a legacy multipage app and run pages without app.py.
PAGES = Path(__file__).resolve().parent / "views"

# The language first: every word below, the corpus's problems included, is said in it. A fragment's own run and
# the callbacks before a run are threads of their own, which ask the resolver (dashboard/i18n.py).
i18n.set_resolver(reader_language)
i18n.activate(reader_language())
st.set_page_config(page_title=_(SITE_TITLE), page_icon="🗺️", layout="wide")

try:
    corpus = cached.get_corpus()
except CorpusError as exc:
    st_problems(exc, _("corpus (annotations.yaml, seeds/)"))
    st.stop()

st_sidebar(corpus)  # and the pages' styles, last in the sidebar
pages = [
    st.Page(PAGES / "map.py", title=_("Map"), icon=":material/map:", default=True),
    st.Page(PAGES / "story.py", title=_("Story"), icon=":material/auto_stories:", url_path="story"),
    st.Page(PAGES / "charts.py", title=_("Charts"), icon=":material/bar_chart:", url_path="charts"),
    st.Page(PAGES / "reader.py", title=_("Articles"), icon=":material/article:", url_path="reader"),
    st.Page(PAGES / "compare.py", title=_("Compare"), icon=":material/compare_arrows:", url_path="compare"),
    st.Page(PAGES / "search.py", title=_("Search"), icon=":material/search:", url_path="search"),
    st.Page(PAGES / "data.py", title=_("Data"), icon=":material/table:", url_path="data"),
    st.Page(PAGES / "about.py", title=_("About"), icon=":material/info:", url_path="about"),
    # Reached from the Story page (a link beside its title), not from the navigation.
    st.Page(PAGES / "story_overview.py", title=_("Story: all steps"), icon=":material/view_module:",
            url_path="story-overview", visibility="hidden"),
]
# Each page runs its body through st_live: the filters and the page in one fragment.
page = st.navigation(pages, position="top")
# Each page its own name in the tab and the history (issue 28); the story's pages say their step as well.
st.set_page_config(page_title=tab_title(page.title))
page.run()
st_phone_nav(pages)
