"""The Articles, Compare, Search, Data and About pages' own words in Russian (issue 30), pure parts: the Compare
table, the search results and what the search page says, the article reader's page, the tables' headers. The
corpus's words (quotes, titles, labels, the articles) stay as written and are marked lang="en" on a Russian page."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from dashboard import i18n
from dashboard.evidence.compare import RECORD_COLUMN, compare_csv, compare_html, compare_rows
from dashboard.evidence.reader import Highlight, build_reader_html, reader_document
from dashboard.query.filters import FilterState
from dashboard.query.results import found_said, nothing_found_said, results_html
from tests.unit.lang import english_words


def _cells(rows, rid):
    return {c.source: c for c in next(r for r in rows if r.record_id == rid).cells}


def test_the_compare_tables_verdicts_and_reasons_are_russian_and_its_quotes_stay_as_written(corpus):
    english = _cells(compare_rows(list(corpus.records), corpus), "border-kz-ru")
    with i18n.override("ru"):
        kz_ru = _cells(compare_rows(list(corpus.records), corpus), "border-kz-ru")
    assert {s: c.quote for s, c in kz_ru.items()} == {s: c.quote for s, c in english.items()}
    assert kz_ru["gusev-2019"].reason == (
        "Слова статьи сопоставлены со справочными источниками в расхождениях: «The longest land border in the "
        "world: Kazakhstan–Russia or Canada–United States?».")
    assert kz_ru[RECORD_COLUMN].reason == (
        "Справочные источники расходятся между собой (расхождения: «How long is the Kazakh–Russian border?»).")
    assert kz_ru["ishchenko-2017"].reason == ("Справочные источники освещают этот предмет, и ни в одном расхождении "
                                              "эти слова с ними не спорят.")
    assert kz_ru["toured-2017"].reason == "Статья ничего не говорит об этом предмете."


def test_the_compare_page_in_russian_marks_every_english_run_and_names_its_links_by_their_words(corpus):
    with i18n.override("ru"):
        page = compare_html(compare_rows(list(corpus.records), corpus), corpus, lambda rid: f"./?sel={rid}")
    assert '<caption class="cmp-caption">Что говорит каждая статья, предмет за предметом, рядом со справочными ' \
           'источниками</caption>' in page
    assert '<th scope="col">Предмет</th>' in page and page.endswith(
        '<th scope="col">Справочные источники</th></tr></thead>' + page.split("</thead>", 1)[1])
    kz_ru = next(tr for tr in page.split("<tr>") if "sel=border-kz-ru" in tr)
    verdicts = re.findall(r'<span class="cmp-verdict">(.*?)</span>', kz_ru)
    assert verdicts == ["согласуется со справочными источниками", "не упоминает", "не упоминает",
                        "расходится со справочными источниками", "не упоминает", "справочные источники расходятся"]
    assert '<span class="cmp-flag">⚠ источники расходятся</span>' in kz_ru
    assert '<a href="./?sel=dis-kz-ru-length">«<span lang="en">How long is the Kazakh–Russian border?</span>»</a>' \
        in kz_ru
    # WCAG 2.5.3 in Russian too: a link's name starts with the words it shows.
    links = re.findall(r'aria-label="([^"]*)">([^<]*)</a>', page)
    assert links and all(label.startswith(text.rstrip(" ↗")) for label, text in links)
    assert all(text == "читать в статье ↗" for _label, text in links)
    marked, unmarked = english_words(page)
    assert unmarked == [] and "Kazakhstan" in marked


def test_the_compare_csv_keeps_its_column_names_and_says_its_verdicts_in_russian(corpus):
    with i18n.override("ru"):
        rows = compare_rows(list(corpus.records), corpus)
        table = list(csv.reader(io.StringIO(compare_csv(rows, corpus))))
    assert table[0] == ["subject", "ref", "disagreements", *(s.label for s in corpus.sources.values()),
                        "public record"]
    dushanbe = next(t for t in table if t[1] == "stop-dushanbe")
    assert dushanbe[3 + list(corpus.sources).index("cement-2017")].startswith("расходится: In talks with Tajik")
    assert dushanbe[3 + list(corpus.sources).index("gusev-2019")] == "не упоминает"


def test_search_results_in_russian(corpus):
    from dashboard.query.search import index_for

    with i18n.override("ru"):
        hits = index_for(corpus).search("Kant")  # the snippets mark their English in the language spoken
        page = results_html(hits, corpus, lambda rid: f"./?sel={rid}")
    assert '<h3 class="sr-h">Записи</h3>' in page and '<h3 class="sr-h">В статьях</h3>' in page
    assert ">Показать на карте</a>" in page and ">Читать в статье ↗</a>" in page and ">Читать отрывок ↗</a>" in page
    assert '<b><span lang="en">Kant air base (Kyrgyzstan)</span></b><div class="sr-meta">Военный объект · ' in page
    assert "Число · Киргизия, Россия" in page  # the dashboard names the countries in Russian
    marked, unmarked = english_words(page)
    assert unmarked == [] and "Kant" in marked


@pytest.mark.parametrize(("records", "passages", "said"), [
    (1, 21, "«<b>x</b>»: 1 запись, 21 отрывок в статьях; сначала лучшие совпадения."),
    (3, 2, "«<b>x</b>»: 3 записи, 2 отрывка в статьях; сначала лучшие совпадения."),
    (5, 11, "«<b>x</b>»: 5 записей, 11 отрывков в статьях; сначала лучшие совпадения."),
    (2456, 0, "«<b>x</b>»: 2\xa0456 записей, 0 отрывков в статьях; сначала лучшие совпадения."),
])
def test_the_search_pages_count_takes_each_numbers_russian_form(records, passages, said):
    with i18n.override("ru"):
        shown = found_said("<b>x</b>", records, passages, FilterState(query="x"))
    assert shown.replace("&#58;", ":").replace("&#46;", ".") == (
        said + " Карта, графики и списки показывают те же записи.")


def test_the_search_pages_count_says_with_these_filters_only_where_a_filter_is_set():
    assert found_said("q", 1, 2, FilterState(query="q")).startswith("“q”&#58; 1 record, 2 passages in the articles")
    assert found_said("q", 2, 1, FilterState(query="q", countries=("KG",))).startswith(
        "“q”&#58; 2 records with these filters, 1 passage in the articles, best first&#46; The map")
    with i18n.override("ru"):
        assert "с этими фильтрами" in found_said("q", 2, 1, FilterState(query="q", kinds=("border",)))
        assert "с этими фильтрами" not in found_said("q", 2, 1, FilterState(query="q"))


@pytest.mark.parametrize(("filters", "english", "russian"), [
    (FilterState(query="zzqxv"), "Nothing matches this search: no record and no passage in the articles.",
     "По этому запросу ничего не найдено: ни одной записи и ни одного отрывка в статьях."),
    (FilterState(query="zzqxv", countries=("KG",)),
     "Nothing matches this search with these filters: no record and no passage in the articles.",
     "С этими фильтрами по этому запросу ничего не найдено: ни одной записи и ни одного отрывка в статьях."),
])
def test_a_search_that_finds_nothing_says_whether_filters_are_set_with_it(filters, english, russian):
    # Not "No record matches these filters" when the search is all that is set.
    assert nothing_found_said(filters) == english
    with i18n.override("ru"):
        assert nothing_found_said(filters) == russian


def test_the_article_readers_words_are_russian_and_the_article_is_marked_english():
    marks = [Highlight(2, 9, "r-a.0", "r-a", "A <b>&")]
    with i18n.override("ru"):
        assert 'title="Подкрепляет: A &lt;b&gt;&amp;"' in build_reader_html("0123456789", marks, None)
        page = reader_document("Kant <air base>", marks, "r-a.0", lang="ru", text_lang="en")
    assert page.startswith('<!doctype html><html lang="ru">')
    assert '<div id="text" lang="en">Ka<mark' in page and "nt &lt;air</mark> base&gt;</div>" in page
    assert ('<div id="info" role="status">Выделенные отрывки — выдержки, на которых построена карта. Нажмите на '
            'отрывок, чтобы увидеть, что он подкрепляет.</div>') in page
    config = json.loads(re.search(r'<script type="application/json" id="reader-config">(.*?)</script>', page)[1])
    assert config == {"words": {"supports": "Этот отрывок подкрепляет:", "item": "{title} (код: {ref})"},
                      "lang": "ru"}
    english = reader_document("Kant", [], None)
    assert english.startswith('<!doctype html><html lang="en">') and '<div id="text">Kant</div>' in english
    assert "Highlighted passages are the excerpts behind the map. Click one to see what it supports." in english
    assert json.loads(re.search(r'id="reader-config">(.*?)</script>', english)[1]) == {
        "words": {"supports": "This passage supports:", "item": "{title} (ref: {ref})"}, "lang": "en"}


def test_a_reader_page_without_its_info_line_is_refused(monkeypatch):
    from dashboard.evidence import reader

    monkeypatch.setattr(reader, "static_page", lambda stem, config=None: '<div id="text"></div>')
    with pytest.raises(ValueError, match='reader.html has no <div id="info"'):
        reader_document("text", [], None)


def test_tables_show_their_headers_in_the_language_spoken_and_keep_their_keys():
    from dashboard.ui.tables import HEADERS, headers

    rows = [{"ref": "site-kant", "sources disagree": "⚠", "something new": 1}, {"kind": "x"}]
    assert headers(rows) == {}  # English: the key is the header
    with i18n.override("ru"):
        assert headers(rows) == {"ref": "код записи", "sources disagree": "источники расходятся", "kind": "тип"}
        assert all(HEADERS[key] != key for key in HEADERS)



def test_a_search_results_stop_is_placed_by_its_citys_russian_name(corpus):
    # A fresh reviewer: the results' line said "· Almaty", "· Dushanbe" where the map says Алматы, Душанбе.
    from dashboard.query.results import where

    with i18n.override("ru"):
        assert where(corpus.by_id["stop-dushanbe"], corpus) == "Душанбе"
        assert where(corpus.by_id["stop-almaty"], corpus) == "Алматы"
        assert where(corpus.by_id["call-berdymukhamedov"], corpus) == "Ashgabat (by phone to Dushanbe)"  # corpus's
    assert where(corpus.by_id["stop-dushanbe"], corpus) == "Dushanbe"
