"""The story (issue 14): the step model, its checks against the corpus (a table of broken steps, each with the
message it must produce: file, line, step, field), and what a step shows."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from dashboard.corpus.problems import CorpusError
from dashboard.query.link import reader_href
from dashboard.story.steps import (
    DEFAULT_STORY,
    LAYER_OF_KIND,
    StoryEventError,
    date_text,
    evidence_numbers,
    excerpt_href,
    load_story,
    map_records,
    marks_outside,
    numbers_in,
    parse_step_event,
    place_text,
    step_focus,
    step_layers,
    step_records,
    step_shading,
    step_target,
)
from dashboard.validate import main

TODAY = dt.date(2026, 11, 29)
HEAD = "version: 1\ntitle: A test story\nsteps:\n"
# A step that passes every check; each broken step below differs from it in one way.
GOOD = """\
  - label: Almaty
    heading: "Almaty: Putin and Nazarbayev"
    date: 2017-02-27
    marks: [stop-almaty]
    excerpts:
      - source: cement-2017
        quote: No disagreements were apparent in talks between Putin and Kazakh President Nursultan Nazarbayev
    notes:
      - text: The talks were on the first day of the tour.
        cites: [stop-almaty]
"""


@pytest.fixture(scope="module")
def story(corpus):
    return load_story(DEFAULT_STORY, corpus, TODAY)


def _load(tmp_path: Path, corpus, steps: str):
    path = tmp_path / "story.yaml"
    path.write_text(HEAD + textwrap.dedent(steps), encoding="utf-8")
    return path, load_story(path, corpus, TODAY)


def _problems(tmp_path: Path, corpus, steps: str):
    with pytest.raises(CorpusError) as caught:
        _load(tmp_path, corpus, steps)
    return caught.value.problems


def _marked_line(steps: str) -> int:
    """The line (in the whole file) marked `# <-` in a broken step."""
    lines = (HEAD + textwrap.dedent(steps)).splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.rstrip().endswith("# <-"))


# --- the project's own story --------------------------------------------------------------------------


def test_the_tour_story_loads_with_every_step_quoted(story):
    assert 7 <= len(story.steps) <= 12
    assert all(step.excerpts and all(e.start is not None for e in step.excerpts) for step in story.steps)


def test_a_steps_download_holds_the_step(story, corpus):
    # Issue 15 on the Story page: the briefing of step 4 is titled, featured and linked as step 4.
    focus = step_focus(story, corpus, 4, TODAY)
    step = story.steps[3]
    assert focus.title == ("Step 4 of 9: Dushanbe: Putin and Rahmon, and the Afghan border · "
                           f"{date_text(step, TODAY)} · {place_text(step, corpus)}")
    assert focus.records == tuple(step.marks) and "stop-dushanbe" in focus.records
    assert focus.text == " ".join(n.text for n in step.notes) and focus.text
    assert focus.link == "story?story=4"
    assert step_focus(story, corpus, 1, TODAY).title.startswith("Step 1 of 9: The tour at a glance")
    assert focus.extent is None  # the reader's frame: the map flown to the step


def test_the_tour_story_follows_the_tour(story, corpus):

    # Overview, Moscow, then the stops in the order they were made, then the stops not made.
    places = [place_text(step, corpus) for step in story.steps]
    assert places[1] == "Moscow, Russia"
    assert places[2:5] == ["Almaty, Kazakhstan", "Dushanbe, Tajikistan", "Bishkek, Kyrgyzstan"]
    assert "Ashgabat" in places[5] and "Tashkent" in places[5]


def test_every_disagreement_on_a_stop_is_flagged_on_its_step(story, corpus):
    # The Dushanbe date and the Kant lease are the two the issue names.
    flagged = {rid for step in story.steps for rid in step.disagreements}
    assert {"dis-dushanbe-date", "dis-kant-lease"} <= flagged


def test_the_last_step_rests_on_records_that_hold_today(story, corpus):
    # "What changed since, up to today": memberships as the record has them now, no new facts.
    last = story.steps[-1]
    assert last.date_end == "today" and last.map.as_of == "today"
    assert all(rid in corpus.by_id for rid in step_records(last))


def test_the_validator_checks_the_stories(capsys):
    assert main([]) == 0
    assert "stories/tour-2017.yaml: 9 steps" in capsys.readouterr().out


def test_the_validator_reports_a_broken_story_by_file_line_step_and_field(tmp_path, capsys):
    path = tmp_path / "story.yaml"
    path.write_text(HEAD + GOOD.replace("marks: [stop-almaty]", "marks: [stop-nowhere]"), encoding="utf-8")
    assert main(["--story", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:7: [step 1] marks: unknown record 'stop-nowhere'" in err


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
    problems = _problems(tmp_path, corpus, steps)
    assert len(problems) == 1, [str(p) for p in problems]
    [problem] = problems
    assert (problem.file, problem.line, problem.record, problem.field) == (
        str(tmp_path / "story.yaml"), _marked_line(steps), "step 1", field), str(problem)
    assert message in problem.message


def test_every_broken_step_is_reported_in_one_pass(tmp_path, corpus):
    steps = GOOD + BROKEN[0][0] + BROKEN[1][0]
    problems = _problems(tmp_path, corpus, steps)
    assert [(p.record, p.field) for p in problems] == [("step 2", "marks"), ("step 3", "excerpts.quote")]


@pytest.mark.parametrize(("text", "message"), [
    ("version: 1\ntitle: T\nsteps: []\n", "a story has 1 to 40 steps"),
    ("version: 2\ntitle: T\nsteps:\n" + GOOD, "Input should be 1"),
    ("title: [unclosed\n", "YAML syntax"),
    ("- just a list\n", "expected a mapping with a 'steps' list"),
])
def test_a_broken_story_file_says_why(tmp_path, corpus, text, message):
    path = tmp_path / "story.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        load_story(path, corpus, TODAY)
    assert any(message in p.message for p in caught.value.problems), [str(p) for p in caught.value.problems]


def test_a_missing_story_file_is_named(tmp_path, corpus):
    with pytest.raises(CorpusError) as caught:
        load_story(tmp_path / "absent.yaml", corpus)
    assert caught.value.problems[0].message == "file not found"


def test_a_good_step_loads_with_its_quotes_located(tmp_path, corpus):
    _, loaded = _load(tmp_path, corpus, GOOD)
    [excerpt] = loaded.step(1).excerpts
    text = corpus.seeds["cement-2017"].text
    assert text[excerpt.start:excerpt.end] == excerpt.quote


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


@pytest.mark.parametrize(("date", "end", "shown"), [
    (None, None, None),
    (dt.date(2017, 2, 27), None, "27 Feb 2017"),
    (dt.date(2017, 2, 27), dt.date(2017, 2, 28), "27–28 Feb 2017"),
    (dt.date(2017, 2, 27), dt.date(2017, 4, 1), "27 Feb – 1 Apr 2017"),
    (dt.date(2016, 12, 17), dt.date(2017, 1, 23), "17 Dec 2016 – 23 Jan 2017"),
    (dt.date(2017, 2, 28), "today", "28 Feb 2017 – today (29 Nov 2026)"),
])
def test_a_steps_date_is_shown_as_readers_read_dates(story, date, end, shown):
    step = story.step(1).model_copy(update={"date": date, "date_end": end})
    assert date_text(step, TODAY) == shown


# --- what a step shows, and the map -----------------------------------------------------------------------


def test_a_quote_links_to_the_record_excerpt_that_holds_it(story, corpus):
    # Step 5's quote about the Kant base is part of the Kant base record's own excerpt.
    step = story.step(5)
    excerpt = next(e for e in step.excerpts if "Su-25" in e.quote)
    assert excerpt_href(excerpt, corpus, step_records(step)) == reader_href("cement-2017", "site-kant.0")


def test_a_quote_no_record_holds_links_to_its_passage(corpus):
    seed = corpus.seeds["gusev-2019"]
    start = seed.text.index("Russia's influence in the Central Asian region")
    from dashboard.corpus.model import Excerpt

    excerpt = Excerpt(source="gusev-2019", quote="Russia's influence in the Central Asian region",
                      start=start, end=start + 46)
    assert excerpt_href(excerpt, corpus) == reader_href("gusev-2019", passage=(start, start + 46))


def test_a_step_goes_to_a_records_place_or_to_its_marks(story, corpus):
    from dashboard.corpus.load import DEFAULT_GEODATA
    from dashboard.map.geo import load_borders, load_countries

    countries, borders = load_countries(DEFAULT_GEODATA), load_borders(DEFAULT_GEODATA)
    almaty = corpus.by_id["stop-almaty"].location
    assert step_target(story.step(3), corpus, countries, borders) == {"center": [almaty.lat, almaty.lon], "zoom": 7}
    overview = step_target(story.step(1), corpus, countries, borders)
    (south, west), (north, east) = overview["bounds"]
    for rid in ("stop-almaty", "stop-dushanbe", "stop-bishkek"):
        where = corpus.by_id[rid].location
        assert south <= where.lat <= north and west <= where.lon <= east
    # The Tajik–Afghan border, a mark of the overview, reaches further south than any stop.
    assert south < corpus.by_id["stop-dushanbe"].location.lat - 1


def test_filters_do_not_hide_a_steps_marks_and_the_story_says_which_are_outside(story, corpus):
    step = story.step(5)
    kazakh = [r for r in corpus.records if "KZ" in getattr(r, "countries", [])]
    drawn = map_records(step, corpus, kazakh)
    assert {"stop-bishkek", "site-kant"} <= {r.id for r in drawn}
    assert [r.id for r in marks_outside(step, corpus, {r.id for r in kazakh})] == ["stop-bishkek", "site-kant"]
    assert marks_outside(step, corpus, {r.id for r in corpus.records}) == []


def test_a_step_turns_on_the_layers_its_marks_are_on(story, corpus):
    assert step_layers(story.step(5), corpus, ("members",)) == ("members", "route", "sites")
    assert step_layers(story.step(7), corpus, ()) == ("members",)
    assert set(LAYER_OF_KIND) == {"visit_stop", "military_site", "border", "membership"}


def test_a_step_shades_by_its_own_grouping_and_day_else_the_readers(story):
    reader = ("org-sco", dt.date(2010, 1, 1))
    assert step_shading(story.step(3), *reader, TODAY) == reader
    assert step_shading(story.step(8), *reader, TODAY) == ("org-eaeu", dt.date(2017, 2, 27))
    assert step_shading(story.step(9), *reader, TODAY) == ("org-eaeu", TODAY)


# --- step changes from the browser ---------------------------------------------------------------------

EVENTS = [
    ({"epoch": "k1-abc", "seq": 1, "step": 3}, None, (3, ("k1-abc", 1))),
    ({"epoch": "k1-abc", "seq": 2, "step": 9}, ("k1-abc", 1), (9, ("k1-abc", 2))),
    # Sent again after a reconnect: already applied, nothing to do.
    ({"epoch": "k1-abc", "seq": 2, "step": 4}, ("k1-abc", 2), None),
    # Another page (a reload): its numbers start again.
    ({"epoch": "k2-def", "seq": 1, "step": 4}, ("k1-abc", 7), (4, ("k2-def", 1))),
]


@pytest.mark.parametrize(("value", "applied", "expected"), EVENTS)
def test_a_step_change_is_applied_once(value, applied, expected):
    assert parse_step_event(value, 9, applied) == expected


@pytest.mark.parametrize("value", [
    None, "3", {"epoch": "k1", "seq": 1, "step": 10}, {"epoch": "k1", "seq": 1, "step": 0},
    {"epoch": "k1", "seq": 1, "step": True}, {"epoch": "<script>", "seq": 1, "step": 2},
    {"epoch": "k1", "seq": -1, "step": 2}, {"epoch": "k1", "seq": 1, "step": "2"},
])
def test_a_step_change_the_story_has_not_is_refused(value):
    with pytest.raises(StoryEventError):
        parse_step_event(value, 9, None)
