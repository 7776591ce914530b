"""The map's features as a table, for readers who prefer one and for screen readers."""

from __future__ import annotations

import streamlit as st

from dashboard.corpus.load import Corpus
from dashboard.corpus.memberships import status_label
from dashboard.evidence.facts import when_text
from dashboard.ui.evidence import distance_to_afghanistan


def st_feature_table(stops, sites, borders, status, legs, geodata, corpus: Corpus, org_short: str) -> None:
    """The map's features as rows, for readers who prefer a table and for screen readers."""
    rows = _feature_rows(stops, sites, borders, status, legs, geodata, corpus, org_short)
    for row in rows:
        row["sources disagree"] = "⚠" if row["ref"] in corpus.disputed else ""
    st.dataframe(rows, hide_index=True, width="stretch")


def _feature_rows(stops, sites, borders, status, legs, geodata, corpus: Corpus, org_short: str) -> list[dict]:
    rows = []
    for stop in stops:
        rows.append({"layer": "Visit route", "feature": stop.title, "date": when_text(stop), "detail": stop.status,
                     "ref": stop.id})
    for leg in legs:
        rows.append({"layer": "Visit route", "feature": f"Leg {leg.start.city} → {leg.end.city}",
                     "date": when_text(leg.end), "detail": f"{leg.km:,.0f} km (geodesic, WGS84)", "ref": leg.end.id})
    for site in sites:
        km = distance_to_afghanistan(site)
        rows.append({"layer": "Military sites", "feature": site.title, "date": when_text(site),
                     "detail": f"{site.status.replace('_', ' ')}; {km:,.0f} km from Afghanistan", "ref": site.id})
    lengths = dict(zip(geodata.borders["id"], geodata.borders["length_km"]))
    for border in borders:
        km = lengths.get(border.geodata_id)
        rows.append({"layer": "Borders", "feature": border.title, "date": "",
                     "detail": f"{km:,.0f} km computed" if km else "", "ref": border.id})
    for code, record in sorted(status.items()):
        rows.append({"layer": f"Memberships ({org_short})", "feature": corpus.countries.get(code, code),
                     "date": when_text(record), "detail": status_label(record.status), "ref": record.id})
    return rows
