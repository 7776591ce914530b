"""The filter panel: what it shows (options with counts, dates) and the changes it sends back, checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dashboard.corpus.dates import format_date
from dashboard.corpus.model import KINDS, TOPICS
from dashboard.corpus.records import Corpus
from dashboard.labels import KIND_LABELS, LAYER_LABELS
from dashboard.query import link as vs
from dashboard.query.filters import RANGE_START, facet_counts, facet_values

# The Session State key of the "dated records between" pair (a link spells it as from= and to=).
RANGE_KEY = "range"
# The two date fields' labels (the panel, its notes, the filters in words).
DATE_LABEL, RANGE_LABEL = "Memberships as of", "Dated records between"
# Not a Session State key: the panel's "Clear all filters" button.
CLEAR = "clear"


@dataclass(frozen=True)
class Facet:
    key: str  # Session State key and URL parameter
    facet: str  # the name filters.py indexes it by
    label: str
    help: str


FACETS = (
    Facet(vs.P_ORG, "orgs", "Organization", "Records about any of these groupings."),
    Facet(vs.P_COUNTRY, "countries", "Country", "Records about any of these countries."),
    Facet(vs.P_TOPIC, "topics", "Topic", "Topics tagged on each record."),
    Facet(vs.P_ARTICLE, "sources", "Source article", "Records quoting any of these articles."),
    Facet(vs.P_KIND, "kinds", "Record kind", "Kinds of record."),
)
DATE_HELP = "Which memberships are shown; by default the first day of the tour, 27 Feb 2017."
RANGE_HELP = "Records without a date are always kept."
SHADE_HELP = "Membership status in this grouping, on the 'as of' date."
SEARCH_HELP = ("Titles, summaries, quotes, references and the articles' full text. Press Enter to search; "
               "other spellings count (Alma-Ata finds Almaty).")
TILES_HELP = "Off by default: the basemap is drawn from the app's own geodata and works offline."


class PanelEventError(ValueError):
    """A change the panel could not have sent (a forged or garbled message)."""


def option_names(corpus: Corpus, facet: str) -> dict[str, str]:
    """Display name of every value a facet offers, in the order the panel lists them."""
    if facet == "orgs":
        return dict(corpus.organizations)
    if facet == "countries":
        codes = sorted(facet_values(corpus, "countries"), key=lambda c: corpus.countries.get(c, c))
        return {c: corpus.countries.get(c, c) for c in codes}
    if facet == "topics":
        return {t: t.replace("-", " ") for t in TOPICS}
    if facet == "sources":
        return {k: v.label for k, v in corpus.sources.items()}
    return {k: KIND_LABELS[k] for k in KINDS}


def build_panel_data(corpus: Corpus, view: vs.ViewState, today: dt.date,
                     notes: dict[str, str] | None = None) -> dict[str, Any]:
    """Everything the panel draws, as JSON-ready data: each option with the records choosing it would leave,
    the dates (with what was said about a date the server read otherwise, `notes`), and the map's controls
    (shading, layers, online tiles)."""
    notes = notes or {}
    current = view.filters
    facets = []
    for f in FACETS:
        counts = facet_counts(corpus, current, f.facet)
        facets.append({
            "key": f.key, "label": f.label, "help": f.help, "chosen": list(getattr(current, f.facet)),
            "options": [{"value": v, "name": name, "count": counts.get(v, 0)}
                        for v, name in option_names(corpus, f.facet).items()],
        })
    lo, hi = RANGE_START.isoformat(), today.isoformat()
    start, end = current.date_from or RANGE_START, current.date_to or today
    dates = [
        {"key": vs.P_DATE, "label": DATE_LABEL, "help": DATE_HELP, "today": True,
         "note": notes.get(vs.P_DATE, ""),
         "ends": [{"name": "on", "label": DATE_LABEL, "value": current.as_of.isoformat(), "min": lo, "max": hi}]},
        {"key": RANGE_KEY, "label": RANGE_LABEL, "help": RANGE_HELP, "note": notes.get(RANGE_KEY, ""),
         "ends": [{"name": "from", "label": "Dated records from", "value": start.isoformat(), "min": lo, "max": hi},
                  {"name": "to", "label": "Dated records to", "value": end.isoformat(), "min": lo, "max": hi}]},
    ]
    shade = {"key": vs.P_SHADE, "label": "Shade countries by", "help": SHADE_HELP, "value": view.shade,
             "options": [{"value": o, "name": corpus.organizations[o]} for o in corpus.shadable]}
    layers = {"key": vs.P_LAYERS, "label": "Layers", "value": list(view.layers),
              "options": [{"value": lay, "name": LAYER_LABELS[lay]} for lay in vs.LAYERS]}
    search = {"key": vs.P_QUERY, "label": "Search", "value": current.query, "max": vs.MAX_QUERY_LENGTH,
              "help": SEARCH_HELP, "placeholder": "Kant, remittances, Alma-Ata…"}
    tiles = {"key": vs.P_TILES, "label": "Online tile layer (needs internet)", "help": TILES_HELP, "value": view.tiles}
    return {"search": search, "facets": facets, "dates": dates, "open": [f["key"] for f in facets if f["chosen"]],
            "map": {"shade": shade, "layers": layers, "tiles": tiles}}


def _iso(value: object, today: dt.date) -> dt.date:
    if not isinstance(value, str) or len(value) != 10:
        raise PanelEventError(f"not a date: {str(value)[:40]!r}")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise PanelEventError(f"not a date: {value!r}") from exc
    if day < RANGE_START:
        raise PanelEventError(f"date out of range: {value}")
    # A day past today (the panel stops at the reader's today; midnight may pass on the way): today.
    return min(day, today)


def date_note(key: str, sent: object, read: object) -> str:
    """What to say beside a date field whose value the server read otherwise than it was sent ('' if not):
    a day past the reader's today read as today, a "from" after its "to" swapped."""
    sent_days = [sent] if isinstance(sent, str) else list(sent) if isinstance(sent, list) else []
    read_days = [read] if isinstance(read, dt.date) else list(read) if isinstance(read, tuple) else []
    if [d.isoformat() for d in read_days] == sent_days:
        return ""
    label = DATE_LABEL if key == vs.P_DATE else RANGE_LABEL
    late = [format_date(dt.date.fromisoformat(d)) for d in sent_days if isinstance(d, str)
            and d > max(read_days).isoformat()]
    said = [f"{' and '.join(late)} {'have' if len(late) > 1 else 'has'} not begun where you are, read as today"
            if late else "",
            "“from” was after “to”, the two are swapped"
            if len(sent_days) == 2 and sorted(sent_days) != sent_days else ""]
    shown = " to ".join(format_date(d) for d in read_days)
    return f"{label}: {'; '.join(w for w in said if w)}: {shown}."


def parse_panel_event(payload: object, corpus: Corpus, today: dt.date) -> tuple[str, object]:
    """(Session State key, new value) for a change the panel sent; PanelEventError for anything else."""
    if not isinstance(payload, dict) or not isinstance(payload.get("key"), str):
        raise PanelEventError("not a filter change")
    key, value = payload["key"], payload.get("value")
    facet = next((f for f in FACETS if f.key == key), None)
    if facet is not None:
        if not isinstance(value, list) or len(value) > vs.MAX_ITEMS or not all(isinstance(v, str) for v in value):
            raise PanelEventError(f"{facet.label}: not a list of choices")
        offered = option_names(corpus, facet.facet)
        unknown = [v for v in value if v not in offered]
        if unknown:
            raise PanelEventError(f"{facet.label}: unknown {', '.join(repr(v[:40]) for v in unknown[:3])}")
        return key, list(dict.fromkeys(value))
    if key == vs.P_DATE:
        return key, _iso(value, today)
    if key == RANGE_KEY:
        if not isinstance(value, list) or len(value) != 2:
            raise PanelEventError("dated records between: not a pair of dates")
        start, end = sorted(_iso(v, today) for v in value)
        return key, (start, end)
    if key == vs.P_SHADE:
        if value not in corpus.shadable:
            raise PanelEventError(f"shade: unknown grouping {str(value)[:40]!r}")
        return key, value
    if key == vs.P_LAYERS:
        if not isinstance(value, list) or not all(v in vs.LAYERS for v in value):
            raise PanelEventError("layers: not a list of known layers")
        return key, [lay for lay in vs.LAYERS if lay in value]
    if key == vs.P_TILES:
        if not isinstance(value, bool):
            raise PanelEventError("online tiles: not true or false")
        return key, value
    if key == vs.P_QUERY:
        if not isinstance(value, str):
            raise PanelEventError("search: not text")
        text = vs.normalise_query(value)
        if len(text) > vs.MAX_QUERY_LENGTH:
            raise PanelEventError(f"search: longer than {vs.MAX_QUERY_LENGTH} characters")
        return key, text
    if key == CLEAR:
        return key, None
    raise PanelEventError(f"unknown filter {key[:40]!r}")


# The panel sends every change it has not yet seen applied, numbered; the most it keeps is this many.
MAX_PENDING = 50


@dataclass(frozen=True)
class Applied:
    """The last change of one panel (`epoch`: the panel's own random id) that a session applied."""

    epoch: str
    number: int


def pending_changes(payload: object, applied: Applied | None) -> tuple[list[dict], Applied | None]:
    """The changes in a panel's message that this session has not applied yet, in order, and the new mark.

    The panel resends what it has not seen applied: after a reconnect to a new session (a restarted
    server, another replica) or when two quick changes reached the server as one rerun. A change holds a
    whole value (a facet's full list, a date), so applying one twice is harmless; applying one again after
    a newer one is not, hence the numbers. Raises PanelEventError for a message the panel cannot have sent.
    """
    if not isinstance(payload, dict):
        raise PanelEventError("not a filter change")
    epoch, changes = payload.get("epoch"), payload.get("changes")
    if not isinstance(epoch, str) or not 0 < len(epoch) <= 40 or not isinstance(changes, list):
        raise PanelEventError("not a filter change")
    if len(changes) > MAX_PENDING:
        raise PanelEventError("too many changes at once")
    last = applied.number if applied is not None and applied.epoch == epoch else 0
    todo = []
    for change in changes:
        number = change.get("n") if isinstance(change, dict) else None
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise PanelEventError("a change without its number")
        if number > last:
            todo.append(change)
            last = number
    return todo, (Applied(epoch, last) if last else applied)
