"""Leaflet comes from a pinned wheel and its plugins (gesture handling, full screen) from pinned npm tarballs; all are
checked file by file against their published hashes, and never loaded from a CDN."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import subprocess
import tarfile
from dataclasses import replace

import pytest

from dashboard.map import assets
from tests.ci import need


@pytest.fixture
def leaflet(tmp_path, monkeypatch):
    """The real package, published into a folder of its own."""
    monkeypatch.setattr(assets, "GENERATED_DIR", tmp_path / "generated")
    return assets.LEAFLET


@pytest.mark.parametrize(("package", "licence"), [
    (assets.LEAFLET, "BSD 2-Clause"),            # from the wheel
    (assets.GESTURE_HANDLING, "MIT License"),    # committed under dashboard/vendor/
    (assets.FULLSCREEN, "The MIT License"),      # committed under dashboard/vendor/
    (assets.POLYLINE, "Redistribution and use in source and binary forms"),   # BSD-3-Clause, committed too
    (assets.PLOTLY_LOCALE_RU, "MIT License"),    # plotly.js's Russian words, committed too (never served)
], ids=lambda v: getattr(v, "name", ""))
def test_the_served_files_are_the_published_ones_with_their_licence(package, licence, tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "GENERATED_DIR", tmp_path / "generated")
    target = assets.publish(package)
    for name, digest in package.files:
        assert hashlib.sha256((target / name).read_bytes()).hexdigest() == digest
    assert licence in (target / "LICENSE").read_text()


def test_the_links_are_the_apps_own(leaflet):
    js, css = assets.asset_links()
    # Leaflet first: the plugins extend it.
    assert [url for _, url in js] == [
        f"{assets.STATIC_URL}/generated/leaflet-1.9.4/leaflet.js",
        f"{assets.STATIC_URL}/generated/leaflet-gesture-handling-1.2.2/leaflet-gesture-handling.js",
        f"{assets.STATIC_URL}/generated/leaflet.fullscreen-5.3.3/Control.FullScreen.umd.js"]
    assert [url for _, url in css] == [
        f"{assets.STATIC_URL}/generated/leaflet-1.9.4/leaflet.css",
        f"{assets.STATIC_URL}/generated/leaflet-gesture-handling-1.2.2/leaflet-gesture-handling.css",
        f"{assets.STATIC_URL}/generated/leaflet.fullscreen-5.3.3/Control.FullScreen.css"]
    assert all(not url.startswith(("http:", "https:", "//")) for _, url in js + css)


def test_an_altered_file_in_the_package_is_refused(leaflet, tmp_path, monkeypatch):
    forged = tmp_path / "pkg"
    shutil.copytree(assets._source_dir(leaflet), forged)
    (forged / "leaflet.js").write_bytes(b"alert('not leaflet')")
    monkeypatch.setattr(assets, "_source_dir", lambda package: forged)
    with pytest.raises(assets.AssetError, match="leaflet.js is not the published file"):
        assets.publish(leaflet)
    assert not (leaflet.target / "leaflet.js").exists()


def test_a_served_copy_that_changed_is_replaced(leaflet):
    target = assets.publish(leaflet)
    (target / "leaflet.css").write_text("body { display: none }")
    assets.publish(leaflet)
    assert hashlib.sha256((target / "leaflet.css").read_bytes()).hexdigest() == dict(leaflet.files)["leaflet.css"]


def test_a_missing_package_says_how_to_install_it(leaflet):
    with pytest.raises(assets.AssetError, match="require-hashes"):
        assets.publish(replace(leaflet, module="no_such_module_here"))


@pytest.fixture
def gestures(tmp_path, monkeypatch):
    """The gesture-handling plugin as committed, published into a folder of its own."""
    monkeypatch.setattr(assets, "GENERATED_DIR", tmp_path / "generated")
    return assets.GESTURE_HANDLING


def test_an_altered_committed_plugin_file_is_refused(gestures, tmp_path, monkeypatch):
    forged = tmp_path / "vendor"
    shutil.copytree(assets.VENDOR_DIR, forged)
    (forged / gestures.folder / "leaflet-gesture-handling.css").write_text(".leaflet-container { display: none }")
    monkeypatch.setattr(assets, "VENDOR_DIR", forged)
    with pytest.raises(assets.AssetError, match="leaflet-gesture-handling.css is not the published file"):
        assets.publish(gestures)


@pytest.mark.parametrize("plugin", [assets.GESTURE_HANDLING, assets.FULLSCREEN, assets.POLYLINE, assets.PLOTLY_LOCALE_RU],
                         ids=lambda p: p.name)
def test_a_committed_plugin_is_the_npm_tarball_of_its_pinned_version(plugin, tmp_path):
    # The published hash is npm's `integrity` of the tarball: pack it (as geodata/build.py does) and compare.
    npm = shutil.which("npm")
    need(npm is not None, "npm is not installed")
    packed = subprocess.run([npm, "pack", f"{plugin.name}@{plugin.version}", "--json", "--pack-destination",
                             str(tmp_path)], capture_output=True, text=True, timeout=180)
    need(packed.returncode == 0, f"npm pack failed (offline?): {packed.stderr.strip()[-300:]}")
    tarball = tmp_path / json.loads(packed.stdout)[0]["filename"]
    data = tarball.read_bytes()
    assert "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode() == plugin.npm_integrity
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        licence = plugin.license[0]
        members = {name: f"package/{plugin.packed}/{name}" for name, _ in plugin.files} | {licence: f"package/{licence}"}
        for name, member in members.items():
            assert tar.extractfile(member).read() == (assets.VENDOR_DIR / plugin.folder / name).read_bytes(), name
    # Every file committed for it is one of these: nothing else of ours hides in its folder.
    assert sorted(p.name for p in (assets.VENDOR_DIR / plugin.folder).iterdir()) == sorted(members)


def test_the_basemap_is_published_once_under_its_contents_hash(tmp_path, monkeypatch):
    from dashboard.corpus.load import DEFAULT_GEODATA
    from dashboard.map.geo import COUNTRIES_FILE

    monkeypatch.setattr(assets, "GENERATED_DIR", tmp_path / "generated")
    source = DEFAULT_GEODATA / COUNTRIES_FILE
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    url = assets.publish_basemap(source)
    assert url == f"{assets.STATIC_URL}/generated/countries-{digest}.geojson"
    served = tmp_path / "generated" / f"countries-{digest}.geojson"
    assert served.read_bytes() == source.read_bytes()
    assert [p.name for p in (tmp_path / "generated").iterdir()] == [served.name]   # no temporary file left
    # Published already: not written again, whichever process asks.
    before = served.stat().st_mtime_ns
    assert assets.publish_basemap(source) == url and served.stat().st_mtime_ns == before
    # Other polygons are another file, so a browser's cached copy is never the wrong one.
    edited = tmp_path / COUNTRIES_FILE
    edited.write_bytes(source.read_bytes() + b"\n")
    assert assets.publish_basemap(edited) != url
