"""The map's features as a table, for readers who prefer one and for screen readers (rows:
dashboard/map/feature_table.py)."""

from __future__ import annotations

from dashboard.corpus.records import Corpus
from dashboard.map.feature_table import feature_rows, table_rows
from dashboard.ui.evidence import distance_to_afghanistan
from dashboard.ui.tables import st_table


def st_feature_table(stops, sites, borders, status, legs, geodata, corpus: Corpus, org_short: str) -> None:
    """The map's features as rows, for readers who prefer a table and for screen readers."""
    distances = {site.id: distance_to_afghanistan(site) for site in sites}
    rows = feature_rows(stops, sites, borders, status, legs, geodata, corpus, org_short, distances)
    st_table(table_rows(rows, corpus.disputed))
