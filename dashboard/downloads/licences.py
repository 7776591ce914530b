"""Whose each part of the dashboard is, and under what terms (LICENSE, LICENSE-DATA.md), as plain text.

The About page and every download (the briefing file, the PNG) say the same, from here (a briefing file only
what it carries). Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.map.assets import FULLSCREEN, GESTURE_HANDLING, LEAFLET, POLYLINE


@dataclass(frozen=True)
class Licence:
    """One part, its terms, and where the terms are published (None: in this repository)."""

    key: str
    part: str
    terms: str
    url: str | None = None


CODE = Licence("code", "Code", "MIT licence (LICENSE).", "https://opensource.org/license/mit")
CORPUS = Licence(
    "corpus", "The curated corpus (annotations.yaml, reference/)",
    "Creative Commons Attribution 4.0 (CC BY 4.0). Cite it with its corpus version.",
    "https://creativecommons.org/licenses/by/4.0/")
GEODATA = Licence(
    "geodata", "Geodata",
    "Natural Earth 1:10m admin-0 (public domain) through world-atlas 2.0.2 (ISC, © Michael Bostock); "
    "our processing is CC0, its build script MIT.",
    "https://www.naturalearthdata.com/about/terms-of-use/")
LEAFLET_TERMS = Licence(
    "leaflet", f"Leaflet {LEAFLET.version}",
    "BSD 2-Clause, © Volodymyr Agafonkin and CloudMade.", "https://github.com/Leaflet/Leaflet/blob/v1.9.4/LICENSE")
GESTURE_TERMS = Licence(
    "gesture-handling", f"leaflet-gesture-handling {GESTURE_HANDLING.version} (the map's scroll and touch handling)",
    "MIT licence, © 2018 elmarquis.",
    f"https://github.com/elmarquis/leaflet-gesture-handling/blob/v{GESTURE_HANDLING.version}/LICENSE")
FULLSCREEN_TERMS = Licence(
    "fullscreen", f"leaflet.fullscreen {FULLSCREEN.version} (the map's full-screen button)",
    "MIT licence, © 2013 Bruno Bergot.",
    f"https://github.com/brunob/leaflet.fullscreen/blob/v{FULLSCREEN.version}/LICENSE.md")
POLYLINE_TERMS = Licence(
    "polyline", f"@mapbox/polyline {POLYLINE.version} (reads the geometry inside the downloaded files)",
    "BSD 3-Clause, © Development Seed.", f"https://www.npmjs.com/package/@mapbox/polyline/v/{POLYLINE.version}")
ARTICLES = Licence(
    "articles", "The articles",
    "Not ours: copyright stays with their authors, translators and publishers. They are quoted in short, sourced "
    "excerpts for research, criticism and teaching (Berne Convention art. 10(1); fair use and fair dealing), "
    "and shown whole only so that each quote can be read in its context (LICENSE-DATA.md).")
LICENCES = (CODE, CORPUS, GEODATA, LEAFLET_TERMS, GESTURE_TERMS, FULLSCREEN_TERMS, POLYLINE_TERMS, ARTICLES)
# What a briefing file carries: the dashboard's map scrolls with the page by the gesture plugin and has a full-screen
# button; the file's own map uses neither, and decodes its geometry with the polyline decoder.
IN_BRIEFING = tuple(item for item in LICENCES if item not in (GESTURE_TERMS, FULLSCREEN_TERMS))

# What a map drawn from our data must say under it (the PNG, the briefing's footer), and its short form for the
# corner of an interactive map (the briefing's).
ATTRIBUTION = ("Basemap: Natural Earth 1:10m (public domain) via world-atlas · Data: Central Asia tour dashboard, "
               "CC BY 4.0")
MAP_CREDIT = "Natural Earth · data CC BY 4.0"
