"""Who belonged to what on a day (dashboard/corpus/memberships.py): start days, end days and the day after.

A period holds from `date` (inclusive) up to `date_end` (exclusive: the day the next status begins).
The records are those of tests/unit/tiny.py, plus a few made here for the odd cases.
"""

from __future__ import annotations

import pytest

from dashboard.corpus.memberships import (
    gaps,
    membership_active,
    membership_status,
    overlapping_periods,
    status_label,
)
from dashboard.corpus.model import Membership
from dashboard.map.marks import membership_payload
from dashboard.map.style import MEMBERSHIP_STYLE
from tests.unit.tiny import D, tiny_corpus

CORPUS = tiny_corpus()
PERIODS = [r for r in CORPUS.records if isinstance(r, Membership)]


def status_on(org: str, on) -> dict[str, str]:
    return {code: record.id for code, record in membership_status(PERIODS, org, on).items()}


STATUS = [
    # (case, grouping, day, {country: the record whose status the map shows})
    ("the day before KZ joined A", "org-a", D(2014, 12, 31), {}),
    ("the day KZ joined A (issue 19: start days are inclusive)", "org-a", D(2015, 1, 1), {"KZ": "m-kz-a"}),
    ("the day after", "org-a", D(2015, 1, 2), {"KZ": "m-kz-a"}),
    ("the last day of the membership", "org-a", D(2019, 12, 31), {"KZ": "m-kz-a"}),
    ("its end day: the next status holds", "org-a", D(2020, 1, 1), {"KZ": "m-kz-a-2020"}),
    ("the day after the end", "org-a", D(2020, 1, 2), {"KZ": "m-kz-a-2020"}),
    ("an open end still holds decades on", "org-a", D(2060, 1, 1), {"KZ": "m-kz-a-2020"}),
    ("a month's first day (UZ 'December 2006')", "org-b", D(2006, 12, 1), {"UZ": "m-uz-b"}),
    ("the day before that month", "org-b", D(2006, 11, 30), {}),
    ("the day before UZ's end", "org-b", D(2012, 12, 18), {"UZ": "m-uz-b", "TJ": "m-tj-b"}),
    ("UZ's end day, with nothing after it", "org-b", D(2012, 12, 19), {"TJ": "m-tj-b"}),
    ("the day after UZ's end", "org-b", D(2012, 12, 20), {"TJ": "m-tj-b"}),
    ("the day TJ became an observer", "org-b", D(2010, 3, 1), {"UZ": "m-uz-b", "TJ": "m-tj-b"}),
    ("the day before", "org-b", D(2010, 2, 28), {"UZ": "m-uz-b"}),
    ("a grouping with no periods", "org-c", D(2015, 1, 1), {}),
]


@pytest.mark.parametrize(("case", "org", "on", "expected"), STATUS, ids=[c[0] for c in STATUS])
def test_status_table(case, org, on, expected):
    assert status_on(org, on) == expected


def _period(rid: str, status: str, start, end=None, country: str = "KZ") -> Membership:
    return Membership(id=rid, kind="membership", title=f"x: {status}", country=country, organization="org-a",
                      status=status, date=start, date_end=end, topics=["security"])


def test_membership_active_on_the_boundaries():
    period = _period("m-x", "member", D(2015, 1, 1), D(2020, 1, 1))
    assert [membership_active(period, day) for day in (D(2014, 12, 31), D(2015, 1, 1), D(2019, 12, 31),
                                                        D(2020, 1, 1))] == [False, True, True, False]
    undated = Membership.model_construct(id="m-u", kind="membership", title="x: member", country="KZ",
                                         organization="org-a", status="member", date=None, date_end=None)
    assert membership_active(undated, D(1991, 1, 1))


def test_where_two_periods_overlap_the_later_start_wins_whatever_the_order():
    # The validator refuses overlaps; should one slip through, the map shows the newer status.
    early, late = _period("m-1", "observer", D(2005, 1, 1)), _period("m-2", "member", D(2010, 1, 1))
    for records in ([early, late], [late, early]):
        assert {c: r.id for c, r in membership_status(records, "org-a", D(2012, 1, 1)).items()} == {"KZ": "m-2"}
    same_day = [_period("m-3", "observer", D(2010, 1, 1)), _period("m-4", "member", D(2010, 1, 1))]
    assert membership_status(same_day, "org-a", D(2010, 1, 1))["KZ"].id == "m-4"


def test_on_a_start_day_the_country_is_shaded_with_its_new_status():
    payload = membership_payload(membership_status(PERIODS, "org-a", D(2020, 1, 1)), "A", CORPUS, D(2020, 1, 1))
    assert payload["KZ"]["style"]["fillColor"] == MEMBERSHIP_STYLE["former"]["fillColor"]
    assert "A: former<br>since 1 Jan 2020" in payload["KZ"]["tooltip"]
    before = membership_payload(membership_status(PERIODS, "org-a", D(2019, 12, 31)), "A", CORPUS, D(2019, 12, 31))
    assert before["KZ"]["style"]["fillColor"] == MEMBERSHIP_STYLE["member"]["fillColor"]
    assert "since 1 Jan 2015 (as of 31 Dec 2019)" in before["KZ"]["tooltip"]


def test_a_status_known_to_the_month_says_so_in_the_tooltip():
    payload = membership_payload(membership_status(PERIODS, "org-b", D(2007, 1, 1)), "B", CORPUS, D(2007, 1, 1))
    assert "since Dec 2006" in payload["UZ"]["tooltip"]


@pytest.mark.parametrize(("status", "label"), [("member", "member"), ("dialogue_partner", "dialogue partner"),
                                               ("suspended", "suspended")])
def test_status_labels_read_as_words(status, label):
    assert status_label(status) == label
    assert status_label(_period("m-x", status, D(2015, 1, 1)).status) == label


OVERLAPS = [
    # (periods as (id, start, end), the overlapping pairs the validator reports)
    ([("m-1", D(2000, 1, 1), D(2005, 1, 1)), ("m-2", D(2005, 1, 1), None)], []),        # end day = next start
    ([("m-1", D(2000, 1, 1), D(2005, 1, 2)), ("m-2", D(2005, 1, 1), None)], [("m-1", "m-2")]),  # one day shared
    ([("m-1", D(2000, 1, 1), None), ("m-2", D(2005, 1, 1), None)], [("m-1", "m-2")]),   # an open period
    ([("m-2", D(2005, 1, 1), None), ("m-1", D(2000, 1, 1), None)], [("m-1", "m-2")]),   # in any order
    ([("m-1", D(2000, 1, 1), None), ("m-2", D(2005, 1, 1), D(2006, 1, 1)), ("m-3", D(2007, 1, 1), None)],
     [("m-1", "m-2"), ("m-1", "m-3")]),
]


@pytest.mark.parametrize(("periods", "expected"), OVERLAPS)
def test_overlapping_periods_are_named_in_order(periods, expected):
    records = [_period(rid, "member", start, end) for rid, start, end in periods]
    assert [(a.id, b.id) for a, b in overlapping_periods(records)] == expected


def test_periods_of_other_countries_or_groupings_never_overlap():
    kz = _period("m-1", "member", D(2000, 1, 1))
    tj = _period("m-2", "member", D(2001, 1, 1), country="TJ")
    other = kz.model_copy(update={"id": "m-3", "organization": "org-b"})
    assert overlapping_periods([kz, tj, other]) == []


def test_gaps_and_overlaps_are_found_per_country_and_organization_only():
    # One country's end and another's later start are no gap; two countries' periods at once are no overlap.
    kz = _period("m-kz", "member", D(1994, 1, 1), D(1999, 1, 1))
    uz = _period("m-uz", "member", D(2006, 1, 1), None, country="UZ")
    tj = _period("m-tj", "member", D(1995, 1, 1), None, country="TJ")
    kz_again = _period("m-kz-2", "member", D(2001, 1, 1))
    assert gaps([kz, uz, tj]) == []
    assert overlapping_periods([kz, uz, tj]) == []
    assert [(a.id, b.id) for a, b in gaps([uz, kz_again, tj, kz])] == [("m-kz", "m-kz-2")]
    other_org = kz_again.model_copy(update={"id": "m-kz-b", "organization": "org-b"})
    assert gaps([kz, other_org]) == []


def test_a_status_is_held_since_the_first_period_of_its_unbroken_run():
    from dashboard.corpus.memberships import status_held_since

    # Armenia in the EAEU: a period split only where a doubt starts keeps its status, and the map says since when.
    first = _period("m-1", "member", D(2015, 1, 2), D(2026, 5, 29))
    doubted = _period("m-2", "member", D(2026, 5, 29))
    assert status_held_since([first, doubted], doubted) is first
    # A different status before it ends the run; so does a gap.
    observer = _period("m-0", "observer", D(2010, 1, 1), D(2015, 1, 2))
    assert status_held_since([observer, first], first) is first
    apart = _period("m-3", "member", D(2027, 1, 1))
    assert status_held_since([first, apart], apart) is apart


def test_a_zero_length_period_does_not_send_the_walk_round_for_ever():
    import threading

    from dashboard.corpus.memberships import status_held_since

    # A period that ends the day it starts, before one of the same status: the walk back must stop at the later
    # period, not step onto the empty one and look it up again and again (it is its own predecessor).
    empty = _period("m-empty", "member", D(2020, 1, 1), D(2020, 1, 1))
    later = _period("m-later", "member", D(2020, 1, 1))
    found = []
    walk = threading.Thread(target=lambda: found.append(status_held_since([empty, later], later)), daemon=True)
    walk.start()
    walk.join(timeout=5)
    assert found == [later]
