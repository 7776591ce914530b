"""Leaflet is served by the app; without the local copies the map falls back to a CDN and says so."""

from __future__ import annotations

import logging

from dashboard import assets


def test_local_assets_are_used_when_installed():
    js, css, local = assets.asset_links()
    assert local, "run `make assets` (scripts/fetch_assets.py)"
    assert all(url.startswith(assets.STATIC_URL) for _, url in js + css)
    assert any(url.endswith("leaflet.js") for _, url in js)


def test_missing_assets_fall_back_and_log(monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(assets, "VENDOR_DIR", tmp_path / "nothing-here")
    with caplog.at_level(logging.WARNING, logger="dashboard.assets"):
        js, css, local = assets.asset_links()
    assert not local
    assert all(url.startswith("https://") for _, url in js + css)
    assert "falling back" in caplog.text and "make assets" in caplog.text


def test_installed_files_match_their_manifest():
    import hashlib
    import json

    for package in assets.PACKAGES:
        manifest = assets.manifest_path(package)
        data = json.loads(manifest.read_text())
        assert data["integrity"] == package.integrity
        for name, digest in data["files"].items():
            assert hashlib.sha256((manifest.parent / name).read_bytes()).hexdigest() == digest
