"""The map's words in Russian (issue 30): marks' names and tooltips, the map in words and the live region, the
feature table, the time strip, the map's scripts' words and the map's error messages. The corpus's own text (titles,
quotes, leaders) stays as it is written, marked lang="en" on a Russian page where it is HTML."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from dashboard import i18n
from dashboard.corpus.load import DEFAULT_GEODATA
from dashboard.corpus.memberships import membership_status
from dashboard.corpus.model import Border, Membership, MilitarySite, VisitStop
from dashboard.downloads import mapfile
from dashboard.frontend import read_static
from dashboard.map import describe, feature_table, leaflet, marks, time_strip
from dashboard.map.geo import GeodataError, load_borders, load_countries
from dashboard.query.filters import RANGE_START, FilterState, select
from tests.ci import need
from tests.unit.lang import russian_words

D = dt.date
TOUR = D(2017, 2, 27)
TODAY = D(2026, 12, 6)


@pytest.fixture(scope="module")
def borders():
    return load_borders(DEFAULT_GEODATA)


def ru(fn, *args, **kwargs):
    with i18n.override("ru"):
        return fn(*args, **kwargs)


@pytest.mark.parametrize(("rid", "name"), [
    ("stop-moscow", "Москва: начало и конец поездки"),  # annotations.yaml: aliases Москва
    ("stop-almaty", "Остановка 1: Алматы, 27 февр. 2017\u202fг., переговоры: Nursultan Nazarbayev"),
    ("stop-dushanbe", "Остановка 2: Душанбе, 27 февр. 2017\u202fг., переговоры: Emomali Rahmon "
                      "(источники расходятся: Talks in Dushanbe: 27 or 28 February?)"),
    ("stop-tashkent-not-made", "Визита не было: Ташкент (Узбекистан)"),
    ("call-berdymukhamedov", "Телефонный разговор во время переговоров в Душанбе: Emomali Rahmon и "
                             "Gurbanguly Berdymukhamedov"),
    ("site-201st", "201st military base (Tajikistan): российский военный объект, действует"),
    ("m-csto-kg-1992", "Киргизия в ОДКБ: член с 15 мая 1992\u202fг."),
])
def test_a_mark_is_named_in_russian_and_its_titles_and_leaders_as_the_corpus_writes_them(corpus, rid, name):
    assert ru(describe.mark_name, corpus.by_id[rid], corpus) == name
    assert describe.mark_name(corpus.by_id[rid], corpus) != name  # and in English after it


def test_a_site_outside_its_title_names_its_host_in_russian(corpus):
    aini = corpus.by_id["site-aini"]
    assert ru(describe.mark_name, aini, corpus).startswith(aini.title + ", Таджикистан: российский военный объект, ")
    border = ru(describe.mark_name, corpus.by_id["border-tj-af"], corpus, length_km=1171.6)
    assert border.replace("\xa0", " ").startswith("The Tajik–Afghan border, 1 172 км (вычислено, геодезическая длина)")


@pytest.mark.parametrize(("records", "said"), [
    (1, "Фильтры: ОДКБ · 1 запись"),
    (3, "Фильтры: ОДКБ · 3 записи"),
    (41, "Фильтры: ОДКБ · 41 запись"),
    (45, "Фильтры: ОДКБ · 45 записей"),
    (11, "Фильтры: ОДКБ · 11 записей"),
])
def test_the_live_region_counts_in_russias_three_forms(corpus, records, said):
    assert ru(describe.announcement, corpus, FilterState(orgs=("org-csto",)), records) == said
    assert ru(describe.announcement, corpus, FilterState(), 2, 0) == "Фильтры: без фильтров · 2 записи, на карте 0"


def test_the_filters_and_the_selection_in_russian(corpus):
    f = FilterState(orgs=("org-csto", "org-eaeu"), countries=("TJ",), kinds=("border",), date_to=D(2017, 3, 1),
                    as_of=D(2012, 5, 5), query="Kant")
    assert ru(describe.filters_in_words, corpus, f) == (
        "ОДКБ, ЕАЭС · Таджикистан · границы · даты с начала по 1 мар. 2017\u202fг. · "
        "членство на дату 5 мая 2012\u202fг. · поиск «Kant»")
    assert ru(describe.filters_in_words, corpus, FilterState(date_from=D(2016, 1, 1))) == (
        "даты с 1 янв. 2016\u202fг. по сегодняшний день")
    assert ru(describe.selection_said, corpus, None) == "Запись не выбрана"
    assert ru(describe.selection_said, corpus, "site-kant").startswith("Выбрано: Kant air base (Kyrgyzstan): российский")
    assert ru(describe.filter_name, "query") == "поиск" and ru(describe.filter_name, "dates") == "диапазон дат"


def test_the_search_and_the_excerpt_list_say_their_counts_in_russian(corpus):
    figures = describe.view_figures(corpus, FilterState(query="zzzzqqq"))
    with i18n.override("ru"):
        total = i18n.format_number(figures.without_query)
        assert describe.search_said("«zzzzqqq»", figures) == (
            f"Поиск «zzzzqqq»: совпадений — 0 из {total} записей, оставленных другими фильтрами.")
        one = describe.ViewFigures(records=1, excerpts=2, quoting=1, without_query=21, corpus=200)
        assert "0 из 21 записи, оставленной" in describe.search_said("«q»", describe.ViewFigures(0, 0, 0, 21, 200))
        assert describe.excerpts_said(one) == (
            "Тем временем — все выдержки записей в поле зрения (1 запись): 2 выдержки; записей, цитирующих статьи: 1.")
        assert describe.excerpts_said(figures) == "В поле зрения нет записей, поэтому нет и выдержек."


def test_the_map_in_words_in_russian(corpus):
    records = select(corpus, FilterState())
    status = membership_status([r for r in records if isinstance(r, Membership)], "org-csto", TOUR)
    shown = {"route": [r for r in records if isinstance(r, VisitStop)],
             "sites": [r for r in records if isinstance(r, MilitarySite)],
             "border": [r for r in records if isinstance(r, Border)]}
    words = ru(describe.map_description, corpus, shown, status, "org-csto", TOUR)
    assert words.startswith("Маршрут: Москва → Алматы (27 февр. 2017\u202fг.) → Душанбе (27 февр. 2017\u202fг.) → "
                            "Бишкек (28 февр. 2017\u202fг.) → Москва. Объявлены, но не посещены: ")
    assert "3 российских военных объекта: Kant air base (Kyrgyzstan): российский военный объект, предложен вывод; " in words
    assert "(источники" not in words  # the sites are named without their disagreements here
    assert "Страны закрашены по статусу в ОДКБ на 27 февр. 2017\u202fг.: " in words
    assert "член: Армения, Беларусь, Казахстан, Киргизия, Россия, Таджикистан" in words
    assert ru(describe.map_description, corpus, {}, {}, "org-csto", TODAY) == "С этими фильтрами на карте ничего нет."


def test_a_day_is_written_in_the_browser_as_the_server_writes_it_every_month():
    for lang in ("en", "ru"):
        with i18n.override(lang):
            forms = describe.day_forms()
            for month in range(1, 13):
                day = D(2019, month, 9)
                short = forms["dayShort"].format(d=day.day, m=forms["monthsShort"][month - 1], y=day.year)
                long = forms["dayLong"].format(d=day.day, m=forms["months"][month - 1], y=day.year)
                assert (short, long) == (describe.shown_date(day), i18n.format_day(day)), (lang, month)


def _tooltips(corpus, kind, borders):
    return [m for m in marks.layer_marks(kind, list(corpus.records), corpus, borders) if m.tooltip]


def test_tooltips_and_popups_speak_russian_and_mark_the_corpus_english(corpus, borders):
    with i18n.override("ru"):
        kant = next(m for m in _tooltips(corpus, "sites", borders) if 'data-ref="site-kant"' in m.tooltip)
        stops = _tooltips(corpus, "route", borders)
        line = _tooltips(corpus, "border", borders)[0]
    assert "статус: предложен вывод" in kant.tooltip and "авиатехника: " in kant.tooltip
    assert "⚠ источники расходятся: см. панель свидетельств" in kant.tooltip
    assert '<b><span lang="en">Kant air base (Kyrgyzstan)</span></b>' in kant.tooltip
    assert marks.record_id_from_tooltip(kant.tooltip) == "site-kant"  # the key stays as the map's scripts read it
    assert '<blockquote>“<span lang="en">Russia flies Su-25' in kant.popup
    # No Russian word of ours outside a lang="ru" page, and no English run of the corpus unmarked on it.
    for mark in (kant, *stops, line):
        for html in (mark.tooltip, mark.popup or ""):
            marked, unmarked = russian_words(f'<div lang="ru">{html}</div>')
            assert unmarked == []
    almaty = next(m for m in stops if 'data-ref="stop-almaty"' in m.tooltip)
    assert almaty.tooltip.startswith("<b>Остановка 1: Алматы</b><br>27 февр. 2017\u202fг.<br>")
    leg = next(m for m in stops if m.shape == "line" and "Алматы → Душанбе" in m.tooltip)
    assert leg.tooltip == "Алматы → Душанбе, 27 февр.: 862 км (геодезическая длина, WGS84)"
    label = next(m for m in stops if m.icon and "leg-km" in m.icon and "Алматы → Душанбе" in m.tooltip)
    assert '<div class="leg-km">27 февр. · 862 км</div>' in label.icon
    assert "вычислено: 1\xa0172 км (геодезическая длина, <span lang=\"en\">Natural Earth" in line.tooltip
    # Built per language: the same call in English says English.
    english = next(m for m in _tooltips(corpus, "sites", borders) if "ref: site-kant" in m.tooltip)
    assert "status: withdrawal offered" in english.tooltip and "lang=" not in english.tooltip


def test_a_tooltips_record_id_is_labelled_in_russian_and_read_from_its_attribute(corpus, borders):
    # The label a reader sees is ours (Russian on a Russian page); the map's scripts and the server read the id
    # whatever the words: from the attribute, or from st_folium's text of a tooltip in either language.
    with i18n.override("ru"):
        tips = [m.tooltip for kind in ("route", "sites", "border") for m in _tooltips(corpus, kind, borders)]
        kant = next(t for t in tips if 'data-ref="site-kant"' in t)
        assert marks.record_id_from_tooltip("Авиабаза Кант ID: site-kant") == "site-kant"
    assert tips and all("ref: " not in t for t in tips)
    assert kant.endswith('<div class="ref" data-ref="site-kant">ID: site-kant</div>')
    assert marks.record_id_from_tooltip(kant) == "site-kant"
    assert marks.record_id_from_tooltip("Авиабаза Кант ID: site-kant") == "site-kant"  # an English run reads it too
    script = read_static("map-marks.js")
    assert 'var REF = /data-ref="([a-z0-9][a-z0-9-]*)"/;' in script and marks.REF_PATTERN.pattern in script
    with i18n.override("en"):
        english = next(m.tooltip for m in _tooltips(corpus, "sites", borders) if 'data-ref="site-kant"' in m.tooltip)
    assert english.endswith('<div class="ref" data-ref="site-kant">ref: site-kant</div>')


def test_a_cell_of_many_marks_says_how_many_in_russian(corpus):
    sites = [s for s in corpus.records if isinstance(s, MilitarySite)]
    many = [s.model_copy(update={"id": f"{s.id}-{i}"}) for i in range(3) for s in sites]
    with i18n.override("ru"):
        cells = marks.grid_marks(many, "Военные объекты")
    assert any("Здесь военные объекты: " in m.tooltip and "… и ещё " in m.tooltip for m in cells)
    assert all(m.name.startswith("Здесь военные объекты: ") and "; первая запись: " in m.name for m in cells)


def test_a_shaded_countrys_tooltip_in_russian_and_the_browser_shades_any_day_alike(corpus):
    periods = [r for r in corpus.records if isinstance(r, Membership)]
    with i18n.override("ru"):
        short = describe.names.grouping("org-csto", corpus)
        payload = marks.membership_payload(membership_status(periods, "org-csto", TOUR), short, corpus, TOUR)
        timeline = marks.membership_timeline(periods, "org-csto", short, corpus)
        days = [D(1992, 5, 15), D(2012, 6, 28), D(2012, 12, 19), TOUR, D(2024, 9, 2)]
        server = [marks.membership_payload(membership_status(periods, "org-csto", d), short, corpus, d) for d in days]
    assert payload["KG"]["tooltip"] == ("<b>Киргизия</b> · ОДКБ: член<br>с 15 мая 1992\u202fг. (на дату "
                                        "27 февр. 2017\u202fг.)<div class=\"ref\" data-ref=\"m-csto-kg-1992\">"
                                        "ID: m-csto-kg-1992</div>")
    assert payload["KG"]["label"] == "член"
    need(shutil.which("node") is not None, "node is not installed (apt-get install npm brings it)")
    script = (f"const window = {{}}; {read_static('map-time.js')}\n"
              f"const timeline = {json.dumps(timeline)}, days = {json.dumps([d.isoformat() for d in days])};\n"
              "process.stdout.write(JSON.stringify(days.map((d) => window.__statusOn(timeline, d))));")
    browser = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    assert browser == server


def test_the_feature_table_in_russian(corpus, borders):
    stops = [r for r in corpus.records if isinstance(r, VisitStop)]
    sites = [r for r in corpus.records if isinstance(r, MilitarySite)]
    status = membership_status([r for r in corpus.records if isinstance(r, Membership)], "org-csto", TOUR)
    geodata = SimpleNamespace(countries=load_countries(DEFAULT_GEODATA), borders=borders)
    with i18n.override("ru"):
        rows = feature_table.feature_rows(stops, sites, [r for r in corpus.records if isinstance(r, Border)], status,
                                          marks.route_legs(stops), geodata, corpus, "CSTO",
                                          {s.id: 1000.0 for s in sites})
        shown = feature_table.table_rows(rows, corpus.disputed)
    assert list(shown[0]) == ["слой", "элемент карты", "дата", "подробности", "код записи", "источники расходятся"]
    assert {row["слой"] for row in shown} == {"Маршрут визита", "Военные объекты", "Границы", "Членство (ОДКБ)"}
    assert "Перелёт Алматы → Душанбе" in {row["элемент карты"] for row in shown}
    site = next(row for row in shown if row["слой"] == "Военные объекты")
    assert site["подробности"].replace("\xa0", " ").endswith("; 1 000 км от Афганистана")
    assert {row["подробности"] for row in shown if row["слой"] == "Маршрут визита"} >= {"состоялась", "не состоялась"}
    kg = next(row for row in shown if row["элемент карты"] == "Киргизия")
    assert kg["подробности"] == "член" and kg["код записи"].startswith("m-csto-kg")
    english = feature_table.table_rows(rows[:1], corpus.disputed)
    assert list(english[0]) == ["layer", "feature", "date", "detail", "ref", "sources disagree"]


def test_the_time_strip_speaks_russian(corpus):
    records = list(corpus.records)
    with i18n.override("ru"):
        data = time_strip.strip_data(records, "org-eaeu", corpus, TOUR, RANGE_START, TODAY, True)
    assert (data["lang"], data["words"], data["grouping"]) == ("ru", "27 февраля 2017\u202fг.", "ЕАЭС")
    first = next(t for t in data["ticks"] if t["kind"] == "change")
    assert first["words"] == "1 янв. 2015\u202fг.: ЕАЭС: член: Россия, Казахстан, Беларусь; кандидат: Киргизия"
    tour = next(t for t in data["ticks"] if t["kind"] == "tour")
    assert tour["words"].startswith("27 февр. 2017\u202fг.: поездка: Stop 1: Almaty")  # the stops' titles as written
    words = data["text"]
    assert (words["play"], words["pause"], words["today"]) == ("Воспроизвести", "Пауза", "сегодня")
    assert words["crossed"]["one"].startswith("{n} изменение в {grouping}")
    assert words["crossed"]["few"].startswith("{n} изменения") and words["crossed"]["many"].startswith("{n} изменений")
    assert words["played"]["many"] == "Воспроизведено до сегодня, {day}: {n} изменений."
    assert (data["dayLong"], data["months"][1], data["monthsShort"][1]) == ("{d} {m} {y}\u202fг.", "февраля", "февр.")
    english = time_strip.strip_data(records, "org-eaeu", corpus, TOUR, RANGE_START, TODAY, True)
    assert english["text"]["played"] == {"one": "Played to today, {day}: {n} change.",
                                         "other": "Played to today, {day}: {n} changes."}
    assert (english["lang"], english["dayLong"], english["months"][1]) == ("en", "{d} {m} {y}", "February")


def _code(name: str) -> str:
    """A script of static/app/ without its comments."""
    return re.sub(r"(?m)(^|\s)//.*$", "", read_static(name))


def test_the_time_strips_script_says_only_the_words_it_is_given():
    code = _code("time-strip.js")
    for english in ("Previous change", "Play", "Pause", "Changes so far", "Sources:", "Dated records", "Latest change",
                    "No grouping shaded", " to today", "Step’s day"):
        assert f'"{english}"' not in code and f"`{english}" not in code


def test_the_maps_scripts_words_and_countries_in_russian():
    with i18n.override("ru"):
        words = leaflet.map_words()
        names = leaflet.country_names()
    assert words["legend"] == "Условные обозначения карты" and words["edge"] == "М {city} {km} км"
    assert words["whole"]["many"] == "Всё объединение {group} · {n} государств"
    assert words["whole"]["one"] == "Всё объединение {group} · {n} государство"
    assert (names["KG"], names["US"]) == ("Киргизия", "Соединенные Штаты")
    assert leaflet.country_names() == {}
    assert leaflet.map_words()["whole"] == {"one": "Whole {group} · {n} state", "other": "Whole {group} · {n} states"}
    for name in ("map-marks.js", "map-popups.js", "map-gestures.js", "map-fullscreen.js", "map-basemap.js",
                 "map-layout.js", "map-grouping.js", "watchdog.js"):
        code = _code(name)
        for english in ("Map legend", "Full screen", "from the map's centre", "Use two fingers", "Whole ",
                        "not in the selected grouping", "could not be", "Framed "):
            assert english not in code, (name, english)


def test_the_frames_configuration_carries_the_words_and_the_language():
    with i18n.override("ru"):
        # The labels come named in the run's language (geo.label_points); the frame carries them as they come.
        basemap = leaflet._Basemap("/basemap.geojson", [("Киргизия", 41.0, 75.0)])
    config = json.loads(basemap.config)
    assert (config["lang"], config["words"]["region"]) == ("ru", "Карта: стрелки сдвигают её, плюс и минус меняют масштаб")
    assert config["labels"][0][0] == "Киргизия" and config["countryNames"]["TJ"] == "Таджикистан"
    assert "<summary>Условные обозначения</summary>" in config["legend"]
    english = json.loads(leaflet._Basemap("/basemap.geojson", [("Kyrgyzstan", 41.0, 75.0)]).config)
    assert (english["lang"], english["labels"][0][0], english["countryNames"]) == ("en", "Kyrgyzstan", {})


def test_the_maps_errors_in_russian(tmp_path):
    with i18n.override("ru"), pytest.raises(GeodataError, match="файл геоданных не найден: .* \\(запустите"):
        load_countries(tmp_path)
    with pytest.raises(GeodataError, match="geodata file not found"):
        load_countries(tmp_path)
    from dashboard.map import assets
    package = assets.LEAFLET
    with i18n.override("ru"), pytest.raises(assets.AssetError, match="файл 'nothing.js' не закреплён"):
        assets.read_checked(package, "nothing.js")
    with i18n.override("ru"), pytest.raises(assets.AssetError, match="нет файла gone.js"):
        assets._checked(Path(tmp_path / "gone.js"), "0" * 64, package)


def test_the_watchdog_says_its_notice_in_russian():
    from dashboard.ui.watchdog import watchdog_message

    with i18n.override("ru"):
        assert watchdog_message().startswith("Карту не удалось нарисовать: её скрипты не загрузились.")
    assert watchdog_message().startswith("The map could not be drawn")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_maps_numbers_are_written_in_the_browser_as_the_server_writes_them(lang):
    """map-marks.js writes the map's distances and counts without ICU (its first call costs the map's first paint
    about 12 ms), from the grouping the server's own formatter uses."""
    numbers = [0, 7, 99, 999, 1000, 3061, 12345, 999999, 1234567]
    with i18n.override(lang):
        words = leaflet.map_words()
        server = [i18n.format_number(n) for n in numbers]
        file_words = mapfile._file_map_words()
    assert file_words["digits"] == words["digits"]  # the files' maps write them so too
    need(shutil.which("node") is not None, "node is not installed (apt-get install npm brings it)")
    assert _map_numbers(words, lang, numbers) == server


def _map_numbers(words: dict, lang: str, numbers: list[int]) -> list[str]:
    """map-marks.js's __mapNumber on `numbers`, in node, with the map's `words`; ICU's formatter (toLocaleString)
    refused, so that a number it wrote instead would fail the test, not match by chance."""
    script = ("Number.prototype.toLocaleString = function () { throw new Error('toLocaleString called'); };\n"
              f"const window = {{__mapWords: {json.dumps(words)}, __mapLang: {json.dumps(lang)}}};\n"
              f"{read_static('map-marks.js')}\n"
              f"process.stdout.write(JSON.stringify({json.dumps(numbers)}.map(window.__mapNumber)));")
    return json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)


@pytest.mark.parametrize(("lang", "grouping"), [("en", {"group": ",", "min": 4}), ("ru", {"group": "\xa0", "min": 4})])
def test_the_server_says_how_its_language_groups_digits(lang, grouping):
    with i18n.override(lang):
        assert i18n.digit_grouping() == grouping
        assert leaflet.map_words()["digits"] == grouping


def _five_digit_groups(n: int) -> str:
    return f"{n:,}".replace(",", ".") if n >= 10000 else str(n)


@pytest.mark.parametrize(("formatter", "grouping", "written"), [
    # A language that groups from five digits (CLDR's minimumGroupingDigits 2, as Spanish and Polish: 1000 but
    # 10.000): the map must not write 1.000.
    (_five_digit_groups, {"group": ".", "min": 5}, ["999", "1000", "10.000", "1.234.567"]),
    (lambda n: f"{n:,}".replace(",", "'"), {"group": "'", "min": 4}, ["999", "1'000", "10'000", "1'234'567"]),
], ids=["from-five-digits", "apostrophe"])
def test_a_language_that_groups_from_more_digits_or_with_another_sign_is_read_as_it_writes(
        monkeypatch, formatter, grouping, written):
    monkeypatch.setattr(i18n, "format_number", formatter)
    assert i18n.digit_grouping() == grouping
    need(shutil.which("node") is not None, "node is not installed (apt-get install npm brings it)")
    assert _map_numbers({"digits": grouping}, "en", [999, 1000, 10000, 1234567]) == written


def test_a_language_that_groups_no_digits_says_so(monkeypatch):
    monkeypatch.setattr(i18n, "format_number", str)
    assert i18n.digit_grouping() == {"group": "", "min": 0}
    need(shutil.which("node") is not None, "node is not installed (apt-get install npm brings it)")
    assert _map_numbers({"digits": {"group": "", "min": 0}}, "en", [7, 1234567]) == ["7", "1234567"]
