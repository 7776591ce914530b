"""One palette (dashboard/map/style.py): the browser's styles and scripts name its colours, never restate them."""

from __future__ import annotations

import re

import pytest

from dashboard import frontend
from dashboard.map import style

HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})(?![0-9a-fA-F])")
VAR = re.compile(r"var\((--(?:pal|map|ink)-[a-z-]+)\)|__mapColor\(\"(--[a-z-]+)\"\)")
FILES = sorted(p for p in frontend.STATIC_APP.iterdir() if p.suffix in (".css", ".js"))


def _long(hex_colour: str) -> str:
    digits = hex_colour.lstrip("#").lower()
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


def _defined() -> dict[str, str]:
    return dict(re.findall(r"(--[a-z-]+): (#[0-9a-fA-F]+);", style.css_properties()))


PALETTE_HEXES = {_long(v): name for name, v in style.PALETTE.items()} | {
    _long(style.SEA_COLOR): "map-sea", _long(style.LAND_STYLE["fillColor"]): "map-land"} | {
    _long(v): f"stop {k}" for k, v in style.STOP_STYLE.items()}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_style_sheet_or_script_writes_a_colour_of_the_palette(path):
    # A palette colour written as hex drifts from style.py (map-layout.js once found borders by "#D55E00").
    text = path.read_text(encoding="utf-8")
    written = [m.group(0) for m in HEX.finditer(text) if _long(m.group(0)) in PALETTE_HEXES]
    assert not written, f"{path.name} writes {written}: use var(--pal-…) / var(--map-…)"


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix == ".js"], ids=lambda p: p.name)
def test_no_script_writes_any_colour(path):
    # Scripts read the map's colours from the page's custom properties (window.__mapColor) or the marks' JSON.
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.lstrip().startswith("//"))
    assert not HEX.findall(text), path.name


def test_every_colour_the_browser_names_is_defined_with_its_value():
    defined = _defined()
    used = {a or b for p in FILES for a, b in VAR.findall(p.read_text(encoding="utf-8"))}
    assert used, "nothing read the palette"
    assert used <= set(defined), used - set(defined)
    assert defined["--pal-vermillion"] == style.PALETTE["vermillion"] == style.BORDER_COLOR
    assert defined["--map-sea"] == style.SEA_COLOR


def test_every_style_sheet_the_app_serves_starts_with_the_palette():
    assert frontend.read_style("map.css").startswith(style.css_properties())
    assert "--pal-vermillion: #D55E00;" in frontend.static_page("reader")


def test_a_stop_not_made_is_one_grey_on_the_map_in_the_png_and_in_the_small_maps():
    # The map's badge was #5f5f5f (map.css) while the PNG, its legend and the story's small maps drew #777777.
    assert "--map-not-made: #5f5f5f;" in style.css_properties()
    assert "var(--map-not-made)" in (frontend.STATIC_APP / "map.css").read_text(encoding="utf-8")
    assert style.STOP_STYLE["not_made"] == "#5f5f5f"
