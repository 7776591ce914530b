"""The map page's share box and watchdog: pages of their own (static/app/), given their settings as JSON."""

from __future__ import annotations

from tests.unit.test_frontend import config_of as config


def test_the_share_box_cites_the_corpus_version(app):
    at = app.run()
    assert not at.exception
    from dashboard.ui import cached

    [box] = at.get("iframe")
    page = box.proto.srcdoc
    from dashboard.ui.share import share_box_words

    # English: the link is the address bar's own (no lang= added); the words are the page's.
    assert config(page, "share-box") == {"version": cached.get_corpus().version, "height": 760, "lang": None,
                                         "words": share_box_words()}
    assert share_box_words()["copy"] == "Copy link"
    assert 'aria-label="Link to this view"' in page and 'aria-label="Citation of this view"' in page
    assert ">Copy link</button>" in page
    # Issue 28: the code that embeds the view, with its own copy button.
    assert 'aria-label="HTML code that embeds this view in a page"' in page and ">Copy embed code</button>" in page


def test_the_map_page_watches_for_a_map_that_never_arrives(app):
    at = app.run()
    assert not at.exception
    [watchdog] = [e for e in at.get("html") if "map-watchdog" in e.proto.body]
    said = config(watchdog.proto.body, "watchdog")
    assert said["delay"] == 20000
    assert said["message"].startswith("The map could not be drawn: its scripts did not load.")
