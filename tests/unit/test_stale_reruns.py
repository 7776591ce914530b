"""The server drops a fragment's rerun sent for a page the reader has already left (dashboard/stale_reruns.py), and
nothing else: the page asked for by a full run, or named by the server's navigation, is the page."""

from __future__ import annotations

import asyncio
import logging

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from dashboard.stale_reruns import Pages, StaleReruns

MAP, CHARTS, STORY, MAIN = "map-hash", "charts-hash", "story-hash", "main-hash"
FRAGMENT = "live-fragment"


def rerun(page: str = "", fragment: str = "") -> bytes:
    message = BackMsg()
    message.rerun_script.page_script_hash = page
    message.rerun_script.fragment_id = fragment
    return message.SerializeToString()


def navigation(page: str) -> bytes:
    message = ForwardMsg()
    message.navigation.page_script_hash = page
    return message.SerializeToString()


def new_session(page: str) -> bytes:
    message = ForwardMsg()
    message.new_session.page_script_hash = page
    return message.SerializeToString()


def loaded(page: str) -> Pages:
    """A session whose first load (no page asked for by its hash) showed `page`."""
    pages = Pages()
    assert not pages.stale(rerun())
    pages.sent(new_session(MAIN))  # a first run starts as the main script's
    pages.sent(navigation(page))
    return pages


def test_a_fragments_rerun_for_the_page_shown_goes_through():
    assert not loaded(MAP).stale(rerun(MAP, FRAGMENT))


def test_after_a_page_link_the_page_lefts_fragment_reruns_are_dropped_the_new_pages_are_not():
    pages = loaded(MAP)
    assert not pages.stale(rerun(CHARTS))                 # the link to Charts: a full run, never dropped
    assert pages.stale(rerun(MAP, FRAGMENT))              # the map's change, sent just after
    pages.sent(new_session(CHARTS))
    assert pages.stale(rerun(MAP, FRAGMENT))              # still the map's, however late
    pages.sent(navigation(CHARTS))
    assert not pages.stale(rerun(CHARTS, FRAGMENT))       # the Charts page's own change
    assert not pages.stale(rerun(MAP))                    # back to the map: a full run
    assert not pages.stale(rerun(MAP, FRAGMENT))
    assert pages.stale(rerun(CHARTS, FRAGMENT))


def test_a_full_rerun_of_the_page_shown_keeps_its_fragments():
    pages = loaded(MAP)
    assert not pages.stale(rerun(MAP))                    # a widget outside the fragments (the language)
    assert not pages.stale(rerun(MAP, FRAGMENT))


def test_the_page_the_server_shows_instead_of_the_one_asked_for_is_kept():
    # A link to a page the server does not have: it shows its default page and says so in its navigation.
    pages = loaded(MAP)
    assert not pages.stale(rerun(STORY))
    pages.sent(navigation(MAP))
    assert not pages.stale(rerun(MAP, FRAGMENT))
    assert not pages.stale(rerun(STORY, FRAGMENT))


def test_until_a_page_is_known_nothing_is_dropped():
    pages = Pages()
    assert not pages.stale(rerun(MAP, FRAGMENT))
    assert not pages.stale(rerun())                       # a reload: no page asked for by its hash
    assert not pages.stale(rerun(CHARTS, FRAGMENT))


@pytest.mark.parametrize("data", [None, b"", b"\xff\xff\xff", b"text", BackMsg(stop_script=True).SerializeToString()])
def test_any_other_message_from_the_browser_goes_through_and_changes_nothing(data):
    pages = loaded(MAP)
    assert not pages.stale(rerun(CHARTS))
    assert not pages.stale(data)
    assert pages.current == {CHARTS}
    assert pages.stale(rerun(MAP, FRAGMENT))              # the page left is still the page left


@pytest.mark.parametrize("data", [None, b"", b"\xff\xff\xff", new_session(CHARTS), ForwardMsg().SerializeToString()])
def test_a_message_to_the_browser_other_than_its_navigation_changes_nothing(data):
    pages = loaded(MAP)
    pages.sent(data)
    assert pages.current == {MAP}
    assert pages.stale(rerun(CHARTS, FRAGMENT))


def _through(messages: list[dict], scope: dict, sent: list[dict] | None = None) -> tuple[list[dict], list[dict], dict]:
    """Through the middleware: what the app receives of `messages`, what the browser is sent of what the app sends
    (`sent`, before it reads anything), and the scope the app is given."""
    got, out, given = [], [], {}

    async def app(scope, receive, send):
        given["scope"] = scope
        for message in sent or []:
            await send(message)
        while (message := await receive())["type"] != "websocket.disconnect":
            got.append(message)

    queue = [*messages, {"type": "websocket.disconnect"}]

    async def receive():
        return queue.pop(0)

    async def send(message):
        out.append(message)

    asyncio.run(StaleReruns(app)(scope, receive, send))
    return got, out, given["scope"]


STREAM = {"type": "websocket", "path": "/base/_stcore/stream"}


def test_the_middleware_drops_the_left_pages_rerun_on_the_stream_and_passes_everything_else(caplog):
    caplog.set_level(logging.INFO, logger="dashboard.stale_reruns")
    to_browser = [{"type": "websocket.accept"}, {"type": "websocket.send", "bytes": navigation(MAP)}]
    messages = [{"type": "websocket.receive", "bytes": rerun(MAP, FRAGMENT)},
                {"type": "websocket.receive", "bytes": rerun(CHARTS, FRAGMENT)},   # the server shows the map
                {"type": "websocket.receive", "bytes": rerun(CHARTS)},
                {"type": "websocket.receive", "bytes": rerun(MAP, FRAGMENT)},
                {"type": "websocket.receive", "text": "hello"},
                {"type": "websocket.receive", "bytes": rerun(CHARTS, FRAGMENT)}]
    got, out, scope = _through(messages, STREAM, to_browser)
    assert got == [messages[0], messages[2], messages[4], messages[5]]
    assert out == to_browser
    assert scope is STREAM
    assert caplog.messages == ["Dropped a fragment's rerun sent for a page the reader has left."] * 2


@pytest.mark.parametrize("scope", [{"type": "websocket", "path": "/elsewhere"}, {"type": "websocket"},
                                   {"type": "http", "path": "/_stcore/stream"}])
def test_the_middleware_leaves_every_other_connection_alone(scope):
    to_browser = [{"type": "websocket.send", "bytes": navigation(MAP)}]
    messages = [{"type": "websocket.receive", "bytes": rerun(CHARTS, FRAGMENT)},
                {"type": "websocket.receive", "bytes": rerun(CHARTS)},
                {"type": "websocket.receive", "bytes": rerun(MAP, FRAGMENT)}]
    got, out, given = _through(messages, scope, to_browser)
    assert got == messages
    assert out == to_browser
    assert given is scope
