"""The one table of the app's words for kinds and layers (dashboard/labels.py)."""

import pytest

from dashboard.corpus.model import KINDS
from dashboard.labels import (
    DRAW_ORDER,
    KIND_LABELS,
    KIND_SINGULAR,
    LAYER_LABELS,
    LAYER_OF_KIND,
    LAYER_TITLES,
    LAYERS,
    LIST_ORDER,
    SITE_STATUS_LABELS,
    TAB_ORDER,
)
from dashboard.query import link as vs


def test_every_kind_has_both_words():
    assert list(KIND_LABELS) == list(KIND_SINGULAR) == list(KINDS)


@pytest.mark.parametrize(("kind", "plural", "singular"), [
    ("visit_stop", "Visit stops", "Visit stop"),  # the panel's option; the caption under a record's title
    ("military_site", "Military sites", "Military site"),
    ("disagreement", "Disagreements", "Disagreement"),
    ("membership", "Memberships", "Membership"),
])
def test_kind_words(kind, plural, singular):
    assert (KIND_LABELS[kind], KIND_SINGULAR[kind]) == (plural, singular)


def test_records_are_listed_places_first():
    # The briefing's list and the Compare page: places, then people and events, then groupings.
    assert LIST_ORDER == ("visit_stop", "military_site", "border", "figure", "event", "organization", "membership")
    assert set(LIST_ORDER) == set(KINDS) - {"disagreement"}


def test_layer_words_short_and_long():
    # The sidebar says "Military sites"; the legend and the story's notice say whose they are.
    assert LAYER_LABELS == {"members": "Memberships", "route": "Visit route", "sites": "Military sites",
                            "border": "Borders"}
    assert LAYER_TITLES == {"members": "Memberships", "route": "Visit route", "sites": "Russian military sites",
                            "border": "Borders"}


def test_layer_orders():
    assert LAYERS == vs.LAYERS == vs.DEFAULT_LAYERS == ("members", "route", "sites", "border")  # the panel, the link
    assert DRAW_ORDER == ("members", "border", "route", "sites")  # shading under lines under markers
    assert TAB_ORDER == ("route", "sites", "border", "members")  # the stops first, in tour order
    assert LAYER_OF_KIND == {"membership": "members", "visit_stop": "route", "military_site": "sites",
                             "border": "border"}



def test_every_site_status_has_its_words():
    from typing import get_args

    from dashboard.corpus.model import MilitarySite
    statuses = get_args(MilitarySite.model_fields["status"].annotation)
    assert set(SITE_STATUS_LABELS) == set(statuses)
    assert SITE_STATUS_LABELS["withdrawal_offered"] == "withdrawal offered"


def test_the_map_reads_its_words_here():
    # The map's style table, its legend and the PNG name the site statuses and the sites' layer from labels.py.
    from dashboard.map.legend import legend_html
    from dashboard.map.style import SITE_STYLE
    assert set(SITE_STYLE) == set(SITE_STATUS_LABELS)
    html = legend_html()
    assert all(SITE_STATUS_LABELS[status] in html for status in SITE_STYLE)
    assert f'data-group="site">{LAYER_TITLES["sites"]}</div>' in html


def test_the_legend_speaks_the_language_of_the_run_that_draws_it():
    # Tables built at import are read through i18n.Words: a Russian run gets Russian words, English after it.
    from dashboard import i18n
    from dashboard.map.legend import legend_html

    with i18n.override("ru"):
        html = legend_html()
    assert 'data-group="site">Российские военные объекты</div>' in html
    assert "<summary>Условные обозначения</summary>" in html and "предложен вывод" in html
    assert "<summary>Legend</summary>" in legend_html()


def test_every_status_has_its_words_and_none_is_a_code():
    # The table replaced `status.replace("_", " ")` with "frozen" apart: the words must stay what readers saw.
    from dashboard.corpus.model import Status
    from dashboard.labels import STATUS_LABELS

    assert set(STATUS_LABELS) == {s.value for s in Status}
    assert STATUS_LABELS["dialogue_partner"] == "dialogue partner"
    assert STATUS_LABELS["frozen"] == "participation frozen"
    assert all("_" not in words for words in STATUS_LABELS.values())


def test_each_page_has_its_own_name_in_the_tab_and_the_story_its_step():
    from dashboard.labels import SITE_TITLE, tab_title

    assert SITE_TITLE == "Putin's 2017 Central Asia tour — a sourced map"
    assert tab_title("Map") == "Map · Putin's 2017 Central Asia tour — a sourced map"
    assert tab_title("Story", 4, 9) == "Story, step 4 of 9 · Putin's 2017 Central Asia tour — a sourced map"
    assert tab_title("Story", 4) == "Story · Putin's 2017 Central Asia tour — a sourced map"   # no count: no step
