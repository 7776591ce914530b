"""What a reference's `supports` label may name, and the message an editor gets (dashboard/corpus/support.py)."""

from __future__ import annotations

import pytest

from dashboard.corpus.model import Border, Figure, Reference
from dashboard.corpus.support import date_problem, label_choices, label_fits, label_problem, supported_field
from tests.unit.tiny import tiny_corpus

CORPUS = tiny_corpus()
BORDER = Border(id="border-x", kind="border", title="A border", geodata_id="TJ-AF", countries=["TJ", "AF"],
                topics=["security"])
DISTANCE = Figure(id="fig-km", kind="figure", title="A distance", measure="distance", value=1344, unit="km",
                  countries=["TJ"], topics=["security"])


def ref(label: str, quote: str | None = None) -> Reference:
    return Reference(supports=label, title="A public record", url="https://example.org", quote=quote)


@pytest.mark.parametrize(("label", "field"), [("start", "date"), ("end", "date_end"), ("date", "date"),
                                              ("status", "status"), ("length", "length")])
def test_start_and_end_are_other_names_for_the_dates(label, field):
    assert supported_field(label) == field


CHOICES = [
    # (record, the labels its references may carry)
    # A membership's country and grouping say which record it is, not a fact a reference proves.
    (CORPUS.by_id["m-kz-a"], ["date", "date_end", "status"]),
    (CORPUS.by_id["m-kz-a-2020"], ["date", "status"]),     # an open period: no end
    (CORPUS.by_id["site-kg"], ["host", "location", "operator", "status"]),
    (CORPUS.by_id["fig-tj"], ["countries", "date", "measure", "unit", "value"]),
    (DISTANCE, ["countries", "length", "measure", "unit", "value"]),                   # a distance has a length
    (BORDER, ["countries", "length"]),
]


@pytest.mark.parametrize(("record", "labels"), CHOICES, ids=[c[0].id for c in CHOICES])
def test_the_labels_a_record_offers(record, labels):
    assert label_choices(record) == labels
    assert all(label_fits(record, label) for label in labels)


@pytest.mark.parametrize("label", ["title", "id", "kind", "topics", "excerpts", "references", "date_precision",
                                   "geodata_id", "summary", "charter", "LENGTH"])
def test_bookkeeping_empty_and_unknown_fields_are_no_facts(label):
    assert not label_fits(BORDER, label)


def test_an_empty_field_is_no_fact():
    assert not label_fits(BORDER.model_copy(update={"summary": ""}), "summary")
    assert label_fits(BORDER.model_copy(update={"summary": "A line"}), "summary")


def test_length_fits_a_border_and_a_distance_only():
    assert label_fits(BORDER, "length") and label_fits(DISTANCE, "length")
    assert not label_fits(CORPUS.by_id["fig-tj"], "length") and not label_fits(CORPUS.by_id["site-kg"], "length")


def test_a_wrong_label_is_named_with_the_ones_that_would_do():
    assert label_problem(CORPUS.by_id["m-kz-a"], ref("start")) is None
    assert label_problem(CORPUS.by_id["m-kz-a"], ref("charter")) == (
        "supports: 'charter' names no fact this record has; use one of: date, date_end, status (start = date, "
        "end = date_end)")
    assert label_problem(BORDER, ref("status")) == (
        "supports: 'status' names no fact this record has; use one of: countries, length (start = date, end = "
        "date_end)")


def test_a_disagreements_reference_names_a_fact_of_a_record_it_concerns():
    dispute, event = CORPUS.by_id["dis-tj"], CORPUS.by_id["ev-tj"]
    assert label_problem(dispute, ref("date"), [event]) is None
    assert label_problem(dispute, ref("charter"), [event]) == (
        "supports: 'charter' names no fact the records it concerns have; use one of: countries, date "
        "(start = date, end = date_end)")
    assert label_problem(dispute, ref("date")) == (
        "supports: 'date' names no fact the records it concerns have; use one of: countries (start = date, "
        "end = date_end)")  # without the records it concerns, only its own facts


DATES = [
    # (record, label, quote, the problem shown, or None when the quote states the date)
    ("m-kz-a", "start", "Kazakhstan joined on 1 January 2015.", None),
    ("m-kz-a", "start", "Kazakhstan joined in January 2015.",
     "the quote does not state date 1 Jan 2015; it gives the month only: set date_precision: month"),
    ("m-kz-a", "start", "Kazakhstan joined in 2015.", "the quote does not state date 1 Jan 2015; it gives the year "
     "only (2015)"),
    ("m-kz-a", "start", "Kazakhstan joined.", "the quote does not state date 1 Jan 2015"),
    ("m-kz-a", "end", "It left on 1 January 2020.", None),
    ("m-kz-a", "end", "It left on 2 January 2020.",
     "the quote does not state date_end 1 Jan 2020; it gives 2 January"),           # another day, not the month
    ("m-kz-a", "end", "It left between 2 and 3 January 2020.",
     "the quote does not state date_end 1 Jan 2020; it gives 2 January, 3 January"),   # every day it gives

    ("ev-jul", "date", "A strategy adopted in July 2019.", None),
    ("ev-jul", "date", "A strategy adopted in 2019.", "the quote does not state date Jul 2019; it gives the year "
     "only (2019)"),
    ("m-kz-a", "status", "Not a date at all.", None),        # not a date label: not checked here
    ("m-kz-a", "start", None, None),                         # no quote: nothing to check
    ("m-kz-a-2020", "end", "Whatever it says.", None),       # no date_end to state
]


@pytest.mark.parametrize(("rid", "label", "quote", "problem"), DATES)
def test_a_date_reference_must_state_the_date(rid, label, quote, problem):
    assert date_problem(CORPUS.by_id[rid], ref(label, quote)) == problem


def test_a_disagreements_date_references_are_checked_elsewhere():
    assert date_problem(CORPUS.by_id["dis-tj"], ref("date", "no date here")) is None
