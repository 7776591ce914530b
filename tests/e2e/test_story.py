"""The Story page as a reader meets it in Chromium (issue 14): the keys walk every step and the map flies to each
place without being rebuilt, a link opens its step in a fresh browser, the excerpts shown are the quotes, the
buttons, the list and a swipe, and axe-core on the Story page and its overview. A screenshot of each step is
saved in tests/e2e/artifacts/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from dashboard.corpus.load import load_corpus
from dashboard.story.load import DEFAULT_STORY, load_story
from dashboard.story.view import step_target
from tests.e2e.a11y import axe_violations
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.contexts import Tabs
from tests.e2e.helpers import (
    OFF_CONTROLS,
    ON_MARKS,
    cut_words,
    leaflet_frame,
    map_frame,
    open_map,
    param,
    render_state,
    tab_until,
    wait_for_map,
    wait_settled,
    wait_still,
)

pytestmark = pytest.mark.e2e

CORPUS = load_corpus()
STORY = load_story(DEFAULT_STORY, CORPUS)
TOTAL = len(STORY.steps)


def wait_story(page, n: int, arrived: bool = True):
    """Until step n is shown: the heading, the step's words from the server, the map at its place."""
    frame = leaflet_frame(page)
    attribute = "data-story-arrived" if arrived else "data-story"
    try:
        frame.wait_for_function(f"() => document.getElementById('map_div').getAttribute('{attribute}') === '{n}'")
    except PlaywrightTimeoutError as exc:
        raise AssertionError(f"the map never showed step {n} ({attribute}): {render_state(page)}") from exc
    page.locator(f'[data-testid="story-step"][data-step="{n}"]').wait_for()
    expect(page.get_by_test_id("story-heading")).to_have_text(STORY.step(n).heading)
    return frame


def open_story(page, server, query: str = ""):
    page.goto(server + "/story" + query)
    wait_for_map(page)
    return leaflet_frame(page)


def off_centre_px(frame, lat: float, lon: float) -> float:
    """How far a place is from the middle of the map, in screen pixels."""
    return frame.evaluate("""([lat, lon]) => { const p = map.latLngToContainerPoint([lat, lon]), s = map.getSize();
        return Math.hypot(p.x - s.x / 2, p.y - s.y / 2); }""", [lat, lon])


FOCUSED_JS = """() => { let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) { a = a.shadowRoot.activeElement; }
    return a && a.getAttribute('data-testid'); }"""


def focused_test_id(page) -> str | None:
    """The test id of the focused element, inside the components' shadow roots too."""
    return page.evaluate(FOCUSED_JS)


def assert_map_at_step(frame, n: int) -> None:
    step = STORY.step(n)
    target = step_target(step, CORPUS, *_geodata())
    if "center" in target:
        assert off_centre_px(frame, *target["center"]) < 3, (n, target)
        assert frame.evaluate("() => map.getZoom()") == target["zoom"]
        if step.view and step.view.at and step.view.at.startswith("stop-"):
            stop = CORPUS.by_id[step.view.at].location
            assert off_centre_px(frame, stop.lat, stop.lon) < 3, n   # the map's centre is the stop
    else:
        (south, west), (north, east) = target["bounds"]
        inside = frame.evaluate("""([s, w, n, e]) => { const b = map.getBounds();
            return b.contains([s, w]) && b.contains([n, e]); }""", [south, west, north, east])
        assert inside, (n, target)


_GEODATA = []


def _geodata():
    if not _GEODATA:
        from dashboard.corpus.load import DEFAULT_GEODATA
        from dashboard.map.geo import load_borders, load_countries

        _GEODATA.extend([load_countries(DEFAULT_GEODATA), load_borders(DEFAULT_GEODATA)])
    return _GEODATA


def test_the_arrow_keys_walk_every_step_and_the_map_reaches_each_place(page, server):
    frame = open_story(page, server)
    frame.evaluate("() => { window.__probe = 'same map'; }")
    ARTIFACTS.mkdir(exist_ok=True)
    for n in range(1, TOTAL + 1):
        if n > 1:
            page.keyboard.press("ArrowRight")
        wait_story(page, n, arrived=n > 1)
        assert_map_at_step(frame, n)
        assert param(page, "story") == (str(n) if n > 1 else None)
        # The tab and the history say the step (issue 28), as the step changes in the fragment.
        expect(page).to_have_title(f"Story, step {n} of {TOTAL} · Putin's 2017 Central Asia tour — a sourced map")
        if n > 1:
            assert focused_test_id(page) == "story-heading"
            expect(page.get_by_test_id("story-live")).to_have_text(re.compile(
                rf"^Step {n} of {TOTAL}: {re.escape(STORY.step(n).heading)}\."))
        page.screenshot(path=str(ARTIFACTS / f"story-step-{n}.png"))
    # Past the last step it stays. The key's handler sets the address as it runs (story-nav.js), so the address
    # is already what the key made of it; and → then ← lands on the step before the last, where a → that moved
    # on or wrapped round would have taken ← elsewhere.
    page.keyboard.press("ArrowRight")
    assert param(page, "story") == str(TOTAL)
    page.keyboard.press("ArrowLeft")
    wait_story(page, TOTAL - 1)
    page.keyboard.press("Home")
    wait_story(page, 1)
    assert_map_at_step(frame, 1)
    page.keyboard.press("End")
    wait_story(page, TOTAL)
    page.keyboard.press("ArrowLeft")
    wait_story(page, TOTAL - 1)
    # One map all along: flown, never rebuilt.
    assert frame.evaluate("() => window.__probe") == "same map"
    assert leaflet_frame(page) is frame


def test_a_story_link_opens_on_its_step_in_a_fresh_browser(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(server + "/story?story=4")
    wait_for_map(page)
    frame = wait_story(page, 4)
    # Opened there, not flown there from elsewhere.
    assert frame.evaluate("() => document.getElementById('map_div').getAttribute('data-story')") == "4"
    assert_map_at_step(frame, 4)
    expect(page.get_by_test_id("story-meta")).to_have_text(f"Step 4 of {TOTAL} · 27 Feb 2017 · Dushanbe, Tajikistan")
    expect(page.locator('.steps-list button[aria-current="step"]')).to_have_attribute("data-n", "4")
    # The step's marks are ringed on the map, the others faded.
    ringed = map_frame(page).locator(".in-story")
    expect(ringed).to_have_count(len([m for m in STORY.step(4).marks if m.startswith(("stop-", "site-"))]))
    expect(map_frame(page).locator(".story-dim").first).to_be_attached()
    context.close()


def test_the_share_box_gives_the_step_shown_and_its_link_opens_there(browser, page, server):
    open_story(page, server, "?story=3")
    wait_story(page, 3)
    page.keyboard.press("ArrowRight")
    wait_story(page, 4)
    page.get_by_role("button", name="Share this view").click()
    link = page.frame_locator("iframe[title^='Share this view']").last.locator("#link")
    expect(link).to_have_value(re.compile(r"/story\?(.*&)?story=4(&|$)"))
    # A teacher sends it; a student opens it in another browser, on step 4.
    other = browser.new_context(viewport={"width": 1280, "height": 800})
    student = other.new_page()
    student.goto(link.input_value())
    wait_for_map(student)
    wait_story(student, 4)
    other.close()


def test_the_excerpts_shown_are_the_quotes_and_each_opens_its_place_in_the_article(page, server):
    open_story(page, server, "?story=5")
    wait_story(page, 5)
    shown = [" ".join(t.split()) for t in page.locator('[data-testid="story-step"] ol.quotes blockquote').all_inner_texts()]
    assert shown == [" ".join(e.quote.split()) for e in STORY.step(5).excerpts]
    links = page.locator('[data-testid="story-step"] ol.quotes a', has_text="Read in the article")
    # A quote that a record's excerpt holds links to that excerpt (the Kant base's personnel); one that spans
    # two records' excerpts links to its passage (the first: the talks, then the offer to leave Kant).
    assert re.fullmatch(r"reader\?source=cement-2017&excerpt=site-kant\.\d", links.nth(2).get_attribute("href"))
    link = links.first
    assert re.fullmatch(r"reader\?source=cement-2017&at=\d+-\d+", link.get_attribute("href"))
    with page.context.expect_page() as opened:
        link.click()
    reader = opened.value
    mark = reader.frame_locator('iframe[srcdoc*="Highlighted passages"]').locator("mark.focus").first
    expect(mark).to_be_visible()
    assert "Atambayev" in mark.inner_text()
    reader.close()


def test_buttons_and_the_step_list_move_the_story_and_keep_focus_where_it_belongs(page, server):
    frame = open_story(page, server)
    frame.evaluate("() => { window.__probe = 'same map'; }")
    expect(page.get_by_test_id("story-prev")).to_be_disabled()
    page.get_by_test_id("story-next").click()
    wait_story(page, 2)
    assert focused_test_id(page) == "story-next"          # pressed again, it goes on
    page.keyboard.press("Enter")
    wait_story(page, 3)
    page.locator('.steps-list button[data-n="7"]').click()
    wait_story(page, 7)
    assert focused_test_id(page) == "story-heading"
    assert frame.evaluate("() => window.__probe") == "same map"


def test_the_keyboard_alone_reaches_the_step_list_and_the_quotes(page, server):
    open_story(page, server)
    page.locator("body").focus()
    tab_until(page, f"() => ({FOCUSED_JS})() === 'story-next'", 80)
    page.keyboard.press("Enter")
    wait_story(page, 2)
    # On from the buttons, past the map, to the step's quotes and their links.
    tab_until(page, "() => !!document.activeElement.closest('[data-testid=\"story-step\"]')", 80)


def test_a_swipe_on_a_phone_moves_the_story(browser, server):
    context = Tabs(browser, server, {"width": 390, "height": 844}, phone=True)
    page = context.new_page()
    page.goto(server + "/story?story=3")
    wait_for_map(page)
    wait_story(page, 3)
    cdp = context.new_cdp_session(page)

    def swipe(x0: float, x1: float) -> None:
        # On the step's words, below the map (a swipe on the map pans the map), mid-screen (the app's header
        # covers the screen's top).
        y = 422
        assert page.evaluate("([x, y]) => !!document.elementFromPoint(x, y).closest('[data-testid=\"story-step\"]')",
                             [(x0 + x1) / 2, y])
        # A quick flick, as a thumb makes it (a slow drag is not a swipe).
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x0, "y": y}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": (x0 + x1) / 2, "y": y}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    # On a phone the words follow the map in the page's scroll, taller than the screen: their top, in view, and
    # under the thumb (y = 422) once the page has stopped moving: on a busy machine an element laid out late (the
    # bar of page links' language switch) could still move them after the first scroll (a fresh clone's CI).
    page.wait_for_function("""() => {
      const el = document.querySelector('[data-testid="story-step"]');
      if (document.elementFromPoint(200, 422)?.closest('[data-testid="story-step"]')) return true;
      el.scrollIntoView({block: 'start'});
      return false;
    }""", polling=250)
    wait_still(page.locator('[data-testid="story-step"]'))
    swipe(320, 80)                                          # right to left: the next step
    wait_story(page, 4)
    expect(page.get_by_test_id("story-live")).to_have_text(re.compile(r"^Step 4 of "))
    swipe(80, 320)
    wait_story(page, 3)
    # A vertical drag scrolls the words; it is not a swipe.
    y = 600
    assert page.evaluate("([x, y]) => !!document.elementFromPoint(x, y).closest('[data-testid=\"story-step\"]')", [200, y])
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": 200, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": 180, "y": y - 150}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    # The touch's handler sets the address as it runs (story-nav.js): still step 3. And a swipe back now lands on
    # step 2, where a drag taken for a swipe on would have brought it back to 3.
    assert param(page, "story") == "3"
    # The drag's own glide (a flick scrolls on after the finger lifts) is over before the words are brought back:
    # a scroll made during it is carried away by it.
    wait_still(page.locator('[data-testid="story-step"]'))
    page.locator('[data-testid="story-step"]').evaluate("el => el.scrollIntoView({block: 'start'})")
    wait_still(page.locator('[data-testid="story-step"]'))
    swipe(80, 320)
    wait_story(page, 2)
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    assert box["width"] <= 390
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "story-phone.png"))
    context.close()


def test_without_motion_a_step_change_moves_the_map_at_once(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(server + "/story?story=2")
    wait_for_map(page)
    frame = wait_story(page, 2)
    page.keyboard.press("ArrowRight")
    # No flight: the map is at Almaty as soon as the step is shown.
    frame.wait_for_function("() => document.getElementById('map_div').getAttribute('data-story') === '3'")
    assert frame.evaluate("() => document.getElementById('map_div').getAttribute('data-story-arrived')") == "3"
    assert_map_at_step(frame, 3)
    context.close()


@pytest.mark.parametrize("query", ["?story=4", "?story=9"])
def test_axe_finds_nothing_serious_on_the_story(page, server, query):
    open_story(page, server, query)
    wait_story(page, int(query.split("=")[1]))
    words = page.locator('[data-testid="stVerticalBlock"].st-key-story-words, .st-key-story-words').first
    words.evaluate("el => { el.scrollTop = el.scrollHeight; }")   # axe skips text scrolled out of view
    wait_settled(page)
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_serious_on_the_overview(browser, server, width):
    context = Tabs(browser, server, {"width": width, "height": 800})
    page = context.new_page()
    page.goto(server + "/story-overview")
    expect(page.locator(".story-overview img.minimap")).to_have_count(TOTAL)
    page.wait_for_function("() => [...document.querySelectorAll('.story-overview img.minimap')]"
                           ".every((img) => img.complete)")
    wait_settled(page)
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / f"story-overview-{width}.png"), full_page=True)
    context.close()


def _status_fill(org: str, day) -> dict[str, str]:
    """Each country's fill as the server would shade `org` on `day` (what the page's run would draw)."""
    from dashboard.corpus.memberships import membership_status
    from dashboard.corpus.model import Membership
    from dashboard.map.marks import membership_payload

    periods = [r for r in CORPUS.records if isinstance(r, Membership)]
    payload = membership_payload(membership_status(periods, org, day), CORPUS.organizations[org], CORPUS, day)
    return {code: s["style"]["fillColor"] for code, s in payload.items()}


def test_a_step_that_shades_another_grouping_or_day_is_shaded_in_the_browser(page, server):
    # Issue 29: steps 7-9 shade the CSTO, the EAEU on the tour's day and the EAEU today. The browser shades each
    # from the memberships the page holds: the map's layers are not rebuilt, and the line under it follows.
    import datetime as dt

    from tests.e2e.helpers import shaded

    frame = open_story(page, server, "?story=6")
    wait_story(page, 6, arrived=False)
    frame.evaluate("() => { window.feature_group.forEach((g) => { g.__probe = 'kept'; }); }")
    caption = page.locator(".story-caption")
    expect(caption).to_have_text("Countries shaded by CSTO membership on 27 Feb 2017 (as set in the sidebar). The "
                                 "step's marks are ringed, the others faded; hover or click a mark for its words.")
    tour = dt.date(2017, 2, 27)
    for n, org, day, said in [(7, "org-csto", tour, "CSTO membership on 27 Feb 2017 (this step's choice)"),
                              (8, "org-eaeu", tour, "EAEU membership on 27 Feb 2017 (this step's choice)"),
                              (9, "org-eaeu", None, "EAEU membership on ")]:
        page.keyboard.press("ArrowRight")
        wait_story(page, n)
        day = day or dt.date.fromisoformat(frame.evaluate("() => window.__story.shading.steps[8].day"))
        expect(caption).to_contain_text(said + ("" if n < 9 else f"{day:%-d %b %Y} (this step's choice)"))
        frame.wait_for_function("([org]) => window.__membershipGroup === org", arg=[CORPUS.organizations[org]])
        assert shaded(frame) == _status_fill(org, day), n
        expect(page).to_have_title(f"Story, step {n} of {TOTAL} · Putin's 2017 Central Asia tour — a sourced map")
    # Uzbekistan, an EAEU observer since 2020, is shaded today and not on the tour's day.
    assert "UZ" in shaded(frame) and "UZ" not in _status_fill("org-eaeu", tour)
    assert frame.evaluate("() => window.feature_group.every((g) => g.__probe === 'kept')")
    page.keyboard.press("Home")
    wait_story(page, 1)
    assert shaded(frame) == _status_fill("org-csto", tour)
    expect(caption).to_contain_text("CSTO membership on 27 Feb 2017 (as set in the sidebar)")


def test_a_step_whose_marks_the_filters_leave_out_is_drawn_by_the_page(page, server):
    # With Kazakhstan alone, steps 4's and 5's marks (Dushanbe's, Bishkek's) are outside the filters: the page's run
    # draws each step's own and says so, and not the other's.
    frame = open_story(page, server, "?story=4&country=KZ")
    wait_story(page, 4, arrived=False)
    notice = page.get_by_text("outside the current filters, and shown anyway")
    marks = "() => { const out = []; window.feature_group.filter((g) => window.map.hasLayer(g)).forEach((g) => " \
            "g.eachLayer((l) => { const r = window.__refOf(l); if (r) { out.push(r); } })); return out; }"
    expect(notice).to_have_text(re.compile(r"^5 of this step's 5 marks are outside the current filters"))
    page.keyboard.press("ArrowRight")
    wait_story(page, 5)
    expect(page.get_by_text("2 of this step's 2 marks are outside the current filters, and shown anyway: "
                            "Stop 3: Bishkek, Kyrgyzstan — Putin and Atambayev; Kant air base (Kyrgyzstan).")
           ).to_be_visible()
    frame.wait_for_function(marks.replace("return out;", "return out.includes('site-kant');"))
    assert {"stop-bishkek", "site-kant"} <= set(frame.evaluate(marks))
    page.keyboard.press("ArrowLeft")
    wait_story(page, 4)
    expect(notice).to_have_text(re.compile(r"^5 of this step's 5 marks are outside the current filters"))
    frame.wait_for_function(marks.replace("return out;", "return !out.includes('site-kant');"))
    assert "site-201st" in frame.evaluate(marks)


def test_the_story_has_a_time_strip_that_looks_around_and_keeps_the_steps_day(page, server):
    # Issue 29: under the story map, the strip shows the step's grouping and day. Moving it shades the map and says
    # so under it; nothing is sent (the sidebar's day and the address stay); "Step's day" and a step change bring
    # the step's own day back; the next step's grouping comes with it, in the browser.
    import datetime as dt

    from tests.e2e.helpers import shaded

    frame = open_story(page, server, "?story=7")
    wait_story(page, 7, arrived=False)
    handle, day = page.get_by_test_id("time-handle"), page.get_by_test_id("time-day")
    caption = page.locator(".story-caption")
    expect(handle).to_have_attribute("aria-valuetext", "27 February 2017")
    expect(page.locator(".time-strip .grouping")).to_have_text("CSTO shaded")
    expect(page.get_by_test_id("time-back")).to_be_hidden()
    expect(page.get_by_test_id("time-brush")).to_be_hidden()   # the range stays the sidebar's
    address = page.url
    # Every day the strip would send to the sidebar's field (the map page's strip does, once it rests or plays out).
    page.evaluate("() => { window.__sentDays = []; const set = window.__setMembershipDay;"
                  " window.__setMembershipDay = (iso) => { window.__sentDays.push(iso); set(iso); }; }")
    handle.focus()
    page.keyboard.press("End")
    today = dt.date.fromisoformat(frame.evaluate("() => window.__story.shading.steps[8].day"))
    expect(day).to_have_text(f"{today.day} {today:%b %Y}")   # seen short, heard whole (aria-valuetext)
    expect(caption).to_contain_text(f"CSTO membership on {today:%-d %b %Y} (on the time strip; the step shows "
                                    "27 Feb 2017)")
    frame.wait_for_function(f"() => window.__membershipDay === '{today.isoformat()}'")
    assert frame.evaluate("() => window.__membership.AM.status") == "frozen"   # Armenia froze its part in 2024
    assert shaded(frame) == _status_fill("org-csto", today)
    page.keyboard.press("Home")
    expect(caption).to_contain_text("CSTO membership on 1 Jan 1991 (on the time strip")
    frame.wait_for_function("() => Object.keys(window.__membership).length === 0")   # no CSTO yet
    # "Step's day" by the keyboard: the button goes, the focus goes to the handle, and the day is said.
    for _ in range(5):   # back from the handle: over the ticks' one stop to the row's buttons
        page.keyboard.press("Shift+Tab")
        if focused_test_id(page) == "time-back":
            break
    page.keyboard.press("Enter")
    expect(caption).to_contain_text("CSTO membership on 27 Feb 2017 (this step's choice)")
    expect(page.get_by_test_id("time-back")).to_be_hidden()
    assert focused_test_id(page) == "time-handle"
    expect(page.get_by_test_id("time-live")).to_have_text("Back to the step’s day, 27 February 2017.")
    frame.wait_for_function("() => window.__membershipDay === '2017-02-27'")   # shaded at the next frame
    assert shaded(frame) == _status_fill("org-csto", dt.date(2017, 2, 27))
    # Played to today (quickly here): the readout lists the changes played, no longer "so far".
    page.evaluate("() => { window.__timeStripPlayMs = 1500; }")
    page.get_by_test_id("time-play").click()
    expect(page.get_by_test_id("time-play")).to_have_attribute("data-playing", "false")
    expect(page.get_by_test_id("time-readout")).to_contain_text("Changes played")
    assert page.evaluate("() => window.__sentDays") == []   # play's end sends at once on the map page: not here
    page.get_by_test_id("time-back").click()
    # Away again, then the next step: its grouping and day, at once.
    handle.focus()
    page.keyboard.press("PageDown")
    page.get_by_test_id("story-next").click()
    wait_story(page, 8)
    expect(handle).to_have_attribute("aria-valuetext", "27 February 2017")
    expect(page.locator(".time-strip .grouping")).to_have_text("EAEU shaded")
    expect(caption).to_contain_text("EAEU membership on 27 Feb 2017 (this step's choice)")
    assert shaded(frame) == _status_fill("org-eaeu", dt.date(2017, 2, 27))
    # Nothing was sent: the sidebar's day and the address (but for the step) are as they were.
    assert page.evaluate("() => window.__sentDays") == []
    assert param(page, "date") is None and page.url.replace("story=8", "story=7").split("&lat")[0] == \
        address.split("&lat")[0]
    expect(page.locator('[data-testid="stSidebar"] input[type="date"]').first).to_have_value("2017-02-27")


def test_on_a_phone_the_storys_strip_is_folded_under_the_map(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(server + "/story?story=3")
        wait_for_map(page)
        wait_story(page, 3, arrived=False)
        fold = page.get_by_test_id("time-fold")
        expect(fold).to_have_text("27 Feb 2017 · CSTO membership (as set in the sidebar)")
        assert fold.bounding_box()["height"] <= 34   # one line: its room (40 px) is held from the first paint
        expect(fold).to_have_attribute("aria-expanded", "false")
        expect(page.get_by_test_id("time-handle")).to_be_hidden()
        assert page.get_by_test_id("story-step").bounding_box()["y"] + 60 <= 844   # the words on the first screen
        fold.tap()
        expect(fold).to_have_attribute("aria-expanded", "true")
        handle = page.get_by_test_id("time-handle")
        expect(handle).to_be_visible()
        assert page.locator(".st-key-story-strip-room").bounding_box()["height"] > 150   # its room grew with it
        handle.focus()
        page.keyboard.press("ArrowLeft")
        expect(fold).to_have_text("26 Feb 2017 · CSTO membership (on the time strip)")
        box = page.get_by_test_id("time-strip").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        page.screenshot(path=str(ARTIFACTS / "story-strip-phone.png"))
        assert axe_violations(page) == []
        # The last step's map, a third of a phone's screen high, has the route's start (Moscow) off it: its badge
        # lay on the zoom-in button, where no place along the edge was clear of the marks too.
        page.goto(server + "/story?story=9")
        wait_for_map(page)
        wait_story(page, 9, arrived=False)
        frame = leaflet_frame(page)
        frame.wait_for_function("() => { const e = document.querySelector('.edge-mark'); return e && e.offsetParent"
                                " && window.__layoutDone; }")
        assert frame.evaluate(OFF_CONTROLS) == [], "the edge badge lies on a control"
    finally:
        context.close()


def test_the_keys_still_work_after_quick_bursts_on_a_slow_phone(page, server):
    # A fresh reviewer: on a slowed CPU, after a few bursts of quick keys, ← → Home End did nothing for the rest of
    # the page's life (Streamlit ran a superseded render's cleanup, which took the navigation's key listener away).
    from tests.e2e.helpers import wait_idle

    open_story(page, server, "?story=1")
    wait_story(page, 1, arrived=False)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    try:
        page.locator("h1").first.click()
        for burst in (["ArrowRight"] * 4, ["End", "ArrowLeft", "Home"], ["ArrowRight"] * 6, ["End", "Home", "End"],
                      ["ArrowLeft"] * 5) * 2:
            for key in burst:
                page.keyboard.press(key)
            wait_idle(page)
    finally:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    shown = int(page.get_by_test_id("story-nav").get_attribute("data-step"))
    page.keyboard.press("End" if shown < TOTAL else "Home")
    wait_story(page, TOTAL if shown < TOTAL else 1)


def test_quick_step_changes_that_need_the_page_leave_the_address_on_the_step_shown(page, server):
    # A fresh reviewer: with the memberships layer off, step 7 needs the page's run (its marks are on that layer);
    # two quick clicks on Next from step 6 showed step 8 but left ?story=7 in the address, and a reload or a shared
    # link opened step 7.
    from tests.e2e.helpers import wait_idle

    open_story(page, server, "?story=6&layers=route,sites,border")
    wait_story(page, 6, arrived=False)
    # The steps the server acknowledges (story-nav.js): runs are one after another, so once step 8's is drawn, the
    # page's run begun before it (the one that wrote step 7 back) is drawn too.
    page.evaluate("() => { window.__synced = []; document.addEventListener('dashboard:story-synced',"
                  " (e) => window.__synced.push(e.detail.step)); }")
    following = page.get_by_test_id("story-next")
    following.click()
    page.wait_for_timeout(150)
    following.click()
    wait_story(page, 8)
    page.wait_for_function("() => window.__synced.includes(8)")
    wait_idle(page)
    assert param(page, "story") == "8"
    page.reload()
    wait_for_map(page)
    wait_story(page, 8, arrived=False)


def _marks_covered(page, frame, step: int, shot: str) -> list:
    """Once step `step` has arrived and the map's layout is done: the step's marks under a control or the edge badge,
    or off the map (a screenshot named `shot` in the artifacts where any is)."""
    frame.wait_for_function(f"() => document.getElementById('map_div').getAttribute('data-story-arrived')"
                            f" === '{step}' && window.__layoutDone")
    wait_settled(page)
    frame.wait_for_function("() => window.__layoutDone")
    on = frame.evaluate(ON_MARKS)
    if on:
        page.screenshot(path=str(ARTIFACTS / shot))
    return on


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_on_a_phone_no_control_or_badge_covers_a_steps_marks(browser, server, lang):
    # On step 4 in Russian, "Всё объединение ОДКБ · 9 государств" lay across Dushanbe's marks, and the route's edge
    # badge beside them: the map is a third of a phone's screen high, and the words are longer than the English.
    context, page, frame = open_map(browser, server, (390, 844), f"/story?lang={lang}&story=1", phone=True)
    try:
        if lang == "en":
            wait_story(page, 1)
        covered = {}
        for n in range(1, TOTAL + 1):
            if n > 1:
                page.keyboard.press("ArrowRight")
            if on := _marks_covered(page, frame, n, f"story-marks-covered-{lang}-{n}.png"):
                covered[n] = on
        assert covered == {}
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_on_a_phone_a_link_to_a_step_frames_its_marks_clear_of_the_controls(browser, server, lang):
    # A fresh reviewer opened step 4 by its link (not by walking to it) and found its marks under the whole-grouping
    # control and the edge badge.
    context, page, frame = open_map(browser, server, (390, 844), f"/story?lang={lang}&story=4", phone=True)
    try:
        assert _marks_covered(page, frame, 4, f"story-link-marks-covered-{lang}.png") == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_on_a_small_phone_the_story_navigations_words_read_whole(browser, server, lang):
    # A fresh reviewer: at 320 px the Russian swipe hint was cut mid-word ("или проведите по тексту вб…").
    context = Tabs(browser, server, {"width": 320, "height": 700})
    try:
        page = context.new_page()
        page.goto(server + f"/story?lang={lang}")
        nav = page.locator(".st-key-story-head")
        nav.locator(".steps-list button").first.wait_for()
        for width in (320, 360, 390):
            page.set_viewport_size({"width": width, "height": 700})
            wait_still(nav.locator(".hint"))
            assert cut_words(nav) == [], width
            hint = nav.locator(".hint").bounding_box()
            assert hint["x"] + hint["width"] <= width, width
    finally:
        context.close()
