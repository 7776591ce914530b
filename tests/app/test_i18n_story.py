"""The Story page, its overview and the charts page in Russian (issue 30), in-process (AppTest): the dashboard's own
words and the story's connecting notes in Russian, the quotes verbatim in English."""

from __future__ import annotations

import json
import re

from tests.app.test_story import STORY, map_caption, nav, open_story, per_step, shown_text, texts, words


def test_the_story_speaks_russian_on_step_4_and_quotes_the_articles_verbatim(app):
    at = open_story(app, story="4", lang="ru")
    assert not at.exception
    assert [t.value for t in at.title] == ["Поездка Путина по Центральной Азии, шаг за шагом"]
    data = nav(at)
    assert data["current"] == 4
    assert [s["label"] for s in data["steps"]][:4] == ["Обзор", "Москва", "Алматы", "Душанбе"]
    step = data["steps"][3]
    assert step["heading"] == "Душанбе: Путин и Рахмон, афганская граница" and step["place"] == "Душанбе, Таджикистан"
    assert (data["words"]["prev"], data["words"]["steps"]) == ("‹ Назад", "Шаги рассказа")
    seen = shown_text(words(at))
    assert "В статьях" in seen and "Слова дашборда, не цитата Отметка 201-й базы стоит на координатах Душанбе" in seen
    for excerpt in STORY.step(4).excerpts:  # never translated
        assert " ".join(excerpt.quote.split()) in seen
    assert "Исследовать этот шаг на карте" in seen
    caption = map_caption(at).replace("\u202f", " ")
    assert caption.startswith("Страны закрашены по членству в ") and "27 февраля 2017 г." in caption
    assert per_step(at, "story-caption")["say"]["offStrip"] == "(на шкале времени; шаг показывает {day})"
    assert "Цитаты дословно взяты из пяти статей" in texts(at)
    assert "Возьмите этот шаг с собой" in texts(at)


def test_a_steps_marks_outside_the_filters_are_said_in_russian_with_the_plural(app):
    at = open_story(app, story="5", country="KZ", lang="ru")
    assert not at.exception
    assert "Вне текущих фильтров 2 отметки этого шага из 2; они всё равно показаны: " in texts(at)
    assert at.button(key="story-clear-filters").label == "Сбросить все фильтры"


def test_the_layers_a_step_shows_anyway_are_named_in_russian(app):
    at = open_story(app, story="5", layers="members", lang="ru")
    assert "этот шаг показывает слои, которые вы выключили на боковой панели: Маршрут визита, " \
           "Российские военные объекты" in texts(at)


def test_the_overview_is_russian(app):
    app.query_params["lang"] = "ru"
    at = app.run()
    at.switch_page("views/story_overview.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Поездка Путина по Центральной Азии, шаг за шагом: все шаги"]
    body = "".join(h.proto.body for h in at.get("html") if "story-overview" in h.proto.body)
    seen = shown_text(body)
    assert "Шаг 4 из 9 · 27 февраля 2017 г. · Душанбе, Таджикистан" in seen  # (a narrow no-break space before г.)
    images = re.findall(r'<img class="minimap" src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="([^"]+)"', body)
    assert images[3].startswith("Карта шага 4 из 9: Душанбе: Путин и Рахмон")
    assert "Только карты и заголовки, для слайда" in [t.label for t in at.toggle]


def test_the_charts_page_is_russian(app):
    app.query_params["lang"] = "ru"
    at = app.run()
    at.switch_page("views/charts.py").run()
    assert not at.exception
    assert [h.value for h in at.main.header] == ["Графики"]
    said = [m.value for m in at.markdown if m.value.startswith("**Словами:**")]
    assert len(said) == 5 and any("период" in s and "членства" in s for s in said)
    assert "Полосы — периоды каждого статуса" in texts(at)
    assert {e.label for e in at.expander} == {"Данные графика в виде таблицы"}
    assert {s.label for s in at.selectbox if s.key and s.key.startswith("pick-")} == {"Выберите запись с этого графика"}
    figure = json.loads(next(c for c in at.get("plotly_chart")).proto.spec)
    assert figure["layout"]["title"]["text"].replace("<br>", " ") == "Кто в каком объединении состоял, с 1991 года по сегодняшний день"


def test_every_chart_carries_plotlys_russian_words_to_the_browser(app):
    # st.plotly_chart hands its config to plotly.js as it is: the locale, its toolbar's words and its date formats.
    app.query_params["lang"] = "ru"
    at = app.run()
    at.switch_page("views/charts.py").run()
    configs = [json.loads(c.proto.config) for c in at.get("plotly_chart")]
    assert len(configs) == 5
    for config in configs:
        assert config["locale"] == "ru" and config["displaylogo"] is False
        assert config["locales"]["ru"]["dictionary"]["Pan"] == "Сдвиг"
        assert config["locales"]["ru"]["format"]["months"][1] == "Февраль"
