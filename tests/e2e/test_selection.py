"""Every click, tap or key press on a mark selects it, whatever was selected before; the panel, the URL,
the map's highlight and the charts' highlight agree after every way of selecting and clearing
(issue 12, case 1; streamlit-folium #316)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import leaflet_frame, map_frame, wait_for_map

pytestmark = pytest.mark.e2e


def _stop(page, n: str):
    return map_frame(page).locator(".stop-icon").filter(has=page.locator(".stop", has_text=n)).first


def _selected(page, rid: str | None):
    """Wait until the URL, the panel and the map's highlight all show `rid` (None: nothing selected)."""
    if rid is None:
        page.wait_for_function("() => !new URL(location.href).searchParams.has('sel')")
        expect(page.get_by_role("heading", name="Evidence")).to_be_visible()
    else:
        page.wait_for_function(f"() => new URL(location.href).searchParams.get('sel') === {rid!r}")
        expect(page.get_by_role("button", name="Clear selection")).to_be_visible()
    frame = leaflet_frame(page)
    frame.wait_for_function("""(rid) => {
        const on = [];
        window.feature_group.forEach(g => g.eachLayer(l => {
            const hit = l._icon ? l._icon.classList.contains('is-selected') : !!l.__beforeSelection;
            if (hit) { const m = (l.getTooltip() && l.getTooltip().getContent() || '').match(/ref: ([a-z0-9-]+)/); on.push(m && m[1]); }
        }));
        if (window.__basemap) window.__basemap.eachLayer(f => {
            if (f.__beforeSelection) { const m = (f.getTooltip().getContent() || '').match(/ref: ([a-z0-9-]+)/); on.push(m && m[1]); }
        });
        return rid === null ? on.length === 0 : on.length >= 1 && on.every(r => r === rid);
    }""", arg=rid)


def _click_country(page, *points: tuple[float, float]):
    """Click the first of `points` (inside one country) that the map shows uncovered, as a reader would."""
    frame = leaflet_frame(page)
    seen = []
    for lat, lon in points:
        x, y = frame.evaluate("([lat, lon]) => { const p = map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
                              [lat, lon])
        # The point must be the country itself, not a control (the legend) or a popup drawn over it.
        on_top = frame.evaluate("""([x, y]) => { const r = document.getElementById('map_div').getBoundingClientRect();
            const el = document.elementFromPoint(r.left + x, r.top + y);
            return el && (el.tagName === 'path' ? 'path' : el.tagName + '.' + el.className); }""", [x, y])
        if on_top == "path":
            map_frame(page).locator("#map_div").click(position={"x": x, "y": y})
            return
        seen.append(f"({lat}, {lon}) under {on_top}")
    raise AssertionError("no point of the country is uncovered: " + "; ".join(seen))


def test_a_mark_can_be_selected_again_after_clearing_and_after_another_selection(page, server):
    page.goto(server + "/?lat=43&lon=76&z=7")
    wait_for_map(page)
    _stop(page, "1").click()
    _selected(page, "stop-almaty")
    expect(page.get_by_role("heading", name="Stop 1: Almaty")).to_be_visible()
    page.get_by_role("button", name="Clear selection").click()
    _selected(page, None)
    _stop(page, "1").click()                          # the same mark, clicked again
    _selected(page, "stop-almaty")
    # Kyrgyzstan, shaded as a CSTO member (Kochkor, the Chuy valley, Issyk-Kul, Naryn): where the legend and the
    # popup leave it uncovered.
    _click_country(page, (42.2, 75.8), (42.7, 75.5), (42.6, 76.5), (42.4, 77.5), (41.4, 76.0))

    _selected(page, "m-csto-kg-1992")
    _stop(page, "1").click()                          # back to the stop clicked before the country
    _selected(page, "stop-almaty")
    _stop(page, "1").click()                          # and once more: still selected, nothing lost
    _selected(page, "stop-almaty")


def test_enter_or_space_on_a_mark_selects_it(page, server):
    page.goto(server + "/?lat=40&lon=72&z=6")
    wait_for_map(page)
    _stop(page, "2").focus()
    page.keyboard.press("Enter")
    _selected(page, "stop-dushanbe")
    _stop(page, "3").focus()
    page.keyboard.press(" ")
    _selected(page, "stop-bishkek")


def test_the_charts_highlight_the_selection_made_on_the_map_and_follow_a_click_on_them(page, server):
    page.goto(server + "/?lat=43&lon=76&z=7")
    wait_for_map(page)
    _stop(page, "1").click()
    _selected(page, "stop-almaty")
    page.get_by_role("link", name="Charts", exact=True).click()
    tour = page.locator(".st-key-chart-tour .js-plotly-plot")
    tour.wait_for()
    page.wait_for_function("""() => {
        const gd = document.querySelector('.st-key-chart-tour .js-plotly-plot');
        const t = gd && gd.data[0];
        return t && t.selectedpoints && t.selectedpoints.length === 1
            && t.customdata[t.selectedpoints[0]][0] === 'stop-almaty';
    }""")
    # Clearing in the sidebar: nothing highlighted any more.
    page.get_by_test_id("stSidebar").get_by_role("button", name="Clear selection").click()
    page.wait_for_function("() => !new URL(location.href).searchParams.has('sel')")
    page.wait_for_function("""() => {
        const gd = document.querySelector('.st-key-chart-tour .js-plotly-plot');
        return gd && gd.data.every(t => !t.selectedpoints || t.selectedpoints.length === undefined);
    }""")
