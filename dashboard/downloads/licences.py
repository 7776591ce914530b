"""Whose each part of the dashboard is, and under what terms (LICENSE, LICENSE-DATA.md), as plain text.

The About page and every download (the briefing file, the PNG) say the same, from here (a briefing file only
what it carries). Pure.

The words are English, marked for the catalog (N_), and said in the language of the run that reads them: a
Licence's `part` and `terms` are translated when read; ATTRIBUTION and MAP_CREDIT are read through gettext.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import N_, gettext
from dashboard.map.assets import FULLSCREEN, GESTURE_HANDLING, LEAFLET, POLYLINE


@dataclass(frozen=True)
class Licence:
    """One part, its terms, and where the terms are published (None: in this repository). `part` and `terms` are
    said in the language spoken; `part_words` and `terms_words` are the English as written (a part's `{version}`
    filled in from `version`)."""

    key: str
    part_words: str
    terms_words: str
    url: str | None = None
    version: str = ""

    @property
    def part(self) -> str:
        return gettext(self.part_words).format(version=self.version)

    @property
    def terms(self) -> str:
        return gettext(self.terms_words)


CODE = Licence("code", N_("Code"), N_("MIT licence (LICENSE)."), "https://opensource.org/license/mit")
CORPUS = Licence(
    "corpus", N_("The curated corpus (annotations.yaml, reference/)"),
    N_("Creative Commons Attribution 4.0 (CC BY 4.0). Cite it with its corpus version."),
    "https://creativecommons.org/licenses/by/4.0/")
GEODATA = Licence(
    "geodata", N_("Geodata"),
    N_("Natural Earth 1:10m admin-0 (public domain) through world-atlas 2.0.2 (ISC, © Michael Bostock); "
       "our processing is CC0, its build script MIT."),
    "https://www.naturalearthdata.com/about/terms-of-use/")
LEAFLET_TERMS = Licence(
    "leaflet", N_("Leaflet {version}"),
    N_("BSD 2-Clause, © Volodymyr Agafonkin and CloudMade."), "https://github.com/Leaflet/Leaflet/blob/v1.9.4/LICENSE",
    LEAFLET.version)
GESTURE_TERMS = Licence(
    "gesture-handling", N_("leaflet-gesture-handling {version} (the map's scroll and touch handling)"),
    N_("MIT licence, © 2018 elmarquis."),
    f"https://github.com/elmarquis/leaflet-gesture-handling/blob/v{GESTURE_HANDLING.version}/LICENSE",
    GESTURE_HANDLING.version)
FULLSCREEN_TERMS = Licence(
    "fullscreen", N_("leaflet.fullscreen {version} (the map's full-screen button)"),
    N_("MIT licence, © 2013 Bruno Bergot."),
    f"https://github.com/brunob/leaflet.fullscreen/blob/v{FULLSCREEN.version}/LICENSE.md", FULLSCREEN.version)
POLYLINE_TERMS = Licence(
    "polyline", N_("@mapbox/polyline {version} (reads the geometry inside the downloaded files)"),
    N_("BSD 3-Clause, © Development Seed."), f"https://www.npmjs.com/package/@mapbox/polyline/v/{POLYLINE.version}",
    POLYLINE.version)
ARTICLES = Licence(
    "articles", N_("The articles"),
    N_("Not ours: copyright stays with their authors, translators and publishers. They are quoted in short, sourced "
       "excerpts for research, criticism and teaching (Berne Convention art. 10(1); fair use and fair dealing), "
       "and shown whole only so that each quote can be read in its context (LICENSE-DATA.md)."))
LICENCES = (CODE, CORPUS, GEODATA, LEAFLET_TERMS, GESTURE_TERMS, FULLSCREEN_TERMS, POLYLINE_TERMS, ARTICLES)
# What a briefing file carries: the dashboard's map scrolls with the page by the gesture plugin and has a full-screen
# button; the file's own map uses neither, and decodes its geometry with the polyline decoder.
IN_BRIEFING = tuple(item for item in LICENCES if item not in (GESTURE_TERMS, FULLSCREEN_TERMS))

# What a map drawn from our data must say under it (the PNG, the briefing's footer), and its short form for the
# corner of an interactive map (the briefing's). Marked for the catalog: read them through gettext.
ATTRIBUTION = N_("Basemap: Natural Earth 1:10m (public domain) via world-atlas · Data: Central Asia tour dashboard, "
                 "CC BY 4.0")
MAP_CREDIT = N_("Natural Earth · data CC BY 4.0")
