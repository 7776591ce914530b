"""The app's words for its kinds of record, its map layers, the statuses and the legend, and the layers'
orders: one table each (pure).

    KIND_LABELS["visit_stop"] == "Visit stops"      KIND_SINGULAR["visit_stop"] == "Visit stop"
    LAYER_LABELS["sites"] == "Military sites"       LAYER_TITLES["sites"] == "Russian military sites"
    STATUS_LABELS["frozen"] == "participation frozen"   LEGEND_WORDS["line-back"] == "flight back"
    tab_title("Charts") == "Charts · Putin's 2017 Central Asia tour — a sourced map"

Every page, the map, the charts and the downloads read their words here. The words are English, marked for the
catalog (N_), and each table is read through i18n.Words: a value is translated when it is read, in the language
of the run reading it (dashboard/i18n.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import N_, Words, gettext


@dataclass(frozen=True)
class KindLabel:
    """How a kind of record (corpus.model.KINDS) is named."""

    plural: str  # a facet's option, a heading over a list: "Visit stops"
    singular: str  # one record's kind, under its title: "Visit stop"


KIND_TABLE: dict[str, KindLabel] = {
    "visit_stop": KindLabel(N_("Visit stops"), N_("Visit stop")),
    "military_site": KindLabel(N_("Military sites"), N_("Military site")),
    "border": KindLabel(N_("Borders"), N_("Border")),
    "membership": KindLabel(N_("Memberships"), N_("Membership")),
    "organization": KindLabel(N_("Organizations"), N_("Organization")),
    "figure": KindLabel(N_("Figures"), N_("Figure")),
    "event": KindLabel(N_("Events"), N_("Event")),
    "disagreement": KindLabel(N_("Disagreements"), N_("Disagreement")),
}
KIND_LABELS = Words({kind: label.plural for kind, label in KIND_TABLE.items()})
KIND_SINGULAR = Words({kind: label.singular for kind, label in KIND_TABLE.items()})
# The order records are listed in by kind (the briefing's list and counts, the Compare page's rows): places
# first, then people and events, then groupings; disagreements are shown apart, beside what they concern.
LIST_ORDER = ("visit_stop", "military_site", "border", "figure", "event", "organization", "membership")

# The topics (corpus.model.TOPICS) as the dashboard names them: the filter panel's options, the charts' axes.
TOPIC_LABELS = Words({
    "security": N_("security"), "military": N_("military"), "economy": N_("economy"), "energy": N_("energy"),
    "migration": N_("migration"), "education": N_("education"), "diplomacy": N_("diplomacy"),
    "integration": N_("integration"), "terrorism": N_("terrorism"), "domestic-politics": N_("domestic politics"),
    "health": N_("health"), "science": N_("science"),
})


def topic_label(topic: str) -> str:
    """A topic in words, in the language spoken: 'domestic politics', 'внутренняя политика'; a topic the table
    lacks, as its code reads ('new-topic' -> 'new topic')."""
    return TOPIC_LABELS[topic] if topic in TOPIC_LABELS else topic.replace("-", " ")


# A military site's status (corpus.model.MilitarySite.status) in words: the map's legend and the marks' names.
SITE_STATUS_LABELS = Words({"active": N_("active"), "withdrawal_offered": N_("withdrawal offered"), "proposed": N_("proposed"),
                      "closed": N_("closed")})
# A country's status in a grouping (corpus.model.Status) in words: tooltips, the legend, the panel, the charts.
STATUS_LABELS = Words({"member": N_("member"), "observer": N_("observer"), "prospective": N_("prospective"), "suspended": N_("suspended"),
                 "former": N_("former"), "associate": N_("associate"), "dialogue_partner": N_("dialogue partner"),
                 "partner": N_("partner"), "frozen": N_("participation frozen")})


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
    Layer("members", "membership", N_("Memberships"), N_("Memberships"), draw=0, tab=3),
    Layer("route", "visit_stop", N_("Visit route"), N_("Visit route"), draw=2, tab=0),
    Layer("sites", "military_site", N_("Military sites"), N_("Russian military sites"), draw=3, tab=1),
    Layer("border", "border", N_("Borders"), N_("Borders"), draw=1, tab=2),
)
LAYERS = tuple(layer.key for layer in LAYER_TABLE)
LAYER_LABELS = Words({layer.key: layer.label for layer in LAYER_TABLE})
LAYER_TITLES = Words({layer.key: layer.title for layer in LAYER_TABLE})
# The records that are marks on the map, and the layer that draws each kind.
LAYER_OF_KIND = {layer.kind: layer.key for layer in LAYER_TABLE}
DRAW_ORDER = tuple(layer.key for layer in sorted(LAYER_TABLE, key=lambda layer: layer.draw))
TAB_ORDER = tuple(layer.key for layer in sorted(LAYER_TABLE, key=lambda layer: layer.tab))

# The legend's words (dashboard.map.legend): its sections' titles, and a row's words by what it stands for (the
# statuses' and the sites' rows say STATUS_LABELS and SITE_STATUS_LABELS).
LEGEND_TITLE = N_("Legend")
LEGEND_SECTIONS = Words({"status": N_("Membership (shaded grouping)"), "tour": N_("Tour"),
                         "site": LAYER_TITLES.english["sites"], "border": N_("Border")})
LEGEND_WORDS = Words({
    "status:outside": N_("not in the grouping"),
    "stop:made": N_("stop, in order"),
    "stop:not_made": N_("announced, not made"),
    "line-out": N_("flight out, day and km"),
    "line-back": N_("flight back"),
    "line-call": N_("phone call"),
    "line-border": N_("border the articles discuss"),
    "grid": N_("many marks: one circle per cell"),
    "flag": N_("the sources disagree"),
    "selected": N_("selected"),
    "tooltip-flag": N_("⚠ in a tooltip: the sources disagree, or the status is unsettled"),
})


# The browser tab's and the history's name for the app; each page's title goes before it (tab_title).
SITE_TITLE = N_("Putin's 2017 Central Asia tour — a sourced map")


def tab_title(page: str, step: int | None = None, steps: int | None = None) -> str:
    """What the browser's tab and history call a page: "Map · <site>", "Story, step 4 of 9 · <site>" (a story's
    step, when both `step` and `steps` are given), so that tabs, bookmarks and history tell pages apart."""
    if step is not None and steps is not None:
        page = gettext("{page}, step {step} of {steps}").format(page=page, step=step, steps=steps)
    return f"{page} · {gettext(SITE_TITLE)}"
