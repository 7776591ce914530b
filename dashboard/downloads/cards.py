"""A record as a card in a downloaded file (the briefing's list, the published map's popups): its title, kind,
date, summary, facts, computed values, flags, excerpts with their full citations and links to their place in
the articles, and its public references. Pure: every string from the corpus is escaped here.
"""

from __future__ import annotations

import re

from dashboard import escape
from dashboard.corpus.model import Annotation, Border, Disagreement, Excerpt, MilitarySite, Reference
from dashboard.corpus.records import excerpt_key
from dashboard.downloads.snapshot import Snapshot, app_link, number
from dashboard.evidence.disagreement import Layout, disagreement_html
from dashboard.evidence.excerpts import excerpt_html
from dashboard.evidence.facts import read_text, record_facts, supports_label, when_text
from dashboard.i18n import gettext as _
from dashboard.labels import KIND_SINGULAR
from dashboard.map.geo import distance_to_geometry_km
from dashboard.query import link as vs


def anchor(url: str | None, text: str, cls: str = "out") -> str:
    """A plain link to an http(s) address (nothing else becomes a link), opened in a new tab."""
    if url and re.match(r"^https?://", url, re.IGNORECASE):
        return (f'<a class="{cls}" href="{escape.html(url)}" target="_blank" rel="noopener noreferrer">'
                f"{escape.with_lang(text)}</a>")
    return escape.with_lang(text)


# The file's links out: marked for print (briefing.css writes their address after them) and sending no referrer.
_LINKS = {"link_class": "out", "rel": "noopener noreferrer"}


def _quote(text: str) -> str:
    return escape.with_lang(" ".join(text.split()))


class CardWriter:
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
        accessed = escape.html(read_text(ref.accessed))
        badge = _("context, not from the articles")
        return (f'<div class="reference"><span class="ctx-badge">{badge}</span>'
                f"<b>{escape.with_lang(supports_label(ref.supports))}</b>:{quote}<div class=\"cite\">— {anchor(ref.url, ref.title)}"
                f"{publisher}{accessed}</div></div>")

    def computed(self, record: Annotation, selected: bool) -> str:
        if isinstance(record, Border) and record.geodata_id in self.lengths:
            km, resolution = self.lengths[record.geodata_id]
            return ('<p class="computed">' + _(
                "<b>Computed length</b>: {km} km, geodesic on the WGS84 ellipsoid (pyproj) of {resolution}; a 1:10m "
                "line smooths a river's meanders, so it measures shorter than surveyed lengths.").format(
                km=number(km, 1), resolution=escape.html(resolution)) + "</p>")
        if isinstance(record, MilitarySite) and selected:
            afghanistan = self.countries.loc[self.countries["iso2"] == "AF", "geometry"]
            if len(afghanistan):
                km = distance_to_geometry_km(record.location.lat, record.location.lon, afghanistan.iloc[0])
                return ('<p class="computed">' + _(
                    "<b>Distance to the Afghan border</b>: {km} km, computed from our geodata (geodesic, WGS84, from "
                    "the marker to the nearest point of Afghanistan's outline); none of the five articles gives "
                    "it.").format(km=number(km)) + "</p>")
        return ""

    def card(self, record: Annotation, anchor: bool = True, selected: bool = False) -> str:
        """One record: title, kind, date, ref, summary, facts, computed values, flags, excerpts, references."""
        rid = f' id="rec-{escape.html(record.id)}"' if anchor else ""
        flags = "".join(
            '<p class="flag-box">' + _("⚠ Sources disagree: {title}").format(
                title=f'<a href="#rec-{escape.html(d.id)}">{escape.with_lang(d.title)}</a>') + "</p>"
            for d in self.corpus.disputes.get(record.id, ()))
        unsettled = ('<p class="flag-box">' + _("⚠ Unsettled: the sources leave this status open (see the summary).")
                     + "</p>" if getattr(record, "unsettled", False) else "")
        facts = record_facts(record, self.corpus)
        facts_html = ('<dl class="facts">' + "".join(f"<dt>{escape.html(k)}</dt><dd>{escape.with_lang(v)}</dd>" for k, v in facts)
                      + "</dl>") if facts else ""
        excerpts = "".join(self.excerpt(e, excerpt_key(record.id, i)) for i, e in enumerate(record.excerpts))
        refs = "".join(self.reference(r) for r in record.references)
        refs = f'<div class="references">{refs}</div>' if refs else ""
        kind = KIND_SINGULAR[record.kind]
        when = when_text(record)
        ref = _("ref: {ref}").format(ref=escape.html(record.id))
        return (f'<article class="record" data-kind="{escape.html(record.kind)}"{rid}>'
                f"<h3>{escape.with_lang(record.title)}</h3>"
                f'<p class="meta">{escape.html(kind)}{" · " + escape.html(when) if when else ""} · '
                f'{ref}</p>'
                + (f'<p class="summary">{escape.with_lang(record.summary)}</p>' if record.summary else "")
                + facts_html + self.computed(record, selected) + unsettled + flags + excerpts + refs + "</article>")

    def disagreement(self, dis: Disagreement, anchor: bool = True) -> str:
        """The briefing's disagreement, a record of its own: both (or all) statements side by side, each with the
        briefing's full citation, and what they concern."""
        rid = f' id="rec-{escape.html(dis.id)}"' if anchor else ""
        about = ", ".join(
            f'<a href="#rec-{escape.html(r)}">{escape.with_lang(self.corpus.by_id[r].title)}</a>' if r in self.corpus.by_id else escape.html(r)
            for r in dis.records)
        meta = _("{kind} · ref: {ref} · about: {records}").format(
            kind=escape.html(KIND_SINGULAR["disagreement"]), ref=escape.html(dis.id), records=about)
        layout = Layout(
            box="article", attrs=lambda d: f' class="disagreement record" data-kind="disagreement"{rid}',
            before=lambda d: f'<p class="meta">{meta}</p>',
            after=lambda d: ("".join(self.excerpt(e, excerpt_key(d.id, i)) for i, e in enumerate(d.excerpts))
                             + "".join(self.reference(r) for r in d.references)),
            link=lambda side: self.link(side.excerpt, side.key), cite=True, reference=self.reference, **_LINKS)
        return disagreement_html(dis, self.corpus, layout)
