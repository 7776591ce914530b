"""Dates on a Russian page (issue 30): calendar dates through the one formatter (dates.format_date), in full words
where there is room (headings, the evidence, notes, the articles' dates under each quote, the citation) and short
only where space is tight (a tooltip, a tick, a table's column); never ISO where people read them. English as it
was. And a public record's `supports` key as a label of ours in the files."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dashboard import i18n
from dashboard.corpus.dates import day_templates, format_date
from dashboard.downloads.briefing import build_briefing
from dashboard.downloads.embed import build_embed
from dashboard.downloads.snapshot import make_snapshot, view_link
from dashboard.evidence.excerpts import excerpt_card_md
from dashboard.evidence.facts import source_citation, supports_label, when_text
from dashboard.map.geo import load_borders, load_countries
from dashboard.query import link as vs
from tests.conftest import ROOT

MADE = dt.datetime(2026, 12, 6, 9, 30, tzinfo=dt.UTC)
BASE = "https://central-asia-tour-dashboard.streamlit.app/"
ISO = re.compile(r"\b\d{4}-\d\d-\d\d\b")


def plain(text: str) -> str:
    return text.replace("\u202f", " ")


@pytest.mark.parametrize(("day", "precision", "english", "russian", "russian_short"), [
    (dt.date(2017, 3, 2), "day", "2 Mar 2017", "2 марта 2017 г.", "2 мар. 2017 г."),
    (dt.date(2017, 2, 27), "day", "27 Feb 2017", "27 февраля 2017 г.", "27 февр. 2017 г."),
    (dt.date(2017, 2, 1), "month", "Feb 2017", "февраль 2017 г.", "февр. 2017 г."),
    (dt.date(2019, 1, 1), "year", "2019", "2019", "2019"),
])
def test_a_date_is_in_full_words_in_russian_and_short_only_when_asked(day, precision, english, russian, russian_short):
    with i18n.override("en"):
        assert format_date(day, precision) == format_date(day, precision, short=True) == english
    with i18n.override("ru"):
        assert plain(format_date(day, precision)) == russian
        assert plain(format_date(day, precision, short=True)) == russian_short


def test_a_days_pattern_for_the_browser_is_the_formatters():
    with i18n.override("ru"):
        assert [plain(t) for t in day_templates()][1:3] == ["{d} февраля {y} г.", "{d} марта {y} г."]
        assert plain(day_templates(short=True)[1]) == "{d} февр. {y} г."
    with i18n.override("en"):
        assert day_templates()[1] == day_templates(short=True)[1] == "{d} Feb {y}"


def test_the_articles_dates_under_a_quote_are_calendar_dates(corpus):
    source = next(s for s in corpus.sources.values() if s.published == dt.date(2017, 3, 2))
    record = next(r for r in corpus.records if r.excerpts and r.excerpts[0].source == source.id)
    with i18n.override("ru"):
        said, card = source_citation(source), excerpt_card_md(record.excerpts[0], "k", corpus)
    assert "2 марта 2017 г." in plain(said) and r"2 марта 2017 г\." in plain(card)  # markdown-escaped
    assert not ISO.search(said) and "2017-03-02" not in card
    with i18n.override("en"):
        assert source_citation(source).endswith("2 Mar 2017")


def test_the_evidence_says_a_records_date_in_full_words_and_a_table_short(corpus):
    stop = corpus.by_id["stop-almaty"]
    with i18n.override("ru"):
        assert plain(when_text(stop)) == "27 февраля 2017 г."
        assert plain(when_text(stop, short=True)) == "27 февр. 2017 г."
    with i18n.override("en"):
        assert when_text(stop) == when_text(stop, short=True) == "27 Feb 2017"


@pytest.fixture(scope="module")
def files(corpus):
    geodata = load_countries(ROOT / "geodata"), load_borders(ROOT / "geodata")
    out = {}
    for lang in ("ru", "en"):
        with i18n.override(lang):
            view = vs.ViewState(selected="site-kant")
            snap = make_snapshot(corpus, view, made=MADE, link=view_link(BASE, view, corpus))
            out[lang] = build_briefing(snap, *geodata), build_embed(snap, *geodata)
    return out


def _shown(html: str) -> str:
    # What a reader sees: the text between tags, not the attributes, scripts' data or styles.
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return " ".join(re.findall(r">([^<]+)<", html))


def test_the_files_say_the_articles_and_the_public_records_dates_as_calendar_dates(corpus, files):
    # The articles' labels and the public records' titles are the corpus's own words, dates and all: as written.
    titles = [s.label for s in corpus.sources.values()]
    titles += [ref.title for r in corpus.records for ref in [*r.references, *getattr(r, "versions", [])]
               if hasattr(ref, "title")]
    titles += [v.reference.title for r in corpus.records for v in getattr(r, "versions", []) if v.reference]
    labelled = {day for title in titles for day in ISO.findall(title)}
    assert "2 марта 2017 г." in plain(files["ru"][0])  # the briefing's citations (the published map's say no date)
    for html in files["ru"]:
        shown = plain(html)
        assert "просмотрено 5 декабря 2026 г." in shown
        assert set(ISO.findall(_shown(html))) <= labelled and "просмотрено 20" not in shown
    briefing, embed = files["en"]
    assert "2 Mar 2017" in briefing and ", read 5 Dec 2026" in embed and ", read 2026-" not in embed


def test_the_files_label_what_a_public_record_backs_in_the_pages_words(files):
    for html in files["ru"]:
        assert "<b>начало</b>:" in html and "<b>start</b>" not in html
        assert "<b>location</b>" not in html and "<b>summary</b>" not in html
    for html in files["en"]:
        assert "<b>start</b>:" in html
    with i18n.override("ru"):
        assert [supports_label(k) for k in ("location", "date", "end", "status", "signed")] == [
            "место", "дата", "окончание", "статус", "подписано"]
        assert supports_label("odd_field") == "odd field"  # unknown: as the corpus writes it (marked lang="en")
