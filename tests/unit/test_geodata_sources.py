"""Provenance: committed geodata outputs match SOURCES.json and the pinned input."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from tests.ci import need

ROOT = Path(__file__).resolve().parents[2]
GEODATA = ROOT / "geodata"
PINNED_INTEGRITY = (
    "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/"
    "MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
)
OUTPUTS = ["countries.geojson", "borders.geojson"]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def sources() -> dict:
    return json.loads((GEODATA / "SOURCES.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def build() -> ModuleType:
    # geodata/ is not a package; load build.py by path (its main() is guarded).
    spec = importlib.util.spec_from_file_location("geodata_build", GEODATA / "build.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_sources_lists_exactly_the_outputs(sources: dict) -> None:
    assert sorted(sources["outputs"]) == sorted(OUTPUTS)


@pytest.mark.parametrize("name", OUTPUTS)
def test_output_sha256_matches_sources(sources: dict, name: str) -> None:
    # Fails when a file is edited by hand: rerun geodata/build.py instead.
    assert _sha256(GEODATA / name) == sources["outputs"][name]["sha256"], (
        f"geodata/{name} differs from SOURCES.json; rebuild with geodata/build.py"
    )


@pytest.mark.parametrize("name", OUTPUTS)
def test_output_size_recorded_and_modest(sources: dict, name: str) -> None:
    size = (GEODATA / name).stat().st_size
    assert size == sources["outputs"][name]["bytes"]
    assert size < 600_000


def test_sources_md_agrees_with_json(sources: dict) -> None:
    md = (GEODATA / "SOURCES.md").read_text(encoding="utf-8")
    for name in OUTPUTS:
        assert sources["outputs"][name]["sha256"] in md
    src = sources["source"]
    for key in (
        "tarball_integrity",
        "tarball_sha256",
        "member_sha256",
        "member_sha512",
    ):
        assert src[key] in md
    assert f"tolerance {sources['processing']['detail_fine'][0]} deg" in md
    assert f"elsewhere {sources['processing']['detail_coarse'][0]} deg" in md


def test_pinned_input(sources: dict, build: ModuleType) -> None:
    src = sources["source"]
    assert src["tarball_integrity"] == PINNED_INTEGRITY == build.INTEGRITY
    assert (src["package"], src["version"]) == ("world-atlas", "2.0.2")
    # The hex sha512 and the npm SRI string must describe the same bytes.
    assert build.base64.b64encode(bytes.fromhex(src["tarball_sha512"])).decode() == (
        PINNED_INTEGRITY.removeprefix("sha512-")
    )


def test_processing_matches_build_constants(sources: dict, build: ModuleType) -> None:
    proc = sources["processing"]
    assert tuple(proc["detail_region"]) == build.DETAIL_REGION
    assert tuple(proc["detail_fine"]) == build.DETAIL_FINE
    assert tuple(proc["detail_coarse"]) == build.DETAIL_COARSE
    assert tuple(proc["uncoded_units"]) == build.UNCODED_UNITS
    assert sources["countries"] == [c[0] for c in build.COUNTRIES]


def test_integrity_mismatch_fails_loudly(tmp_path: Path, build: ModuleType) -> None:
    (tmp_path / build.TARBALL).write_bytes(b"not the real tarball")
    with pytest.raises(build.BuildError, match="INTEGRITY MISMATCH"):
        build.fetch_tarball(tmp_path)


@pytest.mark.parametrize(
    ("lons", "expected"),
    [
        ([10.0, 20.0, 30.0, 10.0], [10.0, 20.0, 30.0, 10.0]),
        ([179.0, -179.0, -178.0, 179.0], [179.0, 181.0, 182.0, 179.0]),
        ([-179.0, 179.0, 178.0, -179.0], [181.0, 179.0, 178.0, 181.0]),
    ],
)
def test_unwrap_ring(
    build: ModuleType, lons: list[float], expected: list[float]
) -> None:
    ring = np.column_stack([lons, [0.0, 1.0, 2.0, 0.0]])
    out = build.unwrap_ring(ring)
    assert out[:, 0].tolist() == expected
    assert out[:, 1].tolist() == ring[:, 1].tolist()


def test_rebuild_is_reproducible(
    tmp_path: Path, sources: dict, build: ModuleType
) -> None:
    cache = GEODATA / ".cache"
    if not (cache / build.TARBALL).exists():
        need(shutil.which("npm") is not None, "npm is not installed, so the pinned world-atlas tarball cannot be fetched")
        build.fetch_tarball(cache)
    need(sources["toolchain"] == build.toolchain(),
         f"toolchain {build.toolchain()} differs from the recorded {sources['toolchain']}; bytes may legitimately differ")
    meta = build.build(out_dir=tmp_path, cache_dir=cache)
    for name in OUTPUTS:
        assert meta["outputs"][name]["sha256"] == sources["outputs"][name]["sha256"]
        assert (tmp_path / name).read_bytes() == (GEODATA / name).read_bytes()
