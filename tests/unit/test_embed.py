"""The published map (issue 28): one small file of a view's map that asks for nothing, whose every mark opens its
quotes, with a link back to the view; sized, escaped, and whole for every grouping."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import re

import pytest

from dashboard import i18n
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


# A fresh map page's view and its map's frame in px, as the address and the page show them (measured on this code in
# Chromium at 1280x800 and 390x844): the map opens at zoom 5 on both since Leaflet's stylesheet comes before the fit.
@pytest.mark.parametrize(("lat", "width"), [(40.413, 505), (40.947, 358)], ids=["desktop", "phone"])
def test_the_default_view_as_the_map_page_frames_it_is_at_most_300_kb(corpus, geodata, lat, width):
    # The app sends the frame its map shows: wider than the tour's.
    view = vs.ViewState(view=vs.MapView(lat, 72.51, 5))
    extent = Extent.around(lat, 72.51, 5, width, 600)
    _, html = make(corpus, geodata, view, extent=extent)
    assert len(html.encode("utf-8")) <= MAX_BYTES


def test_an_empty_view_says_so_over_the_map(corpus, geodata):
    view = vs.ViewState(filters=FilterState(query="xyzzyqwerty"))
    snap, html = make(corpus, geodata, view)
    assert not snap.records and ('</div><p class="empty" role="status">No record matches this view\'s filters. The '
                                 "dashboard's link above opens the view, to change them.</p><noscript>") in html
    assert '<p class="empty"' not in make(corpus, geodata)[1]


def test_leaflets_rules_for_what_the_map_never_makes_are_left_out():
    css = leaflet_assets()[1]
    used = embed_mod.leaflet_css_used(css)
    assert ".leaflet-control-layers-expanded" in css and ".leaflet-control-layers-expanded" not in used
    assert ".leaflet-control-layers-scrollbar" not in used and ".leaflet-default-icon-path" not in used
    assert ".leaflet-oldie" not in used and "data:image/png" not in used
    # No tiles: nothing is fetched (the rules that name tiles and something else stay, as below).
    assert ".leaflet-tile-loaded" in css and ".leaflet-tile-loaded" not in used
    assert ".leaflet-tile::selection" in css and ".leaflet-tile::selection" not in used
    assert re.search(r"\.leaflet-tile-pane\s*\{", css) and not re.search(r"\.leaflet-tile-pane\s*\{", used)
    assert re.search(r"\.leaflet-tile,\s*\.leaflet-marker-icon,\s*\.leaflet-marker-shadow\s*\{", used)
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
    own = ("link", "sources", "fileWords")
    assert {k: v for k, v in data.items() if k not in own} == json.loads(json.dumps(
        {k: v for k, v in same.items() if k not in own}))
    # Its scripts' own words: only those embed.js says (the file is size-budgeted), each as the briefing's says it.
    assert data["fileWords"] == {k: v for k, v in same["fileWords"].items() if k in data["fileWords"]}
    assert set(data["fileWords"]) == {"read", "publicRecords", "onDashboard", "groupedLive", "fullscreen", "fullscreenLeave"}


# --- word for word: what a reader of the file sees (each test names the part it holds to its words) -------------

def _between(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def test_the_head_says_what_the_file_is_and_lets_only_its_scripts_run(corpus, default):
    snap, html = default
    head = html.split("<style>", 1)[0]
    assert head.startswith('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
                           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src ')
    assert head.endswith(
        "; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="description" content="{htmllib.escape(snap.title, quote=True)}. {snap.subtitle}. Map made '
        f'{snap.made_text}, corpus {corpus.version}.">\n'
        f'<meta name="generator" content="Central Asia tour dashboard, corpus {corpus.version}">\n'
        f"<title>{htmllib.escape(snap.title, quote=True)} — map, {snap.made_text}</title>\n")
    assert '</style>\n<base target="_blank">\n</head><body>\n' in html
    assert html.endswith("</template>\n</body></html>\n")
    # The legend's markup, then the data and the two scripts, then what a click opens: templates and nothing else.
    assert "</noscript></main>\n<template id=\"map-legend\">" in html and '</template>\n<script type="application/json"' in html
    after = html.rsplit("</script>\n", 1)[1].split("</template>")
    assert after[-1] == "\n</body></html>\n" and len(after) > 20
    assert all(re.match(r'<template id="[a-z0-9-]+"( data-parts="[a-z0-9 ]*")?>', piece) for piece in after[:-1])
    # Its styles: Leaflet's (as used), the map's, a record's and its own, minified.
    from dashboard.downloads.mapfile import file_css
    from dashboard.frontend import read_static

    style = _between(html, "<style>", "</style>")
    assert file_css(read_static("embed.css")) in style and file_css(read_static("records.css")) in style
    assert style.startswith(file_css(embed_mod.leaflet_css_used(leaflet_assets()[1])))


def test_the_bar_names_the_view_and_links_back_to_it(default):
    snap, html = default
    bar = _between(html, '<header class="bar">', '<details class="about">')
    assert bar == (f'<h1><span class="title">{htmllib.escape(snap.title, quote=True)}</span> '
                   f'<span class="subtitle">{snap.subtitle}</span></h1>'
                   f'<a class="live" href="{htmllib.escape(snap.link, quote=True)}" rel="noopener">'
                   '<span class="long">Open the live view</span><span class="short">Live view</span> ↗</a>')
    assert ('<div id="map" role="region" aria-label="Map: Countries shaded by CSTO membership on 27 Feb 2017"></div>'
            f'<noscript><p class="noscript">This map needs JavaScript. <a href="{htmllib.escape(snap.link, quote=True)}">'
            'Open the view on the dashboard</a>.</p></noscript></main>\n<template id="map-legend">') in html


@pytest.mark.parametrize("link", [None, "javascript:alert(1)", "file:///etc/passwd"])
def test_without_an_http_link_there_is_no_link_back(corpus, geodata, link):
    snap = make_snapshot(corpus, vs.ViewState(), made=MADE, link=link)
    html = build_embed(snap, *geodata)
    assert '<a class="live"' not in html and "alert(1)" not in html and "/etc/passwd" not in html
    assert f"{snap.subtitle}</span></h1><details class=\"about\">" in html
    assert data_of(Page(html))["link"] is None
    assert '<p class="noscript">This map needs JavaScript. </p>' in html
    assert "<dt>Dashboard</dt><dd>not known (made outside the dashboard)</dd>" in html


def test_an_https_link_in_capitals_is_a_link_still(corpus, geodata):
    snap = make_snapshot(corpus, vs.ViewState(), made=MADE, link="HTTPS://EXAMPLE.ORG/app/?org=CSTO")
    html = build_embed(snap, *geodata)
    assert '<a class="live" href="HTTPS://EXAMPLE.ORG/app/?org=CSTO" rel="noopener">' in html


def test_about_says_the_view_when_it_was_made_and_under_which_licences(corpus, default):
    from dashboard.downloads.licences import ATTRIBUTION, IN_BRIEFING
    from dashboard.downloads.mapfile import licence_texts

    snap, html = default
    about = _between(html, '<div class="about-panel" tabindex="-1">', "</div></details></header>")
    rows = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", about)
    assert about.startswith('<dl class="about-view"><dt>') and "".join(
        f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) == _between(about, '<dl class="about-view">', "</dl>")
    listed = len(referenced(data_of(Page(html))))
    assert rows == [*[(htmllib.escape(k, quote=True), htmllib.escape(v, quote=True)) for k, v in snap.filters],
                    ("Records on the map", f"{listed:,} (a click on one opens its quotes)"),
                    ("Made", snap.made_text), ("Corpus version", corpus.version),
                    ("Dashboard", f'<a class="out" href="{htmllib.escape(snap.link, quote=True)}" target="_blank" '
                                  'rel="noopener noreferrer">open this view on the dashboard ↗</a>')]
    assert ("</dl><p>Excerpts are verbatim from the articles, each with its source and its place in the text. Context "
            "facts (coordinates, exact dates, memberships) are not from the articles: each names the public record it "
            "comes from. Where sources disagree, every version is kept, side by side. This file asks for nothing from "
            "anywhere: the map and its data are inside it.</p><h2>Licences</h2><ul>") in about
    items = re.findall(r"<li><b>(.*?)</b>: (.*?)</li>", about)
    assert "".join(f"<li><b>{a}</b>: {b}</li>" for a, b in items) == _between(about, "<ul>", "</ul>")
    assert items == [(htmllib.escape(i.part, quote=True), htmllib.escape(i.terms, quote=True)) for i in IN_BRIEFING]
    assert about.endswith(f"</ul><p>{htmllib.escape(ATTRIBUTION, quote=True)}, corpus version {corpus.version}. "
                          f"Map drawn with Leaflet 1.9.4.</p>{licence_texts()}")


def test_a_stops_popup_word_for_word(corpus, default):
    _, html = default
    parts, body = templates(html)["q-stop-dushanbe"]
    stop = corpus.by_id["stop-dushanbe"]
    first = stop.excerpts[0]
    assert body.startswith('<div class="quotes"><h2>Stop 2: Dushanbe, Tajikistan — Putin and Rahmon</h2>'
                           '<p class="meta">Visit stop · 27 Feb 2017</p>'
                           f'<div class="excerpt" data-s="{first.source}" data-k=".0"><blockquote>“'
                           f'{htmllib.escape(quote_text(first), quote=True)}”</blockquote></div>'
                           f'<div class="excerpt" data-s="{stop.excerpts[1].source}" data-k=".1">')
    assert body.endswith("</blockquote></div></div>") and body.count('<div class="excerpt"') == len(stop.excerpts)
    # Its public records, then the disagreement about it, each a shared part, in that order.
    ids = parts.split()
    assert [i[0] for i in ids] == ["r"] * len(stop.references) + ["d"] * len(corpus.disputes["stop-dushanbe"])
    ref = stop.references[0]
    assert templates(html)[ids[0]][1] == (
        f'<div class="reference"><b>location</b>: <q>{ref.quote}</q> — <a href="{htmllib.escape(ref.url)}">'
        f"{ref.title}</a>, Wikipedia, read 22 Nov 2026</div>")
    dis = templates(html)[ids[-1]][1]
    assert dis.startswith('<section class="disagreement"><h3><span aria-hidden="true">⚠ </span>Sources disagree: ')
    assert dis.count('<li class="version"><p class="says">') == len(corpus.disputes["stop-dushanbe"][0].versions)


def test_a_record_without_a_date_has_its_kind_alone(corpus, geodata):
    from dashboard.downloads.embed import _Popups

    snap, _ = make(corpus, geodata)
    popups = _Popups(snap, geodata[1], geodata[0])
    undated = next(r for r in corpus.records if r.date is None and not isinstance(r, Disagreement))
    assert f'<p class="meta">{embed_mod.KIND_SINGULAR[undated.kind]}</p>' in popups.popup(undated)


def test_an_unsettled_status_says_so_and_a_settled_one_does_not(corpus, geodata):
    from dashboard.downloads.embed import _Popups

    snap, _ = make(corpus, geodata)
    popups = _Popups(snap, geodata[1], geodata[0])
    said = '<p class="flag-box">⚠ Unsettled: the sources leave this status open.</p>'
    assert 'since 22 Feb 2024</p><p class="flag-box">⚠ Unsettled: the sources leave this status open.</p></div>' in \
        popups.popup(corpus.by_id["m-csto-am-2024"])
    assert said not in popups.popup(corpus.by_id["m-csto-kz-1992"])


def test_a_disagreements_own_popup_shows_every_version_and_a_public_record_by_its_badge(corpus, geodata):
    from dashboard.downloads.embed import _Popups

    snap, _ = make(corpus, geodata)
    popups = _Popups(snap, geodata[1], geodata[0])
    dis = next(r for r in corpus.records if isinstance(r, Disagreement)
               and any(v.reference is not None for v in r.versions) and any(v.excerpt is not None for v in r.versions))
    html = popups.popup(dis)
    assert html.startswith(f'<template id="q-{dis.id}" data-parts=""><div class="quotes"><h2>')
    assert '<section class="disagreement"><h3>' in html and html.count('<li class="version">') == len(dis.versions)
    assert '<div class="reference"><span class="ctx-badge">public record</span><b>' in html
    # A version's excerpt carries its own key whole (it is not the popup's record's).
    version = next(j for j, v in enumerate(dis.versions) if v.excerpt is not None)
    assert f'data-k="{dis.id}.v{version}"' in html
    assert popups.shared() == ""


def test_a_public_record_in_a_line_as_its_fields_allow():
    from dashboard.corpus.model import Reference
    from dashboard.downloads.embed import _reference

    full = Reference(supports="start", title="Treaty <text>", url="https://x.org/a?b=1&c=2", publisher="UN",
                     quote="Signed   on 15 May\n1992.", accessed="2026-11-29")
    assert _reference(full) == ('<div class="reference"><b>start</b>: <q>Signed on 15 May 1992.</q> — '
                                '<a href="https://x.org/a?b=1&amp;c=2">Treaty &lt;text&gt;</a>, UN, read 29 Nov 2026</div>')
    bare = Reference(supports="location", title="A page", url="ftp://x.org/a")
    assert _reference(bare, "public record") == ('<div class="reference"><span class="ctx-badge">public record</span>'
                                                 "<b>location</b>: — A page</div>")
    assert _reference(Reference(supports="end", title="B", url="HTTP://X.ORG/")) == (
        '<div class="reference"><b>end</b>: — <a href="HTTP://X.ORG/">B</a></div>')


def test_leaflets_unused_rules_go_and_the_rest_stays_as_it_is():
    css = ('.a{x:1}\n.leaflet-control-layers{y:2}\n.leaflet-bar a,\n.leaflet-control-layers-toggle{z:3}\n'
           '.leaflet-oldie .b, .lvml{w:4}\n.c{background:url("data:image/png;base64,AAAA")}')
    assert embed_mod.leaflet_css_used(css) == '.a{x:1}\n.leaflet-bar a,\n.leaflet-control-layers-toggle{z:3}\n.c{background:none}'


def test_the_records_a_click_opens_each_once_in_the_maps_order():
    # The ids are read from their attribute (marks.REF_PATTERN), never from the words around them.
    data = {"membership": {"KZ": {"tooltip": '<b>KZ</b><i data-ref="m-b"></i>'}, "XX": {"tooltip": None}},
            "layers": [{"marks": [["marker", "", '<i data-ref="s-a"></i><i data-ref="m-b"></i>', None],
                                  ["line", "", None, None], ["marker", "", "no ref here: x-y", None]]}]}
    assert referenced(data) == ["m-b", "s-a"]


def test_an_excerpt_key_is_written_from_its_dot_only_for_the_popups_own_record(corpus, geodata):
    from dashboard.downloads.embed import _Popups

    snap, _ = make(corpus, geodata)
    popups = _Popups(snap, geodata[1], geodata[0])
    excerpt = corpus.by_id["stop-dushanbe"].excerpts[0]
    assert 'data-k=".0"' in popups.excerpt(excerpt, "stop-dushanbe.0", "stop-dushanbe")
    assert 'data-k="stop-dushanbe.0"' in popups.excerpt(excerpt, "stop-dushanbe.0", "stop")
    assert 'data-k="stop-dushanbe.0"' in popups.excerpt(excerpt, "stop-dushanbe.0")
    assert popups.sources == {excerpt.source: corpus.sources[excerpt.source].label}


def test_a_border_and_a_site_carry_their_computed_values(corpus, default):
    _, html = default
    border = templates(html)["q-border-tj-af"][1]
    assert re.search(r'<p class="computed"><b>Computed length</b>: [\d,]+\.\d km, geodesic on the WGS84 ellipsoid', border)
    site = templates(html)["q-site-201st"][1]
    assert re.search(r'<p class="computed"><b>Distance to the Afghan border</b>: [\d,]+ km, computed from our geodata', site)


def test_leaflet_is_refused_if_it_would_end_its_script_element(corpus, geodata, monkeypatch):
    from dashboard.downloads import mapfile

    script, css, licence = leaflet_assets()
    monkeypatch.setattr(embed_mod, "leaflet_assets", lambda: (script + "</SCRIPT><b>", css, licence))
    with pytest.raises(ValueError, match="inline script text would end its element early"):
        make(corpus, geodata)
    assert mapfile.leaflet_assets()[0] == script


def test_the_file_carries_the_map_words_its_scripts_say_and_no_other(page):
    # Issue 30: a word the file's scripts say but do not carry leaves a control without a name (the zoom buttons were
    # named "" and axe found links without text); one they never say is bytes of a size-budgeted file.
    words = data_of(page)["words"]
    assert words["zoomIn"] == "Zoom in" and words["zoomOut"] == "Zoom out" and words["legend"] == "Map legend"
    assert not {"fullscreen", "gestureTouch", "whole", "region"} & set(words)


def test_a_files_tooltips_carry_their_record_id_as_an_attribute_not_as_english_words(corpus, geodata):
    # The map's "ref: <id>" is a label in the page's language; the file keeps only the id its scripts read.
    with i18n.override("ru"):
        _, html = make(corpus, geodata)
    assert not re.search(r"(?<![a-z])(ref|ID): [a-z0-9]", html) and 'data-ref=\\"stop-almaty\\"' in html


def test_the_file_carries_the_colours_it_names_and_no_other(corpus, geodata):
    html = make(corpus, geodata)[1]
    palette = re.search(r":root,:host\{([^}]*)\}", html)[1]
    assert "--pal-vermillion:" in palette and "var(--pal-vermillion)" in html       # a stylesheet's
    assert "--map-selected:" in palette and '__mapColor("--map-selected")' in html  # a script's, by name
    assert "--pal-sky" not in html and "--map-story" not in html


def test_a_colour_is_kept_only_when_named_exactly():
    doc = ("<style>:root,:host{--a:#111;--a-b:#222;--c:#333}.x{color:var(--a-b)}</style>"
           '<script>f("--c")</script>')
    assert embed_mod.without_unused_properties(doc) == (
        "<style>:root,:host{--a-b:#222;--c:#333}.x{color:var(--a-b)}</style><script>f(\"--c\")</script>")
    assert embed_mod.without_unused_properties("<p>no palette</p>") == "<p>no palette</p>"


def test_the_legend_names_the_grouping_shaded(corpus, geodata):
    # Issue 28's review: in a frame under 480 px the subtitle is hidden, and the legend said "Membership (shaded
    # grouping)" of no grouping; the file's legend names it (the dashboard's map names it beside the map).
    _, html = make(corpus, geodata)
    legend = templates(html)["map-legend"][1]
    assert '<div class="lg-title" data-group="status">CSTO membership (shaded)</div>' in legend
    _, html = make(corpus, geodata, vs.ViewState(shade="org-sco"))
    assert "SCO membership (shaded)" in templates(html)["map-legend"][1]
    with i18n.override("ru"):
        _, html = make(corpus, geodata, vs.ViewState(lang="ru"))
    assert "Членство в ОДКБ (закрашено)" in templates(html)["map-legend"][1]
