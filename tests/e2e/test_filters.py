"""The sidebar's filter panel as a reader uses it: ticks, counts, dates, keyboard, page switches."""

from __future__ import annotations

from playwright.sync_api import expect

from dashboard.map.style import MEMBERSHIP_STYLE as STYLE
from tests.e2e.helpers import choose, facet, map_frame, shaded, wait_for_map


def _option(page, key: str, name: str):
    return facet(page, key).locator("label.option").filter(has=page.locator("span.name", has_text=name))


def test_ticking_a_country_filters_the_map_and_recounts_the_other_lists(page, server):
    page.goto(server + "/")
    wait_for_map(page)
    expect(map_frame(page).locator(".site")).to_have_count(3)
    expect(_option(page, "kind", "Military sites").locator(".count")).to_have_text("3")
    choose(page, "country", "Tajikistan")
    page.wait_for_function("() => new URLSearchParams(location.search).get('country') === 'TJ'")
    expect(page.locator('details[data-key="country"] summary .chosen')).to_have_text("Tajikistan")
    # Tajikistan has two of the region's three Russian sites (the 201st base and Aini), one stop and one call.
    expect(_option(page, "kind", "Military sites").locator(".count")).to_have_text("2")
    expect(map_frame(page).locator(".site")).to_have_count(2)
    expect(map_frame(page).locator(".stop-icon .stop-made")).to_have_count(1)
    choose(page, "country", "Tajikistan")
    page.wait_for_function("() => !new URLSearchParams(location.search).has('country')")
    expect(page.locator('details[data-key="country"] summary .chosen')).to_have_text("All")
    expect(map_frame(page).locator(".site")).to_have_count(3)


def test_a_date_typed_in_changes_the_shading(page, server):
    page.goto(server + "/")
    frame = wait_for_map(page)
    # On the tour's day Uzbekistan's CSTO membership was suspended (since 19 Dec 2012) ...
    assert shaded(frame)["UZ"] == STYLE["suspended"]["fillColor"]
    page.get_by_label("Memberships as of").fill("2012-05-05")
    page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '2012-05-05'")
    expect(page.get_by_text("membership on 5 May 2012")).to_be_visible()
    # ... and on 5 May 2012 it was a member; Afghanistan was not yet an observer (2013).
    frame.wait_for_function("() => (window.__membership.UZ || {}).tooltip && !('AF' in window.__membership)")
    now = shaded(frame)
    assert now["UZ"] == STYLE["member"]["fillColor"] and "AF" not in now
    assert {c for c, colour in now.items() if colour == STYLE["member"]["fillColor"]} == {
        "AM", "BY", "KG", "KZ", "RU", "TJ", "UZ"}


def test_the_keyboard_ticks_an_option(page, server):
    page.goto(server + "/")
    wait_for_map(page)
    box = facet(page, "org").locator("label.option", has_text="EAEU").locator("input")
    box.focus()
    page.keyboard.press("Space")
    page.wait_for_function("() => new URLSearchParams(location.search).get('org') === 'EAEU'")
    expect(box).to_be_checked()


def test_the_filters_follow_the_reader_to_another_page(page, server):
    page.goto(server + "/")
    wait_for_map(page)
    choose(page, "country", "Kyrgyzstan")
    page.wait_for_function("() => new URLSearchParams(location.search).get('country') === 'KG'")
    page.get_by_role("link", name="Charts").click()
    page.wait_for_url("**/charts**")
    expect(page.locator('details[data-key="country"] summary .chosen')).to_have_text("Kyrgyzstan")
    page.wait_for_function("() => new URLSearchParams(location.search).get('country') === 'KG'")


def test_two_quick_ticks_both_count(page, server):
    # The second tick lands while the first one's rerun is still on its way back.
    page.goto(server + "/")
    wait_for_map(page)
    box = facet(page, "country")
    for name in ("Kazakhstan", "Kyrgyzstan"):
        box.locator("label.option").filter(has=page.locator("span.name", has_text=name)).locator("input").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('country') === 'KZ,KG'")
    expect(box.locator("input:checked")).to_have_count(2)


def test_clear_all_resets_every_filter(page, server):
    # Moved from AppTest: the button is in the panel, which AppTest cannot click.
    page.goto(server + "/?country=TJ&topic=security&date=2015-06-01&from=2016-01-01&sel=site-201st")
    wait_for_map(page)
    # The evidence panel's heading (the map's description for screen readers names every site as well).
    heading = page.get_by_role("heading", name="201st military base (Tajikistan)")
    expect(heading).to_be_visible()
    page.get_by_test_id("filter-clear").click()
    page.wait_for_function("() => location.search === '' || /^[?](lat|lon|z)=/.test(location.search)")
    for key in ("country", "topic"):
        expect(page.locator(f'details[data-key="{key}"] summary .chosen')).to_have_text("All")
    expect(page.get_by_label("Memberships as of")).to_have_value("2017-02-27")
    expect(page.get_by_label("Dated records from")).to_have_value("1991-01-01")
    expect(heading).to_have_count(0)



def test_the_map_controls_shade_and_switch_layers(page, server):
    page.goto(server + "/")
    frame = wait_for_map(page)
    page.get_by_test_id("filter-shade").select_option(label="EAEU")
    page.wait_for_function("() => new URLSearchParams(location.search).get('shade') === 'EAEU'")
    expect(page.get_by_text("shaded by EAEU membership")).to_be_visible()
    page.get_by_test_id("filter-layers-route").uncheck()
    page.wait_for_function("() => !(new URLSearchParams(location.search).get('layers') || 'route').includes('route')")
    frame.wait_for_function("() => window.feature_group.filter(g => window.map.hasLayer(g)).length === 3")
