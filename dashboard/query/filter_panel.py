"""The filter panel: what it shows (options with counts, dates, its words in the language spoken) and the
changes it sends back, checked."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from dashboard import i18n, names
from dashboard.corpus.dates import day_templates, format_date
from dashboard.corpus.model import KINDS, TOPICS
from dashboard.corpus.records import Corpus
from dashboard.i18n import N_
from dashboard.i18n import gettext as _
from dashboard.labels import KIND_LABELS, LAYER_LABELS, topic_label
from dashboard.query import link as vs
from dashboard.query.filters import RANGE_START, TOUR_START, facet_counts, facet_values
from dashboard.query.link import Notice

# The Session State key of the "dated records between" pair (a link spells it as from= and to=).
RANGE_KEY = "range"
# The two date fields' labels (the panel, its notes, the filters in words): English, marked for the catalog; say
# them with gettext where they are shown.
DATE_LABEL, RANGE_LABEL = N_("Memberships as of"), N_("Dated records between")
# Not a Session State key: the panel's "Clear all filters" button.
CLEAR = "clear"


@dataclass(frozen=True)
class Facet:
    key: str  # Session State key and URL parameter
    facet: str  # the name filters.py indexes it by
    name: str  # its label, in English (marked for the catalog)
    explained: str  # its help, in English (marked for the catalog)

    @property
    def label(self) -> str:
        """The facet's name in the language spoken: 'Country', 'Страна'."""
        return _(self.name)

    @property
    def help(self) -> str:
        """What the facet keeps, in the language spoken."""
        return _(self.explained)


FACETS = (
    Facet(vs.P_ORG, "orgs", N_("Organization"), N_("Records about any of these groupings.")),
    Facet(vs.P_COUNTRY, "countries", N_("Country"), N_("Records about any of these countries.")),
    Facet(vs.P_TOPIC, "topics", N_("Topic"), N_("Topics tagged on each record.")),
    Facet(vs.P_ARTICLE, "sources", N_("Source article"), N_("Records quoting any of these articles.")),
    Facet(vs.P_KIND, "kinds", N_("Record kind"), N_("Kinds of record.")),
)
# Translators: {day} is a date as the language writes it ("27 февр. 2017 г."): where it ends in a full stop of its
# own, leave out the sentence's.
DATE_HELP = N_("Which memberships are shown; by default the first day of the tour, {day}.")
RANGE_HELP = N_("Records without a date are always kept.")
SHADE_HELP = N_("Membership status in this grouping, on the 'as of' date.")
SEARCH_HELP = N_("Titles, summaries, quotes, references and the articles' full text. Press Enter to search; "
                 "other spellings count (Alma-Ata finds Almaty).")
TILES_HELP = N_("Off by default: the basemap is drawn from the app's own geodata and works offline.")


class PanelEventError(ValueError):
    """A change the panel could not have sent (a forged or garbled message); its argument, why (a Notice)."""


def option_names(corpus: Corpus, facet: str) -> dict[str, str]:
    """Display name of every value a facet offers, in the language spoken (groupings and countries by their
    names there, the articles by their labels as the corpus writes them), in the order the panel lists them."""
    if facet == "orgs":
        return {oid: names.grouping(oid, corpus) for oid in corpus.organizations}
    if facet == "countries":
        named = {c: names.country(c, corpus) for c in facet_values(corpus, "countries")}
        return dict(sorted(named.items(), key=lambda item: item[1]))
    if facet == "topics":
        return {t: topic_label(t) for t in TOPICS}
    if facet == "sources":
        return {k: v.label for k, v in corpus.sources.items()}
    return {k: KIND_LABELS[k] for k in KINDS}


_LATIN, _CYRILLIC = re.compile(r"[A-Za-z\u00C0-\u024F]"), re.compile(r"[\u0400-\u04FF]")


def text_lang(text: str) -> str | None:
    """The language of a text from the corpus where it is not the page's, for an element the browser's code
    fills with it as text ('en' for an article's English label or quote on a Russian page, 'ru' for Russian
    words on an English one): the script most of its letters are in. None where it is the page's."""
    latin, cyrillic = len(_LATIN.findall(text)), len(_CYRILLIC.findall(text))
    if i18n.active() == "ru":
        return "en" if latin > cyrillic else None
    return "ru" if cyrillic > latin else None


def name_lang(name: str) -> dict[str, str]:
    """{'lang': …} for an option's name in another language than the page's (an article's English label, a
    grouping without a Russian name, on a Russian page): the script sets it on the name's element; {} otherwise."""
    lang = text_lang(name)
    return {"lang": lang} if lang else {}


def panel_words() -> dict[str, Any]:
    """The words the panel's script says itself, in the language spoken (static/app/filter-panel.js)."""
    return {
        "search": _("Search"), "all": _("All"), "today": _("Today"), "clear": _("Clear all filters"),
        "map": _("Map"), "from": _("from"), "to": _("to"),
        "records": i18n.plural_words("{n} record", "{n} records"),
        "after": _("{field}: {day} is after today, read as today, {today}."),
        "before": _("{field}: {day} is before the record starts, read as {first}."),
        "swapped": _("{field}: “from” was after “to”; the two are swapped."),
        "whole": _("Not a whole date: the map stays on {days}."),
        "span": _("{start} to {end}"),
        "days": day_templates(),  # a sentence's day, in full words as format_date writes it
    }


def build_panel_data(corpus: Corpus, view: vs.ViewState, today: dt.date,
                     notes: dict[str, str] | None = None) -> dict[str, Any]:
    """Everything the panel draws, as JSON-ready data: each option with the records choosing it would leave,
    the dates (with what was said about a date the server read otherwise, `notes`), and the map's controls
    (shading, layers, online tiles)."""
    notes = {key: vs.said_now(note) for key, note in (notes or {}).items()}
    current = view.filters
    facets = []
    for f in FACETS:
        counts = facet_counts(corpus, current, f.facet)
        facets.append({
            "key": f.key, "label": f.label, "help": f.help, "chosen": list(getattr(current, f.facet)),
            "options": [{"value": v, "name": name, "count": counts.get(v, 0)} | name_lang(name)
                        for v, name in option_names(corpus, f.facet).items()],
        })
    lo, hi = RANGE_START.isoformat(), today.isoformat()
    start, end = current.date_from or RANGE_START, current.date_to or today
    date_label = _(DATE_LABEL)
    dates = [
        {"key": vs.P_DATE, "label": date_label, "help": _(DATE_HELP).format(day=format_date(TOUR_START)),
         "today": True, "note": notes.get(vs.P_DATE, ""),
         "ends": [{"name": "on", "label": date_label, "value": current.as_of.isoformat(), "min": lo, "max": hi}]},
        {"key": RANGE_KEY, "label": _(RANGE_LABEL), "help": _(RANGE_HELP), "note": notes.get(RANGE_KEY, ""),
         "ends": [{"name": "from", "label": _("Dated records from"), "value": start.isoformat(), "min": lo, "max": hi},
                  {"name": "to", "label": _("Dated records to"), "value": end.isoformat(), "min": lo, "max": hi}]},
    ]
    shade = {"key": vs.P_SHADE, "label": _("Shade countries by"), "help": _(SHADE_HELP), "value": view.shade,
             "options": [{"value": o, "name": name} | name_lang(name)
                         for o in corpus.shadable for name in [names.grouping(o, corpus)]]}
    layers = {"key": vs.P_LAYERS, "label": _("Layers"), "value": list(view.layers),
              "options": [{"value": lay, "name": LAYER_LABELS[lay]} for lay in vs.LAYERS]}
    search = {"key": vs.P_QUERY, "label": _("Search"), "value": current.query, "max": vs.MAX_QUERY_LENGTH,
              "help": _(SEARCH_HELP), "placeholder": _("Kant, remittances, Alma-Ata…")}
    tiles = {"key": vs.P_TILES, "label": _("Online tile layer (needs internet)"), "help": _(TILES_HELP),
             "value": view.tiles}
    return {"search": search, "facets": facets, "dates": dates, "open": [f["key"] for f in facets if f["chosen"]],
            "map": {"shade": shade, "layers": layers, "tiles": tiles}, "words": panel_words(),
            "lang": "en" if i18n.active() == i18n.PSEUDO else i18n.active()}


def _iso(value: object, today: dt.date) -> dt.date:
    if not isinstance(value, str) or len(value) != 10:
        raise PanelEventError(Notice(N_("not a date: {value}"), value=repr(str(value)[:40])))
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise PanelEventError(Notice(N_("not a date: {value}"), value=repr(value))) from exc
    if day < RANGE_START:
        raise PanelEventError(Notice(N_("date out of range: {value}"), value=value))
    # A day past today (the panel stops at the reader's today; midnight may pass on the way): today.
    return min(day, today)


# What is said beside a date field read otherwise than sent, by (how many days had not begun, swapped or not).
DATE_NOTES = {
    (1, False): N_("{field}: {day} has not begun where you are, read as today: {read}."),
    (2, False): N_("{field}: {day} and {other} have not begun where you are, read as today: {read}."),
    (0, True): N_("{field}: “from” was after “to”, the two are swapped: {read}."),
    (1, True): N_("{field}: {day} has not begun where you are, read as today; “from” was after “to”, the two are "
                  "swapped: {read}."),
    (2, True): N_("{field}: {day} and {other} have not begun where you are, read as today; “from” was after “to”, "
                  "the two are swapped: {read}."),
}


def date_note(key: str, sent: object, read: object) -> str:
    """What to say beside a date field whose value the server read otherwise than it was sent ('' if not):
    a day past the reader's today read as today, a "from" after its "to" swapped. A Notice: said again in the
    language of the run that shows it."""
    sent_days = [sent] if isinstance(sent, str) else list(sent) if isinstance(sent, list) else []
    read_days = [read] if isinstance(read, dt.date) else list(read) if isinstance(read, tuple) else []
    if [d.isoformat() for d in read_days] == sent_days:
        return ""
    field = Notice(DATE_LABEL if key == vs.P_DATE else RANGE_LABEL)
    late = [dt.date.fromisoformat(d) for d in sent_days if isinstance(d, str) and d > max(read_days).isoformat()]
    swapped = len(sent_days) == 2 and sorted(sent_days) != sent_days
    shown = read_days[0] if len(read_days) == 1 else Notice(N_("{start} to {end}"), start=read_days[0],
                                                              end=read_days[1])
    days = dict(zip(("day", "other"), late, strict=False))
    return Notice(DATE_NOTES[(len(late), swapped)], field=field, read=shown, **days)


def parse_panel_event(payload: object, corpus: Corpus, today: dt.date) -> tuple[str, object]:
    """(Session State key, new value) for a change the panel sent; PanelEventError for anything else."""
    if not isinstance(payload, dict) or not isinstance(payload.get("key"), str):
        raise PanelEventError(Notice(N_("not a filter change")))
    key, value = payload["key"], payload.get("value")
    facet = next((f for f in FACETS if f.key == key), None)
    if facet is not None:
        if not isinstance(value, list) or len(value) > vs.MAX_ITEMS or not all(isinstance(v, str) for v in value):
            raise PanelEventError(Notice(N_("{facet}: not a list of choices"), facet=Notice(facet.name)))
        offered = option_names(corpus, facet.facet)
        unknown = [v for v in value if v not in offered]
        if unknown:
            raise PanelEventError(Notice(N_("{facet}: unknown {values}"), facet=Notice(facet.name),
                                         values=", ".join(repr(v[:40]) for v in unknown[:3])))
        return key, list(dict.fromkeys(value))
    if key == vs.P_DATE:
        return key, _iso(value, today)
    if key == RANGE_KEY:
        if not isinstance(value, list) or len(value) != 2:
            raise PanelEventError(Notice(N_("dated records between: not a pair of dates")))
        start, end = sorted(_iso(v, today) for v in value)
        return key, (start, end)
    if key == vs.P_SHADE:
        if value not in corpus.shadable:
            raise PanelEventError(Notice(N_("shade: unknown grouping {value}"), value=repr(str(value)[:40])))
        return key, value
    if key == vs.P_LAYERS:
        if not isinstance(value, list) or not all(v in vs.LAYERS for v in value):
            raise PanelEventError(Notice(N_("layers: not a list of known layers")))
        return key, [lay for lay in vs.LAYERS if lay in value]
    if key == vs.P_TILES:
        if not isinstance(value, bool):
            raise PanelEventError(Notice(N_("online tiles: not true or false")))
        return key, value
    if key == vs.P_QUERY:
        if not isinstance(value, str):
            raise PanelEventError(Notice(N_("search: not text")))
        text = vs.normalise_query(value)
        if len(text) > vs.MAX_QUERY_LENGTH:
            raise PanelEventError(Notice(N_("search: longer than {n} characters"), n=vs.MAX_QUERY_LENGTH))
        return key, text
    if key == CLEAR:
        return key, None
    raise PanelEventError(Notice(N_("unknown filter {key}"), key=repr(key[:40])))


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
        raise PanelEventError(Notice(N_("not a filter change")))
    epoch, changes = payload.get("epoch"), payload.get("changes")
    if not isinstance(epoch, str) or not 0 < len(epoch) <= 40 or not isinstance(changes, list):
        raise PanelEventError(Notice(N_("not a filter change")))
    if len(changes) > MAX_PENDING:
        raise PanelEventError(Notice(N_("too many changes at once")))
    last = applied.number if applied is not None and applied.epoch == epoch else 0
    todo = []
    for change in changes:
        number = change.get("n") if isinstance(change, dict) else None
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise PanelEventError(Notice(N_("a change without its number")))
        if number > last:
            todo.append(change)
            last = number
    return todo, (Applied(epoch, last) if last else applied)
