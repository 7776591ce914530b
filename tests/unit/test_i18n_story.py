"""The story and the charts in Russian (issue 30): the story's own words through the catalog (its extractor for
stories/*.yaml, and each step said at render time), never its quotes; the charts' titles, axes, hover words and
their words and tables; names, dates, numbers and plurals in Russian forms."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re

import pytest

from dashboard import i18n
from dashboard.charts import figures as charts
from dashboard.charts.text import chart_text
from dashboard.corpus.model import Figure, Membership, VisitStop
from dashboard.story.extract import extract_story, own, story_messages
from dashboard.story.html import step_html, step_meta
from dashboard.story.load import DEFAULT_STORY
from dashboard.story.navigation import nav_steps, nav_words
from dashboard.story.view import caption_words, overview_maps, step_caption_html, step_focus
from dashboard.story.words import place_text
from tests.unit.stories import TODAY

NNBSP = "\u202f"  # CLDR's narrow no-break space before "г."


def _ru(text: str) -> str:
    return text.replace(NNBSP, " ").replace("\xa0", " ")


# --- the extractor -------------------------------------------------------------------------------------------

def test_the_extractor_takes_the_storys_own_words_and_never_its_quotes(story):
    text = DEFAULT_STORY.read_text(encoding="utf-8")
    found = list(extract_story(io.BytesIO(text.encode()), {}, [], {}))
    messages = [m for _line, _func, m, _comments in found]
    assert messages[:3] == ["Putin's Central Asia tour, step by step", "Overview", "The tour at a glance"]
    own_words = {story.title} | {" ".join(n.text.split()) for s in story.steps for n in s.notes}
    own_words |= {s.label for s in story.steps} | {s.heading for s in story.steps} | {s.place for s in story.steps if s.place}
    assert set(messages) == own_words
    quotes = {" ".join(e.quote.split()) for s in story.steps for e in s.excerpts}
    assert not set(messages) & quotes and not any(q in m for q in quotes for m in messages)
    # Each at its line in the file, with a word for the translator; no keyword (a plain message).
    lines = text.splitlines()
    for line, func, message, comments in found:
        assert func is None and comments and "never translated" in comments[0]
        assert message.split()[0] in lines[line - 1] or lines[line - 1].rstrip().endswith(">-")


def test_a_note_is_one_message_whatever_its_line_breaks_and_a_broken_file_gives_none():
    text = ("version: 1\ntitle: A title\nsteps:\n  - label: One\n    heading: First step\n    excerpts: []\n"
            "    notes:\n      - text: >-\n          Folded\n          over   lines.\n        cites: [x]\n")
    assert [m for _line, m, _what in story_messages(text)] == ["A title", "One", "First step", "Folded over lines."]
    assert list(story_messages("steps: [\n  - label: {")) == []
    assert list(story_messages("- just\n- a list\n")) == []


def test_own_words_are_said_in_the_language_spoken_and_as_written_otherwise(story):
    note = story.step(1).notes[0].text
    assert own(note) is note and own("Words no catalog holds") == "Words no catalog holds"
    with i18n.override("ru"):
        assert own("The tour at a glance") == "Поездка в общих чертах"
        assert own("The tour  at\na glance") == "Поездка в общих чертах"  # the file's layout is not the words'
        assert own(note).startswith("Карта нумерует остановки")
        assert own("Words no catalog holds") == "Words no catalog holds"


# --- a step in Russian ---------------------------------------------------------------------------------------

def test_the_step_list_says_each_step_in_russian(story, corpus):
    with i18n.override("ru"):
        steps = nav_steps(story, corpus, TODAY)
        words = nav_words()
    assert [s["label"] for s in steps][:4] == ["Обзор", "Москва", "Алматы", "Душанбе"]
    assert steps[3]["heading"] == "Душанбе: Путин и Рахмон, афганская граница"
    assert (_ru(steps[3]["date"]), steps[3]["place"]) == ("27 февраля 2017 г.", "Душанбе, Таджикистан")
    assert steps[4]["place"] == "Бишкек, Киргизия" and steps[6]["place"] == "Россия и Центральная Азия"
    assert steps[0]["place"] == "Алматы, Душанбе и Бишкек"
    assert _ru(steps[8]["date"]) == "28 февраля 2017 г. – сегодня (29 ноября 2026 г.)"
    assert (words["prev"], words["next"]) == ("‹ Назад", "Далее ›")
    assert words["announce"].format(number=4, total=9, heading="h", date="d", place="p") == "Шаг 4 из 9: h. d, p."
    assert not any(re.search("[A-Za-z]{3}", re.sub(r"\{\w+\}|Home|End", "", w)) for w in words.values())
    # English, as before.
    assert nav_steps(story, corpus, TODAY)[3]["heading"] == "Dushanbe: Putin and Rahmon, and the Afghan border"
    assert nav_words()["meta"] == "Step {number} of {total} · {date} · {place}"


def test_a_steps_words_are_russian_and_its_quotes_verbatim_english_marked_as_such(story, corpus):
    step = story.step(4)
    with i18n.override("ru"):
        body = step_html(4, step, corpus, lambda rid: f"./?sel={rid}")
        meta = step_meta(4, 9, step, corpus, TODAY)
    assert _ru(meta) == "Шаг 4 из 9 · 27 февраля 2017 г. · Душанбе, Таджикистан"
    assert '<h3 class="part">В статьях</h3>' in body
    assert 'aria-label="Слова дашборда, не цитата"' in body
    assert "Отметка 201-й базы стоит на координатах Душанбе" in body
    for excerpt in step.excerpts:  # each quote word for word, as the article has it
        assert " ".join(excerpt.quote.split()).split(",")[0].replace("'", "&#x27;").replace('"', "&quot;") in body
    # The records a note summarises are named as the corpus names them, marked English on a Russian page.
    assert re.search(r'Обобщает: <a href="\./\?sel=site-201st"[^>]*>201<span lang="en">st military base', body)
    assert '<span lang="en">The Tajik–Afghan border</span></a>' in body


def test_the_caption_under_the_map_is_russian_and_keeps_what_the_browser_changes(story, corpus):
    with i18n.override("ru"):
        own_day = step_caption_html(corpus, story.step(7), "org-csto", dt.date(2017, 2, 27))
        sidebar = step_caption_html(corpus, story.step(2), "org-eaeu", dt.date(2017, 2, 27))
        off = step_caption_html(corpus, story.step(2), "org-csto", dt.date(2017, 2, 27), shaded=False)
        said = caption_words()
    assert _ru(own_day) == (
        '<p class="story-caption">Страны закрашены по членству в <strong>ОДКБ</strong> на <strong class="story-day">'
        '27 февраля 2017 г.</strong> <span class="story-whose">(выбор этого шага)</span>. Отметки шага обведены, '
        "остальные приглушены; наведите курсор на отметку или нажмите на неё, чтобы увидеть подпись.</p>")
    assert "<strong>ЕАЭС</strong>" in sidebar and "(как задано на боковой панели)" in sidebar
    assert off.startswith('<p class="story-caption">Ни одна страна не закрашена') and 'class="story-day"' in off
    assert said["offStrip"].format(day="1 января") == "(на шкале времени; шаг показывает 1 января)"


def test_a_steps_download_and_small_maps_are_titled_in_russian(story, corpus):
    from dashboard.corpus.load import DEFAULT_GEODATA
    from dashboard.map.geo import load_borders, load_countries

    with i18n.override("ru"):
        focus = step_focus(story, corpus, 4, TODAY)
        maps = overview_maps(story, corpus, load_countries(DEFAULT_GEODATA), load_borders(DEFAULT_GEODATA), TODAY)
    assert _ru(focus.title) == ("Шаг 4 из 9: Душанбе: Путин и Рахмон, афганская граница · 27 февраля 2017 г. · "
                                "Душанбе, Таджикистан")
    assert focus.text.startswith("Отметка 201-й базы")
    alt = re.search(r'alt="([^"]+)"', maps[3])[1]
    assert alt.startswith("Карта шага 4 из 9: Душанбе: Путин и Рахмон") and "Страны закрашены по членству в" in alt
    assert "Обведены: " in alt
    svg = base64.b64decode(re.search(r"base64,([^\"]+)", maps[3])[1]).decode()
    assert ">Душанбе</text>" in svg  # the ringed stop's city, named in Russian on its small map


def test_a_place_takes_its_russian_name_from_its_stops_alias_and_without_one_stays_as_written(story, corpus):
    from dataclasses import replace

    with i18n.override("ru"):
        assert place_text(story.step(6), corpus) == "Ашхабад и Ташкент"  # annotations.yaml: aliases Ашхабад, Ташкент
        bare = replace(corpus, by_id={}, records=tuple(
            r.model_copy(update={"aliases": []}) if getattr(r, "city", None) in ("Ashgabat", "Tashkent") else r
            for r in corpus.records), version=corpus.version + "-bare")
        assert place_text(story.step(6), bare) == "Ashgabat и Tashkent"


# --- the charts in Russian ------------------------------------------------------------------------------------

def test_the_charts_titles_axes_and_hover_words_are_russian(corpus):
    with i18n.override("ru"):
        timeline = charts.make_membership_timeline(corpus.records, corpus, today=TODAY)
        tour = charts.make_tour_chart(corpus.records, corpus)
        heat = charts.make_topic_country_heatmap(corpus.records, corpus)
        numbers = charts.make_numbers_chart(corpus.records, corpus)
        coverage = charts.make_coverage_chart(corpus.records, corpus)
        empty = charts.make_coverage_chart([], corpus)
    # Titles are wrapped to a phone's width (figures.TITLE_LINE): the words, their lines joined.
    assert timeline.layout.title.text.replace("<br>", " ") == "Кто в каком объединении состоял, с 1991 года по сегодняшний день"
    assert timeline.layout.xaxis.title.text == "год" and _ru(timeline.layout.annotations[0].text) == "поездка, февр. 2017 г."
    member = next(t for t in timeline.data if t.name == "член")
    assert member.hovertemplate.startswith("%{y}<br>член: %{customdata[1]} – %{customdata[2]}")
    assert "ОДКБ · Казахстан" in member.y
    kz = next(c for c, y in zip(member.customdata, member.y) if y == "ОДКБ · Казахстан")
    assert (_ru(kz[1]), kz[2]) == ("15 мая 1992 г.", "сегодня")
    stops = tour.data[0]
    assert list(stops.y)[:3] == ["Алматы", "Душанбе", "Бишкек"] and stops.name == "остановка или звонок"
    assert "встречи: %{customdata[1]}<br>подписано: %{customdata[2]}" in stops.hovertemplate
    assert _ru(stops.customdata[0][3]) == "27 февр. 2017 г."
    assert tour.layout.xaxis.ticktext[:3] == ("вс 26 февр.", "пн 27 февр.", "вт 28 февр.")
    assert tour.data[1].y[0] == "Объявлено / согласовано"
    assert heat.layout.xaxis.title.text == "страна" and "Таджикистан" in heat.data[0].x
    assert heat.data[0].colorbar.title.text == "записи"
    assert "записей — %{z}, выдержек — %{customdata[1]}" in heat.data[0].hovertemplate
    titles = [a.text for a in numbers.layout.annotations]
    # The corpus's units in Russian (charts/units.py), not its codes and English words.
    assert "Деньги (долл. США, руб.;<br>логарифмическая шкала)" in titles and "Расстояние (км)" in titles
    assert "Люди (человек, человек в год)" in titles and "Доля (%, % ВВП)" in titles
    border = next(c for t in numbers.data for c in t.customdata if c[2] == "км")  # its unit in Russian
    assert _ru(border[3]) == "1 300" and "источник: %{customdata[1]}" in numbers.data[0].hovertemplate
    assert coverage.layout.title.text.replace("<br>", " ") == "Охват: выдержки по статьям и темам"
    assert empty.layout.annotations[0].text == "При этих фильтрах показать нечего"
    # English, as before: plotly writes the tour's days itself.
    english = charts.make_tour_chart(corpus.records, corpus)
    assert english.layout.xaxis.tickformat == "%a %-d %b" and english.layout.xaxis.ticktext is None
    assert english.data[0].hovertemplate.startswith("%{y}, %{customdata[3]}<br>met: ")


def test_each_chart_in_words_and_as_a_table_is_russian(corpus):
    with i18n.override("ru"):
        timeline = chart_text("membership", corpus.records, corpus, TODAY)
        tour = chart_text("tour", corpus.records, corpus, TODAY)
        topics = chart_text("topics", corpus.records, corpus, TODAY)
        numbers = chart_text("numbers", corpus.records, corpus, TODAY)
        coverage = chart_text("coverage", corpus.records, corpus, TODAY)
        empty = [chart_text(key, [], corpus, TODAY).summary for key in ("membership", "tour", "topics", "numbers")]
    periods = sum(1 for r in corpus.records if isinstance(r, Membership))
    assert re.match(rf"{periods} период(а|ов)? членства \d+ стран[ы]? в \d+ объединени(и|ях) с 1991 года по ",
                    timeline.summary)
    assert "29 нояб. 2026 г.: член — " in _ru(timeline.summary)
    assert timeline.columns == ("объединение", "страна", "статус", "начало", "конец", "примечание")
    kg = next(row for row in timeline.rows if row[:3] == ("ОДКБ", "Киргизия", "член"))
    assert (_ru(kg[3]), kg[4]) == ("15 мая 1992 г.", "сегодня")
    assert _ru(tour.summary).startswith("Алматы — 27 февр., Душанбе — 27 февр., Бишкек — 28 февр.")
    assert ".." not in tour.summary and "В те же дни — " in tour.summary
    assert tour.columns == ("дата", "где", "встречи", "подписано или объявлено")
    assert [row[1] for row in tour.rows[:3]] == ["Алматы", "Душанбе", "Бишкек"]
    assert "пар «тема — страна» с записями; больше всего: " in topics.summary and "— Россия (" in topics.summary
    assert ("расстояние", "Length of the Tajik–Afghan border, as the Spotlight article gives it") in \
        [row[:2] for row in numbers.rows]
    assert any(_ru(row[2]) == "1 300" for row in numbers.rows)
    assert coverage.summary.startswith("Выдержки по статьям, каждая учтена один раз на тему: ")
    assert all(s.startswith("При этих фильтрах нет ") for s in empty)


@pytest.mark.parametrize(("n", "said"), [(1, "1 число: "), (2, "2 числа: "), (5, "5 чисел: "), (11, "11 чисел: "),
                                         (21, "21 число: ")])
def test_a_charts_counts_take_the_russian_plural_forms(corpus, n, said):
    figure = next(r for r in corpus.records if isinstance(r, Figure))
    figures = [figure.model_copy(update={"id": f"{figure.id}-{i}"}) for i in range(n)]
    with i18n.override("ru"):
        text = chart_text("numbers", figures, corpus, TODAY)
    assert text.summary.startswith(said)


def test_one_period_of_one_country_in_one_grouping_is_said_in_the_singular(corpus):
    kz = [r for r in corpus.records if isinstance(r, Membership) and r.id == "m-csto-kz-1992"]
    with i18n.override("ru"):
        text = chart_text("membership", kz, corpus, TODAY)
    assert text.summary.startswith("1 период членства 1 страны в 1 объединении с 1991 года по ")
    assert text.summary.endswith(": член — 1.")


def test_every_city_on_the_tour_is_on_the_chart_by_its_russian_name(corpus):
    stops = [r for r in corpus.records if isinstance(r, VisitStop) and r.date]
    with i18n.override("ru"):
        text = chart_text("tour", stops, corpus, TODAY)
    assert "Ашхабад — 27 февр." in _ru(text.summary)
