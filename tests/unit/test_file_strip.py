"""The time strip in the briefing and the published map (dashboard/downloads/strip.py, issue 29): the day shown on a
line from 1991 to the day the file was made, with the live strip's ticks, read-only; word for word."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dashboard.corpus.load import load_corpus
from dashboard.downloads.snapshot import make_snapshot
from dashboard.downloads.strip import (
    DIGIT_PX,
    LABEL_GAP_PX,
    MAX_LISTED,
    axis_room,
    strip_html,
    strip_style,
    strip_ticks,
)
from dashboard.map.time_strip import MAX_NAMED, tour_days
from dashboard.query import link as vs
from dashboard.query.filters import FilterState
from tests.hostile import PAYLOAD, make_hostile_corpus

MADE = dt.datetime(2026, 12, 6, 9, 30, tzinfo=dt.UTC)


def snap(corpus, **view):
    return make_snapshot(corpus, vs.ViewState(**view), made=MADE)


def test_the_strip_says_the_day_shown_and_the_line_it_stands_on(corpus):
    html = strip_html(snap(corpus))
    assert html.startswith('<section class="file-strip" aria-label="Time"><p class="fs-words">CSTO memberships as of '
                           "<b>27 Feb 2017</b>, on a line from 1991 to 6 Dec 2026, when this file was made</p>"
                           '<p class="fs-when" aria-hidden="true">27 Feb 2017</p>'
                           '<div class="fs-line" role="img" aria-label="CSTO memberships as of 27 February 2017">')
    # The handle stands on the day: 9,554 days after 1 Jan 1991 of 13,123 to the day the file was made; 1 Jan 2000
    # 3,287 days after it.
    assert '<span class="fs-day" style="left:72.80%"></span>' in html
    assert re.findall(r'<div class="fs-axis">(.*?)</div>', html) == [
        '<span style="left:0.00%">1991</span><span style="left:25.05%">2000</span><span style="left:52.88%">2010'
        '</span><span style="left:80.71%">2020</span><span style="left:100.00%">2026</span>']
    assert ('<summary>Ticks<span class="fs-count">: 8 changes of CSTO membership, 2 tour days</span></summary><ol>'
            "<li>15 May 1992: CSTO: member: Russia, Kazakhstan, Kyrgyzstan, Tajikistan, Armenia, Uzbekistan</li>"
            "<li>24 Sep 1993: CSTO: member: Azerbaijan</li>") in html
    assert "<li>22 Feb 2024: CSTO: participation frozen: Armenia</li></ol></details></section>" in html
    # One mark per place on the line: a change is a bar, a tour day a dot (27 and 28 Feb 2017 share one).
    assert html.count('class="fs-tick change"') == 8 and html.count('class="fs-tick tour"') == 1
    assert '<span class="fs-tick change" style="left:3.8%"></span>' in html


def test_the_strip_follows_the_views_grouping_day_and_filters(corpus):
    eaeu = strip_html(snap(corpus, shade="org-eaeu", filters=FilterState(as_of=dt.date(2015, 1, 1))))
    assert "EAEU memberships as of <b>1 Jan 2015</b>" in eaeu and 'aria-label="EAEU memberships as of 1 January 2015"' in eaeu
    assert "<li>1 Jan 2015: EAEU: member: Russia, Kazakhstan, Belarus; prospective: Kyrgyzstan</li>" in eaeu
    # A country filter keeps that country's changes only.
    kz = strip_ticks(snap(corpus, filters=FilterState(countries=("KZ",))))
    assert [t.words for t in kz if t.kind == "change"] == [
        "15 May 1992: CSTO: member: Kazakhstan"]
    # The memberships layer off: no grouping is shaded, so no change is marked; the tour's days still are.
    off = strip_html(snap(corpus, layers=("route", "sites", "border")))
    assert "Memberships (not shaded: the layer is off) as of <b>27 Feb 2017</b>" in off
    assert 'class="fs-tick change"' not in off and "no grouping shaded, 2 tour days" in off


def test_the_line_ends_on_the_day_the_file_was_made(corpus):
    early = make_snapshot(corpus, vs.ViewState(), made=dt.datetime(2017, 2, 27, 23, 0, tzinfo=dt.UTC))
    html = strip_html(early)
    assert "on a line from 1991 to 27 Feb 2017, when this file was made" in html
    assert '<span class="fs-day" style="left:100.00%"></span>' in html
    assert "28 Feb 2017" not in html and "2024" not in html   # nothing after the day it was made
    # A file made on a tour day has that day's tick.
    second = make_snapshot(corpus, vs.ViewState(), made=dt.datetime(2017, 2, 28, 9, 0, tzinfo=dt.UTC))
    assert "<li>28 Feb 2017: the tour: Stop 3: Bishkek, Kyrgyzstan — Putin and Atambayev</li>" in strip_html(second)


def test_hostile_titles_are_text_in_the_strip(tmp_path):
    corpus = load_corpus(*make_hostile_corpus(tmp_path))
    html = strip_html(make_snapshot(corpus, vs.ViewState(), made=MADE))
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert set(re.findall(r"<([a-z]+)", html)) == {"section", "p", "b", "div", "span", "details", "summary", "ol", "li"}
    listed = re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"') \
        .replace("&#x27;", "'").replace("&amp;", "&")
    assert PAYLOAD in listed


def test_a_large_corpus_lists_a_bounded_number_of_ticks(corpus):
    from tests.unit.test_briefing import _synthetic

    big = _synthetic(corpus, 3_000)
    html = strip_html(make_snapshot(big, vs.ViewState(), made=MADE))
    assert html.count("<li>") == MAX_LISTED or html.count("<li") <= MAX_LISTED + 1
    days = tour_days(big)
    assert days[0].words.endswith(f"; and {len(days[0].records) - MAX_NAMED:,} more")
    assert len(html) < 20_000


def test_one_change_is_said_in_the_singular_and_the_marks_stand_side_by_side(corpus):
    html = strip_html(snap(corpus, filters=FilterState(countries=("KZ",))))
    assert "<summary>Ticks<span class=\"fs-count\">: 1 change of CSTO membership, 2 tour days</span></summary>" in html
    assert re.search(r'<div class="fs-rail">(.*?)</div>', html)[1] == (
        '<span class="fs-tick change" style="left:3.8%"></span><span class="fs-tick tour" style="left:72.8%"></span>'
        '<span class="fs-day" style="left:72.80%"></span>')


@pytest.mark.parametrize(("made", "years"), [(2022, ["1991", "2000", "2010", "2022"]),
                                             (2024, ["1991", "2000", "2010", "2020", "2024"]),
                                             (2028, ["1991", "2000", "2010", "2020", "2028"])])
def test_the_decades_keep_clear_of_the_lines_end(corpus, made, years):
    html = strip_html(make_snapshot(corpus, vs.ViewState(), made=dt.datetime(made, 6, 1, tzinfo=dt.UTC)))
    assert re.findall(r'<span style="left:[0-9.]+%">(\d{4})</span>', html) == years


def test_a_file_made_the_day_after_the_lines_start(corpus):
    day = dt.date(1991, 1, 2)
    early = make_snapshot(corpus, vs.ViewState(filters=FilterState(as_of=day)),
                          made=dt.datetime(1991, 1, 2, 12, tzinfo=dt.UTC))
    assert '<span class="fs-day" style="left:100.00%"></span>' in strip_html(early)


def test_the_ticks_beyond_the_listed_are_counted(corpus, monkeypatch):
    import dashboard.downloads.strip as strip

    ticks = strip_ticks(snap(corpus))
    monkeypatch.setattr(strip, "MAX_LISTED", len(ticks))
    assert "more (the dashboard" not in strip_html(snap(corpus))
    monkeypatch.setattr(strip, "MAX_LISTED", len(ticks) - 3)
    html = strip_html(snap(corpus))
    assert html.count("<li>") == len(ticks) - 3
    assert "<li class=\"more\">and 3 more (the dashboard's time strip has them all)</li>" in html


def test_a_change_comes_before_a_tour_day_on_the_same_day_and_the_first_day_counts(corpus, monkeypatch):
    import dashboard.downloads.strip as strip
    from dashboard.map.time_strip import Tick

    same = Tick(dt.date(2017, 2, 27), "change", "27 Feb 2017: CSTO: a change", (), ())
    first = Tick(dt.date(1991, 1, 1), "tour", "1 Jan 1991: the tour: a stop", (), ())
    monkeypatch.setattr(strip, "membership_changes", lambda *args: [same])
    monkeypatch.setattr(strip, "tour_days", lambda corpus: [first, *tour_days(corpus)])
    assert [(t.day.isoformat(), t.kind) for t in strip_ticks(snap(corpus))] == [
        ("1991-01-01", "tour"), ("2017-02-27", "change"), ("2017-02-27", "tour"), ("2017-02-28", "tour")]


def test_the_axis_room_is_where_the_closest_labels_would_touch():
    four = 4 * DIGIT_PX
    # Two labels, the first starting at 0, the last ending at the line's end: both and the gap between.
    assert axis_room([(0.0, 4), (1.0, 4)]) == round(2 * four + LABEL_GAP_PX + 0.5)
    # A centred one a tenth before the end: half of it, the gap and the last in a tenth of the line.
    assert axis_room([(0.0, 4), (0.9, 4), (1.0, 4)]) == -(-(four / 2 + LABEL_GAP_PX + four) // 0.1)
    # The first and a centred one at a quarter: the first, the gap and half the other in a quarter.
    assert axis_room([(0.0, 4), (0.25, 4), (1.0, 4)]) == -(-(four + LABEL_GAP_PX + four / 2) // 0.25)
    # Labels on one place never fit: an axis so wide it is never reached.
    assert axis_room([(0.0, 4), (0.0, 4)]) > 10**9


@pytest.mark.parametrize(("made", "room"), [(2026, 235), (2024, 321), (2028, 189), (2030, 186)])
def test_on_an_axis_too_narrow_for_its_decades_only_the_first_and_last_year_stay(corpus, made, room):
    # A fresh reviewer (issue 28): in a phone's frame, 320 to 390 px, the published map's years ran into each other.
    # 2024: 2020 is four years from the end; 2030: 1991 and 2000 are the closest.
    style = strip_style(make_snapshot(corpus, vs.ViewState(), made=dt.datetime(made, 6, 1, tzinfo=dt.UTC)))
    assert style == f"@container (max-width:{room - 1}px){{.fs-axis span+span:not(:last-child){{display:none}}}}"


def test_one_label_needs_no_room_and_a_file_made_the_day_after_the_lines_start_has_two_at_its_ends(corpus):
    assert axis_room([(0.0, 4)]) == 0
    early = make_snapshot(corpus, vs.ViewState(), made=dt.datetime(1991, 1, 2, 12, tzinfo=dt.UTC))
    # 1991 at the line's start and at its end, a day later: both labels and the gap between, on the whole line.
    assert strip_style(early) == "@container (max-width:55px){.fs-axis span+span:not(:last-child){display:none}}"
