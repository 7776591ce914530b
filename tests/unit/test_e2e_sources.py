"""The browser tests' own hygiene, read from their sources."""

from __future__ import annotations

import re
from pathlib import Path

E2E = Path(__file__).resolve().parents[1] / "e2e"

# Leaflet's chainable methods return the map or the layer, and Playwright serializes whatever a page function
# returns: the map's object graph took 4.4 s per call (a zoom walk of four steps at four sizes cost a minute).
CHAINABLE = re.compile(r"=>\s*(?:window\.)?[\w.\[\]]*\.(?:setZoom|setView|panTo|panBy|fitBounds|flyTo|flyToBounds|zoomIn|"
                       r"zoomOut|invalidateSize|openPopup|closePopup|openTooltip|closeTooltip|fire|addLayer|"
                       r"removeLayer|setStyle|addTo|bringToFront|setLatLng)\(")


def test_no_page_function_returns_a_leaflet_object():
    found = [f"{path.name}:{number}: {line.strip()}"
             for path in sorted(E2E.glob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if CHAINABLE.search(line)]
    assert not found, "a page function whose value is a Leaflet object (wrap its body in { ...; }):\n" + "\n".join(found)


def test_the_check_sees_an_expression_body_and_passes_a_statement_body():
    assert CHAINABLE.search('frame.evaluate("() => map.setZoom(5, {animate: false})")')
    assert CHAINABLE.search('frame.evaluate("() => window.map.closePopup()")')
    assert not CHAINABLE.search('frame.evaluate("() => { map.setZoom(5, {animate: false}); }")')
    assert not CHAINABLE.search('frame.evaluate("() => map.getZoom()")')
