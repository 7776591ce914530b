"""The map's legend, once: its rows (colours, symbols, words, order) as data, and the HTML the dashboard's map and
the briefing file show. The PNG (dashboard.downloads.image) draws the same rows with matplotlib.

    legend_entries() -> [Entry("status", "status:member", "member", "fill", ...), ...]   in the legend's order
    legend_html() -> '<svg class="patterns" ...><details><summary>Legend</summary>...</details>'

Every colour comes from the style tables (dashboard.map.style), every word from dashboard.labels. A row stands for
one thing the map may draw (`show`); the map's layout script (static/app/map-layout.js) and the PNG show only the
rows for what is drawn now. Pure: no folium, no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import escape
from dashboard.corpus.memberships import status_label
from dashboard.i18n import N_, gettext
from dashboard.labels import LEGEND_SECTIONS, LEGEND_TITLE, LEGEND_WORDS, SITE_STATUS_LABELS
from dashboard.map.style import (
    LAND_STYLE,
    LINE_STYLE,
    MEMBERSHIP_PATTERN,
    MEMBERSHIP_STYLE,
    PALETTE,
    SITE_STYLE,
    STOP_STYLE,
    pattern_defs,
)

# A legend line's width (CSS px): the map's own, but a border as a swatch reads at 4 px.
_LINE_WIDTH = {"line-out": 3, "line-back": 3, "line-call": 2, "line-border": 4}


@dataclass(frozen=True)
class Entry:
    """One row of the legend: its section, what it stands for, its words and how its swatch is drawn."""

    section: str  # LEGEND_SECTIONS' key, or "marks" (rows without a title)
    show: str  # what it stands for: "status:member", "stop:made", "line-back", "site:active", "grid", ...
    words: str
    swatch: str  # "fill" (a shaded country), "stop", "line", "site" (its symbol), "dot" (a round mark)
    color: str
    opacity: float = 1.0
    dash: str | None = None  # a Leaflet dashArray ("8 5", CSS px)
    pattern: str | None = None  # "fill": style.MEMBERSHIP_PATTERN's hatch
    width: float = 0  # "line": CSS px
    symbol: str = ""  # "stop": its badge ("1", "✕"); "site": its shape ("■")
    face: str | None = None  # "dot": its fill ("none": a ring; None: its colour)
    size: float = 11  # "dot": CSS px
    where: tuple[str, ...] = ("map", "image")  # the dashboard's map and the briefing ("map"), the PNG ("image")


def legend_entries() -> list[Entry]:
    """Every row the legend may show, in its order."""
    rows = [Entry("status", f"status:{status}", status_label(status), "fill", style["fillColor"],
                  style["fillOpacity"], style["dashArray"], MEMBERSHIP_PATTERN[status])
            for status, style in MEMBERSHIP_STYLE.items()]
    rows.append(Entry("status", "status:outside", LEGEND_WORDS["status:outside"], "fill", LAND_STYLE["fillColor"]))
    rows.append(Entry("status", "tooltip-flag", LEGEND_WORDS["tooltip-flag"], "note", "", where=("map",)))
    rows.append(Entry("tour", "stop:made", LEGEND_WORDS["stop:made"], "stop", STOP_STYLE["made"], symbol="1"))
    rows.append(Entry("tour", "stop:not_made", LEGEND_WORDS["stop:not_made"], "stop", STOP_STYLE["not_made"],
                      symbol="✕"))
    for kind in ("line-out", "line-back", "line-call"):
        style = LINE_STYLE[kind]
        rows.append(Entry("tour", kind, LEGEND_WORDS[kind], "line", style["color"], dash=style.get("dashArray"),
                          width=_LINE_WIDTH[kind]))
    rows += [Entry("site", f"site:{status}", SITE_STATUS_LABELS[status], "site", style["color"], symbol=style["shape"])
             for status, style in SITE_STYLE.items()]
    border = LINE_STYLE["line-border"]
    rows.append(Entry("border", "line-border", LEGEND_WORDS["line-border"], "line", border["color"],
                      width=_LINE_WIDTH["line-border"]))
    # Drawn on the map too, but said only in the PNG: the map's tooltips and the selected record's panel say them.
    rows.append(Entry("marks", "grid", LEGEND_WORDS["grid"], "dot", PALETTE["black"], face=PALETTE["vermillion"],
                      where=("image",)))
    rows.append(Entry("marks", "flag", LEGEND_WORDS["flag"], "dot", PALETTE["orange"], size=10, where=("image",)))
    rows.append(Entry("marks", "selected", LEGEND_WORDS["selected"], "dot", PALETTE["vermillion"], face="none",
                      size=14, where=("image",)))
    return rows


def _swatch_html(entry: Entry) -> str:
    """The row's swatch as the map draws the thing (hidden from screen readers: the words say it)."""
    hidden = 'aria-hidden="true" focusable="false"'
    if entry.swatch == "fill":
        # Filled as the map is (colour and pattern), within a dark outline (3:1 on the legend).
        fill = f"url(#pat-{entry.show.split(':')[1]})" if entry.pattern else entry.color
        opacity = 1 if entry.pattern else entry.opacity
        dash = ' stroke-dasharray="3 2"' if entry.dash else ""
        return (f'<svg class="sw" width="16" height="12" {hidden}><rect x="0.5" y="0.5" width="15" height="11" '
                f'fill="{fill}" fill-opacity="{opacity}" stroke="{PALETTE["black"]}"{dash}/></svg>')
    if entry.swatch == "stop":
        made = entry.show == "stop:made"
        return f'<span class="stop {"stop-made" if made else "stop-not-made"} mini">{entry.symbol}</span>'
    if entry.swatch == "line":
        dash = f' stroke-dasharray="{entry.dash}"' if entry.dash else ""
        return (f'<svg class="ln" width="22" height="8" {hidden}><line x1="0" y1="4" x2="22" y2="4" '
                f'stroke="{entry.color}" stroke-width="{entry.width}"{dash}/></svg>')
    if entry.swatch == "site":
        return f'<span class="sym" style="color:{entry.color}">{entry.symbol}</span>'
    return ""


# The memberships' heading in a downloaded file, which names the grouping shaded: a phone's frame hides the
# subtitle that says it, and the legend was left to say "Membership (shaded grouping)" of no grouping.
GROUP_SECTION = N_("{group} membership (shaded)")


def legend_html(patterns: bool = True, group: str | None = None) -> str:
    """The legend's HTML (the map's and the briefing's), its rows from legend_entries; after the fill patterns its
    swatches and the map's countries use (style.pattern_defs), unless the page holds them already (`patterns`
    False: the briefing file, whose page carries them once). `group`: the grouping shaded, named in the
    memberships' heading (a file's; the dashboard's map names it beside the map)."""
    rows, section = [], None
    for entry in legend_entries():
        if "map" not in entry.where:
            continue
        if entry.section != section:
            section = entry.section
            title = (gettext(GROUP_SECTION).format(group=group) if group and section == "status"
                     else LEGEND_SECTIONS[section])
            rows.append(f'<div class="lg-title" data-group="{section}">{escape.template(title)}</div>')
        if entry.swatch == "note":
            rows.append(f'<div class="lg-note">{escape.template(entry.words)}</div>')
            continue
        # data-show names what a row stands for; the map's layout script shows only the rows it draws now.
        rows.append(f'<div data-group="{section}" data-show="{entry.show}">{_swatch_html(entry)}'
                    f"{escape.template(entry.words)}</div>")
    return f'{pattern_defs() if patterns else ""}<details><summary>{gettext(LEGEND_TITLE)}</summary>{"".join(rows)}</details>'
