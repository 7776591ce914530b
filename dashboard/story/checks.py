"""What pydantic cannot check of a story alone: the records a step names, its quotes, its map, its dates and
its numbers.

A number or a year in a note must appear in the evidence of the records it cites (their excerpts, their
references' quotes, their dates, a figure's value); one in a step's heading or place, in the evidence of the
records the step names or in its own excerpts. A date written out must be the date of a record the step names.
Each problem is said in the language of the run that checks (dashboard/i18n.py); ids and values as written.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from dashboard.corpus.clock import latest_today
from dashboard.corpus.codes import MAPPED_COUNTRIES
from dashboard.corpus.memberships import membership_active
from dashboard.corpus.model import Annotation, Border, Disagreement, Excerpt, Figure, Membership
from dashboard.corpus.problems import Problem
from dashboard.corpus.quotes import locate_excerpt
from dashboard.corpus.records import Corpus, all_excerpts
from dashboard.i18n import gettext as _
from dashboard.labels import KIND_SINGULAR, LAYER_OF_KIND
from dashboard.story.model import TODAY, Step, marked_stops, step_records


class StepChecks:
    """What pydantic cannot check alone: the records a step names, its quotes, its dates and numbers."""

    def __init__(self, file: str, lines, corpus: Corpus, today: dt.date | None):
        self.file, self.lines, self.corpus = file, lines, corpus
        self.today = today or latest_today()

    def problem(self, problems, path, who, fld, msg) -> None:
        problems.append(Problem(self.file, self.lines.line(path), who, fld, msg))

    def known(self, rid: str, path, who, fld, problems) -> Annotation | None:
        record = self.corpus.by_id.get(rid)
        if record is None:
            self.problem(problems, path, who, fld, _("unknown record {record}").format(record=repr(rid)))
        return record

    def run(self, step: Step, path: tuple[Any, ...], who: str, problems: list[Problem]) -> Step:
        by_id = self.corpus.by_id
        before = len(problems)
        for j, rid in enumerate(step.marks):
            record = self.known(rid, path + ("marks", j), who, "marks", problems)
            if record is not None and record.kind not in LAYER_OF_KIND:
                self.problem(problems, path + ("marks", j), who, "marks",
                             _("{record} is a {kind}, which has no mark on the map; cite it in a note instead").format(
                                 record=rid, kind=KIND_SINGULAR[record.kind].lower()))
            elif record is not None and rid in step.marks[:j]:
                self.problem(problems, path + ("marks", j), who, "marks",
                             _("{record} is marked twice").format(record=rid))
        for j, rid in enumerate(step.disagreements):
            record = self.known(rid, path + ("disagreements", j), who, "disagreements", problems)
            if record is not None and not isinstance(record, Disagreement):
                self.problem(problems, path + ("disagreements", j), who, "disagreements",
                             _("{record} is a {kind}, not a disagreement").format(
                                 record=rid, kind=KIND_SINGULAR[record.kind].lower()))
        for j, note in enumerate(step.notes):
            for k, rid in enumerate(note.cites):
                self.known(rid, path + ("notes", j, "cites", k), who, "notes.cites", problems)
        if step.view is not None and step.view.at is not None:
            record = self.known(step.view.at, path + ("view", "at"), who, "view.at", problems)
            if record is not None and getattr(record, "location", None) is None:
                self.problem(problems, path + ("view", "at"), who, "view.at",
                             _("{record} has no location").format(record=step.view.at))
        excerpts = []
        for j, excerpt in enumerate(step.excerpts):
            located, fld, why = locate_excerpt(excerpt, self.corpus.seeds)
            if why:
                self.problem(problems, path + ("excerpts", j, fld), who, f"excerpts.{fld}", why)
            excerpts.append(located)
        marks_ok = len(problems) == before
        self._check_map(step, path, who, problems)
        if not marks_ok or any(rid not in by_id for rid in step_records(step)):
            # What follows rests on the records the step names: a wrong one is reported above, once.
            return step.model_copy(update={"excerpts": excerpts})
        if step.view is None and not any(_locatable(by_id[r]) for r in step.marks):
            self.problem(problems, path, who, "view",
                         _("the map cannot frame this step: give a view, or mark a record that has a place on the map"))
        if step.place is None and not marked_stops(step, self.corpus):
            self.problem(problems, path, who, "place",
                         _("give a place, or mark a stop of the tour (its city is the place)"))
        self._check_dates(step, path, who, problems)
        self._check_numbers(step, path, who, problems, excerpts)
        return step.model_copy(update={"excerpts": excerpts})

    def _check_map(self, step: Step, path, who, problems) -> None:
        shade = step.map.shade
        if shade is not None and shade not in self.corpus.shadable:
            said = (_("cannot shade by {organization}: no such organization") if shade not in self.corpus.organizations
                    else _("cannot shade by {organization}: it has no members to shade"))
            self.problem(problems, path + ("map", "shade"), who, "map.shade", said.format(organization=repr(shade)))
            return
        members = [(j, self.corpus.by_id[r]) for j, r in enumerate(step.marks)
                   if isinstance(self.corpus.by_id.get(r), Membership)]
        if not members:
            return
        if shade is None or step.map.as_of is None:
            self.problem(problems, path + ("map",), who, "map",
                         _("a step that marks memberships says which grouping the map shades (map.shade) and on "
                           "which day (map.as_of)"))
            return
        day = self.today if step.map.as_of == TODAY else step.map.as_of
        for j, record in members:
            if record.organization != shade:
                self.problem(problems, path + ("marks", j), who, "marks",
                             _("{record} is a membership in {organization}, but the map shades {shade}").format(
                                 record=record.id, organization=record.organization, shade=shade))
            elif not membership_active(record, day):
                self.problem(problems, path + ("marks", j), who, "marks",
                             _("{record} does not hold on {day} (map.as_of): it would not be drawn").format(
                                 record=record.id, day=day))

    def _check_dates(self, step: Step, path, who, problems) -> None:
        known = set()
        for rid in step_records(step):
            record = self.corpus.by_id.get(rid)
            if record is not None:
                known.update(d for d in (record.date, record.date_end) if d is not None)
        for fld in ("date", "date_end"):
            value = getattr(step, fld)
            if isinstance(value, dt.date) and value not in known:
                self.problem(problems, path + (fld,), who, fld,
                             _("{date} is not a date of any record this step marks or cites").format(date=value))
        if step.date_end is not None and step.date is None:
            self.problem(problems, path + ("date_end",), who, "date_end", _("a date_end needs a date"))
        elif isinstance(step.date_end, dt.date) and step.date is not None and step.date_end < step.date:
            self.problem(problems, path + ("date_end",), who, "date_end", _("date_end is before date"))

    def _check_numbers(self, step: Step, path, who, problems, excerpts: list[Excerpt]) -> None:
        by_id = self.corpus.by_id
        everything = set().union(*(evidence_numbers(by_id[r]) for r in step_records(step) if r in by_id))
        everything |= {n for e in excerpts for n in numbers_in(e.quote)}
        for fld in ("heading", "place"):
            text = getattr(step, fld) or ""
            missing = sorted(numbers_in(text) - everything, key=text.find)
            if missing:
                self.problem(problems, path + (fld,), who, fld,
                             _("{numbers} is in no excerpt of this step nor in the evidence of a record it names").format(
                                 numbers=", ".join(missing)))
        for j, note in enumerate(step.notes):
            cited = set().union(*(evidence_numbers(by_id[r]) for r in note.cites if r in by_id))
            missing = sorted(numbers_in(note.text) - cited, key=note.text.find)
            if missing:
                self.problem(problems, path + ("notes", j, "text"), who, "notes.text",
                             _("{numbers} is in none of the records the note cites (their excerpts, references, dates "
                               "or values)").format(numbers=", ".join(missing)))


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_in(text: str) -> set[str]:
    """The numbers a text states, normalised: '1,300' -> '1300', '02' -> '2', '201st' -> '201'."""
    out = set()
    for token in _NUMBER.findall(text):
        token = token.replace(",", "").rstrip(".")
        out.add(str(int(token)) if token.isdigit() else token)
    return out


def evidence_numbers(record: Annotation) -> set[str]:
    """Every number a record's evidence states: its quotes, its references' quotes, its dates, its value.

    Not its title or summary: those are the dashboard's own words too.
    """
    texts = [e.quote for e in all_excerpts(record)]
    refs = list(record.references)
    if isinstance(record, Disagreement):
        refs += [v.reference for v in record.versions if v.reference is not None]
    texts += [r.quote for r in refs if r.quote]
    out = set().union(*(numbers_in(t) for t in texts)) if texts else set()
    for day in (record.date, record.date_end):
        if day is not None:
            out |= {str(day.year), str(day.month), str(day.day)}
    if isinstance(record, Figure):
        out |= numbers_in(f"{record.value:f}".rstrip("0").rstrip("."))
    return out


def _locatable(record: Annotation) -> bool:
    if isinstance(record, Membership):
        return record.country in MAPPED_COUNTRIES
    return isinstance(record, Border) or getattr(record, "location", None) is not None
