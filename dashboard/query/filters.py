"""The one selection function that every view obeys, and its facet counts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from dashboard.corpus.dates import span
from dashboard.corpus.memberships import membership_active
from dashboard.corpus.model import Annotation, Membership, Organization
from dashboard.corpus.records import Corpus, all_excerpts, record_countries, record_orgs
from dashboard.query.search import index_for

TOUR_START = dt.date(2017, 2, 27)
TOUR_END = dt.date(2017, 2, 28)
RANGE_START = dt.date(1991, 1, 1)

FACETS = ("orgs", "countries", "topics", "sources", "kinds")


@dataclass(frozen=True)
class FilterState:
    """What the reader has chosen. Empty tuples mean 'no restriction'."""

    orgs: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    as_of: dt.date = TOUR_START
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    query: str = ""  # a search (dashboard.query.search): only the records it finds

    def is_default(self) -> bool:
        """True when nothing is filtered."""
        return self == FilterState()

    def active_facets(self) -> list[str]:
        """Names of the facets that currently restrict the result."""
        out = [f for f in FACETS if getattr(self, f)]
        if self.date_from or self.date_to:
            out.append("dates")
        if self.as_of != TOUR_START:
            out.append("as_of")
        if self.query.strip():
            out.append("query")
        return out

    def without(self, facet: str) -> FilterState:
        """The same state with one facet cleared."""
        if facet == "dates":
            return replace(self, date_from=None, date_to=None)
        if facet == "as_of":
            return replace(self, as_of=TOUR_START)
        if facet == "query":
            return replace(self, query="")
        return replace(self, **{facet: ()})


def record_sources(record: Annotation) -> set[str]:
    """Sources quoted by a record."""
    return {e.source for e in all_excerpts(record)}


def record_span(record: Annotation) -> tuple[dt.date, dt.date] | None:
    """(first, last) day a dated record may cover, at its dates' precision; None if undated.

    An organization's date is its founding: it lasts until its date_end, or still does.
    """
    if record.date is None:
        return None
    if isinstance(record, Organization) and record.date_end is None:
        return record.date, dt.date.max
    return span(record.date, record.date_precision, record.date_end, record.date_end_precision)


def _in_range(record: Annotation, start: dt.date | None, end: dt.date | None) -> bool:
    """A record is in a range that overlaps any day it may cover ('July 2019' is in 15 Jul – 1 Aug)."""
    covered = record_span(record)
    if covered is None or (start is None and end is None):
        return True
    first, last = covered
    return (start is None or last >= start) and (end is None or first <= end)


def _facet_values(record: Annotation, facet: str) -> set[str]:
    if facet == "orgs":
        return record_orgs(record)
    if facet == "countries":
        return record_countries(record)
    if facet == "topics":
        return set(record.topics)
    if facet == "sources":
        return record_sources(record)
    return {record.kind}


def matches(record: Annotation, state: FilterState, skip: str | None = None) -> bool:
    """Whether one record passes the filter (optionally ignoring one facet)."""
    for facet in FACETS:
        chosen = getattr(state, facet)
        if facet != skip and chosen and _facet_values(record, facet).isdisjoint(chosen):
            return False
    if isinstance(record, Membership):
        return skip == "as_of" or membership_active(record, state.as_of)
    return skip == "dates" or _in_range(record, state.date_from, state.date_to)


def apply_filter(records: Iterable[Annotation], state: FilterState, over_time: bool = False,
                 found: frozenset[str] | None = None) -> list[Annotation]:
    """The records that pass the filter, in corpus order; over_time keeps every membership period.

    A query filters by `found`, the ids its search found (None: the query is not applied).
    """
    return [r for r in records if matches(r, state, skip="as_of" if over_time else None)
            and (found is None or not state.query.strip() or r.id in found)]


@dataclass(frozen=True)
class _Index:
    """Bit masks over corpus positions: one per facet value, so a filter is a few big-int ANDs."""

    masks: dict[str, dict[str, int]]
    everything: int
    memberships: int
    spans: tuple[tuple[int, dt.date | None, dt.date | None], ...]  # membership: (date, date_end)
    covers: tuple[tuple[int, dt.date | None, dt.date | None], ...]  # others: record_span
    ids: tuple[str, ...] = ()


def _index(corpus: Corpus) -> _Index:
    cached = corpus.__dict__.get("_filter_index")
    if cached is not None:
        return cached
    masks: dict[str, dict[str, int]] = {f: {} for f in FACETS}
    memberships = 0
    spans = []
    covers = []
    for pos, record in enumerate(corpus.records):
        bit = 1 << pos
        for facet in FACETS:
            for value in corpus.facets[record.id][facet]:
                masks[facet][value] = masks[facet].get(value, 0) | bit
        if isinstance(record, Membership):
            memberships |= bit
        spans.append((bit, record.date, record.date_end))
        covers.append((bit, *(record_span(record) or (None, None))))
    index = _Index(masks, (1 << len(corpus.records)) - 1, memberships, tuple(spans), tuple(covers),
                   tuple(r.id for r in corpus.records))
    object.__setattr__(corpus, "_filter_index", index)
    return index


def _facet_mask(index: _Index, facet: str, chosen: tuple[str, ...]) -> int:
    if not chosen:
        return index.everything
    out = 0
    for value in chosen:
        out |= index.masks[facet].get(value, 0)
    return out


def _date_mask(index: _Index, state: FilterState, skip: str | None) -> int:
    out = 0
    for (bit, start, end), (_, first, last) in zip(index.spans, index.covers):
        if bit & index.memberships:
            ok = skip == "as_of" or ((start is None or start <= state.as_of) and (end is None or state.as_of < end))
        else:
            ok = skip == "dates" or first is None or (
                (state.date_from is None or last >= state.date_from)
                and (state.date_to is None or first <= state.date_to))
        if ok:
            out |= bit
    return out


def _query_mask(corpus: Corpus, index: _Index, query: str) -> int:
    if not query.strip():
        return index.everything
    # Asked again by every facet count of a rerun: kept per query (a few, for the corpus's lifetime).
    memo = corpus.__dict__.setdefault("_query_masks", {})
    if query not in memo:
        found = index_for(corpus).matching_ids(query)
        if len(memo) > 64:
            memo.clear()
        memo[query] = sum(1 << pos for pos, rid in enumerate(index.ids) if rid in found)
    return memo[query]


def _mask(corpus: Corpus, state: FilterState, skip: str | None = None) -> int:
    index = _index(corpus)
    mask = _date_mask(index, state, skip)
    for facet in FACETS:
        if facet != skip:
            mask &= _facet_mask(index, facet, getattr(state, facet))
    # The query has no option counts, so no caller skips it: without("query") clears it instead.
    return mask & _query_mask(corpus, index, state.query)



def select(corpus: Corpus, state: FilterState, over_time: bool = False) -> list[Annotation]:
    """The records of the corpus that pass the filter, in corpus order (what every view shows).

    Same answer as apply_filter(corpus.records, state), computed with bit masks so
    that it stays fast on a corpus of tens of thousands of records.
    """
    mask = _mask(corpus, state, "as_of" if over_time else None)
    return [r for pos, r in enumerate(corpus.records) if mask >> pos & 1]


def facet_values(corpus: Corpus, facet: str) -> list[str]:
    """Every value a facet takes in the corpus."""
    return list(_index(corpus).masks[facet])


def facet_counts(corpus: Corpus, state: FilterState, facet: str) -> Counter[str]:
    """For each value of a facet, how many records choosing it would leave (others held)."""
    base = _mask(corpus, state, skip=facet)
    values = _index(corpus).masks[facet]
    return Counter({value: (base & bits).bit_count() for value, bits in values.items() if base & bits})


def emptied_by(corpus: Corpus, state: FilterState) -> list[str]:
    """Facets whose clearing alone would give a non-empty result."""
    return [f for f in state.active_facets() if _mask(corpus, state.without(f))]


def effective_shade(shade: str, filters: FilterState, corpus: Corpus) -> str:
    """The grouping to shade: the chosen one, unless the organization filter excludes it."""
    orgs = filters.orgs
    if not orgs or shade in orgs:
        return shade
    return next((o for o in orgs if o in corpus.shadable), shade)
