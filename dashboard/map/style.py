"""How the map looks, in one place: the palette, each status's and mark's style, the basemap's colours, the
layers' names and order, and the first view. The map (dashboard.map.leaflet, static/app/), the briefing file, the
PNG (dashboard.downloads.image), the story's small maps (dashboard.story.minimap) and the charts all read these
tables; none restates a colour. Pure: no folium, no Streamlit.

Colours are CSS hex strings; widths and dashes are Leaflet path options in CSS pixels.
"""

from __future__ import annotations

from collections.abc import Collection

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = {
    "blue": "#0072B2",
    "sky": "#56B4E9",
    "green": "#009E73",
    "orange": "#E69F00",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#777777",
    # Two more from Paul Tol's muted scheme, for statuses the eight above cannot all tell apart.
    "teal": "#44AA99",
    "rose": "#CC6677",
    "black": "#222",  # short: it is written into every grouped mark of a large briefing file
}
MEMBERSHIP_STYLE = {
    "member": {"fillColor": PALETTE["blue"], "fillOpacity": 0.55, "dashArray": None},
    "associate": {"fillColor": PALETTE["purple"], "fillOpacity": 0.45, "dashArray": None},
    "observer": {"fillColor": PALETTE["sky"], "fillOpacity": 0.45, "dashArray": "6 4"},
    "dialogue_partner": {"fillColor": PALETTE["yellow"], "fillOpacity": 0.45, "dashArray": "3 3"},
    "partner": {"fillColor": PALETTE["teal"], "fillOpacity": 0.45, "dashArray": "8 2"},
    "prospective": {"fillColor": PALETTE["green"], "fillOpacity": 0.40, "dashArray": "2 4"},
    "suspended": {"fillColor": PALETTE["orange"], "fillOpacity": 0.45, "dashArray": "8 3 2 3"},
    "frozen": {"fillColor": PALETTE["rose"], "fillOpacity": 0.45, "dashArray": "2 2"},
    "former": {"fillColor": PALETTE["grey"], "fillOpacity": 0.30, "dashArray": "1 5"},
}
# A fill pattern per status besides membership itself, so that statuses differ in more than colour
# (WCAG 1.4.1): on the map and in the legend alike (pattern_defs).
MEMBERSHIP_PATTERN = {
    "member": None,
    "associate": "vertical",
    "observer": "dots",
    "dialogue_partner": "horizontal",
    "partner": "grid",
    "prospective": "rising",
    "suspended": "falling",
    "frozen": "cross",
    "former": "rings",
}
# The same patterns as plotly draws them (the charts' membership timeline); plotly has no rings: larger,
# fainter dots instead.
PLOTLY_PATTERN = {
    "vertical": {"shape": "|"}, "horizontal": {"shape": "-"}, "grid": {"shape": "+"}, "rising": {"shape": "/"},
    "falling": {"shape": "\\"}, "cross": {"shape": "x"}, "dots": {"shape": "."},
    "rings": {"shape": ".", "size": 12, "solidity": 0.15},
}
_HATCH = {
    "vertical": '<path d="M4 0V8" stroke-width="1.6"/>',
    "horizontal": '<path d="M0 4H8" stroke-width="1.6"/>',
    "grid": '<path d="M4 0V8M0 4H8" stroke-width="1.1"/>',
    "rising": '<path d="M-2 2L2 -2M0 8L8 0M6 10L10 6" stroke-width="1.4"/>',
    "falling": '<path d="M-2 6L2 10M0 0L8 8M6 -2L10 2" stroke-width="1.4"/>',
    "cross": '<path d="M0 0L8 8M8 0L0 8" stroke-width="1.1"/>',
    "dots": '<circle cx="4" cy="4" r="1.4" stroke="none" fill="#222" fill-opacity="0.7"/>',  # PALETTE's black
    "rings": '<circle cx="4" cy="4" r="2" stroke-width="1" fill="none"/>',
}


def pattern_defs(statuses: Collection[str] | None = None) -> str:
    """An SVG holding one <pattern id="pat-STATUS"> per patterned status (of `statuses` only, if given: a file's,
    whose bytes are counted): the status colour at its opacity, hatched in dark grey. Map paths and legend swatches
    fill with url(#pat-STATUS)."""
    out = []
    for status, hatch in MEMBERSHIP_PATTERN.items():
        if hatch is None or (statuses is not None and status not in statuses):
            continue
        style = MEMBERSHIP_STYLE[status]
        out.append(f'<pattern id="pat-{status}" width="8" height="8" patternUnits="userSpaceOnUse">'
                   f'<rect width="8" height="8" fill="{style["fillColor"]}" fill-opacity="{style["fillOpacity"]}"/>'
                   f'<g stroke="{PALETTE["black"]}" stroke-opacity="0.7">{_HATCH[hatch]}</g></pattern>')
    return ('<svg class="patterns" aria-hidden="true" focusable="false" width="0" height="0" '
            f'style="position:absolute"><defs>{"".join(out)}</defs></svg>')


SITE_STYLE = {
    "active": {"color": PALETTE["vermillion"], "shape": "■"},
    "withdrawal_offered": {"color": PALETTE["orange"], "shape": "◆"},
    "proposed": {"color": PALETTE["purple"], "shape": "▲"},
    "closed": {"color": PALETTE["grey"], "shape": "✕"},
}
STOP_STYLE = {
    "made": PALETTE["black"],
    # Darker than the palette's grey: its ✕ is text on white (6.4:1), as the map's badge always drew it.
    "not_made": "#5f5f5f",
    "phone_call": PALETTE["green"],
    "origin": PALETTE["black"],
}
BORDER_COLOR = PALETTE["vermillion"]
ROUTE_COLOR = PALETTE["black"]
# The map's lines as Leaflet path options. Each line's `className` (set on its SVG path) names what it is for
# the legend (dashboard.map.legend): the map's layout script and the PNG show a legend row while a line of that
# class is drawn, whatever its colour.
LINE_STYLE = {
    "line-out": {"color": ROUTE_COLOR, "weight": 3, "opacity": 0.85},
    "line-back": {"color": ROUTE_COLOR, "weight": 3, "opacity": 0.85, "dashArray": "8 5"},
    "line-call": {"color": STOP_STYLE["phone_call"], "weight": 2, "dashArray": "2 6"},
    "line-border": {"color": BORDER_COLOR, "weight": 5, "opacity": 0.95},
}
# A border the articles mention in passing (emphasis other than primary): thinner, fainter, dashed.
BORDER_MINOR = {"color": BORDER_COLOR, "weight": 3, "opacity": 0.6, "dashArray": "6 5"}
# The basemap: the sea (the map's background), a country outside the shaded grouping, and the outline a
# shaded country gets (its fill is MEMBERSHIP_STYLE's, over the sea). The map, the briefing file and the
# PNG all draw with these.
SEA_COLOR = "#cfe3ef"
LAND_STYLE = {"color": "#ffffff", "weight": 1, "fillColor": "#e8e4da", "fillOpacity": 1, "dashArray": None}
MEMBERSHIP_EDGE = {"color": "#444", "weight": 1}
# A primary border is drawn over a white halo, so that it stands out on any shading.
BORDER_HALO = {"color": "#ffffff", "weight": 9, "opacity": 0.9}

# The inks of words and thin lines that the pages (as --ink-*), the PNG and the story's small maps share: the
# text, what is said under it, a link, a country's name on the map, a leader line, the map's frame.
INK = {"text": "#1f2328", "muted": "#57606a", "link": "#0a58a5", "label": "#4a4a4a", "leader": "#333333",
       "frame": "#999999"}
# A record's line or country while it is selected (static/app/map-marks.js), and a story step's country
# (map-story.js, map.css), outlined in near-black over any fill.
SELECTED_OUTLINE = "#000000"
STORY_OUTLINE = "#111111"


def css_properties() -> str:
    """The palette and the map's other colours as CSS custom properties (--pal-blue, --map-sea, ...): every style
    sheet the app serves starts with them (dashboard.frontend.read_style), so that the CSS and the scripts under
    static/app/ name a colour here, never its hex (tests/unit/test_style.py checks)."""
    props = {f"--pal-{name}": value for name, value in PALETTE.items()} | {
        "--map-sea": SEA_COLOR, "--map-land": LAND_STYLE["fillColor"], "--map-selected": SELECTED_OUTLINE, "--map-not-made": STOP_STYLE["not_made"],
        "--map-story": STORY_OUTLINE} | {f"--ink-{name}": value for name, value in INK.items()}
    return ":root, :host { " + " ".join(f"{name}: {value};" for name, value in props.items()) + " }\n"


# The map's first view: Moscow to the Tajik–Afghan border while it loads; then it frames the story, the three
# stops and the Tajik-Afghan border (TOUR_BOUNDS, [[south, west], [north, east]]). Moscow, off to the
# north-west, is shown by an edge mark (static/app/map-layout.js).
DEFAULT_CENTER = (47.0, 57.5)
DEFAULT_ZOOM = 4
TOUR_BOUNDS = [[36.4, 66.6], [44.0, 78.4]]

