"""The map's legend as HTML: a row per status, stop, site and line, drawn from the style tables
(dashboard.map.style). The dashboard's map and the briefing file show it; the map's layout script
(static/app/map-layout.js) shows only the rows for what the map draws now. Pure: no folium, no Streamlit.
"""

from __future__ import annotations

from dashboard import escape
from dashboard.corpus.memberships import status_label
from dashboard.labels import LAYER_TITLES
from dashboard.map.style import (
    BORDER_COLOR,
    MEMBERSHIP_PATTERN,
    MEMBERSHIP_STYLE,
    SITE_STYLE,
    STOP_STYLE,
    pattern_defs,
)


def legend_html() -> str:
    """The legend's HTML, from the same style tables the layers use."""
    # data-show names what a row stands for; the map's layout script shows only the rows it draws now.
    rows = ['<div class="lg-title" data-group="status">Membership (shaded grouping)</div>']
    for status, style in MEMBERSHIP_STYLE.items():
        # The swatch is filled as the map is (colour and pattern), within a dark outline (3:1 on the legend).
        fill = f"url(#pat-{status})" if MEMBERSHIP_PATTERN[status] else style["fillColor"]
        opacity = 1 if MEMBERSHIP_PATTERN[status] else style["fillOpacity"]
        dash = ' stroke-dasharray="3 2"' if style["dashArray"] else ""
        rows.append(f'<div data-group="status" data-show="status:{status}"><svg class="sw" width="16" height="12" '
                    f'aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="15" height="11" fill="{fill}" '
                    f'fill-opacity="{opacity}" stroke="#222"{dash}/></svg>{escape.template(status_label(status))}</div>')
    rows.append('<div class="lg-note">⚠ in a tooltip: the sources disagree, or the status is unsettled</div>')
    rows.append('<div class="lg-title" data-group="tour">Tour</div>')
    rows.append('<div data-group="tour" data-show="stop:made"><span class="stop stop-made mini">1</span>stop, in order</div>')
    rows.append('<div data-group="tour" data-show="stop:not_made"><span class="stop stop-not-made mini">✕</span>'
                'announced, not made</div>')
    rows.append('<div data-group="tour" data-show="leg"><span class="ln" style="border-top:3px solid #222"></span>'
                'flight out, day and km</div>')
    rows.append('<div data-group="tour" data-show="leg"><span class="ln" style="border-top:3px dashed #222"></span>'
                'flight back</div>')
    rows.append(f'<div data-group="tour" data-show="call"><span class="ln" style="border-top:2px dotted '
                f'{STOP_STYLE["phone_call"]}"></span>phone call</div>')
    rows.append(f'<div class="lg-title" data-group="site">{LAYER_TITLES["sites"]}</div>')
    for status, style in SITE_STYLE.items():
        rows.append(f'<div data-group="site" data-show="site:{status}"><span class="sym" style="color:{style["color"]}">'
                    f'{style["shape"]}</span>{escape.template(style["label"])}</div>')
    rows.append(f'<div class="lg-title" data-group="border">Border</div><div data-group="border" data-show="border">'
                f'<span class="ln" style="border-top:4px solid {BORDER_COLOR}"></span>border the articles discuss</div>')
    return pattern_defs() + '<details><summary>Legend</summary>' + "".join(rows) + "</details>"
