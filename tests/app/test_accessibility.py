"""The keyboard's and the screen reader's ways, in-process (issue 13): the list of the map's marks and each
chart's list select a record as a click does; the live region's sentence follows the filters; the map's
description is on the page."""

from __future__ import annotations

import json
import re
from html import unescape

from dashboard.query import link as vs
from dashboard.ui.session import VIEW_KEY


def _panel_data(at) -> dict:
    element = next(e for e in at.sidebar if getattr(e, "type", "") == "bidi_component"
                   and e.proto.component_name == "dashboard.filter_panel")
    return json.loads(element.proto.json)


def test_the_map_lists_its_marks_in_tour_order_and_selects_the_chosen_one(app):
    at = app.run()
    picker = at.selectbox(key="mark_pick")
    options = picker.options
    assert options[:4] == ["Moscow: start and end of the tour",
                           "Stop 1: Almaty, 27 Feb 2017, talks with Nursultan Nazarbayev",
                           "Stop 2: Dushanbe, 27 Feb 2017, talks with Emomali Rahmon (sources disagree: Talks in "
                           "Dushanbe: 27 or 28 February?)",
                           "Stop 3: Bishkek, 28 Feb 2017, talks with Almazbek Atambayev"]
    assert options.index("Kyrgyzstan in the CSTO: member since 15 May 1992") > options.index(
        next(o for o in options if o.startswith("The Tajik–Afghan border")))
    # As the map's Tab order goes: the borders (named with their computed length, as their lines are) before the
    # phone call, which the map draws as a line after them; one entry per line.
    border = next(o for o in options if o.startswith("The Tajik–Afghan border"))
    assert re.search(r", [\d,]+ km \(computed, geodesic\)", border), border
    call = next(i for i, o in enumerate(options) if o.startswith("Phone call"))
    assert call > options.index(border) and not options[call + 1].startswith(("Stop", "The ", "Kant", "201st"))
    assert len([o for o in options if o.startswith("The Tajik–Afghan border")]) == 1

    picker.select("m-csto-kg-1992").run()  # the value; the list shows its name
    assert at.session_state[vs.P_SEL] == "m-csto-kg-1992"
    assert at.session_state[VIEW_KEY].selected == "m-csto-kg-1992"
    assert at.selectbox(key="mark_pick").value is None  # emptied for the next choice
    assert "Kyrgyzstan in the CSTO\\: member" in [h.value for h in [*at.subheader, *at.header]]  # as md() escapes it


def test_the_marks_list_follows_the_layers(app):
    app.query_params["layers"] = "sites"
    at = app.run()
    assert all("Russian military site" in o for o in at.selectbox(key="mark_pick").options)


def test_a_chart_record_is_selected_from_its_list(app):
    at = app.run()
    at.switch_page("views/charts.py").run()
    assert not at.exception
    tour = at.selectbox(key="pick-tour")
    assert "Stop 3: Bishkek, 28 Feb 2017, talks with Almazbek Atambayev" in tour.options
    tour.select("stop-bishkek").run()
    assert at.session_state[vs.P_SEL] == "stop-bishkek"
    shown = [m.value for m in at.markdown]
    # The phone call from the Dushanbe talks is dated (27 Feb 2017, issue 23) and so is in the tour too.
    assert any(v.startswith("**In words:** Almaty on 27 Feb, Dushanbe on 27 Feb, Bishkek on 28 Feb, Ashgabat on 27 Feb&#46;")
               for v in shown)
    # Heatmaps count records: no list to select from.
    assert not [s for s in at.selectbox if s.key in ("pick-topics", "pick-coverage")]


def test_the_live_region_sentence_follows_the_filters(app):
    app.query_params["org"] = "CSTO"
    at = app.run()
    said = _panel_data(at)["announce"]
    assert said.startswith("Filters: CSTO · ") and said.endswith(" on the map")
    at.switch_page("views/data.py").run()
    said = _panel_data(at)["announce"]
    assert said.startswith("Filters: CSTO · ") and "on the map" not in said


def test_the_map_is_described_in_words_on_the_page(app):
    at = app.run()
    html = " ".join(m.value for m in at.markdown if 'id="map-description"' in m.value)
    assert "The route: Moscow → Almaty (27 Feb 2017) → Dushanbe (27 Feb 2017)" in unescape(html)
    # Hidden by its own style too: page.css, whose .sr-only says the same, may come after it, and the words were
    # drawn for a moment above the map, moving it down 171 px (issue 27, CI's layout-shift test).
    from dashboard.map.describe import SR_ONLY

    assert f'<p id="map-description" class="sr-only" style="{SR_ONLY}">' in html
    assert "position:absolute" in SR_ONLY and "clip:rect(0,0,0,0)" in SR_ONLY and "height:1px" in SR_ONLY
