"""The briefing file: self-contained (nothing in it loads from anywhere), escaped, sized, and complete."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from dataclasses import replace
from html import escape
from html.parser import HTMLParser

import pytest

from dashboard.corpus.load import load_corpus
from dashboard.corpus.model import Disagreement, Event, MilitarySite, VisitStop
from dashboard.downloads import mapfile
from dashboard.downloads.briefing import MAX_LISTED, build_briefing, leaflet_assets
from dashboard.downloads.snapshot import Extent, Focus, make_snapshot, view_link
from dashboard.map.assets import AssetError
from dashboard.map.geo import load_borders, load_countries
from dashboard.query import link as vs
from dashboard.query.filters import FilterState
from tests.conftest import ROOT
from tests.hostile import PAYLOAD, RAW_FRAGMENTS, make_hostile_corpus

MADE = dt.datetime(2026, 11, 29, 23, 41, tzinfo=dt.UTC)
LIMIT = 1_500_000  # bytes, for the default view (README)


@pytest.fixture(scope="module")
def geodata():
    return load_countries(ROOT / "geodata"), load_borders(ROOT / "geodata")


def briefing(corpus, geodata, view=None, **kwargs) -> str:
    view = view or vs.ViewState()
    snap = make_snapshot(corpus, view, made=MADE, link=view_link("http://127.0.0.1:8501/", view, corpus), **kwargs)
    return build_briefing(snap, *geodata)


class Page(HTMLParser):
    """Every element with its attributes, the text of each script and style, and the visible text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in: tuple[str, dict] | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag in ("script", "style"):
            self._in = (tag, attrs)

    def handle_endtag(self, tag):
        if self._in and tag == self._in[0]:
            self._in = None

    def handle_data(self, data):
        if self._in and self._in[0] == "script":
            self.scripts.append((self._in[1], data))
        elif self._in:
            self.styles.append(data)
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def default_html(corpus, geodata) -> str:
    return briefing(corpus, geodata)


@pytest.fixture(scope="module")
def page(default_html) -> Page:
    return Page(default_html)


REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


def test_nothing_is_loaded_from_the_network(page):
    # The list: no http(s):// in any src, stylesheet href, CSS url() or fetch.
    for tag, attrs in page.elements:
        assert "src" not in attrs, (tag, attrs)  # nothing has a src at all: scripts and images are inline
        if tag == "link":
            assert "stylesheet" not in (attrs.get("rel") or ""), attrs
            assert not REMOTE.match(attrs.get("href") or ""), attrs
        assert not REMOTE.search(re.sub(r"\s", "", "".join(re.findall(r"url\(([^)]*)\)", attrs.get("style") or "")))), attrs
    css = "\n".join(page.styles)
    urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", css)
    assert urls and all(u.startswith(("data:", "#")) for u in urls), [u for u in urls if not u.startswith("data:")]
    assert "@import" not in css
    code = "\n".join(text for attrs, text in page.scripts if attrs.get("type") != "application/json")
    assert not re.search(r"""fetch\(\s*['"`]?https?:""", code)
    assert not re.search(r"""(XMLHttpRequest|importScripts|sendBeacon|new\s+WebSocket|EventSource)""", code)
    assert "sourceMappingURL" not in code


def test_leaflet_and_its_images_are_inside(page):
    from dashboard.downloads.mapfile import file_css

    leaflet, css, licence = leaflet_assets()
    assert any(text == leaflet for _, text in page.scripts)
    assert any(file_css(css) in style for style in page.styles)
    assert "data:image/png;base64," in css and "images/layers.png" not in css
    assert licence.startswith("BSD 2-Clause License") and "Volodymyr Agafonkin" in licence
    assert licence.strip() in "".join(page.text)  # its licence travels with it, whole


def test_only_the_files_own_scripts_may_run(page):
    csp = next(a["content"] for t, a in page.elements if t == "meta" and a.get("http-equiv") ==
               "Content-Security-Policy")
    # The policy comes before anything it governs.
    tags = [t for t, _ in page.elements]
    assert tags.index("meta") < tags.index("style") < tags.index("script")
    assert [a.get("http-equiv") for t, a in page.elements if t == "meta"][1] == "Content-Security-Policy"
    assert "default-src 'none'" in csp and "img-src data:" in csp and "connect-src" not in csp
    allowed = set(re.findall(r"'sha256-([^']+)'", csp))
    run = [text for attrs, text in page.scripts if attrs.get("type") != "application/json"]
    assert len(run) == 2
    assert {base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() for t in run} == allowed
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    for tag, attrs in page.elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not (attrs.get("href") or "").lower().startswith(("javascript:", "data:")), attrs



def test_the_file_draws_its_map_with_the_dashboards_own_scripts_and_styles(page):
    # One map script for both (issue 26): the marks, their keys and highlight, the labels, the legend, the layout
    # are the dashboard's own files, not a copy that could drift from them.
    from dashboard.downloads.mapfile import file_code, file_css
    from dashboard.map.leaflet import MAP_SCRIPTS, map_css

    for name in ("map-marks.js", "map-layout.js"):
        assert name in MAP_SCRIPTS and any(file_code(name) in text for _, text in page.scripts), name
    assert any(file_css(map_css()) in style for style in page.styles)

def test_reference_links_are_plain_anchors_to_their_records(corpus, page):
    anchors = {a["href"] for t, a in page.elements if t == "a" and (a.get("href") or "").startswith("http")}
    shown = {r.id for r in make_snapshot(corpus, vs.ViewState(), made=MADE).records}
    wanted = {ref.url for r in corpus.records if r.id in shown for ref in r.references}
    assert wanted and wanted <= anchors
    for tag, attrs in page.elements:
        if tag == "a" and attrs.get("href", "").startswith("http"):
            assert attrs.get("target") == "_blank" and "noopener" in attrs.get("rel", "")


def test_the_file_says_what_the_view_is(corpus, default_html, page):
    text = " ".join(" ".join(page.text).split())
    assert "Putin's Central Asia tour, 27–28 February 2017" in text
    assert "Countries shaded by CSTO membership on 27 Feb 2017" in text
    assert f"corpus version {corpus.version}" in text
    assert "Made 29 Nov 2026, 23:41 UTC" in text
    assert "Memberships as of 27 Feb 2017" in text
    assert "http://127.0.0.1:8501/" in text
    for licence in ("Natural Earth", "Leaflet 1.9.4", "CC BY 4.0", "MIT licence"):
        assert licence in text, licence


def test_every_record_in_view_is_there_with_its_excerpts_and_sources(corpus, default_html):
    snap = make_snapshot(corpus, vs.ViewState(), made=MADE)
    for record in snap.records:
        assert f'id="rec-{record.id}"' in default_html, record.id
    for record in snap.records:
        for excerpt in record.excerpts:
            assert escape(" ".join(excerpt.quote.split())) in default_html, record.id
            assert escape(corpus.sources[excerpt.source].label) in default_html, record.id


def test_disagreements_are_shown_side_by_side(corpus, default_html):
    dis = corpus.by_id["dis-kant-lease"]
    block = default_html.split('id="rec-dis-kant-lease"')[1].split("</article>")[0]
    assert block.count('class="version"') == len(dis.versions) >= 2
    assert 'class="versions"' in block


def test_the_selected_records_evidence_comes_first(corpus, geodata):
    html = briefing(corpus, geodata, vs.ViewState(selected="site-kant"))
    selected = html.split('<section id="selected">')[1].split("</section>")[0]
    assert "Kant" in selected and "Distance to the Afghan border" in selected
    assert html.index('<section id="selected">') < html.index('<section id="records">')
    data = json.loads(Page(html).scripts[0][1])
    assert data["highlight"] == ["site-kant"]


def test_the_map_data_has_every_layer_and_the_frame(page):
    data = json.loads(next(t for a, t in page.scripts if a.get("type") == "application/json"))
    assert [layer["kind"] for layer in data["layers"]] == ["border", "route", "sites"]
    assert all(layer["marks"] for layer in data["layers"])
    assert all(m[3] is None for layer in data["layers"] for m in layer["marks"])  # popups: the page's cards
    assert data["membership"]["TJ"]["status"] == "member"
    assert {c[0] for c in data["countries"]} >= {"KZ", "TJ", "KG", "AF", "RU"}
    # The whole world, not the old box: the far partners are in the file too (issue 23).
    assert {c[0] for c in data["countries"]} >= {"EG", "CU", "US", "MV", "LA"}
    assert data["extent"] == [[36.4, 66.6], [44.0, 78.4]]


def test_a_layer_turned_off_is_not_in_the_file(corpus, geodata):
    data = json.loads(Page(briefing(corpus, geodata, vs.ViewState(layers=("route",)))).scripts[0][1])
    assert [layer["kind"] for layer in data["layers"]] == ["route"] and data["membership"] == {}


def test_a_story_step_is_titled_and_its_records_come_first(corpus, geodata):
    focus = Focus("Step 4 of 8: Dushanbe, 27 Feb 2017", records=("stop-dushanbe",), text="Putin met <b>Rahmon</b>.")
    html = briefing(corpus, geodata, vs.ViewState(filters=FilterState(kinds=("figure",))), focus=focus)
    assert "<title>Step 4 of 8: Dushanbe, 27 Feb 2017" in html
    step = html.split('<section id="focus">')[1].split("</section>")[0]
    assert 'id="rec-stop-dushanbe"' in step and "Putin met &lt;b&gt;Rahmon&lt;/b&gt;." in step
    assert "dashboard’s own words" in step


def test_the_default_view_is_within_its_size(default_html):
    size = len(default_html.encode("utf-8"))
    assert size <= LIMIT, f"{size:,} bytes"


def test_the_readme_states_the_limit_this_checks():
    # Readers of the README are promised the size; the promise and the check must not drift apart.
    assert LIMIT == 1_500_000
    assert "at most 1.5 MB for the default view" in (ROOT / "README.md").read_text(encoding="utf-8")


def _synthetic(corpus, n: int):
    """The corpus grown to n records with clones of its located records (new ids, spread over the region)."""
    located = [r for r in corpus.records if isinstance(r, VisitStop | MilitarySite | Event) and
               getattr(r, "location", None) is not None and not (isinstance(r, VisitStop) and r.status == "origin")]
    extra = []
    for i in range(n - len(corpus.records)):
        base = located[i % len(located)]
        where = base.location.model_copy(update={"lat": 36 + (i * 7919 % 900) / 100, "lon": 60 + (i * 104729 % 2000) / 100})
        update = {"id": f"{base.id}-x{i}", "location": where, "title": f"{base.title} [synthetic {i}]"}
        if isinstance(base, VisitStop):
            update["status"] = "not_made"
        extra.append(base.model_copy(update=update))
    return replace(corpus, records=corpus.records + tuple(extra), by_id={}, facets={}, version=f"synthetic-{n}")


def test_the_file_grows_sublinearly_with_the_records_in_view(corpus, geodata):
    sizes, marks = {}, {}
    for n in (1_000, 10_000):
        big = _synthetic(corpus, n)
        html = briefing(big, geodata)
        sizes[n] = len(html.encode("utf-8"))
        data = json.loads(Page(html).scripts[0][1])
        route = next(layer for layer in data["layers"] if layer["kind"] == "route")
        assert all(m[0] == "circle" for m in route["marks"])  # grouped per grid cell, as on the map
        marks[n] = len(route["marks"])
        assert html.count('<article class="record"') <= MAX_LISTED + 100
        assert "more records are in view" in html
    # Ten times the records: the marks are bounded by the region's cells, and the file hardly grows.
    assert marks[10_000] < 2 * marks[1_000], marks
    assert sizes[10_000] < 1.5 * sizes[1_000], sizes
    assert sizes[10_000] <= LIMIT, sizes


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory, geodata) -> str:
    annotations, seeds = make_hostile_corpus(tmp_path_factory.mktemp("hostile"))
    hostile = load_corpus(annotations, seeds)
    view = vs.ViewState(selected="stop-dushanbe")
    return build_briefing(make_snapshot(hostile, view, made=MADE, link=view_link("http://x/", view, hostile),
                                        focus=Focus(PAYLOAD, records=("site-kant",), text=PAYLOAD)), *geodata)


def test_hostile_strings_become_text_and_nothing_else(hostile_html):
    page = Page(hostile_html)
    assert len(page.scripts) == 3  # the data, Leaflet, ours: nothing else came in from the corpus
    assert not any(tag in ("img", "iframe", "object", "embed", "form", "base") for tag, _ in page.elements)
    # The file's own SVG only: the statuses' fill patterns (style.pattern_defs) and the legend's swatches.
    assert {attrs.get("class") for tag, attrs in page.elements if tag == "svg"} == {"patterns", "sw", "ln"}

    assert not any(name.startswith("on") for _, attrs in page.elements for name in attrs)
    outside_data = hostile_html.split('<script type="application/json"')[0]
    for fragment in ("<img src=x", "<script>window", "<b>bold</b>"):
        assert fragment not in outside_data, fragment
    text = " ".join(page.text)
    assert "<img src=x onerror=window.__pwned=1>" in text and "<b>bold</b>" in text  # shown as characters
    data_text = next(t for a, t in page.scripts if a.get("type") == "application/json")
    assert "<" not in data_text and ">" not in data_text  # escaped as \u003c inside the JSON
    data = json.loads(data_text)
    assert any(fragment in json.dumps(data) for fragment in RAW_FRAGMENTS[:3])  # still the same text, escaped
    assert "{{7*7}} ${1+1}" in text


def test_a_record_of_each_kind_shows_without_error(corpus, geodata):
    # The disagreement kind has its own section; every other kind is in the list by kind.
    html = briefing(corpus, geodata)
    for kind in ("visit_stop", "military_site", "border", "membership", "organization", "figure", "event"):
        assert f'data-kind="{kind}"' in html, kind
    assert any(isinstance(r, Disagreement) for r in corpus.records) and 'data-kind="disagreement"' in html


def _patterns(html: str) -> list[str]:
    return re.findall(r'<pattern id="pat-([a-z_]+)"', html.replace("\\u003c", "<").replace('\\"', '"'))


@pytest.mark.parametrize(("shade", "year"), [("org-csto", 2017), ("org-sco", 2017), ("org-eaeu", 2022)])
def test_statuses_are_told_apart_by_pattern_as_on_the_map(corpus, geodata, shade, year):
    # Issue 13's patterns (WCAG 1.4.1) hold in the file too: the map's countries and the legend's swatches. The file
    # defines the patterns of the statuses its shading uses, each once, and no other (its bytes are counted).
    from dashboard.map.style import MEMBERSHIP_PATTERN

    view = vs.ViewState(shade=shade, filters=FilterState(as_of=dt.date(year, 2, 27)))
    html = briefing(corpus, geodata, view)
    data = json.loads(next(t for a, t in Page(html).scripts if a.get("type") == "application/json"))
    used = {row["status"] for row in data["membership"].values()}
    assert data["patterned"] == [s for s, hatch in MEMBERSHIP_PATTERN.items() if hatch and s in used]
    assert _patterns(html) == data["patterned"] and data["patterned"]
    legend = html.split('<template id="map-legend">', 1)[1].split("</template>", 1)[0]
    assert "url(#pat-suspended)" in legend


def test_a_file_defines_only_the_patterns_its_countries_are_filled_with(corpus, geodata, default_html):
    # CSTO on 27 Feb 2017: Uzbekistan's membership suspended (2012), Azerbaijan and Georgia gone (1999).
    assert _patterns(default_html) == ["suspended", "former"]
    # The EAEU on that day: members only, so no pattern at all.
    view = vs.ViewState(shade="org-eaeu")
    assert _patterns(briefing(corpus, geodata, view)) == []


def test_tooltips_point_to_what_the_file_has(page):
    # The dashboard's tooltips send the reader to its evidence panel; the file has none: a click shows excerpts.
    from dashboard.downloads.mapfile import FILE_HINT
    from dashboard.map.marks import EVIDENCE_HINT

    data_text = next(t for a, t in page.scripts if a.get("type") == "application/json")
    assert EVIDENCE_HINT not in data_text
    assert FILE_HINT in data_text  # the default view has flagged marks (the sources disagree on stop 2's date)


# Issue 23's review: both downloads failed for a frame at zoom 1-2 (the "Whole <grouping>" view), where a state
# cut along the frame's edge left a point beside its shape. Every shadable grouping, framed world-wide.
WORLD_FRAMES = [Extent(-20, -10, 85, 180), Extent(10, -170, 82, 180), Extent(-60, -180, 85, 180)]


@pytest.mark.parametrize("extent", WORLD_FRAMES, ids=["sco-whole", "csto-whole", "world"])
def test_both_downloads_are_made_for_a_world_wide_frame(corpus, geodata, extent):
    from dashboard.downloads.image import build_map_png

    for shade in corpus.shadable:
        view = vs.ViewState(shade=shade, filters=FilterState(as_of=dt.date(2026, 12, 5)))
        snap = make_snapshot(corpus, view, made=MADE, link=view_link("http://x/", view, corpus), extent=extent)
        html = build_briefing(snap, *geodata)
        data = json.loads(Page(html).scripts[0][1])
        assert {c[0] for c in data["countries"]} >= {"RU", "CN", "EG", "CU", "US"}, shade
        assert build_map_png(snap, *geodata).png.startswith(b"\x89PNG"), shade


def test_the_file_opens_its_popups_with_the_dashboards_policy_and_defines_each_pattern_once(page, default_html):
    # Its popups were Leaflet's autoPan with a padding of their own, blind to the legend's strip: now the dashboard's
    # map-popups.js narrows and pans them clear of the map's controls. The legend no longer brings a second copy of
    # the fill patterns the page holds (two elements with one id each).
    from dashboard.downloads.mapfile import file_code
    from dashboard.map.leaflet import MAP_SCRIPTS

    assert "map-popups.js" in MAP_SCRIPTS and any(file_code("map-popups.js") in text for _, text in page.scripts)
    assert any(re.search(r"window\.__mapPopups\(\w+\)", text) for _, text in page.scripts)
    whole = default_html.replace("\\u003c", "<").replace('\\"', '"')
    assert whole.count('<pattern id="pat-former"') == 1


def test_a_file_carries_the_polyline_decoder_alone(monkeypatch):
    # The published map's 300 kB: of @mapbox/polyline a file needs decode only (850 bytes of encoders left out).
    code = mapfile._polyline_code()
    assert code.startswith("'use strict';var polyline={};polyline.decode=function(")
    assert not any(name in code for name in ("encode", "GeoJSON", "module", "py2_round"))
    # A module that no longer has them is said so, not carried broken.
    monkeypatch.setattr(mapfile, "polyline_script", lambda: "'use strict';var polyline = {};")
    mapfile._polyline_code.cache_clear()
    try:
        with pytest.raises(AssetError, match="polyline.decode"):
            mapfile._polyline_code()
    finally:
        mapfile._polyline_code.cache_clear()
