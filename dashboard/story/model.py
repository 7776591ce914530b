"""A story as data: the tour told step by step (stories/*.yaml), typed, and what a step names.

Every sentence a step shows is one of two things:
- an **excerpt**, a quote checked to be verbatim in its article, exactly as the corpus's quotes are;
- a **note**, connecting text in the dashboard's own words, shown as such, that names (`cites`) the records
  it summarises.

A step's date and place are the records' unless written out. Its marks are records drawn on the map; the map
flies to the step's view (a record's location and a zoom, a point and a zoom, or the marks' extent) and
highlights them. Reading and checking a story: story/load.py and story/checks.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, model_validator

from dashboard.corpus.model import Excerpt, Strict, VisitStop
from dashboard.corpus.records import Corpus
from dashboard.i18n import gettext as _

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
            # Said to the story's editor in the language of the run that loads it (corpus/problems.py).
            raise ValueError(_("give either `at` (a record id) or both `lat` and `lon`"))
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


def step_records(step: Step) -> list[str]:
    """Every record a step names (marks, the view's centre, disagreements, notes' citations), once, in order."""
    ids = [*step.marks, *([step.view.at] if step.view and step.view.at else []), *step.disagreements,
           *(rid for note in step.notes for rid in note.cites)]
    return list(dict.fromkeys(ids))


def marked_stops(step: Step, corpus: Corpus) -> list[VisitStop]:
    """The stops of the tour a step marks (made, the origin, or not made): they give a step its place."""
    return [r for rid in step.marks if isinstance(r := corpus.by_id.get(rid), VisitStop)
            and r.status in ("made", "origin", "not_made")]
