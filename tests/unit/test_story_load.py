"""A story file read into a checked Story (dashboard/story/load.py, issue 14): the project's own story, and a
broken file named by what is wrong with it."""

from __future__ import annotations

import pytest

from dashboard.corpus.problems import CorpusError
from dashboard.story.load import load_story
from dashboard.story.model import step_records
from dashboard.story.words import place_text
from dashboard.validate import main
from tests.unit.stories import GOOD, HEAD, TODAY, load_steps

# --- the project's own story --------------------------------------------------------------------------


def test_the_tour_story_loads_with_every_step_quoted(story):
    assert 7 <= len(story.steps) <= 12
    assert all(step.excerpts and all(e.start is not None for e in step.excerpts) for step in story.steps)


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
    _, loaded = load_steps(tmp_path, corpus, GOOD)
    [excerpt] = loaded.step(1).excerpts
    text = corpus.seeds["cement-2017"].text
    assert text[excerpt.start:excerpt.end] == excerpt.quote
