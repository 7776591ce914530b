"""A story: the tour told step by step, as data (stories/*.yaml), checked against the corpus.

Every sentence a step shows is one of two things:
- an **excerpt**, a quote checked to be verbatim in its article, exactly as the corpus's quotes are;
- a **note**, connecting text in the dashboard's own words, shown as such, that names (`cites`) the records
  it summarises. A number or a year in a note must appear in the evidence of the records it cites (their
  excerpts, their references' quotes, their dates, a figure's value); one in a step's heading or place, in
  the evidence of the records the step names or in its own excerpts.

A step's date and place are the records' unless written out, and a date written out must be the date of
a record the step names. Its marks are records drawn on the map; the map flies to the step's view (a
record's location and a zoom, a point and a zoom, or the marks' extent) and highlights them.

`load_story` collects every problem, each with the file, the line, the step and the field, as
`dashboard.corpus.load.load_corpus` does, and raises `CorpusError`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, TypeAdapter, ValidationError, model_validator

from dashboard import escape
from dashboard.corpus.clock import latest_today
from dashboard.corpus.codes import COUNTRY_NAMES, MAPPED_COUNTRIES
from dashboard.corpus.dates import MONTHS_EN_ABBR, format_date
from dashboard.corpus.memberships import membership_active
from dashboard.corpus.model import (
    Annotation,
    Border,
    Disagreement,
    Excerpt,
    Figure,
    Membership,
    Strict,
    VisitStop,
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
from dashboard.corpus.quotes import locate_excerpt
from dashboard.corpus.records import Corpus, all_excerpts, excerpt_key, version_key
from dashboard.downloads.snapshot import Focus
from dashboard.labels import LAYER_OF_KIND, LAYERS
from dashboard.query.link import P_STORY, reader_href

DEFAULT_STORY = ROOT / "stories" / "tour-2017.yaml"
STORY_ENV = "DASHBOARD_STORY"
MAX_STEPS = 40
TODAY = "today"


class StepTarget(Strict):
    """Where the map flies for a step: a record's location (`at`) or a point, and a zoom."""

    at: str | None = Field(default=None, description="A record with a location: the view's centre.")
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    zoom: int = Field(ge=2, le=10)

    @model_validator(mode="after")
    def _one_centre(self) -> StepTarget:
        if (self.at is None) == (self.lat is None or self.lon is None):
            raise ValueError("give either `at` (a record id) or both `lat` and `lon`")
        return self


class MapState(Strict):
    """The grouping the map shades on a step, and on which day (a date, or `today`: the reader's)."""

    shade: str | None = Field(default=None, description="An organization id, e.g. org-csto.")
    as_of: dt.date | Literal["today"] | None = None


class Note(Strict):
    """Connecting text in the dashboard's own words, and the records it summarises."""

    text: str = Field(min_length=12)
    cites: list[str] = Field(min_length=1)


class Step(Strict):
    """One step of a story."""

    label: str = Field(min_length=1, max_length=24, description="Its name in the step list.")
    heading: str = Field(min_length=3, max_length=100)
    place: str | None = Field(default=None, description="Written out; else the places of the stops it marks.")
    date: dt.date | None = None
    date_end: dt.date | Literal["today"] | None = None
    marks: list[str] = Field(default_factory=list, description="Records highlighted on the map.")
    view: StepTarget | None = Field(default=None, description="Else the extent of the marks.")
    map: MapState = Field(default_factory=MapState)
    excerpts: list[Excerpt] = Field(min_length=1)
    notes: list[Note] = Field(default_factory=list)
    disagreements: list[str] = Field(default_factory=list)


class _Head(Strict):
    version: Literal[1]
    title: str = Field(min_length=3)


_STEP = TypeAdapter(Step)


@dataclass(frozen=True)
class Story:
    """A loaded, checked story."""

    file: str
    title: str
    steps: tuple[Step, ...]
    version: str

    def step(self, number: int) -> Step:
        """Step `number`, counted from 1 as readers and links count."""
        return self.steps[number - 1]


def story_path() -> Path:
    """The story the app tells: DASHBOARD_STORY, else stories/tour-2017.yaml."""
    return Path(os.environ.get(STORY_ENV, DEFAULT_STORY))



def load_story(path: Path, corpus: Corpus, today: dt.date | None = None) -> Story:
    """Read and check a story against the corpus; raise CorpusError listing every problem."""
    name = display_path(path)
    if not path.is_file():
        raise CorpusError([Problem(name, None, None, None, "file not found")])
    text = path.read_text(encoding="utf-8")
    data, lines = parse_yaml(text, name)
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise CorpusError([Problem(name, lines.line(()), None, "steps", "expected a mapping with a 'steps' list")])
    problems: list[Problem] = []
    try:
        head = _Head.model_validate({k: v for k, v in data.items() if k != "steps"})
    except ValidationError as exc:
        problems.extend(pydantic_problems(exc, name, lines, (), None))
        head = None
    if not data["steps"] or len(data["steps"]) > MAX_STEPS:
        problems.append(Problem(name, lines.line(("steps",)), None, "steps", f"a story has 1 to {MAX_STEPS} steps"))
    checks = _StepChecks(name, lines, corpus, today)
    valid = validate_items(_STEP, data["steps"][:MAX_STEPS], name, lines, "steps", problems, lambda i, _: f"step {i + 1}")
    steps = [checks.run(step, ("steps", i), f"step {i + 1}", problems) for i, step in valid]
    if problems:
        raise CorpusError(problems)
    assert head is not None
    version = hashlib.sha256(text.encode() + corpus.version.encode()).hexdigest()[:12]
    return Story(file=name, title=head.title, steps=tuple(steps), version=version)


class _StepChecks:
    """What pydantic cannot check alone: the records a step names, its quotes, its dates and numbers."""

    def __init__(self, file: str, lines, corpus: Corpus, today: dt.date | None):
        self.file, self.lines, self.corpus = file, lines, corpus
        self.today = today or latest_today()

    def problem(self, problems, path, who, fld, msg) -> None:
        problems.append(Problem(self.file, self.lines.line(path), who, fld, msg))

    def known(self, rid: str, path, who, fld, problems) -> Annotation | None:
        record = self.corpus.by_id.get(rid)
        if record is None:
            self.problem(problems, path, who, fld, f"unknown record {rid!r}")
        return record

    def run(self, step: Step, path: tuple[Any, ...], who: str, problems: list[Problem]) -> Step:
        by_id = self.corpus.by_id
        before = len(problems)
        for j, rid in enumerate(step.marks):
            record = self.known(rid, path + ("marks", j), who, "marks", problems)
            if record is not None and record.kind not in LAYER_OF_KIND:
                self.problem(problems, path + ("marks", j), who, "marks",
                             f"{rid} is a {record.kind.replace('_', ' ')}, which has no mark on the map; "
                             "cite it in a note instead")
            elif record is not None and rid in step.marks[:j]:
                self.problem(problems, path + ("marks", j), who, "marks", f"{rid} is marked twice")
        for j, rid in enumerate(step.disagreements):
            record = self.known(rid, path + ("disagreements", j), who, "disagreements", problems)
            if record is not None and not isinstance(record, Disagreement):
                self.problem(problems, path + ("disagreements", j), who, "disagreements",
                             f"{rid} is a {record.kind.replace('_', ' ')}, not a disagreement")
        for j, note in enumerate(step.notes):
            for k, rid in enumerate(note.cites):
                self.known(rid, path + ("notes", j, "cites", k), who, "notes.cites", problems)
        if step.view is not None and step.view.at is not None:
            record = self.known(step.view.at, path + ("view", "at"), who, "view.at", problems)
            if record is not None and getattr(record, "location", None) is None:
                self.problem(problems, path + ("view", "at"), who, "view.at", f"{step.view.at} has no location")
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
                         "the map cannot frame this step: give a view, or mark a record that has a place on the map")
        if step.place is None and not _marked_stops(step, self.corpus):
            self.problem(problems, path, who, "place", "give a place, or mark a stop of the tour (its city is the place)")
        self._check_dates(step, path, who, problems)
        self._check_numbers(step, path, who, problems, excerpts)
        return step.model_copy(update={"excerpts": excerpts})

    def _check_map(self, step: Step, path, who, problems) -> None:
        shade = step.map.shade
        if shade is not None and shade not in self.corpus.shadable:
            why = "no such organization" if shade not in self.corpus.organizations else "it has no members to shade"
            self.problem(problems, path + ("map", "shade"), who, "map.shade", f"cannot shade by {shade!r}: {why}")
            return
        members = [(j, self.corpus.by_id[r]) for j, r in enumerate(step.marks)
                   if isinstance(self.corpus.by_id.get(r), Membership)]
        if not members:
            return
        if shade is None or step.map.as_of is None:
            self.problem(problems, path + ("map",), who, "map",
                         "a step that marks memberships says which grouping the map shades (map.shade) and on "
                         "which day (map.as_of)")
            return
        day = self.today if step.map.as_of == TODAY else step.map.as_of
        for j, record in members:
            if record.organization != shade:
                self.problem(problems, path + ("marks", j), who, "marks",
                             f"{record.id} is a membership in {record.organization}, but the map shades {shade}")
            elif not membership_active(record, day):
                self.problem(problems, path + ("marks", j), who, "marks",
                             f"{record.id} does not hold on {day} (map.as_of): it would not be drawn")

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
                             f"{value} is not a date of any record this step marks or cites")
        if step.date_end is not None and step.date is None:
            self.problem(problems, path + ("date_end",), who, "date_end", "a date_end needs a date")
        elif isinstance(step.date_end, dt.date) and step.date is not None and step.date_end < step.date:
            self.problem(problems, path + ("date_end",), who, "date_end", "date_end is before date")

    def _check_numbers(self, step: Step, path, who, problems, excerpts: list[Excerpt]) -> None:
        by_id = self.corpus.by_id
        everything = set().union(*(evidence_numbers(by_id[r]) for r in step_records(step) if r in by_id))
        everything |= {n for e in excerpts for n in numbers_in(e.quote)}
        for fld in ("heading", "place"):
            text = getattr(step, fld) or ""
            missing = sorted(numbers_in(text) - everything, key=text.find)
            if missing:
                self.problem(problems, path + (fld,), who, fld,
                             f"{', '.join(missing)} is in no excerpt of this step nor in the evidence of a record "
                             "it names")
        for j, note in enumerate(step.notes):
            cited = set().union(*(evidence_numbers(by_id[r]) for r in note.cites if r in by_id))
            missing = sorted(numbers_in(note.text) - cited, key=note.text.find)
            if missing:
                self.problem(problems, path + ("notes", j, "text"), who, "notes.text",
                             f"{', '.join(missing)} is in none of the records the note cites (their excerpts, "
                             "references, dates or values)")


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


def step_records(step: Step) -> list[str]:
    """Every record a step names (marks, the view's centre, disagreements, notes' citations), once, in order."""
    ids = [*step.marks, *([step.view.at] if step.view and step.view.at else []), *step.disagreements,
           *(rid for note in step.notes for rid in note.cites)]
    return list(dict.fromkeys(ids))


def _locatable(record: Annotation) -> bool:
    if isinstance(record, Membership):
        return record.country in MAPPED_COUNTRIES
    return isinstance(record, Border) or getattr(record, "location", None) is not None


def _marked_stops(step: Step, corpus: Corpus) -> list[VisitStop]:
    return [r for rid in step.marks if isinstance(r := corpus.by_id.get(rid), VisitStop)
            and r.status in ("made", "origin", "not_made")]


# --- what a step shows -------------------------------------------------------------------------------


def place_text(step: Step, corpus: Corpus) -> str:
    """The step's place: written out, or the cities of the stops it marks ('Almaty, Kazakhstan')."""
    if step.place:
        return step.place
    stops = _marked_stops(step, corpus)
    if len(stops) == 1:
        stop = stops[0]
        country = next((COUNTRY_NAMES[c] for c in stop.countries if c in COUNTRY_NAMES), None)
        return f"{stop.city}, {country}" if country else stop.city
    cities = list(dict.fromkeys(s.city for s in stops))
    return ", ".join(cities[:-1]) + " and " + cities[-1]


def date_text(step: Step, today: dt.date) -> str | None:
    """'27 Feb 2017', '27–28 Feb 2017', '28 Feb 2017 – today (29 Nov 2026)'; None for a step with no date."""
    if step.date is None:
        return None
    if step.date_end is None or step.date_end == step.date:
        return format_date(step.date)
    if step.date_end == TODAY:
        return f"{format_date(step.date)} – today ({format_date(today)})"
    start, end = step.date, step.date_end
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_date(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS_EN_ABBR[start.month - 1]} – {format_date(end)}"
    return f"{format_date(start)} – {format_date(end)}"


def step_shading(step: Step, shade: str, as_of: dt.date, today: dt.date) -> tuple[str, dt.date]:
    """The grouping the map shades on this step and the day: the step's own, else the reader's choice."""
    day = step.map.as_of
    return step.map.shade or shade, (today if day == TODAY else day) or as_of


def step_layers(step: Step, corpus: Corpus, chosen: tuple[str, ...]) -> tuple[str, ...]:
    """The layers the reader chose, and those the step's marks are drawn on (in the map's order)."""
    needed = {LAYER_OF_KIND[corpus.by_id[rid].kind] for rid in step.marks}
    return tuple(kind for kind in LAYERS if kind in chosen or kind in needed)


def marks_outside(step: Step, corpus: Corpus, selected_ids: set[str]) -> list[Annotation]:
    """The step's marks that the reader's filters leave out (the story draws them anyway)."""
    return [corpus.by_id[rid] for rid in step.marks if rid not in selected_ids]


def map_records(step: Step, corpus: Corpus, selected: list[Annotation]) -> list[Annotation]:
    """What the map draws on a step: what the filters leave, and the step's marks whatever the filters."""
    ids = {r.id for r in selected}
    return [*selected, *(corpus.by_id[rid] for rid in step.marks if rid not in ids)]


def _record_extent(record: Annotation, countries, borders) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) of a mark on the map."""
    location = getattr(record, "location", None)
    if isinstance(record, Membership):
        rows = countries[countries["iso2"] == record.country]
        geometry = rows.geometry.iloc[0] if len(rows) else None
    elif isinstance(record, Border):
        rows = borders[borders["id"] == record.geodata_id]
        geometry = rows.geometry.iloc[0] if len(rows) else None
    elif location is not None:
        return location.lat, location.lon, location.lat, location.lon
    else:
        geometry = None
    if geometry is None:
        return None
    west, south, east, north = geometry.bounds
    return south, west, north, east


def step_target(step: Step, corpus: Corpus, countries, borders) -> dict:
    """Where the map goes on a step: {"center": [lat, lon], "zoom": z} or {"bounds": [[s, w], [n, e]]}."""
    if step.view is not None:
        if step.view.at is not None:
            location = corpus.by_id[step.view.at].location
            return {"center": [location.lat, location.lon], "zoom": step.view.zoom}
        return {"center": [step.view.lat, step.view.lon], "zoom": step.view.zoom}
    extents = [e for rid in step.marks if (e := _record_extent(corpus.by_id[rid], countries, borders))]
    south, west = min(e[0] for e in extents), min(e[1] for e in extents)
    north, east = max(e[2] for e in extents), max(e[3] for e in extents)
    # To 4 decimals, outward: every mark stays inside.
    return {"bounds": [[math.floor(south * 1e4) / 1e4, math.floor(west * 1e4) / 1e4],
                       [math.ceil(north * 1e4) / 1e4, math.ceil(east * 1e4) / 1e4]]}


def map_payload(story: Story, corpus: Corpus, countries, borders) -> dict:
    """What the map's story script needs: for each step, its marks and where to go."""
    return {"steps": [{"marks": list(step.marks), **step_target(step, corpus, countries, borders)}
                      for step in story.steps]}


def nav_steps(story: Story, corpus: Corpus, today: dt.date) -> list[dict]:
    """Each step as the step list and the heading show it: number, label, heading, date, place."""
    return [{"n": i, "label": step.label, "heading": step.heading, "date": date_text(step, today),
             "place": place_text(step, corpus)} for i, step in enumerate(story.steps, start=1)]


class StoryEventError(ValueError):
    """A step change from the browser that is not one this story has."""


def parse_step_event(value: object, total: int, applied: tuple[str, int] | None) -> tuple[int, tuple[str, int]] | None:
    """A step change the navigation sent ({"epoch", "seq", "step"}): (the step, what is now applied), or None
    when it was applied already (the browser sends the last change again after a reconnect)."""
    if not isinstance(value, dict):
        raise StoryEventError("not a step change")
    epoch, seq, step = value.get("epoch"), value.get("seq"), value.get("step")
    if not isinstance(epoch, str) or not re.fullmatch(r"[a-z0-9-]{1,40}", epoch):
        raise StoryEventError("the change has no valid epoch")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise StoryEventError("the change has no valid sequence number")
    if not isinstance(step, int) or isinstance(step, bool) or not 1 <= step <= total:
        raise StoryEventError(f"there is no step {str(step)[:12]!r} (the story has {total})")
    if applied is not None and applied[0] == epoch and seq <= applied[1]:
        return None
    return step, (epoch, seq)


_EXCERPT_INDEX: dict[str, dict[str, list[tuple[int, int, str, str]]]] = {}


def _excerpt_index(corpus: Corpus) -> dict[str, list[tuple[int, int, str, str]]]:
    """Per source: (start, end, excerpt key, record id) of every excerpt the corpus holds, once per corpus."""
    index = _EXCERPT_INDEX.get(corpus.version)
    if index is None:
        index = {}
        for record in corpus.records:
            keyed = [(e, excerpt_key(record.id, i)) for i, e in enumerate(record.excerpts)]
            if isinstance(record, Disagreement):
                keyed += [(v.excerpt, version_key(record.id, j)) for j, v in enumerate(record.versions) if v.excerpt]
            for excerpt, key in keyed:
                if excerpt.start is not None:
                    index.setdefault(excerpt.source, []).append((excerpt.start, excerpt.end, key, record.id))
        _EXCERPT_INDEX.clear()
        _EXCERPT_INDEX[corpus.version] = index
    return index


def excerpt_href(excerpt: Excerpt, corpus: Corpus, prefer: list[str] | tuple[str, ...] = ()) -> str:
    """The reader's link to a step's excerpt: to a corpus excerpt that holds the same words (highlighted there,
    beside the record it supports), one of the `prefer`red records' if any; else to its passage."""
    holders = [(key, rid) for start, end, key, rid in _excerpt_index(corpus).get(excerpt.source, ())
               if start <= excerpt.start and excerpt.end <= end]
    if holders:
        key = next((k for k, rid in holders if rid in prefer), holders[0][0])
        return reader_href(excerpt.source, key)
    return reader_href(excerpt.source, passage=(excerpt.start, excerpt.end))


def step_focus(story: Story, corpus: Corpus, number: int, today: dt.date) -> Focus:
    """What a download from the Story page holds of step `number` (1-based): its title ('Step 4 of 9:
    heading · date · place'), its marks featured, its notes as the dashboard's own words, and the link that
    reopens it. The map's frame is the reader's (None), which the page has flown to the step."""
    step = story.steps[number - 1]
    where = " · ".join(p for p in (date_text(step, today), place_text(step, corpus)) if p)
    title = f"Step {number} of {len(story.steps)}: {step.heading}" + (f" · {where}" if where else "")
    return Focus(title=title, records=tuple(step.marks), text=" ".join(n.text for n in step.notes),
                 link="story?" + escape.query({P_STORY: number}))
