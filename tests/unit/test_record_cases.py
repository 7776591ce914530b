"""The cases issue 11 found, each as a reader meets it, and their neighbours."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from dashboard.corpus.load import load_corpus
from dashboard.corpus.memberships import membership_status
from dashboard.corpus.model import Disagreement, Membership, Status
from dashboard.corpus.problems import CorpusError
from dashboard.downloads.export import to_csv, to_geojson
from dashboard.map.marks import membership_payload
from dashboard.map.style import MEMBERSHIP_STYLE
from dashboard.query.filters import FilterState, select

CASE_DAY = dt.date(2026, 11, 29)  # the day the cases were found


def status_on(corpus, org: str, on: dt.date) -> dict[str, str]:
    held = membership_status([r for r in corpus.records if isinstance(r, Membership)], org, on)
    return {code: record.status.value for code, record in held.items()}


@pytest.mark.parametrize(("org", "on", "country", "expected"), [
    # Case 1: SCO today, Belarus a member since 4 July 2024 (an observer before, a dialogue partner before that).
    ("org-sco", CASE_DAY, "BY", "member"),
    ("org-sco", dt.date(2024, 7, 4), "BY", "member"),
    ("org-sco", dt.date(2024, 7, 3), "BY", "observer"),
    ("org-sco", dt.date(2012, 1, 1), "BY", "dialogue_partner"),
    # Case 2: EAEU today, Iran an observer since 26 December 2024.
    ("org-eaeu", CASE_DAY, "IR", "observer"),
    ("org-eaeu", dt.date(2024, 12, 26), "IR", "observer"),
    ("org-eaeu", dt.date(2024, 12, 25), "IR", None),
    # Case 3: CSTO in 2013, Uzbekistan suspended (19 Dec 2012), not former; and still so today.
    ("org-csto", dt.date(2013, 1, 1), "UZ", "suspended"),
    ("org-csto", CASE_DAY, "UZ", "suspended"),
    ("org-csto", dt.date(2012, 12, 18), "UZ", "member"),
    # Case 4: C5+1 members before the Samarkand meeting of 1 November 2015.
    ("org-c5plus1", dt.date(2015, 10, 1), "US", "member"),
    ("org-c5plus1", dt.date(2015, 10, 1), "TM", "member"),
    # Neighbours: changes after 2017 and unsettled statuses.
    ("org-csto", CASE_DAY, "AM", "frozen"),         # its own freeze, no CSTO decision
    ("org-sco", CASE_DAY, "MN", "partner"),
    ("org-sco", dt.date(2025, 8, 31), "AZ", "dialogue_partner"),
    ("org-cis", CASE_DAY, "MD", "frozen"),
    ("org-cis", CASE_DAY, "UA", "frozen"),
    ("org-cis", CASE_DAY, "GE", "former"),
    ("org-eaeu", CASE_DAY, "TJ", None),
    ("org-eurasec", CASE_DAY, "KZ", None),
    # Review of issue 11: the CSTO Parliamentary Assembly is not the CSTO (F1); the speech's day (F3).
    ("org-csto", dt.date(2017, 2, 27), "AF", None),
    ("org-greater-eurasia", dt.date(2016, 6, 16), "CN", None),
    ("org-greater-eurasia", dt.date(2016, 6, 17), "UA", "prospective"),
    ("org-greater-eurasia", dt.date(2016, 6, 17), "GE", None),
])
def test_status_on_the_day_a_reader_asks_about(corpus, org, on, country, expected):
    assert status_on(corpus, org, on).get(country) == expected


def test_case_1_belarus_is_shaded_as_a_member_of_the_sco_today(corpus):
    held = membership_status([r for r in corpus.records if isinstance(r, Membership)], "org-sco", CASE_DAY)
    payload = membership_payload(held, "SCO", corpus, CASE_DAY)
    assert payload["BY"]["style"]["fillColor"] == MEMBERSHIP_STYLE["member"]["fillColor"]
    assert "Belarus</b> · SCO: member" in payload["BY"]["tooltip"] and "since 4 Jul 2024" in payload["BY"]["tooltip"]


def test_case_2_iran_is_shaded_as_an_eaeu_observer_today(corpus):
    held = membership_status([r for r in corpus.records if isinstance(r, Membership)], "org-eaeu", CASE_DAY)
    payload = membership_payload(held, "EAEU", corpus, CASE_DAY)
    assert payload["IR"]["style"]["fillColor"] == MEMBERSHIP_STYLE["observer"]["fillColor"]
    assert "Iran</b> · EAEU: observer" in payload["IR"]["tooltip"]


def test_case_3_the_record_and_its_tass_reference_agree(corpus):
    record = corpus.by_id["m-csto-uz-2012"]
    assert record.status is Status.suspended and record.title.endswith(": suspended")
    assert any("suspend Uzbekistan's membership" in (r.quote or "") for r in record.references)


def test_case_4_the_c5plus1_starts_in_new_york_and_the_samarkand_claim_is_a_disagreement(corpus):
    members = [r for r in corpus.records if isinstance(r, Membership) and r.organization == "org-c5plus1"]
    assert {(r.date, r.date_precision) for r in members} == {(dt.date(2015, 9, 1), "month")}
    assert not any("First C5+1 ministerial meeting, Samarkand" in (r.summary or "") for r in members)
    dis = corpus.by_id["dis-c5plus1-first-meeting"]
    assert "org-c5plus1" in dis.records
    assert any("New York" in v.says for v in dis.versions) and any("Samarkand" in v.says for v in dis.versions)


def test_case_5_a_month_is_shown_exported_and_filtered_as_a_month(corpus):
    record = corpus.by_id["ev-eu-strategy-2019"]
    assert (record.date, record.date_precision) == (dt.date(2019, 7, 1), "month")
    row = next(r for r in csv.DictReader(io.StringIO(to_csv([record], corpus))))
    assert row["date"] == "2019-07"
    assert '"when": "2019-07"' in to_geojson([record])

    def shown(start, end):
        return record in select(corpus, FilterState(date_from=start, date_to=end))

    assert shown(dt.date(2019, 7, 20), dt.date(2019, 7, 25))      # inside the month
    assert shown(dt.date(2019, 7, 31), dt.date(2019, 8, 31))      # overlaps its last day
    assert shown(dt.date(2019, 6, 1), dt.date(2019, 7, 1))        # overlaps its first day
    assert not shown(dt.date(2019, 8, 1), dt.date(2019, 8, 31))
    assert not shown(dt.date(2019, 6, 1), dt.date(2019, 6, 30))


def test_case_5_every_first_of_the_month_is_either_a_real_day_or_marked_as_a_month(corpus):
    # The whole kind: a 1st of the month at day precision must be stated as that day by one of its quotes.
    from dashboard.corpus.dates import mentions_date

    for record in corpus.records:
        if record.date and record.date.day == 1 and record.date_precision == "day":
            quotes = [r.quote or "" for r in record.references] + [e.quote for e in record.excerpts]
            assert any(mentions_date(q, record.date, "day") for q in quotes), record.id


def test_case_6_the_longest_border_claim_is_shown_as_a_disagreement(corpus):
    dis = [r for r in corpus.records if isinstance(r, Disagreement) and "border-kz-ru" in r.records
           and any(v.excerpt and "longest land border" in v.excerpt.quote for v in r.versions)]
    assert len(dis) == 1
    versions = dis[0].versions
    assert any(v.reference and "longest continuous" in (v.reference.quote or "") for v in versions)
    assert any(v.reference and "United States and Canada" in (v.reference.quote or "") for v in versions)
    assert "border-kz-ru" in corpus.disputed


def test_case_7_the_india_reference_is_labelled_for_the_end_of_the_observer_period(corpus):
    record = corpus.by_id["m-sco-in-2005"]
    granted = [r for r in record.references if "granted to the Republic of India" in (r.quote or "")]
    assert granted and all(r.supports == "end" for r in granted)


def test_case_7_the_old_label_is_refused_by_the_validator(corpus, tmp_path):
    from dashboard.corpus.load import DEFAULT_ANNOTATIONS

    text = DEFAULT_ANNOTATIONS.read_text(encoding="utf-8")
    at = text.index("  - id: m-sco-in-2005")
    end = text.index("      - supports: end", at)
    broken = text[:end] + "      - supports: start" + text[end + len("      - supports: end"):]
    path = tmp_path / "annotations.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        load_corpus(path)
    [problem] = info.value.problems
    assert problem.record == "m-sco-in-2005" and problem.field == "references.quote"
    assert "does not state date 5 Jul 2005" in problem.message


@pytest.mark.parametrize(("start", "end", "expected"), [
    # Review of issue 11 (B4): a range after an organization's founding dropped it.
    (dt.date(2020, 1, 1), None, {"org-csto", "org-sco", "org-cis", "org-eaeu", "org-c5plus1", "org-bri",
                                 "org-greater-eurasia"}),
    (dt.date(2001, 1, 1), dt.date(2005, 12, 31), {"org-csto", "org-sco", "org-cis", "org-eurasec", "org-bri"}),
    (dt.date(2015, 6, 1), dt.date(2015, 6, 30), {"org-csto", "org-sco", "org-cis", "org-eaeu", "org-bri"}),
])
def test_a_date_range_keeps_the_organizations_that_existed_in_it(corpus, start, end, expected):
    state = FilterState(kinds=("organization",), date_from=start, date_to=end)
    assert {r.id for r in select(corpus, state)} == expected


# Issue 23, part 2: the record rechecked. Each case as a reader meets it, then the sweep for its kind.

def _words(record) -> str:
    """Everything a reader sees of a record: its summary, its versions and its references' quotes."""
    parts = [getattr(record, "summary", None) or ""]
    parts += [r.quote or "" for r in getattr(record, "references", [])]
    for v in getattr(record, "versions", []):
        parts.append(v.says)
        if v.reference:
            parts.append(v.reference.quote or "")
    return " ".join(parts)


def test_issue_23_case_1_the_csto_charter_allows_withdrawal_and_the_record_says_so(corpus):
    from dashboard.corpus.reference import load_corrections, load_reference

    record, dispute = corpus.by_id["m-csto-uz-2012"], corpus.by_id["dis-uz-csto-2012"]
    assert record.status is Status.suspended
    for r in (record, dispute):
        quotes = [ref.quote or "" for ref in r.references] + [v.reference.quote or "" for v in getattr(r, "versions", [])
                                                              if v.reference]
        # TASS's false sentence is not offered as support, and a source says a member may withdraw on notice.
        assert not any("does not provide for unilateral withdrawal" in q or "dose not provide" in q for q in quotes)
        assert any("six months prior to withdrawal" in q for q in quotes)
    assert "Charter provides for no unilateral withdrawal" not in dispute.summary
    assert "; the Charter has no unilateral withdrawal" not in record.summary and "six months" in record.summary
    assert all("has no unilateral withdrawal" not in c.why for c in load_corrections())
    assert all("dose not provide" not in q for s in load_reference().sources.values() for q in s.quotes)


def test_issue_23_case_2_the_astana_proposal_was_announced_in_tokyo_on_16_december(corpus):
    dispute = corpus.by_id["dis-astana-talks-year"]
    says = [v.says for v in dispute.versions]
    assert any("16 December 2016" in s for s in says) and any("Tokyo" in s for s in says)
    assert "Tokyo" in dispute.summary
    assert not any(s.startswith("Proposed by Russia and Turkey on 17 December") for s in says)
    assert "16 December 2016" in dispute.summary and "two days before" in dispute.summary
    assert "16 December" in corpus.by_id["ev-astana-syria-talks"].summary


def test_issue_23_case_3_every_2025_sco_partner_is_unsettled_with_why(corpus):
    from dashboard.corpus.reference import load_reference

    partners = [r for r in corpus.records if isinstance(r, Membership) and r.organization == "org-sco"
                and r.status is Status.partner]
    assert len(partners) >= 17
    for r in partners:
        assert r.unsettled, r.id
        assert "Laos" in r.summary and "dialogue partner" in r.summary, r.id
    assert "on hold since 2021" in corpus.by_id["m-sco-af-2025"].summary
    rows = [r for r in load_reference().rows if r.grouping == "SCO" and r.status == "partner"]
    assert rows and all(r.note.startswith("Unsettled") for r in rows)


def test_issue_23_case_4_ayni_hosts_a_201st_base_helicopter_group_since_october_2015(corpus):
    aini = corpus.by_id["site-aini"]
    assert "October 2015" in aini.summary and "helicopters" in aini.summary and "no lease" in aini.summary
    assert any("Asia-Plus" in (r.quote or "") and "not leased" in (r.quote or "") for r in aini.references)
    # The deployment itself, with the 201st base named, is its own dated record (not on the map).
    event = corpus.by_id["ev-aini-helicopters-2015"]
    assert event.date == dt.date(2015, 10, 7) and "201st" in event.summary and "not leased" in event.summary
    assert any("201st military base" in (r.quote or "") and "Aini air base" in (r.quote or "") for r in event.references)
    assert any("leased to Russia" in (r.quote or "") for r in event.references)


def test_issue_23_case_5_the_call_with_turkmenistan_is_dated_27_february_2017(corpus):
    call = corpus.by_id["call-berdymukhamedov"]
    assert call.date == dt.date(2017, 2, 27)
    assert any(r.supports in ("date", "start") and "53952" in r.url for r in call.references)


def test_issue_23_case_6_moldova_is_not_a_plain_cis_member_before_april_1994(corpus):
    held = status_on(corpus, "org-cis", dt.date(1993, 1, 1))
    members = [r for r in corpus.records if isinstance(r, Membership)]
    record = membership_status(members, "org-cis", dt.date(1993, 1, 1))["MD"]
    assert held["MD"] == "member" and record.unsettled and "April 1994" in record.summary
    later = membership_status(members, "org-cis", dt.date(1995, 1, 1))["MD"]
    assert later.status is Status.member and not later.unsettled
    # As Azerbaijan's gap is shown.
    assert membership_status(members, "org-cis", dt.date(1993, 1, 1))["AZ"].status is Status.observer


def test_issue_23_case_7_the_c5plus1_summary_and_its_quotes_agree(corpus):
    org = corpus.by_id["org-c5plus1"]
    assert "New York" in org.summary
    backing = [r.quote or "" for r in org.references if r.supports == "summary"]
    assert backing and any("New York" in q for q in backing)
    assert not any("the first time we have met as a group" in q for q in backing)


def test_issue_23_sweep_a_disagreements_version_says_what_its_quote_says(corpus):
    dispute = corpus.by_id["dis-c5plus1-first-meeting"]
    kerry = next(v for v in dispute.versions if v.reference and "state.gov" in v.reference.url)
    assert "first time the six met as a group" in kerry.says and kerry.reference.supports == "summary"


def _dates_named(text: str) -> list[tuple[dt.date, str]]:
    """The days ('16 December 2016') and months ('September 2015') a label names."""
    import re

    from dashboard.corpus.dates import MONTHS_EN

    names = "|".join(MONTHS_EN)
    out = [(dt.date(int(y), MONTHS_EN.index(m) + 1, int(d)), "day")
           for d, m, y in re.findall(rf"(?<!\d)(\d{{1,2}}) ({names}) (\d{{4}})", text)]
    out += [(dt.date(int(y), MONTHS_EN.index(m) + 1, 1), "month")
            for m, y in re.findall(rf"(?<![\d] )(?<!\d )({names}) (\d{{4}})", text)]
    return out


def test_issue_23_sweep_every_version_states_the_dates_it_names(corpus):
    # A version's label may name only the dates its quote gives, at that precision (dis-uz-csto-return said
    # "23 June 2006" on a quote giving "2006"; dis-csto-founding named 15 May 1992 on a quote without it).
    from dashboard.corpus.dates import mentions_date

    for r in corpus.records:
        if not isinstance(r, Disagreement):
            continue
        for v in r.versions:
            if not v.reference:
                continue
            quote = v.reference.quote or ""
            for day, precision in _dates_named(v.says):
                # A quote in another language ('16 décembre 2016') gives the day and the year in digits.
                other = precision == "day" and str(day.day) in quote and str(day.year) in quote
                assert mentions_date(quote, day, precision) or other, (r.id, v.says)


def test_issue_23_sweep_a_member_records_status_quote_states_membership_not_withdrawal(corpus):
    for r in corpus.records:
        if isinstance(r, Membership) and r.status is Status.member:
            for ref in r.references:
                if ref.supports == "status":
                    assert "withdrew" not in (ref.quote or ""), r.id


def test_issue_23_sweep_the_wars_start_and_the_tables_open_notes_are_sourced_as_of_the_check(corpus):
    import re

    from dashboard.corpus.reference import load_reference

    war = corpus.by_id["ev-syria-war"]
    assert "March 2011" in war.summary and any("2011" in (r.quote or "") for r in war.references)
    table = load_reference()
    for row in table.rows:
        # A day of this year in a note is the day it was last found true ("still a member on ..."): the check.
        for day in re.findall(rf"{table.checked.year}-\d{{2}}-\d{{2}}", row.note):
            assert day == table.checked.isoformat(), (row.grouping, row.country, row.note)


def _held(corpus, org: str, on: dt.date, country: str) -> tuple[str | None, bool | None]:
    record = membership_status([r for r in corpus.records if isinstance(r, Membership)], org, on).get(country)
    return (record.status.value, record.unsettled) if record else (None, None)


@pytest.mark.parametrize(("org", "on", "country", "expected"), [
    # Unsettled-period review, case 1: Armenia's EAEU doubt starts with the other members' statement of 29 May 2026.
    ("org-eaeu", dt.date(2015, 9, 30), "AM", ("member", False)),
    ("org-eaeu", dt.date(2017, 2, 27), "AM", ("member", False)),
    ("org-eaeu", dt.date(2026, 5, 28), "AM", ("member", False)),
    ("org-eaeu", dt.date(2026, 5, 29), "AM", ("member", True)),
    ("org-eaeu", dt.date(2026, 12, 5), "AM", ("member", True)),
    # Case 2: Afghanistan's SCO observer status, inactive from September 2021 (Pakistan Today; month precision).
    ("org-sco", dt.date(2017, 2, 27), "AF", ("observer", False)),
    ("org-sco", dt.date(2021, 8, 1), "AF", ("observer", False)),
    ("org-sco", dt.date(2021, 10, 1), "AF", ("observer", True)),
    ("org-sco", dt.date(2023, 6, 1), "AF", ("observer", True)),
    # Case 3: Azerbaijan's and Moldova's unratified CIS signatures are treated alike (LoC country studies).
    ("org-cis", dt.date(1992, 6, 1), "AZ", ("member", True)),
    ("org-cis", dt.date(1992, 6, 1), "MD", ("member", True)),
    ("org-cis", dt.date(1993, 1, 1), "AZ", ("observer", False)),
    ("org-cis", dt.date(1994, 6, 1), "MD", ("member", False)),
    # Sweep: Moldova, an EAEU observer that has ignored the union's meetings since 2022 (RIA Novosti).
    ("org-eaeu", dt.date(2019, 6, 1), "MD", ("observer", False)),
    ("org-eaeu", dt.date(2023, 6, 1), "MD", ("observer", True)),
])
def test_an_unsettled_flag_holds_for_its_whole_period(corpus, org, on, country, expected):
    assert _held(corpus, org, on, country) == expected


@pytest.mark.parametrize(("org", "on", "country", "since"), [
    # A split that only marks where a doubt starts keeps the status's first day in the tooltip.
    ("org-eaeu", dt.date(2026, 12, 5), "AM", "since 2 Jan 2015"),
    ("org-sco", dt.date(2023, 6, 1), "AF", "since 7 Jun 2012"),
])
def test_the_tooltip_gives_the_day_the_status_began_not_the_split(corpus, org, on, country, since):
    held = membership_status([r for r in corpus.records if isinstance(r, Membership)], org, on)
    tooltip = membership_payload(held, "X", corpus, on)[country]["tooltip"]
    assert since in tooltip and "⚠ unsettled" in tooltip
