"""What the reader picks on the map: the record a click picked, and every mark in the keyboard's order (pure)."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.corpus.model import Annotation, Border, Membership, MilitarySite, VisitStop
from dashboard.corpus.records import Corpus
from dashboard.map.geo import country_at
from dashboard.map.marks import border_lines, record_id_from_tooltip, tour_order


def clicked_record(returned: dict, previous: tuple | None, countries, status: Mapping[str, Membership],
                   layers: tuple[str, ...]) -> str | None:
    """The record a new click on the map picked: a mark (its tooltip's ref) if one was clicked since the
    last run, else a shaded country under a click on the map itself; None if nothing new was clicked.

    `returned`: what the map sent back (st_folium's last_object_clicked_count, _tooltip, last_clicked);
    `previous`: (the click count, the point) of the last click seen; `countries`: the geodata's polygons;
    `status`: the shaded countries' memberships by country code; `layers`: the layers drawn."""
    count, at = returned.get("last_object_clicked_count") or 0, returned.get("last_clicked")
    prev_count, prev_at = previous or (0, None)
    if count != prev_count:
        rid = record_id_from_tooltip(returned.get("last_object_clicked_tooltip"))
        if rid is not None:
            return rid
    if at and at != prev_at and "members" in layers:
        code = country_at(countries, at["lat"], at["lng"])
        return status[code].id if code in status else None
    return None


def marks_in_tab_order(corpus: Corpus, layers: tuple[str, ...], stops: list[VisitStop], sites: list[MilitarySite],
                       borders: list[Border], status: Mapping[str, Membership]) -> list[Annotation]:
    """Every mark the map draws, in the map's Tab order: the stops, the sites, the border lines, the phone call,
    then the shaded countries by name (on the layers drawn)."""
    route = tour_order(stops) if "route" in layers else []
    lines = border_lines(borders) if "border" in layers else []
    shown = [*(s for s in route if s.status != "phone_call"), *(sites if "sites" in layers else []), *lines,
             *(s for s in route if s.status == "phone_call")]
    if "members" in layers:
        shown += [status[c] for c in sorted(status, key=lambda c: corpus.countries.get(c, c))]
    return shown
