"""The share box and the downloads on a Russian page (issue 30): their words in Russian, a shared link that opens in
Russian, and a file made in the language of the page that asked for it."""

from __future__ import annotations

import base64
import json

from streamlit.testing.v1 import AppTest

from tests.app.test_downloads import downloads
from tests.unit.test_frontend import config_of as config


def test_on_a_russian_page_the_share_box_speaks_russian_and_its_link_carries_the_language(app):
    app.query_params["lang"] = "ru"
    at = app.run()
    assert not at.exception
    [box] = at.get("iframe")
    settings = config(box.proto.srcdoc, "share-box")
    assert settings["lang"] == "ru"  # share-box.js sets lang=ru on the link and the embed code it gives
    assert settings["words"]["copy"] == "Копировать ссылку" and settings["words"]["citation"] == "Ссылка для цитирования"
    assert settings["words"]["cite"] == "Дашборд о поездке по Центральной Азии, вид от {day} (корпус {version}). {link}"
    # The popover's button, and the caption under it.
    [popover] = [p.proto.popover for p in at.get("popover") if "share" in p.proto.popover.icon]
    assert popover.label == "Поделиться видом" and popover.help.startswith("Ссылка на этот вид и ссылка для")
    captions = [c.value for c in at.caption]
    assert "Или возьмите вид с собой — для читателей без дашборда:" in captions
    _, data = downloads(at)
    assert data["lang"] == "ru" and data["words"]["kinds"]["html"]["label"] == "Скачать справку (HTML)"


def _click(kind: str, lang: str):
    """The callback a click on the buttons runs, in a session that chose `lang` (its script says nothing of it: a
    callback runs before the page's script sets the run's language)."""

    def script(kind, lang):
        import streamlit as st

        from dashboard.query import link as vs
        from dashboard.ui.downloads import _on_download
        from dashboard.ui.session import SEEDED_KEY

        st.session_state[SEEDED_KEY] = True
        st.session_state[vs.P_LANG] = lang
        st.session_state[vs.P_SEL] = "stop-dushanbe"
        st.session_state["downloads"] = {"ask": {"kind": kind, "n": 3, "search": "?sel=stop-dushanbe",
                                                 "frame": {"bounds": [[37.9, 67.6], [39.3, 70.0]], "size": [700, 600]}}}
        _on_download("downloads", None)

    return AppTest.from_function(script, default_timeout=60, args=(kind, lang))


def test_a_click_on_a_russian_page_makes_a_russian_briefing():
    at = _click("html", "ru").run()
    assert not at.exception
    html = base64.b64decode(at.session_state["_downloads_ready"]["data"]).decode("utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="ru">')
    assert "Справка · Дашборд о поездке по Центральной Азии" in html and "Выбрано: " in html
    data = json.loads(html.split('<script type="application/json" id="briefing-data">')[1].split("</script>")[0])
    assert data["fileWords"]["toCard"] == "Эта запись в списке ниже ↓" and data["lang"] == "ru"


def test_a_click_on_an_english_page_makes_an_english_published_map():
    at = _click("embed", "en").run()
    assert not at.exception
    html = base64.b64decode(at.session_state["_downloads_ready"]["data"]).decode("utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">') and "This map needs JavaScript." in html


def test_a_forged_request_on_a_russian_page_is_refused_in_russian():
    at = _click("exe", "ru").run()
    assert not at.exception
    assert at.session_state["_refused"] == ["Скачивание отклонено: неизвестный тип скачивания 'exe'"]
