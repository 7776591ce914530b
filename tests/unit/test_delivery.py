"""The file a download button asks for (dashboard/downloads/delivery.py): named, typed, sized and packed."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from dashboard.downloads.delivery import make_download_file
from dashboard.downloads.snapshot import DownloadRequest, Focus
from dashboard.map.geo import load_borders, load_countries
from dashboard.query import link as vs
from tests.conftest import ROOT

MADE = dt.datetime(2026, 11, 29, 23, 41, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def geodata():
    return load_countries(ROOT / "geodata"), load_borders(ROOT / "geodata")


def test_the_briefing_is_an_html_file_with_the_views_absolute_link(corpus, geodata):
    view = vs.ViewState(selected="stop-dushanbe")
    made = make_download_file(DownloadRequest("html", 3), corpus, *geodata, view, base="http://example.org/app/",
                              made=MADE)
    assert made["mime"] == "text/html" and made["name"].startswith("briefing-") and made["name"].endswith(".html")
    html = base64.b64decode(made["data"]).decode("utf-8")
    assert made["bytes"] == len(html.encode("utf-8"))
    assert "Selected: Stop 2: Dushanbe" in html
    assert "http://example.org/app/?sel=stop-dushanbe" in html


def test_the_published_map_is_a_small_html_file_with_the_views_link(corpus, geodata):
    view = vs.ViewState(selected="stop-dushanbe")
    made = make_download_file(DownloadRequest("embed", 4), corpus, *geodata, view, base="http://example.org/app/",
                              made=MADE)
    assert made["mime"] == "text/html"
    assert made["name"] == f"published-map-central-asia-tour-{corpus.version}-20261129-2341.html"
    html = base64.b64decode(made["data"]).decode("utf-8")
    assert made["bytes"] == len(html.encode("utf-8")) <= 300_000
    assert '<a class="live" href="http://example.org/app/?sel=stop-dushanbe"' in html
    assert "Selected: Stop 2" not in html and '<template id="q-stop-dushanbe"' in html  # the map alone


def test_a_focus_gives_its_own_link_made_absolute_and_without_a_base_none(corpus, geodata):
    focus = Focus(title="Step 4 of 9: Dushanbe", link="story?story=4")
    html = base64.b64decode(make_download_file(DownloadRequest("html", 1), corpus, *geodata, vs.ViewState(),
                                               base="http://example.org/app/", made=MADE, focus=focus)["data"])
    assert b"http://example.org/app/story?story=4" in html
    bare = base64.b64decode(make_download_file(DownloadRequest("html", 1), corpus, *geodata, vs.ViewState(),
                                               base=None, made=MADE, focus=focus)["data"])
    assert b"story?story=4" not in bare
