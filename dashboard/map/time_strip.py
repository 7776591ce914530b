"""The time strip under the map: its ticks (each change of the shaded grouping's membership, and the tour's days),
each with its words and its sources, all read from the corpus; and the data the strip is drawn from
(static/app/time-strip.js). Pure: no Streamlit.

A change is found the way the map shades: the grouping's status of every country on a day and on the day before
(`membership_status`), so a tick stands exactly where the shading changes. Its words name only what the records
say: the day at the records' precision, the grouping, each new status and its countries in corpus order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dashboard.corpus.dates import MONTHS_EN, MONTHS_EN_ABBR, Precision, day_in_words, format_date
from dashboard.corpus.memberships import membership_status, status_label
from dashboard.corpus.model import Annotation, Membership, VisitStop
from dashboard.corpus.records import Corpus

# The references that prove when a status began, and when it ended (model.Reference.supports).
BEGAN = ("date", "start")
ENDED = ("date_end", "end")
# Play: the whole strip in about this long; with reduced motion, one change after another, this long each.
PLAY_MS = 30_000
# A tour day names this many of its stops, then counts the rest (a large corpus has thousands on one day).
MAX_NAMED = 6
STEP_MS = 1_200


@dataclass(frozen=True)
class Cited:
    """One source of a tick: a public reference (its title, publisher and address) or an article (its label)."""

    title: str
    publisher: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Tick:
    """A day on the strip and what happened on it, with its sources; kind 'change' (the shading) or 'tour'."""

    day: dt.date
    kind: str
    words: str
    sources: tuple[Cited, ...]
    records: tuple[str, ...]

    def to_json(self) -> dict:
        return {"day": self.day.isoformat(), "kind": self.kind, "words": self.words, "records": list(self.records),
                "sources": [{"title": s.title, "publisher": s.publisher, "url": s.url} for s in self.sources]}


def _sources(records: list[Annotation], corpus: Corpus, fields: tuple[str, ...] | None) -> tuple[Cited, ...]:
    """The references of `records` that prove `fields` (all of them if none does), then the articles they quote."""
    out: dict[tuple, Cited] = {}
    for record in records:
        refs = [r for r in record.references if fields is None or r.supports in fields] or record.references
        for ref in refs:
            out.setdefault(("ref", ref.title, ref.url), Cited(ref.title, ref.publisher, ref.url))
    for record in records:
        for excerpt in record.excerpts:
            source = corpus.sources.get(excerpt.source)
            if source is not None:
                out.setdefault(("article", source.id), Cited(source.label, None, source.url))
    return tuple(out.values())


def membership_changes(records: list[Annotation], org: str, corpus: Corpus, first: dt.date,
                       last: dt.date) -> list[Tick]:
    """Every day after `first` and up to `last` on which a country's status in `org` changes, among `records`
    (the memberships of every day the filters keep): '1 Jan 2015: EAEU: member: Russia, Kazakhstan, Belarus'."""
    periods = [r for r in records if isinstance(r, Membership) and r.organization == org]
    days = sorted({d for r in periods for d in (r.date, r.date_end) if d is not None and first < d <= last})
    org_short = corpus.organizations.get(org, org)
    ticks = []
    for day in days:
        before = membership_status(periods, org, day - dt.timedelta(days=1))
        after = membership_status(periods, org, day)
        moves: dict[str, list[str]] = {}
        began: list[Membership] = []
        ended: list[Membership] = []
        precision: Precision | None = None
        for code in dict.fromkeys(r.country for r in periods):
            old, new = before.get(code), after.get(code)
            if (old and old.status) == (new and new.status):
                continue
            if new is not None:
                what = status_label(new.status)
                began.append(new)
                precision = precision or (new.date_precision if new.date == day else new.date_end_precision)
            else:
                what = f"no longer {status_label(old.status)}"
                ended.append(old)
                precision = precision or old.date_end_precision
            moves.setdefault(what, []).append(corpus.countries.get(code, code))
        if not moves:
            continue
        said = "; ".join(f"{what}: {', '.join(names)}" for what, names in moves.items())
        cited = _sources(began, corpus, BEGAN)
        cited += tuple(s for s in _sources(ended, corpus, ENDED) if s not in cited)
        ticks.append(Tick(day, "change", f"{format_date(day, precision or 'day')}: {org_short}: {said}", cited,
                          tuple(r.id for r in began + ended)))
    return ticks


def tour_days(corpus: Corpus) -> list[Tick]:
    """The tour's days: each day a stop or call of the tour took place, with those records' titles and sources."""
    by_day: dict[dt.date, list[VisitStop]] = {}
    for record in corpus.records:
        if isinstance(record, VisitStop) and record.date is not None:
            by_day.setdefault(record.date, []).append(record)
    return [Tick(day, "tour", f"{format_date(day)}: the tour: {_titles(stops)}", _sources(stops, corpus, BEGAN),
                 tuple(r.id for r in stops))
            for day, stops in sorted(by_day.items())]


def _titles(stops: list[VisitStop]) -> str:
    """The day's stops by title, the first MAX_NAMED of them, then how many more."""
    named = "; ".join(r.title for r in stops[:MAX_NAMED])
    return named + (f"; and {len(stops) - MAX_NAMED:,} more" if len(stops) > MAX_NAMED else "")


def strip_data(records: list[Annotation], org: str, corpus: Corpus, on: dt.date, first: dt.date,
               today: dt.date, shaded: bool, between: tuple[dt.date | None, dt.date | None] = (None, None),
               narrowed: bool = False) -> dict:
    """What the time strip draws, as JSON-ready data: its ends (`first`, the reader's `today`), the day shown,
    its ticks in order of day (a day with a change and a tour day has both), whether the filters narrow its records
    (`narrowed`: the strip says its ticks are the filtered ones), the dated records' range (`between`,
    the sidebar's "Dated records between"; None: open at that end) and the words it needs."""
    start, end = between
    # With the memberships layer off nothing is shaded, so no change of a grouping is marked (as in the files).
    changes = membership_changes(records, org, corpus, first, today) if shaded else []
    ticks = sorted(changes + tour_days(corpus),
                   key=lambda t: (t.day, t.kind != "change"))
    return {
        "first": first.isoformat(), "today": today.isoformat(), "value": on.isoformat(),
        "range": [(start or first).isoformat(), min(end or today, today).isoformat()],
        "words": day_in_words(on), "grouping": corpus.organizations.get(org, org), "shaded": shaded,
        "narrowed": narrowed,
        "ticks": [t.to_json() for t in ticks if first <= t.day <= today],
        "months": list(MONTHS_EN), "monthsShort": list(MONTHS_EN_ABBR),
        "playMs": PLAY_MS, "stepMs": STEP_MS,
    }
