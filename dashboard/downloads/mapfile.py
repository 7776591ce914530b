"""The map that the downloaded files carry (the briefing, dashboard.downloads.briefing; the published map,
dashboard.downloads.embed): one engine, so that both draw what the dashboard's map draws. Pure: no Streamlit.

    map_data(snapshot, countries, borders) -> dict      # what static/app/map-file.js draws
    legend_template(group) -> str                       # its legend, as markup the file holds
    map_scripts(own) -> str                             # the scripts that draw it, the file's own last
    map_styles(leaflet_css, own) -> str                 # their styles, the file's own last
    leaflet_assets() -> (script, stylesheet, licence)   # Leaflet, checked, its images inside
    csp(scripts) -> str                                 # the Content-Security-Policy: these scripts only

Geometry travels in Google's encoded polyline format (the `polyline` package here; @mapbox/polyline in the
file, checked against its published sha256): a ring or line is one string of coordinate differences at
COORD_DIGITS decimals, about a fifth of the same coordinates written out as JSON numbers, and a file opens
sooner for having less to parse.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import math
import re
from dataclasses import dataclass, replace

import numpy as np
import polyline
import rcssmin
import shapely
from calmjs.parse import es5
from calmjs.parse.unparsers.es5 import minify_print
from shapely.geometry import mapping

from dashboard import escape
from dashboard.corpus.codes import COUNTRY_NAMES
from dashboard.downloads.licences import LEAFLET_TERMS, MAP_CREDIT, POLYLINE_TERMS, Licence
from dashboard.downloads.snapshot import Extent, Snapshot, country_name, file_lang
from dashboard.frontend import read_static
from dashboard.i18n import N_
from dashboard.i18n import gettext as _
from dashboard.map.assets import LEAFLET, POLYLINE, AssetError, read_checked
from dashboard.map.geo import label_points, polygonal
from dashboard.map.leaflet import map_css, map_words
from dashboard.map.legend import legend_html
from dashboard.map.marks import EVIDENCE_HINT, Mark, layer_marks, membership_payload
from dashboard.map.style import LAND_STYLE, MEMBERSHIP_PATTERN

# A tooltip's pointer to the evidence, as a file says it (it has no evidence panel: a click shows the quotes).
FILE_HINT = N_("click for the excerpts")
# The map's own scripts, as the dashboard's map runs them, then the drawing of a file's map (map-file.js).
MAP_SCRIPTS = ("map-marks.js", "map-popups.js", "map-layout.js", "map-file.js")
# Their styles, after Leaflet's and the map's (map.css): the popups', and a record's words (records.css).
FILE_STYLES = ("map-popups.css", "records.css", "file-strip.css")

# The basemap: within the frame grown by this share of its size on every side, detail of about half a pixel
# at the zoom the file opens on (never finer than the geodata's own 0.01°); beyond it, coarser.
DETAIL_PAD = 0.25
COORD_DIGITS = 3  # ~100 m: below a pixel up to the map's highest zoom (10)
WORLD_DETAIL = 1.0  # degrees: the rest of the world, beyond the frame (zoomed out to see it, a pixel or two)
_SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")
_CSS_IMAGE = re.compile(r"url\((['\"]?)(images/[A-Za-z0-9_.-]+\.png)\1\)")
# A tooltip's record id (marks.py _ref): the file keeps the attribute its scripts read, not the words ("ref: …", as
# the briefing's cards say it): the published map is size-budgeted.
REF_DIV = re.compile(r'<div class="ref" data-ref="([a-z0-9-]+)">[^<]*</div>')



@functools.lru_cache(maxsize=1)
def leaflet_assets() -> tuple[str, str, str]:
    """Leaflet's script, its stylesheet (images as data: URIs) and its licence text, as the pip install holds
    them (each checked against its sha256); raises AssetError. The script's source-map comment is dropped: a
    browser's developer tools would otherwise ask the disk for a file that is not there."""
    script = _SOURCE_MAP.sub("\n", read_checked(LEAFLET, "leaflet.js").decode("utf-8"))

    def inline(match: re.Match) -> str:
        data = base64.b64encode(read_checked(LEAFLET, match[2])).decode("ascii")
        return f'url("data:image/png;base64,{data}")'

    css = _CSS_IMAGE.sub(inline, read_checked(LEAFLET, "leaflet.css").decode("utf-8"))
    licence = read_checked(LEAFLET, LEAFLET.license[0]).decode("utf-8")
    return script, css, licence



def _rounded(geom, digits: int = COORD_DIGITS):
    return shapely.transform(geom, lambda xy: np.round(xy, digits))


def _without_far_islets(shape, frame, world: float = WORLD_DETAIL):
    """Beyond the frame, an island under `world` squared is left out unless it is its state's largest
    part: the islets of Canada's Arctic or Indonesia's seas, never a state."""
    parts = list(shapely.get_parts(shape))
    if len(parts) < 2:
        return shape
    largest = max(parts, key=lambda p: p.area)
    kept = [p for p in parts if p is largest or p.area >= world**2 or p.intersects(frame)]
    return shapely.MultiPolygon(kept) if len(kept) > 1 else kept[0]


def _simplified(parts, tolerance: float, boundary: bool):
    """Coverage simplification of the non-empty parts (the others kept as they are); `boundary`: the coverage's
    outline too (coasts, and a cut), else only the borders between its parts."""
    parts = np.asarray([polygonal(p) for p in parts], dtype=object)  # a cut can leave lines and points too
    keep = ~shapely.is_empty(parts)
    if tolerance > 0 and keep.any():
        parts = parts.copy()
        parts[keep] = shapely.coverage_simplify(parts[keep], tolerance, simplify_boundary=boundary)
    return parts


@dataclass(frozen=True)
class Detail:
    """How finely a file draws the countries: in and around the frame, about half a pixel of a map `pixels` wide
    showing it (span/pixels degrees, between the geodata's own 0.01° and `coarsest`); away from it, `world` degrees."""

    pixels: int = 800
    world: float = WORLD_DETAIL
    coarsest: float = 0.05  # degrees, in and around the frame however large it is

    def tolerance(self, extent: Extent) -> float:
        """In and around the frame, degrees (0: the geodata's own detail)."""
        span = max(extent.east - extent.west, extent.north - extent.south)
        detail = min(self.coarsest, span / self.pixels)
        return detail if detail > 0.01 else 0.0


def basemap(countries, extent: Extent, detail_for: Detail = Detail()) -> list[list]:
    """The countries for this frame, each as [iso2, name, rings] or [iso2, name, rings, digits] (map-file.js makes
    the GeoJSON features; 250 states' keys would cost 20 kB): a Polygon's rings, or a MultiPolygon's polygons'
    rings, each ring an encoded polyline of (lon, lat) at COORD_DIGITS decimals, or `digits`. Within the frame
    grown by DETAIL_PAD on every side, simplified to about half a pixel of the zoom the file opens on (`detail_for`,
    a Detail), about six times coarser beyond (at least its `world` degrees,
    rounded to a decimal fewer, and so encoded where a country lies wholly there). Fewer points make the file
    smaller and its map paint sooner.
    Shared borders stay shared (coverage simplification); a name is shown as text."""
    geoms = countries.geometry.to_numpy()
    detail, world = detail_for.tolerance(extent), detail_for.world
    padded = extent.padded(DETAIL_PAD)
    # The detailed part and the coarse part are cut apart along the frame, and each is simplified on its own, the cut
    # left where it is: the detailed part's cut is its outline's (not simplified), the coarse part is clipped back to
    # it once simplified. The frame's edges lie on round hundredths, so that the coarse part, rounded to them, keeps
    # its cut on the same line: the two meet without a seam, and a border crossing the frame meets itself.
    frame = shapely.box(math.floor(padded.west * 100) / 100, math.floor(padded.south * 100) / 100,
                        math.ceil(padded.east * 100) / 100, math.ceil(padded.north * 100) / 100)
    inner = _simplified(shapely.intersection(geoms, frame), detail, boundary=False)
    outer = _simplified(shapely.difference(geoms, frame), max(world, 6 * detail), boundary=True)
    # Beyond the frame the world is drawn coarser and to 0.01° (about a kilometre): it is seen zoomed out.
    outer = shapely.difference(_rounded(outer, COORD_DIGITS - 1), frame)
    shapes = shapely.union(inner, outer)
    features = []
    for (iso2, name), shape in zip(countries[["iso2", "name"]].itertuples(index=False), shapes):
        if shape is None or shape.is_empty:
            continue
        shape = polygonal(shape)
        if shape.is_empty:
            continue
        shape = _without_far_islets(shape, frame, world)
        geometry = mapping(shape)
        # A country away from the frame is at a decimal fewer (as it was rounded): a third fewer characters.
        digits = COORD_DIGITS if shape.intersects(frame) else COORD_DIGITS - 1
        rings = _encoded_rings(geometry["type"], geometry["coordinates"], digits)
        features.append([iso2, country_name(iso2, name), rings] + ([digits] if digits != COORD_DIGITS else []))
    return features


def file_words(script: str | None = None) -> dict[str, str]:
    """The words the files' own scripts say (static/app/briefing.js and embed.js), in the language spoken; a file
    carries them in its data ("fileWords"; "words" are the map's own, leaflet.map_words, which map-file.js hands to
    the map's scripts). `script` (briefing.js, embed.js): only the words it says (`words.<key>`); the published map
    is size-budgeted."""
    words = {
        "toCard": _("This record in the list below ↓"),
        "grouped": _("Marks grouped, as on the dashboard's map: narrow the filters there to see them one by one."),
        "notListed": _("Not listed in full in this file: the dashboard's link above shows it."),
        "read": _("Read in the article ↗"),
        "publicRecords": _("Public records: context, not from the articles"),
        "onDashboard": _("This record on the dashboard ↗"),
        "groupedLive": _("Marks grouped, as on the dashboard's map: open the live view and narrow the filters to see "
                         "them one by one."),
        "fullscreen": _("Full screen (Esc leaves)"),
        "fullscreenLeave": _("Leave full screen"),
    }
    if script is None:
        return words
    said = set(re.findall(r"\bwords\.(\w+)", read_static(script)))
    return {key: value for key, value in words.items() if key in said}


def _for_file(mark: Mark, tolerance: float = 0.0) -> list:
    """A map mark as the file carries it: its popup is left to the page (the briefing's record cards, the
    published map's quotes), a grid cell's tooltip keeps its count (its first names would make the file grow
    with the records), and a line's points are one encoded polyline (lat, lon), simplified to within half of
    `tolerance` degrees (the basemap's detail; 0: as they are)."""
    tooltip = mark.tooltip
    if mark.shape == "circle" and tooltip:
        tooltip = tooltip.split("<br>", 1)[0] + "</b>" * ("</b>" not in tooltip.split("<br>", 1)[0]) + \
            "".join(m[0] for m in REF_DIV.finditer(tooltip))
    data = replace(mark, popup=None, tooltip=_file_hint(tooltip)).to_json()
    if mark.shape == "line":
        points = mark.points
        if tolerance > 0 and len(points) > 2:
            # To the countries' own detail (basemap): a border drawn over a country's edge follows it.
            points = shapely.LineString(points).simplify(tolerance / 2, preserve_topology=False).coords
        data[1] = encoded(points)
    return data


def _file_hint(tooltip: str | None) -> str | None:
    """A tooltip's pointer to the dashboard's evidence panel, as the file says it (it has none: a click shows
    the excerpts)."""
    if not tooltip:
        return tooltip
    tooltip = REF_DIV.sub(r'<i data-ref="\1"></i>', tooltip)
    # The map's words (marks.py) in the language spoken, and as written, should the map say its hint in English.
    return tooltip.replace(_(EVIDENCE_HINT), _(FILE_HINT)).replace(EVIDENCE_HINT, _(FILE_HINT))


def _file_map_words() -> dict:
    """The map's words its scripts in a file say (MAP_SCRIPTS' __mapWord/__mapCount keys): the file is
    size-budgeted, and the full screen, gestures and grouping controls are the dashboard's alone."""
    said = {key for name in MAP_SCRIPTS for key in re.findall(r'__map(?:Word|Count)\("(\w+)"', read_static(name))}
    said.add("digits")  # how its numbers are written (map-marks.js __mapNumber)
    return {key: value for key, value in map_words().items() if key in said}


def map_data(snapshot: Snapshot, countries, borders, detail: Detail = Detail()) -> dict:
    """What map-file.js draws: the frame, the basemap, the shading, the labels, each layer's marks (the map's
    own, popups left to the page), the records to highlight, the legend, the attribution; the file's language
    (`lang`) and its own scripts' words (`fileWords`). `detail`: how finely the countries are drawn (basemap)."""
    s = snapshot
    records = list(s.records)
    tolerance = detail.tolerance(s.extent)
    membership = (membership_payload(dict(s.status), s.org_short, s.corpus, s.as_of) if "members" in s.layers else {})
    membership = {code: {**row, "tooltip": _file_hint(row["tooltip"])} for code, row in membership.items()}
    layers = []
    for kind in s.layers:
        if kind == "members":
            continue
        marks = [_for_file(m, tolerance) for m in layer_marks(kind, records, s.corpus, borders)]
        layers.append({"kind": kind, "marks": marks})
    said = {name: country_name(iso2, name) for iso2, name in zip(countries["iso2"], countries["name"])
            if iso2 in COUNTRY_NAMES}
    labels = [(escape.html(said.get(name, name)), round(lat, 3), round(lon, 3))
              for name, lat, lon in label_points(countries, COUNTRY_NAMES)]
    highlight = [*([s.view.selected] if s.selected else []), *s.featured]
    # The frame to 1e-5° (about a metre): at the zooms a file opens on, a pixel is kilometres.
    extent = [[round(v, 5) for v in corner] for corner in s.extent.as_bounds()]
    return {"extent": extent, "land": LAND_STYLE, "countries": basemap(countries, s.extent, detail),
            "membership": membership, "labels": labels, "layers": layers, "highlight": highlight,
            "attribution": escape.html(_(MAP_CREDIT)), "fileWords": file_words(), "words": _file_map_words(),
            "lang": file_lang(),
            # The patterned statuses this file's shading uses: it defines their patterns only (style.pattern_defs).
            "patterned": [status for status, hatch in MEMBERSHIP_PATTERN.items()
                          if hatch and any(row["status"] == status for row in membership.values())]}




def csp(scripts: list[str]) -> str:
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode()}'"
                      for s in scripts)
    # Inline styles stay allowed: Leaflet and the marks set style attributes (they cannot run or load anything
    # while images are data: only and no connection is allowed).
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; base-uri 'none'; form-action 'none'")


def checked_inline(text: str, tag: str) -> str:
    if f"</{tag}" in text.lower():
        raise ValueError(f"inline {tag} text would end its element early")
    return text


def encoded(points, digits: int = COORD_DIGITS) -> str:
    """A ring's or a line's points ((x, y) or (lat, lon) pairs, in their order) as one encoded polyline at
    `digits` decimals; the file's script decodes it to the same pairs."""
    return polyline.encode([tuple(p) for p in points], digits)


def _encoded_rings(geometry_type: str, coordinates, digits: int) -> list:
    """A Polygon's rings or a MultiPolygon's polygons' rings, each ring an encoded polyline."""
    if geometry_type == "Polygon":
        return [encoded(ring, digits) for ring in coordinates]
    return [[encoded(ring, digits) for ring in polygon] for polygon in coordinates]


@functools.lru_cache(maxsize=1)
def polyline_script() -> str:
    """@mapbox/polyline's decoder as its npm tarball holds it, checked against its sha256; raises AssetError."""
    return read_checked(POLYLINE, "polyline.js").decode("utf-8")


def minified(code: str) -> str:
    """ES5 code minified by calmjs.parse: comments and spaces out, each function's local names shortened (the
    globals it reads and sets, window.__…, kept)."""
    return minify_print(es5(code), obfuscate=True, obfuscate_globals=False)


@functools.cache
def file_code(name: str) -> str:
    """One of our scripts (static/app/) as a file carries it, minified."""
    return minified(read_static(name))


@functools.lru_cache(maxsize=1)
def _polyline_code() -> str:
    """The polyline decoder as a file carries it: of @mapbox/polyline's module, its strict mode, its namespace and
    polyline.decode only (a file encodes nothing: encode, the GeoJSON helpers and the CommonJS export are left out,
    850 bytes), minified once per process (as file_code is). Raises AssetError if the module no longer has them."""
    tree = es5(polyline_script())
    kept = [node for node in tree.children() if _decoder_part(str(node))]
    if [str(node).split("=")[0].strip() for node in kept] != ["'use strict';", "var polyline", "polyline.decode"]:
        raise AssetError("@mapbox/polyline: no 'use strict', polyline namespace and polyline.decode at its top level")
    return minified("\n".join(str(node) for node in kept))


def _decoder_part(statement: str) -> bool:
    """Whether a top-level statement of @mapbox/polyline's module is one the decoder needs."""
    return statement.startswith(("'use strict'", "var polyline = {}", "polyline.decode = "))


@functools.lru_cache(maxsize=32)
def file_css(css: str) -> str:
    """A stylesheet as a file carries it: minified by rcssmin (once per process for each: the files' styles are
    the same for every build)."""
    return rcssmin.cssmin(css, keep_bang_comments=True)


def without_unused_properties(document: str) -> str:
    """`document` (a file's whole HTML) without the custom properties of its first ``:root,:host{…}`` rule (the
    palette's, style.css_properties) that nothing else in it names, in a stylesheet's ``var(--name)`` or a script's
    ``__mapColor("--name")``: a file carries the colours it uses."""
    rule = re.search(r":root,:host\{([^}]*)\}", document)
    if rule is None:
        return document

    def named_elsewhere(declaration: str) -> bool:
        name = declaration.split(":", 1)[0].strip()
        return len(re.findall(re.escape(name) + r"(?![\w-])", document)) > 1

    kept = ";".join(d for d in rule[1].split(";") if d.strip() and named_elsewhere(d))
    return document[:rule.start(1)] + kept + document[rule.end(1):]


def map_scripts(own: str) -> str:
    """The scripts that draw a file's map, as one script's text: the polyline decoder, the dashboard's map
    scripts and map-file.js, then the file's own (`own`, a file under static/app/), each minified."""
    code = [_polyline_code(), *(file_code(name) for name in (*MAP_SCRIPTS, own))]
    return checked_inline("\n".join(code), "script")


def map_styles(leaflet_css: str, own: str) -> str:
    """Leaflet's stylesheet, the map's (map.css, FILE_STYLES) and the file's own (`own`, under static/app/), as
    one style element's text, each minified."""
    css = [leaflet_css, map_css(), *(read_static(name) for name in (*FILE_STYLES, own))]
    return checked_inline("\n".join(file_css(text) for text in css), "style")


def carried_licences() -> list[tuple[Licence, str]]:
    """The code a file carries that is not ours, each with its licence's text as it ships with it (both
    licences ask for their text to go with the code): Leaflet, the polyline decoder. Raises AssetError."""
    return [(LEAFLET_TERMS, leaflet_assets()[2]),
            (POLYLINE_TERMS, read_checked(POLYLINE, POLYLINE.license[0]).decode("utf-8"))]


def licence_texts() -> str:
    """The licence texts of the code a file carries that is not ours (mapfile.carried_licences), each folded; as they
    ship, in English (so marked in a file of another language)."""
    marked = "" if file_lang() == "en" else ' lang="en"'
    return "".join('<details class="licence-text"><summary>'
                   + _("{part}: its licence, as it ships with it").format(part=escape.html(item.part))
                   + f"</summary><pre{marked}>{escape.html(text)}</pre></details>" for item, text in carried_licences())


def legend_template(group: str | None = None) -> str:
    """The map's legend (dashboard/map/legend.py: the dashboard's own, its swatches' patterns defined once by the
    page), as the template map-file.js reads it; `group`, the grouping shaded, named in its heading."""
    return f'<template id="map-legend">{legend_html(patterns=False, group=group)}</template>'
