"""The view a download shows, resolved against the corpus: what the briefing file and the PNG both draw.

A `Snapshot` is one view of the dashboard frozen at one moment: the records in view, the grouping that
shades the countries and its statuses on the 'as of' date, the layers, the map's extent, a title, the
filters in words, the link that reproduces the view and when it was made. `dashboard.downloads.briefing` writes
it as one HTML file, `dashboard.downloads.image` draws it as a PNG. Pure: no Streamlit.

Callers other than the map page (the story, for its current step) pass a `Focus`: their own title, the
extent to show and the records to feature, which are shown even where the filters would hide them.
"""

from __future__ import annotations

import datetime as dt
import math
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from dashboard import escape, i18n, names
from dashboard.corpus.memberships import membership_status
from dashboard.corpus.model import Annotation, Membership
from dashboard.corpus.records import Corpus
from dashboard.i18n import N_
from dashboard.i18n import gettext as _
from dashboard.labels import DRAW_ORDER, LAYER_LABELS
from dashboard.map.describe import filter_parts
from dashboard.map.projection import (
    MAX_LAT,
    inverse_mercator_y,
    lonlat_at_px,
    mercator_y,
    world_px,
)
from dashboard.map.style import TOUR_BOUNDS
from dashboard.query import link as vs
from dashboard.query.filter_panel import DATE_LABEL, FACETS
from dashboard.query.filters import RANGE_START, effective_shade, select

TITLE = N_("Putin's Central Asia tour, 27–28 February 2017")  # translated where it is read (make_snapshot)
# The most a download request may carry (as the panel's restore: longer than any address bar it writes).
MAX_SEARCH = 4000
DOWNLOAD_KINDS = ("html", "embed", "png")


@dataclass(frozen=True)
class Extent:
    """A map's frame in degrees (WGS84): south < north, west < east; what a reader sees, edge to edge."""

    south: float
    west: float
    north: float
    east: float

    def __post_init__(self) -> None:
        values = (self.south, self.west, self.north, self.east)
        if not all(isinstance(v, int | float) and math.isfinite(v) for v in values):
            raise ValueError(_("an extent needs four finite numbers, got {values}").format(values=values))
        if not (-90 <= self.south < self.north <= 90 and -180 <= self.west < self.east <= 180):
            raise ValueError(_("not an extent (south < north within ±90, west < east within ±180): {values}").format(
                values=values))

    @classmethod
    def from_bounds(cls, bounds) -> Extent:
        """From Leaflet's [[south, west], [north, east]]."""
        (south, west), (north, east) = bounds
        return cls(float(south), float(west), float(north), float(east))

    @classmethod
    def around(cls, lat: float, lon: float, zoom: float, width_px: int, height_px: int) -> Extent:
        """What a Leaflet map of width_px × height_px shows centred on (lat, lon) at `zoom` (Web Mercator)."""
        x, y = world_px(lat, lon, zoom)
        west, north = lonlat_at_px(x - width_px / 2, y - height_px / 2, zoom)
        east, south = lonlat_at_px(x + width_px / 2, y + height_px / 2, zoom)
        return cls(max(-MAX_LAT, south), max(-180.0, west), min(MAX_LAT, north), min(180.0, east))

    def as_bounds(self) -> list[list[float]]:
        """Leaflet's [[south, west], [north, east]]."""
        return [[self.south, self.west], [self.north, self.east]]

    def padded(self, share: float) -> Extent:
        """Grown by `share` of its size on every side (kept inside the world)."""
        dy, dx = (self.north - self.south) * share, (self.east - self.west) * share
        return Extent(max(-90.0, self.south - dy), max(-180.0, self.west - dx),
                      min(90.0, self.north + dy), min(180.0, self.east + dx))

    def contains(self, lat: float, lon: float) -> bool:
        """Whether a point is inside (edges included)."""
        return self.south <= lat <= self.north and self.west <= lon <= self.east

    @property
    def center(self) -> tuple[float, float]:
        """The middle in Web Mercator (where Leaflet centres it), as (lat, lon)."""
        return (inverse_mercator_y((mercator_y(self.south) + mercator_y(self.north)) / 2),
                (self.west + self.east) / 2)


DEFAULT_EXTENT = Extent.from_bounds(TOUR_BOUNDS)
# The map page's own size when a request names no frame (its height, a typical width at 1280 px).
DEFAULT_FRAME_PX = (700, 600)


@dataclass(frozen=True)
class Focus:
    """A caller's context for a download: for the story page, its current step.

    title: the file's and the image's title ('Step 4 of 8: Dushanbe, 27 Feb 2017').
    extent: the map's frame (None: the reader's map frame, else the tour's).
    records: ids of the records to feature: listed first, highlighted on the map, and shown even if the
      filters would hide them (unknown ids are ignored).
    text: the caller's own words about them, shown as the dashboard's own (never as a source's).
    link: the dashboard link that reopens this context, relative to the page ('story?story=4') or absolute;
      None: the map page's link for the view.
    shade, as_of: the grouping and the day the context shades (a story step's own), instead of the reader's.
    layers: layers the context draws whatever the reader chose (those a story step's marks are on).
    """

    title: str
    extent: Extent | None = None
    records: tuple[str, ...] = ()
    text: str = ""
    link: str | None = None
    shade: str | None = None
    as_of: dt.date | None = None
    layers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Snapshot:
    """One view, resolved: everything the briefing and the PNG draw, and nothing they compute again."""

    corpus: Corpus
    view: vs.ViewState
    records: tuple[Annotation, ...]  # in view: the filters' records, then the focus's hidden ones
    shade: str  # the organization id that shades the countries
    org_short: str
    status: Mapping[str, Membership]  # country code -> its status record on view.filters.as_of
    layers: tuple[str, ...]  # in DRAW_ORDER
    extent: Extent
    title: str
    filters: tuple[tuple[str, str], ...]  # the filters in words: (what, chosen)
    made: dt.datetime  # aware
    link: str | None = None
    focus: Focus | None = None
    featured: tuple[str, ...] = field(default=())  # the focus's record ids that exist

    @property
    def as_of(self) -> dt.date:
        return self.view.filters.as_of

    @property
    def selected(self) -> Annotation | None:
        """The selected record (shown even if the filters leave it out, as the evidence panel does)."""
        return self.corpus.by_id.get(self.view.selected) if self.view.selected else None

    @property
    def subtitle(self) -> str:
        """'Countries shaded by CSTO membership on 27 Feb 2017' (plain text, in the language spoken)."""
        if "members" not in self.layers:
            return _("Memberships as of {day} (not shaded: the layer is off)").format(day=format_day(self.as_of))
        if not self.status:  # the filters leave none of the grouping's memberships: nothing is shaded
            return _("No country shaded: the filters leave no {org} membership on {day}").format(
                org=self.org_short, day=format_day(self.as_of))
        return _("Countries shaded by {org} membership on {day}").format(org=self.org_short, day=format_day(self.as_of))

    @property
    def made_text(self) -> str:
        """'29 Nov 2026, 23:41 UTC+01:00' (the moment in the zone it was given in; '29 нояб. 2026 г., 23:41 …')."""
        offset = self.made.strftime("%z")
        zone = "UTC" if offset in ("", "+0000") else f"UTC{offset[:3]}:{offset[3:]}"
        return f"{format_day(self.made.date())}, {self.made:%H:%M} {zone}"


def format_day(day: dt.date) -> str:
    """A day as the files write it: '27 Feb 2017' ('27 февр. 2017 г.' on a Russian page)."""
    return i18n.format_short_day(day)


def number(value: float, decimals: int = 0) -> str:
    """A number as the files write it: '2,456.5' ('2 456,5' on a Russian page); rounded as Python's format rounds
    it (to the nearest binary value), so that English stays what f'{value:,.1f}' wrote."""
    return i18n.format_number(round(value, decimals), decimals)


def country_name(iso2: str, name: str) -> str:
    """A country's name as a file writes it: the geodata's (`name`) in English, CLDR's in another language
    ('Таджикистан', 'Франция'), as the dashboard's map names every country (leaflet.country_names); the geodata's
    where CLDR has none. A Russian file named the 203 countries outside the corpus in English (issue 28's review)."""
    lang = i18n.active()
    if lang in (i18n.DEFAULT, i18n.PSEUDO):
        return name
    return names.countries_in(lang).get(iso2, name)


def sentence(text: str) -> str:
    """Text ended as a sentence: with a full stop, unless it ends with one already (a Russian date's '2017 г.')."""
    return text if text.endswith((".", "?", "!")) else text + "."


def file_lang() -> str:
    """The language a file is made in, for its `<html lang>`: the page's (the pseudo-locale's words are English
    underneath, as ui.language.page_lang says)."""
    return i18n.DEFAULT if i18n.active() == i18n.PSEUDO else i18n.active()


def link_lang(link: str | None) -> str | None:
    """A dashboard link made to carry the language spoken (`lang=`), so that it opens in the language the file was
    made in; English (the default) and a link that names a language already are left as they are."""
    lang = i18n.active()
    if not link or lang == i18n.DEFAULT:
        return link
    parts = urllib.parse.urlsplit(link)
    if vs.P_LANG in urllib.parse.parse_qs(parts.query, keep_blank_values=True):
        return link
    query = "&".join(q for q in (parts.query, escape.query({vs.P_LANG: lang})) if q)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def make_snapshot(corpus: Corpus, view: vs.ViewState, *, made: dt.datetime, link: str | None = None,
                  extent: Extent | None = None, focus: Focus | None = None) -> Snapshot:
    """Resolve a view: the records its filters leave (plus the focus's), the shading, the layers, the frame.

    made: when (aware; shown in its own zone). link: the dashboard address that reproduces the view
    (`view_link`), or None. extent: the reader's map frame; the focus's wins, else the tour's frame.
    Raises ValueError for a naive `made`.
    """
    if made.tzinfo is None:
        raise ValueError("`made` must be an aware datetime (the reader's time zone)")
    if focus is not None:
        view = replace(view, shade=focus.shade or view.shade,
                       filters=replace(view.filters, as_of=focus.as_of or view.filters.as_of),
                       layers=view.layers + tuple(k for k in focus.layers if k not in view.layers))
    records = select(corpus, view.filters)
    featured: tuple[str, ...] = ()
    if focus is not None:
        featured = tuple(dict.fromkeys(rid for rid in focus.records if rid in corpus.by_id))
        shown = {r.id for r in records}
        hidden = [corpus.by_id[rid] for rid in featured if rid not in shown]
        records = records + hidden
    # A context's own grouping is shaded whatever the organization filter (as the story's map shades it).
    shade = (focus.shade if focus and focus.shade else None) or effective_shade(view.shade, view.filters, corpus)
    status = membership_status([r for r in records if isinstance(r, Membership)], shade, view.filters.as_of)
    frame = (focus.extent if focus and focus.extent else None) or extent or DEFAULT_EXTENT
    return Snapshot(
        corpus=corpus, view=view, records=tuple(records), shade=shade, org_short=names.grouping(shade, corpus),
        status=status, layers=tuple(k for k in DRAW_ORDER if k in view.layers), extent=frame,
        title=focus.title if focus else _(TITLE), filters=tuple(list_filters(corpus, view)), made=made,
        link=link, focus=focus, featured=featured,
    )


def list_filters(corpus: Corpus, view: vs.ViewState) -> list[tuple[str, str]]:
    """The filters as a reader would say them: (what, chosen) pairs, plain text, the restricting ones first.

    Unrestricted facets are summed up in one pair ('Other filters', 'none: …'); the 'as of' date, the
    shading and the layers are always given.
    """
    f = view.filters
    out: list[tuple[str, str]] = []
    if f.query:
        out.append((_("Search"), _("“{query}”").format(query=f.query)))
    parts = filter_parts(corpus, f)
    for part in parts:
        # The labels come translated (describe.filter_parts).
        if part.key == "dates":
            start, end = part.names[0] or format_day(RANGE_START), part.names[1] or _("today")
            out.append((part.label, _("{start} and {end} (undated records are kept)").format(start=start, end=end)))
        else:
            out.append((part.label, ", ".join(part.names)))
    chosen = {part.key for part in parts}
    free = [facet.label.lower() for facet in FACETS if facet.facet not in chosen]
    free += [] if "dates" in chosen else [_("dates")]
    out.append((_("Other filters"), _("none: every {facets}").format(facets=", ".join(free)) if free
                else _("none left")))
    out.append((_(DATE_LABEL), format_day(f.as_of)))
    shade = effective_shade(view.shade, view.filters, corpus)
    shading = names.grouping(shade, corpus)
    if shade != view.shade:
        shading = _("{org} (the organization filter leaves out {left_out})").format(
            org=shading, left_out=names.grouping(view.shade, corpus))
    if "members" not in view.layers:
        shading = _("none: the memberships layer is off ({org} would be)").format(org=shading)
    out.append((_("Countries shaded by"), shading))
    layers = [LAYER_LABELS[k] for k in vs.LAYERS if k in view.layers]
    out.append((_("Layers"), ", ".join(layers) if layers else _("none")))
    if view.selected and view.selected in corpus.by_id:
        out.append((_("Selected"), _("{title} (ref: {ref})").format(title=corpus.by_id[view.selected].title,
                                                                    ref=view.selected)))
    return out


def view_link(base: str | None, view: vs.ViewState, corpus: Corpus) -> str | None:
    """The dashboard address that opens this view on the map page (`state.encode`'s parameters on the app's
    address, which ends with a slash so that the app's pages are relative to it), or None without an http(s)
    base. The base's own query and fragment are dropped."""
    if not base:
        return None
    parts = urllib.parse.urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    params = {k: v for k, v in vs.encode(view, corpus).items() if k not in (vs.P_SOURCE, vs.P_EXCERPT, vs.P_AT)}
    query = escape.query(params)
    return link_lang(urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/", query, "")))


def app_link(link: str | None, relative: str) -> str | None:
    """An app page's relative link ('reader?source=…') made absolute against the view's link, or None; in the
    language spoken (link_lang: the relative link drops the view's query, and its `lang=` with it)."""
    if not link:
        return None
    return link_lang(urllib.parse.urljoin(link, relative))


@dataclass(frozen=True)
class DownloadRequest:
    """A reader's click on a download button: what to make, and the map as they see it."""

    kind: str  # "html" (the briefing), "embed" (the published map) or "png"
    number: int  # the click's number: each is made once
    extent: Extent | None = None  # the map's frame on the page, if it reported one
    map_view: vs.MapView | None = None  # the address bar's lat, lon and z (what a link reproduces)


def parse_download_request(payload: object) -> DownloadRequest:
    """Check what the download buttons sent (static/app/downloads.js); ValueError for anything else.

    payload: {"kind": "html" | "embed" | "png", "n": int, "search": the address bar's query string,
              "frame": {"bounds": [[s, w], [n, e]], "size": [px, px], "zoom": z} or null}.
    The map's bounds are clamped to the world (a map panned past 180° reports longitudes beyond it).
    """
    if not isinstance(payload, dict):
        raise ValueError(_("not a download request"))
    kind, number = payload.get("kind"), payload.get("n")
    if kind not in DOWNLOAD_KINDS:
        raise ValueError(_("unknown download {kind}").format(kind=repr(str(kind)[:20])))
    if not isinstance(number, int) or isinstance(number, bool) or not 0 <= number < 2 ** 31:
        raise ValueError(_("a download request needs its number"))
    search = payload.get("search") or ""
    if not isinstance(search, str) or len(search) > MAX_SEARCH:
        raise ValueError(_("the address bar's query is not text of at most {n} characters").format(n=MAX_SEARCH))
    map_view = vs.decode_view(urllib.parse.parse_qs(search.removeprefix("?"), keep_blank_values=True))
    extent = None
    frame = payload.get("frame")
    if frame is not None:
        try:
            (south, west), (north, east) = frame["bounds"]
            numbers = [float(v) for v in (south, west, north, east)]
        except (TypeError, ValueError, KeyError) as exc:
            raise ValueError(_("the map's frame is not [[south, west], [north, east]]")) from exc
        if not all(math.isfinite(v) for v in numbers):
            raise ValueError(_("the map's frame is not finite"))
        south, north = (max(-MAX_LAT, min(MAX_LAT, v)) for v in numbers[::2])
        west, east = (max(-180.0, min(180.0, v)) for v in numbers[1::2])
        extent = Extent(south, west, north, east)
    elif map_view is not None:
        extent = Extent.around(map_view.lat, map_view.lon, map_view.zoom, *DEFAULT_FRAME_PX)
    return DownloadRequest(kind, number, extent, map_view)


def file_stem(snapshot: Snapshot) -> str:
    """'central-asia-tour-487b9104c1d2-20261129-2341': the corpus version and the moment, for file names."""
    return f"central-asia-tour-{snapshot.corpus.version}-{snapshot.made:%Y%m%d-%H%M}"
