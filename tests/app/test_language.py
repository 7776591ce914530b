"""The language the dashboard speaks (issue 30): chosen by the link, the switch or the browser, kept in links."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.query import link as vs
from tests.app.test_app import address_bar


def _switch(at) -> dict:
    element = next(e for e in at.sidebar if getattr(e, "type", "") == "bidi_component"
                   and e.proto.component_name == "dashboard.language_switch")
    return json.loads(element.proto.json)


def test_a_link_with_lang_ru_opens_the_dashboard_in_russian_and_keeps_it_in_the_address_bar(app):
    app.query_params["lang"] = "ru"
    at = app.run()
    assert not at.exception
    assert [h.value for h in at.sidebar.header] == ["Фильтры"]
    switch = _switch(at)
    assert (switch["active"], switch["page"], switch["label"]) == ("ru", "ru", "Язык")
    # Each language named in itself (the buttons carry lang= in the browser: language-switch.js).
    assert switch["languages"] == [["en", "English"], ["ru", "Русский"]]
    assert address_bar(at, {"lang": "ru"})["lang"] == "ru"


@pytest.mark.parametrize("value", ["ru-RU", "ru_KZ", "RU-ru", " ru "])
def test_a_language_with_its_region_speaks_russian_everywhere_from_the_first_run(app, value):
    # A fresh reviewer: ?lang=ru-RU drew the navigation, the title and the sidebar in English, the rest in Russian.
    app.query_params["lang"] = value
    at = app.run()
    assert not at.exception
    assert [h.value for h in at.sidebar.header] == ["Фильтры"] and _switch(at)["active"] == "ru"
    assert "Карта" in [link.proto.label for link in at.get("page_link")]  # the phone bar's page links
    assert address_bar(at, {"lang": value})["lang"] == "ru"


def test_the_choice_survives_reruns_and_a_link_without_lang_stays_english(app):
    at = app.run()
    assert [h.value for h in at.sidebar.header] == ["Filters"] and "lang" not in address_bar(at, {})
    at.session_state[vs.P_LANG] = "ru"  # what the switch's callback sets
    at.run()
    assert [h.value for h in at.sidebar.header] == ["Фильтры"]
    assert address_bar(at, {})["lang"] == "ru"
    at.run()
    assert _switch(at)["active"] == "ru"


@pytest.mark.parametrize("value", ["de", "<b>ru</b>", "ru" * 300, "ru,en"])
def test_a_language_we_do_not_speak_is_ignored_with_a_notice_and_the_page_is_english(app, value):
    app.query_params["lang"] = value
    at = app.run()
    assert not at.exception
    assert [h.value for h in at.sidebar.header] == ["Filters"]
    notice = " ".join(w.value for w in at.warning)
    assert "Ignored lang=" in notice and "<b>" not in notice


def _switched(sent):
    def script(sent):
        import streamlit as st

        from dashboard.query import link as vs
        from dashboard.ui.language import LANGUAGE_SWITCH_KEY, _on_switch

        st.session_state[vs.P_LANG] = "en"
        st.session_state[LANGUAGE_SWITCH_KEY] = {"lang": sent}
        _on_switch()

    return AppTest.from_function(script, default_timeout=30, args=(sent,)).run()


@pytest.mark.parametrize("sent, lang", [
    ({"lang": "ru", "seq": "1"}, "ru"),
    ({"lang": "de", "seq": "1"}, "en"),  # forged: a language we lack
    ({"lang": ["ru"]}, "en"),
    ("ru", "en"),
    (None, "en"),
])
def test_the_switch_sets_only_a_language_we_speak(sent, lang):
    at = _switched(sent)
    assert not at.exception
    assert at.session_state[vs.P_LANG] == lang
