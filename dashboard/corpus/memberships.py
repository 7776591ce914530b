"""Who belonged to which grouping on a given day: the one status function every view uses.

A membership record is one country's status in one organization over a period that
starts on `date` (inclusive) and ends on `date_end` (exclusive: the day the next
status begins), or holds still when `date_end` is empty. An imprecise boundary
("December 1993") is taken at the first day it may be; see dashboard.corpus.dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dashboard.corpus.model import Membership, Status
from dashboard.labels import STATUS_LABELS


def status_label(status: Status | str) -> str:
    """'dialogue partner' for Status.dialogue_partner, and so on."""
    return STATUS_LABELS[str(getattr(status, "value", status))]


def membership_active(record: Membership, on: dt.date) -> bool:
    """Whether a membership period covers a date (an open end means 'still')."""
    start_ok = record.date is None or record.date <= on
    end_ok = record.date_end is None or on < record.date_end
    return start_ok and end_ok


def membership_status(records: Iterable[Membership], org: str, on: dt.date) -> dict[str, Membership]:
    """Each country's membership record in one organization on one date: {country code: record}.

    A country absent from the result had no status that day. Where two periods of one
    country overlap (the validator refuses that), the later-starting one wins.
    """
    out: dict[str, Membership] = {}
    for record in records:
        if record.organization == org and membership_active(record, on):
            held = out.get(record.country)
            if held is None or (record.date or dt.date.min) >= (held.date or dt.date.min):
                out[record.country] = record
    return out


def status_held_since(records: Iterable[Membership], record: Membership) -> Membership:
    """The first period of the unbroken run of `record`'s status: where the status began.

    A period split only to mark where a doubt starts (Armenia in the EAEU from 29 May 2026)
    keeps its status, so the map says "member since 2 Jan 2015", not since the split.
    """
    by_end = {(r.organization, r.country, r.date_end): r for r in records}
    first = record
    while (before := by_end.get((first.organization, first.country, first.date))) is not None \
            and before.status == first.status and before.date is not None and before.date < first.date:
        first = before
    return first


def overlapping_periods(records: Iterable[Membership]) -> list[tuple[Membership, Membership]]:
    """Pairs of periods of one country in one organization that overlap (each pair once, in order)."""
    by_pair: dict[tuple[str, str], list[Membership]] = {}
    for record in records:
        by_pair.setdefault((record.organization, record.country), []).append(record)
    out = []
    for periods in by_pair.values():
        periods.sort(key=lambda r: r.date or dt.date.min)
        for i, first in enumerate(periods):
            for later in periods[i + 1:]:
                if first.date_end is None or (later.date or dt.date.min) < first.date_end:
                    out.append((first, later))
    return out


def gaps(records: Iterable[Membership]) -> list[tuple[Membership, Membership]]:
    """Consecutive periods of one country in one organization with days between them (first, next)."""
    by_pair: dict[tuple[str, str], list[Membership]] = {}
    for record in records:
        if record.date is not None:
            by_pair.setdefault((record.organization, record.country), []).append(record)
    out = []
    for periods in by_pair.values():
        periods.sort(key=lambda r: r.date)
        for first, later in zip(periods, periods[1:]):
            if first.date_end is not None and later.date > first.date_end:
                out.append((first, later))
    return out

