"""The only Streamlit caches: data is loaded and built once per process, never per rerun."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import geopandas as gpd
import streamlit as st
import xyzservices.providers as xyz

from dashboard import i18n
from dashboard.corpus.codes import COUNTRY_NAMES
from dashboard.corpus.load import DEFAULT_ANNOTATIONS, configured_paths, load_corpus
from dashboard.corpus.problems import CorpusError
from dashboard.corpus.records import Corpus
from dashboard.map import assets, leaflet
from dashboard.map.geo import COUNTRIES_FILE, label_points, load_borders, load_countries
from dashboard.ui import mapframe


def _stamp(*paths: Path) -> tuple[float, ...]:
    """Modification times, so an edited file is reloaded without restarting the server.

    Only the files people edit are looked at (articles are hash-checked, not edited),
    because this runs several times per rerun.
    """
    return tuple(p.stat().st_mtime if p.exists() else -1.0 for p in paths)


# What a rerun asks for again and again (the corpus, the geodata, each layer's script: ~10 calls per
# filter change), looked up in a plain dict first. Streamlit's cache call hashes its arguments and
# inspects the function's signature every time (~0.5 ms each); it still does the building, once,
# with its lock, however many sessions ask at the same moment. Keys carry the files' stamps, so an
# edited file is a new key, and the language spoken, so that no reader gets another's words; the dict is
# emptied when it grows past its cap. A Streamlit cache below whose value has words takes the language as an
# argument (`lang`) for the same reason.
_RECENT: dict[tuple, object] = {}
_RECENT_CAP = 2048


def _recent(build: Callable, key: tuple, *args):
    key = (i18n.active(), *key)
    value = _RECENT.get(key)
    if value is None:
        value = build(*args)
        if len(_RECENT) >= _RECENT_CAP:
            _RECENT.clear()
        _RECENT[key] = value
    return value


@st.cache_resource(show_spinner=False)
def _corpus(paths: tuple[Path, Path, Path], stamp: tuple[float, ...]) -> Corpus:
    return load_corpus(*paths)


def get_corpus() -> Corpus:
    """The validated corpus; raises CorpusError with every problem."""
    paths = configured_paths()
    stamp = _stamp(paths[0], paths[1] / "sources.yaml")
    return _recent(_corpus, ("corpus", paths, stamp), paths, stamp)


@dataclass(frozen=True)
class Geodata:
    """Country and border geometries, the basemap's URL, Leaflet's files."""

    countries: gpd.GeoDataFrame
    borders: gpd.GeoDataFrame
    basemap_url: str
    js: tuple[tuple[str, str], ...]
    css: tuple[tuple[str, str], ...]


@st.cache_resource(show_spinner=False)
def _geodata(geodata_dir: Path, stamp: tuple[float, ...]) -> Geodata:
    countries = load_countries(geodata_dir)
    borders = load_borders(geodata_dir)
    js, css = assets.asset_links()
    return Geodata(countries, borders, assets.publish_basemap(geodata_dir / COUNTRIES_FILE), tuple(js), tuple(css))


def _geodata_stamp(geodata_dir: Path) -> tuple[float, ...]:
    return _stamp(geodata_dir / COUNTRIES_FILE, geodata_dir / "borders.geojson")


def get_geodata() -> Geodata:
    """Geodata for the map; raises GeodataError naming the missing or broken file."""
    geodata_dir = configured_paths()[2]
    stamp = _geodata_stamp(geodata_dir)
    return _recent(_geodata, ("geodata", geodata_dir, stamp), geodata_dir, stamp)


@st.cache_resource(show_spinner=False)
def _map_frame(geodata_dir: Path, stamp: tuple[float, ...], tiles: bool, key: str, lang: str) -> mapframe.FrameArgs:
    with i18n.override(lang):
        return _build_map_frame(tiles, key)


def _build_map_frame(tiles: bool, key: str) -> mapframe.FrameArgs:
    geodata = get_geodata()
    labels = label_points(geodata.countries, COUNTRY_NAMES)  # in the language of the frame
    fmap = leaflet.build_base_map(geodata.basemap_url, labels, list(geodata.js), list(geodata.css))
    if tiles:
        leaflet.add_online_tiles(fmap, xyz.OpenStreetMap.Mapnik)
    return mapframe.frame_args(fmap, key)


def get_map_frame(tiles: bool, key: str) -> mapframe.FrameArgs:
    """The map's constant component arguments (basemap, labels, legend, assets), built once per process."""
    geodata_dir = configured_paths()[2]
    stamp = _geodata_stamp(geodata_dir)
    return _recent(_map_frame, ("frame", geodata_dir, stamp, tiles, key), geodata_dir, stamp, tiles, key, i18n.active())


def layer_script(kind: str, idx: int, record_ids: tuple[str, ...], shade: str, on: dt.date, version: str) -> str:
    """JavaScript of one dynamic map layer, built once per distinct content and position."""
    digest = hashlib.sha1("\x1f".join(record_ids).encode()).hexdigest()
    return _recent(_layer_script, ("layer", kind, idx, digest, shade, on, version),
                   kind, idx, digest, shade, on, version, i18n.active(), record_ids)


# A resource, not data: the scripts are immutable strings, so every session can share one copy
# (st.cache_data would unpickle a copy on every call, four times per rerun).
@st.cache_resource(max_entries=512, show_spinner=False)
def _layer_script(kind: str, idx: int, digest: str, shade: str, on: dt.date, version: str, lang: str,
                  _record_ids: tuple[str, ...]) -> str:
    corpus = get_corpus()
    records = [corpus.by_id[rid] for rid in _record_ids]
    # streamlit-folium adds the group named feature_group_feature_group_<idx> to the map itself.
    with i18n.override(lang):
        return leaflet.build_layer_js(kind, f"feature_group_feature_group_{idx}", records, corpus,
                                     get_geodata().borders, shade, on)


@st.cache_data(show_spinner=False)
def distances_to_afghanistan(version: str) -> dict[str, float]:
    """Geodesic km from every military site to Afghanistan's outline (computed once per corpus)."""
    from dashboard.corpus.model import MilitarySite
    from dashboard.map.geo import distance_to_geometry_km

    geodata = get_geodata()
    afghanistan = geodata.countries.loc[geodata.countries["iso2"] == "AF", "geometry"].iloc[0]
    return {r.id: distance_to_geometry_km(r.location.lat, r.location.lon, afghanistan)
            for r in get_corpus().records if isinstance(r, MilitarySite)}


@st.cache_resource(show_spinner=False)
def _record_check(annotations: Path, version: str, stamp: tuple[float, ...], today: dt.date, lang: str):
    from dashboard.corpus import reference

    if annotations.resolve() != DEFAULT_ANNOTATIONS.resolve():
        return None
    with i18n.override(lang):
        return reference.check_record(get_corpus(), today)


def get_record_check(today: dt.date):
    """The check of the membership record against the reference table (corpus.reference.RecordCheck), once per
    corpus, table and day; None when another corpus than annotations.yaml is loaded."""
    from dashboard.corpus.reference import DEFAULT_REFERENCE

    stamp = _stamp(*(DEFAULT_REFERENCE / n for n in ("memberships.csv", "sources.yaml", "corrections.yaml")))
    return _record_check(configured_paths()[0], get_corpus().version, stamp, today, i18n.active())


@st.cache_resource(show_spinner=False)
def _story(path: Path, stamp: tuple[float, ...], version: str, today: dt.date):
    from dashboard.story.load import load_story

    return load_story(path, get_corpus(), today)


def get_story():
    """The story the Story page tells, checked against the corpus; raises CorpusError with every problem.

    Checked again when the file or the corpus changes, and each day (a step may shade memberships 'today').
    """
    from dashboard.corpus.clock import latest_today
    from dashboard.story.load import story_path

    path = story_path()
    stamp = _stamp(path)
    version, today = get_corpus().version, latest_today()
    return _recent(_story, ("story", path, stamp, version, today), path, stamp, version, today)


def story_script(idx: int, view, member_ids: tuple[str, ...], shaded: bool, today: dt.date) -> str:
    """JavaScript of the Story page's story layer: every step's marks, where the map goes, and how it is shaded
    (story.view.shading_payload, from the memberships drawn: `member_ids`); once per story and shading."""
    story = get_story()
    digest = hashlib.sha1("\x1f".join(member_ids).encode()).hexdigest()
    key = ("story-script", idx, story.version, get_corpus().version, view.shade, view.filters.orgs, view.filters.as_of, digest, shaded, today)
    return _recent(_story_script, key, idx, story.version, view, member_ids, shaded, today)


def _story_script(idx: int, version: str, view, member_ids: tuple[str, ...], shaded: bool, today: dt.date) -> str:
    from dashboard.story.view import shading_payload

    corpus = get_corpus()
    members = [corpus.by_id[rid] for rid in member_ids]
    shading = shading_payload(get_story(), corpus, view, members, shaded, today)
    return leaflet.story_layer_js({**_story_places(version, i18n.active()), "shading": shading},
                                  f"feature_group_feature_group_{idx}")


@st.cache_resource(max_entries=16, show_spinner=False)
def _story_places(version: str, lang: str) -> dict:
    from dashboard.story.view import map_payload

    geodata = get_geodata()
    with i18n.override(lang):
        return map_payload(get_story(), get_corpus(), geodata.countries, geodata.borders)


def story_words(view, today: dt.date) -> list[str]:
    """Every step's words and link to explore it (our escaped HTML, story/html.py and story/view.py), once per
    story, corpus, day and the view its links carry (not per rerun: nine steps' words are about 1.5 ms)."""
    from dashboard.query.link import encode

    story, corpus = get_story(), get_corpus()
    links = tuple(sorted(encode(replace(view, selected=None, view=None), corpus).items()))
    return _recent(_story_words, ("story-words", story.version, corpus.version, today, links), view, today)


def _story_words(view, today: dt.date) -> list[str]:
    from dashboard.story.html import step_html
    from dashboard.story.view import explore_href, explore_html, record_href, step_view

    story, corpus = get_story(), get_corpus()
    href = record_href(view, corpus)
    return [step_html(n, step, corpus, href)
            + explore_html(explore_href(story, corpus, view, step_view(story, corpus, view, n, today)))
            for n, step in enumerate(story.steps, start=1)]


def story_steps() -> int:
    """How many steps the story has; 0 if it cannot be loaded (a link's step is then dropped with a notice)."""
    try:
        return len(get_story().steps)
    except CorpusError:
        return 0


def search(query: str) -> list:
    """The ranked hits of a query on the current corpus (its index is built once per corpus)."""
    from dashboard.query.search import index_for

    return index_for(get_corpus()).search(query)

