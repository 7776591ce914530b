"""What the address bar should hold for a view: the parameters the server sets, and those the map keeps (pure)."""

from __future__ import annotations

from dashboard.corpus.records import Corpus
from dashboard.query import link as vs


def link_payload(view: vs.ViewState, corpus: Corpus, page: str | None = None) -> dict:
    """What the address bar should hold: {"want": {parameter: value} of the view, without the map's position,
    "keep": ["lat", "lon", "z"] (and on the Story page "story"), "view": {"lat", "lon", "z": the server's value or
    None}, "carry": ["embed", "embed_options"], "options": vs.EMBED_TAKEN as a list, "own": every page's own
    parameters}, merged in the browser with the
    map's own position (the server's `view` until the map reports one), the story's step and Streamlit's embed
    mode, each kept as it is.

    `page` names the page shown ("reader", "story": vs.PAGE_PARAMS), whose own parameters the address then holds;
    another page's are left out (the article read before does not follow the reader to Compare).

    The map reports its center and zoom in the browser (no rerun per pan), so the query string
    is merged there (static/app/filter-panel.js): the server's parameters plus the map's view.

    The server never writes `st.query_params` (the panel drops a link's bad parameters): a session that a
    reconnect starts must not overwrite the address bar with the link the page was opened with before the
    panel has sent it back (see `restore_from_address_bar` in dashboard/ui/session.py).
    """
    others = {k for name, own in vs.PAGE_PARAMS.items() if name != page for k in own}
    # The story's step is its navigation's (static/app/story-nav.js writes it as the step changes, ahead of the
    # server): a run that began before the latest change must not put the step before it back.
    browsers = [*vs.VIEW_PARAMS, *vs.BROWSER_PARAMS.get(page, ())]
    encoded = vs.encode(view, corpus)
    wanted = {k: v for k, v in encoded.items() if k not in browsers and k not in others}
    # Every page's own parameters: the page links' hrefs (static/app/filter-panel.js) carry the address without them,
    # but to the page shown itself.
    own = sorted({k for params in vs.PAGE_PARAMS.values() for k in params})
    # The map's position as the server read it from the link (None: none, or one it ignored with a notice), for the
    # address until the map has reported its own: a link's lat=NaN was kept, and the share box handed it on.
    server_view = {k: encoded.get(k) for k in vs.VIEW_PARAMS}
    return {"want": wanted, "keep": browsers, "view": server_view, "carry": list(vs.EMBED_PARAMS),
            "options": list(vs.EMBED_TAKEN), "own": own}
