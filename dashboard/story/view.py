"""A step resolved into what the Story page shows: the step shown, the grouping and day the map shades, its layers,
the records it draws, where the map goes, the links from it (to a step, to a record, to the map page), the
overview's small maps, and what a download holds of it."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from dashboard import escape, names
from dashboard.corpus.dates import format_date
from dashboard.corpus.memberships import membership_status
from dashboard.corpus.model import Annotation, Border, Membership
from dashboard.corpus.records import Corpus
from dashboard.downloads.snapshot import Focus
from dashboard.i18n import gettext as _
from dashboard.labels import DRAW_ORDER, LAYER_OF_KIND, LAYERS
from dashboard.map.marks import membership_timeline
from dashboard.query.filters import TOUR_START, effective_shade, select
from dashboard.query.link import DEFAULT_ORG, P_STORY, MapView, ViewState, map_href
from dashboard.story.extract import own
from dashboard.story.minimap import as_img, frame_for, step_svg
from dashboard.story.model import TODAY, Step, Story
from dashboard.story.words import date_text, heading_text, place_text


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


def shading_payload(story: Story, corpus: Corpus, view: ViewState, members: list[Membership], shaded: bool,
                    today: dt.date) -> dict:
    """How the story map shades each step in the browser (static/app/map-story.js): per step the grouping and the
    day ({"shade": "org-eaeu", "day": "2017-02-27"}), and each grouping's timeline among `members` (the
    memberships drawn: those the filters keep on any day, and the step's marks), as the time strip has it
    (marks.membership_timeline). `shaded`: whether the members layer is drawn at all."""
    shade = effective_shade(view.shade, view.filters, corpus)
    steps = [step_shading(step, shade, view.filters.as_of, today) for step in story.steps]
    timelines = {org: membership_timeline(members, org, names.grouping(org, corpus), corpus)
                 for org in dict.fromkeys(org for org, _day in steps)}
    return {"shaded": shaded, "steps": [{"shade": org, "day": day.isoformat()} for org, day in steps],
            "timelines": timelines, "groups": {org: names.grouping(org, corpus) for org in timelines}}


def step_caption_html(corpus: Corpus, step: Step, shade: str, as_of: dt.date, shaded: bool = True) -> str:
    """The line under the story map on a step: what it shades, on which day, and whose choice that is; `shaded`:
    whether the memberships layer is drawn on the step."""
    # Our own words (the catalog's, like the markup around them) and a day as Babel writes it; the grouping's name
    # is the corpus's, escaped.
    whose = _("this step's choice") if step.map.shade or step.map.as_of else _("as set in the sidebar")
    day = format_date(as_of)
    if not shaded:
        return '<p class="story-caption">' + _(
            "No country is shaded: the memberships layer is off in the sidebar (memberships as of "
            '<strong class="story-day">{day}</strong> <span class="story-whose">({whose})</span>). '
            "The step's marks are ringed, the others faded; hover or click a mark for its words.").format(
            day=day, whose=whose) + "</p>"
    return '<p class="story-caption">' + _(
        'Countries shaded by <strong>{grouping}</strong> membership on <strong class="story-day">{day}</strong> '
        '<span class="story-whose">({whose})</span>. '
        "The step's marks are ringed, the others faded; hover or click a mark for its words.").format(
        grouping=escape.with_lang(names.grouping(shade, corpus)), day=day, whose=whose) + "</p>"


def caption_words() -> dict[str, str]:
    """The words static/app/story-words.js says in the line under the map while the time strip looks at another
    day than the step's ({day}: the step's own day, as the time strip writes it)."""
    return {"offStrip": _("(on the time strip; the step shows {day})")}


def server_drawn(step: Step, corpus: Corpus, view: ViewState, shown: StepView, over_time_ids: set[str]) -> tuple:
    """What the server draws of a step beyond its words, caption, place and shading (which the browser switches):
    the layers the map draws, the step's marks drawn outside the filters, and the step's notices. Two steps with the
    same value switch in the browser alone; any other step change needs the page's run."""
    outside = tuple(r.id for r in marks_outside(step, corpus, {r.id for r in shown.selected}))
    return (step_layers(step, corpus, view.layers), tuple(rid for rid in step.marks if rid not in over_time_ids),
            outside, len(step.marks) if outside else 0, tuple(layers_switched_off(step, corpus, view.layers)))


def step_focus(story: Story, corpus: Corpus, number: int, today: dt.date) -> Focus:
    """What a download from the Story page holds of step `number` (1-based): its title ('Step 4 of 9:
    heading · date · place'), its marks featured, its notes as the dashboard's own words, the link that
    reopens it, its own grouping and day if it has them (else the reader's, as the page shades it), and the layers
    its marks are on. The map's frame is the reader's (None), which the page has flown to the step."""
    step = story.steps[number - 1]
    where = " · ".join(p for p in (date_text(step, today), place_text(step, corpus)) if p)
    title = _("Step {number} of {total}: {heading}").format(
        number=number, total=len(story.steps), heading=heading_text(step)) + (f" · {where}" if where else "")
    day = today if step.map.as_of == TODAY else step.map.as_of
    return Focus(title=title, records=tuple(step.marks), text=" ".join(own(n.text) for n in step.notes),
                 link=story_href(number), shade=step.map.shade, as_of=day,
                 layers=step_layers(step, corpus, ()))


def story_href(number: int) -> str:
    """The Story page's link to step `number` ('story?story=4')."""
    return "story?" + escape.query({P_STORY: number})


def current_step(story: Story, view: ViewState) -> int:
    """The step shown: the link's or the reader's (checked against the story when decoded), else the first."""
    return view.story if view.story and view.story <= len(story.steps) else 1


def record_href(view: ViewState, corpus: Corpus) -> Callable[[str], str]:
    """Links from a note to the records it cites: each on the map, selected (its evidence beside it)."""
    return lambda rid: map_href(view, corpus, selected=rid, view=None)


@dataclass(frozen=True)
class StepView:
    """A step as the page draws it: the grouping and day the map shades, and what the reader's filters leave
    on that day (a step that shades another day is filtered on that day)."""

    number: int
    shade: str
    as_of: dt.date
    selected: tuple[Annotation, ...]


def step_view(story: Story, corpus: Corpus, view: ViewState, number: int, today: dt.date) -> StepView:
    """The shading, day and filtered records of step `number`."""
    step = story.step(number)
    shade, as_of = step_shading(step, effective_shade(view.shade, view.filters, corpus), view.filters.as_of, today)
    return StepView(number, shade, as_of, tuple(select(corpus, replace(view.filters, as_of=as_of))))


def layers_switched_off(step: Step, corpus: Corpus, chosen: tuple[str, ...]) -> list[str]:
    """The layers the step's marks are on that the reader switched off, in the map's draw order."""
    needed = step_layers(step, corpus, ())
    return [kind for kind in DRAW_ORDER if kind in needed and kind not in chosen]


def explore_href(story: Story, corpus: Corpus, view: ViewState, shown: StepView) -> str:
    """The map page's link showing the step as the story does (its place, shading and day), to explore from."""
    step = story.step(shown.number)
    target = step_target(step, corpus, None, None) if step.view else {}
    where = MapView(round(target["center"][0], 3), round(target["center"][1], 3), target["zoom"]) \
        if "center" in target else None
    return map_href(replace(view, selected=None), corpus, shade=shown.shade,
                    filters=replace(view.filters, as_of=shown.as_of), view=where)


def explore_html(href: str) -> str:
    """The link under a step's words to the map page showing the step (explore_href), in a new tab."""
    words = escape.html(_("Explore this step on the map ↗"))
    return f'<p class="explore"><a href="{escape.html(href)}" target="_blank" rel="noopener">{words}</a></p>'


def overview_maps(story: Story, corpus: Corpus, countries, borders, today: dt.date) -> list[str]:
    """One small map per step, as the Story page's map shows it (whatever the filters: a printout is the story),
    each an <img> with its title and description as its text."""
    memberships = [r for r in corpus.records if isinstance(r, Membership)]
    total = len(story.steps)
    out = []
    for number, step in enumerate(story.steps, start=1):
        shade, as_of = step_shading(step, DEFAULT_ORG, TOUR_START, today)
        frame = frame_for(step_target(step, corpus, countries, borders), 360, 220)
        drawn = map_records(step, corpus, [r for r in corpus.records if r.kind in ("visit_stop", "military_site")])
        marked = "; ".join(corpus.by_id[rid].title for rid in step.marks) or _("none")
        title = _("Map of step {number} of {total}: {heading}").format(
            number=number, total=total, heading=heading_text(step))
        description = _("Countries shaded by {grouping} membership on {day}. Ringed: {marked}.").format(
            grouping=names.grouping(shade, corpus), day=format_date(as_of), marked=marked)
        svg = step_svg(frame, countries, borders, drawn, set(step.marks),
                       membership_status(memberships, shade, as_of), title=title, description=description,
                       city=lambda name: names.city(name, corpus))
        out.append(as_img(svg, f"{title}. {description}"))
    return out
