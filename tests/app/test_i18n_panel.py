"""The map page in Russian (issue 30), in-process (AppTest): its title, caption, evidence, buttons, toggle and mark
picker, the filter panel's data, the notices (said again in the language the page is shown in), the empty view;
the quotes verbatim in English and marked lang="en"."""

from __future__ import annotations

import json
import re

from dashboard.query import link as vs
from dashboard.ui.session import REFUSED_KEY
from tests.app.test_app import texts

NBSP = "\u202f"


def _data(elements, name: str) -> dict:
    """What one of our light components (dashboard.<name>) is given to draw."""
    element = next(e for e in elements if getattr(e, "type", "") == "bidi_component"
                   and e.proto.component_name == f"dashboard.{name}")
    return json.loads(element.proto.json)


def test_the_map_page_speaks_russian(app):
    app.query_params["lang"] = "ru"
    at = app.run()
    assert not at.exception
    shown = texts(at)
    assert [t.value for t in at.title] == ["Поездка Путина по Центральной Азии, 27–28 февраля 2017 г."]
    assert f"На <b>27 февраля 2017{NBSP}г&#46;</b> страны закрашены по членству в <b>ОДКБ</b>. " in shown
    assert "Свидетельства" in [s.value for s in at.subheader]
    assert any(c.value.startswith("Нажмите на остановку, базу, границу или закрашенную страну") for c in at.caption)
    assert [t.label for t in at.toggle] == ["Показать содержимое карты таблицей"]
    picker = at.selectbox(key="mark_pick")
    assert (picker.label, picker.placeholder) == ("Выберите отметку на карте", "Остановка, объект, граница или страна…")
    data = _data(at.sidebar, "filter_panel")
    assert data["lang"] == "ru" and data["words"]["clear"] == "Сбросить все фильтры"
    assert [f["label"] for f in data["facets"]][:2] == ["Организация", "Страна"]
    excerpts = _data(at.main, "excerpt_list")
    assert excerpts["lang"] == "ru" and excerpts["words"]["read"] == "Читать в статье ↗"
    assert all(card["langs"].get("quote") == "en" for card in excerpts["cards"])


def test_a_selected_records_evidence_is_russian_and_its_quotes_english_and_marked(app):
    app.query_params.update({"lang": "ru", "sel": "stop-dushanbe"})
    at = app.run()
    assert not at.exception
    markdown = [m.value for m in at.markdown]
    shown = "\n".join(markdown)
    assert "- **дата**: 27 февраля 2017" in shown and "- **город**: Душанбе" in shown
    assert "Источники расходятся: <span lang=\"en\">Talks in Dushanbe" in shown
    assert [b.label for b in at.button if b.label == "Снять выбор"] == ["Снять выбор"]
    from dashboard.ui import cached

    record = cached.get_corpus().by_id["stop-dushanbe"]
    cards = [m for m in markdown if m.startswith("> ")]
    assert len(cards) == len(record.excerpts)
    for card, excerpt in zip(cards, record.excerpts, strict=True):
        # The quote verbatim (escaped for markdown), inside one element marked English.
        assert card.startswith('> <span lang="en">') and "[Читать в статье ↗](reader?" in card
        words = re.findall(r"[A-Za-z]{3,}", excerpt.quote)
        quoted = card.split("\n", 1)[0]
        assert all(w in quoted for w in words)


def test_a_notice_made_in_english_is_said_again_in_russian_after_the_switch(app):
    app.query_params["lang"] = "de"
    at = app.run()
    assert any("Ignored lang='de'" in w.value for w in at.warning)
    at.session_state[vs.P_LANG] = "ru"  # what the language switch's callback sets
    at.session_state[REFUSED_KEY] = [vs.Notice("A filter change was ignored: {reason}",
                                               reason=vs.Notice("search: not text"))]
    at.run()
    said = [w.value.replace("\\", "") for w in at.warning]  # escaped for markdown
    assert said[0].startswith("Некоторые параметры ссылки пропущены или прочитаны иначе:")
    assert "Пропущено lang='de': такого языка в панели нет" in said[0]
    assert said[1] == "Изменение не применено:\n\n- Изменение фильтра не применено: поиск: не текст"


def test_an_empty_view_says_so_in_russian_and_offers_to_clear_its_filter(app):
    app.query_params.update({"lang": "ru", "country": "MD", "kind": "military_site"})
    at = app.run()
    assert not at.exception
    assert "Под эти фильтры не подходит ни одна запись." in [i.value for i in at.info]
    assert any(b.label.startswith("Сбросить фильтр «") for b in at.button)
    assert "При этих фильтрах выдержек нет." in [c.value for c in at.caption]
