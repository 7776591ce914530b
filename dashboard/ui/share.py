"""'Share this view': the address bar's link, a copy button, a citation, the code that embeds the view in another
page, and (on the map page) the downloads.

The box is a page of its own in an iframe: static/app/share-box.html, .css and .js; its words come in its
configuration, in the page's language, and the link it gives opens in that language (`lang=`).
"""

from __future__ import annotations

import streamlit as st

from dashboard import i18n
from dashboard.corpus.dates import day_templates
from dashboard.corpus.records import Corpus
from dashboard.frontend import static_page
from dashboard.i18n import N_
from dashboard.i18n import gettext as _
from dashboard.query import link as vs
from dashboard.ui.downloads import st_downloads

SHARE_CAPTION = N_("This link opens exactly this view: filters, selection, layers, and the map's position and zoom.")
# The embed code's height, px: the title, the map and the top of the evidence beside it (a host page may change it).
EMBED_HEIGHT = 760


def share_box_words() -> dict[str, str]:
    """The share box's words (static/app/share-box.html and .js), in the language spoken. `cite`: the citation,
    its {day} (the reader's calendar day, written with `days` as dates.format_date writes it: a free-form citation,
    not a style that asks for ISO), {version} and {link} filled in by the box."""
    return {
        "link": _("Link"),
        "linkLabel": _("Link to this view"),
        "copy": _("Copy link"),
        "citation": _("Citation"),
        "citationLabel": _("Citation of this view"),
        "embed": _("Embed in a page (HTML)"),
        "embedLabel": _("HTML code that embeds this view in a page"),
        "copyEmbed": _("Copy embed code"),
        "copied": _("Copied"),
        "pressLink": _("Press Ctrl+C (or Cmd+C) to copy the link"),
        "pressCode": _("Press Ctrl+C (or Cmd+C) to copy the code"),
        "cite": _("Central Asia tour dashboard, view of {day} (corpus {version}). {link}"),
        "dashboard": _("Central Asia tour dashboard"),
        "days": day_templates(),
    }


def link_language() -> str | None:
    """The language a link shared from this page names (`lang=`), so that it opens in the sender's: the language
    spoken, unless it is English (the default), whose link stays the address bar's own."""
    return None if i18n.active() == i18n.DEFAULT else i18n.active()


def share_box_config(corpus: Corpus) -> dict:
    """The share box's configuration: the corpus version, the embed's height, the link's language, the embed
    options Streamlit takes, and the words."""
    return {"version": corpus.version, "height": EMBED_HEIGHT, "lang": link_language(),
            "embedOptions": list(vs.EMBED_TAKEN), "words": share_box_words()}


def st_share(corpus: Corpus, caption: str | None = None, downloads: bool = True) -> None:
    """'Share this view': the address bar's link (filters, selection, layers, map position, a story's step),
    a copy button, a citation and the view's embed code (an iframe in Streamlit's embed mode); `caption` says what
    the link holds on this page (in the language spoken; None: SHARE_CAPTION's). `downloads`: the map
    view's briefing and PNG too (the Story page offers its step's beside the step instead).

    The content is the same for every view (the frame reads the address bar, which the URL sync keeps in
    step), so a filter change re-renders nothing here.
    """
    helped = (_("A link to this view and a citation, a briefing file (HTML) and a map image (PNG).") if downloads
              else _("A link to this view and a citation."))
    with st.popover(_("Share this view"), icon=":material/share:", help=helped):
        st.caption(caption if caption is not None else _(SHARE_CAPTION))
        st.iframe(static_page("share-box", share_box_config(corpus)), height=330,
                  alt=_("Share this view: link, citation, embed code"))
        if downloads:
            st.caption(_("Or take the view with you, for readers without the dashboard:"))
            st_downloads()
