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

from collections import Counter

from dashboard import escape
from dashboard.corpus.model import Annotation, Disagreement
from dashboard.downloads.cards import CardWriter, anchor
from dashboard.downloads.licences import ATTRIBUTION, IN_BRIEFING
from dashboard.downloads.mapfile import (
    checked_inline,
    csp,
    leaflet_assets,
    legend_template,
    licence_texts,
    map_data,
    map_scripts,
    map_styles,
)
from dashboard.downloads.snapshot import Snapshot, file_lang, number, sentence
from dashboard.downloads.strip import strip_html, strip_style
from dashboard.evidence.facts import source_citation
from dashboard.i18n import gettext as _
from dashboard.i18n import ngettext
from dashboard.labels import KIND_LABELS, LIST_ORDER
from dashboard.map.assets import LEAFLET
from dashboard.map.style import pattern_defs

# Records listed in full, at most (any view of the project's corpus fits: 121 at most today); past that they
# are counted by kind, so that the file stays the same size however many records are in view.
MAX_LISTED = 150
MAX_DISAGREEMENTS = 100
# --- the document -------------------------------------------------------------------------------------------

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
    line = [_("Made {made}").format(made=escape.html(s.made_text)),
            _("corpus version {version}").format(version=escape.html(s.corpus.version)),
            ngettext("{n} record in view", "{n} records in view", total).format(n=number(total))]
    if s.link:
        line.append(anchor(s.link, _("open this view on the dashboard ↗")))
    kicker = _("Briefing · Central Asia tour dashboard")
    return (f'<header><p class="kicker">{kicker}</p>'
            f'<h1>{escape.with_lang(s.title)}</h1>'
            f'<p class="subtitle">{escape.with_lang(sentence(s.subtitle))}</p><p class="lede">{" · ".join(line)}</p></header>')


def _about_view(s: Snapshot, listed: int, total: int) -> str:
    """The view in words, under the map: the filters, the frame, the link; and how to read what follows."""
    link = (f'<span class="link-out">{anchor(s.link, s.link)}</span>' if s.link else
            _("not known (this file was made outside the dashboard)"))
    extent = s.extent
    lat, lon = extent.center
    frame = _("{south}° to {north}° N, {west}° to {east}° E (centre {lat}° N, {lon}° E)").format(
        south=number(extent.south, 2), north=number(extent.north, 2), west=number(extent.west, 2),
        east=number(extent.east, 2), lat=number(lat, 2), lon=number(lon, 2))
    in_view = (_("{total}, {listed} listed in full below").format(total=number(total), listed=number(listed))
               if listed < total else number(total))
    rows = [*s.filters, (_("Map frame"), frame), (_("Records in view"), in_view),
            (_("Made"), s.made_text), (_("Corpus version"), s.corpus.version)]
    facts = "".join(f"<dt>{escape.html(k)}</dt><dd>{escape.with_lang(v)}</dd>" for k, v in rows)
    facts += "<dt>" + _("Dashboard link") + f"</dt><dd>{link}</dd>"
    return ('<section id="view"><h2>' + _("This view") + "</h2>"
            f'<dl class="about-view">{facts}</dl>'
            "<p>" + _("Excerpts are verbatim from the articles, each with its source and its place in the text. "
                      "Context facts (coordinates, exact dates, membership dates) are not from the articles: each "
                      "names the public record it comes from. Where sources disagree, every version is kept, side by "
                      "side. Lengths and distances marked computed come from the dashboard's own geodata.")
            + "</p></section>")


def _counts(records: list[Annotation]) -> str:
    counts = Counter(r.kind for r in records)
    rows = "".join(f"<tr><td>{escape.html(KIND_LABELS[k])}</td><td>{number(counts[k])}</td></tr>"
                   for k in LIST_ORDER if counts[k])
    return ('<table class="counts"><tr><th>' + _("Kind") + "</th><th>" + _("Records") + f"</th></tr>{rows}</table>")


def _sources_section(s: Snapshot, quoted: dict[str, set]) -> str:
    if not quoted:
        return ""
    items = []
    for sid, keys in sorted(quoted.items(), key=lambda kv: -len(kv[1])):
        count = len(keys)
        src = s.corpus.sources[sid]
        bits = [f"<b>{escape.with_lang(src.label)}</b>"]
        if src.title:
            bits.append(_("“{title}”").format(title=escape.with_lang(src.title)))
        bits.append(escape.with_lang(source_citation(src)))
        if src.translator:
            bits.append(_("translated by {name}").format(name=escape.with_lang(src.translator)))
        if src.url:
            bits.append(anchor(src.url, src.url))
        if src.note:
            bits.append(escape.with_lang(src.note))
        bits.append(ngettext("{n} excerpt here", "{n} excerpts here", count).format(n=number(count)))
        items.append("<li>" + " · ".join(bits) + "</li>")
    return ('<section id="sources"><h2>' + _("The articles quoted") + '</h2><ul class="sources">' + "".join(items)
            + "</ul><p>" + _("Each article is kept unchanged on the dashboard with its sha256, so that every excerpt "
                             "can be checked to be verbatim.") + "</p></section>")


def _licences_section(s: Snapshot) -> str:
    items = "".join(f"<li><b>{escape.html(item.part)}</b>: {escape.html(item.terms)}"
                    + (" (" + anchor(item.url, _("terms")) + ")" if item.url else "") + "</li>" for item in IN_BRIEFING)
    values = {"version": escape.html(s.corpus.version), "made": escape.html(s.made_text),
              "link": escape.html(s.link or "")}
    cite = (_("Cite this briefing as: Central Asia tour dashboard, corpus version {version}, briefing made {made}, "
              "{link}.") if s.link else
            _("Cite this briefing as: Central Asia tour dashboard, corpus version {version}, briefing made {made}."))
    return ('<section id="licences"><h2>' + _("Licences") + '</h2><ul class="licences">' + items + "</ul>"
            f"<p>{cite.format(**values)}</p>" + licence_texts() + "</section>")


def build_briefing(snapshot: Snapshot, countries, borders) -> str:
    """The briefing file's HTML (UTF-8 text) for a snapshot, on the given geodata; raises AssetError when
    Leaflet's files are missing or altered."""
    s = snapshot
    leaflet_js, leaflet_css, _licence = leaflet_assets()
    writer = CardWriter(s, borders, countries)
    listed, counted = _listed(s)
    disagreements = _disagreements(s, listed)

    contents = [("map-section", _("Map")), ("view", _("This view"))]
    parts: list[str] = [_about_view(s, len(listed) + sum(isinstance(r, Disagreement) for r in s.records),
                                    len(s.records))]
    if s.focus is not None:
        featured = [s.corpus.by_id[rid] for rid in s.featured]
        who = _("The dashboard’s own words, summarising the records below")
        own = (f'<p class="own-words"><span class="who">{who}</span>{escape.with_lang(s.focus.text)}</p>'
               if s.focus.text else "")
        parts.append(f'<section id="focus"><h2>{escape.with_lang(s.focus.title)}</h2>{own}'
                     + "".join(writer.card(r) for r in featured if not isinstance(r, Disagreement))
                     + "".join(writer.disagreement(r) for r in featured if isinstance(r, Disagreement))
                     + "</section>")
        contents.append(("focus", _("This step")))
    selected = s.selected
    if selected is not None:
        body = (writer.disagreement(selected, anchor=False) if isinstance(selected, Disagreement)
                else writer.card(selected, anchor=False, selected=True))
        side = "".join(writer.disagreement(d, anchor=False) for d in s.corpus.disputes.get(selected.id, ()))
        heading = _("Selected: {title}").format(title=escape.with_lang(selected.title))
        parts.append(f'<section id="selected"><h2>{heading}</h2>{body}{side}</section>')
        contents.append(("selected", _("Selected")))
    if disagreements:
        shown_in_focus = set(s.featured)
        heading = _("Where the sources disagree ({n})").format(n=number(len(disagreements)))
        parts.append(f'<section id="disagreements"><h2>{heading}</h2>'
                     + "".join(writer.disagreement(d, anchor=d.id not in shown_in_focus) for d in disagreements)
                     + "</section>")
        contents.append(("disagreements", _("Disagreements")))
    by_kind = [(k, [r for r in listed if r.kind == k and r.id not in s.featured]) for k in LIST_ORDER]
    records_html = "".join(
        f'<h3 class="kind">{escape.html(KIND_LABELS[k])} ({number(len(rs))})</h3>' + "".join(writer.card(r) for r in rs)
        for k, rs in by_kind if rs)
    more = ""
    if counted:
        told = ngettext(
            "<b>{n} more record is in view</b> and is not listed here, so that the file stays small (the map groups "
            "the marks). Narrow the filters on the dashboard to list it; this is what it is:",
            "<b>{n} more records are in view</b> and are not listed here, so that the file stays small (the map "
            "groups their marks). Narrow the filters on the dashboard to list them; this is what they are:",
            len(counted)).format(n=number(len(counted)))
        more = f'<div class="more"><p>{told}</p>{_counts(counted)}</div>'
    if not s.records:
        records_html = "<p>" + _("No record matches these filters.") + "</p>"
    heading = _("Every record in view ({n})").format(n=number(len(s.records)))
    parts.append(f'<section id="records"><h2>{heading}</h2>{records_html}{more}</section>')
    contents.append(("records", _("Records")))
    parts.append(_sources_section(s, writer.quoted))
    if writer.quoted:
        contents.append(("sources", _("Articles")))
    parts.append(_licences_section(s))
    contents.append(("licences", _("Licences")))

    # The map's own scripts, as the dashboard's map runs them, then the file's.
    app_script = map_scripts("briefing.js")
    leaflet_js = checked_inline(leaflet_js, "script")
    styles = map_styles(leaflet_css, "briefing.css") + strip_style(s)
    drawn = map_data(s, countries, borders)
    data = escape.script_json(drawn)
    nav = "".join(f'<li><a href="#{key}">{escape.html(label)}</a></li>' for key, label in contents)
    said = {"contents": _("Contents"), "map": _("Map"), "back": _("Back to the view’s frame"),
            "map_label": _("Map: {subtitle}").format(subtitle=escape.html(s.subtitle)),
            "noscript": _("The map needs JavaScript; everything else in this file is below.")}
    description = _("{title} {subtitle} Briefing made {made}, corpus {version}.").format(
        title=sentence(s.title), subtitle=sentence(s.subtitle), made=s.made_text, version=s.corpus.version)
    title = _("{title} — briefing, {made}").format(title=escape.html(s.title), made=escape.html(s.made_text))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{file_lang()}"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp([leaflet_js, app_script])}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta name="description" content="{escape.html(description)}">\n'
        f'<meta name="generator" content="Central Asia tour dashboard, corpus {escape.html(s.corpus.version)}">\n'
        f"<title>{title}</title>\n"
        f"<style>{styles}</style>\n"
        '</head><body><div class="page">\n'
        + _header(s, len(s.records))
        + f'<nav class="contents" aria-label="{said["contents"]}"><ol>{nav}</ol></nav>\n'
        # The statuses' fill patterns, as on the dashboard: the map's countries and the legend's swatches use them.
        + pattern_defs(drawn["patterned"])
        + f'<main><section id="map-section" class="map-wrap" aria-label="{said["map"]}">'
        f'<div id="map" role="region" aria-label="{said["map_label"]}"></div>'
        '<p class="map-help"><span>' + _("Drag to pan; +/− or a double click to zoom (the wheel zooms once you have "
                                          "clicked the map); hover a mark for a summary, click it for its excerpts.")
        + f'</span><button type="button" id="map-reset">{said["back"]}</button></p>'
        + strip_html(s)
        + f'<noscript><p class="noscript">{said["noscript"]}'
        "</p></noscript></section>\n"
        # The map's scripts right after it: the map is drawn and painted before the rest of the document is
        # even parsed (a long list of records would otherwise be laid out first).
        + legend_template(snapshot.org_short) + "\n"
        f'<script type="application/json" id="briefing-data">{data}</script>\n'
        f"<script>{leaflet_js}</script>\n"
        f"<script>{app_script}</script>\n"
        + "\n".join(p for p in parts if p)
        + "</main>\n"
        + "<footer>" + _("{attribution}, corpus version {version}. Map drawn with Leaflet {leaflet}. This file opens "
                         "without a network: nothing in it is fetched.").format(
            attribution=escape.html(_(ATTRIBUTION)), version=escape.html(s.corpus.version),
            leaflet=escape.html(LEAFLET.version)) + "</footer>\n"
        "</div>\n"
        "</body></html>\n"
    )
