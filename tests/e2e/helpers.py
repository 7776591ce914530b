"""Small waits that look at what a user would see, rather than sleeping."""

from __future__ import annotations

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def map_frame(page):
    return page.frame_locator(MAP_FRAME)


def wait_for_map(page, timeout: int = 30000):
    """Until the basemap is painted and the dynamic layers are on the map."""
    map_frame(page).locator('#map_div[data-basemap="ready"]').wait_for(timeout=timeout)
    frame = leaflet_frame(page)
    frame.wait_for_function("() => window.feature_group && window.feature_group.length > 0", timeout=timeout)
    return frame


def leaflet_frame(page):
    return next(f for f in page.frames if "st_folium" in f.url)


def layer_counts(frame) -> list[int]:
    """Layers in each feature group currently on the map."""
    return frame.evaluate(
        "() => window.feature_group.filter(g => window.map.hasLayer(g)).map(g => g.getLayers().length)")


def choose(page, label: str, text: str):
    """Pick an option in a sidebar multiselect by typing, as a user would."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).first
    box.click()
    page.keyboard.type(text)
    page.get_by_role("option").filter(has_text=text).first.click()
    page.keyboard.press("Escape")
