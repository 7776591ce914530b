"""What a reference's `supports` label may say, and whether its quote states that fact.

A label names the field of the record that the reference proves: `location`, `date`
(or `start`), `date_end` (or `end`), `status`, `value`, `personnel` ... or `length`
for a border or a distance. The validator (dashboard.corpus.load) refuses a label that
names no field the record has, and a date label whose quote does not state that date
at the record's precision.
"""

from __future__ import annotations

from dashboard.corpus.dates import MONTHS_EN, days_given, format_date, mentions_date
from dashboard.corpus.model import Annotation, Border, Disagreement, Figure, Reference

ALIASES = {"start": "date", "end": "date_end"}
# Fields that are bookkeeping, not facts a public record could prove.
NOT_FACTS = frozenset({"id", "kind", "title", "topics", "excerpts", "references", "date_precision",
                       "date_end_precision", "records", "versions", "emphasis", "geodata_id", "unsettled",
                       # A membership's country and grouping are what it is about, not a fact it states.
                       "country", "organization"})


def supported_field(label: str) -> str:
    """The record field a label names ('start' -> 'date')."""
    return ALIASES.get(label, label)


def label_fits(record: Annotation, label: str) -> bool:
    """Whether a `supports` label names a fact this record states."""
    if label == "length":
        return isinstance(record, Border) or (isinstance(record, Figure) and record.measure == "distance")
    name = supported_field(label)
    if name in NOT_FACTS or name not in type(record).model_fields:
        return False
    return getattr(record, name) not in (None, "", [], ())


def label_choices(record: Annotation) -> list[str]:
    """The labels a reference on this record may carry, for error messages."""
    names = [n for n in type(record).model_fields if label_fits(record, n)]
    if label_fits(record, "length"):
        names.append("length")
    return sorted(names)


def label_problem(record: Annotation, ref: Reference, concerned: list[Annotation] | None = None) -> str | None:
    """Why a reference's label is wrong, or None.

    A disagreement's version reference proves a fact of one of the records the
    disagreement concerns, so its label must fit one of them.
    """
    targets = concerned if isinstance(record, Disagreement) and concerned else [record]
    if any(label_fits(t, ref.supports) for t in targets):
        return None
    names = sorted({c for t in targets for c in label_choices(t)})
    whose = "the records it concerns have" if isinstance(record, Disagreement) else "this record has"
    return (f"supports: {ref.supports!r} names no fact {whose}; use one of: {', '.join(names)} "
            f"(start = date, end = date_end)")


def date_problem(record: Annotation, ref: Reference) -> str | None:
    """Why a date reference's quote does not back the record's date, or None."""
    name = supported_field(ref.supports)
    if name not in ("date", "date_end") or not ref.quote or isinstance(record, Disagreement):
        return None
    day = getattr(record, name, None)
    precision = record.date_precision if name == "date" else record.date_end_precision
    if day is None or mentions_date(ref.quote, day, precision):
        return None
    hint = ""
    others = sorted(days_given(ref.quote, day.month))
    if precision == "day" and others:
        hint = f"; it gives {', '.join(f'{d} {MONTHS_EN[day.month - 1]}' for d in others)}"
    elif precision == "day" and mentions_date(ref.quote, day, "month"):
        hint = f"; it gives the month only: set {name}_precision: month"
    elif precision != "year" and mentions_date(ref.quote, day, "year"):
        hint = f"; it gives the year only ({day.year})"
    shown = format_date(day, precision)
    return f"the quote does not state {name} {shown}{hint}"
