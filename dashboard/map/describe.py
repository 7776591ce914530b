"""The view in words, for those who do not see the map: each mark's accessible name, the map's text
description, the filters in words and what a change did (the live region).

Plain text (no HTML): callers escape it for where it goes. Nothing here is a new fact; every sentence
is made of the records' own fields (titles, dates, leaders, statuses, disagreement titles).

Every sentence is said in the language of the run (dashboard/i18n.py): our words through the catalog, the names of
countries, groupings and cities through dashboard/names.py, dates in the language's forms (`shown_date`). The
records' own titles, leaders and disagreement titles stay as the corpus writes them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, replace

from babel.dates import format_date as _babel_date

from dashboard import i18n, names
from dashboard.corpus.dates import MONTHS_EN, MONTHS_EN_ABBR, Precision, format_date
from dashboard.corpus.memberships import status_label
from dashboard.corpus.model import Annotation, Border, Disagreement, Membership, MilitarySite, VisitStop
from dashboard.corpus.records import Corpus
from dashboard.i18n import N_, Words, format_number, gettext, ngettext
from dashboard.labels import KIND_LABELS, SITE_STATUS_LABELS
from dashboard.query.filter_panel import FACETS, RANGE_LABEL
from dashboard.query.filters import TOUR_START, FilterState, select

# Read by screen readers, not drawn, said in the element itself (its style attribute): page.css, whose .sr-only says
# the same, can reach the browser after the element, and the map's words were drawn for a moment as 171 px of text
# above the map (issue 27; CI's layout-shift test).
SR_ONLY = ("position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);"
           "white-space:nowrap;border:0")


def page_lang() -> str:
    """The language a page in the active language is marked with, for the browser's code ("ru", "en"): the
    pseudo-locale's words are English underneath (ui/language.py page_lang says the same)."""
    lang = i18n.active()
    return lang if lang in i18n.LANGUAGES else i18n.DEFAULT


def _english() -> bool:
    return i18n.active() in (i18n.DEFAULT, i18n.PSEUDO)


def shown_date(day: dt.date, precision: Precision = "day") -> str:
    """A date for readers at its precision, in the active language (dates.format_date, the one date formatter):
    '27 Feb 2017', 'Jul 2019', '2019'; '27 февр. 2017 г.', 'февр. 2019 г.', '2019'. The short form: it names a
    mark's day in a tooltip and a tick on the time strip, where space is tight."""
    return format_date(day, precision, short=True)


def day_forms() -> dict:
    """How the browser writes a day as `shown_date` and i18n.format_day do, in the active language: the months'
    names as a day is written with them ('February', 'Feb'; 'февраля', 'февр.') and the order of a day's parts,
    with {d}, {m} and {y} ('{d} {m} {y}'; '{d} {m} {y} г.'): {"months", "monthsShort", "dayLong", "dayShort"}, and
    "text": the form dates.format_date writes where there is room ("short" in English, "long" in Russian)."""
    lang = i18n.active()
    return {**_day_forms(lang), "text": "long" if lang not in (i18n.DEFAULT, i18n.PSEUDO) else "short"}


@functools.cache
def _day_forms(lang: str) -> dict:
    # Cached by language: the time strip asks on every filter change, and Babel takes 0.1–0.2 ms a date.
    if lang == i18n.PSEUDO:  # bracketed, as every word of ours there: a day not written so stands out
        return {"months": [i18n.pseudo(m) for m in MONTHS_EN], "monthsShort": [i18n.pseudo(m) for m in MONTHS_EN_ABBR],
                "dayLong": "{d} {m} {y}", "dayShort": "{d} {m} {y}"}
    if lang == i18n.DEFAULT:
        return {"months": list(MONTHS_EN), "monthsShort": list(MONTHS_EN_ABBR),
                "dayLong": "{d} {m} {y}", "dayShort": "{d} {m} {y}"}
    sample = dt.date(2017, 2, 27)

    def template(text: str, month: str) -> str:
        return text.replace(month, "{m}").replace("2017", "{y}").replace("27", "{d}")

    return {"months": [_babel_date(dt.date(2017, m, 1), "MMMM", locale=lang) for m in range(1, 13)],
            "monthsShort": [_babel_date(dt.date(2017, m, 1), "MMM", locale=lang) for m in range(1, 13)],
            "dayLong": template(i18n.format_day(sample), _babel_date(sample, "MMMM", locale=lang)),
            "dayShort": template(i18n.format_short_day(sample), _babel_date(sample, "MMM", locale=lang))}


def joined(items: Iterable[str]) -> str:
    """Names said one after another with 'and' between each two ('A and B and C'; 'А и Б и В')."""
    out = ""
    for item in items:
        out = item if not out else gettext("{first} and {second}").format(first=out, second=item)
    return out


def disagreements_about(record_id: str, corpus: Corpus) -> list[Disagreement]:
    """The disagreement records that concern a record, in corpus order."""
    return list(corpus.disputes.get(record_id, ()))


def _disputed(record: Annotation, corpus: Corpus, text: str) -> str:
    """`text` and, for a disputed record, the disagreements' titles: '… (sources disagree: When was …?)'."""
    titles = [d.title for d in disagreements_about(record.id, corpus)]
    if not titles:
        return text
    return gettext("{name} (sources disagree: {titles})").format(name=text, titles="; ".join(titles))


def _others(leaders: Iterable[str]) -> list[str]:
    """The leaders met: everyone named but the visitor himself."""
    return [name for name in leaders if "Putin" not in name]


def mark_name(record: Annotation, corpus: Corpus, length_km: float | None = None) -> str:
    """What a screen reader says for a record's mark on the map, e.g.
    'Stop 2: Dushanbe, 27 Feb 2017, talks with Emomali Rahmon (sources disagree: Talks in Dushanbe: 27 or 28
    February?)'. `length_km`: a border's computed geodesic length, said with it."""
    return _disputed(record, corpus, _mark_text(record, corpus, length_km))


def _mark_text(record: Annotation, corpus: Corpus, length_km: float | None = None) -> str:
    """A mark's name without its disagreements."""
    when = shown_date(record.date, record.date_precision) if record.date else None
    if isinstance(record, VisitStop):
        met = _others(record.leaders)
        city = names.city(record.city, corpus)
        if record.status == "origin":
            return gettext("{city}: start and end of the tour").format(city=city)
        if record.status == "phone_call":
            talks = names.city("Dushanbe", corpus)
            if met:
                return gettext("Phone call from the {city} talks: {leaders}").format(city=talks, leaders=joined(met))
            return gettext("Phone call from the {city} talks").format(city=talks)
        if record.status == "not_made":
            if record.countries:
                return gettext("Not visited: {city} ({country})").format(
                    city=city, country=names.country(record.countries[0], corpus))
            return gettext("Not visited: {city}").format(city=city)
        fields = {"n": record.order, "city": city, "day": when, "leaders": ", ".join(met)}
        if when and met:
            return gettext("Stop {n}: {city}, {day}, talks with {leaders}").format(**fields)
        if met:
            return gettext("Stop {n}: {city}, talks with {leaders}").format(**fields)
        if when:
            return gettext("Stop {n}: {city}, {day}").format(**fields)
        return gettext("Stop {n}: {city}").format(**fields)
    if isinstance(record, MilitarySite):
        status = SITE_STATUS_LABELS.get(record.status, record.status)
        # The host is named unless the title names it already (the titles are English, as the corpus writes them).
        if corpus.countries.get(record.host, record.host) in record.title:
            return gettext("{title}: Russian military site, {status}").format(title=record.title, status=status)
        return gettext("{title}, {host}: Russian military site, {status}").format(
            title=record.title, host=names.country(record.host, corpus), status=status)
    if isinstance(record, Border):
        if length_km is None:
            return record.title
        return gettext("{title}, {km} km (computed, geodesic)").format(title=record.title, km=format_number(length_km))
    if isinstance(record, Membership):
        fields = {"country": names.country(record.country, corpus),
                  "org": names.grouping(record.organization, corpus), "status": status_label(record.status),
                  "day": when}
        if when:
            return gettext("{country} in the {org}: {status} since {day}").format(**fields)
        return gettext("{country} in the {org}: {status}").format(**fields)
    return record.title + (f", {when}" if when else "")


@dataclass(frozen=True)
class FilterPart:
    """One filter that restricts the view, by name: a facet with its chosen values, or the date range."""

    key: str  # the facet ("orgs", "countries", "topics", "sources", "kinds") or "dates"
    label: str  # the sidebar's label: "Organization" … "Record kind", "Dated records between"
    names: tuple[str, ...]  # the chosen values' names, in the order chosen; for "dates" its two ends, "" if open


def value_name(corpus: Corpus, facet: str, value: str) -> str:
    """A facet's value as the reader knows it ('org-csto' -> 'CSTO', 'TJ' -> 'Tajikistan'; on a Russian page 'ОДКБ',
    'Таджикистан'); unknown: itself."""
    if facet == "orgs":
        return names.grouping(value, corpus)
    if facet == "countries":
        return names.country(value, corpus)
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
        ends = (shown_date(f.date_from) if f.date_from else "", shown_date(f.date_to) if f.date_to else "")
        parts.append(FilterPart("dates", gettext(RANGE_LABEL), ends))
    return parts


def _dated(start: str, end: str) -> str:
    """The dated records' range in words; an open end is the start of the record, or today."""
    if start and end:
        return gettext("dated {start} to {end}").format(start=start, end=end)
    if end:
        return gettext("dated the start to {end}").format(end=end)
    if start:
        return gettext("dated {start} to today").format(start=start)
    return gettext("dated the start to today")


def filters_in_words(corpus: Corpus, f: FilterState) -> str:
    """'CSTO, EAEU · Tajikistan · memberships as of 1 Jan 2020', or 'no filters'."""
    said = []
    for part in filter_parts(corpus, f):
        if part.key == "dates":
            said.append(_dated(*part.names))
        else:
            listed = ", ".join(part.names)
            said.append({"topics": gettext("topics {names}").format(names=listed),
                         "kinds": listed.lower()}.get(part.key, listed))
    if f.as_of != TOUR_START:
        said.append(gettext("memberships as of {day}").format(day=shown_date(f.as_of)))
    if f.query:
        said.append(gettext("search “{query}”").format(query=f.query))
    return " · ".join(said) if said else gettext("no filters")


def counted(n: int, noun: str) -> str:
    """'1 record', '1,204 records': a count with what it counts (English: the app's sentences count with
    ngettext, in the language spoken)."""
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
    return ngettext("Search {query}: {n} of the {total} record the other filters leave match it.",
                    "Search {query}: {n} of the {total} records the other filters leave match it.",
                    figures.without_query).format(query=query_shown, n=format_number(figures.records),
                                                  total=format_number(figures.without_query))


def excerpts_said(figures: ViewFigures) -> str:
    """What the excerpt list under 'Evidence' counts."""
    if not figures.records:
        return gettext("No record is in view, so there is no excerpt to list.")
    records = ngettext("{n} record", "{n} records", figures.records).format(n=format_number(figures.records))
    excerpts = ngettext("{n} excerpt", "{n} excerpts", figures.excerpts).format(n=format_number(figures.excerpts))
    return gettext("Meanwhile, every excerpt of the {records} in view: {excerpts}, from the {quoting} that quote an "
                   "article.").format(records=records, excerpts=excerpts, quoting=format_number(figures.quoting))


# A filter as the reader knows it (the sidebar's words), never its key: the facets' labels (filter_panel.FACETS),
# and these.
FILTER_WORDS = Words({"dates": N_("date range"), "as_of": N_("“memberships as of” date"), "query": N_("search")})


def filter_name(facet: str) -> str:
    """The sidebar's name of a filter ('query' -> 'search'), in the language spoken."""
    label = next((f.label for f in FACETS if f.facet == facet), None)  # translated already (Facet.label)
    if label is not None:
        return label.lower()
    return FILTER_WORDS[facet] if facet in FILTER_WORDS else facet.replace("_", " ")


def announcement(corpus: Corpus, f: FilterState, records: int, on_map: int | None = None) -> str:
    """What the polite live region says after a change: 'Filters: CSTO · 41 records, 6 on the map'."""
    fields = {"filters": filters_in_words(corpus, f), "n": format_number(records),
              "on_map": format_number(on_map or 0)}
    if on_map is None:
        return ngettext("Filters: {filters} · {n} record", "Filters: {filters} · {n} records", records).format(**fields)
    return ngettext("Filters: {filters} · {n} record, {on_map} on the map",
                    "Filters: {filters} · {n} records, {on_map} on the map", records).format(**fields)


def selection_said(corpus: Corpus, selected: str | None) -> str:
    """What the live region says of the selection: 'Selected: Stop 2: Dushanbe, …', or that there is none."""
    record = corpus.by_id.get(selected) if selected else None
    if record is None:
        return gettext("No record selected")
    return gettext("Selected: {name}").format(name=mark_name(record, corpus))


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

    def city(stop: VisitStop) -> str:
        return names.city(stop.city, corpus)

    if made:
        path = [city(origin)] if origin else []
        path += [f"{city(s)} ({shown_date(s.date, s.date_precision)})" if s.date else city(s) for s in made]
        path += [city(origin)] if origin else []
        sentences.append(gettext("The route: {path}.").format(path=" → ".join(path)))
    not_made = [city(s) for s in stops if s.status == "not_made"]
    if not_made:
        sentences.append(gettext("Announced but not visited: {cities}.").format(cities=", ".join(not_made)))
    sites = shown.get("sites", [])
    if sites:
        sentences.append(ngettext("{n} Russian military site: {sites}.", "{n} Russian military sites: {sites}.",
                                  len(sites)).format(n=format_number(len(sites)),
                                                     sites="; ".join(_mark_text(s, corpus) for s in sites)))
    borders = shown.get("border", [])
    if borders:
        sentences.append(gettext("Borders the articles discuss: {borders}.").format(
            borders=", ".join(dict.fromkeys(b.title for b in borders))))
    if status:
        by_status: dict[str, list[str]] = {}
        for name, record in sorted(((names.country(code, corpus), record) for code, record in status.items()),
                                    key=lambda pair: pair[0]):
            by_status.setdefault(status_label(record.status), []).append(name)
        sentences.append(gettext("Countries shaded by {org} status on {day}: {statuses}.").format(
            org=names.grouping(shade, corpus), day=shown_date(as_of),
            statuses="; ".join(f"{label}: {', '.join(listed)}" for label, listed in by_status.items())))
    return " ".join(sentences) if sentences else gettext("Nothing is drawn with these filters.")
