"""The downloads, through the app's own buttons (issue 15): the briefing file opens from disk with every request
blocked and asks for nothing, paints every layer where the reader left the map, shows a stop's quote on a
click, prints on A4 and Letter, and runs no script of the corpus's; the PNG frames what the map framed.
Screenshots of the file and the PNG itself are kept in tests/e2e/artifacts/ to be looked at."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from playwright.sync_api import expect

from bench.briefing import offline
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.contexts import Tabs
from tests.e2e.helpers import shading, wait_for_map, wait_still

pytestmark = pytest.mark.e2e

# Records every Content-Security-Policy refusal in the file (an init script: it runs before the page's own).
CSP_WATCH = "window.__csp = []; document.addEventListener('securitypolicyviolation', " \
            "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
# Paper minus the file's 12 mm side margins, in CSS pixels (96 to the inch).
PAPER = {"A4": round((210 - 24) / 25.4 * 96), "Letter": round((215.9 - 24) / 25.4 * 96)}


def popup_shown(page):
    """Until the popup has faded in (and the map has panned to show it)."""
    page.locator(".leaflet-popup-content").wait_for()
    page.wait_for_function("() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    wait_still(page.locator(".leaflet-popup"))  # the map's pan to show it is over
    return page.locator(".leaflet-popup-content")


def download(page, testid: str, folder):
    """Click one of the share box's download buttons, as a reader does; the saved file's path."""
    if not page.get_by_test_id(testid).is_visible():
        page.get_by_role("button", name="Share this view").click()
    with page.expect_download(timeout=90000) as info:
        page.get_by_test_id(testid).click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    page.get_by_test_id("download-status").filter(has_text="Saved").wait_for()
    return path


def open_offline(browser, path, width: int = 1280, height: int = 900):
    """The file opened from disk in a context where every request but the file itself is refused."""
    context, asked = offline(browser, path, {"width": width, "height": height})
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    page.on("request", lambda r: asked.append(r.url) if r.url != path.as_uri() else None)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_selector('#map[data-painted="1"][data-basemap="ready"]')
    page.wait_for_function("() => window.__layoutDone === true")
    return context, page, asked, errors


def made_at_dushanbe(browser, server, folder, files: dict[str, str], shot: str) -> dict:
    """The share box's files ({name: button's test id}) made on the map page with Dushanbe selected and the map
    moved there; with the map's frame and shading in the app at that moment. `shot`: the share box's screenshot."""
    context = Tabs(browser, server, {"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(server + "/?sel=stop-dushanbe")
    frame = wait_for_map(page)
    frame.evaluate("() => { map.setView([38.9, 70.2], 7, {animate: false}); }")
    page.wait_for_function("() => window.__mapFrame && window.__mapFrame.zoom === 7")
    seen = {"frame": page.evaluate("() => window.__mapFrame"), "shading": shading(frame)}
    for name, testid in files.items():
        seen[name] = download(page, testid, folder)
    page.screenshot(path=str(ARTIFACTS / shot))
    context.close()
    return seen


@pytest.fixture(scope="module")
def briefing_file(browser, server, tmp_path_factory):
    """The briefing and the PNG downloaded from the map page with Dushanbe selected and the map moved there."""
    return made_at_dushanbe(browser, server, tmp_path_factory.mktemp("downloads"),
                            {"html": "download-briefing", "png": "download-png"}, "briefing-share-box.png")


def test_the_file_opens_from_disk_asks_for_nothing_and_paints_every_layer(browser, briefing_file):
    context, page, asked, errors = open_offline(browser, briefing_file["html"])
    try:
        page.screenshot(path=str(ARTIFACTS / "briefing-file.png"))
        assert asked == [] and errors == []
        assert page.evaluate("() => window.__csp") == [], "the file's own scripts and styles must not be refused"
        groups = page.evaluate("() => window.feature_group.map(g => g.getLayers().length)")
        assert len(groups) == 3 and all(n > 0 for n in groups), groups  # borders, route, sites
        # Every mark is on the page: the SVG paths (countries, lines) and the icons (stops, sites, legs).
        assert page.locator(".leaflet-overlay-pane path").count() >= 18 + 5
        assert page.locator(".leaflet-marker-pane .stop-made").count() == 3
        assert page.locator(".leaflet-marker-pane .site").count() == 3
        # The countries are shaded as they were on the dashboard.
        assert shading(page.main_frame) == briefing_file["shading"]
        assert page.locator(".map-legend details[open]").count() == 1
    finally:
        context.close()


def test_it_opens_where_the_reader_left_the_map(browser, briefing_file):
    context, page, _, _ = open_offline(browser, briefing_file["html"])
    try:
        (south, west), (north, east) = briefing_file["frame"]["bounds"]
        shown = page.evaluate("() => { const b = map.getBounds(); return [b.getSouth(), b.getWest(), b.getNorth(),"
                              " b.getEast(), map.getZoom()]; }")
        # The reader's frame is all in view, and not much more (a different window: a fraction of a zoom).
        assert shown[0] <= south + 0.05 and shown[2] >= north - 0.05 and shown[1] <= west + 0.05
        assert shown[3] >= east - 0.05 and abs(shown[4] - 7) <= 1
        assert page.locator(".leaflet-marker-icon.is-selected .stop").count() == 1  # Dushanbe, selected
    finally:
        context.close()


def test_a_click_on_a_stop_shows_its_quote(browser, briefing_file, corpus):
    context, page, asked, _ = open_offline(browser, briefing_file["html"])
    try:
        page.locator(".leaflet-marker-pane .stop-made", has_text="2").click()
        popup = popup_shown(page)
        quote = " ".join(corpus.by_id["stop-dushanbe"].excerpts[0].quote.split())
        assert quote in " ".join(popup.inner_text().split())
        page.screenshot(path=str(ARTIFACTS / "briefing-file-popup.png"))
        popup.get_by_role("link", name=re.compile("in the list below")).click()
        page.wait_for_function("() => location.hash === '#rec-stop-dushanbe'")
        assert page.locator("#rec-stop-dushanbe.is-current").count() == 1
        assert asked == []
    finally:
        context.close()


@pytest.mark.parametrize("paper", list(PAPER))
def test_it_prints_on_a4_and_letter(browser, briefing_file, paper):
    width = PAPER[paper]
    context, page, _, _ = open_offline(browser, briefing_file["html"], width=width, height=1000)
    try:
        page.emulate_media(media="print")
        # The file refits its map in the event's handler, without animation (briefing.js): done when this returns.
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        page.screenshot(path=str(ARTIFACTS / f"briefing-print-{paper}.png"))
        # Nothing runs off the paper's width, and the map keeps its marks within it.
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        box = page.locator("#map").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width and 400 <= box["height"] <= 480
        # The reader's frame is refitted to the paper: Dushanbe, which it holds, is on the printed map.
        b = page.locator(".leaflet-marker-pane .stop-made", has_text="2").bounding_box()
        assert box["x"] <= b["x"] and b["x"] + b["width"] <= box["x"] + box["width"], b
        assert box["y"] <= b["y"] and b["y"] + b["height"] <= box["y"] + box["height"], b
        assert page.locator(".map-legend details[open]").count() == 1  # paper has no button to open it
        assert page.locator(".leaflet-control-zoom").is_hidden()
        pdf = page.pdf(format=paper, print_background=True)
        (ARTIFACTS / f"briefing-{paper}.pdf").write_bytes(pdf)
        assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 3
    finally:
        context.close()


def test_the_png_frames_what_the_map_framed(briefing_file):
    from PIL import Image

    shutil.copyfile(briefing_file["png"], ARTIFACTS / "briefing-map.png")
    image = Image.open(io.BytesIO(briefing_file["png"].read_bytes()))
    assert image.width >= 1600
    (south, west), (north, east) = briefing_file["frame"]["bounds"]
    view = [float(v) for v in re.findall(r"-?\d+\.\d+", image.info["View"])[:4]]
    assert view == pytest.approx([south, west, north, east], abs=1e-4)


def test_a_hostile_corpus_yields_a_file_that_runs_only_its_own_scripts(browser, hostile_server, tmp_path):
    context = Tabs(browser, hostile_server, {"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(hostile_server + "/?sel=stop-dushanbe")
    wait_for_map(page)
    path = download(page, "download-briefing", tmp_path)
    context.close()
    context, page, asked, errors = open_offline(browser, path)
    try:
        page.locator(".leaflet-marker-pane .site").first.hover()  # a tooltip of corpus text
        page.locator(".leaflet-tooltip").first.wait_for()
        page.locator(".leaflet-marker-pane .stop-made", has_text="2").click()  # a popup of it
        popup_shown(page)
        page.screenshot(path=str(ARTIFACTS / "briefing-hostile.png"))
        assert page.evaluate("() => window.__pwned === undefined")
        assert page.locator("img[src='x']").count() == 0 and page.locator("script").count() == 3  # the file's own
        text = page.locator("body").inner_text()
        assert "<img src=x onerror=window.__pwned=1>" in text and "<script>window.__pwned=1</script>" in text
        assert asked == [] and errors == []
        assert page.evaluate("() => window.__csp") == []  # nothing even tried: the text never became markup
    finally:
        context.close()


def test_on_a_phone_the_file_reads_and_the_buttons_fit(browser, server, briefing_file):
    context, page, _, _ = open_offline(browser, briefing_file["html"], width=390, height=844)
    try:
        page.screenshot(path=str(ARTIFACTS / "briefing-file-390.png"))
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        assert page.locator(".map-legend details[open]").count() == 0  # a button, as on the dashboard's phone view
    finally:
        context.close()
    context = Tabs(browser, server, {"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(server + "/")
        wait_for_map(page)
        page.get_by_role("button", name="Share this view").click()
        buttons = page.get_by_test_id("downloads").locator("button")
        buttons.first.wait_for()
        page.get_by_test_id("downloads").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "share-box-390.png"))
        for button in buttons.all():
            box = button.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    finally:
        context.close()


def test_the_story_page_downloads_the_step_shown(browser, server, tmp_path):
    # Issue 15 on the Story page: the briefing of the step shown, titled and linked as that step, offline.
    context = Tabs(browser, server, {"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(server + "/story?story=3")
    wait_for_map(page)
    page.get_by_test_id("story-next").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('story') === '4'")
    expect(page.get_by_role("heading", name="Dushanbe: Putin and Rahmon, and the Afghan border")).to_be_visible()
    page.get_by_text("Take this step with you").scroll_into_view_if_needed()
    path = download(page, "download-briefing", tmp_path)
    context.close()
    offline_context, file_page, asked, errors = open_offline(browser, path)
    try:
        assert asked == [] and errors == []
        assert file_page.title().startswith("Step 4 of 9: Dushanbe: Putin and Rahmon, and the Afghan border · "
                                            "27 Feb 2017 · Dushanbe, Tajikistan")
        links = file_page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
        assert any(href.startswith(server) and href.endswith("/story?story=4") for href in links), links
    finally:
        offline_context.close()
