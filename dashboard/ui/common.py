"""st_* render helpers shared by the pages: sidebar filters, notices, excerpt cards, evidence."""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import logging
import secrets
import urllib.parse
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import streamlit as st

from dashboard import escape
from dashboard.corpus import clock
from dashboard.corpus.load import Corpus, CorpusError, Problem, all_excerpts
from dashboard.corpus.memberships import status_label
from dashboard.corpus.model import Annotation, Disagreement, Excerpt, Reference
from dashboard.downloads.snapshot import Focus, file_stem, make_snapshot, parse_download_request, view_link
from dashboard.evidence.facts import (
    disputes_by_record,
    record_facts,
    source_citation,
    supports_text,
    when_text,
)
from dashboard.evidence.html import disagreement_html, value_table_html
from dashboard.labels import KIND_SINGULAR
from dashboard.map.assets import AssetError
from dashboard.map.describe import (
    announcement,
    filter_name,
    mark_name,
    search_said,
    selection_said,
    view_figures,
)
from dashboard.map.geo import GeodataError
from dashboard.query import link as vs
from dashboard.query.filter_panel import (
    CLEAR,
    RANGE_KEY,
    PanelEventError,
    build_panel_data,
    date_note,
    parse_panel_event,
    pending_changes,
)
from dashboard.query.filters import RANGE_START, TOUR_START, FilterState, emptied_by, select
from dashboard.ui import cached

VIEW_KEY = "_view_state"
NOTICES_KEY = "_notices"  # what a link asked for that was not used as given
REFUSED_KEY = "_refused"  # a change made on the page (the sidebar, a step, a download) that was not applied
DATE_NOTES_KEY = "_date_notes"  # what the panel says beside a date field the server read otherwise
SEEDED_KEY = "_seeded"
# The sidebar container the filter panel goes into (made by a full run, written by the page fragment).
FILTER_SLOT_KEY = "_filter_slot"
# The filter panel's widget key (its values live in plain Session State keys, vs.P_ORG ... RANGE_KEY).
PANEL_KEY = "filter_panel"
# The last panel change this session applied (panel.Applied), and the session's own token: the panel resends
# its unapplied changes when the token changes (a reconnect that landed on a new session).
PANEL_APPLIED_KEY = "_panel_applied"
SESSION_TOKEN_KEY = "_session_token"
_STATIC_APP = Path(__file__).resolve().parents[1] / "static" / "app"


def light_component(name: str, stem: str):
    """An st.components.v2 component from our own static/app/<stem>.js and .css (no iframe)."""
    return st.components.v2.component(
        f"dashboard.{name}",
        css=(_STATIC_APP / f"{stem}.css").read_text(encoding="utf-8"),
        js=(_STATIC_APP / f"{stem}.js").read_text(encoding="utf-8"),
    )


_FILTER_PANEL = light_component("filter_panel", "filter-panel")






def st_page_style() -> None:
    """The pages' own layout rules (static/app/page.css, and evidence.css for the evidence panel's wide parts),
    once per full run."""
    css = "".join((_STATIC_APP / f"{stem}.css").read_text(encoding="utf-8") for stem in ("page", "evidence"))
    st.html(f"<style>{css}</style>")


def st_phone_nav(pages) -> None:
    """The pages as a row of links at the top of every page, shown on a phone only (page.css): there Streamlit
    folds its top navigation into the closed sidebar, a page away from every page."""
    with st.container(horizontal=True, key="phone-nav", gap="small"):
        for page in pages:
            if getattr(page, "visibility", "visible") != "hidden":
                st.page_link(page, label=page.title, icon=page.icon)


def st_html(body: str, css: str | None = None) -> None:
    """Our own escaped HTML (built by a pure module), with its stylesheet from static/app/<css>.css."""
    style = f"<style>{(_STATIC_APP / f'{css}.css').read_text(encoding='utf-8')}</style>" if css else ""
    st.html(style + body)


def st_problems(exc: CorpusError | Exception, what: str, cannot: str = "The dashboard cannot start") -> None:
    """Show every problem of a broken corpus, geodata or story readably, never a traceback."""
    st.error(f"{cannot}: the {what} has problems. Fix them and reload the page.")
    problems = exc.problems if isinstance(exc, CorpusError) else [Problem(what, None, None, None, str(exc))]
    st.dataframe(
        [{"file": p.file, "line": p.line, "record": p.record, "field": p.field, "problem": p.message}
         for p in problems],
        hide_index=True, width="stretch",
    )
    st.caption("The same list comes from `python -m dashboard.validate` on the command line.")


def _reader_zone() -> str | None:
    """The browser's time zone (IANA name), or None."""
    try:
        return st.context.timezone
    except Exception:  # noqa: BLE001 -- outside a session (bare mode) there is no browser to ask
        return None


def reader_today() -> dt.date:
    """Today where the reader is (the browser's time zone), not where the server is."""
    return clock.today_in(_reader_zone())


def _query_lists() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _seed_from_url(corpus: Corpus) -> None:
    """On a session's first run, set the widgets from the link it was opened with."""
    state, notices = vs.decode(_query_lists(), corpus, reader_today(), cached.story_steps())
    _set_view(state)
    st.session_state["_initial_view"] = state.view
    st.session_state[NOTICES_KEY] = notices
    st.session_state[SESSION_TOKEN_KEY] = secrets.token_hex(8)
    st.session_state[SEEDED_KEY] = True


def _set_view(state: vs.ViewState) -> None:
    f = state.filters
    ss = st.session_state
    ss[vs.P_ORG], ss[vs.P_COUNTRY], ss[vs.P_TOPIC] = list(f.orgs), list(f.countries), list(f.topics)
    ss[vs.P_ARTICLE], ss[vs.P_KIND] = list(f.sources), list(f.kinds)
    ss[vs.P_DATE] = f.as_of
    ss[RANGE_KEY] = (f.date_from, f.date_to)  # None: open (from 1991, up to the reader's today)
    ss[vs.P_SHADE], ss[vs.P_LAYERS], ss[vs.P_TILES] = state.shade, list(state.layers), state.tiles
    ss[vs.P_SEL], ss[vs.P_SOURCE], ss[vs.P_EXCERPT] = state.selected, state.source, state.excerpt
    ss[vs.P_QUERY] = f.query
    ss[vs.P_AT] = state.passage
    ss[vs.P_STORY] = state.story


# Longer than any address bar the panel writes; a longer `restore` is not the panel's.
MAX_RESTORE = 4000


def _restore_from_address_bar(query: object, corpus: Corpus) -> None:
    """The view from the address bar the panel sent after a reconnect landed on this new session.

    Streamlit's page sends, with every rerun, the query string it had when the page was loaded (or last
    set with `st.query_params`), not the address bar the panel and the map keep in step: this session
    was seeded with the link the reader opened, not the view they had.
    """
    if not isinstance(query, str) or len(query) > MAX_RESTORE:
        return
    params = urllib.parse.parse_qs(query.removeprefix("?"), keep_blank_values=True)
    state, _ = vs.decode(params, corpus, reader_today(), cached.story_steps())
    _set_view(replace(state, source=st.session_state.get(vs.P_SOURCE), excerpt=st.session_state.get(vs.P_EXCERPT)))


def clear_filters() -> None:
    """Callback of 'Clear all': every filter back to its default, the selection too."""
    ss = st.session_state
    for key in (vs.P_ORG, vs.P_COUNTRY, vs.P_TOPIC, vs.P_ARTICLE, vs.P_KIND):
        ss[key] = []
    ss[vs.P_DATE] = TOUR_START
    ss[RANGE_KEY] = (None, None)
    ss[vs.P_SEL] = None
    ss[vs.P_QUERY] = ""
    ss[NOTICES_KEY] = []
    ss[REFUSED_KEY] = []


def clear_facet(facet: str) -> None:
    """Callback that clears the one filter that emptied the result."""
    ss = st.session_state
    key = {"orgs": vs.P_ORG, "countries": vs.P_COUNTRY, "topics": vs.P_TOPIC, "sources": vs.P_ARTICLE,
           "kinds": vs.P_KIND}.get(facet)
    if key:
        ss[key] = []
    elif facet == "dates":
        ss[RANGE_KEY] = (None, None)
    elif facet == "as_of":
        ss[vs.P_DATE] = TOUR_START
    elif facet == "query":
        ss[vs.P_QUERY] = ""


def _filters_from_session() -> FilterState:
    ss = st.session_state
    start, end = (tuple(ss.get(RANGE_KEY) or ()) + (None, None))[:2]
    return FilterState(
        orgs=tuple(ss.get(vs.P_ORG) or ()),
        countries=tuple(ss.get(vs.P_COUNTRY) or ()),
        topics=tuple(ss.get(vs.P_TOPIC) or ()),
        sources=tuple(ss.get(vs.P_ARTICLE) or ()),
        kinds=tuple(ss.get(vs.P_KIND) or ()),
        as_of=ss.get(vs.P_DATE) or TOUR_START,
        date_from=start if start and start != RANGE_START else None,
        # An end at or after the reader's today is no end (it stays 'today' as days pass).
        date_to=end if end and end < reader_today() else None,
        query=ss.get(vs.P_QUERY) or "",
    )


def st_sidebar(corpus: Corpus) -> None:
    """The sidebar's frame, once per full run: the heading and a place for the panel.

    The panel itself (filters, Clear all, the map's controls) is drawn by `st_live`, inside the
    page's fragment: one light element instead of a dozen Streamlit widgets, whose code the page
    would otherwise load before the map.
    """
    if not st.session_state.get(SEEDED_KEY):
        _seed_from_url(corpus)
    with st.sidebar:
        st.header("Filters")
        st.caption("Beside each choice: how many records it leaves, with the other filters as set.")
        st.session_state[FILTER_SLOT_KEY] = st.container()
    _st_rerun_after_reconnect()


# Streamlit's page asks the server for a full run after a reconnect only if its last run was cut off,
# was a fragment's run, or the app has a fragment that reruns itself on a timer. After a full run that
# finished (a page loaded, a page switched) it asks for nothing; if the reconnect landed on a new session
# (the server restarted, another replica took over), that session has never run the app, knows none of
# its fragments, and drops every change the page sends (they all rerun `st_live`'s fragment): the page
# looks alive but is dead until reloaded (issue #20; Streamlit PR 11890 covers only the fragment-run case).
# This fragment reruns itself hourly, which costs nothing, so that the page always asks for a full run
# after a reconnect; the panel then sends the new session the address bar (`_restore_from_address_bar`).
RECONNECT_RERUN_S = 3600


@st.fragment(run_every=RECONNECT_RERUN_S)
def _st_rerun_after_reconnect() -> None:
    """Draws nothing (see the comment above)."""


def st_live(render: Callable[[Corpus, vs.ViewState], None], head: Callable[[Corpus], None] | None = None,
            search_status: bool = True) -> None:
    """Run a page: the sidebar panel, the link's notices and the page body in one fragment.

    A change in the panel then reruns only the page and the panel (which also keeps the
    address bar in step); the sidebar's heading and the navigation stay as they are.
    Every page calls this, so the panel is on every page.
    `head`, if given, draws the top of the page that does not depend on the filters, in full runs only.
    `search_status`: whether a search (?q=) is announced above the page, with its count (the search page
    says it its own way).
    """
    corpus = cached.get_corpus()
    if head is not None:
        head(corpus)

    @st.fragment
    def live() -> None:
        # The page first (the filters' values are in Session State already): the map's element then
        # reaches the browser ahead of the filter panel.
        view = view_from_session()
        st.session_state.pop(ON_MAP_KEY, None)  # the map page counts its marks while it draws
        # One element, filled or empty: notices and a search's status come and go, and were they elements
        # of their own, the page's elements after them would move and be drawn anew (the map remounted).
        with st.container(key="page-notes"):
            st_notices()
            if search_status:
                st_search_status(corpus, view)

        try:
            render(corpus, view)
        except (GeodataError, AssetError) as exc:
            st_problems(exc, "map (geodata or Leaflet's files)")
        st_filters(corpus, st.session_state[VIEW_KEY], link_payload(st.session_state[VIEW_KEY], corpus))

    live()


def _pick_record(key: str) -> None:
    """Callback of a record list: select the chosen record, then empty the list for the next choice."""
    ss = st.session_state
    if ss.get(key):
        ss[vs.P_SEL] = ss[key]
        ss[key] = None


def st_record_picker(label: str, records: list[Annotation], corpus: Corpus, key: str, placeholder: str,
                     help: str | None = None, names: dict[str, str] | None = None) -> None:
    """A list of records to select one from, each named as its mark is (describe.mark_name, or `names` by
    record id where the caller knows more, such as a border's computed length): the keyboard's and the screen
    reader's way to what a map or a chart shows. Nothing if there is nothing to choose."""
    names = {r.id: (names or {}).get(r.id) or mark_name(r, corpus) for r in records}
    if not names:
        return
    st.selectbox(label, options=list(names), format_func=names.get, index=None, key=key,
                 on_change=_pick_record, args=(key,), placeholder=placeholder, help=help)


# How many records the map page draws (set while it draws), for the live region's words.
ON_MAP_KEY = "_on_map"


def st_search_status(corpus: Corpus, view: vs.ViewState) -> None:
    """While a search is on: what it is, how many records it and the filters leave, a way to all its results
    (the articles' passages too) and a way to clear it. Nothing without a search."""
    query = view.filters.query
    if not query:
        return
    figures = view_figures(corpus, view.filters)
    with st.container(horizontal=True, vertical_alignment="center", key="search-status"):
        st.markdown(search_said(f"**“{escape.markdown(query)}”**", figures))
        st.page_link("views/search.py", label="All results", icon=":material/search:")
        st.button("Clear search", key="clear-search", icon=":material/close:", on_click=clear_facet, args=("query",))


def is_new_event(name: str, value: object) -> bool:
    """Whether a click-like value a component reports (a map click, a chart selection) is new to this session.

    The first value a session sees is taken as seen: after a reconnect that lands on a new session (a
    restarted server, another replica) the browser reports the last click again, which the link already
    holds; applying it again would undo whatever the reader did since (a cleared selection).
    """
    key = f"_seen_{name}"
    ss = st.session_state
    first = key not in ss
    new = not first and ss[key] != value
    ss[key] = value
    return new


def view_from_session() -> vs.ViewState:
    """The whole view state, from the values the panel and the link set in Session State; stored under VIEW_KEY."""
    ss = st.session_state
    view = vs.ViewState(
        filters=_filters_from_session(),
        shade=ss.get(vs.P_SHADE) or vs.DEFAULT_ORG,
        selected=ss.get(vs.P_SEL),
        layers=tuple(lay for lay in vs.LAYERS if lay in (ss.get(vs.P_LAYERS) or [])),
        tiles=bool(ss.get(vs.P_TILES)),
        view=_current_view(),
        source=ss.get(vs.P_SOURCE),
        excerpt=ss.get(vs.P_EXCERPT),
        passage=ss.get(vs.P_AT),
        story=ss.get(vs.P_STORY),
    )
    ss[VIEW_KEY] = view
    return view


def st_filters(corpus: Corpus, view: vs.ViewState, link: dict) -> None:
    """The sidebar panel: the filters (each option with how many records it would leave), the two
    dates, Clear all, and the map's controls (shading, layers, online tiles).

    It also keeps the address bar in step with the view (`link`, see link_payload), and says what a
    change did in a polite live region (`announce`): it is redrawn on every change anyway, so no other
    element has to be.
    """
    applied = st.session_state.get(PANEL_APPLIED_KEY)
    said = announcement(corpus, view.filters, len(select(corpus, view.filters)), st.session_state.get(ON_MAP_KEY))
    data = build_panel_data(corpus, view, reader_today(), st.session_state.get(DATE_NOTES_KEY)) | {
        "link": link, "session": st.session_state.get(SESSION_TOKEN_KEY),
        "applied": {"epoch": applied.epoch, "n": applied.number} if applied else None,
        "announce": said,
        "announce_selection": selection_said(corpus, view.selected),
    }
    with st.session_state[FILTER_SLOT_KEY]:
        # A state value, not a trigger: the browser sends it with every rerun request, so the callback
        # always finds it (a trigger is missing from Session State until the browser first sends one).
        _FILTER_PANEL(key=PANEL_KEY, data=data, default={"change": None}, on_change_change=_on_filter_change)


def _on_filter_change() -> None:
    """Callback of the panel: check each change it sent that this session has not applied, then set that
    filter's or control's Session State key."""
    ss = st.session_state
    payload = (ss.get(PANEL_KEY) or {}).get("change")
    try:
        todo, applied = pending_changes(payload, ss.get(PANEL_APPLIED_KEY))
    except PanelEventError as exc:
        note_refused(f"A filter change was ignored: {exc}")
        return
    if "restore" in payload:
        _restore_from_address_bar(payload["restore"], cached.get_corpus())
    for change in todo:
        try:
            key, value = parse_panel_event(change, cached.get_corpus(), reader_today())
        except PanelEventError as exc:
            note_refused(f"A filter change was ignored: {exc}")
            continue
        if key == CLEAR:
            clear_filters()
        else:
            ss[key] = value
        if key in (vs.P_DATE, RANGE_KEY, CLEAR):
            # Said beside the field until the reader next changes it.
            ss[DATE_NOTES_KEY] = {**(ss.get(DATE_NOTES_KEY) or {}),
                                  **({k: "" for k in (vs.P_DATE, RANGE_KEY)} if key == CLEAR else
                                     {key: date_note(key, change.get("value"), value)})}
    ss[PANEL_APPLIED_KEY] = applied


def _current_view() -> vs.MapView | None:
    """The map view the browser last reported through the URL (written by the map itself), read by the
    same decoder as the link on the first run; the link's own view until the map has written one."""
    return vs.decode_view(_query_lists()) or st.session_state.get("_initial_view")


def link_payload(view: vs.ViewState, corpus: Corpus) -> dict:
    """What the address bar should hold: the view's parameters, merged in the browser with the map's own.

    The map reports its center and zoom in the browser (no rerun per pan), so the query string
    is merged there (static/app/filter-panel.js): the server's parameters plus the map's view.

    The server never writes `st.query_params` (the panel drops a link's bad parameters): a session that a
    reconnect starts must not overwrite the address bar with the link the page was opened with before the
    panel has sent it back (see `_restore_from_address_bar`).
    """
    wanted = {k: v for k, v in vs.encode(view, corpus).items() if k not in vs.VIEW_PARAMS}
    return {"want": wanted, "keep": list(vs.VIEW_PARAMS)}


def note_refused(text: str) -> None:
    """Say, above the page, that a change made on the page was not applied (and why)."""
    st.session_state[REFUSED_KEY] = [*(st.session_state.get(REFUSED_KEY) or []), text]


def st_notices() -> None:
    """Show what was dropped from the link, and what change made on the page was not applied, escaped: each
    under words that say which it is."""
    notices = st.session_state.get(NOTICES_KEY) or []
    if notices:
        st.warning("Some link parameters were ignored or read otherwise:\n\n" + "\n".join(f"- {escape.markdown(n)}" for n in notices))
    refused = st.session_state.get(REFUSED_KEY) or []
    if refused:
        st.warning("A change was not applied:\n\n" + "\n".join(f"- {escape.markdown(n)}" for n in refused))


SHARE_CAPTION = "This link opens exactly this view: filters, selection, layers, and the map's position and zoom."


def st_share(corpus: Corpus, caption: str = SHARE_CAPTION, downloads: bool = True) -> None:
    """'Share this view': the address bar's link (filters, selection, layers, map position, a story's step),
    a copy button and a citation; `caption` says what the link holds on this page. `downloads`: the map
    view's briefing and PNG too (the Story page offers its step's beside the step instead).

    The content is the same for every view (the frame reads the address bar, which the URL sync keeps in
    step), so a filter change re-renders nothing here.
    """
    with st.popover("Share this view", icon=":material/share:",
                    help="A link to this view and a citation" + (", a briefing file (HTML) and a map image (PNG)."
                                                                 if downloads else ".")):
        st.caption(caption)
        st.iframe(_SHARE_BOX.replace("__VERSION__", escape.script_json(corpus.version)),
                  height=200)
        if downloads:
            st.caption("Or take the view with you, for readers without the dashboard:")
            st_downloads()



DOWNLOADS_KEY = "downloads"
_DOWNLOADS = light_component("downloads", "downloads")
log = logging.getLogger(__name__)


def _ready_key(key: str) -> str:
    return f"_{key}_ready"


def st_downloads(focus: Focus | None = None, key: str = DOWNLOADS_KEY) -> None:
    """'Download briefing (HTML)' and 'Download map (PNG)' of the view the reader has now.

    Nothing is made on a rerun: a click sends the map's frame as the reader sees it, and the file is made on
    that request alone (`_on_download`), then sent back once and saved by the browser. Drawn by the map page's
    full runs only (in the share box), so a filter change never touches it.

    focus: another page's context, e.g. the story's current step: its title, its frame and the records to
    feature (dashboard.downloads.snapshot.Focus); it is taken at the click, so pass the step shown. key: a different
    key for each place the buttons are drawn on one page.
    """
    ready = st.session_state.pop(_ready_key(key), None)
    _DOWNLOADS(key=key, data={"ready": ready}, default=None,
               on_ask_change=lambda: _on_download(key, focus))


def reader_now() -> dt.datetime:
    """Now, in the reader's time zone (the browser's), for what a download says it was made."""
    return clock.now_in(_reader_zone())


def _on_download(key: str, focus: Focus | None) -> None:
    """Callback of the download buttons: check the request, make the file, keep it for the next draw."""
    payload = (st.session_state.get(key) or {}).get("ask")
    try:
        request = parse_download_request(payload)
    except ValueError as exc:
        note_refused(f"A download was refused: {exc}")
        return
    try:
        ready = make_download(request, focus)
    except (AssetError, GeodataError) as exc:
        ready = {"error": f"The file could not be made: {exc}"}
    except Exception:
        log.exception("download %s failed", request.kind)
        ready = {"error": "The file could not be made (the server's log says why). Please try again."}
    st.session_state[_ready_key(key)] = {"n": request.number, **ready}


def make_download(request, focus: Focus | None) -> dict:
    """The requested file for the session's view: {"name", "mime", "bytes", "data" (base64)}.

    The view is the session's (filters, selection, layers, dates); the map's position is the reader's, from
    the request (the frame the map reported, and the address bar's lat/lon/z for the link).
    """
    corpus = cached.get_corpus()
    geodata = cached.get_geodata()
    view = replace(view_from_session(), view=request.map_view)
    base = st.context.url
    link = urllib.parse.urljoin(base, focus.link) if focus is not None and focus.link and base else \
        view_link(base, view, corpus)
    snap = make_snapshot(corpus, view, made=reader_now(), link=link, extent=request.extent, focus=focus)
    if request.kind == "html":
        from dashboard.downloads.briefing import build_briefing

        data = build_briefing(snap, geodata.countries, geodata.borders).encode("utf-8")
        name, mime = f"briefing-{file_stem(snap)}.html", "text/html"
    else:
        from dashboard.downloads.image import build_map_png

        data = build_map_png(snap, geodata.countries, geodata.borders).png
        name, mime = f"map-{file_stem(snap)}.png", "image/png"
    return {"name": name, "mime": mime, "bytes": len(data), "data": base64.b64encode(data).decode("ascii")}


_SHARE_BOX = """
<style>
body { margin: 0; font: 14px system-ui, sans-serif; color: #262730; }
textarea { width: 100%; box-sizing: border-box; font: 13px ui-monospace, monospace; resize: none;
           border: 1px solid #d5d5d9; border-radius: 6px; padding: 6px; background: #f6f6f8; }
button { font: 14px system-ui; padding: 4px 10px; cursor: pointer; margin: 4px 0 8px; }
#ok { color: #2e7d32; margin-left: 8px; }
.label { color: #555; font-size: 12px; margin: 0 0 2px; }
</style>
<p class="label">Link</p>
<textarea id="link" rows="3" readonly aria-label="Link to this view"></textarea>
<button id="copy">Copy link</button><span id="ok" role="status"></span>
<p class="label">Citation</p>
<textarea id="cite" rows="3" readonly aria-label="Citation of this view"></textarea>
<script>
(function () {
  var version = __VERSION__, link = document.getElementById("link"), cite = document.getElementById("cite");
  function href() { try { return window.parent.location.href; } catch (e) { return ""; } }
  // The reader's calendar day (toISOString would give UTC's: 30 Nov at 20:30 on 29 Nov in Los Angeles).
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }
  function refresh() {
    var h = href();
    if (link.value !== h) {
      link.value = h;
      cite.value = "Central Asia tour dashboard, view of " + today()
        + " (corpus " + version + "). " + h;
    }
  }
  refresh();
  // The address bar changes without this frame reloading (filters, map moves): follow it while open.
  setInterval(refresh, 500);
  document.getElementById("copy").onclick = function () {
    refresh();
    var ok = document.getElementById("ok");
    navigator.clipboard.writeText(link.value).then(function () { ok.textContent = "Copied"; },
      function () { link.select(); ok.textContent = "Press Ctrl+C (or Cmd+C) to copy"; });
  };
})();
</script>
"""


def reader_link(excerpt: Excerpt, key: str) -> str:
    """Relative link to the article reader, scrolled to one excerpt."""
    return vs.reader_href(excerpt.source, key)


def excerpt_card_md(excerpt: Excerpt, key: str, corpus: Corpus) -> str:
    """One quote with its source, citation and a link to its place in the article, as escaped markdown."""
    source = corpus.sources[excerpt.source]
    cite = escape.markdown(source_citation(source))
    return (f"> {escape.markdown(' '.join(excerpt.quote.split()))}\n\n"
            f"**{escape.markdown(source.label)}**  \n{cite}  \n"
            f"[Read in the article ↗]({reader_link(excerpt, key)}) · characters {excerpt.start}–{excerpt.end}")


def st_excerpt_card(excerpt: Excerpt, key: str, corpus: Corpus) -> None:
    with st.container(border=True):
        st.markdown(excerpt_card_md(excerpt, key, corpus))


def st_reference(ref: Reference) -> None:
    """A context fact's public reference, visibly not an article excerpt."""
    with st.container(border=True):
        st.markdown(f":blue-badge[context, not from the articles] backs **{escape.markdown(supports_text(ref.supports))}**")
        if ref.quote:
            st.markdown(f"“{escape.markdown(ref.quote)}”")
        st.markdown(f"[{escape.markdown(ref.title)}]({urllib.parse.quote(ref.url, safe=':/?&=%#+,;~')})"
                    + (f" — {escape.markdown(ref.publisher)}" if ref.publisher else ""))


def st_record(record: Annotation, corpus: Corpus, disputes: dict[str, list[Disagreement]], computed=None,
              workings=None) -> None:
    """Everything behind one mark: fields, computed values, disagreements, excerpts and references.

    `workings`, if given, is a wider container (under the map) for the disagreements' versions and the computed
    tables; the record then says where they are.
    """
    st.subheader(escape.markdown(record.title), anchor=False)
    st.caption(KIND_SINGULAR[record.kind])
    if record.summary:
        st.markdown(escape.markdown(record.summary))
    facts = record_facts(record, corpus)
    if facts:
        st.markdown("\n".join(f"- **{escape.markdown(k)}**: {escape.markdown(v)}" for k, v in facts))
    flagged = disputes.get(record.id, [])
    if workings is None:
        st_workings(record, corpus, flagged, computed)
    elif flagged or computed is not None or isinstance(record, Disagreement):
        with workings:
            st_workings(record, corpus, flagged, computed, title=True)
        said = [f"Sources disagree: {escape.markdown(d.title)}" for d in flagged]
        st.markdown("\n".join(f"- ⚠ {line}" for line in said) + ("\n\n" if said else "")
                    + "Every version, and what we computed, is shown with the map, under it.")
    for i, excerpt in enumerate(record.excerpts):
        st_excerpt_card(excerpt, vs.excerpt_key(record.id, i), corpus)
    for ref in record.references:
        st_reference(ref)


def st_workings(record: Annotation, corpus: Corpus, flagged: list[Disagreement], computed=None,
                title: bool = False) -> None:
    """A record's disagreements, every version side by side where they fit, and its computed values."""
    if title:
        st.markdown(f"**Behind “{escape.markdown(record.title)}”: where sources disagree, and what we computed**")
    if computed is not None:
        computed()
    for dis in flagged:
        st_disagreement(dis, corpus)
    if isinstance(record, Disagreement):
        st_disagreement(record, corpus, heading=False)


def st_disagreement(dis: Disagreement, corpus: Corpus, heading: bool = True) -> None:
    """Both (or all) statements, side by side where each has room for a readable line, else stacked."""
    st.markdown(disagreement_html(dis, corpus, heading=heading), unsafe_allow_html=True)


def st_empty(corpus: Corpus, view: vs.ViewState) -> None:
    """Say plainly that nothing matches, and offer to clear what emptied it."""
    st.info("No record matches these filters.")
    for facet in emptied_by(corpus, view.filters) or view.filters.active_facets():
        st.button(f"Clear the {filter_name(facet)} filter", key=f"clear-{facet}",
                  on_click=clear_facet, args=(facet,))


def excerpt_rows(records: list[Annotation], corpus: Corpus) -> list[dict]:
    """Flat rows of every excerpt of some records (for lists and exports)."""
    rows = []
    for record in records:
        keyed = [(e, vs.excerpt_key(record.id, i)) for i, e in enumerate(record.excerpts)]
        # Statements inside a disagreement are quoted too, but have no deep-link key of their own.
        keyed += [(e, None) for e in all_excerpts(record)[len(record.excerpts):]]
        for excerpt, key in keyed:
            rows.append({"record": record.id, "title": record.title, "source": corpus.sources[excerpt.source].label,
                         "quote": " ".join(excerpt.quote.split()), "characters": f"{excerpt.start}–{excerpt.end}",
                         "link": reader_link(excerpt, key) if key else None})
    return rows


def replace_view(view: vs.ViewState, **changes) -> vs.ViewState:
    """A copy of the view state with some fields changed."""
    return replace(view, **changes)


EXCERPT_PAGE_KEY = "excerpt_page"
EXCERPT_LIST_KEY = "excerpt_list"
_EXCERPT_LIST = light_component("excerpt_list", "excerpt-list")


def excerpt_list_data(records: list[Annotation], corpus: Corpus, page: int, page_size: int = 8) -> dict:
    """One page of the filtered records' excerpts as plain data (the list sets it as text, never as HTML)."""
    total = sum(len(r.excerpts) for r in records)
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    # Only the page's excerpts are visited (at 10,000 records a full list costs more than the rest of a rerun).
    rows = ((r, i, e) for r in records for i, e in enumerate(r.excerpts))
    cards = []
    for record, i, excerpt in itertools.islice(rows, (page - 1) * page_size, page * page_size):
        source = corpus.sources[excerpt.source]
        cards.append({
            "title": record.title, "disputed": record.id in corpus.disputed,
            "quote": " ".join(excerpt.quote.split()), "label": source.label, "cite": source_citation(source),
            "link": reader_link(excerpt, vs.excerpt_key(record.id, i)), "start": excerpt.start, "end": excerpt.end,
        })
    return {"cards": cards, "page": page, "pages": pages, "size": page_size, "total": total}


def st_excerpt_list(records: list[Annotation], corpus: Corpus) -> None:
    """Every excerpt of the filtered records, a page at a time, in one light element.

    A new set of records starts again at page 1; the reader's page is kept across reruns otherwise.
    """
    if not any(r.excerpts for r in records):
        st.caption("No excerpts for these filters.")
        return
    signature = hash(tuple(r.id for r in records))
    kept = st.session_state.get(EXCERPT_PAGE_KEY)
    page = kept[1] if isinstance(kept, tuple) and kept[0] == signature else 1
    data = excerpt_list_data(records, corpus, page)
    st.session_state[EXCERPT_PAGE_KEY] = (signature, data["page"])
    _EXCERPT_LIST(key=EXCERPT_LIST_KEY, data=data, default={"page": None},
                  on_page_change=lambda: _on_excerpt_page(signature))


def _on_excerpt_page(signature: int) -> None:
    """Callback of the pager: a page number, checked (the list clamps it to the pages there are)."""
    wanted = (st.session_state.get(EXCERPT_LIST_KEY) or {}).get("page")
    number = wanted.get("page") if isinstance(wanted, dict) else None
    if isinstance(number, int) and not isinstance(number, bool) and 1 <= number <= 100_000:
        st.session_state[EXCERPT_PAGE_KEY] = (signature, number)


def st_feature_table(stops, sites, borders, status, legs, geodata, corpus: Corpus, org_short: str) -> None:
    """The map's features as rows, for readers who prefer a table and for screen readers."""
    rows = _feature_rows(stops, sites, borders, status, legs, geodata, corpus, org_short)
    for row in rows:
        row["sources disagree"] = "⚠" if row["ref"] in corpus.disputed else ""
    st.dataframe(rows, hide_index=True, width="stretch")


def _feature_rows(stops, sites, borders, status, legs, geodata, corpus: Corpus, org_short: str) -> list[dict]:
    rows = []
    for stop in stops:
        rows.append({"layer": "Visit route", "feature": stop.title, "date": when_text(stop), "detail": stop.status,
                     "ref": stop.id})
    for leg in legs:
        rows.append({"layer": "Visit route", "feature": f"Leg {leg.start.city} → {leg.end.city}",
                     "date": when_text(leg.end), "detail": f"{leg.km:,.0f} km (geodesic, WGS84)", "ref": leg.end.id})
    for site in sites:
        km = distance_to_afghanistan(site)
        rows.append({"layer": "Military sites", "feature": site.title, "date": when_text(site),
                     "detail": f"{site.status.replace('_', ' ')}; {km:,.0f} km from Afghanistan", "ref": site.id})
    lengths = dict(zip(geodata.borders["id"], geodata.borders["length_km"]))
    for border in borders:
        km = lengths.get(border.geodata_id)
        rows.append({"layer": "Borders", "feature": border.title, "date": "",
                     "detail": f"{km:,.0f} km computed" if km else "", "ref": border.id})
    for code, record in sorted(status.items()):
        rows.append({"layer": f"Memberships ({org_short})", "feature": corpus.countries.get(code, code),
                     "date": when_text(record), "detail": status_label(record.status), "ref": record.id})
    return rows


def distance_to_afghanistan(site) -> float:
    """Geodesic km from a site's marker to Afghanistan's outline (computed once, in cached.py)."""
    return cached.distances_to_afghanistan(cached.get_corpus().version)[site.id]


def st_site_evidence(site) -> None:
    """A computed distance, with its method, beside what the sources give."""
    km = distance_to_afghanistan(site)
    approximate = "city" in (site.location.place or "") or "not given" in (site.location.place or "")
    st.markdown(value_table_html(
        "Distance to the Afghan border", ("Distance", "Given by", "How"),
        [(f"{km:,.0f} km", "computed from our geodata",
          "geodesic (pyproj, WGS84) from the marker to the nearest point of Afghanistan's outline, "
          "Natural Earth 1:10m simplified at 0.01°"),
         ("—", "the articles", "none of the five articles gives this distance")],
        "The marker stands at the city's coordinates, so the distance is approximate." if approximate else ""),
        unsafe_allow_html=True)


def st_border_evidence(border, geodata, corpus: Corpus) -> None:
    """Computed length beside the articles' and the references' lengths, with the method."""
    row = geodata.borders[geodata.borders["id"] == border.geodata_id]
    if row.empty:
        return
    km = float(row.iloc[0]["length_km"])
    values = [(f"{km:,.1f} km", "computed from our geodata",
               f"geodesic length on the WGS84 ellipsoid (pyproj) of {row.iloc[0]['resolution']}")]
    for dis in disputes_by_record(corpus).get(border.id, []):
        for version in dis.versions:
            if version.excerpt:
                values.append((version.says, corpus.sources[version.excerpt.source].label, "the article's words"))
            elif version.reference:
                values.append((version.says, version.reference.title, "public reference"))
    st.markdown(value_table_html("Length: computed, in the articles, in the record", ("Length", "Given by", "How"),
                             values, "A 1:10m line smooths the river's meanders, so it measures shorter than "
                                     "surveyed lengths."), unsafe_allow_html=True)


_MAP_WATCHDOG = """<div id="map-watchdog" role="alert" style="display:none;padding:8px 12px;border:1px solid #e0a800;
background:#fff3cd;color:#5c4400;border-radius:6px;font:14px system-ui"></div>
<script>
(function () {
  // If Leaflet or the map never arrives (a blocked or missing asset), say so instead of a blank box.
  setTimeout(function () {
    var box = document.getElementById("map-watchdog");
    var frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    var ok = false;
    try { ok = !!(frame && frame.contentWindow.L && frame.contentWindow.map); } catch (e) { ok = true; }
    if (!ok && box) {
      box.textContent = "The map could not be drawn: its scripts did not load. The filters, evidence, charts "
        + "and articles still work. Reload the page; if it persists, the server's map assets are missing "
        + "(pip install --require-hashes -r requirements.txt).";
      box.style.display = "block";
    }
  }, __DELAY__);
})();
</script>"""


def st_map_watchdog(delay_ms: int = 20000) -> None:
    """A visible notice if the map's scripts fail to load in the browser."""
    st.html(_MAP_WATCHDOG.replace("__DELAY__", str(int(delay_ms))), unsafe_allow_javascript=True)
