"""The whole app in-process (Streamlit AppTest): widgets by key, query params, no exceptions."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest

from dashboard import escape
from dashboard.query import link as vs
from dashboard.query.filter_panel import RANGE_KEY
from dashboard.ui.session import REFUSED_KEY, VIEW_KEY


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [w.value for w in at.warning] + [e.value for e in at.error] + [i.value for i in at.info]
    parts += [h.value for h in at.title] + [h.value for h in at.header] + [h.value for h in at.subheader]

    return "\n".join(str(p) for p in parts)


def panel(at) -> dict:
    """What the sidebar's filter panel is given to draw: {facet key: chosen values, date key: ISO dates}."""
    element = next(e for e in at.sidebar if getattr(e, "type", "") == "bidi_component"
                   and e.proto.component_name == "dashboard.filter_panel")
    data = json.loads(element.proto.json)
    shown = {f["key"]: f["chosen"] for f in data["facets"]}
    for field in data["dates"]:
        values = [end["value"] for end in field["ends"]]
        shown[field["key"]] = values[0] if len(values) == 1 else tuple(values)
    shown["counts"] = {f["key"]: {o["value"]: o["count"] for o in f["options"]} for f in data["facets"]}
    shown.update({control["key"]: control["value"] for control in data["map"].values()})
    return shown


def address_bar(at, opened_with: dict) -> dict:
    """The query string the panel writes (filter-panel.js syncUrl): the server's `want`, plus the map's view
    kept from the address bar (its first value) until the map reports one of its own."""
    element = next(e for e in at.sidebar if getattr(e, "type", "") == "bidi_component"
                   and e.proto.component_name == "dashboard.filter_panel")
    link = json.loads(element.proto.json)["link"]
    bar = dict(link["want"])
    for key in link["keep"]:
        given = opened_with.get(key)
        if given:
            bar[key] = given[0] if isinstance(given, list) else given
    return bar


def test_map_page_runs_without_exception(app):
    at = app.run()
    assert not at.exception
    assert "Putin's Central Asia tour" in texts(at)
    assert "Evidence" in texts(at)


def test_link_parameters_set_the_widgets(app):
    app.query_params.update({"org": "CSTO,EAEU", "country": "TJ,KG", "topic": "security",
                             "date": "2015-06-01", "layers": "route,sites", "shade": "EAEU", "sel": "site-kant"})
    at = app.run()
    assert not at.exception
    shown = panel(at)
    assert shown[vs.P_ORG] == ["org-csto", "org-eaeu"]
    assert shown[vs.P_COUNTRY] == ["TJ", "KG"]
    assert shown[vs.P_TOPIC] == ["security"]
    assert shown[vs.P_DATE] == "2015-06-01"
    assert panel(at)[vs.P_SHADE] == "org-eaeu"
    assert panel(at)[vs.P_LAYERS] == ["route", "sites"]
    assert escape.markdown("Kant air base (Kyrgyzstan)") in texts(at)  # the heading, as sent: escaped markdown
    assert not any("ignored" in w.value for w in at.warning)


# Each row: hostile or broken input, and a word the notice must contain. (issue 4)
HOSTILE = [
    ({"country": "<script>alert(1)</script>"}, "not a known value"),
    ({"org": "CSTO,NATO"}, "not a known value"),
    ({"date": "2017-02-30"}, "not a date"),
    ({"date": "yesterday"}, "not a date"),
    ({"from": "2018-01-01", "to": "2017-01-01"}, "'to' is before 'from'"),
    ({"country": "TJ" * 400}, "longer than"),
    ({"lat": "NaN", "lon": "70", "z": "5"}, "not a number"),
    ({"z": "99", "lat": "40", "lon": "70"}, "not a number between"),
    ({"sel": "javascript:alert(1)"}, "not a known value"),
    ({"excerpt": "site-kant.99"}, "no such excerpt"),
    ({"\"><img src=x onerror=alert(1)>": "1"}, "unknown parameter"),
    ({"tiles": "maybe"}, "use 0 or 1"),
    # Review of issue 11: a date after the reader's today; a grouping with nothing to shade.
    ({"date": "2099-12-31"}, "as today"),  # issue 24: read as the reader's today, and said
    ({"date": "1985-06-01"}, "outside 1991"),
    ({"shade": "BRI"}, "no members to shade countries by"),
]


@pytest.mark.parametrize(("params", "words"), HOSTILE)
def test_bad_link_parameters_leave_a_notice_and_no_exception(app, params, words):
    app.query_params.update(params)
    at = app.run()
    assert not at.exception
    notice = " ".join(w.value for w in at.warning)
    assert words in notice
    assert "<script>" not in notice and "<img" not in notice


def test_repeated_keys_use_the_first_and_say_so(app):
    app.query_params["date"] = ["2016-01-01", "2017-01-01"]
    at = app.run()
    assert not at.exception
    assert panel(at)[vs.P_DATE] == "2016-01-01"
    assert "given 2 times" in " ".join(w.value for w in at.warning)


@pytest.mark.parametrize(("key", "values", "kept", "words"), [
    # Issue 12, case 2: the notice said "used the first" while the map and the URL used the last.
    ("lat", ["40", "41"], "40", "lat was given 2 times; used the first"),
    ("z", ["5", "7"], "5", "z was given 2 times; used the first"),
    ("sel", ["site-kant", "site-aini"], "site-kant", "sel was given 2 times; used the first"),
    ("sel", ["site-kant,site-aini"], "site-kant", "sel takes one value; used the first of 2"),
    ("shade", ["SCO", "CIS"], "SCO", "shade was given 2 times; used the first"),
])
def test_a_repeated_parameter_does_what_its_notice_says(app, key, values, kept, words):
    opened_with = {"lat": "40", "lon": "70", "z": "5", key: values}
    app.query_params.update(opened_with)
    at = app.run()
    assert not at.exception
    assert words in " ".join(w.value for w in at.warning)
    assert address_bar(at, opened_with)[key] == kept
    view = at.session_state[VIEW_KEY]
    assert (view.view.lat, view.view.zoom) == (40.0, 5) if key in ("lat", "z") else True
    if key == "sel":
        assert view.selected == kept
    if key == "shade":
        assert view.shade == "org-sco"


def test_a_rerun_reads_the_map_view_as_the_first_run_did(app):
    opened_with = {"lat": ["40", "41"], "lon": "70", "z": "5"}
    app.query_params.update(opened_with)
    at = app.run()
    at.run()
    assert at.session_state[VIEW_KEY].view.lat == 40.0
    assert address_bar(at, opened_with)["lat"] == "40"


def test_good_parameters_survive_beside_bad_ones(app):
    app.query_params.update({"country": "TJ,XX", "topic": "security"})
    at = app.run()
    assert panel(at)[vs.P_COUNTRY] == ["TJ"]
    assert panel(at)[vs.P_TOPIC] == ["security"]


def test_selection_in_session_state_drives_the_evidence_panel(app):
    at = app.run()
    at.session_state[vs.P_SEL] = "border-tj-af"
    at.run()
    assert not at.exception
    shown = texts(at)
    assert "The Tajik–Afghan border" in shown
    assert "Sources disagree" in shown


def test_layer_toggles_are_kept_in_state(app):
    # What the panel's callback does with a click on the layer checkboxes (e2e clicks them).
    at = app.run()
    at.session_state[vs.P_LAYERS] = ["route"]
    at.run()
    assert not at.exception
    assert panel(at)[vs.P_LAYERS] == ["route"]
    assert at.session_state[VIEW_KEY].layers == ("route",)


def test_an_empty_result_says_so_and_offers_to_clear(app):
    app.query_params.update({"country": "MD", "kind": "military_site"})
    at = app.run()
    assert "No record matches these filters." in texts(at)
    labels = [b.label for b in at.button]
    assert any(label.startswith("Clear the") for label in labels)


def test_broken_corpus_shows_the_problem_list_not_a_traceback(app, monkeypatch, tmp_path):
    bad = tmp_path / "annotations.yaml"
    bad.write_text("version: 1\nrecords:\n  - id: x\n    kind: spaceship\n")
    monkeypatch.setenv("DASHBOARD_ANNOTATIONS", str(bad))
    at = app.run()
    assert not at.exception
    assert "cannot start" in at.error[0].value
    assert at.dataframe[0].value["problem"].str.contains("unknown kind").any()


def test_missing_geodata_shows_a_clear_message(app, monkeypatch, tmp_path):
    monkeypatch.setenv("DASHBOARD_GEODATA", str(tmp_path / "no-geodata"))
    at = app.run()
    assert not at.exception
    assert at.error, "expected an error message"
    assert at.dataframe[0].value["problem"].str.contains("borders.geojson").any()


@pytest.mark.parametrize("page", ["views/charts.py", "views/reader.py", "views/data.py", "views/about.py"])
def test_every_page_runs(app, page):
    at = app.run()
    at.switch_page(page).run()
    assert not at.exception


def _table_rows(at, caption: str) -> list[list[str]]:
    """The rows of the evidence table with this caption, as the reader sees its cells (HTML, words wrapped)."""
    import html as html_lib
    import re

    from dashboard.escape import html_block as html_text

    body = next(m.value for m in at.markdown if f"<caption>{html_text(caption)}" in m.value)
    table = body.split("<tbody>", 1)[1]
    return [[html_lib.unescape(c) for c in re.findall(r"<td>(.*?)</td>", tr)] for tr in table.split("<tr>")[1:]]


def test_a_selected_base_shows_its_computed_distance_to_afghanistan(app):
    app.query_params["sel"] = "site-kant"
    at = app.run()
    assert not at.exception
    rows = _table_rows(at, "Distance to the Afghan border")
    assert rows[0][0].endswith(" km") and rows[0][1] == "computed from our geodata" and "geodesic" in rows[0][2]


def test_a_selected_border_shows_computed_article_and_reference_lengths(app):
    app.query_params["sel"] = "border-tj-af"
    at = app.run()
    rows = _table_rows(at, "Length: computed, in the articles, in the record")
    assert {r[2] for r in rows} >= {"the article's words", "public reference"}
    assert "1,300 km" in {r[0] for r in rows} and "1,357 km" in {r[0] for r in rows}


def test_the_map_features_are_available_as_a_table(app):
    at = app.run()
    at.toggle(key="map_table").set_value(True).run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if "layer" in d.value.columns)
    assert {"Visit route", "Military sites", "Borders"} <= set(table["layer"])
    legs = table[table["feature"].str.startswith("Leg ")]
    assert len(legs) == 4 and legs["detail"].str.contains("geodesic").all()


def test_the_panel_counts_what_each_choice_would_leave(app):
    # Counts hold the other filters: once a topic is chosen, each country counts only that topic's records.
    at = app.run()
    before = panel(at)["counts"][vs.P_COUNTRY]
    at.session_state[vs.P_TOPIC] = ["security"]
    at.run()
    after = panel(at)["counts"][vs.P_COUNTRY]
    assert not at.exception
    assert after["TJ"] < before["TJ"] and all(after[c] <= before[c] for c in before)


@pytest.mark.parametrize("page", ["views/charts.py", "views/reader.py", "views/data.py", "views/about.py"])
def test_filters_survive_a_page_switch_and_back(app, page):
    # Filter values live in Session State (the panel sets them); every page draws its own panel from them.
    at = app.run()
    at.session_state[vs.P_COUNTRY] = ["TJ"]
    at.session_state[RANGE_KEY] = (dt.date(2016, 1, 1), dt.date(2017, 12, 31))
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    assert panel(at)[vs.P_COUNTRY] == ["TJ"]
    assert panel(at)[RANGE_KEY] == ("2016-01-01", "2017-12-31")
    at.switch_page("views/map.py").run()
    assert not at.exception
    assert panel(at)[vs.P_COUNTRY] == ["TJ"]
    assert panel(at)[RANGE_KEY] == ("2016-01-01", "2017-12-31")


def _map_script(at) -> str:
    def walk(node):
        if getattr(node, "type", None) == "component_instance":
            yield json.loads(node.proto.json_args)["script"]
        for child in (node.children.values() if isinstance(getattr(node, "children", None), dict) else []):
            yield from walk(child)
    return next(walk(at._tree))


@pytest.mark.parametrize(("tiles", "online"), [("0", False), ("1", True)])
def test_the_online_tile_layer_is_only_there_when_asked_for(app, tiles, online):
    # The map's constant part is built once per process for each setting (dashboard/ui/mapframe.py).
    app.query_params["tiles"] = tiles
    at = app.run()
    assert not at.exception
    assert ("tile.openstreetmap.org" in _map_script(at)) is online
    assert panel(at)[vs.P_TILES] is online


def test_the_about_page_says_when_the_record_was_checked_and_lists_the_corrections(app):
    at = app.run()
    at.switch_page("views/about.py").run()
    assert not at.exception
    [ok] = [s.value for s in at.success]
    from dashboard.corpus.dates import format_date
    from dashboard.corpus.reference import load_reference

    # The day in sources.yaml's `checked:` (5 Dec 2026 since issue 23), as the page shows it.
    assert f"last checked against their public sources on **{format_date(load_reference().checked)}**" in ok
    assert "**5 Dec 2026**" in ok

    assert f"({len(load_reference().rows)} rows," in ok and "country-days compared" in ok
    [log] = [e for e in at.expander if "Corrections to the record" in e.label]
    import html
    import re

    shown = " ".join(m.value for m in log.markdown)
    entries = html.unescape(re.sub(r"<[^>]+>", "", shown))  # as shown: the tags read, the references undone
    assert "Belarus had no status in the SCO." in entries and "m-csto-uz-2012" in entries
    # The log quotes a Russian source: its words carry their language (issue 28, WCAG 3.1.2).
    assert '<span lang="ru">с 2022 года игнорирует' in shown


def test_the_about_page_says_so_when_another_corpus_is_loaded(app, monkeypatch, tmp_path):
    import shutil
    from pathlib import Path

    copy = tmp_path / "annotations.yaml"
    shutil.copy(Path(__file__).resolve().parents[2] / "annotations.yaml", copy)
    monkeypatch.setenv("DASHBOARD_ANNOTATIONS", str(copy))
    at = app.run()
    at.switch_page("views/about.py").run()
    assert not at.exception
    assert not at.success
    assert any("not compared" in c.value for c in at.caption)


def test_a_change_made_on_the_page_that_was_not_applied_is_not_called_a_link_parameter(app):
    # Issue 24, case 5's kind: a refused sidebar change was listed under "Some link parameters were ignored".
    at = app.run()
    at.session_state[REFUSED_KEY] = ["A filter change was ignored: Country: unknown 'XX'"]
    at.run()
    said = [w.value for w in at.warning]
    assert any(w.startswith("A change was not applied:") and "unknown 'XX'" in w for w in said), said
    assert not any("link parameters" in w for w in said), said


def test_the_evidence_panel_marks_a_public_records_russian_words(app):
    # Issue 28 (WCAG 3.1.2): the Almaty stop rests on a Kremlin report in Russian; its title and quote say so.
    from tests.unit.lang import russian_words

    app.query_params.update({"sel": "stop-almaty"})
    at = app.run()
    assert not at.exception
    shown = "".join(m.value for m in at.markdown)
    marked, unmarked = russian_words(shown)
    assert unmarked == [] and "Президенты" in marked and "воскресенье" in marked


@pytest.mark.parametrize(("params", "said"), [
    ({}, "Countries shaded by <b>CSTO</b> membership on"),
    # A fresh reviewer (issue 28): with filters that leave none of its memberships, nothing is shaded, and the
    # caption said that countries were.
    ({"kind": "visit_stop"}, "No country shaded: the filters leave no <b>CSTO</b> membership on"),
    ({"layers": "route,sites"}, "Countries not shaded: the memberships layer is off."),
])
def test_the_maps_caption_says_what_is_shaded(app, params, said):
    app.query_params.update(params)
    at = app.run()
    assert not at.exception
    caption = next(m.value for m in at.markdown if 'class="map-caption"' in str(m.value))
    assert said in caption, caption


def test_the_russian_caption_of_an_unshaded_map_ends_its_sentence_once(app):
    # A Russian date ends with "г.": the caption put it before its full stop ("27 февраля 2017 г..").
    app.query_params.update({"kind": "visit_stop", "lang": "ru"})
    at = app.run()
    caption = next(m.value for m in at.markdown if 'class="map-caption"' in str(m.value))
    text = re.sub(r"<[^>]+>", "", html.unescape(caption))  # as read: the day's full stop is escaped (&#46;)
    assert text.startswith("Ни одна страна не закрашена") and ".." not in text, text
