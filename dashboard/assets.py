"""Where the map's JS/CSS come from: served by the app itself, or a logged CDN fallback."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
# The st_folium iframe lives at <base>/component/<name>/index.html, so this
# relative prefix reaches <base>/app/static/ with or without server.baseUrlPath.
STATIC_URL = "../../app/static"


@dataclass(frozen=True)
class Package:
    """One pinned npm package and the files we take from it."""

    name: str
    version: str
    integrity: str
    files: tuple[str, ...]
    strip: str
    js: tuple[str, ...]
    css: tuple[str, ...]
    cdn: str


PACKAGES = (
    Package(
        name="leaflet",
        version="1.9.4",
        integrity="sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
        files=("dist/leaflet.js", "dist/leaflet.css", "dist/images/"),
        strip="dist/",
        js=("leaflet.js",),
        css=("leaflet.css",),
        cdn="https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist",
    ),
)


def manifest_path(package: Package) -> Path:
    """The file that records what fetch_assets installed for a package."""
    return VENDOR_DIR / f"{package.name}-{package.version}" / "MANIFEST.json"


def local_assets_ok(package: Package) -> bool:
    """True when every file the manifest lists is present."""
    manifest = manifest_path(package)
    if not manifest.exists():
        return False
    try:
        files = json.loads(manifest.read_text())["files"]
    except (ValueError, KeyError):
        return False
    return all((manifest.parent / name).exists() for name in files)


def asset_links() -> tuple[list[tuple[str, str]], list[tuple[str, str]], bool]:
    """(js, css, local) for folium's default_js/default_css; logs when falling back to a CDN."""
    js: list[tuple[str, str]] = []
    css: list[tuple[str, str]] = []
    local = True
    for package in PACKAGES:
        if local_assets_ok(package):
            base = f"{STATIC_URL}/vendor/{package.name}-{package.version}"
        else:
            local = False
            base = package.cdn
            log.warning(
                "%s@%s not found under %s; falling back to %s (needs internet). Run `make assets`.",
                package.name, package.version, VENDOR_DIR, base,
            )
        js += [(f"{package.name}_{name}", f"{base}/{name}") for name in package.js]
        css += [(f"{package.name}_{name}", f"{base}/{name}") for name in package.css]
    return js, css, local
