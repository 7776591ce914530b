"""The only Streamlit caches: data is loaded and built once per process, never per rerun."""

from __future__ import annotations

import hashlib
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import streamlit as st

from dashboard import assets
from dashboard.corpus import Corpus, configured_paths, load_corpus
from dashboard.geo import COUNTRIES_FILE, load_borders, load_countries

log = logging.getLogger(__name__)


def _stamp(*paths: Path) -> tuple[float, ...]:
    """Modification times, so an edited file is reloaded without restarting the server."""
    out = []
    for path in paths:
        files = sorted(path.glob("*")) if path.is_dir() else [path]
        out.extend(f.stat().st_mtime for f in files if f.exists())
    return tuple(out)


@st.cache_resource(show_spinner=False)
def _corpus(paths: tuple[Path, Path, Path], stamp: tuple[float, ...]) -> Corpus:
    return load_corpus(*paths)


def get_corpus() -> Corpus:
    """The validated corpus; raises CorpusError with every problem."""
    paths = configured_paths()
    return _corpus(paths, _stamp(*paths))


@dataclass(frozen=True)
class Geodata:
    """Country and border geometries, the basemap's URL and label points."""

    countries: gpd.GeoDataFrame
    borders: gpd.GeoDataFrame
    basemap_url: str
    labels: tuple[tuple[str, float, float], ...]
    assets_local: bool
    js: tuple[tuple[str, str], ...]
    css: tuple[tuple[str, str], ...]


def _publish_basemap(source: Path) -> str:
    """Copy the country polygons under static/ (once) so the browser fetches and caches them."""
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:12]
    target_dir = assets.STATIC_DIR / "generated"
    target = target_dir / f"countries-{digest}.geojson"
    if not target.exists():
        target_dir.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        shutil.copyfile(source, tmp)
        tmp.replace(target)
        log.info("basemap published to %s", target)
    return f"{assets.STATIC_URL}/generated/{target.name}"


@st.cache_resource(show_spinner=False)
def _geodata(geodata_dir: Path, stamp: tuple[float, ...]) -> Geodata:
    countries = load_countries(geodata_dir)
    borders = load_borders(geodata_dir)
    points = countries.geometry.representative_point()
    labels = tuple((name, pt.y, pt.x) for name, pt in zip(countries["name"], points))
    js, css, local = assets.asset_links()
    return Geodata(countries, borders, _publish_basemap(geodata_dir / COUNTRIES_FILE), labels,
                   local, tuple(js), tuple(css))


def get_geodata() -> Geodata:
    """Geodata for the map; raises GeodataError naming the missing or broken file."""
    geodata_dir = configured_paths()[2]
    return _geodata(geodata_dir, _stamp(geodata_dir, assets.VENDOR_DIR))
