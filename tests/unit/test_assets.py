"""Leaflet comes from a pinned wheel, is checked file by file against its published hashes, and is never
loaded from a CDN."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace

import pytest

from dashboard import assets


@pytest.fixture
def leaflet(tmp_path, monkeypatch):
    """The real package, published into a folder of its own."""
    monkeypatch.setattr(assets, "GENERATED_DIR", tmp_path / "generated")
    return assets.LEAFLET


def test_the_served_files_are_the_published_ones_with_their_licence(leaflet):
    target = assets.publish(leaflet)
    for name, digest in leaflet.files:
        assert hashlib.sha256((target / name).read_bytes()).hexdigest() == digest
    assert "BSD 2-Clause" in (target / "LICENSE").read_text()


def test_the_links_are_the_apps_own(leaflet):
    js, css = assets.asset_links()
    assert [url for _, url in js] == [f"{assets.STATIC_URL}/generated/leaflet-1.9.4/leaflet.js"]
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
