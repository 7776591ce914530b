"""The membership record checked against the independent reference table in reference/ (issue 11)."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.corpus.memberships import membership_status
from dashboard.corpus.model import Membership, Status
from dashboard.corpus.problems import CorpusError
from dashboard.corpus.reference import (
    CHECK_YEARS,
    DEFAULT_REFERENCE,
    TOUR_DAY,
    check_dates,
    compare,
    coverage_problems,
    load_reference,
    summarise,
)

TODAY = dt.date.today()


@pytest.fixture(scope="module")
def table():
    return load_reference()


def test_the_corpus_agrees_with_the_reference_table_on_every_checked_day(corpus, table):
    mismatches, compared = compare(corpus, table, TODAY)
    assert not mismatches, "\n".join(summarise(mismatches))
    assert compared > 2000


def test_every_grouping_the_map_shades_by_is_in_the_table(corpus, table):
    assert coverage_problems(corpus, table) == []
    assert {corpus.organizations[o] for o in corpus.shadable} <= set(table.groupings())


def test_the_table_is_large_and_every_row_cites_a_quoted_public_source(table):
    assert len(table.rows) >= 150
    for row in table.rows:
        assert row.sources, row
        for key in row.sources:
            source = table.sources[key]
            assert source.url.startswith(("http://", "https://")) and source.quotes, key


def test_the_reference_test_covers_every_state_with_a_status(corpus, table):
    # Issue 23: the check once covered only the 18 countries of the old map box (MAPPED_COUNTRIES), so
    # the SCO's dialogue partners beyond it (Sri Lanka, Nepal, Egypt, ...) were never compared.
    by_short = {short: oid for oid, short in corpus.organizations.items()}
    members = [r for r in corpus.records if isinstance(r, Membership)]
    for grouping in table.groupings():
        in_table = {r.country for r in table.rows if r.grouping == grouping}
        with_status = {r.country for r in table.rows if r.grouping == grouping and r.status != "none"}
        in_corpus = {m.country for m in members if m.organization == by_short[grouping]}
        assert in_corpus <= in_table, (grouping, sorted(in_corpus - in_table))
        assert with_status <= in_corpus, (grouping, sorted(with_status - in_corpus))
    sco = {r.country for r in table.rows if r.grouping == "SCO" and r.status != "none"}
    assert {"LK", "NP", "KH", "EG", "QA", "SA", "BH", "KW", "MV", "MM", "AE", "LA"} <= sco


def test_every_state_with_a_status_has_a_timeline_from_the_groupings_founding_day(table):
    founding = {g: min(r.start for r in table.rows if r.grouping == g) for g in table.groupings()}
    pairs = {(r.grouping, r.country) for r in table.rows}
    for grouping, country in pairs:
        periods = sorted((r for r in table.rows if (r.grouping, r.country) == (grouping, country)),
                         key=lambda r: r.start)
        assert periods[0].start == founding[grouping], (grouping, country)
        assert all(a.end == b.start for a, b in zip(periods, periods[1:])), (grouping, country)
        assert periods[-1].end is None or grouping == "EurAsEC", (grouping, country)


def test_a_corpus_record_with_no_table_row_is_named(corpus, table):
    # A state with a membership record in the corpus but no row in the table (issue 23's loophole).
    record = corpus.by_id["m-sco-mn-2025"].model_copy(update={"id": "m-sco-cu-test", "country": "CU"})
    broken = replace(corpus, records=(*corpus.records, record), by_id={}, facets={})
    wide = replace(table, rows=tuple(r for r in table.rows if not (r.grouping == "SCO" and r.country == "CU")))
    problems = coverage_problems(broken, wide)
    assert any("SCO · Cuba (CU)" in p and "m-sco-cu-test" in p and "no row" in p for p in problems), problems


def test_a_table_status_with_no_corpus_record_is_named(corpus, table):
    gone = replace(corpus, records=tuple(r for r in corpus.records if not r.id.startswith("m-sco-lk-")),
                   by_id={}, facets={})
    problems = coverage_problems(gone, table)
    assert any("SCO · Sri Lanka (LK)" in p and "no membership record" in p for p in problems), problems


def test_each_grouping_is_checked_on_the_days_the_issue_names(corpus, table):
    for grouping in table.groupings():
        founding = min(r.start for r in table.rows if r.grouping == grouping)
        days = set(check_dates(table, [], grouping, TODAY))
        wanted = {founding, TOUR_DAY, TODAY} | {dt.date(y, 1, 1) for y in CHECK_YEARS}
        assert {d for d in wanted if d >= founding} <= days, grouping


def test_boundaries_are_checked_on_the_day_and_the_day_before(table):
    days = check_dates(table, [], "CSTO", TODAY)
    # Uzbekistan's suspension (19 Dec 2012): the last day as a member and the first day suspended.
    assert dt.date(2012, 12, 18) in days and dt.date(2012, 12, 19) in days


def _with(corpus, rid, **changes):
    records = [r.model_copy(update=changes) if r.id == rid else r for r in corpus.records]
    return replace(corpus, records=tuple(records), by_id={}, facets={})


def test_a_wrong_status_is_named_with_country_grouping_day_and_both_values(corpus, table):
    broken = _with(corpus, "m-csto-uz-2012", status=Status.former)
    mismatches, _ = compare(broken, table, TODAY)
    assert mismatches
    first = mismatches[0]
    assert (first.grouping, first.country, first.on) == ("CSTO", "UZ", dt.date(2012, 12, 19))
    assert (first.corpus, first.table) == ("former", "suspended")
    line = summarise(mismatches)[0]
    assert "CSTO · Uzbekistan (UZ)" in line and "former (m-csto-uz-2012)" in line and "table says suspended" in line
    assert "reference/memberships.csv:" in line


def test_a_missing_record_and_a_wrong_start_day_are_both_caught(corpus, table):
    gone = replace(corpus, records=tuple(r for r in corpus.records if r.id != "m-sco-by-2024"), by_id={}, facets={})
    assert any(m.country == "BY" and m.table == "member" and m.corpus is None for m in compare(gone, table, TODAY)[0])
    late = _with(corpus, "m-eaeu-ir-2024", date=dt.date(2024, 12, 27))
    assert [m.on for m in compare(late, table, TODAY)[0]] == [dt.date(2024, 12, 26)]


def test_a_status_after_a_grouping_ended_is_caught(corpus, table):
    still = _with(corpus, "m-eurasec-ru-2000", date_end=None)
    days = {m.on for m in compare(still, table, TODAY)[0]}
    assert dt.date(2015, 1, 1) in days and TODAY in days


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    shutil.copytree(DEFAULT_REFERENCE, tmp_path / "reference")
    return tmp_path / "reference"


def _append(folder: Path, line: str) -> int:
    """Add a row to the table; returns its line number."""
    path = folder / "memberships.csv"
    at = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    return at


@pytest.mark.parametrize(("line", "column", "words"), [
    # (row added to the table, the column named, words in the message)
    ("CSTO,XX,member,1992-05-15,,wiki-csto-rev-2006,", "country", "unknown country code 'XX'"),
    ("CSTO,KZ,ally,1992-05-15,,wiki-csto-rev-2006,", "status", "unknown status 'ally'"),
    ("CSTO,KZ,member,1992-05-15,,no-such-source,", "sources", "no source 'no-such-source'"),
    ("CSTO,KZ,member,1992-05-15,,,", "sources", "cites at least one source"),
    ("CSTO,KZ,member,15.05.1992,,wiki-csto-rev-2006,", "start", "not a date"),
    ("CSTO,KZ,member,2001-02-30,,wiki-csto-rev-2006,", "start", "not a calendar date: '2001-02-30'"),
    ("CSTO,KZ,member,1992-05-15,1999-13,wiki-csto-rev-2006,", "end", "not a calendar date: '1999-13'"),
    # A row cut short, and a note with an unquoted comma (review of issue 11, B2 and R8).
    ("SCO,BY,member,2024-07-04", "end", "the row ends before end, sources, note (4 of 7 columns)"),
    ("SCO,BY,member,2024-07-04,,sputnik-2025-sco-list,a note, with a comma", None, "more values than the 7"),
    ("CSTO,KZ,member,1999-01-01,1998-01-01,wiki-csto-rev-2006,", "end", "end is not after start"),
    ("CSTO,KZ,observer,2000-01-01,,wiki-csto-rev-2006,", "start", "overlaps the period on line"),
])
def test_a_broken_table_row_is_refused_with_file_line_and_column(folder, line, column, words):
    at = _append(folder, line)
    with pytest.raises(CorpusError) as exc:
        load_reference(folder)
    problem = next(p for p in exc.value.problems if p.field == column)
    assert problem.file.endswith("memberships.csv") and problem.line == at
    assert words in problem.message


def test_a_state_with_no_status_needs_no_row(folder):
    # Issue 23: rows are needed where a state has a status, not for every country the map draws.
    path = folder / "memberships.csv"
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if not x.startswith("C5+1,AF,")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not any(r.grouping == "C5+1" and r.country == "AF" for r in load_reference(folder).rows)


def test_a_status_timeline_that_does_not_start_on_the_founding_day_is_refused(folder):
    path = folder / "memberships.csv"
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if not x.startswith("SCO,LK,none,")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError) as exc:
        load_reference(folder)
    problem = next(p for p in exc.value.problems if p.record == "SCO LK")
    assert "not on SCO's founding day 2001-06-15" in problem.message and problem.field == "start"


def test_a_gap_between_two_periods_is_refused(folder):
    path = folder / "memberships.csv"
    text = path.read_text(encoding="utf-8").replace("SCO,BY,observer,2015-07-10,", "SCO,BY,observer,2015-07-11,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match="leaves a gap after the period on line"):
        load_reference(folder)


def test_a_spreadsheets_byte_order_mark_is_not_part_of_the_header(folder):
    path = folder / "memberships.csv"
    path.write_text("\ufeff" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert len(load_reference(folder).rows) > 150


def test_a_source_read_in_the_future_is_refused(folder):
    path = folder / "sources.yaml"
    text = path.read_text(encoding="utf-8").replace("accessed: '2026-11-29'", "accessed: '2999-01-01'", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match="2999-01-01 is after today"):
        load_reference(folder)


def test_a_missing_file_is_named(folder):
    (folder / "sources.yaml").unlink()
    with pytest.raises(CorpusError) as exc:
        load_reference(folder)
    assert exc.value.problems[0].file.endswith("sources.yaml") and "file not found" in exc.value.problems[0].message


def test_the_status_function_is_the_one_the_map_uses(corpus):
    from dashboard.map import leaflet

    assert leaflet.membership_status is membership_status
    members = [r for r in corpus.records if isinstance(r, Membership)]
    assert membership_status(members, "org-sco", TODAY)["BY"].status is Status.member


def test_every_correction_names_records_the_corpus_has(corpus):
    from dashboard.corpus.reference import load_corrections

    corrections = load_corrections()
    assert corrections and all(c.was and c.now and c.why for c in corrections)
    for c in corrections:
        assert all(rid in corpus.by_id for rid in c.records), c.records
        assert not any(rid in corpus.by_id for rid in c.removed), c.removed


def test_the_record_check_the_about_page_reports(corpus, folder):
    from dashboard.corpus.reference import check_record

    check = check_record(corpus, TODAY, folder)
    assert check.rows == len(load_reference(folder).rows) and check.sources and check.compared > 1000
    assert check.mismatches == () and check.problems == () and check.log_problems == ()
    assert check.corrections and check.checked is not None
    # A broken corrections log is reported beside the check, and hides nothing of it.
    log = folder / "corrections.yaml"
    log.write_text(log.read_text(encoding="utf-8").replace("records: [", "records: [m-nowhere, ", 1), encoding="utf-8")
    broken_log = check_record(corpus, TODAY, folder)
    assert any("m-nowhere" in p for p in broken_log.log_problems) and broken_log.compared == check.compared
    # A broken table is reported, and the log is still read.
    (folder / "memberships.csv").unlink()
    broken_table = check_record(corpus, TODAY, folder)
    assert broken_table.rows == 0 and any("memberships.csv" in p for p in broken_table.problems)
    assert broken_table.log_problems == broken_log.log_problems
