"""The time strip under the map: its ticks (each change of the shaded grouping's membership, and the tour's days),
each with its words and its sources, all read from the corpus; and the data the strip is drawn from
(static/app/time-strip.js). Pure: no Streamlit.

A change is found the way the map shades: the grouping's status of every country on a day and on the day before
(`membership_status`), so a tick stands exactly where the shading changes. Its words name only what the records
say: the day at the records' precision, the grouping, each new status and its countries in corpus order.

The ticks' and the strip's words are said in the language of the run (dashboard/i18n.py; names through names.py);
the strip's own words go to the browser with its data (`strip_words`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dashboard import i18n, names
from dashboard.corpus.dates import Precision
from dashboard.corpus.memberships import membership_status, status_label
from dashboard.corpus.model import Annotation, Membership, VisitStop
from dashboard.corpus.records import Corpus
from dashboard.i18n import format_number, gettext, ngettext
from dashboard.map.describe import day_forms, page_lang, shown_date

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
    org_short = names.grouping(org, corpus)
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
                what = gettext("no longer {status}").format(status=status_label(old.status))
                ended.append(old)
                precision = precision or old.date_end_precision
            moves.setdefault(what, []).append(names.country(code, corpus))
        if not moves:
            continue
        said = "; ".join(f"{what}: {', '.join(names)}" for what, names in moves.items())
        cited = _sources(began, corpus, BEGAN)
        cited += tuple(s for s in _sources(ended, corpus, ENDED) if s not in cited)
        ticks.append(Tick(day, "change", f"{shown_date(day, precision or 'day')}: {org_short}: {said}", cited,
                          tuple(r.id for r in began + ended)))
    return ticks


def tour_days(corpus: Corpus) -> list[Tick]:
    """The tour's days: each day a stop or call of the tour took place, with those records' titles and sources."""
    by_day: dict[dt.date, list[VisitStop]] = {}
    for record in corpus.records:
        if isinstance(record, VisitStop) and record.date is not None:
            by_day.setdefault(record.date, []).append(record)
    return [Tick(day, "tour", gettext("{day}: the tour: {titles}").format(day=shown_date(day), titles=_titles(stops)),
                 _sources(stops, corpus, BEGAN),
                 tuple(r.id for r in stops))
            for day, stops in sorted(by_day.items())]


def _titles(stops: list[VisitStop]) -> str:
    """The day's stops by title, the first MAX_NAMED of them, then how many more."""
    named = "; ".join(r.title for r in stops[:MAX_NAMED])
    if len(stops) <= MAX_NAMED:
        return named
    return gettext("{named}; and {n} more").format(named=named, n=format_number(len(stops) - MAX_NAMED))


def strip_data(records: list[Annotation], org: str, corpus: Corpus, on: dt.date, first: dt.date,
               today: dt.date, shaded: bool, between: tuple[dt.date | None, dt.date | None] = (None, None),
               narrowed: bool = False) -> dict:
    """What the time strip draws, as JSON-ready data: its ends (`first`, the reader's `today`), the day shown,
    its ticks in order of day (a day with a change and a tour day has both), whether the filters narrow its records
    (`narrowed`: the strip says its ticks are the filtered ones), the dated records' range (`between`,
    the sidebar's "Dated records between"; None: open at that end) and the words it needs: the day in words, the
    grouping's name, how a day is written (describe.day_forms), the strip's own words (`text`, strip_words) and the
    page's language (`lang`)."""
    start, end = between
    # With the memberships layer off nothing is shaded, so no change of a grouping is marked (as in the files).
    changes = membership_changes(records, org, corpus, first, today) if shaded else []
    ticks = sorted(changes + tour_days(corpus),
                   key=lambda t: (t.day, t.kind != "change"))
    return {
        "first": first.isoformat(), "today": today.isoformat(), "value": on.isoformat(),
        "range": [(start or first).isoformat(), min(end or today, today).isoformat()],
        "words": i18n.format_day(on), "grouping": names.grouping(org, corpus), "shaded": shaded,
        "narrowed": narrowed,
        "ticks": [t.to_json() for t in ticks if first <= t.day <= today],
        **day_forms(),
        "playMs": PLAY_MS, "stepMs": STEP_MS,
        "text": strip_words(), "lang": page_lang(),
    }


def strip_words() -> dict:
    """The strip's own words (static/app/time-strip.js), in the language of the run: names, announcements and
    headings, with {fields} the browser fills in; counted ones as forms by plural category (i18n.plural_forms)."""
    return {
        "root": gettext("Time: the membership day"),
        "prev": gettext("Previous change"), "next": gettext("Next change"),
        "back": gettext("Step’s day"),
        "backSaid": gettext("Back to the step’s day, {day}."),
        "backLabel": gettext("Back to the step’s day, {day}"),
        "handle": gettext("Membership day on the map"),
        "thumbFirst": gettext("Dated records shown: first day"),
        "thumbLast": gettext("Dated records shown: last day"),
        "readout": gettext("Changes and their sources"),
        "crossed": i18n.plural_forms(lambda n: ngettext("{n} change of the {grouping} crossed; the latest: {change}",
                                                   "{n} changes of the {grouping} crossed; the latest: {change}", n)),
        "undone": i18n.plural_forms(lambda n: ngettext("{n} change of the {grouping} undone; the earliest: {change}",
                                                  "{n} changes of the {grouping} undone; the earliest: {change}", n)),
        "backBefore": gettext("Back before {change}"),
        "whoseStrip": gettext("on the time strip"),
        "whoseStep": gettext("this step’s choice"),
        "whoseSidebar": gettext("as set in the sidebar"),
        "foldShaded": gettext("{grouping} membership ({whose})"),
        "foldNone": gettext("memberships, none shaded ({whose})"),
        "today": gettext("today"),
        "brush": gettext("Dated records"),
        "brushKinds": gettext("(tour, events, figures)"),
        "brushRange": gettext("{start} to {end}"),
        "playing": gettext("Playing from {day} to today."),
        "played": i18n.plural_forms(lambda n: ngettext("Played to today, {day}: {n} change.",
                                                  "Played to today, {day}: {n} changes.", n)),
        "play": gettext("Play"), "pause": gettext("Pause"),
        "soFar": gettext("Changes so far"), "changesPlayed": gettext("Changes played"),
        "noneShaded": gettext("No grouping shaded: the memberships layer is off in the sidebar"),
        "latest": gettext("Latest change"),
        "latestFiltered": gettext("Latest change among the filtered records"),
        "noChange": gettext("No change in the {grouping} before this day"),
        "noChangeFiltered": gettext("No change in the {grouping} among the filtered records before this day"),
        "sources": gettext("Sources:"),
        "ticks": gettext("Changes in the {grouping} and the tour's days"),
        "shaded": gettext("{grouping} shaded"),
        "shadedFiltered": gettext("{grouping} shaded · filtered"),
        "noGrouping": gettext("no grouping shaded"),
        "narrowed": gettext("The sidebar's filters narrow the memberships: the ticks are the filtered countries' "
                            "changes"),
    }
