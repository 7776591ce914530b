"""The briefing: one self-contained HTML file of a view, to send, to put on a shared drive, to open on a
plane (issue 15). Pure: no Streamlit.

    build_briefing(snapshot, countries, borders) -> str

`snapshot` is the view (dashboard.downloads.snapshot.make_snapshot); `countries` and `borders` are the geodata
(dashboard.map.geo.load_countries / load_borders, EPSG:4326). The file holds:

- the map: the view's layers and shading on its 'as of' date, with the dashboard's own styles, legend and
  layout (dashboard.map, static/app/map-layout.js), on the countries of geodata/ simplified for the frame (full
  detail in and around it, coarser beyond), opening on the reader's frame; pan, zoom, hover, and click
  for a mark's excerpts (static/app/briefing.js);
- a title, the filters in words, the date made, the corpus version and the dashboard link that reproduces
  the view; the selected record's evidence; every record in view with its excerpts, sources and public
  references (the first MAX_LISTED in full, the rest counted); the disagreements side by side; the articles
  quoted; the licences (Natural Earth, Leaflet with its licence text, our data).

It opens from disk with no network: Leaflet's script and stylesheet (each checked against its published
sha256, its images as data: URIs), our stylesheet and script, the basemap and the data are all inside. A
Content-Security-Policy lets only the file's own two scripts run (by their hashes), allows no connection
and images only as data: URIs: text from the corpus is escaped everywhere, and would stay inert even if it
were not. Links out (public references, the dashboard) are plain anchors.

Size: about 1 MB for the default view (README, "Downloads"). It grows sublinearly with the records in
view: past marks.MAX_MARKERS a layer's marks are grouped by grid cell as on the map, and past MAX_LISTED
records the rest are counted, not listed.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections import Counter
from dataclasses import replace

import numpy as np
import shapely
from shapely.geometry import mapping

from dashboard import escape
from dashboard.corpus.codes import COUNTRY_NAMES
from dashboard.corpus.model import Annotation, Border, Disagreement, Excerpt, MilitarySite, Reference
from dashboard.corpus.records import excerpt_key
from dashboard.downloads.licences import ATTRIBUTION, IN_BRIEFING, LEAFLET_TERMS, MAP_CREDIT
from dashboard.downloads.snapshot import Extent, Snapshot, app_link
from dashboard.evidence.disagreement import Layout, disagreement_html
from dashboard.evidence.excerpts import excerpt_html
from dashboard.evidence.facts import record_facts, source_citation, when_text
from dashboard.frontend import read_static
from dashboard.labels import KIND_LABELS, KIND_SINGULAR, LIST_ORDER
from dashboard.map.assets import LEAFLET, read_checked
from dashboard.map.geo import distance_to_geometry_km, label_points, polygonal
from dashboard.map.leaflet import map_css, static_code
from dashboard.map.legend import legend_html
from dashboard.map.marks import EVIDENCE_HINT, Mark, layer_marks, membership_payload
from dashboard.map.style import LAND_STYLE, MEMBERSHIP_PATTERN, pattern_defs
from dashboard.query import link as vs

# Records listed in full, at most (any view of the project's corpus fits: 121 at most today); past that they
# are counted by kind, so that the file stays the same size however many records are in view.
MAX_LISTED = 150
MAX_DISAGREEMENTS = 100
FILE_HINT = "click for the excerpts"
# The basemap: within the frame grown by this share of its size on every side, detail of about half a pixel
# at the zoom the file opens on (never finer than the geodata's own 0.01°); beyond it, coarser.
DETAIL_PAD = 0.25
COORD_DIGITS = 3  # ~100 m: below a pixel up to the map's highest zoom (10)
WORLD_DETAIL = 1.0  # degrees: the rest of the world, beyond the frame (zoomed out to see it, a pixel or two)
_SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")
_CSS_IMAGE = re.compile(r"url\((['\"]?)(images/[A-Za-z0-9_.-]+\.png)\1\)")
REF_DIV = re.compile(r'<div class="ref">ref: [a-z0-9-]+</div>')
BRIEFING_SCRIPTS = ("map-marks.js", "map-popups.js", "map-layout.js", "briefing.js")



@functools.lru_cache(maxsize=1)
def leaflet_assets() -> tuple[str, str, str]:
    """Leaflet's script, its stylesheet (images as data: URIs) and its licence text, as the pip install holds
    them (each checked against its sha256); raises AssetError. The script's source-map comment is dropped: a
    browser's developer tools would otherwise ask the disk for a file that is not there."""
    script = _SOURCE_MAP.sub("\n", read_checked(LEAFLET, "leaflet.js").decode("utf-8"))

    def inline(match: re.Match) -> str:
        data = base64.b64encode(read_checked(LEAFLET, match[2])).decode("ascii")
        return f'url("data:image/png;base64,{data}")'

    css = _CSS_IMAGE.sub(inline, read_checked(LEAFLET, "leaflet.css").decode("utf-8"))
    licence = read_checked(LEAFLET, LEAFLET.license[0]).decode("utf-8")
    return script, css, licence



def _rounded(geom, digits: int = COORD_DIGITS):
    return shapely.transform(geom, lambda xy: np.round(xy, digits))


def _without_far_islets(shape, frame):
    """Beyond the frame, an island under WORLD_DETAIL squared is left out unless it is its state's largest
    part: the islets of Canada's Arctic or Indonesia's seas, never a state."""
    parts = list(shapely.get_parts(shape))
    if len(parts) < 2:
        return shape
    largest = max(parts, key=lambda p: p.area)
    kept = [p for p in parts if p is largest or p.area >= WORLD_DETAIL**2 or p.intersects(frame)]
    return shapely.MultiPolygon(kept) if len(kept) > 1 else kept[0]


def basemap(countries, extent: Extent) -> list[list]:
    """The countries for this frame, each as [iso2, name, geometry type, coordinates] (briefing.js makes the
    GeoJSON features; 250 states' keys would cost 20 kB): within the frame grown by DETAIL_PAD on every
    side, simplified to about half a pixel of the zoom the file opens on (a frame about 800 px wide: span/800
    degrees, between the geodata's own 0.01° and 0.05°), about six times coarser beyond (at least WORLD_DETAIL,
    rounded to a decimal fewer); coordinates rounded to COORD_DIGITS decimals. Fewer points make the file smaller and its map paint sooner.
    Shared borders stay shared (coverage simplification); a name is shown as text."""
    geoms = countries.geometry.to_numpy()
    span = max(extent.east - extent.west, extent.north - extent.south)
    detail = min(0.05, span / 800)
    fine = shapely.coverage_simplify(geoms, detail) if detail > 0.01 else geoms
    coarse = shapely.coverage_simplify(geoms, max(WORLD_DETAIL, 6 * detail))
    padded = extent.padded(DETAIL_PAD)
    frame = shapely.box(padded.west, padded.south, padded.east, padded.north)
    # Beyond the frame the world is drawn coarser and to 0.01° (about a kilometre): it is seen zoomed out.
    shapes = shapely.union(shapely.intersection(fine, frame),
                           _rounded(shapely.difference(coarse, frame), COORD_DIGITS - 1))
    features = []
    for (iso2, name), shape in zip(countries[["iso2", "name"]].itertuples(index=False), shapes):
        if shape is None or shape.is_empty:
            continue
        shape = polygonal(shape)
        if shape.is_empty:
            continue
        shape = _without_far_islets(shape, frame)
        geometry = mapping(_rounded(shape))
        features.append([iso2, name, geometry["type"], geometry["coordinates"]])
    return features


def _for_file(mark: Mark) -> list:
    """A map mark as the file carries it: its popup is left to the page's record cards, and a grid cell's
    tooltip keeps its count (its first names would make the file grow with the records)."""
    tooltip = mark.tooltip
    if mark.shape == "circle" and tooltip:
        tooltip = tooltip.split("<br>", 1)[0] + "</b>" * ("</b>" not in tooltip.split("<br>", 1)[0]) + \
            "".join(REF_DIV.findall(tooltip))
    return replace(mark, popup=None, tooltip=_file_hint(tooltip)).to_json()


def _file_hint(tooltip: str | None) -> str | None:
    """A tooltip's pointer to the dashboard's evidence panel, as the file says it (it has none: a click shows
    the excerpts)."""
    return tooltip.replace(EVIDENCE_HINT, FILE_HINT) if tooltip else tooltip


def map_data(snapshot: Snapshot, countries, borders) -> dict:
    """What briefing.js draws: the frame, the basemap, the shading, the labels, each layer's marks (the map's
    own, popups left to the page's record cards), the records to highlight, the legend, the attribution."""
    s = snapshot
    records = list(s.records)
    membership = (membership_payload(dict(s.status), s.org_short, s.corpus, s.as_of) if "members" in s.layers else {})
    membership = {code: {**row, "tooltip": _file_hint(row["tooltip"])} for code, row in membership.items()}
    layers = []
    for kind in s.layers:
        if kind == "members":
            continue
        marks = [_for_file(m) for m in layer_marks(kind, records, s.corpus, borders)]
        layers.append({"kind": kind, "marks": marks})
    labels = [(escape.html(name), round(lat, 3), round(lon, 3)) for name, lat, lon in label_points(countries, COUNTRY_NAMES)]
    highlight = [*([s.view.selected] if s.selected else []), *s.featured]
    return {"extent": s.extent.as_bounds(), "land": LAND_STYLE, "countries": basemap(countries, s.extent),
            "membership": membership, "labels": labels, "layers": layers, "highlight": highlight,
            "legend": legend_html(patterns=False), "attribution": escape.html(MAP_CREDIT),
            "patterned": [status for status, hatch in MEMBERSHIP_PATTERN.items() if hatch]}


# --- the document -------------------------------------------------------------------------------------------

def _anchor(url: str | None, text: str, cls: str = "out") -> str:
    """A plain link to an http(s) address (nothing else becomes a link), opened in a new tab."""
    if url and re.match(r"^https?://", url, re.IGNORECASE):
        return (f'<a class="{cls}" href="{escape.html(url)}" target="_blank" rel="noopener noreferrer">'
                f"{escape.with_lang(text)}</a>")
    return escape.with_lang(text)


# The file's links out: marked for print (briefing.css writes their address after them) and sending no referrer.
_LINKS = {"link_class": "out", "rel": "noopener noreferrer"}


def _quote(text: str) -> str:
    return escape.with_lang(" ".join(text.split()))


class _Writer:
    """Writes one snapshot's HTML (the record cards know the snapshot's link and disagreements)."""

    def __init__(self, snapshot: Snapshot, borders, countries):
        self.s = snapshot
        self.corpus = snapshot.corpus
        self.lengths = {row.id: (row.length_km, row.resolution) for row in borders.itertuples()}
        self.countries = countries
        self.quoted: dict[str, set[str | None]] = {}

    def link(self, excerpt: Excerpt, key: str | None) -> str | None:
        """An excerpt's place in its article on the dashboard, absolute (the file stands alone): only an http(s)
        address, and only where the view's link is known. Counts the excerpt among its article's quoted."""
        self.quoted.setdefault(excerpt.source, set()).add(key or f"{excerpt.start}-{excerpt.end}")
        link = app_link(self.s.link, vs.reader_href(excerpt.source, key)) if key else None
        return link if link and re.match(r"^https?://", link, re.IGNORECASE) else None

    def excerpt(self, excerpt: Excerpt, key: str | None) -> str:
        return excerpt_html(excerpt, self.corpus, self.link(excerpt, key), cite=True, **_LINKS)

    def reference(self, ref: Reference) -> str:
        quote = f" <q>{_quote(ref.quote)}</q>" if ref.quote else ""
        publisher = f", {escape.with_lang(ref.publisher)}" if ref.publisher else ""
        accessed = f", read {escape.html(ref.accessed.isoformat())}" if ref.accessed else ""
        return (f'<div class="reference"><span class="ctx-badge">context, not from the articles</span>'
                f"<b>{escape.html(ref.supports)}</b>:{quote}<div class=\"cite\">— {_anchor(ref.url, ref.title)}"
                f"{publisher}{accessed}</div></div>")

    def computed(self, record: Annotation, selected: bool) -> str:
        if isinstance(record, Border) and record.geodata_id in self.lengths:
            km, resolution = self.lengths[record.geodata_id]
            return (f'<p class="computed"><b>Computed length</b>: {km:,.1f} km, geodesic on the WGS84 ellipsoid '
                    f"(pyproj) of {escape.html(resolution)}; a 1:10m line smooths a river's meanders, so it measures "
                    "shorter than surveyed lengths.</p>")
        if isinstance(record, MilitarySite) and selected:
            afghanistan = self.countries.loc[self.countries["iso2"] == "AF", "geometry"]
            if len(afghanistan):
                km = distance_to_geometry_km(record.location.lat, record.location.lon, afghanistan.iloc[0])
                return (f'<p class="computed"><b>Distance to the Afghan border</b>: {km:,.0f} km, computed from '
                        "our geodata (geodesic, WGS84, from the marker to the nearest point of Afghanistan's "
                        "outline); none of the five articles gives it.</p>")
        return ""

    def card(self, record: Annotation, anchor: bool = True, selected: bool = False) -> str:
        """One record: title, kind, date, ref, summary, facts, computed values, flags, excerpts, references."""
        rid = f' id="rec-{escape.html(record.id)}"' if anchor else ""
        flags = "".join(
            f'<p class="flag-box">⚠ Sources disagree: <a href="#rec-{escape.html(d.id)}">{escape.html(d.title)}</a></p>'
            for d in self.corpus.disputes.get(record.id, ()))
        unsettled = ('<p class="flag-box">⚠ Unsettled: the sources leave this status open (see the summary).</p>'
                     if getattr(record, "unsettled", False) else "")
        facts = record_facts(record, self.corpus)
        facts_html = ('<dl class="facts">' + "".join(f"<dt>{escape.html(k)}</dt><dd>{escape.with_lang(v)}</dd>" for k, v in facts)
                      + "</dl>") if facts else ""
        excerpts = "".join(self.excerpt(e, excerpt_key(record.id, i)) for i, e in enumerate(record.excerpts))
        refs = "".join(self.reference(r) for r in record.references)
        refs = f'<div class="references">{refs}</div>' if refs else ""
        kind = KIND_SINGULAR[record.kind]
        when = when_text(record)
        return (f'<article class="record" data-kind="{escape.html(record.kind)}"{rid}>'
                f"<h3>{escape.with_lang(record.title)}</h3>"
                f'<p class="meta">{escape.html(kind)}{" · " + escape.html(when) if when else ""} · ref: {escape.html(record.id)}</p>'
                + (f'<p class="summary">{escape.with_lang(record.summary)}</p>' if record.summary else "")
                + facts_html + self.computed(record, selected) + unsettled + flags + excerpts + refs + "</article>")

    def disagreement(self, dis: Disagreement, anchor: bool = True) -> str:
        """The briefing's disagreement, a record of its own: both (or all) statements side by side, each with the
        briefing's full citation, and what they concern."""
        rid = f' id="rec-{escape.html(dis.id)}"' if anchor else ""
        about = ", ".join(
            f'<a href="#rec-{escape.html(r)}">{escape.html(self.corpus.by_id[r].title)}</a>' if r in self.corpus.by_id else escape.html(r)
            for r in dis.records)
        layout = Layout(
            box="article", attrs=lambda d: f' class="disagreement record" data-kind="disagreement"{rid}',
            before=lambda d: f'<p class="meta">{KIND_SINGULAR["disagreement"]} · ref: {escape.html(d.id)} · about: {about}</p>',
            after=lambda d: ("".join(self.excerpt(e, excerpt_key(d.id, i)) for i, e in enumerate(d.excerpts))
                             + "".join(self.reference(r) for r in d.references)),
            link=lambda side: self.link(side.excerpt, side.key), cite=True, reference=self.reference, **_LINKS)
        return disagreement_html(dis, self.corpus, layout)


def _listed(s: Snapshot) -> tuple[list[Annotation], list[Annotation]]:
    """The records listed in full (featured, selected, those in the frame, then corpus order; at most
    MAX_LISTED, disagreements apart) and those only counted."""
    others = [r for r in s.records if not isinstance(r, Disagreement)]
    featured = set(s.featured)

    def rank(record: Annotation) -> int:
        if record.id in featured:
            return 0
        if record.id == s.view.selected:
            return 1
        loc = getattr(record, "location", None)
        return 2 if loc is not None and s.extent.contains(loc.lat, loc.lon) else 3

    ordered = sorted(others, key=rank)  # stable: corpus order within each rank
    return ordered[:MAX_LISTED], ordered[MAX_LISTED:]


def _disagreements(s: Snapshot, listed: list[Annotation]) -> list[Disagreement]:
    """The disagreements in view: those the filters leave, and those about a record listed."""
    ids = {r.id for r in listed}
    found = [r for r in s.records if isinstance(r, Disagreement)]
    seen = {d.id for d in found}
    for record in s.corpus.records:
        if isinstance(record, Disagreement) and record.id not in seen and ids.intersection(record.records):
            found.append(record)
    return found[:MAX_DISAGREEMENTS]


def _header(s: Snapshot, total: int) -> str:
    """Title, what is shaded on which day, and one line: when made, from which corpus, how many records, the link."""
    line = [f"Made {escape.html(s.made_text)}", f"corpus version {escape.html(s.corpus.version)}",
            f"{total:,} record{'s' if total != 1 else ''} in view"]
    if s.link:
        line.append(_anchor(s.link, "open this view on the dashboard ↗"))
    return (f'<header><p class="kicker">Briefing · Central Asia tour dashboard</p><h1>{escape.html(s.title)}</h1>'
            f'<p class="subtitle">{escape.html(s.subtitle)}.</p><p class="lede">{" · ".join(line)}</p></header>')


def _about_view(s: Snapshot, listed: int, total: int) -> str:
    """The view in words, under the map: the filters, the frame, the link; and how to read what follows."""
    link = (f'<span class="link-out">{_anchor(s.link, s.link)}</span>' if s.link else
            "not known (this file was made outside the dashboard)")
    extent = s.extent
    lat, lon = extent.center
    rows = [*s.filters,
            ("Map frame", f"{extent.south:.2f}° to {extent.north:.2f}° N, {extent.west:.2f}° to {extent.east:.2f}° E "
                          f"(centre {lat:.2f}° N, {lon:.2f}° E)"),
            ("Records in view", f"{total:,}" + (f", {listed:,} listed in full below" if listed < total else "")),
            ("Made", s.made_text), ("Corpus version", s.corpus.version)]
    facts = "".join(f"<dt>{escape.html(k)}</dt><dd>{escape.with_lang(v)}</dd>" for k, v in rows)
    facts += f"<dt>Dashboard link</dt><dd>{link}</dd>"
    return ('<section id="view"><h2>This view</h2>'
            f'<dl class="about-view">{facts}</dl>'
            "<p>Excerpts are verbatim from the articles, each with its source and its place in the text. Context "
            "facts (coordinates, exact dates, membership dates) are not from the articles: each names the public "
            "record it comes from. Where sources disagree, every version is kept, side by side. Lengths and "
            "distances marked computed come from the dashboard's own geodata.</p></section>")


def _counts(records: list[Annotation]) -> str:
    counts = Counter(r.kind for r in records)
    rows = "".join(f"<tr><td>{escape.html(KIND_LABELS[k])}</td><td>{counts[k]:,}</td></tr>" for k in LIST_ORDER if counts[k])
    return f'<table class="counts"><tr><th>Kind</th><th>Records</th></tr>{rows}</table>'


def _sources_section(s: Snapshot, quoted: dict[str, set]) -> str:
    if not quoted:
        return ""
    items = []
    for sid, keys in sorted(quoted.items(), key=lambda kv: -len(kv[1])):
        count = len(keys)
        src = s.corpus.sources[sid]
        bits = [f"<b>{escape.html(src.label)}</b>"]
        if src.title:
            bits.append(f"“{escape.html(src.title)}”")
        bits.append(escape.html(source_citation(src)))
        if src.translator:
            bits.append(f"translated by {escape.html(src.translator)}")
        if src.url:
            bits.append(_anchor(src.url, src.url))
        if src.note:
            bits.append(escape.html(src.note))
        bits.append(f"{count} excerpt{'s' if count != 1 else ''} here")
        items.append("<li>" + " · ".join(bits) + "</li>")
    return ('<section id="sources"><h2>The articles quoted</h2><ul class="sources">' + "".join(items) + "</ul>"
            "<p>Each article is kept unchanged on the dashboard with its sha256, so that every excerpt can be "
            "checked to be verbatim.</p></section>")


def _licences_section(s: Snapshot, leaflet_licence: str) -> str:
    items = "".join(f"<li><b>{escape.html(item.part)}</b>: {escape.html(item.terms)}"
                    + (f" ({_anchor(item.url, 'terms')})" if item.url else "") + "</li>" for item in IN_BRIEFING)
    return ('<section id="licences"><h2>Licences</h2><ul class="licences">' + items + "</ul>"
            f"<p>Cite this briefing as: Central Asia tour dashboard, corpus version {escape.html(s.corpus.version)}, "
            f"briefing made {escape.html(s.made_text)}" + (f", {escape.html(s.link)}" if s.link else "") + ".</p>"
            f'<details class="licence-text"><summary>{escape.html(LEAFLET_TERMS.part)}: its licence, as it ships with it'
            f"</summary><pre>{escape.html(leaflet_licence)}</pre></details></section>")


def _csp(scripts: list[str]) -> str:
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode()}'"
                      for s in scripts)
    # Inline styles stay allowed: Leaflet and the marks set style attributes (they cannot run or load anything
    # while images are data: only and no connection is allowed).
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; base-uri 'none'; form-action 'none'")


def _checked_inline(text: str, tag: str) -> str:
    if f"</{tag}" in text.lower():
        raise ValueError(f"inline {tag} text would end its element early")
    return text


def build_briefing(snapshot: Snapshot, countries, borders) -> str:
    """The briefing file's HTML (UTF-8 text) for a snapshot, on the given geodata; raises AssetError when
    Leaflet's files are missing or altered."""
    s = snapshot
    leaflet_js, leaflet_css, leaflet_licence = leaflet_assets()
    writer = _Writer(s, borders, countries)
    listed, counted = _listed(s)
    disagreements = _disagreements(s, listed)

    contents = [("map-section", "Map"), ("view", "This view")]
    parts: list[str] = [_about_view(s, len(listed) + sum(isinstance(r, Disagreement) for r in s.records),
                                    len(s.records))]
    if s.focus is not None:
        featured = [s.corpus.by_id[rid] for rid in s.featured]
        own = (f'<p class="own-words"><span class="who">The dashboard’s own words, summarising the records '
               f"below</span>{escape.html(s.focus.text)}</p>") if s.focus.text else ""
        parts.append(f'<section id="focus"><h2>{escape.html(s.focus.title)}</h2>{own}'
                     + "".join(writer.card(r) for r in featured if not isinstance(r, Disagreement))
                     + "".join(writer.disagreement(r) for r in featured if isinstance(r, Disagreement))
                     + "</section>")
        contents.append(("focus", "This step"))
    selected = s.selected
    if selected is not None:
        body = (writer.disagreement(selected, anchor=False) if isinstance(selected, Disagreement)
                else writer.card(selected, anchor=False, selected=True))
        side = "".join(writer.disagreement(d, anchor=False) for d in s.corpus.disputes.get(selected.id, ()))
        parts.append(f'<section id="selected"><h2>Selected: {escape.html(selected.title)}</h2>{body}{side}</section>')
        contents.append(("selected", "Selected"))
    if disagreements:
        shown_in_focus = set(s.featured)
        parts.append(f'<section id="disagreements"><h2>Where the sources disagree ({len(disagreements)})</h2>'
                     + "".join(writer.disagreement(d, anchor=d.id not in shown_in_focus) for d in disagreements)
                     + "</section>")
        contents.append(("disagreements", "Disagreements"))
    by_kind = [(k, [r for r in listed if r.kind == k and r.id not in s.featured]) for k in LIST_ORDER]
    records_html = "".join(
        f'<h3 class="kind">{escape.html(KIND_LABELS[k])} ({len(rs)})</h3>' + "".join(writer.card(r) for r in rs)
        for k, rs in by_kind if rs)
    more = ""
    if counted:
        more = (f'<div class="more"><p><b>{len(counted):,} more records are in view</b> and are not listed here, so '
                "that the file stays small (the map groups their marks). Narrow the filters on the dashboard to list "
                f"them; this is what they are:</p>{_counts(counted)}</div>")
    if not s.records:
        records_html = "<p>No record matches these filters.</p>"
    parts.append(f'<section id="records"><h2>Every record in view ({len(s.records):,})</h2>{records_html}{more}'
                 "</section>")
    contents.append(("records", "Records"))
    parts.append(_sources_section(s, writer.quoted))
    if writer.quoted:
        contents.append(("sources", "Articles"))
    parts.append(_licences_section(s, leaflet_licence))
    contents.append(("licences", "Licences"))

    # The map's own scripts, as the dashboard's map runs them, then the file's.
    app_script = _checked_inline("\n".join(static_code(name) for name in BRIEFING_SCRIPTS), "script")
    leaflet_js = _checked_inline(leaflet_js, "script")
    styles = _checked_inline(f"{leaflet_css}\n{map_css()}\n{read_static('map-popups.css')}\n{read_static('briefing.css')}",
                             "style")
    data = escape.script_json(map_data(s, countries, borders))
    nav = "".join(f'<li><a href="#{key}">{escape.html(label)}</a></li>' for key, label in contents)
    description = f"{s.title}. {s.subtitle}. Briefing made {s.made_text}, corpus {s.corpus.version}."
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_csp([leaflet_js, app_script])}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta name="description" content="{escape.html(description)}">\n'
        f'<meta name="generator" content="Central Asia tour dashboard, corpus {escape.html(s.corpus.version)}">\n'
        f"<title>{escape.html(s.title)} — briefing, {escape.html(s.made_text)}</title>\n"
        f"<style>{styles}</style>\n"
        '</head><body><div class="page">\n'
        + _header(s, len(s.records))
        + f'<nav class="contents" aria-label="Contents"><ol>{nav}</ol></nav>\n'
        # The statuses' fill patterns, as on the dashboard: the map's countries and the legend's swatches use them.
        + pattern_defs()
        + '<main><section id="map-section" class="map-wrap" aria-label="Map">'
        f'<div id="map" role="region" aria-label="Map: {escape.html(s.subtitle)}"></div>'
        '<p class="map-help"><span>Drag to pan; +/− or a double click to zoom (the wheel zooms once you have '
        "clicked the map); hover a mark for a summary, click it for its excerpts.</span>"
        '<button type="button" id="map-reset">Back to the view’s frame</button></p>'
        '<noscript><p class="noscript">The map needs JavaScript; everything else in this file is '
        "below.</p></noscript></section>\n"
        # The map's scripts right after it: the map is drawn and painted before the rest of the document is
        # even parsed (a long list of records would otherwise be laid out first).
        f'<script type="application/json" id="briefing-data">{data}</script>\n'
        f"<script>{leaflet_js}</script>\n"
        f"<script>{app_script}</script>\n"
        + "\n".join(p for p in parts if p)
        + "</main>\n"
        f'<footer>{escape.html(ATTRIBUTION)}, corpus version {escape.html(s.corpus.version)}. Map drawn with Leaflet '
        f"{escape.html(LEAFLET.version)}. This file opens without a network: nothing in it is fetched.</footer>\n"
        "</div>\n"
        "</body></html>\n"
    )
