"""What we computed, beside what the sources give (pure): a military site's distance to the Afghan border and a
border's length, each as the evidence panel's small table (dashboard.evidence.html.value_table_html), in the
language spoken (the versions' own words and the references' titles as the corpus writes them)."""

from __future__ import annotations

from dashboard.corpus.model import Border, MilitarySite
from dashboard.corpus.records import Corpus
from dashboard.evidence.html import value_table_html
from dashboard.i18n import format_number
from dashboard.i18n import gettext as _


def site_distance_html(site: MilitarySite, km: float) -> str:
    """The site's distance to Afghanistan's outline (`km`, geodesic, as dashboard/ui/cached.py computes it) with
    its method, beside the articles (which give none); approximate where the marker stands at a city."""
    approximate = "city" in (site.location.place or "") or "not given" in (site.location.place or "")
    return value_table_html(
        _("Distance to the Afghan border"), (_("Distance"), _("Given by"), _("How")),
        [(_("{km} km").format(km=format_number(km)), _("computed from our geodata"),
          _("geodesic (pyproj, WGS84) from the marker to the nearest point of Afghanistan's outline, "
            "Natural Earth 1:10m simplified at 0.01°")),
         ("—", _("the articles"), _("none of the five articles gives this distance"))],
        _("The marker stands at the city's coordinates, so the distance is approximate.") if approximate else "")


def border_length_html(border: Border, borders, corpus: Corpus) -> str | None:
    """The border's length computed from `borders` (the geodata's lines: id, length_km, resolution), beside every
    length the versions of its disagreements give (an article's words, a public reference); None if the geodata
    has no line for it."""
    row = borders[borders["id"] == border.geodata_id]
    if row.empty:
        return None
    km = float(row.iloc[0]["length_km"])
    values = [(_("{km} km").format(km=format_number(km, 1)), _("computed from our geodata"),
               _("geodesic length on the WGS84 ellipsoid (pyproj) of {resolution}").format(
                   resolution=row.iloc[0]["resolution"]))]
    for dis in corpus.disputes.get(border.id, ()):
        for version in dis.versions:
            if version.excerpt:
                values.append((version.says, corpus.sources[version.excerpt.source].label, _("the article's words")))
            elif version.reference:
                values.append((version.says, version.reference.title, _("public reference")))
    return value_table_html(_("Length: computed, in the articles, in the record"),
                            (_("Length"), _("Given by"), _("How")), values,
                            _("A 1:10m line smooths the river's meanders, so it measures shorter than surveyed "
                              "lengths."))
