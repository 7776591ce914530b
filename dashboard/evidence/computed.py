"""What we computed, beside what the sources give (pure): a military site's distance to the Afghan border and a
border's length, each as the evidence panel's small table (dashboard.evidence.html.value_table_html)."""

from __future__ import annotations

from dashboard.corpus.model import Border, MilitarySite
from dashboard.corpus.records import Corpus
from dashboard.evidence.html import value_table_html


def site_distance_html(site: MilitarySite, km: float) -> str:
    """The site's distance to Afghanistan's outline (`km`, geodesic, as dashboard/ui/cached.py computes it) with
    its method, beside the articles (which give none); approximate where the marker stands at a city."""
    approximate = "city" in (site.location.place or "") or "not given" in (site.location.place or "")
    return value_table_html(
        "Distance to the Afghan border", ("Distance", "Given by", "How"),
        [(f"{km:,.0f} km", "computed from our geodata",
          "geodesic (pyproj, WGS84) from the marker to the nearest point of Afghanistan's outline, "
          "Natural Earth 1:10m simplified at 0.01°"),
         ("—", "the articles", "none of the five articles gives this distance")],
        "The marker stands at the city's coordinates, so the distance is approximate." if approximate else "")


def border_length_html(border: Border, borders, corpus: Corpus) -> str | None:
    """The border's length computed from `borders` (the geodata's lines: id, length_km, resolution), beside every
    length the versions of its disagreements give (an article's words, a public reference); None if the geodata
    has no line for it."""
    row = borders[borders["id"] == border.geodata_id]
    if row.empty:
        return None
    km = float(row.iloc[0]["length_km"])
    values = [(f"{km:,.1f} km", "computed from our geodata",
               f"geodesic length on the WGS84 ellipsoid (pyproj) of {row.iloc[0]['resolution']}")]
    for dis in corpus.disputes.get(border.id, ()):
        for version in dis.versions:
            if version.excerpt:
                values.append((version.says, corpus.sources[version.excerpt.source].label, "the article's words"))
            elif version.reference:
                values.append((version.says, version.reference.title, "public reference"))
    return value_table_html("Length: computed, in the articles, in the record", ("Length", "Given by", "How"),
                            values, "A 1:10m line smooths the river's meanders, so it measures shorter than "
                                    "surveyed lengths.")
