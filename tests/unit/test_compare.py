"""Compare the sources: built from the corpus, a column per article, disputed rows first (issue 16)."""

from __future__ import annotations

import csv
import io

from dashboard.compare import RECORD_COLUMN, compare_csv, compare_rows
from dashboard.filters import FilterState, select
from dashboard.state import resolve_excerpt


def row(rows, rid):
    return next(r for r in rows if r.record_id == rid)


def cells(r):
    return {c.source: c for c in r.cells}


def test_the_columns_are_the_articles_in_corpus_order_then_the_record(corpus):
    rows = compare_rows(list(corpus.records), corpus)
    assert [c.source for c in rows[0].cells] == [*corpus.sources, RECORD_COLUMN]


def test_rows_with_a_disagreement_come_first(corpus):
    rows = compare_rows(list(corpus.records), corpus)
    flags = [r.disputed for r in rows]
    assert flags == sorted(flags, reverse=True) and flags[0] and not flags[-1]


def test_the_dushanbe_date_row(corpus):
    # The Asia Times article dates the talks to 28 February; the Kremlin's record to the 27th.
    dushanbe = cells(row(compare_rows(list(corpus.records), corpus), "stop-dushanbe"))
    assert dushanbe["cement-2017"].verdict == "differs" and "February 28" in dushanbe["cement-2017"].quote
    assert dushanbe["spotlight-2017"].verdict == "agrees"
    assert dushanbe["gusev-2019"].verdict == "silent" and dushanbe["gusev-2019"].quote is None
    assert dushanbe[RECORD_COLUMN].verdict == "record" and dushanbe[RECORD_COLUMN].url.startswith("http")


def test_a_cell_links_to_its_quote_in_the_article(corpus):
    rows = compare_rows(list(corpus.records), corpus)
    for r in rows:
        for c in r.cells:
            if c.source != RECORD_COLUMN and c.verdict != "silent":
                excerpt = resolve_excerpt(c.excerpt, corpus)
                assert excerpt.source == c.source
                assert " ".join(excerpt.quote.split()).startswith(c.quote.rstrip(" …"))


def test_a_subject_no_public_reference_covers_is_not_comparable(corpus):
    cadets = cells(row(compare_rows(list(corpus.records), corpus), "fig-tj-officer-cadets"))
    assert cadets["gusev-2019"].verdict == "not comparable"
    assert cadets[RECORD_COLUMN].verdict == "silent"


def test_it_follows_the_filters(corpus):
    kyrgyz = compare_rows(select(corpus, FilterState(countries=("KG",))), corpus)
    assert kyrgyz and all("KG" in corpus.facets[r.record_id]["countries"] for r in kyrgyz)


def test_the_csv_has_a_column_per_article_and_the_record(corpus):
    rows = compare_rows(list(corpus.records), corpus)
    table = list(csv.reader(io.StringIO(compare_csv(rows, corpus))))
    assert table[0] == ["subject", "ref", "disagreements", *(s.label for s in corpus.sources.values()),
                        "public record"]
    dushanbe = next(t for t in table if t[1] == "stop-dushanbe")
    assert dushanbe[2] == "dis-dushanbe-date"
    assert dushanbe[3 + list(corpus.sources).index("cement-2017")].startswith("differs: In talks with Tajik")
    assert len(table) == len(rows) + 1


def test_every_link_in_the_table_is_named_by_what_it_shows_first(corpus):
    # WCAG 2.5.3 (axe: label-content-name-mismatch): a link's name starts with its visible words.
    import re

    from dashboard.compare import compare_html

    page = compare_html(compare_rows(corpus.records, corpus), corpus, lambda rid: f"./?sel={rid}")
    links = re.findall(r'<a href="[^"]*"[^>]*?(?: aria-label="([^"]*)")?>([^<]*)</a>', page)
    named = [(label, text) for label, text in links if label]
    assert named and all(label.startswith(text.rstrip(" ↗")) for label, text in named)
    assert any(label.startswith("read in the article: ") and " on Stop 2: Dushanbe" in label for label, _ in named)
