"""The map's front-end files (Leaflet, its gesture-handling and full-screen plugins): checked against their published hashes, served
by the app.

Leaflet 1.9.4 comes in the wheel `django-js-lib-leaflet==1.9.4.1` (pinned with its hashes in
requirements.txt), which holds Leaflet's files byte for byte as npm publishes them and needs no Django:
its files are only read. Before they are served, each file's sha256 must equal the value recorded here,
taken from npm's `leaflet@1.9.4` tarball (whose sha512, npm's published `integrity`, is below). They are
then copied under `static/generated/`, the one folder the app writes, with Leaflet's LICENSE beside them. The
basemap's country polygons are copied there too (`publish_basemap`), named by their hash.

The gesture-handling plugin (`leaflet-gesture-handling@1.2.2` on npm, MIT; issue 24: the page scrolls over the map,
two fingers or Ctrl and the wheel move it) has no pip distribution: its two files and LICENSE are committed under
`dashboard/vendor/`, byte for byte as that version's npm tarball holds them (whose `integrity` is below; a test
packs the tarball with npm and compares), and checked against their sha256 here before they are served, as
Leaflet's are. The full-screen control's plugin (`leaflet.fullscreen@5.3.3` on npm, MIT; issue 28) comes the same
way. So does the decoder of the files' geometry (`@mapbox/polyline@1.2.1`, BSD-3-Clause), which only the
downloaded files carry.

Nothing is ever loaded from a CDN: a missing or altered file is an error the map page shows.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from dashboard.i18n import gettext

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
# Front-end files committed with the code, each checked like those that pip installs.
VENDOR_DIR = Path(__file__).resolve().parents[1] / "vendor"
# The one folder the app writes: Leaflet's checked copies and the basemap (dashboard/ui/cached.py).
GENERATED_DIR = STATIC_DIR / "generated"
# The st_folium iframe lives at <base>/component/<name>/index.html, so this
# relative prefix reaches <base>/app/static/ with or without server.baseUrlPath.
STATIC_URL = "../../app/static"


class AssetError(Exception):
    """A front-end file is missing or is not the published one."""


@dataclass(frozen=True)
class Package:
    """Pinned front-end files, the pip distribution that carries them (None: committed under VENDOR_DIR), and
    their published hashes."""

    name: str
    version: str
    distribution: str | None
    module: str | None
    folder: str
    npm_integrity: str
    files: tuple[tuple[str, str], ...]
    license: tuple[str, str]
    js: tuple[str, ...]
    css: tuple[str, ...]
    # Where its files lie in its npm tarball, under package/.
    packed: str = "dist"

    @property
    def target(self) -> Path:
        """Where the app serves the checked copies from."""
        return GENERATED_DIR / f"{self.name}-{self.version}"

    @property
    def url(self) -> str:
        return f"{STATIC_URL}/generated/{self.name}-{self.version}"


LEAFLET = Package(
    name="leaflet",
    version="1.9.4",
    distribution="django-js-lib-leaflet",
    module="js_lib_leaflet",
    folder="static/js_lib_leaflet",
    npm_integrity="sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
    files=(
        ("leaflet.js", "db49d009c841f5ca34a888c96511ae936fd9f5533e90d8b2c4d57596f4e5641a"),
        ("leaflet.js.map", "600a10dc5cd110de0699510d322afcbe01c7ca90b4c5f48adc20314c70aac753"),
        ("leaflet.css", "a7837102824184820dfa198d1ebcd109ff6d0ff9a2672a074b9a1b4d147d04c6"),
        ("images/layers-2x.png", "066daca850d8ffbef007af00b06eac0015728dee279c51f3cb6c716df7c42edf"),
        ("images/layers.png", "1dbbe9d028e292f36fcba8f8b3a28d5e8932754fc2215b9ac69e4cdecf5107c6"),
        ("images/marker-icon-2x.png", "00179c4c1ee830d3a108412ae0d294f55776cfeb085c60129a39aa6fc4ae2528"),
        ("images/marker-icon.png", "574c3a5cca85f4114085b6841596d62f00d7c892c7b03f28cbfa301deb1dc437"),
        ("images/marker-shadow.png", "264f5c640339f042dd729062cfc04c17f8ea0f29882b538e3848ed8f10edb4da"),
    ),
    # Leaflet's BSD 2-Clause licence, as the wheel ships it.
    license=("LICENSE", "596e1b738779bffa372268e9330a0fdd8528da1e3c833b15eee9cb37c6d55a95"),
    js=("leaflet.js",),
    css=("leaflet.css",),
)
GESTURE_HANDLING = Package(
    name="leaflet-gesture-handling",
    version="1.2.2",
    distribution=None,
    module=None,
    folder="leaflet-gesture-handling-1.2.2",
    npm_integrity="sha512-Blf5V4PoNphWkzL7Y1qge+Spkd4OCQ2atjwUNhMhLIcjKzPcBH++x/lwOinaR9jSqLWqJ6oKYO8d0XdTffy4hQ==",
    # The tarball's package/dist/ files (the readable build, not the minified one with its source map).
    files=(
        ("leaflet-gesture-handling.js", "69f0269e1f229b672684e0893e66314781d3065a19eea4ed86dad763dcedfc94"),
        ("leaflet-gesture-handling.css", "06f270b45dd9806f2071d650d36d935ff396f802b44a6f05c3efbcd121b8b575"),
    ),
    # The MIT licence, package/LICENSE in the tarball.
    license=("LICENSE", "303cbde6c588c765225c677d5a6f508d6d1a1cea7cab2428a986f10067efe3d2"),
    js=("leaflet-gesture-handling.js",),
    css=("leaflet-gesture-handling.css",),
)
FULLSCREEN = Package(
    name="leaflet.fullscreen",
    version="5.3.3",
    distribution=None,
    module=None,
    folder="leaflet.fullscreen-5.3.3",
    npm_integrity="sha512-ejA/av8y2/pPHl7kPROQziWuoKXoycxyBiBR+vRucnp6CxlTpsSfrXxWuGyYdQICHHJxtMeJlrYp7fwMtNpRhQ==",
    # The tarball's package/dist/ files: the build for a page that has Leaflet as a global (UMD), and its styles.
    files=(
        ("Control.FullScreen.umd.js", "efa9c94be8519dca2d94949818f098a8ad6c755d0f1fa660be27ea36eb372bfc"),
        ("Control.FullScreen.css", "d34b95070a545a815300d6298e7a6b0f64f58825fb468c30578873f972d8a4cc"),
    ),
    # The MIT licence, package/LICENSE.md in the tarball.
    license=("LICENSE.md", "410385b71ead45410db7af5abbdc666fe74578b68422cd3365545ec3b46b8b3f"),
    js=("Control.FullScreen.umd.js",),
    css=("Control.FullScreen.css",),
)
# Google's encoded polyline format, decoded in the files the dashboard makes (dashboard/downloads/mapfile.py), not
# on the map page: `@mapbox/polyline@1.2.1` on npm (BSD-3-Clause), its one source file committed as the plugins are.
POLYLINE = Package(
    name="@mapbox/polyline",
    version="1.2.1",
    distribution=None,
    module=None,
    folder="mapbox-polyline-1.2.1",
    npm_integrity="sha512-sn0V18O3OzW4RCcPoUIVDWvEGQaBNH9a0y5lgqrf5hUycyw1CzrhEoxV5irzrMNXKCkw1xRsZXcaVbsVZggHXA==",
    files=(("polyline.js", "02186ae042f8a6e505e2835bd7a1c96f0e767de08e24f280b48e603a9d310195"),),
    license=("LICENSE", "5e5438194da5d7f6ef21f52da16aef90dcb453e803dc1730ce2fba40fb6e69d5"),
    js=("polyline.js",),
    css=(),
    packed="src",
)
# plotly.js's own Russian words and formats (its toolbar's tooltips, month and day names, separators; MIT): the
# locale file of `plotly.js@4.1.1` on npm, committed as the plugins are. Streamlit 1.67 bundles plotly.js 4.2.0, which
# npm does not offer; 4.1.1 is its newest. Not served: dashboard/charts/locales.py builds the JSON the charts'
# config carries from it (`make plotly-locales`).
PLOTLY_LOCALE_RU = Package(
    name="plotly.js",
    version="4.1.1",
    distribution=None,
    module=None,
    folder="plotly.js-4.1.1",
    npm_integrity="sha512-fYLAOj091/+M4h1rmtVIkRIpdkz5/P9IdNUeB9wKmCUyvewuUdlCYR5ryqDWP7Cb36Dn4EvSrs6YKvRJ9ukNdQ==",
    files=(("ru.js", "7d187a35428a3ad3f96c9fa888c8b483fda2d55707647e1a1852c12043c4097e"),),
    license=("LICENSE", "8c45d9eaf50c2f72dd9c7ab9ef440788ba58a3538484b5c51c1f17d5128752e7"),
    js=(),
    css=(),
    packed="lib/locales",
)
# In the order the map page loads them: the plugins after Leaflet.
PACKAGES = (LEAFLET, GESTURE_HANDLING, FULLSCREEN)


def _source_dir(package: Package) -> Path:
    if package.module is None:
        return VENDOR_DIR / package.folder
    # find_spec locates the package without importing it (its apps.py would want Django).
    spec = importlib.util.find_spec(package.module)
    if spec is None or not spec.submodule_search_locations:
        raise AssetError(gettext("{package} is not installed (pip install --require-hashes -r requirements.txt)").format(
            package=package.distribution))
    return Path(next(iter(spec.submodule_search_locations))) / package.folder


def _license_file(package: Package) -> Path:
    if package.distribution is None:
        return _source_dir(package) / package.license[0]
    dist = importlib.metadata.distribution(package.distribution)
    found = [f for f in dist.files or () if f.name == package.license[0] and f.parent.name.endswith(".dist-info")]
    if not found:
        raise AssetError(gettext("{package}: no {file} in its metadata").format(package=package.distribution,
                                                                              file=package.license[0]))
    return Path(dist.locate_file(found[0]))


def _checked(path: Path, digest: str, package: Package) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AssetError(gettext("{package} {version}: {file} is missing ({error})").format(
            package=package.name, version=package.version, file=path.name, error=exc.strerror)) from exc
    if hashlib.sha256(data).hexdigest() != digest:
        raise AssetError(gettext("{package} {version}: {file} is not the published file (sha256 differs)").format(
            package=package.name, version=package.version, file=path.name))
    return data


def publish(package: Package) -> Path:
    """Check each of a package's files against its pinned sha256 and copy it where the app serves it.

    Copies that are already there are checked too: the folder is writable, so a file may have changed.
    """
    source = _source_dir(package)
    wanted = [(source / name, package.target / name, digest) for name, digest in package.files]
    wanted.append((_license_file(package), package.target / "LICENSE", package.license[1]))
    for src, dst, digest in wanted:
        if dst.exists() and hashlib.sha256(dst.read_bytes()).hexdigest() == digest:
            continue
        _write(dst, _checked(src, digest, package))
        log.info("%s %s: %s published", package.name, package.version, dst.name)
    return package.target


def _write(dst: Path, data: bytes) -> None:
    """Write a file whole or not at all: replicas sharing a folder may start together."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f"{dst.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(dst)


def publish_basemap(source: Path) -> str:
    """Copy the country polygons (geodata/) under static/generated/, once, named by their content's hash, so that
    the browser fetches them once and caches them; their URL."""
    data = source.read_bytes()
    target = GENERATED_DIR / f"countries-{hashlib.sha256(data).hexdigest()[:12]}.geojson"
    if not target.exists():
        _write(target, data)
        log.info("basemap published to %s", target)
    return f"{STATIC_URL}/generated/{target.name}"


def read_checked(package: Package, name: str) -> bytes:
    """One of a package's files ('leaflet.js', 'images/layers.png', or 'LICENSE'), read from the pip install
    and checked against its pinned sha256 (for a file that carries the package inside it: the briefing);
    raises AssetError if it is missing or not the published file."""
    if name == package.license[0]:
        return _checked(_license_file(package), package.license[1], package)
    digests = dict(package.files)
    if name not in digests:
        raise AssetError(gettext("{package} {version}: no file {file} is pinned").format(
            package=package.name, version=package.version, file=repr(name)))
    return _checked(_source_dir(package) / name, digests[name], package)


def asset_links() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(js, css) for folium's default_js/default_css, every file checked and in place; raises AssetError."""
    js: list[tuple[str, str]] = []
    css: list[tuple[str, str]] = []
    for package in PACKAGES:
        publish(package)
        js += [(f"{package.name}_{name}", f"{package.url}/{name}") for name in package.js]
        css += [(f"{package.name}_{name}", f"{package.url}/{name}") for name in package.css]
    return js, css
