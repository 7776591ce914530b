"""A record's excerpts as a card's markdown and as flat rows (dashboard/evidence/excerpts.py)."""

from __future__ import annotations

from dashboard import escape
from dashboard.corpus.model import Disagreement
from dashboard.corpus.records import all_excerpts
from dashboard.evidence.excerpts import excerpt_card_md, excerpt_rows, reader_link
from dashboard.query.filters import FilterState, select


def test_a_row_per_excerpt_with_its_source_span_and_a_link_to_its_place(corpus):
    records = select(corpus, FilterState(countries=("KG",), kinds=("military_site",)))
    rows = excerpt_rows(records, corpus)
    assert len(rows) == sum(len(all_excerpts(r)) for r in records)
    first, excerpt = rows[0], records[0].excerpts[0]
    assert first["quote"] == " ".join(excerpt.quote.split())
    assert first["source"] == corpus.sources[excerpt.source].label
    assert first["characters"] == f"{excerpt.start}–{excerpt.end}"
    assert first["link"] == reader_link(excerpt, f"{records[0].id}.0")
    assert first["link"].startswith("reader?source=") and "&excerpt=" in first["link"]


def test_a_disagreements_statements_are_listed_without_a_link_of_their_own(corpus):
    dis = next(r for r in corpus.records if isinstance(r, Disagreement) and len(all_excerpts(r)) > len(r.excerpts))
    rows = excerpt_rows([dis], corpus)
    assert [row["link"] for row in rows[len(dis.excerpts):]] == [None] * (len(all_excerpts(dis)) - len(dis.excerpts))


def test_a_card_quotes_verbatim_escaped_and_links_to_the_article(corpus):
    record = next(r for r in corpus.records if r.excerpts)
    excerpt = record.excerpts[0]
    card = excerpt_card_md(excerpt, f"{record.id}.0", corpus)
    assert card.startswith("> ")
    assert f"[Read in the article ↗]({reader_link(excerpt, f'{record.id}.0')})" in card
    assert card.endswith(f"characters {excerpt.start}–{excerpt.end}")
    assert f"**{escape.markdown(corpus.sources[excerpt.source].label)}**" in card
