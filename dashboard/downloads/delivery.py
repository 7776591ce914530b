"""The file a download button asks for, made from the reader's view and packed for the browser (pure).

The buttons (static/app/downloads.js) send a request (snapshot.parse_download_request); dashboard/ui/downloads.py
adds the session's view, the app's address and the reader's clock, and sends back what this returns.
"""

from __future__ import annotations

import base64
import datetime as dt
import urllib.parse

from dashboard.corpus.records import Corpus
from dashboard.downloads.snapshot import (
    DownloadRequest,
    Focus,
    file_stem,
    link_lang,
    make_snapshot,
    view_link,
)
from dashboard.i18n import gettext as _
from dashboard.query import link as vs


def make_download_file(request: DownloadRequest, corpus: Corpus, countries, borders, view: vs.ViewState, *,
                       base: str | None, made: dt.datetime, focus: Focus | None = None) -> dict:
    """The requested file: {"name", "mime", "bytes" (its size), "data" (base64)}.

    `view`: the session's, with the reader's map position (the address bar's lat/lon/z, for the link);
    `countries`, `borders`: the geodata's GeoDataFrames; `base`: the app's address, which makes the file's link
    absolute (a Focus's own link, else the view's; no link without it); `made`: the reader's now. AssetError or
    GeodataError if Leaflet's files or the geodata are broken.

    The file is made in the language spoken (the caller's i18n.override), and its link opens in it (`lang=`).
    """
    link = link_lang(urllib.parse.urljoin(base, focus.link)) if focus is not None and focus.link and base else \
        view_link(base, view, corpus)
    snap = make_snapshot(corpus, view, made=made, link=link, extent=request.extent, focus=focus)
    # Imported here: the briefing's and the PNG's modules (matplotlib) are needed only when a file is asked for.
    if request.kind == "html":
        from dashboard.downloads.briefing import build_briefing

        data = build_briefing(snap, countries, borders).encode("utf-8")
        name, mime = f"briefing-{file_stem(snap)}.html", "text/html"
    elif request.kind == "embed":
        from dashboard.downloads.embed import build_embed

        data = build_embed(snap, countries, borders).encode("utf-8")
        name, mime = f"published-map-{file_stem(snap)}.html", "text/html"
    else:
        from dashboard.downloads.image import build_map_png

        data = build_map_png(snap, countries, borders).png
        name, mime = f"map-{file_stem(snap)}.png", "image/png"
    return {"name": name, "mime": mime, "bytes": len(data), "data": base64.b64encode(data).decode("ascii")}


def download_words() -> dict:
    """The download buttons' words (static/app/downloads.js), in the language spoken: for each kind of file its
    button, its short name and its help; what the status line says while a file is made and once it is saved."""
    return {
        "kinds": {
            "html": {"label": _("Download briefing (HTML)"), "short": _("Briefing"),
                     "help": _("One file: the map, every record in view with its excerpts and sources, the link. "
                               "Opens offline.")},
            "embed": {"label": _("Publish this view (HTML)"), "short": _("Publish"),
                      "help": _("The map alone, in one small file for your own site or CMS: put it on any web server "
                                "and show it in an iframe. A click opens the quotes; it fetches nothing, so your "
                                "readers never reach this server.")},
            "png": {"label": _("Download map (PNG)"), "short": _("Map (PNG)"),
                    "help": _("The map as an image for slides: 1920 px wide, with its legend, date, attribution and "
                              "link.")},
        },
        "making": {"html": _("Making the briefing…"), "embed": _("Making the published map…"),
                   "png": _("Drawing the map…")},
        # "{name}": the file's name; "{size}": one of the sizes below, its {n} in the page's number format.
        "saved": _("Saved {name} ({size})."),
        "mb": _("{n} MB"),
        "kb": _("{n} kB"),
    }
