"""'Share this view': the address bar's link, a copy button, a citation, the code that embeds the view in another
page, and (on the map page) the downloads.

The box is a page of its own in an iframe: static/app/share-box.html, .css and .js.
"""

from __future__ import annotations

import streamlit as st

from dashboard.corpus.records import Corpus
from dashboard.frontend import static_page
from dashboard.ui.downloads import st_downloads

SHARE_CAPTION = "This link opens exactly this view: filters, selection, layers, and the map's position and zoom."
# The embed code's height, px: the title, the map and the top of the evidence beside it (a host page may change it).
EMBED_HEIGHT = 760


def st_share(corpus: Corpus, caption: str = SHARE_CAPTION, downloads: bool = True) -> None:
    """'Share this view': the address bar's link (filters, selection, layers, map position, a story's step),
    a copy button, a citation and the view's embed code (an iframe in Streamlit's embed mode); `caption` says what the link holds on this page. `downloads`: the map
    view's briefing and PNG too (the Story page offers its step's beside the step instead).

    The content is the same for every view (the frame reads the address bar, which the URL sync keeps in
    step), so a filter change re-renders nothing here.
    """
    with st.popover("Share this view", icon=":material/share:",
                    help="A link to this view and a citation" + (", a briefing file (HTML) and a map image (PNG)."
                                                                 if downloads else ".")):
        st.caption(caption)
        st.iframe(static_page("share-box", {"version": corpus.version, "height": EMBED_HEIGHT}), height=330)
        if downloads:
            st.caption("Or take the view with you, for readers without the dashboard:")
            st_downloads()

