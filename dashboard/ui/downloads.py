"""'Download briefing (HTML)' and 'Download map (PNG)' (static/app/downloads.js): the buttons, and the file
made on a click's request alone, in the page's language."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

import streamlit as st

from dashboard import i18n
from dashboard.downloads.delivery import download_words, make_download_file
from dashboard.downloads.snapshot import Focus, parse_download_request
from dashboard.i18n import gettext as _
from dashboard.map.assets import AssetError
from dashboard.map.geo import GeodataError
from dashboard.ui import cached
from dashboard.ui.components import light_component
from dashboard.ui.language import page_lang
from dashboard.ui.session import note_refused, reader_language, reader_now, view_from_session

DOWNLOADS_KEY = "downloads"
_DOWNLOADS = light_component("downloads", "downloads")
log = logging.getLogger(__name__)


def _ready_key(key: str) -> str:
    return f"_{key}_ready"


def st_downloads(focus: Focus | Callable[[], Focus] | None = None, key: str = DOWNLOADS_KEY) -> None:
    """'Download briefing (HTML)' and 'Download map (PNG)' of the view the reader has now.

    Nothing is made on a rerun: a click sends the map's frame as the reader sees it, and the file is made on
    that request alone (`_on_download`), then sent back once and saved by the browser. Drawn by the map page's
    full runs only (in the share box), so a filter change never touches it.

    focus: another page's context, e.g. the story's current step: its title, its frame and the records to
    feature (dashboard.downloads.snapshot.Focus), or a function giving it at the click (the story's step shown then,
    which the browser may have switched since this run). key: a different
    key for each place the buttons are drawn on one page.
    """
    ready = st.session_state.pop(_ready_key(key), None)
    _DOWNLOADS(key=key, data={"ready": ready, "words": download_words(), "lang": page_lang()}, default=None,
               on_ask_change=lambda: _on_download(key, focus))


def _on_download(key: str, focus: Focus | Callable[[], Focus] | None) -> None:
    """Callback of the download buttons: check the request, make the file, keep it for the next draw.

    A callback runs before the page's script has said which language the run speaks (app.py), in a thread of its
    own: the file is made in the reader's language here (its words, its `<html lang>`, its link's `lang=`)."""
    with i18n.override(reader_language()):
        _download(key, focus)


def _download(key: str, focus: Focus | Callable[[], Focus] | None) -> None:
    payload = (st.session_state.get(key) or {}).get("ask")
    try:
        request = parse_download_request(payload)
    except ValueError as exc:
        note_refused(_("A download was refused: {reason}").format(reason=exc))
        return
    try:
        ready = make_download(request, focus() if callable(focus) else focus)
    except (AssetError, GeodataError) as exc:
        ready = {"error": _("The file could not be made: {reason}").format(reason=exc)}
    except Exception:
        log.exception("download %s failed", request.kind)
        ready = {"error": _("The file could not be made (the server's log says why). Please try again.")}
    st.session_state[_ready_key(key)] = {"n": request.number, **ready}


def make_download(request, focus: Focus | None) -> dict:
    """The requested file for the session's view: {"name", "mime", "bytes", "data" (base64)}
    (dashboard/downloads/delivery.py).

    The view is the session's (filters, selection, layers, dates); the map's position is the reader's, from
    the request (the frame the map reported, and the address bar's lat/lon/z for the link).
    """
    geodata = cached.get_geodata()
    view = replace(view_from_session(), view=request.map_view)
    return make_download_file(request, cached.get_corpus(), geodata.countries, geodata.borders, view,
                              base=st.context.url, made=reader_now(), focus=focus)
