"""The map page's excerpt list data (dashboard.evidence.excerpts.excerpt_list_data): pages, and text that stays text."""

from __future__ import annotations

from dashboard.evidence.excerpts import excerpt_list_data
from dashboard.query.filters import FilterState, select


def test_a_page_holds_at_most_its_size_and_counts_every_excerpt(corpus):
    records = select(corpus, FilterState())
    total = sum(len(r.excerpts) for r in records)
    data = excerpt_list_data(records, corpus, page=1, page_size=8)
    assert len(data["cards"]) == 8 and data["total"] == total and data["pages"] == -(-total // 8)
    last = excerpt_list_data(records, corpus, page=data["pages"], page_size=8)
    assert len(last["cards"]) == total - 8 * (data["pages"] - 1)


def test_a_page_past_the_end_shows_the_last_one(corpus):
    records = select(corpus, FilterState(countries=("KG",), kinds=("military_site",)))
    data = excerpt_list_data(records, corpus, page=99)
    assert data["page"] == data["pages"] and data["cards"]


def test_cards_carry_the_verbatim_quote_its_source_and_a_reader_link(corpus):
    records = select(corpus, FilterState(countries=("KG",), kinds=("military_site",)))
    card = excerpt_list_data(records, corpus, page=1)["cards"][0]
    record = records[0]
    assert card["quote"] == " ".join(record.excerpts[0].quote.split())
    assert card["label"] == corpus.sources[record.excerpts[0].source].label
    assert card["link"].startswith("reader?source=") and "&excerpt=" in card["link"]
    # Raw text: the list sets it with textContent, so nothing here is escaped or marked up.
    assert "&amp;" not in card["quote"] and "<" not in card["title"]
