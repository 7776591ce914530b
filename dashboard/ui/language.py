"""The language switch (static/app/language-switch.*), first in the sidebar on every page, and the page's own
language for the browser (`<html lang>`)."""

from __future__ import annotations

import streamlit as st

from dashboard import i18n
from dashboard.frontend import read_static
from dashboard.i18n import gettext as _
from dashboard.query import link as vs
from dashboard.ui.components import light_component

LANGUAGE_SWITCH_KEY = "language_switch"
PHONE_SWITCH_KEY = "language_switch_phone"  # the same switch in the phone's bar of page links (the sidebar is shut)
_LANGUAGE_SWITCH = light_component("language_switch", "language-switch")


def st_language_switch(key: str = LANGUAGE_SWITCH_KEY) -> None:
    """English and Русский, each named in itself; a choice runs the whole page again in that language (the
    navigation's and the sidebar's words are drawn in full runs only) and goes into the address bar (`lang=`).
    `key`: the sidebar's (LANGUAGE_SWITCH_KEY) or the phone bar's (PHONE_SWITCH_KEY)."""
    data = {"languages": [[code, name] for code, name in i18n.LANGUAGES.items()],
            "active": i18n.active(), "page": page_lang(), "label": _("Language"),
            "skipWords": _("Skip to main content")}
    if key == PHONE_SWITCH_KEY:
        # The phone's bar is drawn after the page, so its switch came last in the Tab order: a link first in the
        # page's Tab order leads to it (its styles are the page's, outside the switch's own shadow root).
        data["skip"] = {"css": read_static("language-skip.css"),
                        # Translators: a link to the language switch; {languages}: "English, Русский".
                        "text": _("Language: {languages}")}
    _LANGUAGE_SWITCH(key=key, default={"lang": None}, on_lang_change=lambda: _on_switch(key), data=data)


def page_lang() -> str:
    """The page's lang attribute: the language spoken (the pseudo-locale's words are English underneath)."""
    return "en" if i18n.active() == i18n.PSEUDO else i18n.active()


def _on_switch(key: str = LANGUAGE_SWITCH_KEY) -> None:
    """Callback of the switch: a language we speak, or nothing (a forged value is ignored)."""
    sent = (st.session_state.get(key) or {}).get("lang")
    code = sent.get("lang") if isinstance(sent, dict) else None
    if isinstance(code, str) and code in i18n.LANGUAGES:
        st.session_state[vs.P_LANG] = code
