"""What the evidence says about a record, as plain text: its dates, its facts, its sources' citations and the
disagreements that flag it. Shared by the evidence panel (ui/evidence.py) and the briefing file (downloads/briefing.py); pure."""

from __future__ import annotations

from dashboard.corpus.dates import format_date
from dashboard.corpus.model import Annotation, Membership, Organization, Source
from dashboard.corpus.records import Corpus, record_countries


def when_text(record: Annotation) -> str:
    """A record's date (and end) at the precision its sources give: '27 Feb 2017', 'Dec 1993 – 18 Aug 2009',
    'since 22 Feb 2024' for a status or an organization that still holds; '' for an undated record."""
    if record.date is None:
        return ""
    out = format_date(record.date, record.date_precision)
    if record.date_end:
        return out + f" – {format_date(record.date_end, record.date_end_precision)}"
    return f"since {out}" if isinstance(record, Membership | Organization) else out


def record_facts(record: Annotation, corpus: Corpus) -> list[tuple[str, str]]:
    """What the evidence panel lists about a record: (field, value) pairs in plain text, dates at their
    precision, codes as names."""
    out: list[tuple[str, str]] = []
    if record.date:
        out.append(("date", when_text(record)))
    for attr in ("status", "city", "personnel"):
        value = getattr(record, attr, None)
        if value:
            out.append((attr, str(getattr(value, "value", value)).replace("_", " ")))
    for attr in ("leaders", "agenda", "signed", "aircraft", "units"):
        value = getattr(record, attr, None)
        if value:
            out.append((attr, "; ".join(value)))
    if isinstance(record, Membership):
        out.append(("organization", corpus.organizations.get(record.organization, record.organization)))
    codes = sorted(record_countries(record))
    if codes:
        out.append(("countries", ", ".join(corpus.countries.get(c, c) for c in codes)))
    return out


def source_citation(source: Source) -> str:
    """Outlet · author · date, as far as the article's text gives them (plain text)."""
    bits = [source.outlet, source.author, source.published.isoformat() if source.published else None]
    return " · ".join(b for b in bits if b) or "outlet, author and date not given in the text"


# What a public reference backs, in words: `supports` names a record's field.
SUPPORTS_TEXT = {"location": "the place", "date": "the date", "start": "the date", "date_end": "the end date",
                 "end": "the end date", "status": "the status", "value": "the figure", "length": "the length",
                 "summary": "the summary"}


def supports_text(field: str) -> str:
    """What a reference backs, as a reader says it ('date_end' -> 'the end date')."""
    return SUPPORTS_TEXT.get(field, "the " + field.replace("_", " "))
