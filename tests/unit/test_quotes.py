"""Quote lookup (issue 19, dashboard/corpus/quotes.py): whitespace is loose, nothing else is."""

from __future__ import annotations

import pytest

from dashboard.corpus.quotes import Seed, normalise, normalise_with_offsets
from tests.unit.tiny import tiny_corpus


def _seed(text: str):
    return Seed(tiny_corpus().sources["s1"], text, *normalise_with_offsets(text))


ARTICLE = "  Russia flies Su-25 combat planes\nand Mi-8 helicopters\n\n  from the Kant airbase.\n"
FIND = [
    # (quote, the text it spans in ARTICLE, or None when it is not there verbatim)
    ("Russia flies Su-25 combat planes and Mi-8", "Russia flies Su-25 combat planes\nand Mi-8"),
    ("Mi-8 helicopters from the Kant airbase.", "Mi-8 helicopters\n\n  from the Kant airbase."),
    ("  Russia   flies\tSu-25 ", "Russia flies Su-25"),           # the quote's own spacing does not matter
    ("R", "R"),                                                     # the first character
    (".", "."),                                                     # the last
    ("Russia flies Su-26 combat planes", None),                     # near misses
    ("russia flies Su-25", None),
    ("Russia flies Su-25 planes", None),
    ("Russia flies Su-25 combat planes, and Mi-8", None),
    ("Russia fliesSu-25", None),                                    # a space is not optional
    ("the Kant airbase. It", None),                                 # runs past the end
    ("", None),
    ("   \n ", None),
]


@pytest.mark.parametrize(("quote", "spanned"), FIND)
def test_a_quote_is_found_exactly_or_not_at_all(quote, spanned):
    seed = _seed(ARTICLE)
    found = seed.find(quote)
    assert (ARTICLE[found[0]:found[1]] if found else None) == spanned


def test_a_quote_that_occurs_twice_spans_its_first_occurrence():
    seed = _seed("the base, and later the base again")
    assert seed.find("the base") == (0, 8)


def test_whitespace_is_collapsed_and_trimmed():
    assert normalise("  a \n\t b  c\n") == "a b c"
    text, offsets = normalise_with_offsets(" a \n b")
    assert text == "a b" and offsets == (1, 4, 5)  # a run of spaces stands at its last character
    assert normalise_with_offsets("a b") == ("a b", (0, 1, 2))
