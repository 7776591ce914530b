"""Compare the sources: built from the corpus, a column per article, disputed rows first (issue 16)."""

from __future__ import annotations

import csv
import io

from dashboard.corpus.records import resolve_excerpt
from dashboard.evidence.compare import RECORD_COLUMN, compare_csv, compare_rows
from dashboard.query.filters import FilterState, select


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

    from dashboard.evidence.compare import compare_html

    page = compare_html(compare_rows(corpus.records, corpus), corpus, lambda rid: f"./?sel={rid}")
    links = re.findall(r'<a href="[^"]*"[^>]*?(?: aria-label="([^"]*)")?>([^<]*)</a>', page)
    named = [(label, text) for label, text in links if label]
    assert named and all(label.startswith(text.rstrip(" ↗")) for label, text in named)
    assert any(label.startswith("read in the article: ") and " on Stop 2: Dushanbe" in label for label, _ in named)


# Issue 24, case 1: the Kazakh–Russian border. Ishchenko's "thousands of kilometers" agrees with both
# references; the dispute is between the references (6,846 against 7,644 km), shown on the record's column.
# Gusev's "longest land border" differs, and the cell names its own disagreement.
def test_an_article_the_record_bears_out_is_not_said_to_differ(corpus):
    kz_ru = cells(row(compare_rows(list(corpus.records), corpus), "border-kz-ru"))
    assert kz_ru["ishchenko-2017"].verdict == "agrees" and "thousands of kilometers" in kz_ru["ishchenko-2017"].quote
    assert kz_ru["gusev-2019"].verdict == "differs"
    assert kz_ru["gusev-2019"].disagreements == ("dis-kz-ru-longest",)
    assert "The longest land border in the world" in kz_ru["gusev-2019"].reason
    assert "How long" not in kz_ru["gusev-2019"].reason
    assert kz_ru[RECORD_COLUMN].verdict == "disputed"
    assert kz_ru[RECORD_COLUMN].disagreements == ("dis-kz-ru-length",)
    assert "How long is the Kazakh–Russian border?" in kz_ru[RECORD_COLUMN].reason


def test_every_verdict_has_a_reason_and_differs_names_its_disagreement(corpus):
    rows = compare_rows(list(corpus.records), corpus)
    for r in rows:
        for c in r.cells:
            assert c.reason.strip(), (r.record_id, c.source, c.verdict)
            if c.verdict in ("differs", "disputed"):
                assert c.disagreements and set(c.disagreements) <= set(r.disagreements), (r.record_id, c.source)
                for dis in c.disagreements:
                    assert corpus.by_id[dis].title in c.reason
            else:
                assert not c.disagreements


def test_differs_only_where_the_articles_own_words_are_set_against_the_record(corpus):
    # Walk every row: an article's cell says "differs" exactly when one of its excerpts is a version,
    # not marked as borne out by the record, in a disagreement the cell names.
    from dashboard.corpus.model import Disagreement

    rows = compare_rows(list(corpus.records), corpus)
    for r in rows:
        for c in r.cells:
            if c.source == RECORD_COLUMN or c.verdict != "differs":
                continue
            for dis in c.disagreements:
                d = corpus.by_id[dis]
                assert isinstance(d, Disagreement)
                assert any(v.excerpt is not None and v.excerpt.source == c.source and not v.agrees_with_record
                           for v in d.versions), (r.record_id, c.source, dis)


def test_the_page_names_the_disagreement_a_cell_means_and_the_references_dispute(corpus):
    import re

    from dashboard.evidence.compare import compare_html

    page = compare_html(compare_rows(corpus.records, corpus), corpus, lambda rid: f"./?sel={rid}")
    kz_ru = next(tr for tr in page.split("<tr>") if "sel=border-kz-ru" in tr)
    tds = re.findall(r'<td class="cmp-(\w+)">(.*?)</td>', kz_ru)
    texts = [re.sub(r"<[^>]+>", "", body) for _, body in tds]
    ishchenko = next(t for t in texts if "thousands of kilometers" in t)
    assert "agrees with the record" in ishchenko and "differs" not in ishchenko
    gusev = next(t for t in texts if "longest land border" in t)
    assert "differs from the record" in gusev and "The longest land border in the world" in gusev
    assert tds[-1][0] == "disputed" and "How long is the Kazakh–Russian border?" in texts[-1]
    assert 'href="./?sel=dis-kz-ru-length"' in tds[-1][1]
    assert "see the disagreement" not in page


def test_a_version_said_to_agree_needs_the_articles_words(tmp_path):
    # agrees_with_record is said of an article's words; on a reference the validator names it.
    import pytest

    from dashboard.corpus.load import load_corpus
    from dashboard.corpus.problems import CorpusError
    from tests.unit.test_validate import ORG

    text = ORG + """\
  - id: dis-x
    kind: disagreement
    title: When was the CSTO established?
    organizations: [org-csto]
    topics: [security]
    records: [org-csto]
    versions:
      - says: "1992"
        excerpt: {source: spotlight-2017, quote: a Russia-led military alliance established in 1992.}
      - says: "2002"
        agrees_with_record: true
        reference: {supports: date, title: CSTO, url: "https://en.wikipedia.org/wiki/CSTO"}
"""
    path = tmp_path / "annotations.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        load_corpus(path)
    problem = next(p for p in info.value.problems if "agrees_with_record" in p.message)
    assert (problem.line, problem.record) == (23, "dis-x"), str(problem)  # the version that says it
