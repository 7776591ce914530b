"""The article reader (dashboard/evidence/reader.py): which spans are highlighted, and the HTML a reader gets."""

from __future__ import annotations

import html

import pytest

from dashboard.corpus.records import Corpus
from dashboard.evidence.reader import Highlight, build_reader_html, highlights_for, reader_document, segments
from tests.unit.tiny import tiny_corpus

A = Highlight(2, 9, "r-a.0", "r-a", "A <b>&")
B = Highlight(5, 12, "r-b.1", "r-b", 'B "q"')


def test_the_text_is_cut_at_every_mark_boundary_and_each_piece_knows_its_marks():
    assert segments("0123456789abcdef", [A, B]) == [
        ("01", []), ("234", [A]), ("5678", [A, B]), ("9ab", [B]), ("cdef", [])]
    assert segments("0123", []) == [("0123", [])]
    assert segments("0123", [Highlight(0, 4, "k", "r", "t")]) == [("0123", [Highlight(0, 4, "k", "r", "t")])]


def test_overlapping_excerpts_become_marks_with_one_anchor_each_and_the_focus_highlighted():
    out = build_reader_html("01<3456789abcdef", [A, B], "r-b.1")
    a_json = "[[&quot;r-a&quot;, &quot;A &lt;b&gt;&amp;&quot;]"
    b_json = "[&quot;r-b&quot;, &quot;B \\&quot;q\\&quot;&quot;]]"
    assert out == (
        '01<mark class="hl" id="x-r-a.0" data-keys="r-a.0" data-supports="' + a_json + ']" '
        'title="Supports: A &lt;b&gt;&amp;" tabindex="0">&lt;34</mark>'
        '<mark class="hl focus" id="x-r-b.1" data-keys="r-a.0 r-b.1" data-supports="' + a_json + ", " + b_json + '" '
        'title="Supports: A &lt;b&gt;&amp;; B &quot;q&quot;" tabindex="0">5678</mark>'
        '<mark class="hl focus" data-keys="r-b.1" data-supports="[' + b_json + '" '
        'title="Supports: B &quot;q&quot;" tabindex="0">9ab</mark>cdef')


def test_without_a_focus_no_mark_is_the_focus_and_titles_are_not_repeated():
    same = Highlight(2, 9, "r-a.1", "r-a", "A <b>&")
    out = build_reader_html("0123456789", [A, same], None)
    assert "focus" not in out
    assert 'title="Supports: A &lt;b&gt;&amp;"' in out and 'data-keys="r-a.0 r-a.1"' in out
    assert out.count(" id=") == 1


def test_the_page_wraps_the_text_and_escapes_it():
    page = reader_document("<script>alert(1)</script>", [], None)
    assert '<div id="text">' + html.escape("<script>alert(1)</script>") + "</div>" in page
    assert page.startswith("<!doctype html>") and "__TEXT__" not in page
    focused = reader_document("0123456789abcdef", [A, B], "r-b.1")
    assert focused.count('<mark class="hl focus"') == 2 and focused.count('<mark class="hl"') == 1


def _with_spans(corpus: Corpus, spans: dict[str, list[tuple[int, int] | None]]) -> Corpus:
    records = []
    for record in corpus.records:
        if record.id in spans:
            excerpts = [e.model_copy(update={"start": s[0], "end": s[1]}) if s else e
                        for e, s in zip(record.excerpts, spans[record.id])]
            record = record.model_copy(update={"excerpts": excerpts})
        records.append(record)
    return Corpus(corpus.sources, corpus.seeds, tuple(records), corpus.organizations, corpus.countries, "spans")


def test_an_articles_marks_are_its_located_excerpts_in_text_order():
    corpus = _with_spans(tiny_corpus(), {"ev-kg-week": [(50, 60), (5, 8)], "site-kg": [(10, 20)], "org-a": [(10, 15)],
                                          "ev-tj": [None]})
    assert highlights_for(corpus, "s1") == [Highlight(10, 15, "org-a.0", "org-a", "A"),
                                       Highlight(10, 20, "site-kg.0", "site-kg", "An air base"),
                                       Highlight(50, 60, "ev-kg-week.0", "ev-kg-week", "A week in Bishkek")]
    assert highlights_for(corpus, "s2") == [Highlight(5, 8, "ev-kg-week.1", "ev-kg-week", "A week in Bishkek")]
    assert highlights_for(corpus, "s3") == []


def test_a_disagreements_versions_are_marked_in_the_articles_they_quote():
    corpus = tiny_corpus()
    records = []
    for record in corpus.records:
        if record.id == "dis-tj":  # version 0 quotes s1 at 30-40; version 1 quotes s3 at no located span
            first = record.versions[0].excerpt.model_copy(update={"start": 30, "end": 40})
            record = record.model_copy(update={"versions": [record.versions[0].model_copy(update={"excerpt": first}),
                                                            record.versions[1]]})
        records.append(record)
    corpus = Corpus(corpus.sources, corpus.seeds, tuple(records), corpus.organizations, corpus.countries, "v")
    assert highlights_for(corpus, "s1") == [Highlight(30, 40, "dis-tj.v0", "dis-tj", "When the talks were")]
    assert highlights_for(corpus, "s3") == []


def test_a_reader_page_without_its_text_slot_is_refused(monkeypatch):
    # The article goes where reader.html says; were the slot edited away, the page would show no article.
    from dashboard.evidence import reader
    monkeypatch.setattr(reader, "static_page", lambda stem, config=None: "<div id='info'></div>")
    with pytest.raises(ValueError, match="reader.html"):
        reader_document("text", [], None)
