"""The Story page in-process (AppTest): walking the steps, ?story= links (hostile values included), filters that
would hide a step's marks, a broken story, a hostile corpus, and the overview (issue 14)."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.corpus.load import load_corpus
from dashboard.query import link as vs
from dashboard.story.load import DEFAULT_STORY, load_story
from dashboard.ui.story import STORY_NAV_KEY
from tests.hostile import PAYLOAD, make_hostile_corpus

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
CORPUS = load_corpus()
STORY = load_story(DEFAULT_STORY, CORPUS)
TOTAL = len(STORY.steps)


def open_story(app: AppTest, **params) -> AppTest:
    app.query_params.update(params)
    at = app.run()
    at.switch_page("views/story.py").run()
    return at


def nav(at) -> dict:
    """What the story's navigation is given to draw: every step, and the one shown."""
    return next(json.loads(e.proto.json) for e in at.main.get("bidi_component")
                if "steps" in json.loads(e.proto.json))


def per_step(at, marker: str) -> dict:
    """A component of every step's HTML (static/app/story-words.js) whose HTML holds `marker`: its data."""
    found = [d for e in at.main.get("bidi_component") if "words" in (d := json.loads(e.proto.json))
             and marker in "".join(d["words"])]
    assert len(found) == 1, (marker, len(found))
    return found[0]


def words(at) -> str:
    """The shown step's words as sent to the browser (our own escaped HTML), which draws them."""
    data = per_step(at, 'data-testid="story-step"')
    return data["words"][data["current"] - 1]


def map_caption(at) -> str:
    """The line under the story map on the step shown, as a reader sees it."""
    data = per_step(at, "story-caption")
    return re.sub(r" ([.,;])", r"\1", shown_text(data["words"][data["current"] - 1]))


def shown_text(body: str) -> str:
    """The text a reader sees in some HTML, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", " ", body, flags=re.S))).split())


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning]
    parts += [i.value for i in at.info] + [e.value for e in at.error]
    return "\n".join(str(p) for p in parts)


def map_groups(at) -> str:
    """The story map's layer scripts (streamlit-folium's feature_group argument)."""
    for element in at.main.get("component_instance"):
        args = json.loads(element.proto.json_args)
        if "feature_group" in args:
            return args["feature_group"]
    raise AssertionError("no map on the page")


def step_shown(at) -> int:
    match = re.search(r'data-step="(\d+)"', words(at))
    return int(match[1]) if match else 0


def test_the_story_opens_on_its_first_step(app):
    at = open_story(app)
    assert not at.exception
    data = nav(at)
    assert data["current"] == 1 and len(data["steps"]) == TOTAL
    assert step_shown(at) == 1
    assert [s["label"] for s in data["steps"]][:3] == ["Overview", "Moscow", "Almaty"]


def test_walking_every_step_shows_its_heading_place_quotes_and_notes(app):
    at = open_story(app)
    for number, step in enumerate(STORY.steps, start=1):
        at.session_state[vs.P_STORY] = number
        at.run()
        assert not at.exception
        data = nav(at)
        assert data["current"] == number
        assert data["steps"][number - 1]["heading"] == step.heading
        assert step_shown(at) == number
        seen = shown_text(words(at))
        for excerpt in step.excerpts:
            assert " ".join(excerpt.quote.split()) in seen, (number, excerpt.quote[:40])
        for note in step.notes:
            assert "The dashboard’s words, not a quote " + " ".join(note.text.split()) in seen
        for rid in step.disagreements:
            assert "Sources disagree: " + CORPUS.by_id[rid].title in seen


def test_a_link_opens_its_step_and_the_reader_hears_which(app):
    at = open_story(app, story="4")
    assert not at.exception
    assert nav(at)["current"] == 4 and step_shown(at) == 4
    dushanbe = nav(at)["steps"][3]
    assert (dushanbe["date"], dushanbe["place"]) == ("27 Feb 2017", "Dushanbe, Tajikistan")
    seen = shown_text(words(at))
    # The date the sources disagree on is flagged on the step, with both versions.
    assert "Sources disagree: Talks in Dushanbe: 27 or 28 February?" in seen
    assert "28 February 2017" in seen and "27 February 2017" in seen


def test_the_story_has_a_share_box_that_gives_the_step_shown(app):
    # A teacher sends step 4: the box gives the address bar, which holds ?story=N (static/app/story-nav.js).
    at = open_story(app, story="4")
    assert not at.exception
    assert "This link opens the story on the step shown, with the filters set in the sidebar." in texts(at)


@pytest.mark.parametrize(("value", "notice"), [
    ("-1", "Ignored story='-1': not a step number (use 1 to 9)."),
    ("999", "Ignored story='999': the story has steps 1 to 9."),
    ("<script>alert(1)</script>", "Ignored story='<script>alert(1)</script>': not a step number (use 1 to 9)."),
    ("4; DROP TABLE", "Ignored story='4; DROP TABLE': not a step number (use 1 to 9)."),
])
def test_a_hostile_step_in_a_link_is_ignored_with_a_notice(app, value, notice):
    at = open_story(app, story=value)
    assert not at.exception
    assert nav(at)["current"] == 1 and step_shown(at) == 1
    [warning] = [w.value for w in at.warning]
    from dashboard.escape import markdown as md

    assert md(notice) in warning            # escaped: shown as the characters it is
    assert "<script>" not in warning


def test_filters_do_not_hide_a_steps_marks_and_the_page_says_so(app):
    at = open_story(app, story="5", country="KZ")
    assert not at.exception
    groups = map_groups(at)
    assert "ref: stop-bishkek" in groups and "ref: site-kant" in groups
    assert "2 of this step's 2 marks are outside the current filters, and shown anyway" in texts(at)
    at.button(key="story-clear-filters").click().run()
    assert not at.exception and at.session_state[vs.P_COUNTRY] == []
    assert "outside the current filters" not in texts(at)


def test_a_step_shows_the_layers_its_marks_are_on(app):
    at = open_story(app, story="5", layers="members")
    groups = map_groups(at)
    assert "ref: site-kant" in groups and "ref: stop-bishkek" in groups
    assert "This step shows layers you switched off in the sidebar, for its marks: Visit route, Russian military sites" \
        in texts(at)


def test_a_step_shades_by_its_own_grouping_and_day(app):
    from dashboard.ui.session import reader_today

    at = open_story(app, story="9")
    caption = map_caption(at)
    assert caption.startswith("Countries shaded by EAEU membership on ") and "this step's choice" in caption
    assert f"{reader_today():%-d %b %Y}" in caption
    # Uzbekistan, an observer since 2020, is drawn: the step's marks hold on its day, not the sidebar's.
    assert "outside the current filters" not in texts(at)
    at.session_state[vs.P_STORY] = 3
    at.run()
    assert map_caption(at) == ("Countries shaded by CSTO membership on 27 Feb 2017 (as set in the sidebar). The "
                               "step's marks are ringed, the others faded; hover or click a mark for its words.")


def test_the_step_survives_a_visit_to_another_page(app):
    at = open_story(app, story="6")
    at.switch_page("views/map.py").run()
    at.switch_page("views/story.py").run()
    assert not at.exception and nav(at)["current"] == 6


def test_the_navigation_is_told_what_the_session_applied(app):
    at = open_story(app)
    at.session_state["_story_applied"] = ("k1-abc", 3)
    at.session_state[vs.P_STORY] = 2
    at.run()
    assert nav(at)["applied"] == {"epoch": "k1-abc", "seq": 3} and nav(at)["current"] == 2
    assert STORY_NAV_KEY == "story_nav"


def test_the_overview_shows_every_step_with_its_small_map(app):
    at = app.run()
    at.switch_page("views/story_overview.py").run()
    assert not at.exception
    body = "".join(h.proto.body for h in at.get("html") if "story-overview" in h.proto.body)
    seen = shown_text(body)
    for number, step in enumerate(STORY.steps, start=1):
        assert f"Step {number} of {TOTAL}" in seen and step.heading in seen
    images = re.findall(r'<img class="minimap" src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="([^"]+)"', body)
    assert len(images) == TOTAL
    assert images[3].startswith("Map of step 4 of 9: Dushanbe") and "Stop 2: Dushanbe" in html.unescape(images[3])
    assert "http://" not in body.replace('href="http', "") and "src=\"http" not in body


def test_a_broken_story_shows_its_problems_and_the_rest_of_the_app_runs(app, monkeypatch, tmp_path):
    broken = tmp_path / "story.yaml"
    broken.write_text(DEFAULT_STORY.read_text(encoding="utf-8").replace("marks: [stop-almaty]\n",
                                                                        "marks: [stop-almaty, stop-nowhere]\n"))
    monkeypatch.setenv("DASHBOARD_STORY", str(broken))
    at = open_story(app, story="3")
    assert not at.exception
    assert any(e.value.startswith("The story cannot be told") for e in at.error)
    table = at.dataframe[0].value
    row = table[table["problem"].str.contains("stop-nowhere")].iloc[0]
    assert (row["record"], row["field"]) == ("step 3", "marks") and row["line"] > 0
    # The link's step was dropped with a notice: without a story there is no step 3.
    assert "no story is loaded" in texts(at)
    at.switch_page("views/map.py").run()
    assert not at.exception


# --- a corpus whose every text is hostile (tests/hostile.py) -----------------------------------------------


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


# The tags our step and overview HTML is made of; anything else came from data.
OUR_TAGS = {"style", "div", "h2", "h3", "ol", "ul", "li", "blockquote", "p", "span", "a", "aside", "section", "article",
            "img", "strong"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return make_hostile_corpus(tmp_path_factory.mktemp("hostile-story"))


@pytest.mark.parametrize("page", ["views/story.py", "views/story_overview.py"])
def test_hostile_records_are_shown_literally_on_the_story_pages(monkeypatch, hostile, page):
    annotations, seeds = hostile
    monkeypatch.setenv("DASHBOARD_ANNOTATIONS", str(annotations))
    monkeypatch.setenv("DASHBOARD_SEEDS", str(seeds))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["story"] = "4"
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    bodies = [h.proto.body for h in at.get("html") if "story-words" in h.proto.body] + (
        per_step(at, "story-step")["words"] + per_step(at, "story-caption")["words"] if page == "views/story.py" else [])
    assert bodies
    for body in bodies:
        parser = _Tags()
        parser.feed(body)
        assert {tag for tag, _ in parser.tags} <= OUR_TAGS
        for tag, attrs in parser.tags:
            assert not any(k.startswith("on") for k in attrs), (tag, attrs)
            if tag == "img":
                assert attrs["src"].startswith("data:image/svg+xml;base64,")
            if tag == "a":
                assert attrs["href"] == "./" or attrs["href"].startswith(
                    ("reader?", "./?", "story?", "http://", "https://")), attrs
    # The cited records' titles are hostile: they are on the page as the characters they are.
    assert PAYLOAD in shown_text("".join(bodies))
    nav_data = nav(at) if page == "views/story.py" else None
    if nav_data:
        assert nav_data["current"] == 4


def test_the_storys_time_strip_holds_each_steps_grouping_and_day(app):
    # Issue 29: the strip under the story map follows the step in the browser: every step's grouping and day, and
    # the ticks of each grouping a step shades (static/app/time-strip.js, data.variants).
    from dashboard.ui.session import reader_today

    at = open_story(app, story="2", shade="sco")
    data = next(d for e in at.main.get("bidi_component") if "variants" in (d := json.loads(e.proto.json)))
    steps = data["story"]["steps"]
    assert data["story"]["current"] == 2 and len(steps) == TOTAL
    assert steps[1] == {"org": "org-sco", "value": "2017-02-27", "own": False}      # the reader's grouping and day
    assert steps[6] == {"org": "org-csto", "value": "2017-02-27", "own": True}
    assert steps[8] == {"org": "org-eaeu", "value": reader_today().isoformat(), "own": True}
    assert set(data["variants"]) == {"org-sco", "org-csto", "org-eaeu"}
    eaeu = data["variants"]["org-eaeu"]
    assert eaeu["grouping"] == "EAEU" and eaeu["shaded"] is True
    assert "1 Jan 2015: EAEU: member: Russia, Kazakhstan, Belarus; prospective: Kyrgyzstan" in \
        [t["words"] for t in eaeu["ticks"]]


def test_the_steps_links_carry_the_readers_filters(app):
    # The steps' words are built once per view (ui/cached.story_words): a filter change gives them new links.
    at = open_story(app, story="4")
    assert "country=KZ" not in words(at)
    at.session_state[vs.P_COUNTRY] = ["KZ"]
    at.run()
    assert 'href="./?country=KZ&amp;sel=' in words(at) and "Explore this step on the map" in words(at)
