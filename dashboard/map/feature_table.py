"""The map's features as table rows (pure): the table view under the map, for readers who prefer a table
and for screen readers."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.corpus.memberships import status_label
from dashboard.corpus.records import Corpus
from dashboard.evidence.facts import when_text
from dashboard.labels import LAYER_LABELS, SITE_STATUS_LABELS


def feature_rows(stops, sites, borders, status, legs, geodata, corpus: Corpus, org_short: str,
                 distances: Mapping[str, float]) -> list[dict]:
    """One row per feature: {"layer", "feature", "date", "detail", "ref" (the record's id)}, for the stops, the
    legs (geodesic km), the military sites (status and `distances`, km to Afghanistan by site id), the borders
    (km computed from `geodata.borders`) and the countries' status in the grouping `org_short` (`status`: by
    ISO code)."""
    rows = []
    for stop in stops:
        rows.append({"layer": LAYER_LABELS["route"], "feature": stop.title, "date": when_text(stop), "detail": stop.status,
                     "ref": stop.id})
    for leg in legs:
        rows.append({"layer": LAYER_LABELS["route"], "feature": f"Leg {leg.start.city} → {leg.end.city}",
                     "date": when_text(leg.end), "detail": f"{leg.km:,.0f} km (geodesic, WGS84)", "ref": leg.end.id})
    for site in sites:
        km = distances[site.id]
        rows.append({"layer": LAYER_LABELS["sites"], "feature": site.title, "date": when_text(site),
                     "detail": f"{SITE_STATUS_LABELS[site.status]}; {km:,.0f} km from Afghanistan", "ref": site.id})
    lengths = dict(zip(geodata.borders["id"], geodata.borders["length_km"]))
    for border in borders:
        km = lengths.get(border.geodata_id)
        rows.append({"layer": LAYER_LABELS["border"], "feature": border.title, "date": "",
                     "detail": f"{km:,.0f} km computed" if km else "", "ref": border.id})
    for code, record in sorted(status.items()):
        rows.append({"layer": f"{LAYER_LABELS['members']} ({org_short})", "feature": corpus.countries.get(code, code),
                     "date": when_text(record), "detail": status_label(record.status), "ref": record.id})
    return rows
