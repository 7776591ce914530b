"""Every non-English text carries its language (issue 28; WCAG 3.1.2): the corpus's Russian (aliases, references'
titles and quotes, the notes that quote them) is marked lang="ru" wherever the dashboard's HTML shows it, so that a
screen reader reads it with Russian rules. Checked over the whole corpus, renderer by renderer."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.corpus.model import Disagreement
from dashboard.downloads.briefing import build_briefing
from dashboard.downloads.snapshot import make_snapshot
from dashboard.evidence.compare import compare_html, compare_rows
from dashboard.evidence.html import disagreement_html
from dashboard.map.geo import load_borders, load_countries
from dashboard.query import link as vs
from dashboard.query.search import index_for
from tests.unit.lang import russian_words

ROOT = Path(__file__).resolve().parents[2]


def test_the_helper_tells_marked_from_unmarked_russian():
    assert russian_words('<p>CSTO (<span lang="ru">ОДКБ</span>) and ШОС<br>ok</p>') == (["ОДКБ"], ["ШОС"])
    assert russian_words('<div lang="ru"><b>ШОС</b></div><script>"ОДКБ"</script><a title="ЕАЭС">x</a>') == (["ШОС"], [])


def test_the_briefing_of_the_whole_corpus_marks_every_russian_word():
    import datetime as dt

    snap = make_snapshot(_corpus(), vs.ViewState(), made=dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC))
    page = build_briefing(snap, load_countries(ROOT / "geodata"), load_borders(ROOT / "geodata"))
    marked, unmarked = russian_words(page)
    assert unmarked == []
    assert len(marked) > 100   # the file does carry the corpus's Russian references


def test_every_disagreement_in_the_panel_marks_its_russian():
    corpus = _corpus()
    shown = "".join(disagreement_html(r, corpus) for r in corpus.records if isinstance(r, Disagreement))
    marked, unmarked = russian_words(shown)
    assert unmarked == [] and marked  # dis-greater-eurasia-who rests on Russian reports


def test_the_comparison_marks_the_public_records_russian():
    corpus = _corpus()
    marked, unmarked = russian_words(compare_html(compare_rows(list(corpus.records), corpus), corpus, lambda r: "#"))
    assert unmarked == []


@pytest.mark.parametrize("query", ["ШОС", "Душанбе", "Kant", "CSTO"])
def test_a_search_snippet_marks_its_russian_and_never_straddles_a_match(query):
    corpus = _corpus()
    for hit in index_for(corpus).search(query)[:20]:
        marked, unmarked = russian_words(hit.snippet)
        assert unmarked == [], hit.snippet
        assert '<mark><span lang="ru">' not in hit.snippet or "</span></mark>" in hit.snippet


def _corpus():
    from dashboard.corpus.load import load_corpus

    return load_corpus()


def test_the_about_pages_public_references_mark_their_russian():
    from dashboard.evidence.html import references_table_html

    corpus = _corpus()
    refs = {ref.url: ref for record in corpus.records for ref in record.references}
    shown = references_table_html(list(refs.values()))
    marked, unmarked = russian_words(shown)
    assert unmarked == [] and len(marked) >= 12   # twelve of the public records have Russian titles
    assert shown.count("<tr>") == len(refs) + 1 and all(escape_url(url) in shown for url in refs)


def escape_url(url: str) -> str:
    from dashboard import escape

    return escape.html_line(escape.url(url))
