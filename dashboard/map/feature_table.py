"""The map's features as table rows (pure): the table view under the map, for readers who prefer a table
and for screen readers. Its words (the columns' headers, the rows' own words, the names of places and groupings)
are said in the language of the run; the records' titles stay as the corpus writes them."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard import names
from dashboard.corpus.memberships import status_label
from dashboard.corpus.records import Corpus
from dashboard.evidence.facts import when_text
from dashboard.i18n import N_, Words, format_number, gettext
from dashboard.labels import LAYER_LABELS, SITE_STATUS_LABELS

# The table's columns as the reader sees them: each row's key (feature_rows) -> its header.
COLUMNS = Words({"layer": N_("layer"), "feature": N_("feature"), "date": N_("date"), "detail": N_("detail"),
                 "ref": N_("ref"), "sources disagree": N_("sources disagree")})
# A stop's status (corpus.model.VisitStop.status) in words.
STOP_STATUS = Words({"origin": N_("start and end"), "made": N_("made"), "not_made": N_("not made"),
                     "phone_call": N_("phone call")})


def _grouping(org_short: str, corpus: Corpus) -> str:
    """A grouping's short name ('CSTO') as the language spoken names it ('ОДКБ')."""
    oid = next((oid for oid, short in corpus.organizations.items() if short == org_short), None)
    return names.grouping(oid, corpus) if oid else org_short


def feature_rows(stops, sites, borders, status, legs, geodata, corpus: Corpus, org_short: str,
                 distances: Mapping[str, float]) -> list[dict]:
    """One row per feature: {"layer", "feature", "date", "detail", "ref" (the record's id)}, for the stops, the
    legs (geodesic km), the military sites (status and `distances`, km to Afghanistan by site id), the borders
    (km computed from `geodata.borders`) and the countries' status in the grouping `org_short` (`status`: by
    ISO code)."""
    rows = []
    for stop in stops:
        rows.append({"layer": LAYER_LABELS["route"], "feature": stop.title, "date": when_text(stop, short=True),
                     "detail": STOP_STATUS.get(stop.status, stop.status), "ref": stop.id})
    for leg in legs:
        rows.append({"layer": LAYER_LABELS["route"],
                     "feature": gettext("Leg {start} → {end}").format(start=names.city(leg.start.city, corpus),
                                                                     end=names.city(leg.end.city, corpus)),
                     "date": when_text(leg.end, short=True),
                     "detail": gettext("{km} km (geodesic, WGS84)").format(km=format_number(leg.km)), "ref": leg.end.id})
    for site in sites:
        km = distances[site.id]
        rows.append({"layer": LAYER_LABELS["sites"], "feature": site.title, "date": when_text(site, short=True),
                     "detail": gettext("{status}; {km} km from Afghanistan").format(
                         status=SITE_STATUS_LABELS[site.status], km=format_number(km)),
                     "ref": site.id})
    lengths = dict(zip(geodata.borders["id"], geodata.borders["length_km"]))
    for border in borders:
        km = lengths.get(border.geodata_id)
        rows.append({"layer": LAYER_LABELS["border"], "feature": border.title, "date": "",
                     "detail": gettext("{km} km computed").format(km=format_number(km)) if km else "",
                     "ref": border.id})
    members = f"{LAYER_LABELS['members']} ({_grouping(org_short, corpus)})"
    for code, record in sorted(status.items()):
        rows.append({"layer": members, "feature": names.country(code, corpus),
                     "date": when_text(record, short=True), "detail": status_label(record.status), "ref": record.id})
    return rows


def table_rows(rows: list[dict], disputed) -> list[dict]:
    """The rows as the table shows them: a column flagging the records whose sources disagree (`disputed`: their
    ids), and each column headed in the language spoken."""
    return [{COLUMNS[key]: value for key, value in {**row, "sources disagree": "⚠" if row["ref"] in disputed
                                                     else ""}.items()} for row in rows]
