"""The published map (issue 28): one small file of a view's map that asks for nothing, whose every mark opens its
quotes, with a link back to the view; sized, escaped, and whole for every grouping."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import re

import pytest

from dashboard.corpus.load import load_corpus
from dashboard.corpus.model import Disagreement
from dashboard.downloads import embed as embed_mod
from dashboard.downloads.embed import MAX_BYTES, build_embed, referenced
from dashboard.downloads.mapfile import leaflet_assets, map_data
from dashboard.downloads.snapshot import Extent, Focus, make_snapshot, view_link
from dashboard.evidence.excerpts import quote_text
from dashboard.map.geo import load_borders, load_countries
from dashboard.query import link as vs
from dashboard.query.filters import FilterState
from tests.conftest import ROOT
from tests.hostile import PAYLOAD, RAW_FRAGMENTS, make_hostile_corpus
from tests.unit.lang import russian_words
from tests.unit.test_briefing import Page

MADE = dt.datetime(2026, 12, 6, 9, 30, tzinfo=dt.UTC)
# A real deployment's address is longer than a test server's: the size limit must hold for it.
BASE = "https://central-asia-tour-dashboard.streamlit.app/"


@pytest.fixture(scope="module")
def geodata():
    return load_countries(ROOT / "geodata"), load_borders(ROOT / "geodata")


def make(corpus, geodata, view=None, **kwargs):
    view = view or vs.ViewState()
    snap = make_snapshot(corpus, view, made=MADE, link=view_link(BASE, view, corpus), **kwargs)
    return snap, build_embed(snap, *geodata)


# Made anew for each test (0.1 s): mutmut runs a mutant against the tests that called the code it mutates, and a
# module's fixture calls it in its first test only.
@pytest.fixture
def default(corpus, geodata):
    return make(corpus, geodata)


@pytest.fixture
def page(default) -> Page:
    return Page(default[1])


def data_of(page: Page) -> dict:
    return json.loads(next(text for attrs, text in page.scripts if attrs.get("type") == "application/json"))


def templates(html: str) -> dict[str, tuple[str, str]]:
    """Each template's id -> (its data-parts, its HTML)."""
    found = re.findall(r'<template id="([^"]+)"(?: data-parts="([^"]*)")?>(.*?)</template>', html, re.S)
    return {tid: (parts, body) for tid, parts, body in found}


def test_the_default_view_is_at_most_300_kb(default):
    size = len(default[1].encode("utf-8"))
    assert size <= MAX_BYTES == 300_000, size


@pytest.mark.parametrize(("zoom", "width", "height"), [(5, 505, 600), (4, 358, 520)], ids=["desktop", "phone"])
def test_the_default_view_as_the_map_page_frames_it_is_at_most_300_kb(corpus, geodata, zoom, width, height):
    # The app sends the frame its map shows (a fresh map page at 1280x800, and on a phone): wider than the tour's.
    view = vs.ViewState(view=vs.MapView(40.307, 72.5, zoom))
    extent = Extent.around(40.307, 72.5, zoom, width, height)
    _, html = make(corpus, geodata, view, extent=extent)
    assert len(html.encode("utf-8")) <= MAX_BYTES


def test_an_empty_view_says_so_over_the_map(corpus, geodata):
    view = vs.ViewState(filters=FilterState(query="xyzzyqwerty"))
    snap, html = make(corpus, geodata, view)
    assert not snap.records and '<p class="empty" role="status">No record matches this view' in html
    assert '<p class="empty"' not in make(corpus, geodata)[1]


def test_leaflets_rules_for_what_the_map_never_makes_are_left_out():
    css = leaflet_assets()[1]
    used = embed_mod.leaflet_css_used(css)
    assert ".leaflet-control-layers-expanded" in css and ".leaflet-control-layers-expanded" not in used
    assert ".leaflet-control-layers-scrollbar" not in used and ".leaflet-default-icon-path" not in used
    assert ".leaflet-oldie" not in used and "data:image/png" not in used
    # A rule naming something used as well as something not is kept whole; everything else is as Leaflet has it.
    assert ".leaflet-touch .leaflet-bar" in used and ".leaflet-popup-content-wrapper" in used
    assert ".leaflet-control-zoom" in used and ".leaflet-container" in used


def test_nothing_is_loaded_from_anywhere(page):
    for tag, attrs in page.elements:
        assert "src" not in attrs, (tag, attrs)
        assert tag != "link", attrs
    css = "\n".join(page.styles)
    urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", css)
    # Leaflet's own images (its default markers, its layers control) are left out: this map uses neither.
    assert all(u.startswith(("data:", "#")) for u in urls), urls
    assert "images/" not in css and "@import" not in css
    code = "\n".join(text for attrs, text in page.scripts if attrs.get("type") != "application/json")
    assert not re.search(r"""(fetch\(|XMLHttpRequest|importScripts|sendBeacon|new\s+WebSocket|EventSource)""",
                         code)
    assert "sourceMappingURL" not in code


def test_only_its_own_two_scripts_may_run_and_links_leave_the_frame(page):
    csp = next(a["content"] for t, a in page.elements if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "base-uri 'none'" in csp and "connect-src" not in csp
    run = [text for attrs, text in page.scripts if attrs.get("type") != "application/json"]
    assert len(run) == 2 and len(re.findall(r"'sha256-", csp)) == 2
    assert run[0] == leaflet_assets()[0]
    # One base element: a target, no address (every link opens outside the host's frame, none is rewritten).
    bases = [attrs for tag, attrs in page.elements if tag == "base"]
    assert bases == [{"target": "_blank"}]


def test_the_map_fills_the_frame_under_a_bar_that_links_back_to_the_view(corpus, default, page):
    snap, html = default
    assert snap.link.startswith(BASE) and f'<a class="live" href="{htmllib.escape(snap.link)}"' in html
    assert "Open the live view" in "".join(page.text) and "Live view" in "".join(page.text)
    assert data_of(page)["link"] == snap.link
    assert '<div id="map" role="region"' in html and "<h1>" in html and snap.subtitle in html
    # The map alone: no list of records, no card anchors (the briefing has them).
    assert 'id="rec-' not in html and "Every record in view" not in html
    about = html[html.index('<details class="about">'):html.index("</header>")]
    for words in ("Made", "Corpus version", corpus.version, "BSD 2-Clause", "BSD 3-Clause", "Natural Earth"):
        assert words in about, words
    assert leaflet_assets()[2].strip()[:200] in htmllib.unescape(about)  # Leaflet's licence, whole


def test_every_mark_and_shaded_country_opens_its_records_quotes_verbatim(corpus, default, page):
    snap, html = default
    data, found = data_of(page), templates(html)
    ids = referenced(data)
    assert {"stop-dushanbe", "site-kant", "border-tj-af", "m-csto-kz-1992"} <= set(ids)
    for rid in ids:
        record = corpus.by_id[rid]
        parts, body = found[f"q-{rid}"]
        shown = htmllib.unescape(re.sub(r"<[^>]+>", "", body + "".join(found[p][1] for p in parts.split())))
        assert htmllib.unescape(record.title) in shown, rid
        for excerpt in getattr(record, "excerpts", ()):
            assert quote_text(excerpt) in shown, (rid, excerpt.quote[:40])
            assert data["sources"][excerpt.source] == corpus.sources[excerpt.source].label
        for ref in record.references:
            assert ref.title in shown and (not ref.url or htmllib.escape(ref.url) in html), (rid, ref.title)
        # Where the sources disagree, every version is in its popup.
        for dis in corpus.disputes.get(rid, ()):
            assert dis.title in shown and all(v.says in shown for v in dis.versions), (rid, dis.id)
    # A public record that several records rest on is written once.
    treaty = [body for tid, (_, body) in found.items() if tid.startswith("r") and "September 24, 1993" in body]
    assert len(treaty) == 1


def test_each_quote_names_its_article_and_place(default, page):
    _, html = default
    cited = re.findall(r'<div class="excerpt" data-s="([^"]+)" data-k="([^"]+)">', html)
    assert cited and set(data_of(page)["sources"]) == {source for source, _ in cited}
    # A popup's own record's excerpt from its dot (embed.js puts the record's id before it), a version's whole.
    assert all(re.fullmatch(r"(\.\d+|[a-z0-9-]+\.v\d+)", key) for _, key in cited), cited


@pytest.mark.parametrize("shade", ["org-sco", "org-eaeu", "org-csto"])
def test_every_grouping_is_drawn_whole(corpus, geodata, shade):
    # The SCO's far partners and the EAEU's Cuba are in the basemap, however far from the frame.
    view = vs.ViewState(filters=FilterState(orgs=(shade,)), shade=shade)
    snap, html = make(corpus, geodata, view)
    data = data_of(Page(html))
    members = set(data["membership"])
    drawn = {c[0] for c in data["countries"]}
    assert members and members <= drawn, members - drawn
    assert len(html.encode("utf-8")) <= 1.1 * MAX_BYTES


def test_hostile_strings_become_text_and_nothing_else(tmp_path, geodata):
    annotations, seeds = make_hostile_corpus(tmp_path)
    hostile = load_corpus(annotations, seeds)
    view = vs.ViewState(selected="stop-dushanbe")
    _, html = make(hostile, geodata, view, focus=Focus(PAYLOAD, records=("site-kant",), text=PAYLOAD))
    page = Page(html)
    assert len(page.scripts) == 3
    assert not any(tag in ("img", "iframe", "object", "embed", "form", "script") and "src" in attrs
                   for tag, attrs in page.elements)
    assert [attrs for tag, attrs in page.elements if tag == "base"] == [{"target": "_blank"}]
    assert not any(name.startswith("on") for _, attrs in page.elements for name in attrs)
    outside_data = html.split('<script type="application/json"')[0]
    for fragment in ("<img src=x", "<script>window", "<b>bold</b>"):
        assert fragment not in outside_data, fragment
    data_text = next(t for a, t in page.scripts if a.get("type") == "application/json")
    assert "<" not in data_text and ">" not in data_text
    assert any(fragment in json.dumps(json.loads(data_text)) for fragment in RAW_FRAGMENTS[:3])


def test_russian_is_marked_in_the_file(corpus, geodata):
    # A view with every record: the corpus's Russian titles and quotes of public records are marked lang="ru".
    view = vs.ViewState(shade="org-sco", filters=FilterState(orgs=("org-sco",)))
    _, html = make(corpus, geodata, view)
    marked, unmarked = russian_words(html)
    assert unmarked == []


def test_a_disagreement_shown_in_several_popups_is_written_once(corpus, default):
    _, html = default
    found = templates(html)
    shared = [tid for tid in found if tid.startswith("d")]
    users = [parts.split() for tid, (parts, _) in found.items() if tid.startswith("q-")]
    assert shared and all(sum(tid in p for p in users) >= 1 for tid in shared)
    assert len({found[tid][1] for tid in shared}) == len(shared)
    assert all(not isinstance(corpus.by_id[tid[2:]], Disagreement) or not found[tid][0] for tid in found
               if tid.startswith("q-"))


def test_it_reuses_the_briefings_map(corpus, default, geodata):
    # The same engine: the map's data is map_data's, with the world away from the frame coarser.
    snap, html = default
    data = data_of(Page(html))
    same = map_data(snap, *geodata, embed_mod.DETAIL)
    assert {k: v for k, v in data.items() if k not in ("link", "sources")} == json.loads(json.dumps(same))
