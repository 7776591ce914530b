"""Load and validate seeds/ and annotations.yaml into typed records.

Validation collects every problem before raising, and each problem names the
file, the line, the annotation and the field, so an editor can fix them all in
one pass; the problems are said in the language of the run that loads (dashboard/i18n.py: the app's
reader's, the command line's English). The Corpus it returns and the questions asked of its records are in
corpus/records.py; a located problem and YAML read with its lines, in corpus/problems.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from dashboard.corpus.clock import latest_today
from dashboard.corpus.codes import COUNTRY_NAMES, REGION_BOUNDS
from dashboard.corpus.dates import is_first_of
from dashboard.corpus.memberships import gaps, overlapping_periods
from dashboard.corpus.model import (
    EARLIEST_DATE,
    Annotation,
    Disagreement,
    Excerpt,
    Membership,
    Source,
)
from dashboard.corpus.problems import (
    ROOT,
    CorpusError,
    Problem,
    display_path,
    parse_yaml,
    pydantic_problems,
    validate_items,
)
from dashboard.corpus.quotes import Seed, locate_excerpt, normalise_with_offsets
from dashboard.corpus.records import Corpus, record_countries, record_orgs
from dashboard.corpus.support import date_problem, label_problem
from dashboard.i18n import gettext as _
from dashboard.labels import STATUS_LABELS

DEFAULT_ANNOTATIONS = ROOT / "annotations.yaml"
DEFAULT_SEEDS = ROOT / "seeds"
DEFAULT_GEODATA = ROOT / "geodata"


def configured_paths() -> tuple[Path, Path, Path]:
    """(annotations, seeds, geodata); environment variables let tests and deployments use other files."""
    return (
        Path(os.environ.get("DASHBOARD_ANNOTATIONS", DEFAULT_ANNOTATIONS)),
        Path(os.environ.get("DASHBOARD_SEEDS", DEFAULT_SEEDS)),
        Path(os.environ.get("DASHBOARD_GEODATA", DEFAULT_GEODATA)),
    )


# --- sources and seeds -------------------------------------------------------


def load_sources(seeds_dir: Path = DEFAULT_SEEDS) -> dict[str, Seed]:
    """Read seeds/sources.yaml and each article it lists."""
    path = seeds_dir / "sources.yaml"
    name = display_path(path)
    if not path.is_file():
        raise CorpusError([Problem(name, None, None, None, _("file not found"))])
    data, lines = parse_yaml(path.read_text(encoding="utf-8"), name)
    items = (data or {}).get("sources") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise CorpusError([Problem(name, lines.line(()), None, "sources", _("expected a list of sources"))])
    problems: list[Problem] = []
    seeds: dict[str, Seed] = {}
    for i, raw in enumerate(items):
        sid = raw.get("id") if isinstance(raw, dict) else None
        try:
            source = Source.model_validate(raw)
        except ValidationError as exc:
            problems.extend(pydantic_problems(exc, name, lines, ("sources", i), sid))
            continue
        if source.id in seeds:
            problems.append(Problem(name, lines.line(("sources", i, "id")), sid, "id", _("duplicate source id")))
            continue
        text_path = seeds_dir / source.file
        if not text_path.is_file():
            problems.append(
                Problem(name, lines.line(("sources", i, "file")), sid, "file",
                        _("{file} not found in {folder}/").format(file=source.file, folder=seeds_dir.name))
            )
            continue
        raw = text_path.read_bytes()
        if hashlib.sha256(raw).hexdigest() != source.sha256:
            problems.append(
                Problem(name, lines.line(("sources", i, "sha256")), sid, "sha256",
                        _("{file} has changed: its sha256 no longer matches (articles stay unchanged)").format(
                            file=source.file))
            )
            continue
        text = raw.decode("utf-8")
        norm, offsets = normalise_with_offsets(text)
        seeds[source.id] = Seed(source, text, norm, offsets)
    if problems:
        raise CorpusError(problems)
    return seeds


# --- annotations ------------------------------------------------------------

_RECORD = TypeAdapter(Annotation)


def load_corpus(
    annotations: Path = DEFAULT_ANNOTATIONS,
    seeds_dir: Path = DEFAULT_SEEDS,
    geodata_dir: Path = DEFAULT_GEODATA,
    today: dt.date | None = None,
) -> Corpus:
    """Load, check and cross-check the corpus; raise CorpusError listing every problem."""
    name = display_path(annotations)
    if not annotations.is_file():
        raise CorpusError([Problem(name, None, None, None, _("file not found"))])
    raw_text = annotations.read_text(encoding="utf-8")
    seeds = load_sources(seeds_dir)
    data, lines = parse_yaml(raw_text, name)
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        raise CorpusError([Problem(name, lines.line(()), None, "records", _("expected a mapping with a 'records' list"))])
    extra_top = sorted(set(data) - {"version", "records"})
    problems = [Problem(name, lines.line((k,)), None, k, _("unknown field")) for k in extra_top]

    border_ids = _border_ids(geodata_dir, problems)
    valid = validate_items(_RECORD, data["records"], name, lines, "records", problems,
                           lambda i, raw: raw.get("id") if isinstance(raw, dict) else None)
    positions, records = [i for i, _ in valid], [r for _, r in valid]

    orgs = {r.id: r.short for r in records if r.kind == "organization"}
    checks = _Checks(name, lines, seeds, orgs, border_ids, today or latest_today())
    seen: dict[str, int] = {}
    located: list[Annotation] = []
    for i, record in zip(positions, records):
        if record.id in seen:
            problems.append(
                Problem(name, lines.line(("records", i, "id")), record.id, "id",
                        _("duplicate id (first used on line {line})").format(line=seen[record.id]))
            )
            continue
        seen[record.id] = lines.line(("records", i, "id")) or 0
        located.append(checks.run(record, ("records", i), problems))
    by_id = {r.id: r for r in records}
    for i, record in zip(positions, records):
        if isinstance(record, Disagreement):
            for j, rid in enumerate(record.records):
                if rid not in seen:
                    problems.append(
                        Problem(name, lines.line(("records", i, "records", j)), record.id, "records",
                                _("unknown record {record}").format(record=repr(rid)))
                    )
            concerned = [by_id[rid] for rid in record.records if rid in by_id]
            for j, version in enumerate(record.versions):
                why = version.reference and label_problem(record, version.reference, concerned)
                if why:
                    problems.append(Problem(name, lines.line(("records", i, "versions", j, "reference", "supports")),
                                            record.id, "versions.reference.supports", why))
    line_of = {r.id: lines.line(("records", i, "date")) for i, r in zip(positions, records)}
    for first, later in overlapping_periods(r for r in located if isinstance(r, Membership)):
        problems.append(Problem(name, line_of[later.id], later.id, "date",
                                _("overlaps {record} (same country and organization): a country has one status at a "
                                  "time, so one period must end (date_end) where the next begins").format(
                                    record=first.id)))
    for first, later in gaps(r for r in located if isinstance(r, Membership)):
        problems.append(Problem(name, line_of[later.id], later.id, "date",
                                _("begins {date}, but {record} ended {date_end}: say what the status was in between "
                                  "(a period such as 'former'), or end {record} on {date}").format(
                                    date=later.date, record=first.id, date_end=first.date_end)))
    if problems:
        raise CorpusError(problems)
    version = hashlib.sha256(
        raw_text.encode() + "".join(s.source.sha256 for s in seeds.values()).encode()
    ).hexdigest()[:12]
    return Corpus(
        sources={k: s.source for k, s in seeds.items()},
        seeds=seeds,
        records=tuple(located),
        organizations=orgs,
        countries=dict(COUNTRY_NAMES),
        version=version,
    )


def _border_ids(geodata_dir: Path, problems: list[Problem]) -> set[str] | None:
    from dashboard.map.geo import GeodataError, load_borders

    try:
        return set(load_borders(geodata_dir)["id"])
    except GeodataError as exc:
        problems.append(Problem(display_path(geodata_dir), None, None, None, str(exc)))
        return None


class _Checks:
    """Cross-checks pydantic cannot do alone: codes, quotes, places, dates."""

    def __init__(self, file, lines, seeds, orgs, border_ids, today):
        self.file, self.lines, self.seeds, self.orgs = file, lines, seeds, orgs
        self.border_ids, self.today = border_ids, today

    def problem(self, problems, path, rid, fld, msg):
        problems.append(Problem(self.file, self.lines.line(path), rid, fld, msg))

    def run(self, record: Annotation, path: tuple[Any, ...], problems: list[Problem]) -> Annotation:
        rid = record.id
        if not record.excerpts and not record.references and not isinstance(record, Disagreement):
            self.problem(problems, path, rid, "excerpts", _("a record needs at least one excerpt or reference"))
        if not record_countries(record) and not record_orgs(record):
            self.problem(problems, path, rid, "countries", _("a record needs a country or an organization"))
        for j, code in enumerate(record.countries):
            if code not in COUNTRY_NAMES:
                self.problem(problems, path + ("countries", j), rid, "countries", _unknown_country(code))
        for j, org in enumerate(record.organizations):
            if org not in self.orgs:
                self.problem(problems, path + ("organizations", j), rid, "organizations", _unknown_org(org))
        for fld in ("country", "operator", "host"):
            code = getattr(record, fld, None)
            if code is not None and code.upper() not in COUNTRY_NAMES:
                self.problem(problems, path + (fld,), rid, fld, _unknown_country(code))
        org = getattr(record, "organization", None)
        if org is not None and org not in self.orgs:
            self.problem(problems, path + ("organization",), rid, "organization", _unknown_org(org))
        geodata_id = getattr(record, "geodata_id", None)
        if geodata_id is not None and self.border_ids is not None and geodata_id not in self.border_ids:
            self.problem(problems, path + ("geodata_id",), rid, "geodata_id",
                         _("no border {border} in geodata/borders.geojson").format(border=repr(geodata_id)))
        self._check_dates(record, path, problems)
        location = getattr(record, "location", None)
        self._check_location(location, path + ("location",), rid, problems)
        if location is not None and not any(r.supports == "location" for r in record.references):
            self.problem(problems, path + ("location",), rid, "location",
                         _("a coordinate needs a reference with supports: location"))
        for ref_path, ref in _references(record, path):
            if not ref.url.startswith(("https://", "http://")):
                self.problem(problems, ref_path + ("url",), rid, "references.url",
                             _("a reference URL must start with https:// or http://"))
        for j, ref in enumerate(record.references):
            ref_path = path + ("references", j)
            why = label_problem(record, ref)
            if why:
                self.problem(problems, ref_path + ("supports",), rid, "references.supports", why)
            why = date_problem(record, ref)
            if why:
                self.problem(problems, ref_path + ("quote",), rid, "references.quote", why)
        if isinstance(record, Membership):
            label = STATUS_LABELS.english[record.status.value]  # titles are the corpus's, in English
            country = COUNTRY_NAMES.get(record.country, record.country)
            short = self.orgs.get(record.organization, record.organization)
            if not (record.title.endswith(f": {label}") and record.title.startswith(country) and short in record.title):
                # The example is a title as the corpus writes it: English in every language.
                self.problem(problems, path + ("title",), rid, "title",
                             _("the title must name the country, the grouping and the status it shows, "
                               "e.g. '{country} in the {short}: {label}'").format(country=country, short=short,
                                                                                   label=label))
            if record.date is None:
                self.problem(problems, path, rid, "date", _("a membership period needs its first day (date)"))
        updates: dict[str, Any] = {}
        excerpts = [self._locate(e, path + ("excerpts", j), rid, problems) for j, e in enumerate(record.excerpts)]
        updates["excerpts"] = excerpts
        if isinstance(record, Disagreement):
            versions = []
            for j, v in enumerate(record.versions):
                if v.excerpt is None and v.reference is None:
                    self.problem(problems, path + ("versions", j), rid, "versions",
                                 _("each version needs an excerpt or a reference"))
                if v.agrees_with_record and v.excerpt is None:
                    self.problem(problems, path + ("versions", j, "agrees_with_record"), rid, "versions",
                                 _("agrees_with_record is said of an article's words: the version needs an excerpt"))
                if v.excerpt is not None:
                    v = v.model_copy(update={"excerpt": self._locate(v.excerpt, path + ("versions", j, "excerpt"), rid, problems)})
                versions.append(v)
            updates["versions"] = versions
        return record.model_copy(update=updates)

    def _locate(self, excerpt: Excerpt, path, rid, problems) -> Excerpt:
        located, fld, why = locate_excerpt(excerpt, self.seeds)
        if why:
            self.problem(problems, path + (fld,), rid, f"excerpts.{fld}", why)
        return located

    def _check_dates(self, record, path, problems):
        for fld in ("date", "date_end"):
            value = getattr(record, fld)
            if value is not None and not (EARLIEST_DATE <= value <= self.today):
                self.problem(problems, path + (fld,), record.id, fld,
                             _("date {date} outside the possible range {earliest}..{today}").format(
                                 date=value, earliest=EARLIEST_DATE, today=self.today))
            precision = getattr(record, f"{fld}_precision")
            if value is not None and not is_first_of(value, precision):
                said = (_("a date known to the month is written as the 1st of the month, not {date}")
                        if precision == "month" else _("a date known to the year is written as 1 January, not {date}"))
                self.problem(problems, path + (fld,), record.id, fld, said.format(date=value))
        if record.date and record.date_end and record.date_end < record.date:
            self.problem(problems, path + ("date_end",), record.id, "date_end", _("date_end is before date"))

    def _check_location(self, loc, path, rid, problems):
        if loc is None:
            return
        (south, west), (north, east) = REGION_BOUNDS
        inside = south <= loc.lat <= north and west <= loc.lon <= east
        if inside:
            return
        swapped = south <= loc.lon <= north and west <= loc.lat <= east
        said = (_("({lat}, {lon}) is outside the map region {region} (lat and lon look swapped)") if swapped
                else _("({lat}, {lon}) is outside the map region {region}"))
        self.problem(problems, path, rid, "location", said.format(lat=loc.lat, lon=loc.lon, region=REGION_BOUNDS))


def _unknown_country(code: str) -> str:
    return _("unknown country code {code}").format(code=repr(code))


def _unknown_org(org: str) -> str:
    return _("unknown organization {organization}").format(organization=repr(org))


def _references(record, path):
    for j, ref in enumerate(record.references):
        yield path + ("references", j), ref
    if isinstance(record, Disagreement):
        for j, v in enumerate(record.versions):
            if v.reference is not None:
                yield path + ("versions", j, "reference"), v.reference


