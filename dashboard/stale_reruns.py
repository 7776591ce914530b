"""Drops the reruns a page the reader has already left still sends (``dashboard/serve.py`` mounts it).

A change made on a page reruns that page's fragment: the browser sends the fragment's id with the page it is on.
Streamlit's page sends such a rerun for the page it is leaving when a change comes in just after a page link was
clicked (a click on the map whose message left the map's frame a moment after the reader clicked "Charts"). The
server queues it behind the new page's run and then runs it as a run of the old page; the browser, told that a run
of another page has started, clears the page it has just drawn. The reader saw an empty page, with nothing left
to click but the page links (CI of 547587d and of 81fd25c: the embedded Charts page; reproduced at will in
``tests/e2e/test_navigation.py``).

This ASGI middleware watches each session's stream: the page a full run was asked for (a page link, the history's
back button, a rerun of the whole app) and the page the server then says it shows (its ``navigation`` message,
which also settles a first load or an unknown page). A fragment's rerun for any other page is dropped, as
Streamlit itself drops one for a fragment that no longer exists. Every other message passes unchanged; a message
it cannot read passes too.

Knows ASGI and Streamlit's messages (``streamlit.proto``), not the app.
"""

from __future__ import annotations

import logging

from google.protobuf.message import DecodeError
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from dashboard.first_paint import ASGIApp, Message, Receive, Scope, Send

LOGGER = logging.getLogger(__name__)
STREAM_PATH = "/_stcore/stream"


class Pages:
    """One session's pages, as its stream says them: `current` is the set of page script hashes the browser may
    rightly send a fragment's rerun for, or None while unknown (a first load asks for no page by its hash)."""

    def __init__(self) -> None:
        self.current: set[str] | None = None

    def stale(self, data: bytes | None) -> bool:
        """Whether a message from the browser (a serialized BackMsg) is a fragment's rerun for a page other than
        the one it has asked for since; a full run's request sets that page."""
        rerun = _rerun(data)
        if rerun is None:
            return False
        if not rerun.fragment_id:
            self.current = {rerun.page_script_hash} if rerun.page_script_hash else None
            return False
        return self.current is not None and rerun.page_script_hash not in self.current

    def sent(self, data: bytes | None) -> None:
        """Take note of a message to the browser (a serialized ForwardMsg): its ``navigation`` names the page
        shown. Added to, never replacing, the page asked for: a run the request cut short may still have its
        navigation on its way, and a page wrongly kept costs less than a page wrongly refused."""
        page = _navigation_page(data)
        if page:
            self.current = {page} if self.current is None else self.current | {page}


def _rerun(data: bytes | None):
    """The ClientState of a rerun request, or None for any other message or one that cannot be read."""
    if not data:
        return None
    message = BackMsg()
    try:
        message.ParseFromString(data)
    except DecodeError:
        return None
    return message.rerun_script if message.WhichOneof("type") == "rerun_script" else None


def _navigation_page(data: bytes | None) -> str:
    """The page script hash a ``navigation`` message names, or "" for any other message."""
    if not data:
        return ""
    message = ForwardMsg()
    try:
        message.ParseFromString(data)
    except DecodeError:
        return ""
    return message.navigation.page_script_hash if message.WhichOneof("type") == "navigation" else ""


class StaleReruns:
    """ASGI middleware: on Streamlit's stream (``/_stcore/stream``, at any base path), a fragment's rerun for a
    page other than the one the browser has asked for since (Pages) never reaches the app; everything else goes
    through unchanged."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "websocket" or not scope.get("path", "").endswith(STREAM_PATH):
            await self.app(scope, receive, send)
            return
        pages = Pages()

        async def from_browser() -> Message:
            while True:
                message = await receive()
                if message.get("type") == "websocket.receive" and pages.stale(message.get("bytes")):
                    LOGGER.info("Dropped a fragment's rerun sent for a page the reader has left.")
                    continue
                return message

        async def to_browser(message: Message) -> None:
            if message.get("type") == "websocket.send":
                pages.sent(message.get("bytes"))
            await send(message)

        await self.app(scope, from_browser, to_browser)
