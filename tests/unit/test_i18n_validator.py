"""The validator's messages in the reader's language (issue 30): the problems of a broken corpus, table or story
are said in Russian on a Russian page, at the same file, line, record and field as in English; the command line
speaks English whatever language its caller's run speaks. pydantic's and PyYAML's own words stay English."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import replace

import pytest
from babel import Locale

from dashboard import i18n
from dashboard.corpus.load import load_corpus
from dashboard.corpus.model import Reference, Status
from dashboard.corpus.problems import CorpusError
from dashboard.corpus.reference import DEFAULT_REFERENCE, check_record, compare, load_reference, summarise
from dashboard.corpus.support import date_problem, label_problem
from dashboard.validate import main
from tests.unit.stories import GOOD, HEAD, problems_of
from tests.unit.test_validate import KANT_QUOTE, ORG, member, site
from tests.unit.tiny import tiny_corpus

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
TODAY = dt.date(2026, 11, 29)

# One file with several problems: an unknown code, swapped coordinates, a quote not in its article, a duplicate
# id, a field pydantic refuses, a membership whose title is not the corpus's form.
BROKEN = (ORG + site(lat=74.85, lon=42.85).replace("countries: [KG]", "countries: [XX]") + site()
          + site(quote="Russia flies F-16 fighters from the Kant airbase").replace("id: site-kant", "id: site-f16")
          + site().replace("id: site-kant", "id: site-other").replace("topics: [military]", "topics: [sports]")
          + member(title_status="former"))


def _problems(path, lang):
    with i18n.override(lang), pytest.raises(CorpusError) as info:
        load_corpus(path)
    return info.value.problems


@pytest.fixture
def broken(tmp_path):
    path = tmp_path / "annotations.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_a_broken_corpus_is_told_in_russian_at_the_same_places(broken):
    english, russian = _problems(broken, "en"), _problems(broken, "ru")
    assert [(p.file, p.line, p.record, p.field) for p in russian] == [
        (p.file, p.line, p.record, p.field) for p in english]
    said = {(p.record, p.field): p.message for p in russian}
    assert said["site-kant", "countries"] == "неизвестный код страны 'XX'"
    assert said["site-kant", "location"] == ("(74.85, 42.85) вне области карты ((20.0, 20.0), (65.0, 105.0)) "
                                             "(похоже, lat и lon перепутаны)")
    assert said["site-kant", "id"] == "повторяющийся id (впервые встречается в строке 13)"
    # The example title is the corpus's form, English in every language.
    assert said["m-x", "title"] == ("заголовок должен называть страну, объединение и статус, который показывает "
                                    "запись, например «Uzbekistan in the CSTO: suspended»")
    # pydantic's own words stay English; ours around them are Russian.
    assert said["site-other", "topics.0"].startswith("Input should be ")
    assert said["site-other", "topics.0"].endswith(" (получено: 'sports')")
    # Every message of ours is Russian; the English run's are English.
    assert all(CYRILLIC.search(p.message) for p in russian)
    assert not any(CYRILLIC.search(p.message) for p in english)


def test_a_quote_not_in_its_article_is_named_with_the_quote_as_written(broken):
    [english] = [p for p in _problems(broken, "en") if p.field == "excerpts.quote"]
    [russian] = [p for p in _problems(broken, "ru") if p.field == "excerpts.quote"]
    quote = "'Russia flies F-16 fighters from the Kant airbase'"
    assert english.message == f"quote not found verbatim in 004_8ba6c02ffa2a8b5e.txt: {quote}"
    assert russian.message == f"цитата не найдена дословно в 004_8ba6c02ffa2a8b5e.txt: {quote}"


def test_yaml_and_file_problems_are_russian_around_the_parsers_words(tmp_path):
    path = tmp_path / "annotations.yaml"
    path.write_text(ORG + "  - id: x\n   kind: [\n", encoding="utf-8")
    [problem] = _problems(path, "ru")
    assert problem.message.startswith("ошибка синтаксиса YAML: ") and problem.line == 14
    path.write_text(ORG + site().replace("    title: Kant air base\n", "    title: Kant air base\n    title: Kant\n"),
                    encoding="utf-8")
    [problem] = _problems(path, "ru")
    assert (problem.line, problem.field, problem.message) == (16, "title", "ключ встречается дважды в одном словаре")
    [problem] = _problems(tmp_path / "absent.yaml", "ru")
    assert problem.message == "файл не найден"


def test_the_command_line_speaks_english_even_inside_a_russian_run(broken, capsys):
    with i18n.override("ru"):
        assert main([str(broken)]) == 1
        assert i18n.active() == "ru"  # and the caller's language after it
    err = capsys.readouterr().err
    assert "unknown country code 'XX'" in err and "lat and lon look swapped" in err
    assert "[site-f16] excerpts.quote: quote not found verbatim in 004_8ba6c02ffa2a8b5e.txt" in err
    assert not CYRILLIC.search(err)
    with i18n.override("ru"):
        assert main([]) == 0
    out = capsys.readouterr().out
    assert ": OK, " in out and not CYRILLIC.search(out)


def test_a_references_label_and_date_problems_in_russian():
    corpus = tiny_corpus()

    def ref(label, quote=None):
        return Reference(supports=label, title="A public record", url="https://example.org", quote=quote)

    with i18n.override("ru"):
        assert label_problem(corpus.by_id["m-kz-a"], ref("charter")) == (
            "supports: 'charter' не называет ни одного факта этой записи; используйте одно из: date, date_end, "
            "status (start = date, end = date_end)")
        assert date_problem(corpus.by_id["m-kz-a"], ref("end", "It left between 2 and 3 January 2020.")) == (
            "в цитате нет date_end 1 января 2020\u202fг.; в ней указано: 2 января, 3 января")
        assert date_problem(corpus.by_id["m-kz-a"], ref("start", "Kazakhstan joined in January 2015.")) == (
            "в цитате нет date 1 января 2015\u202fг.; в ней указан только месяц: задайте date_precision: month")
        assert date_problem(corpus.by_id["ev-jul"], ref("date", "A strategy adopted in 2019.")) == (
            "в цитате нет date июль 2019\u202fг.; в ней указан только год (2019)")


def test_a_broken_story_is_told_in_russian_step_by_step(tmp_path, corpus):
    steps = (GOOD.replace("marks: [stop-almaty]", "marks: [ev-kg-protests]")
             + GOOD.replace("marks: [stop-almaty]", "marks: [stop-almaty]\n    view: {at: stop-almaty, lat: 40, lon: 70, zoom: 6}"))
    with i18n.override("ru"):
        russian = problems_of(tmp_path, corpus, steps)
    english = problems_of(tmp_path, corpus, steps)
    assert [(p.file, p.line, p.field) for p in russian] == [(p.file, p.line, p.field) for p in english]
    # The step is named in the reader's language (pydantic's problems, step 2's, come before the corpus checks').
    assert [p.record for p in english] == ["step 2", "step 1"] and [p.record for p in russian] == ["шаг 2", "шаг 1"]
    assert russian[1].message == ("ev-kg-protests — событие: у записей этого типа нет отметки на карте; сошлитесь на "
                                  "неё в заметке")
    # Our own validator's words (story/model.py), without pydantic's English "Value error, ".
    assert russian[0].message == "укажите либо `at` (id записи), либо оба поля `lat` и `lon`"
    assert english[0].message == "give either `at` (a record id) or both `lat` and `lon`"


def test_a_story_files_own_problems_in_russian(tmp_path, corpus):
    from dashboard.story.load import load_story

    path = tmp_path / "story.yaml"
    path.write_text("version: 1\ntitle: T\nsteps: []\n", encoding="utf-8")
    with i18n.override("ru"), pytest.raises(CorpusError) as caught:
        load_story(path, corpus, TODAY)
    assert [p.message for p in caught.value.problems if p.field == "steps"] == ["в рассказе должно быть от 1 до 40 шагов"]
    path.write_text(HEAD + "  - just a string\n", encoding="utf-8")
    with i18n.override("ru"), pytest.raises(CorpusError) as caught:
        load_story(path, corpus, TODAY)
    assert [(p.record, p.message) for p in caught.value.problems] == [("шаг 1", "ожидался словарь")]


@pytest.fixture
def folder(tmp_path):
    shutil.copytree(DEFAULT_REFERENCE, tmp_path / "reference")
    return tmp_path / "reference"


def test_a_broken_table_row_is_told_in_russian_at_the_same_line_and_column(folder):
    path = folder / "memberships.csv"
    path.write_text(path.read_text(encoding="utf-8") + "CSTO,KZ,ally,2001-02-30,,no-such-source,\n", encoding="utf-8")
    with pytest.raises(CorpusError) as english:
        load_reference(folder)
    with i18n.override("ru"), pytest.raises(CorpusError) as russian:
        load_reference(folder)
    en, ru = english.value.problems, russian.value.problems
    assert [(p.file, p.line, p.record, p.field) for p in ru] == [(p.file, p.line, p.record, p.field) for p in en]
    said = {p.field: p.message for p in ru}
    assert said["status"].startswith("неизвестный статус 'ally'; ожидался один из: associate, ")
    assert said["sources"] == "в sources.yaml нет источника 'no-such-source'"
    # Python's own complaint about the day stays English, in the same words as the English message's.
    english_start = {p.field: p.message for p in en}["start"]
    assert english_start.startswith("not a calendar date: '2001-02-30' (")
    assert said["start"] == "такой даты нет в календаре: '2001-02-30' (" + english_start.split(" (", 1)[1]
    path.write_text(path.read_text(encoding="utf-8") + "CSTO,KZ,member,15.05.1992,,wiki-csto-rev-2006,\n",
                    encoding="utf-8")
    with i18n.override("ru"), pytest.raises(CorpusError) as russian:
        load_reference(folder)
    assert "не дата (ГГГГ-ММ-ДД, ГГГГ-ММ или ГГГГ): '15.05.1992'" in [p.message for p in russian.value.problems]


def test_a_disagreement_with_the_table_is_told_in_russian_with_the_russian_plural(corpus):
    table = load_reference()
    records = [r.model_copy(update={"status": Status.former}) if r.id == "m-csto-uz-2012" else r
               for r in corpus.records]
    broken = replace(corpus, records=tuple(records), by_id={}, facets={})
    mismatches, _ = compare(broken, table, TODAY)
    english = summarise(mismatches)
    with i18n.override("ru"):
        russian = summarise(mismatches)
        single = str(mismatches[0])
    assert len(russian) == len(english) and english[0].startswith("reference/memberships.csv:")
    assert "[CSTO · Узбекистан (UZ)]" in single and " на 2012-12-19 в корпусе: former (m-csto-uz-2012), в таблице: " \
        "suspended" in single
    n = int(re.search(r"on (\d+) checked days", english[0])[1])
    words = {"one": "проверенный день", "few": "проверенных дня", "many": "проверенных дней"}
    form = words[Locale.parse("ru").plural_form(n)]
    assert f"({n} {form}) в корпусе: former (m-csto-uz-2012), в таблице: suspended" in russian[0]
    assert russian[0].split(":")[:2] == english[0].split(":")[:2]  # the same file and line


def test_the_about_pages_record_check_speaks_the_language_of_the_run_that_made_it(corpus, folder):
    log = folder / "corrections.yaml"
    log.write_text(log.read_text(encoding="utf-8").replace("records: [", "records: [m-nowhere, ", 1), encoding="utf-8")
    (folder / "memberships.csv").unlink()
    english = check_record(corpus, TODAY, folder)
    with i18n.override("ru"):
        russian = check_record(corpus, TODAY, folder)
    assert [p.split("/")[-1] for p in english.problems] == ["memberships.csv: file not found"]
    assert [p.split("/")[-1] for p in russian.problems] == ["memberships.csv: файл не найден"]
    [said] = [p for p in russian.log_problems if "m-nowhere" in p]
    assert "названа запись 'm-nowhere', которой нет в корпусе" in said
    assert not any(CYRILLIC.search(p) for p in english.problems + english.log_problems)


def test_no_message_of_ours_was_left_english_under_the_pseudo_locale(broken):
    # Each message went through the catalog (bracketed); pydantic's stays outside the brackets.
    pseudo = _problems(broken, i18n.PSEUDO)
    assert all(i18n.PSEUDO_OPEN in p.message for p in pseudo), [p.message for p in pseudo]
    assert KANT_QUOTE not in " ".join(p.message for p in pseudo)
