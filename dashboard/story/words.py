"""A step in words, in the language spoken: its title, label, heading and place (the story's own words, through
the catalog: story/extract.py), its dates, and the reader's link for each of its quotes."""

from __future__ import annotations

import datetime as dt

from dashboard import i18n, names
from dashboard.corpus.codes import COUNTRY_NAMES
from dashboard.corpus.dates import format_date
from dashboard.corpus.model import Disagreement, Excerpt
from dashboard.corpus.records import Corpus, excerpt_key, version_key
from dashboard.i18n import gettext as _
from dashboard.query.link import reader_href
from dashboard.story.extract import own
from dashboard.story.model import TODAY, Step, marked_stops


def label_text(step: Step) -> str:
    """The step's name in the step list ('Overview', 'Обзор')."""
    return own(step.label)


def heading_text(step: Step) -> str:
    """The step's heading in the language spoken."""
    return own(step.heading)


def place_text(step: Step, corpus: Corpus) -> str:
    """The step's place: written out (the story's words), or the cities of the stops it marks
    ('Almaty, Kazakhstan'; 'Алматы, Казахстан'), each named in the language spoken (names.py)."""
    if step.place:
        return own(step.place)
    stops = marked_stops(step, corpus)
    if len(stops) == 1:
        stop = stops[0]
        code = next((c for c in stop.countries if c in COUNTRY_NAMES), None)
        city = names.city(stop.city, corpus)
        return f"{city}, {names.country(code, corpus)}" if code else city
    cities = list(dict.fromkeys(names.city(s.city, corpus) for s in stops))
    return _("{cities} and {last}").format(cities=", ".join(cities[:-1]), last=cities[-1])


def _day(day: dt.date) -> str:
    return format_date(day)  # '27 Feb 2017', '27 февраля 2017 г.': a heading has room for the full words


def date_text(step: Step, today: dt.date) -> str | None:
    """'27 Feb 2017', '27–28 Feb 2017', '28 Feb 2017 – today (29 Nov 2026)'; None for a step with no date; in
    Russian '27–28 февраля 2017 г.', '27 февраля – 2 марта 2017 г.'."""
    if step.date is None:
        return None
    if step.date_end is None or step.date_end == step.date:
        return _day(step.date)
    if step.date_end == TODAY:
        return _("{start} – today ({today})").format(start=_day(step.date), today=_day(today))
    start, end = step.date, step.date_end
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{_day(end)}"
    if start.year == end.year:
        return f"{i18n.format_day_month(start, long=True)} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"


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
