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
    # The embed code carries the embed options Streamlit takes, and only those (share-box.js).
    assert config(page, "share-box") == {"version": cached.get_corpus().version, "height": 760, "lang": None,
                                         "embedOptions": ["show_toolbar", "show_padding", "disable_scrolling",
                                                          "light_theme", "hide_loading_screen",
                                                          "show_loading_screen_v1", "show_loading_screen_v2"],
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


def test_the_share_boxs_citation_dates_the_view_in_the_pages_words(app):
    # The citation is free-form, read by people: its day as dates.format_date writes it, in Russian in full words.
    app.query_params["lang"] = "ru"
    at = app.run()
    assert not at.exception
    [box] = at.get("iframe")
    words = config(box.proto.srcdoc, "share-box")["words"]
    assert words["days"][2] == "{d} марта {y}\u202fг." and words["days"][11] == "{d} декабря {y}\u202fг."
    assert "words.days[d.getMonth()]" in box.proto.srcdoc and "padStart" not in box.proto.srcdoc
    from dashboard import i18n
    from dashboard.ui.share import share_box_words

    with i18n.override("en"):
        assert share_box_words()["days"][2] == "{d} Mar {y}"
