"""A disagreement's parts, once (dashboard/evidence/disagreement.py), and the three pages that lay them out."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from dashboard.downloads.briefing import build_briefing
from dashboard.downloads.snapshot import make_snapshot
from dashboard.evidence.disagreement import heading_html, version_sides
from dashboard.evidence.html import disagreement_html
from dashboard.map.geo import load_borders, load_countries
from dashboard.query import link as vs
from dashboard.story.html import step_disagreement_html
from tests.conftest import ROOT

DIS = "dis-csto-founding"  # two articles' versions and a public record's


def hrefs(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', page)]


@pytest.fixture(scope="module")
def geodata():
    return load_countries(ROOT / "geodata"), load_borders(ROOT / "geodata")


def test_each_version_says_what_and_on_whose_word(corpus):
    sides = version_sides(corpus.by_id[DIS])
    assert [s.key for s in sides] == [f"{DIS}.v0", f"{DIS}.v1", f"{DIS}.v2"]
    assert [s.excerpt.source if s.excerpt else None for s in sides] == ["spotlight-2017", "gusev-2019", None]
    assert sides[0].href == "reader?source=spotlight-2017&excerpt=dis-csto-founding.v0"
    assert "\n" not in sides[0].quote and sides[0].quote
    assert sides[2].reference is not None and sides[2].href is None and sides[2].quote == ""


def test_the_heading_says_sources_disagree_and_hides_the_sign():
    assert heading_html("1992 or <2002>?", "h3") == (
        '<h3><span aria-hidden="true">⚠ </span>Sources disagree: 1992 or &lt;2002&gt;?</h3>')


def test_the_panel_and_the_story_link_each_version_to_the_same_place(corpus):
    dis = corpus.by_id[DIS]
    panel = disagreement_html(dis, corpus)
    story = step_disagreement_html(dis, corpus, lambda rid: f"./?sel={rid}")
    reads = [side.href for side in version_sides(dis)[:2]]
    assert [h for h in hrefs(panel) if h.startswith("reader")] == reads
    assert [h for h in hrefs(story) if h.startswith("reader")] == reads
    assert "Sources disagree: When was the CSTO established" in html.unescape(panel)
    assert "Sources disagree: When was the CSTO established" in story


def test_the_briefing_lists_every_version(corpus, geodata):
    view = vs.ViewState(selected=DIS)
    html = build_briefing(make_snapshot(corpus, view, made=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)), *geodata)
    block = html.split('id="selected"', 1)[1].split("</article>", 1)[0]
    assert block.count('class="version"') == 3
    assert "CSTO confirms getting note from Uzbekistan" in block


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_three_places_say_each_version_in_the_same_words(corpus, geodata):
    # One renderer (disagreement.disagreement_html): the story named a public record's publisher and the panel did
    # not; the briefing's heading did not say "Sources disagree". A change to how a disagreement reads now happens
    # once. The story alone shows its quotes verbatim, without quotation marks (tests/e2e/test_story.py).
    dis = corpus.by_id[DIS]
    view = vs.ViewState(selected=DIS)
    snap = make_snapshot(corpus, view, made=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), link="http://127.0.0.1:8501/")
    brief = build_briefing(snap, *geodata)
    pages = {"panel": _text(disagreement_html(dis, corpus)),
             "story": _text(step_disagreement_html(dis, corpus, lambda rid: f"./?sel={rid}")),
             "briefing": _text(brief.split('id="selected"', 1)[1].split("</article>", 1)[0])}
    for name, text in pages.items():
        assert f"Sources disagree: {dis.title}" in text, name
        for side in version_sides(dis):
            assert side.says in text, name
            if side.excerpt is not None:
                label = corpus.sources[side.excerpt.source].label
                quoted = side.quote if name == "story" else f"“{side.quote}”"
                assert f"{quoted} {label}" in text, name
                assert "Read in the article ↗" in text, name
    ref = next(side.reference for side in version_sides(dis) if side.reference is not None)
    for name in ("panel", "story"):
        assert f"Public record {ref.title} ↗" + (f" — {ref.publisher}" if ref.publisher else "") in pages[name], name
