"""The view in words, for those who do not see the map: each mark's accessible name, the map's text
description, the filters in words and what a change did (the live region).

Plain text (no HTML): callers escape it for where it goes. Nothing here is a new fact; every sentence
is made of the records' own fields (titles, dates, leaders, statuses, disagreement titles).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from dashboard.corpus.dates import format_date
from dashboard.corpus.memberships import status_label
from dashboard.corpus.model import Annotation, Border, Disagreement, Membership, MilitarySite, VisitStop
from dashboard.corpus.records import Corpus
from dashboard.labels import KIND_LABELS, SITE_STATUS_LABELS
from dashboard.query.filter_panel import FACETS, RANGE_LABEL
from dashboard.query.filters import TOUR_START, FilterState, select

# Read by screen readers, not drawn, said in the element itself (its style attribute): page.css, whose .sr-only says
# the same, can reach the browser after the element, and the map's words were drawn for a moment as 171 px of text
# above the map (issue 27; CI's layout-shift test).
SR_ONLY = ("position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);"
           "white-space:nowrap;border:0")


def disagreements_about(record_id: str, corpus: Corpus) -> list[Disagreement]:
    """The disagreement records that concern a record, in corpus order."""
    return list(corpus.disputes.get(record_id, ()))


def _disputes(record: Annotation, corpus: Corpus) -> str:
    """' (sources disagree: When was …?)' for a disputed record, else ''."""
    titles = [d.title for d in disagreements_about(record.id, corpus)]
    return f" (sources disagree: {'; '.join(titles)})" if titles else ""



def _others(leaders: Iterable[str]) -> list[str]:
    """The leaders met: everyone named but the visitor himself."""
    return [name for name in leaders if "Putin" not in name]


def mark_name(record: Annotation, corpus: Corpus, length_km: float | None = None) -> str:
    """What a screen reader says for a record's mark on the map, e.g.
    'Stop 2: Dushanbe, 27 Feb 2017, talks with Emomali Rahmon (sources disagree: Talks in Dushanbe: 27 or 28
    February?)'. `length_km`: a border's computed geodesic length, said with it."""
    when = format_date(record.date, record.date_precision) if record.date else None
    if isinstance(record, VisitStop):
        met = _others(record.leaders)
        if record.status == "origin":
            text = f"{record.city}: start and end of the tour"
        elif record.status == "phone_call":
            text = "Phone call from the Dushanbe talks" + (f": {' and '.join(met)}" if met else "")
        elif record.status == "not_made":
            text = f"Not visited: {record.city}" + (f" ({corpus.countries.get(record.countries[0], '')})"
                                                   if record.countries else "")
        else:
            text = f"Stop {record.order}: {record.city}" + (f", {when}" if when else "") + (
                f", talks with {', '.join(met)}" if met else "")
    elif isinstance(record, MilitarySite):
        host = corpus.countries.get(record.host, record.host)
        where = "" if host in record.title else f", {host}"
        text = f"{record.title}{where}: Russian military site, {SITE_STATUS_LABELS.get(record.status, record.status)}"

    elif isinstance(record, Border):
        text = record.title + (f", {length_km:,.0f} km (computed, geodesic)" if length_km is not None else "")
    elif isinstance(record, Membership):
        country = corpus.countries.get(record.country, record.country)
        org = corpus.organizations.get(record.organization, record.organization)
        text = f"{country} in the {org}: {status_label(record.status)}" + (f" since {when}" if when else "")
    else:
        text = record.title + (f", {when}" if when else "")
    return text + _disputes(record, corpus)


@dataclass(frozen=True)
class FilterPart:
    """One filter that restricts the view, by name: a facet with its chosen values, or the date range."""

    key: str  # the facet ("orgs", "countries", "topics", "sources", "kinds") or "dates"
    label: str  # the sidebar's label: "Organization" … "Record kind", "Dated records between"
    names: tuple[str, ...]  # the chosen values' names, in the order chosen; for "dates" its two ends, "" if open


def value_name(corpus: Corpus, facet: str, value: str) -> str:
    """A facet's value as the reader knows it ('org-csto' -> 'CSTO', 'TJ' -> 'Tajikistan'); unknown: itself."""
    if facet == "orgs":
        return corpus.organizations.get(value, value)
    if facet == "countries":
        return corpus.countries.get(value, value)
    if facet == "topics":
        return value.replace("-", " ")
    if facet == "sources":
        return corpus.sources[value].label if value in corpus.sources else value
    return KIND_LABELS.get(value, value)


def filter_parts(corpus: Corpus, f: FilterState) -> list[FilterPart]:
    """The facets with a choice (in the sidebar's order), then the date range if one end is set. The search
    and the 'as of' date are the FilterState's own fields; each caller words all of these its own way
    (`filters_in_words` here, the downloads' `snapshot.list_filters`)."""
    parts = [FilterPart(facet.facet, facet.label, tuple(value_name(corpus, facet.facet, v) for v in chosen))
             for facet in FACETS if (chosen := getattr(f, facet.facet))]
    if f.date_from or f.date_to:
        ends = (format_date(f.date_from) if f.date_from else "", format_date(f.date_to) if f.date_to else "")
        parts.append(FilterPart("dates", RANGE_LABEL, ends))
    return parts


def filters_in_words(corpus: Corpus, f: FilterState) -> str:
    """'CSTO, EAEU · Tajikistan · memberships as of 1 Jan 2020', or 'no filters'."""
    said = []
    for part in filter_parts(corpus, f):
        if part.key == "dates":
            said.append(f"dated {part.names[0] or 'the start'} to {part.names[1] or 'today'}")
        else:
            names = ", ".join(part.names)
            said.append({"topics": f"topics {names}", "kinds": names.lower()}.get(part.key, names))
    if f.as_of != TOUR_START:
        said.append(f"memberships as of {format_date(f.as_of)}")
    if f.query:
        said.append(f"search “{f.query}”")
    return " · ".join(said) if said else "no filters"


def counted(n: int, noun: str) -> str:
    """'1 record', '1,204 records': a count with what it counts."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class ViewFigures:
    """The view's counts, computed once (the map page, the search status, the briefing and the PNG say these)."""

    records: int  # the records the filters leave (the "records in view")
    excerpts: int  # the excerpts those records quote
    quoting: int  # how many of those records quote an article
    without_query: int  # the records the filters other than the search leave
    corpus: int  # every record of the corpus


def view_figures(corpus: Corpus, f: FilterState) -> ViewFigures:
    """Count the records in view, their excerpts, and what a search is counted against."""
    records = select(corpus, f)
    base = select(corpus, replace(f, query="")) if f.query else records
    return ViewFigures(len(records), sum(len(r.excerpts) for r in records), sum(1 for r in records if r.excerpts),
                       len(base), len(corpus.records))


def search_said(query_shown: str, figures: ViewFigures) -> str:
    """What a search found, against what it was searched in: 'Search “Kant”: 9 of the 136 records the other
    filters leave match it.' (`query_shown`: the query as the caller escapes it)."""
    return (f"Search {query_shown}: {figures.records:,} of the {counted(figures.without_query, 'record')} "
            f"the other filters leave match it.")


def excerpts_said(figures: ViewFigures) -> str:
    """What the excerpt list under 'Evidence' counts."""
    if not figures.records:
        return "No record is in view, so there is no excerpt to list."
    return (f"Meanwhile, every excerpt of the {counted(figures.records, 'record')} in view: "
            f"{counted(figures.excerpts, 'excerpt')}, from the {figures.quoting:,} that quote an article.")


# A filter as the reader knows it (the sidebar's words), never its key.
FILTER_NAMES = {**{facet.facet: facet.label.lower() for facet in FACETS},
                "dates": "date range", "as_of": "“memberships as of” date", "query": "search"}


def filter_name(facet: str) -> str:
    """The sidebar's name of a filter ('query' -> 'search')."""
    return FILTER_NAMES.get(facet, facet.replace("_", " "))


def announcement(corpus: Corpus, f: FilterState, records: int, on_map: int | None = None) -> str:
    """What the polite live region says after a change: 'Filters: CSTO · 41 records, 6 on the map'."""
    said = f"Filters: {filters_in_words(corpus, f)} · {records} record{'' if records == 1 else 's'}"
    return said + (f", {on_map} on the map" if on_map is not None else "")


def selection_said(corpus: Corpus, selected: str | None) -> str:
    """What the live region says of the selection: 'Selected: Stop 2: Dushanbe, …', or that there is none."""
    record = corpus.by_id.get(selected) if selected else None
    return f"Selected: {mark_name(record, corpus)}" if record else "No record selected"


def map_description(corpus: Corpus, shown: dict[str, list[Annotation]], status: dict[str, Membership],
                    shade: str, as_of: dt.date) -> str:
    """The map in a few sentences: the route in order, the sites, the borders, and the shading by status.

    `shown`: the records drawn per layer ('route', 'sites', 'border'); `status`: country code -> the
    membership shading it on `as_of` in grouping `shade`.
    """
    sentences = []
    stops = [r for r in shown.get("route", []) if isinstance(r, VisitStop)]
    made = sorted((s for s in stops if s.status == "made"), key=lambda s: s.order or 0)
    origin = next((s for s in stops if s.status == "origin"), None)
    if made:
        path = [origin.city] if origin else []
        path += [f"{s.city} ({format_date(s.date, s.date_precision)})" if s.date else s.city for s in made]
        path += [origin.city] if origin else []
        sentences.append("The route: " + " → ".join(path) + ".")
    not_made = [s.city for s in stops if s.status == "not_made"]
    if not_made:
        sentences.append("Announced but not visited: " + ", ".join(not_made) + ".")
    sites = shown.get("sites", [])
    if sites:
        sentences.append(f"{len(sites)} Russian military site{'' if len(sites) == 1 else 's'}: "
                         + "; ".join(mark_name(s, corpus).split(" (sources")[0] for s in sites) + ".")
    borders = shown.get("border", [])
    if borders:
        sentences.append("Borders the articles discuss: " + ", ".join(dict.fromkeys(b.title for b in borders)) + ".")
    if status:
        org = corpus.organizations.get(shade, shade)
        by_status: dict[str, list[str]] = {}
        for code, record in sorted(status.items(), key=lambda kv: corpus.countries.get(kv[0], kv[0])):
            by_status.setdefault(status_label(record.status), []).append(corpus.countries.get(code, code))
        sentences.append(f"Countries shaded by {org} status on {format_date(as_of)}: "
                         + "; ".join(f"{label}: {', '.join(names)}" for label, names in by_status.items()) + ".")
    return " ".join(sentences) if sentences else "Nothing is drawn with these filters."
