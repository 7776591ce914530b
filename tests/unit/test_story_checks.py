"""A story's checks against the corpus (dashboard/story/checks.py, issue 14): a table of broken steps, each with the
message it must produce (file, line, step, field), and the numbers the dashboard's own words may state."""

from __future__ import annotations

import pytest

from dashboard.story.checks import evidence_numbers, numbers_in
from tests.unit.stories import GOOD, marked_line, problems_of

# --- broken steps, each with its message ----------------------------------------------------------------

BROKEN = [
    # An id that is in no record of annotations.yaml.
    (GOOD.replace("marks: [stop-almaty]", "marks: [stop-nowhere]  # <-"), "marks", "unknown record 'stop-nowhere'"),
    # A quote that is not in its article word for word.
    (GOOD.replace("were apparent", "were evident").replace("Nursultan Nazarbayev\n", "Nursultan Nazarbayev  # <-\n"),
     "excerpts.quote", "quote not found verbatim in 004_8ba6c02ffa2a8b5e.txt"),
    # A quote cut short with an ellipsis (two excerpts are two quotes).
    (GOOD.replace("Nursultan Nazarbayev\n", "Nursultan … Nazarbayev  # <-\n"), "excerpts.quote",
     "must not contain an ellipsis"),
    (GOOD.replace("source: cement-2017", "source: pravda-2017  # <-"), "excerpts.source",
     "unknown source 'pravda-2017'"),
    (GOOD.replace("cites: [stop-almaty]", "cites: [stop-almaty, ev-nowhere]  # <-"), "notes.cites",
     "unknown record 'ev-nowhere'"),
    # Connecting text must rest on records: a year none of them gives is an invented fact.
    (GOOD.replace("text: The talks were on the first day of the tour.", "text: The talks were in 2016.  # <-"),
     "notes.text", "2016 is in none of the records the note cites"),
    (GOOD.replace('heading: "Almaty: Putin and Nazarbayev"', 'heading: "Almaty: 3 meetings"  # <-'),
     "heading", "3 is in no excerpt of this step"),
    # A date the step shows must be a record's.
    (GOOD.replace("date: 2017-02-27", "date: 2017-02-26  # <-"), "date",
     "2017-02-26 is not a date of any record this step marks or cites"),
    (GOOD.replace("date: 2017-02-27", "date: 2017-02-27\n    date_end: 2017-02-28  # <-"), "date_end",
     "2017-02-28 is not a date of any record"),
    # The protests' date (26 February) is a record's, but before the step's date.
    (GOOD.replace("date: 2017-02-27", "date: 2017-02-27\n    date_end: 2017-02-26  # <-")
     .replace("cites: [stop-almaty]", "cites: [stop-almaty, ev-kg-protests]"), "date_end", "date_end is before date"),
    (GOOD.replace("marks: [stop-almaty]", "marks: [ev-kg-protests]  # <-"), "marks",
     "ev-kg-protests is a event, which has no mark on the map"),
    (GOOD.replace("marks: [stop-almaty]", "marks: [stop-almaty, stop-almaty]  # <-"), "marks",
     "stop-almaty is marked twice"),
    (GOOD + "    disagreements: [site-kant]  # <-\n", "disagreements", "site-kant is a military site, not a disagreement"),
    (GOOD + "    view: {at: ev-kg-protests, zoom: 6}  # <-\n", "view.at", "ev-kg-protests has no location"),
    (GOOD + "    view: {at: stop-almaty, lat: 40, lon: 70, zoom: 6}  # <-\n", "view",
     "give either `at` (a record id) or both `lat` and `lon`"),
    (GOOD + "    view: {at: stop-almaty, zoom: 14}  # <-\n", "view.zoom", "less than or equal to 10"),
    # Memberships are shaded polygons: the step says by which grouping and on which day.
    (GOOD.replace("marks: [stop-almaty]", "marks: [stop-almaty, m-csto-kz-1992]\n    map: {}  # <-"), "map",
     "says which grouping the map shades"),
    (GOOD.replace("marks: [stop-almaty]", "marks: [stop-almaty, m-eaeu-kz-2015]  # <-\n"
                  "    map: {shade: org-csto, as_of: 2017-02-27}"), "marks",
     "m-eaeu-kz-2015 is a membership in org-eaeu, but the map shades org-csto"),
    (GOOD.replace("marks: [stop-almaty]", "marks: [stop-almaty, m-csto-am-2024]  # <-\n"
                  "    map: {shade: org-csto, as_of: 2017-02-27}"), "marks",
     "m-csto-am-2024 does not hold on 2017-02-27"),
    (GOOD + "    map: {shade: org-bri}  # <-\n", "map.shade", "cannot shade by 'org-bri': it has no members"),
    (GOOD + "    map: {shade: org-nato}  # <-\n", "map.shade", "cannot shade by 'org-nato': no such organization"),
    (GOOD.replace("    heading:", "    heding: typo  # <-\n    heading:"), "heding", "unknown field"),
    (GOOD.replace("""    excerpts:
      - source: cement-2017
        quote: No disagreements were apparent in talks between Putin and Kazakh President Nursultan Nazarbayev
""", "    excerpts: []  # <-\n"), "excerpts", "at least 1 item"),
    # Without a stop among its marks, a step says where it is.
    ("""\
  - label: Blocs  # <-
    heading: The blocs
    marks: [m-csto-kz-1992]
    map: {shade: org-csto, as_of: 2017-02-27}
    excerpts:
      - source: cement-2017
        quote: No disagreements were apparent in talks between Putin and Kazakh President Nursultan Nazarbayev
""", "place", "give a place, or mark a stop"),
    ("""\
  - label: Nowhere  # <-
    heading: Nowhere on the map
    place: Central Asia
    excerpts:
      - source: cement-2017
        quote: No disagreements were apparent in talks between Putin and Kazakh President Nursultan Nazarbayev
""", "view", "the map cannot frame this step"),
]


@pytest.mark.parametrize(("steps", "field", "message"), BROKEN,
                         ids=[f"{i:02d}-{m[:40]}" for i, (_, _, m) in enumerate(BROKEN)])
def test_a_broken_step_gives_its_message(tmp_path, corpus, steps, field, message):
    problems = problems_of(tmp_path, corpus, steps)
    assert len(problems) == 1, [str(p) for p in problems]
    [problem] = problems
    assert (problem.file, problem.line, problem.record, problem.field) == (
        str(tmp_path / "story.yaml"), marked_line(steps), "step 1", field), str(problem)
    assert message in problem.message


def test_every_broken_step_is_reported_in_one_pass(tmp_path, corpus):
    steps = GOOD + BROKEN[0][0] + BROKEN[1][0]
    problems = problems_of(tmp_path, corpus, steps)
    assert [(p.record, p.field) for p in problems] == [("step 2", "marks"), ("step 3", "excerpts.quote")]


# --- numbers and dates in the dashboard's own words -----------------------------------------------------


@pytest.mark.parametrize(("text", "numbers"), [
    ("a 1,300-km border", {"1300"}),
    ("the 201st base", {"201"}),
    ("1.7 billion dollars", {"1.7"}),
    ("on 02 March 2017.", {"2", "2017"}),
    ("no numbers at all", set()),
])
def test_numbers_are_read_as_written(text, numbers):
    assert numbers_in(text) == numbers


def test_a_records_evidence_is_its_quotes_references_dates_and_value_not_its_own_words(corpus):
    kant = evidence_numbers(corpus.by_id["fig-kant-personnel"])
    assert "400" in kant
    almaty = evidence_numbers(corpus.by_id["stop-almaty"])
    assert {"2017", "2", "27"} <= almaty          # its date
    assert "26" not in almaty                      # only its summary (the dashboard's words) says 26 February
