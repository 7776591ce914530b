"""The published map (issue 28): one small self-contained HTML file of a view's map, for a newsroom's page or
any static host, so that an article's readers never reach the dashboard's server. Pure: no Streamlit.

    build_embed(snapshot, countries, borders) -> str

Made by the briefing's engine (dashboard.downloads.mapfile: the same map, styles, legend and layout, on the
same basemap), but only the map: it fills the frame it is put in, from a phone to a full-width column; a
click on a mark or a shaded country opens that record's quotes (every excerpt verbatim with its source and a
link to its place in the article, every context fact's public record, and where the sources disagree, each
version side by side); a bar above the map names the view and links back to it on the dashboard, and its
"About" says what the view holds, when it was made, from which corpus, and under which licences. There is no
list of records (the briefing has one).

It opens from disk or from any static server and asks for nothing: Leaflet, the scripts, the basemap and the
quotes are inside, and its Content-Security-Policy lets only its own two scripts run (by their hashes) and
allows no connection. Every string from the corpus is escaped.

Size: at most MAX_BYTES for the default view (bench/, tests/unit/test_embed.py).
"""

from __future__ import annotations

import re

from dashboard import escape
from dashboard.corpus.model import Annotation, Disagreement, Excerpt, MilitarySite, Reference
from dashboard.corpus.records import excerpt_key
from dashboard.downloads.cards import CardWriter, anchor
from dashboard.downloads.licences import ATTRIBUTION, IN_BRIEFING
from dashboard.downloads.mapfile import (
    Detail,
    checked_inline,
    csp,
    file_words,
    leaflet_assets,
    legend_template,
    licence_texts,
    map_data,
    map_scripts,
    map_styles,
    without_unused_properties,
)
from dashboard.downloads.snapshot import file_lang, number, sentence
from dashboard.downloads.strip import strip_html, strip_style
from dashboard.evidence.disagreement import Layout, disagreement_html
from dashboard.evidence.excerpts import quote_text
from dashboard.evidence.facts import read_text, supports_label, when_text
from dashboard.i18n import N_
from dashboard.i18n import gettext as _
from dashboard.labels import KIND_SINGULAR
from dashboard.map.assets import LEAFLET
from dashboard.map.marks import REF_PATTERN
from dashboard.map.style import pattern_defs

MAX_BYTES = 300_000  # the default view's file (issue 28)
# Coarser than the briefing's: a map seen in a column, opened on the reader's frame as the dashboard's map showed
# it (about 500 px wide), drawn to about a pixel of that however wide the frame; away from it 2° (zoomed out to the
# whole world, under six pixels, every state still drawn whole).
DETAIL = Detail(pixels=500, world=2.0, coarsest=0.1)
# Leaflet's own images (default markers, the layers control): this map has neither, so its stylesheet's
# references to them are left out rather than carried as data: URIs (9 kB); so are the rules of what it never
# makes (the layers control, the default icon, old Internet Explorer's VML, tiles: it fetches none, and its tile pane
# stays empty), each rule whose selectors all name one.
_LEAFLET_IMAGE = re.compile(r'url\("data:image/png;base64,[A-Za-z0-9+/=]+"\)')
_LEAFLET_RULE = re.compile(r"([^{}]*)\{[^{}]*\}")
_UNUSED = ("leaflet-control-layers", "leaflet-default-icon-path", "leaflet-oldie", "leaflet-vml", "lvml", "leaflet-tile")


def leaflet_css_used(css: str) -> str:
    """Leaflet's stylesheet without its images and the rules this map never uses (a rule with a selector of
    something it does use is kept whole)."""
    def rule(match: re.Match) -> str:
        selectors = [s for s in match[1].split(",") if s.strip()]
        return "" if selectors and all(any(u in s for u in _UNUSED) for s in selectors) else match[0]

    return _LEAFLET_RULE.sub(rule, _LEAFLET_IMAGE.sub("none", css))
# Its short form on a phone's width (embed.css): the visible words are the link's name either way. Marked for the
# catalog: read it through gettext.
LIVE = N_('<span class="long">Open the live view</span><span class="short">Live view</span> ↗')


def referenced(data: dict) -> list[str]:
    """The ids of the records a click on the map can open (map_data's marks and shaded countries name them in
    their tooltips), in the map's order, each once."""
    tooltips = [row.get("tooltip") for row in data["membership"].values()]
    tooltips += [mark[2] for layer in data["layers"] for mark in layer["marks"]]
    found: dict[str, None] = {}
    for tooltip in tooltips:
        for rid in REF_PATTERN.findall(tooltip or ""):
            found.setdefault(rid, None)
    return list(found)


def _reference(ref: Reference, badge: str = "") -> str:
    """A public record behind a context fact, in a line: the fact it proves, its words, its title (linked to it)
    and publisher, and when it was read. `badge`: a label before it (a disagreement's version says what it rests on;
    a record's list of them has one heading, which embed.js adds)."""
    quote = " " + escape.english("q", " ".join(ref.quote.split())) if ref.quote else ""
    title = escape.with_lang(ref.title)
    if ref.url and re.match(r"^https?://", ref.url, re.IGNORECASE):
        title = escape.english("a", ref.title, f' href="{escape.html(ref.url)}"')
    publisher = f", {escape.with_lang(ref.publisher)}" if ref.publisher else ""
    accessed = escape.html(read_text(ref.accessed))
    badge = f'<span class="ctx-badge">{escape.html(badge)}</span>' if badge else ""
    return f'<div class="reference">{badge}<b>{escape.with_lang(supports_label(ref.supports))}</b>:{quote} — {title}{publisher}{accessed}</div>'


class _Popups:
    """Each record's quotes as its popup shows them: title, kind and date, its excerpts with their articles, its
    public records, the disagreements about it side by side. A public record or a disagreement shown by several
    records (a treaty behind every member's date) is written once, as a part the popups share (embed.js puts a
    popup together from its record's template and its parts)."""

    def __init__(self, snapshot, borders, countries):
        self.s = snapshot
        self.writer = CardWriter(snapshot, borders, countries)
        self.layout = Layout(attrs=lambda d: ' class="disagreement"', excerpt=lambda side: self.excerpt(side.excerpt, side.key),
                             reference=lambda ref: _reference(ref, _("public record")))
        self.parts: dict[str, str] = {}  # a part's HTML -> its id
        self.sources: dict[str, str] = {}  # the articles quoted: id -> label

    def excerpt(self, excerpt: Excerpt, key: str, owner: str = "") -> str:
        """An excerpt's words, verbatim. Its article's label and the link to its place there are added by
        embed.js from the file's table of articles (data.sources): a label is written once, not under every
        quote. A key of the popup's own record (`owner`) is written from its dot ('.2'), as embed.js reads it."""
        self.sources[excerpt.source] = self.s.corpus.sources[excerpt.source].label
        if owner and key.startswith(owner + "."):
            key = key[len(owner):]
        return (f'<div class="excerpt" data-s="{escape.html(excerpt.source)}" data-k="{escape.html(key)}">'
                + escape.english("blockquote", f"“{quote_text(excerpt)}”") + "</div>")

    def part(self, html: str, prefix: str) -> str:
        return self.parts.setdefault(html, f"{prefix}{len(self.parts)}")

    def popup(self, record: Annotation) -> str:
        corpus = self.s.corpus
        if isinstance(record, Disagreement):
            body, parts = disagreement_html(record, corpus, self.layout), []
        else:
            unsettled = ('<p class="flag-box">' + _("⚠ Unsettled: the sources leave this status open.") + "</p>"
                         if getattr(record, "unsettled", False) else "")
            body = (unsettled + "".join(self.excerpt(e, excerpt_key(record.id, i), record.id)
                                     for i, e in enumerate(record.excerpts))
                    + self.writer.computed(record, selected=isinstance(record, MilitarySite)))
            parts = [self.part(_reference(r), "r") for r in record.references]
            parts += [self.part(disagreement_html(d, corpus, self.layout), "d") for d in corpus.disputes.get(record.id, ())]
        when = when_text(record)
        return (f'<template id="q-{escape.html(record.id)}" data-parts="{" ".join(parts)}"><div class="quotes">'
                + escape.english("h2", record.title) +
                f'<p class="meta">{escape.html(KIND_SINGULAR[record.kind])}{" · " + escape.html(when) if when else ""}</p>'
                f"{body}</div></template>")

    def shared(self) -> str:
        """The parts, each once."""
        return "".join(f'<template id="{pid}">{html}</template>' for html, pid in self.parts.items())


def _about(s, listed: int, live: str | None) -> str:
    """The view in words, what the file is, and its licences: behind the bar's "About". `live`: the view's http(s)
    link, if it has one."""
    rows = [*s.filters, (_("Records on the map"), _("{n} (a click on one opens its quotes)").format(n=number(listed))),
            (_("Made"), s.made_text), (_("Corpus version"), s.corpus.version)]
    facts = "".join(f"<dt>{escape.html(k)}</dt><dd>{escape.with_lang(v)}</dd>" for k, v in rows)
    link = (anchor(live, _("open this view on the dashboard ↗")) if live
            else _("not known (made outside the dashboard)"))
    licences = "".join(f"<li><b>{escape.html(item.part)}</b>: {escape.html(item.terms)}</li>" for item in IN_BRIEFING)
    return (f'<dl class="about-view">{facts}<dt>' + _("Dashboard") + f"</dt><dd>{link}</dd></dl>"
            "<p>" + _("Excerpts are verbatim from the articles, each with its source and its place in the text. "
                      "Context facts (coordinates, exact dates, memberships) are not from the articles: each names the "
                      "public record it comes from. Where sources disagree, every version is kept, side by side. This "
                      "file asks for nothing from anywhere: the map and its data are inside it.")
            + "</p><h2>" + _("Licences") + f"</h2><ul>{licences}</ul><p>"
            + _("{attribution}, corpus version {version}. Map drawn with Leaflet {leaflet}.").format(
                attribution=escape.html(_(ATTRIBUTION)), version=escape.html(s.corpus.version),
                leaflet=escape.html(LEAFLET.version))
            + f"</p>{licence_texts()}")


EMPTY = N_("No record matches this view's filters. The dashboard's link above opens the view, to change them.")


def build_embed(snapshot, countries, borders) -> str:
    """The published map's HTML (UTF-8 text) for a snapshot (dashboard.downloads.snapshot.make_snapshot), on the
    given geodata (EPSG:4326 GeoDataFrames); raises AssetError when a carried file is missing or altered."""
    s = snapshot
    leaflet_js, leaflet_css, _licence = leaflet_assets()
    data = map_data(s, countries, borders, DETAIL)
    data["fileWords"] = file_words("embed.js")
    live_link = s.link if s.link and re.match(r"^https?://", s.link, re.IGNORECASE) else None
    data["link"] = live_link  # a popup's "on the dashboard" link: this view with its record selected (embed.js)
    popups = _Popups(s, borders, countries)
    ids = [rid for rid in referenced(data) if rid in s.corpus.by_id]
    templates = "".join(popups.popup(s.corpus.by_id[rid]) for rid in ids) + popups.shared()
    data["sources"] = popups.sources  # each article's label, once: embed.js writes it under each of its quotes
    app_script = map_scripts("embed.js")
    leaflet_js = checked_inline(leaflet_js, "script")
    styles = map_styles(leaflet_css_used(leaflet_css), "embed.css") + strip_style(s)
    said = {"live": _(LIVE), "about": _("About"), "empty": _(EMPTY), "noscript": _("This map needs JavaScript."),
            "open": _("Open the view on the dashboard"),
            "map_label": _("Map: {subtitle}").format(subtitle=escape.html(s.subtitle))}
    live = f'<a class="live" href="{escape.html(live_link)}" rel="noopener">{said["live"]}</a>' if live_link else ""
    description = _("{title} {subtitle} Map made {made}, corpus {version}.").format(
        title=sentence(s.title), subtitle=sentence(s.subtitle), made=s.made_text, version=s.corpus.version)
    title = _("{title} — map, {made}").format(title=escape.html(s.title), made=escape.html(s.made_text))
    # The palette's colours it does not use are left out: the file is size-budgeted (MAX_BYTES).
    return without_unused_properties(
        "<!DOCTYPE html>\n"
        f'<html lang="{file_lang()}"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp([leaflet_js, app_script])}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="description" content="{escape.html(description)}">\n'
        f'<meta name="generator" content="Central Asia tour dashboard, corpus {escape.html(s.corpus.version)}">\n'
        f"<title>{title}</title>\n"
        f"<style>{styles}</style>\n"
        # Every link opens outside the frame (the file sits in a host's page): one base element, not an
        # attribute on each of a hundred links.
        '<base target="_blank">\n'
        "</head><body>\n"
        # The statuses' fill patterns, as on the dashboard: the map's countries and the legend's swatches use them.
        + pattern_defs(data["patterned"])
        + f'<header class="bar"><h1><span class="title">{escape.with_lang(s.title)}</span> '
        f'<span class="subtitle">{escape.with_lang(s.subtitle)}</span></h1>{live}'
        f'<details class="about"><summary>{said["about"]}</summary><div class="about-panel" tabindex="-1">'
        f"{_about(s, len(ids), live_link)}</div></details></header>\n"
        + strip_html(s) + "\n"
        f'<main><div id="map" role="region" aria-label="{said["map_label"]}">'
        "</div>"
        + (f'<p class="empty" role="status">{said["empty"]}</p>' if not s.records else "")
        + f'<noscript><p class="noscript">{said["noscript"]} '
        + (f'<a href="{escape.html(live_link)}">{said["open"]}</a>.' if live_link else "")
        + "</p></noscript>"
        "</main>\n"
        + legend_template(snapshot.org_short) + "\n"
        f'<script type="application/json" id="embed-data">{escape.script_json(data)}</script>\n'
        f"<script>{leaflet_js}</script>\n"
        f"<script>{app_script}</script>\n"
        # What a click opens, after the map's scripts: the map is drawn before these are even parsed.
        f"{templates}\n"
        "</body></html>\n"
    )

