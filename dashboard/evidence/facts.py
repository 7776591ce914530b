"""What the evidence says about a record, as plain text: its dates, its facts, its sources' citations and the
disagreements that flag it, in the language spoken (the record's own words as the corpus writes them; places and
groupings by their names in the language: dashboard/names.py). Shared by the evidence panel (ui/evidence.py) and
the briefing file (downloads/briefing.py); pure."""

from __future__ import annotations

import datetime as dt

from dashboard import names
from dashboard.corpus.dates import format_date
from dashboard.corpus.model import Annotation, Membership, Organization, Source
from dashboard.corpus.records import Corpus, record_countries
from dashboard.i18n import N_, Words
from dashboard.i18n import gettext as _


def when_text(record: Annotation, short: bool = False) -> str:
    """A record's date (and end) at the precision its sources give: '27 Feb 2017', 'Dec 1993 – 18 Aug 2009',
    'since 22 Feb 2024' for a status or an organization that still holds; '' for an undated record. `short`: in a
    table's column, where space is tight ('27 февр. 2017 г.' rather than '27 февраля 2017 г.')."""
    if record.date is None:
        return ""
    out = format_date(record.date, record.date_precision, short)
    if record.date_end:
        return out + f" – {format_date(record.date_end, record.date_end_precision, short)}"
    return _("since {day}").format(day=out) if isinstance(record, Membership | Organization) else out


# The evidence panel's names of a record's fields (record_facts' first items).
FACT_NAMES = Words({
    "date": N_("date"), "status": N_("status"), "city": N_("city"), "personnel": N_("personnel"),
    "leaders": N_("leaders"), "agenda": N_("agenda"), "signed": N_("signed"), "aircraft": N_("aircraft"),
    "units": N_("units"), "organization": N_("organization"), "countries": N_("countries"),
})
# A record's status in words: a stop's, a site's or a membership's (corpus.model), as the panel lists it.
FACT_STATUSES = Words({
    "made": N_("made"), "not_made": N_("not made"), "phone_call": N_("phone call"), "origin": N_("origin"),
    "active": N_("active"), "proposed": N_("proposed"), "withdrawal_offered": N_("withdrawal offered"),
    "closed": N_("closed"), "member": N_("member"), "observer": N_("observer"), "prospective": N_("prospective"),
    "suspended": N_("suspended"), "former": N_("former"), "associate": N_("associate"),
    "dialogue_partner": N_("dialogue partner"), "partner": N_("partner"), "frozen": N_("frozen"),
})


def record_facts(record: Annotation, corpus: Corpus) -> list[tuple[str, str]]:
    """What the evidence panel lists about a record: (field, value) pairs in plain text, in the language spoken,
    dates at their precision, codes as names."""
    out: list[tuple[str, str]] = []
    if record.date:
        out.append((FACT_NAMES["date"], when_text(record)))
    status = getattr(record, "status", None)
    if status:
        value = str(getattr(status, "value", status))
        out.append((FACT_NAMES["status"], FACT_STATUSES.get(value, value.replace("_", " "))))
    city = getattr(record, "city", None)
    if city:
        out.append((FACT_NAMES["city"], names.city(city, corpus)))
    personnel = getattr(record, "personnel", None)
    if personnel:
        out.append((FACT_NAMES["personnel"], str(personnel)))
    for attr in ("leaders", "agenda", "signed", "aircraft", "units"):
        value = getattr(record, attr, None)
        if value:
            out.append((FACT_NAMES[attr], "; ".join(value)))
    if isinstance(record, Membership):
        out.append((FACT_NAMES["organization"], names.grouping(record.organization, corpus)))
    codes = sorted(record_countries(record))
    if codes:
        out.append((FACT_NAMES["countries"], ", ".join(names.country(c, corpus) for c in codes)))
    return out


def source_citation(source: Source) -> str:
    """Outlet · author · date, as far as the article's text gives them (plain text; the date in the language
    spoken, '2 Mar 2017', '2 марта 2017 г.')."""
    bits = [source.outlet, source.author, format_date(source.published) if source.published else None]
    return " · ".join(b for b in bits if b) or _("outlet, author and date not given in the text")


# What a public reference backs, in words: `supports` names a record's field.
SUPPORTS_TEXT = Words({
    "location": N_("the place"), "date": N_("the date"), "start": N_("the date"), "date_end": N_("the end date"),
    "end": N_("the end date"), "status": N_("the status"), "value": N_("the figure"), "length": N_("the length"),
    "summary": N_("the summary"),
})


def supports_text(field: str) -> str:
    """What a reference backs, as a reader says it ('date_end' -> 'the end date')."""
    if field in SUPPORTS_TEXT:
        return SUPPORTS_TEXT[field]
    # Another of the record's fields, by the name the panel lists it under ('signed').
    name = FACT_NAMES[field] if field in FACT_NAMES else field.replace("_", " ")
    return _("the {field}").format(field=name)


# A reference's `supports` as the files label it ("location: …"): the YAML's own key in English, ours in another
# language.
SUPPORTS_LABEL = Words({
    "location": N_("location"), "start": N_("start"), "end": N_("end"), "date_end": N_("end date"),
    "value": N_("value"), "length": N_("length"), "summary": N_("summary"),
})


def supports_label(field: str) -> str:
    """A reference's `supports` key as a label in the language spoken ('location' -> 'место'); a key of another
    field by the name the panel lists it under ('signed'), else as the corpus writes it."""
    if field in SUPPORTS_LABEL:
        return SUPPORTS_LABEL[field]
    return FACT_NAMES[field] if field in FACT_NAMES else field.replace("_", " ")


def read_text(day: dt.date | None) -> str:
    """When a public record was read, after its title: ', read 5 Dec 2026' (', просмотрено 5 декабря 2026 г.')."""
    return _(", read {day}").format(day=format_date(day)) if day else ""
