"""A step in words: its place, its dates, and the reader's link for each of its quotes."""

from __future__ import annotations

import datetime as dt

from dashboard.corpus.codes import COUNTRY_NAMES
from dashboard.corpus.dates import MONTHS_EN_ABBR, format_date
from dashboard.corpus.model import Disagreement, Excerpt
from dashboard.corpus.records import Corpus, excerpt_key, version_key
from dashboard.query.link import reader_href
from dashboard.story.model import TODAY, Step, marked_stops


def place_text(step: Step, corpus: Corpus) -> str:
    """The step's place: written out, or the cities of the stops it marks ('Almaty, Kazakhstan')."""
    if step.place:
        return step.place
    stops = marked_stops(step, corpus)
    if len(stops) == 1:
        stop = stops[0]
        country = next((COUNTRY_NAMES[c] for c in stop.countries if c in COUNTRY_NAMES), None)
        return f"{stop.city}, {country}" if country else stop.city
    cities = list(dict.fromkeys(s.city for s in stops))
    return ", ".join(cities[:-1]) + " and " + cities[-1]


def date_text(step: Step, today: dt.date) -> str | None:
    """'27 Feb 2017', '27–28 Feb 2017', '28 Feb 2017 – today (29 Nov 2026)'; None for a step with no date."""
    if step.date is None:
        return None
    if step.date_end is None or step.date_end == step.date:
        return format_date(step.date)
    if step.date_end == TODAY:
        return f"{format_date(step.date)} – today ({format_date(today)})"
    start, end = step.date, step.date_end
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_date(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS_EN_ABBR[start.month - 1]} – {format_date(end)}"
    return f"{format_date(start)} – {format_date(end)}"


_EXCERPT_INDEX: dict[str, dict[str, list[tuple[int, int, str, str]]]] = {}


def _excerpt_index(corpus: Corpus) -> dict[str, list[tuple[int, int, str, str]]]:
    """Per source: (start, end, excerpt key, record id) of every excerpt the corpus holds, once per corpus."""
    index = _EXCERPT_INDEX.get(corpus.version)
    if index is None:
        index = {}
        for record in corpus.records:
            keyed = [(e, excerpt_key(record.id, i)) for i, e in enumerate(record.excerpts)]
            if isinstance(record, Disagreement):
                keyed += [(v.excerpt, version_key(record.id, j)) for j, v in enumerate(record.versions) if v.excerpt]
            for excerpt, key in keyed:
                if excerpt.start is not None:
                    index.setdefault(excerpt.source, []).append((excerpt.start, excerpt.end, key, record.id))
        _EXCERPT_INDEX.clear()
        _EXCERPT_INDEX[corpus.version] = index
    return index


def excerpt_href(excerpt: Excerpt, corpus: Corpus, prefer: list[str] | tuple[str, ...] = ()) -> str:
    """The reader's link to a step's excerpt: to a corpus excerpt that holds the same words (highlighted there,
    beside the record it supports), one of the `prefer`red records' if any; else to its passage."""
    holders = [(key, rid) for start, end, key, rid in _excerpt_index(corpus).get(excerpt.source, ())
               if start <= excerpt.start and excerpt.end <= end]
    if holders:
        key = next((k for k, rid in holders if rid in prefer), holders[0][0])
        return reader_href(excerpt.source, key)
    return reader_href(excerpt.source, passage=(excerpt.start, excerpt.end))
