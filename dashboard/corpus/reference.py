"""The independent reference table of memberships, and its check against the corpus.

`reference/memberships.csv` is kept apart from annotations.yaml and built from public
sources (`reference/sources.yaml`): one row per grouping x country x status period,
each citing its sources. `compare` computes every country's status with the app's own
function (dashboard.corpus.memberships.membership_status) on the dates that matter and lists
every day on which the corpus and the table disagree.

Columns: grouping (an organization's short name, e.g. CSTO), country (ISO 3166-1
alpha-2), status (a Status value, or `none` for a country that never had one),
start and end (YYYY-MM-DD, YYYY-MM or YYYY; end exclusive, empty while it holds),
sources (keys into sources.yaml, space-separated), note.

Every problem and disagreement is said in the language of the run that checks (dashboard/i18n.py): the About
page's reader's (RecordCheck, cached by language in ui/cached.py), the command line's English. The table's own
values (groupings, codes, statuses, ISO dates) are quoted as the files write them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from dashboard.corpus.clock import latest_today
from dashboard.corpus.codes import COUNTRY_NAMES
from dashboard.corpus.dates import Precision, last_day, parse_partial, within_unit
from dashboard.corpus.memberships import membership_status
from dashboard.corpus.model import Membership, Status, Strict
from dashboard.corpus.problems import ROOT, CorpusError, Problem, display_path, parse_yaml
from dashboard.corpus.records import Corpus
from dashboard.i18n import gettext as _
from dashboard.i18n import ngettext
from dashboard.names import country as country_name

DEFAULT_REFERENCE = ROOT / "reference"
COLUMNS = ("grouping", "country", "status", "start", "end", "sources", "note")
NONE = "none"
# Dates every grouping is checked on, besides its founding day, each boundary in the
# table and the corpus (and the day before it), the tour's day and today.
CHECK_YEARS = (2000, 2010, 2020, 2024)
TOUR_DAY = dt.date(2017, 2, 27)


class RefSource(Strict):
    """A public source the table cites."""

    title: str
    publisher: str | None = None
    url: str
    accessed: dt.date
    quotes: list[str]


class Correction(Strict):
    """One correction to the record: what the records said, what they say now, and why."""

    date: dt.date
    records: list[str]
    removed: list[str] = []
    was: str
    now: str
    why: str


@dataclass(frozen=True)
class ReferenceRow:
    """One status period of one country in one grouping, as the public sources give it."""

    line: int
    grouping: str
    country: str
    status: str
    start: dt.date
    start_precision: Precision
    end: dt.date | None
    end_precision: Precision
    sources: tuple[str, ...]
    note: str

    def covers(self, on: dt.date) -> bool:
        """Whether the period holds on a day (start inclusive, end exclusive)."""
        return self.start <= on and (self.end is None or on < self.end)


@dataclass(frozen=True)
class ReferenceTable:
    """The table, its sources and the day it was last checked against them."""

    rows: tuple[ReferenceRow, ...]
    sources: dict[str, RefSource]
    checked: dt.date
    file: str

    def groupings(self) -> list[str]:
        """Groupings in table order."""
        return list(dict.fromkeys(r.grouping for r in self.rows))

    def status_on(self, grouping: str, country: str, on: dt.date) -> ReferenceRow | None:
        """The row that holds for a country on a day (a 'none' row included), or None."""
        for row in self.rows:
            if row.grouping == grouping and row.country == country and row.covers(on):
                return row
        return None


@dataclass(frozen=True)
class Mismatch:
    """One day on which the corpus and the table disagree about one country."""

    grouping: str
    country: str
    on: dt.date
    corpus: str | None
    table: str | None
    record: str | None
    row: ReferenceRow | None
    file: str

    def __str__(self) -> str:
        return self.said()

    def said(self, days: int = 1, last: dt.date | None = None) -> str:
        """The disagreement in words, on its day, or on `days` checked days from its day to `last`."""
        no_status = _("no status")
        fields = {
            "where": f"{self.file}:{self.row.line}" if self.row else self.file,
            "who": _who(self.grouping, self.country),
            "corpus": f"{self.corpus} ({self.record})" if self.corpus else no_status,
            "table": self.table or no_status,
        }
        if days == 1 or last is None:
            return _("{where}: {who} on {day} the corpus says {corpus}, the table says {table}").format(
                day=self.on.isoformat(), **fields)
        return ngettext("{where}: {who} on {n} checked day from {first} to {last} the corpus says {corpus}, the "
                        "table says {table}",
                        "{where}: {who} on {n} checked days from {first} to {last} the corpus says {corpus}, the "
                        "table says {table}", days).format(n=days, first=self.on.isoformat(),
                                                           last=last.isoformat(), **fields)


def _who(grouping: str, code: str) -> str:
    """'[CSTO · Uzbekistan (UZ)]': the table's grouping, the country in the run's language, its code."""
    return f"[{grouping} · {country_name(code)} ({code})]"



def load_reference(folder: Path = DEFAULT_REFERENCE) -> ReferenceTable:
    """Read memberships.csv and sources.yaml; raise CorpusError naming file, line and column."""
    csv_path, src_path = folder / "memberships.csv", folder / "sources.yaml"
    csv_name, src_name = display_path(csv_path), display_path(src_path)
    problems: list[Problem] = []
    for path, name in ((csv_path, csv_name), (src_path, src_name)):
        if not path.is_file():
            problems.append(Problem(name, None, None, None, _("file not found")))
    if problems:
        raise CorpusError(problems)
    data, lines = parse_yaml(src_path.read_text(encoding="utf-8"), src_name)
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict) or "checked" not in data:
        raise CorpusError([Problem(src_name, 1, None, None, _("expected a mapping with 'checked' and 'sources'"))])
    sources: dict[str, RefSource] = {}
    for key, raw in data["sources"].items():
        try:
            sources[key] = RefSource.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = ("sources", key, *err["loc"])
                problems.append(Problem(src_name, lines.line(loc), key, ".".join(map(str, err["loc"])), err["msg"]))
    for key, source in sources.items():
        if not source.quotes:
            problems.append(Problem(src_name, lines.line(("sources", key)), key, "quotes",
                                    _("a source needs at least one quote that states the fact it backs")))
    checked = data["checked"]
    if not isinstance(checked, dt.date):
        problems.append(Problem(src_name, lines.line(("checked",)), None, "checked", _("expected a date YYYY-MM-DD")))
        checked = dt.date.min
    for key, source in sources.items():
        if source.accessed > latest_today():
            problems.append(Problem(src_name, lines.line(("sources", key, "accessed")), key, "accessed",
                                    _("{date} is after today").format(date=source.accessed)))
    # utf-8-sig: a spreadsheet's byte order mark is not part of the first column's name.
    rows = _read_rows(csv_path.read_text(encoding="utf-8-sig"), csv_name, sources, problems)
    if problems:
        raise CorpusError(problems)
    return ReferenceTable(tuple(rows), sources, checked, csv_name)


def load_corrections(folder: Path = DEFAULT_REFERENCE) -> list[Correction]:
    """reference/corrections.yaml, newest first; CorpusError naming the file and line if malformed."""
    path = folder / "corrections.yaml"
    name = display_path(path)
    if not path.is_file():
        raise CorpusError([Problem(name, None, None, None, _("file not found"))])
    data, lines = parse_yaml(path.read_text(encoding="utf-8"), name)
    items = data.get("corrections") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise CorpusError([Problem(name, 1, None, "corrections", _("expected a list under 'corrections'"))])
    out, problems = [], []
    for i, raw in enumerate(items):
        try:
            out.append(Correction.model_validate(raw))
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = ("corrections", i, *err["loc"])
                problems.append(Problem(name, lines.line(loc), None, ".".join(map(str, err["loc"])), err["msg"]))
    if problems:
        raise CorpusError(problems)
    return sorted(out, key=lambda c: c.date, reverse=True)


def _read_rows(text: str, name: str, sources: dict[str, RefSource], problems: list[Problem]) -> list[ReferenceRow]:
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        problems.append(Problem(name, 1, None, None, _("expected the columns {columns}").format(columns=",".join(COLUMNS))))
        return []
    statuses = {s.value for s in Status} | {NONE}
    rows: list[ReferenceRow] = []
    for raw in reader:
        line = reader.line_num
        who = f"{raw['grouping']} {raw['country']}"

        def bad(column: str | None, message: str) -> None:
            problems.append(Problem(name, line, who, column, message))  # noqa: B023

        if None in raw:
            bad(None, _("more values than the {n} columns (a note with a comma needs quotes)").format(n=len(COLUMNS)))
            continue
        missing = [c for c in COLUMNS if raw[c] is None]
        if missing:
            bad(missing[0], _("the row ends before {missing} ({have} of {n} columns)").format(
                missing=", ".join(missing), have=len(COLUMNS) - len(missing), n=len(COLUMNS)))
            continue

        if raw["country"] not in COUNTRY_NAMES:
            bad("country", _("unknown country code {code}").format(code=repr(raw["country"])))
        if raw["status"] not in statuses:
            bad("status", _("unknown status {status}; expected one of {statuses}").format(
                status=repr(raw["status"]), statuses=", ".join(sorted(statuses))))
        keys = tuple(raw["sources"].split())
        if not keys:
            bad("sources", _("every row cites at least one source"))
        for key in keys:
            if key not in sources:
                bad("sources", _("no source {source} in sources.yaml").format(source=repr(key)))
        try:
            start, start_p = parse_partial(raw["start"])
        except ValueError as exc:
            bad("start", _not_a_date(raw["start"], exc))
            continue
        try:
            end, end_p = parse_partial(raw["end"]) if raw["end"].strip() else (None, "day")
        except ValueError as exc:
            bad("end", _not_a_date(raw["end"], exc))
            continue
        if end is not None and end <= start:
            bad("end", _("end is not after start"))
        rows.append(ReferenceRow(line, raw["grouping"], raw["country"], raw["status"], start, start_p, end, end_p,
                        keys, raw["note"] or ""))
    _check_periods(rows, name, problems)
    return rows


def _not_a_date(text: str, exc: ValueError) -> str:
    """Why dates.parse_partial refused a column's text, in the run's language (its own ValueError is English).

    An impossible day ('2001-02-30') has the date's own complaint as its context: Python's words, English."""
    text = text.strip()
    if exc.__context__ is not None:
        return _("not a calendar date: {value} ({reason})").format(value=repr(text), reason=exc.__context__)
    return _("not a date (YYYY-MM-DD, YYYY-MM or YYYY): {value}").format(value=repr(text))


def _check_periods(rows: list[ReferenceRow], name: str, problems: list[Problem]) -> None:
    """Each state's periods in a grouping form one timeline from the grouping's founding day.

    The founding day is the earliest start in the grouping. A state needs rows only in the
    groupings where the sources give it a status (issue 23: not every state the map draws);
    where it has rows, they begin on that day ('none' until its first status) and leave no gap.
    """
    by_pair: dict[tuple[str, str], list[ReferenceRow]] = {}
    for row in rows:
        by_pair.setdefault((row.grouping, row.country), []).append(row)
    founding: dict[str, dt.date] = {}
    for row in rows:
        founding[row.grouping] = min(founding.get(row.grouping, row.start), row.start)
    for (grouping, country), periods in by_pair.items():
        periods.sort(key=lambda r: r.start)
        who = f"{grouping} {country}"
        if periods[0].start != founding[grouping]:
            problems.append(Problem(name, periods[0].line, who, "start",
                                    _("the first row starts {start}, not on {grouping}'s founding day {founding} "
                                      "(add a 'none' row before it)").format(
                                        start=periods[0].start.isoformat(), grouping=grouping,
                                        founding=founding[grouping].isoformat())))
        for first, later in zip(periods, periods[1:]):
            if first.end is None or later.start < first.end:
                problems.append(Problem(name, later.line, who, "start",
                                        _("overlaps the period on line {line}").format(line=first.line)))
            elif later.start > first.end:
                problems.append(Problem(name, later.line, who, "start",
                                        _("leaves a gap after the period on line {line}, which ends {end}").format(
                                            line=first.line, end=first.end.isoformat())))


def _boundaries(table: ReferenceTable, records: list[Membership], grouping: str,
                country: str | None = None) -> list[tuple[dt.date, Precision]]:
    out = []
    for r in table.rows:
        if r.grouping == grouping and country in (None, r.country):
            out.append((r.start, r.start_precision))
            if r.end:
                out.append((r.end, r.end_precision))
    for m in records:
        if country not in (None, m.country):
            continue
        if m.date:
            out.append((m.date, m.date_precision))
        if m.date_end:
            out.append((m.date_end, m.date_end_precision))
    return out


def check_dates(table: ReferenceTable, records: list[Membership], grouping: str, today: dt.date) -> list[dt.date]:
    """The days one grouping is checked on: its founding day, 1 January of CHECK_YEARS, the
    tour's day, today, and around every boundary in the table or the corpus the day before
    it and its first day (for a month or year, the first day after it)."""
    rows = [r for r in table.rows if r.grouping == grouping]
    founding = min(r.start for r in rows)
    days = {founding, TOUR_DAY, today, *(dt.date(y, 1, 1) for y in CHECK_YEARS)}
    for day, precision in _boundaries(table, records, grouping):
        days.update({day - dt.timedelta(days=1), day, last_day(day, precision) + dt.timedelta(days=1)})
    return sorted(d for d in days if founding <= d <= today)


def coverage_problems(corpus: Corpus, table: ReferenceTable) -> list[str]:
    """Groupings the corpus shades by that the table lacks, table groupings the corpus lacks, and states
    with a status on one side and no rows (or no record) on the other.

    Per grouping: every state with a membership record in the corpus has rows in the table, and every
    state the table gives a status other than 'none' has a record in the corpus (issue 23: every state
    with a status is checked, not only those the map once drew).
    """
    shorts = {corpus.organizations[oid] for oid in corpus.shadable}
    out = [_("{file}: no rows for {grouping}, which the map shades by").format(file=table.file, grouping=s)
           for s in sorted(shorts - set(table.groupings()))]
    known = set(corpus.organizations.values())
    out += [_("{file}: {grouping} is not an organization in the corpus").format(file=table.file, grouping=g)
            for g in table.groupings() if g not in known]
    by_short = {short: oid for oid, short in corpus.organizations.items()}
    memberships = [r for r in corpus.records if isinstance(r, Membership)]
    for grouping in table.groupings():
        oid = by_short.get(grouping)
        records = {m.country: m.id for m in memberships if m.organization == oid}
        rows = [r for r in table.rows if r.grouping == grouping]
        in_table = {r.country for r in rows}
        with_status = {r.country: r for r in rows if r.status != NONE}
        for country in sorted(set(records) - in_table):
            out.append(_("{where}: {who} the corpus has a membership record ({record}) but the table has no row "
                         "for it").format(where=table.file, who=_who(grouping, country), record=records[country]))
        for country in sorted(set(with_status) - set(records)):
            row = with_status[country]
            out.append(_("{where}: {who} the table gives it the status {status} but the corpus has no membership "
                         "record for it").format(where=f"{table.file}:{row.line}", who=_who(grouping, country),
                                                 status=row.status))
    return out


def compare(corpus: Corpus, table: ReferenceTable, today: dt.date) -> tuple[list[Mismatch], int]:
    """Every (grouping, country, day) where the corpus and the table disagree, and how many were compared.

    For one country, days inside one of its own imprecise boundaries ("December 1993") on
    either side are skipped: neither source says on which day of that month its status changed.
    """
    by_short = {short: oid for oid, short in corpus.organizations.items()}
    memberships = [r for r in corpus.records if isinstance(r, Membership)]
    mismatches: list[Mismatch] = []
    compared = 0
    for grouping in table.groupings():
        oid = by_short.get(grouping)
        records = [m for m in memberships if m.organization == oid]
        countries = sorted({r.country for r in table.rows if r.grouping == grouping} | {m.country for m in records})
        fuzzy = {c: [(day, p) for day, p in _boundaries(table, records, grouping, c) if p != "day"]
                 for c in countries}
        for on in check_dates(table, records, grouping, today):
            held = membership_status(records, oid, on) if oid else {}
            for country in countries:
                # Only this country's own imprecise boundaries make a day unknowable.
                if any(within_unit(on, day, p) for day, p in fuzzy[country]):
                    continue
                row = table.status_on(grouping, country, on)
                want = None if row is None or row.status == NONE else row.status
                record = held.get(country)
                got = str(getattr(record.status, "value", record.status)) if record else None
                compared += 1
                if got != want:
                    mismatches.append(Mismatch(grouping, country, on, got, want, record.id if record else None,
                                               row, table.file))
    return mismatches, compared


def summarise(mismatches: list[Mismatch]) -> list[str]:
    """One line per disagreeing period (same country, grouping and both values), with its first and last day."""
    groups: dict[tuple, list[Mismatch]] = {}
    for m in mismatches:
        groups.setdefault((m.grouping, m.country, m.corpus, m.table, m.record, m.row), []).append(m)
    return [same[0].said(len(same), same[-1].on) for same in groups.values()]


def correction_problems(corpus: Corpus, corrections: list[Correction], file: str) -> list[str]:
    """Corrections that name records the corpus lacks, or 'removed' records it still has."""
    out = []
    for c in corrections:
        for rid in c.records:
            if rid not in corpus.by_id:
                out.append(_("{file}: the correction of {date} names {record}, which the corpus does not have "
                             "(list a record that was taken out under 'removed')").format(
                                 file=file, date=c.date, record=repr(rid)))
        for rid in c.removed:
            if rid in corpus.by_id:
                out.append(_("{file}: the correction of {date} lists {record} as removed, but the corpus has it").format(
                    file=file, date=c.date, record=repr(rid)))
    return out


@dataclass(frozen=True)
class RecordCheck:
    """The corpus's memberships against reference/, and the corrections log: what the About page reports.

    Its sentences (problems, mismatches, log_problems) are in the language of the run that made it: a cache of it
    is keyed by language (ui/cached.py get_record_check)."""

    rows: int
    sources: int
    checked: dt.date | None
    compared: int
    mismatches: tuple[str, ...]
    corrections: tuple
    problems: tuple[str, ...]
    log_problems: tuple[str, ...] = ()


def check_record(corpus: Corpus, today: dt.date, folder: Path = DEFAULT_REFERENCE) -> RecordCheck:
    """The membership record checked against the reference table, and the corrections log against the corpus.

    The table and the log load apart: a broken log must not hide the check, nor the reverse."""
    try:
        corrections = tuple(load_corrections(folder))
        log_problems = correction_problems(corpus, list(corrections), display_path(folder / "corrections.yaml"))
    except CorpusError as exc:
        corrections, log_problems = (), [str(p) for p in exc.problems]
    try:
        table = load_reference(folder)
    except CorpusError as exc:
        return RecordCheck(0, 0, None, 0, (), corrections, tuple(str(p) for p in exc.problems), tuple(log_problems))
    mismatches, compared = compare(corpus, table, today)
    problems = coverage_problems(corpus, table)
    return RecordCheck(len(table.rows), len(table.sources), table.checked, compared,
                       tuple(summarise(mismatches)), corrections, tuple(problems), tuple(log_problems))
