"""Pure: search hits as the results the reader sees (HTML, every corpus string escaped), and what the search page
says of them: how many, and, when there are none, what is set that found none."""

from __future__ import annotations

import string
from collections.abc import Callable

from dashboard import escape, names
from dashboard.corpus.dates import format_date
from dashboard.corpus.model import Annotation
from dashboard.corpus.records import Corpus, excerpt_key, record_countries
from dashboard.i18n import format_number, ngettext
from dashboard.i18n import gettext as _
from dashboard.labels import KIND_SINGULAR
from dashboard.query.filters import FilterState
from dashboard.query.link import reader_href
from dashboard.query.search import Hit


def where(record: Annotation, corpus: Corpus) -> str:
    """A record's place in words: its location's place (the corpus's), else its countries (in the language spoken)."""
    location = getattr(record, "location", None)
    if location is not None and location.place:
        # A stop's city by its name in the language spoken (Душанбе), as the map and the evidence say it.
        city = getattr(record, "city", None)
        return names.city(city, corpus) if location.place == city else location.place
    return ", ".join(sorted(names.country(c, corpus) for c in record_countries(record)))


def results_html(hits: list[Hit], corpus: Corpus, map_href: Callable[[str], str]) -> str:
    """Each record hit: title, kind · date · place, the snippet with the matches marked, and links to it
    on the map and in its article; then the articles' paragraphs, each with a link to it in the reader.

    The titles, places, labels and snippets are the corpus's: marked lang="en" on a Russian page."""
    out = []
    records = [h for h in hits if h.record_id in corpus.by_id]
    passages = [h for h in hits if h.source_id in corpus.sources]
    if records:
        heading = escape.html(_("Records"))
        out.append(f'<h3 class="sr-h">{heading}</h3><ol class="sr">')
        on_map, in_article = escape.html(_("Show on the map")), escape.html(_("Read in the article ↗"))
        for hit in records:
            record = corpus.by_id[hit.record_id]
            when = format_date(record.date, record.date_precision) if record.date else ""
            meta = " · ".join(x for x in (KIND_SINGULAR[record.kind], when, where(record, corpus)) if x)
            links = [f'<a href="{escape.html(map_href(record.id))}" target="_self">{on_map}</a>']
            if record.excerpts:
                first = record.excerpts[0]
                links.append(f'<a href="{escape.html(reader_href(first.source, excerpt_key(record.id, 0)))}" '
                             f'target="_blank" rel="noopener">{in_article}</a>')
            out.append(f'<li><b>{escape.with_lang(record.title)}</b><div class="sr-meta">{escape.with_lang(meta)}</div>'
                       f'<div class="sr-snip">{hit.snippet}</div><div class="sr-links">{" · ".join(links)}</div></li>')
        out.append("</ol>")
    if passages:
        heading = escape.html(_("In the articles"))
        out.append(f'<h3 class="sr-h">{heading}</h3><ol class="sr">')
        read = escape.html(_("Read the passage ↗"))
        for hit in passages:
            label = corpus.sources[hit.source_id].label
            href = reader_href(hit.source_id, passage=(hit.start, hit.end))
            out.append(f'<li><b>{escape.with_lang(label)}</b><div class="sr-snip">{hit.snippet}</div>'
                       f'<div class="sr-links"><a href="{escape.html(href)}" target="_blank" rel="noopener">'
                       f'{read}</a></div></li>')
        out.append("</ol>")
    return "".join(out)


def _filtered(filters: FilterState) -> bool:
    """Whether anything besides the search restricts the records (a facet, the dates, the day of the shading)."""
    return any(facet != "query" for facet in filters.active_facets())


def found_said(query_html: str, records: int, passages: int, filters: FilterState) -> str:
    """What the search page says above its results: the search (HTML, given escaped), how many records it finds
    (with the filters, where any is set) and how many of the articles' passages."""
    counted = {"query": query_html,
               "records": escape.html_block(ngettext("{n} record", "{n} records", records).format(
                   n=format_number(records))),
               "passages": escape.html_block(ngettext("{n} passage", "{n} passages", passages).format(
                   n=format_number(passages)))}
    if _filtered(filters):
        said = _("“{query}”: {records} with these filters, {passages} in the articles, best first.")
    else:
        said = _("“{query}”: {records}, {passages} in the articles, best first.")
    return _fill_html(said, counted) + " " + escape.html_line(_("The map, the charts and the lists show the same records."))


def _fill_html(template: str, values: dict[str, str]) -> str:
    """A translated sentence (one line) as HTML for st.markdown: its words escaped (escape.html_block, which
    escapes braces too, piece by piece), its {fields} filled with `values`, HTML already."""
    return "".join(escape.html_block(literal) + (values[field] if field is not None else "")
                   for literal, field, _spec, _conversion in string.Formatter().parse(template))


def nothing_found_said(filters: FilterState) -> str:
    """What the search page says when a search finds nothing: of the search alone, or of the search and the
    filters set with it (not "no record matches these filters" when no filter is set)."""
    if _filtered(filters):
        return _("Nothing matches this search with these filters: no record and no passage in the articles.")
    return _("Nothing matches this search: no record and no passage in the articles.")
