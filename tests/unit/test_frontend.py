"""The browser's own files, and the pages put together from them (dashboard/frontend.py)."""

from __future__ import annotations

import json
import re

import pytest

from dashboard import frontend


def config_of(page: str, stem: str) -> object:
    """The JSON configuration a page's script reads."""
    found = re.search(rf'<script type="application/json" id="{stem}-config">(.*?)</script>', page, re.S)
    assert found, f"no configuration element for {stem}"
    return json.loads(found.group(1))


def test_a_static_file_is_read_once_per_process():
    assert frontend.read_static("page.css") is frontend.read_static("page.css")
    assert frontend.read_static("page.css") == (frontend.STATIC_APP / "page.css").read_text(encoding="utf-8")


def test_a_missing_static_file_is_an_error_not_an_empty_page():
    with pytest.raises(OSError):
        frontend.read_static("no-such-file.js")


def test_the_share_box_has_a_labelled_link_a_copy_button_and_a_citation():
    page = frontend.static_page("share-box", {"version": "2026-12-05.1"})
    assert '<textarea id="link" rows="3" readonly aria-label="Link to this view">' in page
    assert '<button id="copy">Copy link</button>' in page
    assert 'aria-label="Citation of this view"' in page
    assert config_of(page, "share-box") == {"version": "2026-12-05.1"}
    # The script comes after the elements and the configuration it reads.
    assert page.index("share-box-config") < page.index("navigator.clipboard") and page.index('id="cite"') < page.index(
        "navigator.clipboard")


@pytest.mark.parametrize("version", [
    "</script><script>alert(1)</script>",  # would end the configuration's element and run
    "<!--",                                 # would open a comment that swallows the script
    "\u2028 ' \" & \\",                     # JSON's and JavaScript's awkward characters
])
def test_a_hostile_configuration_stays_data(version):
    page = frontend.static_page("share-box", {"version": version})
    assert config_of(page, "share-box") == {"version": version}
    assert page.count("</script>") == 2 and "<!--" not in page


def test_the_watchdog_says_so_when_the_map_never_arrives_after_its_delay():
    from dashboard.ui.watchdog import watchdog_message

    page = frontend.static_page("watchdog", {"delay": 20000, "message": watchdog_message()})
    assert '<div id="map-watchdog" role="alert"></div>' in page
    assert config_of(page, "watchdog")["delay"] == 20000
    assert config_of(page, "watchdog")["message"].startswith("The map could not be drawn: its scripts did not load.")
    assert "#map-watchdog { display: none;" in page  # hidden until then


def test_a_page_without_configuration_carries_no_configuration_element():
    # The reader's page needs none: no empty JSON element is sent with every article.
    page = frontend.static_page("reader")
    assert "reader-config" not in page and '<div id="text"></div>' in page
    assert page.index("<style>") < page.index('id="info"') < page.index("<script>")


@pytest.mark.parametrize("name", sorted(p.name for p in frontend.STATIC_APP.glob("*.css")))
def test_no_style_sheet_holds_what_st_htmls_sanitizer_drops_it_for(name):
    # DOMPurify (st.html) removes a <style> whose text looks like a tag ("<head>" in a comment, "</"): the pages'
    # styles then vanished whole, and every focus ring with them.
    assert not re.search(r"<[/\w!]", frontend.read_static(name)), name
