"""The map page's panel, notices and evidence in Russian (issue 30): the filter panel's words, the link's notices,
the dates, the evidence panel's facts, quotes and computed tables, the excerpt list; the corpus's words verbatim
and marked lang="en" where they are HTML."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dashboard import i18n
from dashboard.corpus.dates import day_in_words, format_date
from dashboard.corpus.model import MilitarySite
from dashboard.evidence.computed import border_length_html, site_distance_html
from dashboard.evidence.disagreement import heading_html
from dashboard.evidence.excerpts import excerpt_card_md, excerpt_html, excerpt_list_data
from dashboard.evidence.facts import record_facts, source_citation, supports_text, when_text
from dashboard.evidence.html import disagreement_html
from dashboard.query import link as vs
from dashboard.query.filter_panel import (
    FACETS,
    PanelEventError,
    build_panel_data,
    date_note,
    option_names,
    parse_panel_event,
)
from dashboard.query.filters import FilterState, select
from tests.unit.lang import english_words

TODAY = dt.date(2026, 11, 22)
NBSP = "\u202f"  # CLDR's narrow no-break space before "г."


@pytest.fixture
def ru():
    with i18n.override("ru"):
        yield


# --- dates ---------------------------------------------------------------------------------------------------


def test_dates_are_russian_on_a_russian_page_and_english_as_before_otherwise(ru):
    # In full words where there is room; short only where space is tight (a tick, a tooltip, a table's column).
    assert format_date(dt.date(2017, 2, 27)) == f"27 февраля 2017{NBSP}г."
    assert format_date(dt.date(2017, 2, 27), short=True) == f"27 февр. 2017{NBSP}г."
    assert format_date(dt.date(2019, 7, 1), "month") == f"июль 2019{NBSP}г."
    assert format_date(dt.date(1992, 1, 1), "year") == "1992"
    assert day_in_words(dt.date(2017, 2, 27)) == f"27 февраля 2017{NBSP}г."
    with i18n.override("en"):
        assert format_date(dt.date(2017, 9, 3)) == "3 Sep 2017" and format_date(dt.date(2017, 9, 1), "month") == "Sep 2017"
        assert day_in_words(dt.date(2017, 9, 3)) == "3 September 2017"


# --- the filter panel ----------------------------------------------------------------------------------------


def test_the_panels_words_and_options_are_russian(corpus, ru):
    data = build_panel_data(corpus, vs.ViewState(), TODAY)
    assert data["lang"] == "ru"
    assert [f["label"] for f in data["facets"]] == ["Организация", "Страна", "Тема", "Статья-источник", "Тип записи"]
    assert [f.label for f in FACETS] == [f["label"] for f in data["facets"]]
    facets = {f["key"]: {o["value"]: o for o in f["options"]} for f in data["facets"]}
    assert facets["org"]["org-csto"]["name"] == "ОДКБ" and facets["org"]["org-eaeu"]["name"] == "ЕАЭС"
    assert facets["country"]["KZ"]["name"] == "Казахстан" and "lang" not in facets["country"]["KZ"]
    assert facets["topic"]["domestic-politics"]["name"] == "внутренняя политика"
    assert facets["kind"]["military_site"]["name"] == "Военные объекты"
    # The articles' labels are the corpus's, verbatim, and marked English for the script to say so.
    label = corpus.sources["gusev-2019"].label
    assert facets["article"]["gusev-2019"] == {"value": "gusev-2019", "name": label, "lang": "en",
                                               "count": facets["article"]["gusev-2019"]["count"]}
    shade = {o["value"]: o["name"] for o in data["map"]["shade"]["options"]}
    assert shade["org-sco"] == "ШОС"
    assert [o["name"] for o in data["map"]["layers"]["options"]] == [
        "Членство", "Маршрут визита", "Военные объекты", "Границы"]
    assert (data["dates"][0]["label"], data["dates"][1]["ends"][0]["label"]) == ("Членство на дату",
                                                                                 "Датированные записи с")
    assert data["dates"][0]["help"].endswith(f"первый день поездки, 27 февраля 2017{NBSP}г.")
    assert data["search"]["label"] == "Поиск" and data["map"]["tiles"]["label"] == "Онлайн-подложка (нужен интернет)"


def test_the_countries_are_listed_in_the_order_of_their_russian_names(corpus, ru):
    names = list(option_names(corpus, "countries").values())
    assert names == sorted(names) and names[:3] == ["Азербайджан", "Армения", "Афганистан"]


def test_the_panels_script_gets_its_words_plural_forms_and_day_patterns(corpus, ru):
    words = build_panel_data(corpus, vs.ViewState(), TODAY)["words"]
    assert (words["search"], words["all"], words["today"], words["clear"], words["map"]) == (
        "Поиск", "Все", "Сегодня", "Сбросить все фильтры", "Карта")
    assert (words["from"], words["to"]) == ("с", "по")
    assert words["records"] == {"one": "{n} запись", "few": "{n} записи", "many": "{n} записей", "other": "{n} записи"}
    # Each month as format_date writes it, for the script to put a day and a year in (its notes are sentences: in
    # full words).
    assert words["days"][1] == f"{{d}} февраля {{y}}{NBSP}г." and words["days"][8] == f"{{d}} сентября {{y}}{NBSP}г."
    for key in ("after", "before"):
        assert {"{field}", "{day}"} <= set(re.findall(r"\{\w+\}", words[key]))
    with i18n.override("en"):
        english = build_panel_data(corpus, vs.ViewState(), TODAY)
        assert english["lang"] == "en" and english["words"]["days"][8] == "{d} Sep {y}"
        assert english["words"]["records"] == {"one": "{n} record", "other": "{n} records"}
        assert not any("lang" in o for f in english["facets"] for o in f["options"])


@pytest.mark.parametrize(("payload", "value", "note"), [
    ({"key": "date", "value": "2026-11-23"}, TODAY,
     f"Членство на дату: у вас ещё не наступило 23 ноября 2026{NBSP}г., взята сегодняшняя дата: 22 ноября 2026{NBSP}г."),
    ({"key": "range", "value": ["2090-01-01", "2091-01-01"]}, (TODAY, TODAY),
     f"Датированные записи за период: у вас ещё не наступили 1 января 2090{NBSP}г. и 1 января 2091{NBSP}г., взята "
     f"сегодняшняя дата: с 22 ноября 2026{NBSP}г. по 22 ноября 2026{NBSP}г."),
    ({"key": "range", "value": ["2020-01-01", "2010-01-01"]}, (dt.date(2010, 1, 1), dt.date(2020, 1, 1)),
     f"Датированные записи за период: «с» было позже «по», даты переставлены: с 1 января 2010{NBSP}г. по "
     f"1 января 2020{NBSP}г."),
])
def test_a_date_read_otherwise_is_said_in_russian(corpus, ru, payload, value, note):
    key, read = parse_panel_event(payload, corpus, TODAY)
    assert read == value
    assert date_note(key, payload["value"], read) == note


def test_a_note_made_in_one_language_is_said_again_in_the_language_the_page_is_shown_in(corpus):
    note = date_note("date", "2026-11-23", TODAY)
    assert note == "Memberships as of: 23 Nov 2026 has not begun where you are, read as today: 22 Nov 2026."
    with i18n.override("ru"):
        data = build_panel_data(corpus, vs.ViewState(), TODAY, {"date": note})
        assert data["dates"][0]["note"].startswith("Членство на дату: у вас ещё не наступило 23 ноября 2026")


@pytest.mark.parametrize(("payload", "reason"), [
    ({"key": "country", "value": "TJ"}, "Страна: не список вариантов"),
    ({"key": "org", "value": ["NATO"]}, "Организация: неизвестные значения 'NATO'"),
    ({"key": "date", "value": "1990-12-31"}, "дата вне диапазона: 1990-12-31"),
    ({"key": "q", "value": "x" * 201}, "поиск: длиннее 200 символов"),
    ({"key": "__proto__"}, "неизвестный фильтр '__proto__'"),
])
def test_a_change_the_panel_cannot_have_sent_is_refused_in_russian(corpus, ru, payload, reason):
    with pytest.raises(PanelEventError) as err:
        parse_panel_event(payload, corpus, TODAY)
    assert str(err.value) == reason


# --- the link's notices --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("params", "said"), [
    ({"lang": ["de"]}, "Пропущено lang='de': такого языка в панели нет (есть en, ru)."),
    ({"colour": ["red"]}, "Пропущен неизвестный параметр 'colour'."),
    ({"country": ["TJ,XX"]}, "Пропущено country='XX': неизвестное значение."),
    ({"sel": ["stop-dushanbe", "stop-astana"]}, "Параметр sel указан несколько раз (2); взято первое значение."),
    ({"lat": ["39.5"]}, "Положение карты пропущено: lat, lon и z задаются вместе."),
    ({"date": ["2026-12-01"]}, f"date='2026-12-01' прочитано как сегодня, 22 ноября 2026{NBSP}г.: у вас этот день "
                               "ещё не наступил."),
])
def test_the_links_notices_are_russian(corpus, ru, params, said):
    _state, notices = vs.decode(params, corpus, TODAY)
    assert notices == [said]


def test_a_notice_is_said_again_in_the_language_of_the_run_that_shows_it(corpus):
    _state, (notice, _together) = vs.decode({"z": ["19"], "lat": ["1"], "lon": ["2"]}, corpus)
    assert notice == "Ignored z='19': not a number between 1 and 18."  # made on an English page
    with i18n.override("ru"):
        assert vs.said_now(notice) == "Пропущено z='19': это не число от 1 до 18."
        assert vs.said_now("plain text") == "plain text"
    assert vs.said_now(notice) == notice


# --- the evidence panel --------------------------------------------------------------------------------------


def test_a_records_facts_are_named_in_russian_and_its_words_are_the_corpus(corpus, ru):
    stop = corpus.by_id["stop-dushanbe"]
    facts = dict(record_facts(stop, corpus))
    assert facts["дата"] == f"27 февраля 2017{NBSP}г." and facts["статус"] == "состоялась"
    assert facts["город"] == "Душанбе" and facts["страны"] == "Афганистан, Россия, Таджикистан"
    assert facts["руководители"] == "; ".join(stop.leaders)  # people's names as the corpus writes them
    membership = next(r for r in corpus.records
                      if r.kind == "membership" and r.organization == "org-csto" and r.date and not r.date_end)
    assert when_text(membership).startswith("с ") and dict(record_facts(membership, corpus))["организация"] == "ОДКБ"
    assert supports_text("date_end") == "дату окончания" and supports_text("signed") == "поле «подписано»"


def test_a_quote_stays_verbatim_and_english_on_a_russian_page(corpus, ru):
    stop = corpus.by_id["stop-dushanbe"]
    excerpt = stop.excerpts[0]
    shown = excerpt_html(excerpt, corpus, "reader?source=x", cite=True)
    marked, unmarked = english_words(shown)
    assert unmarked == [] and "Tajikistan" in marked
    assert "«<span lang=\"en\">Russia will beef up" in shown and "Читать в статье ↗" in shown
    assert f"символы {excerpt.start}–{excerpt.end}" in shown
    card = excerpt_card_md(excerpt, "stop-dushanbe.0", corpus)
    assert card.startswith('> <span lang="en">Russia will beef up') and "[Читать в статье ↗](reader?" in card
    assert card.endswith(f"символы {excerpt.start}–{excerpt.end}")
    assert source_citation(corpus.sources["cement-2017"]) == "издание, автор и дата в тексте не указаны"


def test_a_disagreement_says_its_own_words_in_russian_and_the_corpus_in_english(corpus, ru):
    dis = corpus.by_id["dis-csto-founding"]
    shown = disagreement_html(dis, corpus, heading=True)
    assert "Источники расходятся: <span lang=\"en\">When was the CSTO established" in shown
    assert 'aria-label="3 версии"' in shown and "Справочные источники" in shown
    marked, unmarked = english_words(shown)
    assert unmarked == [] and marked
    assert heading_html("1992 or 2002?", "h3") == (
        '<h3><span aria-hidden="true">⚠ </span>Источники расходятся: 1992 <span lang="en">or 2002?</span></h3>')


@pytest.mark.parametrize(("n", "said"), [(1, "1 версия"), (2, "2 версии"), (5, "5 версий"), (21, "21 версия")])
def test_the_versions_are_counted_in_the_russian_plural(corpus, ru, n, said):
    dis = corpus.by_id["dis-csto-founding"]
    versions = (list(dis.versions) * 21)[:n]
    shown = disagreement_html(dis.model_copy(update={"versions": versions}), corpus)
    assert f'aria-label="{said}"' in shown


def test_the_computed_tables_are_russian_with_russian_numbers(corpus, ru):
    from dashboard.map.geo import load_borders
    from tests.conftest import ROOT

    site = next(r for r in corpus.records if isinstance(r, MilitarySite))
    table = site_distance_html(site, 1234.4)
    assert "<caption>Расстояние до афганской границы</caption>" in table
    # (escape.html_line folds the no-break space Babel puts between thousands into a space.)
    assert re.search(r"<td>1\s234 км</td>", table) and "рассчитано по нашим геоданным" in table
    border = border_length_html(corpus.by_id["border-tj-af"], load_borders(ROOT / "geodata"), corpus)
    assert "<caption>Длина&#58; расчётная, по статьям, по справочным источникам</caption>" in border
    assert re.search(r"<td>\d[\d\s]*,\d км</td>", border)  # one decimal, with a comma


# --- the excerpt list ----------------------------------------------------------------------------------------


def test_the_excerpt_lists_words_are_russian_and_its_cards_say_their_language(corpus, ru):
    data = excerpt_list_data(select(corpus, FilterState()), corpus, page=1)
    words = data["words"]
    assert data["lang"] == "ru"
    assert (words["read"], words["prev"], words["next"], words["flag"]) == (
        "Читать в статье ↗", "‹ Назад", "Далее ›", "⚠ источники расходятся")
    assert words["where"]["one"].startswith("{first}–{last} из {n} выдержки")
    assert words["where"]["many"] == "{first}–{last} из {n} выдержек · страница {page} из {pages}"
    card = data["cards"][0]
    assert card["langs"]["quote"] == "en" and card["langs"]["title"] == "en"
    with i18n.override("en"):
        assert excerpt_list_data(select(corpus, FilterState()), corpus, page=1)["cards"][0]["langs"] == {}
