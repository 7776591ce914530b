"""The downloads in Russian (issue 30): a file is made in the language of the page that asked for it: its own words,
dates and numbers in Russian, `<html lang="ru">`, the corpus's English marked lang="en", and a link that opens in
Russian; the share box's and the buttons' words; English as it was."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import urllib.parse

import pytest
from PIL import Image

from dashboard import i18n
from dashboard.downloads import image as image_mod
from dashboard.downloads.briefing import build_briefing
from dashboard.downloads.delivery import download_words, make_download_file
from dashboard.downloads.embed import MAX_BYTES, build_embed
from dashboard.downloads.licences import CODE, LEAFLET_TERMS
from dashboard.downloads.mapfile import file_words
from dashboard.downloads.snapshot import (
    DownloadRequest,
    Focus,
    app_link,
    file_lang,
    link_lang,
    list_filters,
    make_snapshot,
    parse_download_request,
    view_link,
)
from dashboard.downloads.strip import strip_html
from dashboard.map.geo import load_borders, load_countries
from dashboard.names import countries_in
from dashboard.query import link as vs
from dashboard.query.filters import FilterState
from tests.conftest import ROOT
from tests.unit.lang import in_language

MADE = dt.datetime(2026, 11, 29, 23, 41, tzinfo=dt.timezone(dt.timedelta(hours=1)))
BASE = "https://central-asia-tour-dashboard.streamlit.app/"
NBSP = "\xa0"


@pytest.fixture(scope="module")
def geodata():
    return load_countries(ROOT / "geodata"), load_borders(ROOT / "geodata")


def snap_ru(corpus, view=None, **kwargs):
    view = view or vs.ViewState()
    with i18n.override("ru"):
        return make_snapshot(corpus, view, made=MADE, link=view_link(BASE, view, corpus), **kwargs)


# --- the view in words --------------------------------------------------------------------------------------------

def test_the_snapshot_speaks_russian_with_russian_dates_and_names(corpus):
    snap = snap_ru(corpus, vs.ViewState(selected="site-kant"))
    with i18n.override("ru"):
        assert snap.title == "Поездка Путина по Центральной Азии, 27–28 февраля 2017 г."
        assert snap.org_short == "ОДКБ"
        assert snap.subtitle == "Страны закрашены по членству в ОДКБ на 27 февр. 2017\u202fг."
        assert snap.made_text == "29 нояб. 2026\u202fг., 23:41 UTC+01:00"
        rows = dict(list_filters(corpus, snap.view))
        assert rows["Закраска по объединению"] == "ОДКБ"
        assert rows["Слои"] == "Членство, Маршрут визита, Военные объекты, Границы"
        # The record's title is the corpus's, as written; the words around it are ours.
        assert rows["Выбрано"] == f"{corpus.by_id['site-kant'].title} (код: site-kant)"
        assert rows["Прочие фильтры"].startswith("нет (не выбраны: ") and rows["Прочие фильтры"].endswith("даты)")
        off = dict(list_filters(corpus, vs.ViewState(layers=("sites",))))
        assert off["Закраска по объединению"] == "нет: слой членства выключен (было бы ОДКБ)"
        search = dict(list_filters(corpus, vs.ViewState(filters=FilterState(query="Kant"))))
        assert search["Поиск"] == "«Kant»"
    # The same snapshot's words, read in English, are English: nothing is frozen in the language it was made in
    # but what it was given (its title).
    assert snap.subtitle == "Countries shaded by ОДКБ membership on 27 Feb 2017"


def test_a_link_from_a_russian_page_opens_in_russian_and_an_english_one_as_it_was(corpus):
    view = vs.ViewState(selected="site-kant")
    english = view_link(BASE, view, corpus)
    assert "lang=" not in english
    with i18n.override("ru"):
        russian = view_link(BASE, view, corpus)
        assert urllib.parse.parse_qs(urllib.parse.urlsplit(russian).query)["lang"] == ["ru"]
        assert vs.decode(urllib.parse.parse_qs(urllib.parse.urlsplit(russian).query), corpus)[0].lang == "ru"
        # A page's link (the reader's) keeps the language the view's query gave it.
        assert app_link(russian, "reader?source=x") == BASE + "reader?source=x&lang=ru"
        # A link naming its language already is left as it is; none stays none.
        assert link_lang(BASE + "?lang=en") == BASE + "?lang=en" and link_lang(None) is None
    with i18n.override(i18n.PSEUDO):
        assert file_lang() == "en"  # the pseudo-locale's words are English underneath


def test_a_russian_request_is_refused_in_russian():
    with i18n.override("ru"), pytest.raises(ValueError, match="^это не запрос на скачивание$"):
        parse_download_request(None)
    with i18n.override("ru"), pytest.raises(ValueError, match="^неизвестный тип скачивания 'exe'$"):
        parse_download_request({"kind": "exe", "n": 1})


# --- the briefing ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def briefing_ru(corpus, geodata):
    snap = snap_ru(corpus, vs.ViewState(selected="site-kant"))
    with i18n.override("ru"):
        return snap, build_briefing(snap, *geodata)


def test_the_briefing_is_made_in_russian(corpus, briefing_ru):
    snap, html = briefing_ru
    assert html.startswith('<!DOCTYPE html>\n<html lang="ru">')
    total = len(snap.records)
    # Plural forms and Russian numbers (a narrow no-break space… Babel's: a no-break space between thousands).
    said = {1: "запись", 2: "записи", 3: "записи", 4: "записи"}.get(total % 10 if total % 100 not in range(11, 15)
                                                                    else 0, "записей")
    assert f"{total} {said} в этом виде" in html
    for words in ("Справка · Дашборд о поездке по Центральной Азии", "Этот вид", "Рамка карты", "Цитируемые статьи",
                  "Лицензии", "Содержание", "Вернуться к рамке вида", "Все записи этого вида",
                  "Страны закрашены по членству в ОДКБ на 27 февр. 2017\u202fг.",
                  "<b>Расстояние до афганской границы</b>: ", "Лицензия MIT (LICENSE)."):
        assert words in html, words
    assert "Выбрано: " in html and "Countries shaded by" not in html and "This view" not in html
    # A Russian date ends with "г.": the sentence is not ended twice.
    assert '<p class="subtitle">Страны закрашены по членству в ОДКБ на 27 февр. 2017\u202fг.</p>' in html
    assert "г.." not in html
    # Coordinates with a decimal comma.
    assert re.search(r"от \d+,\d\d° до \d+,\d\d° с\. ш\.", html)
    # The script's words come with the data, in Russian.
    data = json.loads(re.search(r'<script type="application/json" id="briefing-data">(.*?)</script>', html, re.S)[1])
    assert data["fileWords"]["toCard"] == "Эта запись в списке ниже ↓" and data["attribution"].startswith("Natural Earth")
    assert data["lang"] == "ru"
    assert "Таджикистан" in {c[1] for c in data["countries"]}
    assert any(label[0] == "Казахстан" for label in data["labels"])


def test_the_briefings_corpus_text_stays_english_and_is_marked_so(corpus, briefing_ru):
    _, html = briefing_ru
    kant = corpus.by_id["site-kant"]
    assert in_language(html, kant.title) == {"en"}
    dispute = corpus.disputes["site-kant"][0]
    assert in_language(html, dispute.title[:25]) == {"en"}  # its flag: "⚠ Источники расходятся: <a>…</a>"
    # The licence texts as they ship (English) are marked as such.
    assert '<pre lang="en">' in html


def test_a_russian_link_in_the_briefing_opens_in_russian(corpus, geodata):
    with i18n.override("ru"):
        made = make_download_file(DownloadRequest("html", 1), corpus, *geodata, vs.ViewState(selected="stop-dushanbe"),
                                  base="http://example.org/app/", made=MADE)
        story = make_download_file(DownloadRequest("html", 2), corpus, *geodata, vs.ViewState(), base="http://example.org/app/",
                                   made=MADE, focus=Focus(title="Шаг 4 из 9: Душанбе", link="story?story=4"))
    import base64

    html = base64.b64decode(made["data"]).decode("utf-8")
    assert "http://example.org/app/?sel=stop-dushanbe&amp;lang=ru" in html
    # The reader's links from the excerpts carry it too.
    assert re.search(r'href="http://example\.org/app/reader\?source=[^"]+&amp;lang=ru"', html)
    assert b"http://example.org/app/story?story=4&amp;lang=ru" in base64.b64decode(story["data"])


# --- the published map -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def embed_ru(corpus, geodata):
    snap = snap_ru(corpus)
    with i18n.override("ru"):
        return snap, build_embed(snap, *geodata)


def test_the_published_map_is_made_in_russian(embed_ru):
    snap, html = embed_ru
    assert html.startswith('<!DOCTYPE html>\n<html lang="ru">')
    assert ('<span class="long">Открыть этот вид на дашборде</span><span class="short">Дашборд</span> ↗'
            in html)
    assert "<dt>Записей на карте</dt>" in html and "<dt>Дашборд</dt>" in html
    assert "Для этой карты нужен JavaScript." in html
    data = json.loads(re.search(r'<script type="application/json" id="embed-data">(.*?)</script>', html, re.S)[1])
    assert data["fileWords"] == {**data["fileWords"], "read": "Читать в статье ↗", "onDashboard": "Эта запись на дашборде ↗",
                             "publicRecords": "Справочные источники: контекст, не из статей"}
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(data["link"]).query)["lang"] == ["ru"]


def test_the_published_map_in_russian_names_every_country_in_russian(embed_ru):
    # Issue 28's review: 203 of its 237 countries were named in English (France, Israel), with no lang="en": the
    # dashboard's Russian map names them all in Russian (CLDR), and so does the file now, and the briefing.
    _, html = embed_ru
    data = json.loads(re.search(r'<script type="application/json" id="embed-data">(.*?)</script>', html, re.S)[1])
    named = {c[0]: c[1] for c in data["countries"]}
    assert named["FR"] == "Франция" and named["IL"] == "Израиль" and named["TJ"] == "Таджикистан"
    # Only a place CLDR has no name for keeps the geodata's (Clipperton, which it files under no ISO code).
    latin = sorted(name for code, name in named.items() if re.search(r"[A-Za-z]", name) and code in countries_in("ru"))
    assert latin == [], latin


def test_the_published_maps_quotes_and_titles_are_marked_english_by_their_element(corpus, embed_ru):
    _, html = embed_ru
    stop = corpus.by_id["stop-dushanbe"]
    template = re.search(r'<template id="q-stop-dushanbe"[^>]*>(.*?)</template>', html, re.S)[1]
    # An attribute on the element, not a span inside it: the file is size-budgeted.
    assert template.startswith(f'<div class="quotes"><h2 lang="en">{stop.title}</h2>')
    assert '<blockquote lang="en">“' in template and '<span lang="en">' not in template
    assert in_language(html, stop.title) == {"en"}


def test_the_published_map_in_russian_stays_near_its_budget(embed_ru):
    # Cyrillic takes two bytes a letter in UTF-8: the Russian file is a little larger than the English (300 kB).
    assert len(embed_ru[1].encode("utf-8")) <= 1.1 * MAX_BYTES


# --- the time strip, the PNG, the licences, the buttons' and scripts' words ---------------------------------------

def test_the_strips_words_and_plurals_in_russian(corpus):
    with i18n.override("ru"):
        html = strip_html(snap_ru(corpus))
        assert 'aria-label="Время"' in html and "<summary>Отметки" in html
        assert "Членство в ОДКБ на <b>27 февр. 2017\u202fг.</b>, на шкале от 1991 года до 29 нояб. 2026\u202fг." in html
        assert 'aria-label="Членство в ОДКБ на 27 февраля 2017\u202fг."' in html
        assert re.search(r"\d+ изменени(е|я|й) членства в ОДКБ, 2 дня поездки", html)
        early = snap_ru(corpus)
        one = strip_html(make_snapshot(corpus, early.view, made=dt.datetime(2017, 2, 27, 12, tzinfo=dt.UTC)))
        assert ", 1 день поездки</span>" in one
    assert ", 1 tour day</span>" in strip_html(make_snapshot(corpus, vs.ViewState(),
                                                              made=dt.datetime(2017, 2, 27, 12, tzinfo=dt.UTC)))


def test_the_png_says_its_words_in_russian(corpus, geodata, monkeypatch):
    drawn: list[str] = []
    real = image_mod._Painter.text

    def text(self, x, y, value, **kwargs):
        drawn.append(value)
        return real(self, x, y, value, **kwargs)

    monkeypatch.setattr(image_mod._Painter, "text", text)
    snap = snap_ru(corpus, vs.ViewState(view=vs.MapView(41, 72, 5)))
    with i18n.override("ru"):
        image = image_mod.build_map_png(snap, *geodata)
        badge = image_mod.edge_label("Москва", 3124.6)
        subtitle = snap.subtitle
    assert snap.title in drawn and subtitle in drawn
    assert any(t.startswith("Членство в ОДКБ, 27 февр. 2017") for t in drawn)
    assert any(t.startswith("Создано 29 нояб. 2026") and "geopandas" in t for t in drawn)
    assert any(t.startswith("Подложка: Natural Earth") for t in drawn)
    assert any(re.fullmatch(r"\d+(\xa0\d+)? км", t) for t in drawn)  # the scale bar
    assert any("Слои: " in t for t in drawn)
    assert badge == f"М Москва 3{NBSP}125 км от центра карты"  # as the map's badge says it (map.json's words)
    info = Image.open(io.BytesIO(image.png)).info
    assert info["Title"] == snap.title and subtitle in info["Description"]


def test_the_licences_are_said_in_the_language_spoken():
    with i18n.override("ru"):
        assert (CODE.part, CODE.terms) == ("Код", "Лицензия MIT (LICENSE).")
        assert LEAFLET_TERMS.part == "Leaflet 1.9.4"
    assert (CODE.part, CODE.terms) == ("Code", "MIT licence (LICENSE).")


def test_the_buttons_and_the_files_scripts_have_their_words_in_russian():
    with i18n.override("ru"):
        words = download_words()
        assert words["kinds"]["html"]["label"] == "Скачать справку (HTML)"
        assert words["kinds"]["png"]["short"] == "Карта (PNG)" and words["making"]["embed"] == "Создаётся карта для публикации…"
        assert (words["saved"], words["mb"], words["kb"]) == ("Сохранён файл {name} ({size}).", "{n} МБ", "{n} КБ")
        assert file_words()["grouped"].startswith("Отметки сгруппированы")
    english = download_words()
    assert english["kinds"]["embed"]["label"] == "Publish this view (HTML)" and english["saved"] == "Saved {name} ({size})."
    assert file_words()["toCard"] == "This record in the list below ↓"


# --- nothing asked of the catalog that it lacks ------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["html", "embed", "png"])
def test_every_word_a_russian_file_asks_for_is_in_the_catalog(corpus, geodata, kind):
    # Filters on every facet, a date range, a search, a selected record with a disagreement, and a story step.
    view = vs.ViewState(filters=FilterState(orgs=("org-csto",), countries=("KG", "TJ"), topics=("security",),
                                            date_from=dt.date(2000, 1, 1), query="Kant"),
                        selected="site-kant", shade="org-eaeu")
    i18n.forget_missed()
    with i18n.override("ru"):
        make_download_file(DownloadRequest(kind, 1), corpus, *geodata, view, base="http://example.org/app/", made=MADE)
        make_download_file(DownloadRequest(kind, 2), corpus, *geodata, vs.ViewState(), base="http://example.org/app/",
                           made=MADE, focus=Focus(title="Шаг 4 из 9: Душанбе", link="story?story=4"))
    assert sorted(i18n.missed()) == []
