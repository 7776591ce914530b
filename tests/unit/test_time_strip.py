"""The time strip's ticks and words (dashboard/map/time_strip.py), and the browser's shading of any day
(static/app/map-time.js) against the server's (membership_payload)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import pytest

from dashboard.corpus.dates import day_in_words
from dashboard.corpus.memberships import membership_status
from dashboard.corpus.model import Membership
from dashboard.frontend import read_static
from dashboard.map.marks import membership_payload, membership_timeline
from dashboard.map.time_strip import membership_changes, strip_data, tour_days
from dashboard.query.filters import RANGE_START, FilterState, select
from tests.ci import need
from tests.unit.tiny import tiny_corpus

D = dt.date
TODAY = D(2026, 12, 6)


@pytest.mark.parametrize(("day", "said"), [
    (D(2017, 2, 27), "27 February 2017"),  # the tour's first day, as the slider says it
    (D(1991, 1, 1), "1 January 1991"),     # the strip's first day
    (D(2024, 12, 31), "31 December 2024"),
])
def test_a_day_in_words(day, said):
    assert day_in_words(day) == said


def test_the_eaeu_ticks_name_each_change_with_its_countries_and_sources(corpus):
    ticks = membership_changes(list(corpus.records), "org-eaeu", corpus, RANGE_START, TODAY)
    first = ticks[0]
    assert first.day == D(2015, 1, 1)
    assert first.words == "1 Jan 2015: EAEU: member: Russia, Kazakhstan, Belarus; prospective: Kyrgyzstan"
    # The reference that proves the day comes first, with its address; then the articles the records quote.
    assert first.sources[0].title == "About Eurasian Economic Union"
    assert first.sources[0].url == "https://thailand.mid.ru/en/press-centre/news/about_eurasian_economic_union"
    assert {"m-eaeu-ru-2015", "m-eaeu-kz-2015", "m-eaeu-by-2015"} <= set(first.records)
    assert [t.day for t in ticks] == sorted(t.day for t in ticks)


@pytest.mark.parametrize("org", ["org-csto", "org-eaeu", "org-sco", "org-cis", "org-eurasec", "org-c5plus1"])
def test_a_tick_stands_on_every_day_the_shading_changes_and_on_no_other(corpus, org):
    periods = [r for r in corpus.records if isinstance(r, Membership) and r.organization == org]
    ticks = {t.day for t in membership_changes(list(corpus.records), org, corpus, RANGE_START, TODAY)}

    def shading(day):
        return {code: r.status for code, r in membership_status(periods, org, day).items()}

    boundaries = {d for r in periods for d in (r.date, r.date_end) if d and RANGE_START < d <= TODAY}
    changed = {d for d in boundaries if shading(d) != shading(d - dt.timedelta(days=1))}
    assert ticks == changed
    assert ticks, org


def test_a_status_that_ends_is_said_and_a_filter_keeps_only_its_countries():
    corpus = tiny_corpus()
    ticks = membership_changes(list(corpus.records), "org-b", corpus, RANGE_START, TODAY)
    # UZ "from December 2006" (known to the month) is said at that precision; its end with no next status too.
    assert [t.words for t in ticks] == ["Dec 2006: B: member: Uzbekistan", "1 Mar 2010: B: observer: Tajikistan",
                                        "19 Dec 2012: B: no longer member: Uzbekistan"]
    kept = select(corpus, FilterState(countries=("TJ",)), over_time=True)
    assert [t.words for t in membership_changes(kept, "org-b", corpus, RANGE_START, TODAY)] == [
        "1 Mar 2010: B: observer: Tajikistan"]


def test_the_tour_days_are_ticks_with_their_stops(corpus):
    days = tour_days(corpus)
    assert [t.day for t in days] == [D(2017, 2, 27), D(2017, 2, 28)]
    assert days[0].words.startswith("27 Feb 2017: the tour: Stop 1: Almaty")
    assert "stop-bishkek" in days[1].records and days[1].sources


def test_the_strip_data_holds_its_ends_its_day_and_only_ticks_up_to_today(corpus):
    data = strip_data(list(corpus.records), "org-sco", corpus, D(2017, 2, 27), RANGE_START, D(2020, 1, 1), True)
    assert (data["first"], data["today"], data["value"], data["words"]) == (
        "1991-01-01", "2020-01-01", "2017-02-27", "27 February 2017")
    assert data["ticks"] and all("1991-01-01" <= t["day"] <= "2020-01-01" for t in data["ticks"])
    assert {"change", "tour"} == {t["kind"] for t in data["ticks"]}
    assert data["range"] == ["1991-01-01", "2020-01-01"]  # the dated records' brush, open at both ends
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize(("between", "shown"), [
    ((None, None), ["1991-01-01", "2026-12-06"]),                        # no range: from 1991 to today
    ((D(2015, 1, 1), None), ["2015-01-01", "2026-12-06"]),
    ((D(2015, 1, 1), D(2017, 2, 28)), ["2015-01-01", "2017-02-28"]),
    ((None, D(2030, 1, 1)), ["1991-01-01", "2026-12-06"]),               # never past the reader's today
])
def test_the_brush_stands_on_the_filters_range(corpus, between, shown):
    data = strip_data(list(corpus.records), "org-csto", corpus, D(2017, 2, 27), RANGE_START, TODAY, True, between)
    assert data["range"] == shown


# Runs static/app/map-time.js's day picker in node on the timeline the members layer sends.
NODE = """
const window = {}; %s
const timeline = %s, days = %s;
process.stdout.write(JSON.stringify(days.map((d) => window.__statusOn(timeline, d))));
"""


@pytest.mark.parametrize("org", ["org-csto", "org-eaeu", "org-sco", "org-cis"])
def test_the_browser_shades_any_day_as_the_server_does(corpus, org):
    need(shutil.which("node") is not None, "node is not installed (apt-get install npm brings it)")
    periods = [r for r in corpus.records if isinstance(r, Membership)]
    short = corpus.organizations[org]
    days = sorted({d + dt.timedelta(days=k) for r in periods if r.organization == org
                   for d in (r.date, r.date_end) if d for k in (-1, 0, 1)} | {D(2017, 2, 27), TODAY})
    timeline = membership_timeline(periods, org, short, corpus)
    script = NODE % (read_static("map-time.js"), json.dumps(timeline), json.dumps([d.isoformat() for d in days]))
    shown = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    for day, browser in zip(days, shown, strict=True):
        server = membership_payload(membership_status(periods, org, day), short, corpus, day)
        assert browser == server, day


def test_with_the_memberships_layer_off_no_change_is_marked(corpus):
    # A fresh reviewer: with the layer off the strip said "no grouping shaded" and drew the EAEU's changes anyway.
    data = strip_data(list(corpus.records), "org-eaeu", corpus, D(2017, 2, 27), RANGE_START, TODAY, False)
    assert {t["kind"] for t in data["ticks"]} == {"tour"} and data["shaded"] is False
    assert any(t["kind"] == "change" for t in strip_data(list(corpus.records), "org-eaeu", corpus, D(2017, 2, 27),
                                                          RANGE_START, TODAY, True)["ticks"])
