"""The real corpus: coverage the issue asks for, and quotes that are exactly in the seeds."""

from __future__ import annotations

from collections import Counter

import pytest

from dashboard.corpus.model import Disagreement, Membership, VisitStop
from dashboard.corpus.quotes import normalise
from dashboard.corpus.records import (
    all_excerpts,
    count_excerpts_by_source,
    record_countries,
    record_orgs,
    resolve_excerpt,
)
from tests.unit.tiny import tiny_corpus


def test_at_least_40_records(corpus):
    assert len(corpus.records) >= 40


def test_every_seed_contributes_at_least_5_excerpts(corpus):
    counts = count_excerpts_by_source(corpus)
    assert set(counts) == set(corpus.sources)
    assert min(counts.values()) >= 5, counts


def test_every_record_has_a_country_or_organization(corpus):
    assert all(record_countries(r) or record_orgs(r) for r in corpus.records)


def test_every_record_is_sourced(corpus):
    for record in corpus.records:
        assert record.excerpts or record.references or isinstance(record, Disagreement), record.id


def test_every_located_record_names_a_public_reference_for_its_coordinates(corpus):
    for record in corpus.records:
        if getattr(record, "location", None) is not None:
            assert any(r.supports == "location" and r.url.startswith("http") for r in record.references), record.id


@pytest.mark.parametrize("kind", ["visit_stop", "military_site", "border", "membership", "organization",
                                  "figure", "event", "disagreement"])
def test_every_kind_is_present(corpus, kind):
    assert any(r.kind == kind for r in corpus.records)


def test_highlight_spans_are_exactly_the_quotes(corpus):
    for record in corpus.records:
        for excerpt in all_excerpts(record):
            text = corpus.seeds[excerpt.source].text
            assert excerpt.start is not None and excerpt.end is not None, record.id
            assert normalise(text[excerpt.start:excerpt.end]) == normalise(excerpt.quote), record.id


def test_visit_stops_are_in_order_with_dates_and_leaders(corpus):
    made = sorted((r for r in corpus.records if isinstance(r, VisitStop) and r.status == "made"),
                  key=lambda r: r.order)
    assert [s.city for s in made] == ["Almaty", "Dushanbe", "Bishkek"]
    assert [s.date.isoformat() for s in made] == ["2017-02-27", "2017-02-27", "2017-02-28"]
    assert all(len(s.leaders) >= 2 for s in made)
    statuses = Counter(r.status for r in corpus.records if isinstance(r, VisitStop))
    assert statuses["not_made"] == 2 and statuses["phone_call"] == 1


def test_the_dushanbe_date_disagreement_keeps_both_statements(corpus):
    dis = corpus.by_id["dis-dushanbe-date"]
    says = {v.says for v in dis.versions}
    assert "28 February 2017" in says and "27 February 2017" in says


def test_memberships_do_not_overlap_for_the_same_country_and_organization(corpus):
    periods: dict[tuple[str, str], list[Membership]] = {}
    for r in corpus.records:
        if isinstance(r, Membership):
            periods.setdefault((r.country, r.organization), []).append(r)
    for key, rows in periods.items():
        rows.sort(key=lambda r: r.date)
        for a, b in zip(rows, rows[1:]):
            assert a.date_end is not None and a.date_end <= b.date, key


def test_a_record_is_flagged_by_exactly_the_disagreements_that_name_it(corpus):
    # One answer (records.disputes_by_record) for the map's flags, the panel, the briefing, Compare and the marks' names.
    dushanbe = next(r for r in corpus.records if isinstance(r, VisitStop) and r.city == "Dushanbe")
    assert [d.id for d in corpus.disputes[dushanbe.id]] == ["dis-dushanbe-date"]
    for rid, found in corpus.disputes.items():
        assert all(rid in d.records for d in found)
    named = {rid for r in corpus.records if isinstance(r, Disagreement) for rid in r.records}
    assert corpus.disputed == frozenset(corpus.disputes) == named


TINY = tiny_corpus()
EXCERPT_KEYS = [
    # (a key as a link carries it, the excerpt it names: (record, index) or (record, "v", version), or None)
    ("ev-kg-week.0", ("ev-kg-week", 0)),
    ("ev-kg-week.1", ("ev-kg-week", 1)),
    ("ev-kg-week.2", None),                 # past its last excerpt
    ("dis-tj.v0", ("dis-tj", "v", 0)),
    ("dis-tj.v1", ("dis-tj", "v", 1)),
    ("dis-tj.v2", None),                    # past its last version
    ("ev-kg-week.v0", None),                # a record that is no disagreement has no versions
    ("ev-kg-week.v", None),
    ("dis-tj.vx", None),
    ("dis-tj.x0", None),
    ("dis-tj.-1", None),
    ("ev-kg-week", None),
    ("ev-kg-week.0.0", None),
    ("nowhere.0", None),
    ("", None),
]


@pytest.mark.parametrize(("key", "names"), EXCERPT_KEYS)
def test_an_excerpt_key_names_one_excerpt_or_none(key, names):
    if names is None:
        assert resolve_excerpt(key, TINY) is None
    elif names[1] == "v":
        assert resolve_excerpt(key, TINY) is TINY.by_id[names[0]].versions[names[2]].excerpt
    else:
        assert resolve_excerpt(key, TINY) is TINY.by_id[names[0]].excerpts[names[1]]
