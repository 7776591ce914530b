"""The app's words for its kinds of record, its map layers, the statuses and the legend, and the layers'
orders: one table each (pure).

    KIND_LABELS["visit_stop"] == "Visit stops"      KIND_SINGULAR["visit_stop"] == "Visit stop"
    LAYER_LABELS["sites"] == "Military sites"       LAYER_TITLES["sites"] == "Russian military sites"
    STATUS_LABELS["frozen"] == "participation frozen"   LEGEND_WORDS["line-back"] == "flight back"
    tab_title("Charts") == "Charts · Putin's 2017 Central Asia tour — a sourced map"

Every page, the map, the charts and the downloads read their words here; a second language would add a
column here, not a table elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindLabel:
    """How a kind of record (corpus.model.KINDS) is named."""

    plural: str  # a facet's option, a heading over a list: "Visit stops"
    singular: str  # one record's kind, under its title: "Visit stop"


KIND_TABLE: dict[str, KindLabel] = {
    "visit_stop": KindLabel("Visit stops", "Visit stop"),
    "military_site": KindLabel("Military sites", "Military site"),
    "border": KindLabel("Borders", "Border"),
    "membership": KindLabel("Memberships", "Membership"),
    "organization": KindLabel("Organizations", "Organization"),
    "figure": KindLabel("Figures", "Figure"),
    "event": KindLabel("Events", "Event"),
    "disagreement": KindLabel("Disagreements", "Disagreement"),
}
KIND_LABELS = {kind: label.plural for kind, label in KIND_TABLE.items()}
KIND_SINGULAR = {kind: label.singular for kind, label in KIND_TABLE.items()}
# The order records are listed in by kind (the briefing's list and counts, the Compare page's rows): places
# first, then people and events, then groupings; disagreements are shown apart, beside what they concern.
LIST_ORDER = ("visit_stop", "military_site", "border", "figure", "event", "organization", "membership")

# A military site's status (corpus.model.MilitarySite.status) in words: the map's legend and the marks' names.
SITE_STATUS_LABELS = {"active": "active", "withdrawal_offered": "withdrawal offered", "proposed": "proposed",
                      "closed": "closed"}
# A country's status in a grouping (corpus.model.Status) in words: tooltips, the legend, the panel, the charts.
STATUS_LABELS = {"member": "member", "observer": "observer", "prospective": "prospective", "suspended": "suspended",
                 "former": "former", "associate": "associate", "dialogue_partner": "dialogue partner",
                 "partner": "partner", "frozen": "participation frozen"}


@dataclass(frozen=True)
class Layer:
    """One of the map's layers: its key (the `layers=` URL value), the kind of record its marks are drawn from,
    its words, and its place in the two orders other than the panel's."""

    key: str
    kind: str
    label: str  # the sidebar's, the feature table's and the downloads' word: "Military sites"
    title: str  # the map's own word, where the layer stands alone (legend, the story's notice)
    draw: int  # bottom (0) to top: shaded countries under lines under markers
    tab: int  # the keyboard's order: the stops in tour order, the sites, then the lines, then the countries


# In the panel's order (which is also the link's, and the default: every layer on).
LAYER_TABLE: tuple[Layer, ...] = (
    Layer("members", "membership", "Memberships", "Memberships", draw=0, tab=3),
    Layer("route", "visit_stop", "Visit route", "Visit route", draw=2, tab=0),
    Layer("sites", "military_site", "Military sites", "Russian military sites", draw=3, tab=1),
    Layer("border", "border", "Borders", "Borders", draw=1, tab=2),
)
LAYERS = tuple(layer.key for layer in LAYER_TABLE)
LAYER_LABELS = {layer.key: layer.label for layer in LAYER_TABLE}
LAYER_TITLES = {layer.key: layer.title for layer in LAYER_TABLE}
# The records that are marks on the map, and the layer that draws each kind.
LAYER_OF_KIND = {layer.kind: layer.key for layer in LAYER_TABLE}
DRAW_ORDER = tuple(layer.key for layer in sorted(LAYER_TABLE, key=lambda layer: layer.draw))
TAB_ORDER = tuple(layer.key for layer in sorted(LAYER_TABLE, key=lambda layer: layer.tab))

# The legend's words (dashboard.map.legend): its sections' titles, and a row's words by what it stands for (the
# statuses' and the sites' rows say STATUS_LABELS and SITE_STATUS_LABELS).
LEGEND_TITLE = "Legend"
LEGEND_SECTIONS = {"status": "Membership (shaded grouping)", "tour": "Tour", "site": LAYER_TITLES["sites"],
                   "border": "Border"}
LEGEND_WORDS = {
    "status:outside": "not in the grouping",
    "stop:made": "stop, in order",
    "stop:not_made": "announced, not made",
    "line-out": "flight out, day and km",
    "line-back": "flight back",
    "line-call": "phone call",
    "line-border": "border the articles discuss",
    "grid": "many marks: one circle per cell",
    "flag": "the sources disagree",
    "selected": "selected",
    "tooltip-flag": "⚠ in a tooltip: the sources disagree, or the status is unsettled",
}


# The browser tab's and the history's name for the app; each page's title goes before it (tab_title).
SITE_TITLE = "Putin's 2017 Central Asia tour — a sourced map"


def tab_title(page: str, step: int | None = None, steps: int | None = None) -> str:
    """What the browser's tab and history call a page: "Map · <site>", "Story, step 4 of 9 · <site>" (a story's
    step, when both `step` and `steps` are given), so that tabs, bookmarks and history tell pages apart."""
    where = f"{page}, step {step} of {steps}" if step is not None and steps is not None else page
    return f"{where} · {SITE_TITLE}"
