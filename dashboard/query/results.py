"""Pure: search hits as the results the reader sees (HTML, every corpus string escaped)."""

from __future__ import annotations

from collections.abc import Callable

from dashboard import escape
from dashboard.corpus.dates import format_date
from dashboard.corpus.model import Annotation
from dashboard.corpus.records import Corpus, excerpt_key, record_countries
from dashboard.labels import KIND_SINGULAR
from dashboard.query.link import reader_href
from dashboard.query.search import Hit


def where(record: Annotation, corpus: Corpus) -> str:
    """A record's place in words: its location's place, else its countries."""
    location = getattr(record, "location", None)
    if location is not None and location.place:
        return location.place
    return ", ".join(sorted(corpus.countries.get(c, c) for c in record_countries(record)))


def results_html(hits: list[Hit], corpus: Corpus, map_href: Callable[[str], str]) -> str:
    """Each record hit: title, kind · date · place, the snippet with the matches marked, and links to it
    on the map and in its article; then the articles' paragraphs, each with a link to it in the reader."""
    out = []
    records = [h for h in hits if h.record_id in corpus.by_id]
    passages = [h for h in hits if h.source_id in corpus.sources]
    if records:
        out.append('<h3 class="sr-h">Records</h3><ol class="sr">')
        for hit in records:
            record = corpus.by_id[hit.record_id]
            when = format_date(record.date, record.date_precision) if record.date else ""
            meta = " · ".join(x for x in (KIND_SINGULAR[record.kind], when, where(record, corpus)) if x)
            links = [f'<a href="{escape.html(map_href(record.id))}" target="_self">Show on the map</a>']
            if record.excerpts:
                first = record.excerpts[0]
                links.append(f'<a href="{escape.html(reader_href(first.source, excerpt_key(record.id, 0)))}" '
                             f'target="_blank" rel="noopener">Read in the article ↗</a>')
            out.append(f'<li><b>{escape.html(record.title)}</b><div class="sr-meta">{escape.html(meta)}</div>'
                       f'<div class="sr-snip">{hit.snippet}</div><div class="sr-links">{" · ".join(links)}</div></li>')
        out.append("</ol>")
    if passages:
        out.append('<h3 class="sr-h">In the articles</h3><ol class="sr">')
        for hit in passages:
            label = corpus.sources[hit.source_id].label
            href = reader_href(hit.source_id, passage=(hit.start, hit.end))
            out.append(f'<li><b>{escape.html(label)}</b><div class="sr-snip">{hit.snippet}</div>'
                       f'<div class="sr-links"><a href="{escape.html(href)}" target="_blank" rel="noopener">'
                       f'Read the passage ↗</a></div></li>')
        out.append("</ol>")
    return "".join(out)
