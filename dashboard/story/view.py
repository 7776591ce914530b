"""A step resolved into what the Story page shows: the grouping and day the map shades, its layers, the records
it draws, where the map goes, and what a download holds of it."""

from __future__ import annotations

import datetime as dt
import math

from dashboard import escape
from dashboard.corpus.model import Annotation, Border, Membership
from dashboard.corpus.records import Corpus
from dashboard.downloads.snapshot import Focus
from dashboard.labels import LAYER_OF_KIND, LAYERS
from dashboard.query.link import P_STORY
from dashboard.story.model import TODAY, Step, Story
from dashboard.story.words import date_text, place_text


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


def step_focus(story: Story, corpus: Corpus, number: int, today: dt.date) -> Focus:
    """What a download from the Story page holds of step `number` (1-based): its title ('Step 4 of 9:
    heading · date · place'), its marks featured, its notes as the dashboard's own words, and the link that
    reopens it. The map's frame is the reader's (None), which the page has flown to the step."""
    step = story.steps[number - 1]
    where = " · ".join(p for p in (date_text(step, today), place_text(step, corpus)) if p)
    title = f"Step {number} of {len(story.steps)}: {step.heading}" + (f" · {where}" if where else "")
    return Focus(title=title, records=tuple(step.marks), text=" ".join(n.text for n in step.notes),
                 link="story?" + escape.query({P_STORY: number}))
