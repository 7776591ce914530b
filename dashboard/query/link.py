"""The shareable view: URL query parameters <-> a typed ViewState, hostile input dropped.

"View" names four things in this code; which is which:

- `ViewState` (here): everything a shared link reproduces: the filters, the shading, the selection, the layers,
  the map's frame, the reader's article and excerpt, the story's step. "The view" in a docstring means this.
- `MapView` (here, `ViewState.view`): only the map's centre and zoom (the link's lat=, lon=, z=).
- `dashboard/views/`: the app's pages (map, charts, reader, …), one module each; `render(corpus, view)` draws one
  for a ViewState.
- a story step's `view:` (stories/*.yaml, `story.model.StepTarget`): where the map flies for that step, a record's
  place or a point, and a zoom.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from dashboard import escape, i18n
from dashboard.corpus.dates import format_date
from dashboard.corpus.model import KINDS, TOPICS
from dashboard.corpus.records import Corpus, resolve_excerpt
from dashboard.i18n import N_
from dashboard.labels import LAYERS
from dashboard.query.filters import FilterState

DEFAULT_LAYERS = LAYERS
DEFAULT_ORG = "org-csto"
MAX_VALUE_LENGTH = 400
MAX_ITEMS = 40
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+ -]{0,80}$")

# URL parameter names; they double as widget keys so that a link and the sidebar agree.
P_ORG, P_COUNTRY, P_TOPIC, P_ARTICLE, P_KIND = "org", "country", "topic", "article", "kind"
P_DATE, P_FROM, P_TO = "date", "from", "to"
P_SHADE, P_SEL, P_LAYERS, P_TILES = "shade", "sel", "layers", "tiles"
P_LAT, P_LON, P_ZOOM = "lat", "lon", "z"
P_SOURCE, P_EXCERPT = "source", "excerpt"
P_QUERY = "q"
P_AT = "at"  # a passage of the article (start-end, in characters): where a search found the query
P_STORY = "story"  # the Story page's step, counted from 1
P_LANG = "lang"  # the language the dashboard speaks (i18n.LANGUAGES); none: the browser's preferred
MAX_QUERY_LENGTH = 200
VIEW_PARAMS = (P_LAT, P_LON, P_ZOOM)
# A page's own parameters: the article shown and where in it (the Articles page), the story's step (the Story page).
# Other pages' links leave them out, so that a link names only what its page shows.
PAGE_PARAMS = {"reader": (P_SOURCE, P_EXCERPT, P_AT), "story": (P_STORY,)}
# A page's parameters that its own script writes to the address bar, not the server (the story's navigation).
BROWSER_PARAMS = {"story": (P_STORY,)}
# Streamlit's own: its embed mode (no menu, no header; issue 28). The server never sees them (st.query_params leaves
# them out); the address bar keeps them through every change, so that an embedded page stays embedded.
EMBED_PARAMS = ("embed", "embed_options")
# What Streamlit 1.67's page takes from them (its frontend's utils: names and values read in any case): embed mode
# from embed=true, and these options, with it only.
EMBED_TRUE = "true"
EMBED_OPTIONS = ("show_toolbar", "show_padding", "disable_scrolling", "light_theme", "dark_theme",
                 "hide_loading_screen", "show_loading_screen_v1", "show_loading_screen_v2")
# Of those, the ones this dashboard's page keeps (EMBED_TAKEN): its theme is its own (.streamlit/config.toml sets
# it), which Streamlit keeps over dark_theme, and its map's and charts' colours are chosen for its light page.
EMBED_OWN_THEME = ("dark_theme",)
EMBED_TAKEN = tuple(o for o in EMBED_OPTIONS if o not in EMBED_OWN_THEME)
MAX_EMBED_PAIRS = 20
KNOWN_PARAMS = (
    P_ORG, P_COUNTRY, P_TOPIC, P_ARTICLE, P_KIND, P_DATE, P_FROM, P_TO, P_SHADE, P_SEL,
    P_LAYERS, P_TILES, P_LAT, P_LON, P_ZOOM, P_SOURCE, P_EXCERPT, P_QUERY, P_AT, P_STORY, P_LANG,
)


def language_code(value: str) -> str | None:
    """The language a link's `lang=` names, one of i18n.languages(), in any case and with any region ('RU',
    'ru-RU', 'ru_KZ' are 'ru'); None for one the dashboard does not speak or garbage."""
    known = {code.lower(): code for code in i18n.languages()}
    tag = value.strip().lower().replace("_", "-")
    if not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", tag):
        return None
    # A language with its region is that language, as the browser's preference is read.
    return known.get(tag) or known.get(tag.split("-")[0])


@dataclass(frozen=True)
class MapView:
    """Center and zoom, rounded so that links stay short."""

    lat: float
    lon: float
    zoom: int


@dataclass(frozen=True)
class ViewState:
    """Everything a shared link reproduces."""

    filters: FilterState = field(default_factory=FilterState)
    shade: str = DEFAULT_ORG
    selected: str | None = None
    layers: tuple[str, ...] = DEFAULT_LAYERS
    tiles: bool = False
    view: MapView | None = None
    source: str | None = None
    excerpt: str | None = None
    passage: tuple[int, int] | None = None
    story: int | None = None
    lang: str | None = None  # chosen in the link or the switch; None: the browser's preferred decides


class Notice(str):
    """A sentence the dashboard says about a link or a change it did not take as given, in the language of the
    run that said it, and said again in the language of the run that shows it (`again()`): a notice waits in
    Session State while the reader may switch the language.

        Notice(N_("Ignored {param}={value}: not a known value."), param="org", value="'NATO'")

    The message is one whole sentence with named fields (marked N_ for the catalog); a field that is a date is
    written as dates.format_date writes it, a Notice as its own sentence, each in the language of the moment.
    """

    msgid: str
    fields: dict

    def __new__(cls, msgid: str, **fields: object) -> Notice:
        said = super().__new__(cls, _say(msgid, fields))
        said.msgid, said.fields = msgid, fields
        return said

    def again(self) -> str:
        """The sentence in the language spoken now."""
        return _say(self.msgid, self.fields)


def _say(msgid: str, fields: Mapping[str, object]) -> str:
    def shown(value: object) -> object:
        if isinstance(value, Notice):
            return value.again()
        return format_date(value) if isinstance(value, dt.date) else value

    return i18n.gettext(msgid).format(**{key: shown(value) for key, value in fields.items()})


def said_now(text: object) -> str:
    """A notice in the language spoken now (a Notice said again; any other text as it is)."""
    return text.again() if isinstance(text, Notice) else str(text)


def normalise_query(text: str) -> str:
    """A search as typed or linked, tidied: unprintable characters dropped, runs of spaces made one, ends
    trimmed. Length is the caller's to check (MAX_QUERY_LENGTH)."""
    return " ".join("".join(ch for ch in text if ch.isprintable()).split())


def _org_by_short(corpus: Corpus) -> dict[str, str]:
    return {short.lower(): oid for oid, short in corpus.organizations.items()}


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "..."


def _split(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        return None


class _Decoder:
    def __init__(self):
        self.notices: list[str] = []

    def say(self, msgid: str, **fields: object) -> None:
        self.notices.append(Notice(msgid, **fields))

    def drop(self, key: str, value: str, msgid: str, **fields: object) -> None:
        """A value left out: `msgid` is the whole sentence, 'Ignored {param}={value}: …' (the value quoted)."""
        self.say(msgid, param=key, value=repr(_short(value)), **fields)

    def values(self, params: Mapping[str, list[str]], key: str) -> list[str]:
        raw = params.get(key, [])
        kept = []
        for value in raw:
            if len(value) > MAX_VALUE_LENGTH:
                self.drop(key, value, N_("Ignored {param}={value}: longer than {n} characters."), n=MAX_VALUE_LENGTH)
            else:
                kept.append(value)
        return kept

    def single(self, params: Mapping[str, list[str]], key: str) -> str | None:
        values = self.values(params, key)
        if len(values) > 1:
            self.say(N_("Parameter {param} was given {n} times; used the first."), param=key, n=len(values))
        return values[0] if values else None

    def one_code(self, params, key: str, allowed: Mapping[str, str]) -> str | None:
        """A parameter that takes one value (sel, shade, source): the first, with a notice for the rest."""
        value = self.single(params, key)
        if value is None:
            return None
        items = _split([value])
        if len(items) > 1:
            self.say(N_("Parameter {param} takes one value; used the first of {n}."), param=key, n=len(items))
        found = self.codes({key: items[:1]}, key, allowed)
        return found[0] if found else None

    def language(self, params) -> str | None:
        """The language asked for: one of i18n.languages(), in any case ('RU' is 'ru')."""
        value = self.single(params, P_LANG)
        if value is None or not value.strip():
            return None
        code = language_code(value)
        if code is None:
            self.drop(P_LANG, value, N_("Ignored {param}={value}: not a language the dashboard speaks ({languages})."),
                      languages=", ".join(i18n.LANGUAGES))
        return code

    def query(self, params) -> str:
        """A search: printable text, at most MAX_QUERY_LENGTH characters."""
        value = self.single(params, P_QUERY)
        if value is None:
            return ""
        text = normalise_query(value)
        if len(text) > MAX_QUERY_LENGTH:
            self.drop(P_QUERY, text, N_("Ignored {param}={value}: a search is at most {n} characters."),
                      n=MAX_QUERY_LENGTH)
            return ""
        return text

    def step(self, params, steps: int) -> int | None:
        """The story's step: a whole number from 1 to the number of steps the story has."""
        value = self.single(params, P_STORY)
        if value is None:
            return None
        if not steps:
            self.drop(P_STORY, value, N_("Ignored {param}={value}: no story is loaded."))
        elif not re.fullmatch(r"[0-9]{1,6}", value.strip()):
            self.drop(P_STORY, value, N_("Ignored {param}={value}: not a step number (use 1 to {steps})."), steps=steps)
        elif not 1 <= int(value) <= steps:
            self.drop(P_STORY, value, N_("Ignored {param}={value}: the story has steps 1 to {steps}."), steps=steps)
        else:
            return int(value)
        return None

    def view(self, params) -> MapView | None:
        """The map's center and zoom (lat, lon, z go together), each read once, the first value."""
        lat = self.number(params, P_LAT, -90, 90)
        lon = self.number(params, P_LON, -180, 180)
        zoom = self.number(params, P_ZOOM, 1, 18)
        if lat is not None and lon is not None and zoom is not None:
            return MapView(round(lat, 3), round(lon, 3), int(zoom))
        if any(v is not None for v in (lat, lon, zoom)):
            self.say(N_("Ignored the map view: lat, lon and z go together."))
        return None

    def codes(self, params, key: str, allowed: Mapping[str, str]) -> tuple[str, ...]:
        out: list[str] = []
        items = _split(self.values(params, key))
        if len(items) > MAX_ITEMS:
            self.say(N_("Parameter {param} had {n} values; kept the first {kept}."), param=key, n=len(items),
                     kept=MAX_ITEMS)
            items = items[:MAX_ITEMS]
        for item in items:
            canonical = allowed.get(item.lower()) if _SLUG.match(item) else None
            if canonical is None:
                self.drop(key, item, N_("Ignored {param}={value}: not a known value."))
            elif canonical not in out:
                out.append(canonical)
        return tuple(out)

    def day(self, params, key: str, today: dt.date | None = None) -> dt.date | None:
        value = self.single(params, key)
        if value is None:
            return None
        parsed = _date(value)
        latest = today or dt.date(2100, 1, 1)
        if parsed is None:
            self.drop(key, value, N_("Ignored {param}={value}: not a date (use YYYY-MM-DD)."))
        elif today is not None and parsed > today >= dt.date(1991, 1, 1):
            # A link made where the day has already begun (UTC+14) opened where it has not (UTC-10): the
            # reader's today is the latest day there is for them, so the link is read as today, and says so.
            self.say(N_("Read {param}={value} as today, {today}: that day has not begun where you are."),
                     param=key, value=repr(_short(value)), today=today)
            return today
        elif not (dt.date(1991, 1, 1) <= parsed <= latest):
            if today:
                self.drop(key, value, N_("Ignored {param}={value}: outside {first}..{last} (today)."),
                          first="1991-01-01", last=latest.isoformat())
            else:
                self.drop(key, value, N_("Ignored {param}={value}: outside {first}..{last}."),
                          first="1991-01-01", last=latest.isoformat())
            return None
        return parsed

    def number(self, params, key: str, low: float, high: float) -> float | None:
        value = self.single(params, key)
        if value is None:
            return None
        try:
            number = float(value)
        except ValueError:
            number = float("nan")
        if not (low <= number <= high):
            self.drop(key, value, N_("Ignored {param}={value}: not a number between {low} and {high}."),
                      low=f"{low:g}", high=f"{high:g}")
            return None
        return number


def decode(params: Mapping[str, list[str]], corpus: Corpus, today: dt.date | None = None,
           steps: int = 0) -> tuple[ViewState, list[str]]:
    """Parse query parameters (each key -> all its values); bad ones become notices.

    `today` (the reader's) is the latest date a link may ask for; the date fields go no further.
    `steps`: how many steps the story has (0: none is loaded, and a step in the link is dropped).
    """
    d = _Decoder()
    orgs = _org_by_short(corpus)
    countries = {c.lower(): c for c in corpus.countries}
    sources = {s.lower(): s for s in corpus.sources}
    records = {r.lower(): r for r in corpus.by_id}
    for key in params:
        if key not in KNOWN_PARAMS:
            d.say(N_("Ignored unknown parameter {param}."), param=repr(_short(key)))
    filters = FilterState(
        orgs=d.codes(params, P_ORG, orgs),
        countries=d.codes(params, P_COUNTRY, countries),
        topics=d.codes(params, P_TOPIC, {t: t for t in TOPICS}),
        sources=d.codes(params, P_ARTICLE, sources),
        kinds=d.codes(params, P_KIND, {k: k for k in KINDS}),
    )
    as_of = d.day(params, P_DATE, today)
    start, end = d.day(params, P_FROM, today), d.day(params, P_TO, today)
    if start and end and end < start:
        d.say(N_("Ignored from/to: 'to' is before 'from'."))
        start = end = None
    filters = replace(filters, date_from=start, date_to=end, query=d.query(params),
                      **({"as_of": as_of} if as_of else {}))
    state = ViewState(filters=filters)
    shadable = {k: v for k, v in orgs.items() if v in corpus.shadable}
    unshadable = {k: v for k, v in orgs.items() if v not in corpus.shadable}
    shade_value = (params.get(P_SHADE) or [None])[0]
    if shade_value is not None and shade_value.strip().lower() in unshadable:
        d.single(params, P_SHADE)
        d.drop(P_SHADE, shade_value, N_("Ignored {param}={value}: that grouping has no members to shade countries by."))
    else:
        shade = d.one_code(params, P_SHADE, shadable)
        if shade:
            state = replace(state, shade=shade)
    selected = d.one_code(params, P_SEL, records)
    if selected:
        state = replace(state, selected=selected)
    if P_LAYERS in params:
        layer_values = d.values(params, P_LAYERS)
        if layer_values and not any(layer_values):  # ?layers= : every layer off, as the panel writes it
            state = replace(state, layers=())
        elif layer_values:
            # Codes none of which is a layer are ignored, as any garbage is: the map keeps its layers.
            chosen = d.codes({P_LAYERS: layer_values}, P_LAYERS, {lay: lay for lay in LAYERS})
            if chosen:
                state = replace(state, layers=tuple(lay for lay in LAYERS if lay in chosen))
    tiles = d.single(params, P_TILES)
    if tiles is not None:
        if tiles in ("0", "1"):
            state = replace(state, tiles=tiles == "1")
        else:
            d.drop(P_TILES, tiles, N_("Ignored {param}={value}: use 0 or 1."))
    state = replace(state, view=d.view(params))
    source = d.one_code(params, P_SOURCE, sources)
    if source:
        state = replace(state, source=source)
    at = d.single(params, P_AT)
    if at is not None:
        match = re.fullmatch(r"(\d{1,7})-(\d{1,7})", at)
        if match and int(match[1]) < int(match[2]):
            state = replace(state, passage=(int(match[1]), int(match[2])))
        else:
            d.drop(P_AT, at, N_("Ignored {param}={value}: not a passage (start-end, in characters)."))
    excerpt = d.single(params, P_EXCERPT)
    if excerpt is not None:
        if _valid_excerpt(excerpt, corpus):
            state = replace(state, excerpt=excerpt)
        else:
            d.drop(P_EXCERPT, excerpt, N_("Ignored {param}={value}: no such excerpt."))
    story = d.step(params, steps)
    if story:
        state = replace(state, story=story)
    lang = d.language(params)
    if lang:
        state = replace(state, lang=lang)
    return state, d.notices


def decode_view(params: Mapping[str, list[str]]) -> MapView | None:
    """The map view a URL holds, read exactly as `decode` reads it (for reruns, where the map writes it)."""
    return _Decoder().view(params)


def reader_href(source: str, excerpt: str | None = None, passage: tuple[int, int] | None = None) -> str:
    """Relative link to an article in the reader, scrolled to an excerpt or a passage; in the language spoken, where
    it is not the default (the link opens a new tab, a session of its own: it would speak the browser's)."""
    params = {P_SOURCE: source}
    if excerpt:
        params[P_EXCERPT] = excerpt
    if passage:
        params[P_AT] = f"{passage[0]}-{passage[1]}"
    if i18n.active() != i18n.DEFAULT:
        params[P_LANG] = i18n.active()
    return "reader?" + escape.query(params)


def map_href(state: ViewState, corpus: Corpus, **changes) -> str:
    """Relative link to the map page with this view (as `encode` writes it), changed as asked."""
    page_own = {k for own in PAGE_PARAMS.values() for k in own}
    wanted = {k: v for k, v in encode(replace(state, **changes), corpus).items() if k not in page_own}
    return "./" + ("?" + escape.query(wanted) if wanted else "")


def _valid_excerpt(key: str, corpus: Corpus) -> bool:
    return resolve_excerpt(key, corpus) is not None


def encode(state: ViewState, corpus: Corpus) -> dict[str, str]:
    """Only what differs from the default, so links stay short and readable."""
    short = corpus.organizations
    f = state.filters
    out: dict[str, str] = {}
    if f.orgs:
        out[P_ORG] = ",".join(short[o] for o in f.orgs)
    if f.countries:
        out[P_COUNTRY] = ",".join(f.countries)
    if f.topics:
        out[P_TOPIC] = ",".join(f.topics)
    if f.sources:
        out[P_ARTICLE] = ",".join(f.sources)
    if f.kinds:
        out[P_KIND] = ",".join(f.kinds)
    if f.as_of != FilterState().as_of:
        out[P_DATE] = f.as_of.isoformat()
    if f.date_from:
        out[P_FROM] = f.date_from.isoformat()
    if f.date_to:
        out[P_TO] = f.date_to.isoformat()
    if f.query:
        out[P_QUERY] = f.query
    if state.shade != DEFAULT_ORG:
        out[P_SHADE] = short[state.shade]
    if state.selected:
        out[P_SEL] = state.selected
    if state.layers != DEFAULT_LAYERS:
        out[P_LAYERS] = ",".join(state.layers)
    if state.tiles:
        out[P_TILES] = "1"
    if state.view:
        out[P_LAT] = f"{state.view.lat:.3f}"
        out[P_LON] = f"{state.view.lon:.3f}"
        out[P_ZOOM] = str(state.view.zoom)
    if state.source:
        out[P_SOURCE] = state.source
    if state.excerpt:
        out[P_EXCERPT] = state.excerpt
    if state.passage:
        out[P_AT] = f"{state.passage[0]}-{state.passage[1]}"
    if state.story:
        out[P_STORY] = str(state.story)
    if state.lang:
        out[P_LANG] = state.lang
    return out


def embed_notices(pairs: object) -> list[Notice]:
    """A notice for each of a link's embed parameters that Streamlit's page does not take.

    `pairs`: [[name, value], ...], the address's parameters named embed or embed_options in any case, as the
    page's panel sends them (static/app/filter-panel.js; the server never sees them in st.query_params). Embed
    mode needs embed=true; an option needs embed mode and must be one of EMBED_TAKEN. Anything that is not such
    a list (at most MAX_EMBED_PAIRS pairs of strings) gives no notice: the panel cannot have sent it.
    """
    if not isinstance(pairs, list) or len(pairs) > MAX_EMBED_PAIRS or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in pairs):
        return []
    named = [(k.lower(), k, v) for k, v in pairs]
    embedded = any(name == "embed" and v.lower() == EMBED_TRUE for name, _, v in named)
    d = _Decoder()
    for name, key, value in named:
        if name == "embed" and not embedded:
            d.drop(key, value, N_("Ignored {param}={value}: Streamlit's embed mode is embed=true, so the page is "
                                  "shown whole."))
        elif name == "embed_options" and not embedded:
            d.drop(key, value, N_("Ignored {param}={value}: embed options apply with embed=true only."))
        elif name == "embed_options" and value.lower() in EMBED_OWN_THEME:
            d.drop(key, value, N_("Ignored {param}={value}: the dashboard keeps its own light theme, for which its "
                                  "map's and charts' colours are chosen."))
        elif name == "embed_options" and value.lower() not in EMBED_OPTIONS:
            d.drop(key, value, N_("Ignored {param}={value}: not one of Streamlit's embed options ({options})."),
                   options=", ".join(EMBED_TAKEN))
    return d.notices
